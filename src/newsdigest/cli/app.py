"""The ``newsdigest`` command: its root, ``summarize``, and the other commands registered."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from newsdigest import __version__
from newsdigest.cli import batch, cache, config, digest, schema
from newsdigest.cli.console import colour_wanted, note, problem
from newsdigest.cli.usage import PanelledCommand, format_for, require_command
from newsdigest.cli.options import DebugOpt, OutputOpt, QuietOpt, build_backend, model_options, one_of
from newsdigest.errors import NewsdigestError, PartialFailure, UsageError
from newsdigest.settings import Settings

if TYPE_CHECKING:  # imported lazily where used, so that --help stays instant
    from newsdigest.schema import ArticleDigest

app = typer.Typer(
    name="newsdigest",
    help="What a news article says, and who says it: a neutral summary, every claim with its "
    "attribution and verbatim evidence, and the contradictions.",
    invoke_without_command=True,
    rich_markup_mode=None,  # plain help: rich's formatting doubled the start-up time of --help
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsdigest {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newsdigest: grounded claims, attributions and contradictions from news articles."""
    require_command(ctx)


@app.command(cls=PanelledCommand)
@model_options()
def summarize(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH_OR_URL...", help="Article files or http(s) URLs; '-' reads one article from stdin.")],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help=(
        "text | md | json | jsonl (one object per line, however many articles) | html (each article annotated). "
        "Default: from the -o suffix, else text on a terminal, json when piped."))] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put the decoded text in the JSON as article.text.")
    ] = False,
    output: OutputOpt = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours in text output (also: NO_COLOR=1).")] = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
    *,
    run: Settings,
) -> None:
    """Analyse articles: summary, attributed claims with evidence, contradictions.

    Each run reads the articles afresh (nothing is cached; `digest` caches its results).

    Examples:

      newsdigest summarize article.txt

      newsdigest summarize https://example.org/news/story.html -o story.html

      newsdigest summarize a.txt b.txt --format jsonl | jq '.claims[].attribution.source'

      newsdigest summarize article.txt --base-url http://127.0.0.1:8080/v1 --model qwen2.5

      newsdigest summarize article.txt --backend llamacpp --model-path model.gguf
    """
    from newsdigest import outfile, pipeline
    from newsdigest.cli import per_item
    from newsdigest.prompts import PromptStore
    from newsdigest.render import FORMATS, renderer
    from newsdigest.render import text as text_render
    from newsdigest.schema import ArticleDigest
    from newsdigest.text import article as article_io
    from newsdigest.text import fetch
    from newsdigest.text.article import printable

    fmt = fmt or format_for(output, _SUFFIX_FORMATS, "summarize") or ("text" if sys.stdout.isatty() else "json")
    one_of("format", fmt, FORMATS)
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    if "-" in paths and sys.stdin is not None and sys.stdin.isatty():
        note("reading an article from the terminal: paste it, then press Ctrl-D (Ctrl-Z Enter on Windows)")
    failed: dict[str, NewsdigestError] = {}

    def noted(label: str, err: NewsdigestError) -> None:
        failed[label] = err
        problem(f"error: {per_item.line(label, err)}")

    outfile.refuse_overwrite([output], [Path(p) for p in paths if p != "-" and not fetch.is_url(p)])
    # Read every article before building a backend: bad input fails fast and costs nothing.
    one = len(paths) == 1
    articles = per_item.run(paths, fetch.load, fail_fast=one, name=printable, report=noted)
    prompts = PromptStore()
    chosen = build_backend(run, prompts)

    def summarized(art: article_io.Article) -> ArticleDigest:
        # The HTML view shows the article itself, so it needs the text.
        with_text = include_text or fmt == "html"
        return pipeline.summarize(art, chosen, prompts, prompt=run.prompt, include_text=with_text)

    digests = per_item.run(articles, summarized, fail_fast=one, name=lambda art: art.source, report=noted)
    if fmt == "jsonl":
        outfile.write(_jsonl(paths, digests, failed), output)
    elif fmt == "text":
        outfile.write(text_render.render(digests, colour=output is None and colour_wanted(no_color)), output)
    elif digests:
        outfile.write(renderer(fmt, several=not one)(digests), output)
    if failed:
        if not digests:
            raise type(next(iter(failed.values())))(f"all {len(paths)} articles failed (errors above)")
        raise PartialFailure(f"{len(failed)} of {len(paths)} articles failed; the others were written")


_SUFFIX_FORMATS = {".txt": "text", ".md": "md", ".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}


def _jsonl(paths: list[str], digests: list[ArticleDigest], failed: dict[str, NewsdigestError]) -> str:
    """A line for every path in their order: its result, or its error record."""
    from newsdigest.digest.inputs import Item
    from newsdigest.digest.runner import error_record
    from newsdigest.render import jsonl
    from newsdigest.text import fetch
    from newsdigest.text.article import printable

    by_source = {d.article.source: d for d in digests}
    lines = []
    for path in paths:
        shown = printable(path)  # as the article names its source: a file name's bytes that are not UTF-8 escaped
        if shown in by_source:
            lines.append(jsonl.line(by_source[shown]))
        elif shown in failed:
            article_id = fetch.id_for(path) if fetch.is_url(path) else printable(Path(path).stem) or "stdin"
            lines.append(jsonl.line(error_record(Item(id=article_id, source=shown), failed[shown])))
    return "".join(lines)


app.command(cls=PanelledCommand)(digest.digest)
app.add_typer(batch.app, name="batch")
app.add_typer(cache.app, name="cache")
app.command("config")(config.show_config)
app.command("schema")(schema.show_schema)
