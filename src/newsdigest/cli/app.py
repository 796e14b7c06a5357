"""The ``newsdigest`` command: its root, ``summarize``, and the other commands registered."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsdigest import __version__
from newsdigest.cli import batch, cache, config, digest
from newsdigest.cli.console import problem, write
from newsdigest.cli.usage import PanelledCommand, require_command
from newsdigest.cli.options import DebugOpt, ModelOptions, OutputOpt, QuietOpt, build_backend, model_options, one_of
from newsdigest.errors import NewsdigestError, PartialFailure, UsageError

app = typer.Typer(
    name="newsdigest",
    help="What a news article says, and who says it: a neutral summary, every claim with its "
    "attribution and verbatim evidence, and the contradictions.",
    invoke_without_command=True,
    rich_markup_mode=None,  # plain help: rich's formatting doubled the start-up time of --help
    add_completion=False,
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
@model_options
def summarize(
    paths: Annotated[list[str], typer.Argument(help="Article files; '-' reads one article from stdin.")],
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", help="json | md | text. Default: text on a terminal, json when piped.")
    ] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put the decoded text in the JSON as article.text.")
    ] = False,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
    *,
    run: ModelOptions,
) -> None:
    """Analyse articles: summary, attributed claims with evidence, contradictions.

    Examples:

      newsdigest summarize article.txt

      newsdigest summarize a.txt b.txt --format json | jq '.[].claims[].attribution.source'

      newsdigest summarize article.txt --base-url http://127.0.0.1:8080/v1 --model qwen2.5

      newsdigest summarize article.txt --backend llamacpp --model-path model.gguf
    """
    from newsdigest import pipeline
    from newsdigest.cli import per_item
    from newsdigest.prompts import PromptStore
    from newsdigest.render import FORMATS, renderer
    from newsdigest.schema import ArticleDigest
    from newsdigest.text import article as article_io

    fmt = fmt or _default_format(output)
    one_of("format", fmt, FORMATS)
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    failures: list[NewsdigestError] = []

    def noted(line: str) -> None:
        problem(f"error: {line}")

    # Read every article before building a backend: bad input fails fast and costs nothing.
    one = len(paths) == 1
    articles = per_item.run(paths, article_io.load, failures, fail_fast=one, name=str, report=noted)
    prompts = PromptStore()
    _, chosen = build_backend(run, prompts)

    def summarized(art: article_io.Article) -> ArticleDigest:
        return pipeline.summarize(art, chosen, prompts, prompt=run.prompt, include_text=include_text)

    digests = per_item.run(articles, summarized, failures, fail_fast=one, name=lambda art: art.source, report=noted)
    if digests:
        write(renderer(fmt, several=not one)(digests), output)
    if failures:
        if not digests:
            raise type(failures[0])(f"all {len(paths)} articles failed (errors above)")
        raise PartialFailure(f"{len(failures)} of {len(paths)} articles failed; the others were written")


def _default_format(output: Path | None) -> str:
    if output is not None:
        return {".md": "md", ".txt": "text"}.get(output.suffix, "json")
    return "text" if sys.stdout.isatty() else "json"


app.command(cls=PanelledCommand)(digest.digest)
app.add_typer(batch.app, name="batch")
app.add_typer(cache.app, name="cache")
app.command("config")(config.show_config)
