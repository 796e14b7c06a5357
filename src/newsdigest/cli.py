"""Command line: parse options, call the pipeline, render. No business logic lives here.

Errors are turned into one-line messages and exit codes in one place, ``main``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Callable, Optional, TypeVar

import typer

from newsdigest import __version__
from newsdigest.errors import NewsdigestError, PartialFailure, UsageError

T = TypeVar("T")
R = TypeVar("R")

app = typer.Typer(
    name="newsdigest",
    help="What a news article says, and who says it: a neutral summary, every claim with its "
    "attribution and verbatim evidence, and the contradictions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_BACKEND_HELP = (
    "auto = openai when a base URL or OPENAI_API_KEY is set, else llamacpp when a model path is set, "
    "else the built-in offline engine; "
    "openai = any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio); "
    "llamacpp = a GGUF model run in this process (pip install 'newsdigest[local]')."
)
_N_CTX_HELP = (
    "The model's context window in tokens; longer articles are read in chunks that fit. "
    "Default: 8192 for a server (whose real size the API does not report); "
    "for llamacpp the model's own context, at most 8192."
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsdigest {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """newsdigest: grounded claims, attributions and contradictions from news articles."""


@app.command()
def summarize(
    paths: Annotated[list[str], typer.Argument(help="Article files; '-' reads one article from stdin.")],
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", help="json | md | text. Default: text on a terminal, json when piped.")
    ] = None,
    backend: Annotated[str, typer.Option(help=_BACKEND_HELP)] = "auto",
    model: Annotated[Optional[str], typer.Option(help="Model name. Env: NEWSDIGEST_MODEL.")] = None,
    base_url: Annotated[
        Optional[str],
        typer.Option(help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. Env: NEWSDIGEST_BASE_URL, OPENAI_BASE_URL."),
    ] = None,
    model_path: Annotated[
        Optional[str], typer.Option(help="llamacpp: the GGUF model file. Env: NEWSDIGEST_MODEL_PATH.")
    ] = None,
    n_ctx: Annotated[Optional[int], typer.Option(min=512, help=_N_CTX_HELP)] = None,
    threads: Annotated[
        Optional[int],
        typer.Option(min=1, help="llamacpp: CPU threads (default: all available cores; use fewer "
                     "when other programs keep the cores busy, as llama.cpp slows down sharply then)."),
    ] = None,
    prompt: Annotated[str, typer.Option(help="Prompt NAME or NAME@VERSION (default: newest version).")] = "extract",
    mode: Annotated[str, typer.Option(help="Structured output: tools (function calling) or json.")] = "tools",
    reasks: Annotated[int, typer.Option(min=0, max=10, help="Re-asks when the answer fails validation.")] = 2,
    max_tokens: Annotated[int, typer.Option(min=256, help="Cap on tokens per model answer.")] = 3000,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for one model answer.")] = 600.0,
    retries: Annotated[
        int, typer.Option(min=0, max=10, help="Transport retries per article (429, 5xx, timeouts), with backoff.")
    ] = 3,
    retry_backoff: Annotated[float, typer.Option(min=0, hidden=True, help="First retry wait in seconds.")] = 1.0,
    include_text: Annotated[bool, typer.Option(help="Put the decoded text in the JSON as article.text.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks and debug logs.")] = False,
) -> None:
    """Analyse articles: summary, attributed claims with evidence, contradictions.

    Examples:

      newsdigest summarize article.txt

      newsdigest summarize a.txt b.txt --format json | jq '.[].claims[].attribution.source'

      newsdigest summarize article.txt --base-url http://127.0.0.1:8080/v1 --model qwen2.5

      newsdigest summarize article.txt --backend llamacpp --model-path model.gguf
    """
    from newsdigest import article as article_io
    from newsdigest import config, llm, pipeline
    from newsdigest.backends import factory
    from newsdigest.prompts import PromptStore
    from newsdigest.render import FORMATS, renderer
    from newsdigest.schema import ArticleDigest

    fmt = fmt or _default_format(output)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}")
    if mode not in llm.MODES:
        raise UsageError(f"unknown mode {mode!r}", hint=f"choose one of: {', '.join(llm.MODES)}")
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    failures: list[NewsdigestError] = []
    # Read every article before building a backend: bad input fails fast and costs nothing.
    one = len(paths) == 1
    articles = _each(paths, article_io.load, failures, fail_fast=one, name=str)
    cfg = config.resolve(
        backend=backend, model=model, base_url=base_url, model_path=model_path, mode=mode, reasks=reasks,
        max_tokens=max_tokens, timeout_s=timeout, transport_retries=retries, retry_backoff_s=retry_backoff,
        n_ctx=n_ctx, threads=threads,
    )
    if backend == "auto" and cfg.backend == "offline":
        _note("no model configured: using the built-in offline engine "
              "(for a model: --base-url URL --model NAME, or set OPENAI_API_KEY)")
    chosen = factory.create(cfg)
    prompts = PromptStore()
    prompts.get(prompt)  # a bad --prompt fails before any work, whichever backend

    def digest(art: article_io.Article) -> ArticleDigest:
        return pipeline.summarize(art, chosen, prompts, prompt=prompt, include_text=include_text)

    digests = _each(articles, digest, failures, fail_fast=one, name=lambda art: art.source)
    if digests:
        _write(renderer(fmt, several=not one)(digests), output)
    if failures:
        if not digests:
            raise type(failures[0])(f"all {len(paths)} articles failed (errors above)")
        raise PartialFailure(f"{len(failures)} of {len(paths)} articles failed; the others were written")


def _each(
    items: list[T], work: Callable[[T], R], failures: list[NewsdigestError], *, fail_fast: bool, name: Callable[[T], str]
) -> list[R]:
    """``work`` on every item; unless ``fail_fast``, an item's error is noted (naming the item)
    and the rest go on."""
    results = []
    for item in items:
        try:
            results.append(work(item))
        except NewsdigestError as err:
            if fail_fast:
                raise
            failures.append(err)
            label, message = name(item), str(err)
            _note(f"error: {message if message.startswith(label) else f'{label}: {message}'}")
    return results


@app.command("config")
def show_config(
    backend: Annotated[str, typer.Option(help=_BACKEND_HELP)] = "auto",
    model: Annotated[Optional[str], typer.Option(help="Model name. Env: NEWSDIGEST_MODEL.")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as a JSON object.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks and debug logs.")] = False,
) -> None:
    """Show the settings summarize would use (options over environment over defaults); secrets masked."""
    import json

    from newsdigest import config

    settings = config.describe(config.resolve(backend=backend, model=model, base_url=base_url))
    if as_json:
        typer.echo(json.dumps(settings, indent=2))
        return
    width = max(map(len, settings))
    for name, value in settings.items():
        typer.echo(f"{name:<{width}}  {value if value is not None else '-'}")


def _default_format(output: Path | None) -> str:
    if output is not None:
        return {".md": "md", ".txt": "text"}.get(output.suffix, "json")
    return "text" if sys.stdout.isatty() else "json"


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # Write then rename, so an interrupted run never leaves half a file behind.
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"cannot write {output}: {exc.strerror}", hint="check the directory exists and is writable") from exc


def _note(message: str) -> None:
    from newsdigest.secrets import redact

    typer.echo(f"newsdigest: {redact(message)}", err=True)


def _show_traceback() -> None:
    """The current exception's traceback, secrets redacted (a server may echo a key back)."""
    import traceback

    from newsdigest.secrets import redact

    sys.stderr.write(redact(traceback.format_exc()))


def _configure_logging(debug: bool) -> None:
    from newsdigest.secrets import RedactingFilter

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    logging.basicConfig(level=logging.DEBUG if debug else logging.CRITICAL, handlers=[handler], force=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every error into one line and an exit code."""
    import click

    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _configure_logging(debug)
    try:
        code = typer.main.get_command(app).main(args=args, prog_name="newsdigest", standalone_mode=False)
    except NewsdigestError as err:
        if debug:
            _show_traceback()
        _note(f"error: {err}")
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        _note("interrupted")
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        _note("interrupted")
        sys.exit(130)
    except Exception as err:  # a bug: say so briefly, the traceback is one flag away
        if debug:
            _show_traceback()
            sys.exit(1)
        _note(f"internal error: {type(err).__name__}: {err} (rerun with --debug for the traceback)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
