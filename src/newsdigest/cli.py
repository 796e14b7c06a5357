"""Command line: parse options, call the pipeline, render. No business logic lives here.

Errors are turned into one-line messages and exit codes in one place, ``main``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterable, Optional, get_type_hints

import typer

from newsdigest import __version__
from newsdigest.errors import NewsdigestError, PartialFailure, UsageError

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.digest.crosscheck import Checker
    from newsdigest.digest.report import Digest
    from newsdigest.digest.runner import Outcome
    from newsdigest.config import Config
    from newsdigest.prompts import PromptStore

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
    "llamacpp = a GGUF model run in this process (pip install 'newsdigest\\[local]')."
)
_N_CTX_HELP = (
    "The model's context window in tokens; longer articles are read in chunks that fit. "
    "Default: 8192 for a server (whose real size the API does not report); "
    "for llamacpp the model's own context, at most 8192."
)




def _model_option(help: str, **limits: Any) -> Any:  # noqa: A002 - typer's name for it
    """An option of every command that runs a model; --help shows these in their own panel."""
    return typer.Option(rich_help_panel="Model", help=help, **limits)


BackendOpt = Annotated[str, _model_option(_BACKEND_HELP)]
ModelOpt = Annotated[Optional[str], _model_option("Model name. Env: NEWSDIGEST_MODEL.")]
BaseUrlOpt = Annotated[Optional[str], _model_option(
    "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. Env: NEWSDIGEST_BASE_URL, OPENAI_BASE_URL.")]
ModelPathOpt = Annotated[Optional[str], _model_option("llamacpp: the GGUF model file. Env: NEWSDIGEST_MODEL_PATH.")]
NCtxOpt = Annotated[Optional[int], _model_option(_N_CTX_HELP, min=512)]
ThreadsOpt = Annotated[Optional[int], _model_option(
    "llamacpp: CPU threads (default: all available cores; use fewer when other programs keep the cores busy, "
    "as llama.cpp slows down sharply then).", min=1)]
PromptOpt = Annotated[str, _model_option("Prompt NAME or NAME@VERSION (default: newest version).")]
ModeOpt = Annotated[str, _model_option("Structured output: tools (function calling) or json.")]
ReasksOpt = Annotated[int, _model_option("Re-asks when the answer fails validation.", min=0, max=10)]
MaxTokensOpt = Annotated[int, _model_option("Cap on tokens per model answer.", min=256)]
TimeoutOpt = Annotated[float, _model_option("Seconds to wait for one model answer.", min=0.1)]
RetriesOpt = Annotated[int, _model_option("Transport retries per article (429, 5xx, timeouts), with backoff.", min=0, max=10)]
RetryBackoffOpt = Annotated[float, _model_option("First retry wait in seconds.", min=0, hidden=True)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
JsonlRootOpt = Annotated[Optional[Path], typer.Option(help=(
    'The folder JSONL records\' "path" fields must lie in. Default: the JSONL file\'s own folder (stdin: the current one).'))]
# Flags without a --no- twin: they are off unless given, and the twin would only widen --help.
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")]


@dataclass(frozen=True)
class ModelOptions:
    """How a command that runs a model runs it, as given on its command line."""

    backend: BackendOpt = "auto"
    model: ModelOpt = None
    base_url: BaseUrlOpt = None
    model_path: ModelPathOpt = None
    n_ctx: NCtxOpt = None
    threads: ThreadsOpt = None
    prompt: PromptOpt = "extract"
    mode: ModeOpt = "tools"
    reasks: ReasksOpt = 2
    max_tokens: MaxTokensOpt = 3000
    timeout: TimeoutOpt = 600.0
    retries: RetriesOpt = 3
    retry_backoff: RetryBackoffOpt = 1.0


def _model_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with ``ModelOptions``' fields as its own options (after the ones it declares),
    handed to it together as ``run``: one declaration for every command that runs a model."""
    hints = get_type_hints(ModelOptions, include_extras=True)
    shared = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
        for f in dataclasses.fields(ModelOptions)
    ]
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "run"]

    @functools.wraps(command)
    def with_model_options(**options: Any) -> None:
        run = ModelOptions(**{f.name: options.pop(f.name) for f in dataclasses.fields(ModelOptions)})
        command(**options, run=run)

    with_model_options.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    return with_model_options


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
@_model_options
def summarize(
    paths: Annotated[list[str], typer.Argument(help="Article files; '-' reads one article from stdin.")],
    fmt: Annotated[
        Optional[str], typer.Option("--format", "-f", help="json | md | text. Default: text on a terminal, json when piped.")
    ] = None,
    include_text: Annotated[
        bool, typer.Option("--include-text", help="Put the decoded text in the JSON as article.text.")
    ] = False,
    output: OutputOpt = None,
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
    from newsdigest import article as article_io
    from newsdigest import outfile, per_item, pipeline
    from newsdigest.prompts import PromptStore
    from newsdigest.render import FORMATS, renderer
    from newsdigest.schema import ArticleDigest

    fmt = fmt or _default_format(output)
    _one_of("format", fmt, FORMATS)
    if paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given only once")
    failures: list[NewsdigestError] = []

    def noted(line: str) -> None:
        _note(f"error: {line}")

    outfile.refuse_overwrite([output], [Path(p) for p in paths if p != "-"])
    # Read every article before building a backend: bad input fails fast and costs nothing.
    one = len(paths) == 1
    articles = per_item.run(paths, article_io.load, failures, fail_fast=one, name=str, report=noted)
    prompts = PromptStore()
    _, chosen = _backend(run, prompts)

    def digest(art: article_io.Article) -> ArticleDigest:
        return pipeline.summarize(art, chosen, prompts, prompt=run.prompt, include_text=include_text)

    digests = per_item.run(articles, digest, failures, fail_fast=one, name=lambda art: art.source, report=noted)
    if digests:
        outfile.write(renderer(fmt, several=not one)(digests), output)
    if failures:
        if not digests:
            raise type(failures[0])(f"all {len(paths)} articles failed (errors above)")
        raise PartialFailure(f"{len(failures)} of {len(paths)} articles failed; the others were written")


_SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".eml": "eml"}


@app.command()
@_model_options
def digest(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories (*.txt/*.html/*.md, recursively), globs, JSONL files of "
        '{"id", "text" | "path", "title"?, "url"?, "published"?}, or \'-\' (paths or JSONL on stdin).')],
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help=(
        "jsonl (one line per article, streamed as each finishes; no cross-article analysis) | json | md | html | "
        "eml. Default: from the -o suffix, else md on a terminal, jsonl when piped."))] = None,
    output: OutputOpt = None,
    to: Annotated[Optional[list[str]], typer.Option("--to", help="Mail the digest to this address (repeatable).")] = None,
    smtp_host: Annotated[Optional[str], typer.Option(help="SMTP server for --to.")] = None,
    smtp_port: Annotated[Optional[int], typer.Option(help="Default: 587 (STARTTLS), 465 (--smtp-ssl), 25 (--no-smtp-starttls).")] = None,
    smtp_user: Annotated[Optional[str], typer.Option(help="SMTP login; the password is read from NEWSDIGEST_SMTP_PASSWORD.")] = None,
    smtp_starttls: Annotated[bool, typer.Option(help="Upgrade the SMTP connection with STARTTLS (off: a plain local relay).")] = True,
    smtp_ssl: Annotated[bool, typer.Option(help="Connect with implicit TLS instead of STARTTLS.")] = False,
    mail_from: Annotated[str, typer.Option(help="Sender address of the digest e-mail.")] = "newsdigest@localhost",
    concurrency: Annotated[Optional[int], typer.Option(min=1, max=256, help="Parallel model calls. Default: 4 for a model server, else 1.")] = None,
    cache: Annotated[Optional[Path], typer.Option(help="SQLite cache of model results. Default: in the user cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    crosscheck_limit: Annotated[int, typer.Option(min=0, help="Most claim pairs sent to the model to look for contradictions between articles.")] = 20,
    jsonl_root: JsonlRootOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    debug: DebugOpt = False,
    *,
    run: ModelOptions,
) -> None:
    """Digest many articles: per-article results, stories, contradictions between articles.

    A failing article becomes an error record (a JSONL line with "error", a section of the
    digest) and the others complete; the exit code is then 7. Results are cached, so a rerun
    or a resumed run redoes only what changed.

    Examples:

      newsdigest digest feed/ --format jsonl > results.jsonl

      newsdigest digest 'feed/**/*.txt' --format eml -o digest.eml

      newsdigest digest feed/ --to news@example.org --smtp-host smtp.example.org --smtp-user me
    """
    from newsdigest.digest import cache as cache_mod
    from newsdigest.digest import crosscheck, mail, runner
    from newsdigest.digest import inputs as inputs_mod
    from newsdigest.digest.progress import Progress
    from newsdigest.prompts import PromptStore
    from newsdigest.render import DIGEST_FORMATS
    from newsdigest.render import email as email_render

    if fmt is None and output is not None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), "md")
    fmt = fmt or ("eml" if to else "md" if sys.stdout.isatty() else "jsonl")
    _one_of("format", fmt, DIGEST_FORMATS)
    if to and fmt == "jsonl":
        raise UsageError("--to mails a whole digest, which jsonl is not", hint="drop --format jsonl")
    smtp = None
    if to:
        mail.check_addresses([*to, mail_from])
        security = "ssl" if smtp_ssl else "starttls" if smtp_starttls else "none"
        smtp = mail.SmtpSettings.resolve(host=smtp_host, port=smtp_port, security=security, user=smtp_user)
    prompts = PromptStore()
    cfg, chosen = _backend(run, prompts)
    store = None if no_cache else cache_mod.Cache(cache or cache_mod.default_path())
    job = runner.Job(
        backend=chosen, prompts=prompts, prompt_spec=run.prompt, cache=store,
        fingerprint=cache_mod.fingerprint(chosen, prompts.get(run.prompt)),
        # Only a server answers several requests at once; in this process they would queue.
        concurrency=concurrency or (4 if cfg.backend == "openai" else 1),
    )
    checker = crosscheck.Checker(chosen, prompts, store, job.concurrency, crosscheck_limit)
    with Progress(enabled=not quiet) as progress:
        items = inputs_mod.expand(inputs, sys.stdin and sys.stdin.buffer, outputs=[output], jsonl_root=jsonl_root)
        outcomes = runner.run(items, job)
        # With --to and no -o the digest is only mailed.
        report, failed, total = _emit(outcomes, fmt, output, checker, progress.update, write=bool(output or not to))
    if report and smtp and to:
        mail.send(email_render.message(report, sender=mail_from, recipients=to), smtp)
        _note(f"digest mailed to {', '.join(to)}")
    if failed:
        raise PartialFailure(f"{failed} of {total} articles failed; they are error records in the output")


def _emit(
    outcomes: Iterable[Outcome], fmt: str, output: Path | None, checker: Checker,
    on_result: Callable[[Outcome], None], *, write: bool = True,
) -> tuple[Digest | None, int, int]:
    """Stream JSONL lines, or assemble (and write) the digest: the digest (None for JSONL), failed, total."""
    from newsdigest import outfile
    from newsdigest.digest import assemble
    from newsdigest.render import digest_renderer, jsonl

    if fmt == "jsonl":
        failed = total = 0
        with outfile.opened(output) as out:
            for outcome in outcomes:
                on_result(outcome)
                out.write(jsonl.line(outcome.digest or outcome.error))  # type: ignore[arg-type]
                out.flush()
                failed, total = failed + (outcome.error is not None), total + 1
        report = None
    else:
        report = assemble.assemble(outcomes, checker, on_result)
        failed, total = len(report.errors), len(report.errors) + len(report.articles)
        if write and total:
            outfile.write(digest_renderer(fmt)(report), output)
    if not total:
        raise UsageError("no articles found in the inputs", hint="name .txt/.html/.md files, directories or JSONL files")
    return report, failed, total


batch_app = typer.Typer(
    help="Scale-out: write OpenAI Batch API requests (also read by 'vllm run-batch'), then digest the results.",
    no_args_is_help=True,
)
cache_app = typer.Typer(help="The SQLite cache of model results.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")
app.add_typer(cache_app, name="cache")
CacheOpt = Annotated[Optional[Path], typer.Option(help="The cache file. Default: in the user cache directory.")]


@batch_app.command("prepare")
def batch_prepare(
    inputs: Annotated[list[str], typer.Argument(help="As for 'newsdigest digest'.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The requests file; the manifest goes beside it as NAME.manifest.jsonl.")],
    model: ModelOpt = None,
    prompt: PromptOpt = "extract",
    mode: ModeOpt = "tools",
    max_tokens: MaxTokensOpt = 3000,
    jsonl_root: JsonlRootOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Write one chat-completions request per article, and the manifest 'batch collect' needs.

    Submit requests.jsonl to OpenAI's Batch API (or 'vllm run-batch -i requests.jsonl -o results.jsonl'),
    then: newsdigest batch collect results.jsonl --manifest requests.manifest.jsonl
    """
    from newsdigest import llm, outfile
    from newsdigest.digest import batch, inputs as inputs_mod
    from newsdigest.prompts import PromptStore

    model = model or os.environ.get("NEWSDIGEST_MODEL")
    if not model:
        raise UsageError("batch requests name their model", hint="pass --model NAME or set NEWSDIGEST_MODEL")
    _one_of("mode", mode, llm.MODES)
    chosen = PromptStore().get(prompt)
    settings = llm.Settings(model=model, mode=mode, max_tokens=max_tokens)
    manifest = batch.manifest_path(output)
    written = failed = 0
    items = inputs_mod.expand(inputs, sys.stdin and sys.stdin.buffer, outputs=[output, manifest], jsonl_root=jsonl_root)
    with outfile.opened(output) as requests, outfile.opened(manifest) as manifest_out:
        for outcome in batch.prepare(items, settings, chosen, requests, manifest_out):
            if outcome.error:
                failed += 1
                _note(f"skipped {outcome.error.id}: {outcome.error.error}")
            else:
                written += 1
    _note(f"wrote {written} requests to {output} and the manifest {manifest}")
    if failed:
        raise PartialFailure(f"{failed} of {written + failed} articles could not be read; the others were written")


@batch_app.command("collect")
def batch_collect(
    results: Annotated[Path, typer.Argument(help="The batch engine's output file (JSONL).")],
    manifest: Annotated[Path, typer.Option(help="The manifest 'batch prepare' wrote beside the requests.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | json | md | html | eml.")] = "json",
    output: OutputOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Validate and ground every answer in a batch results file, and render the digest.

    No answer is re-asked; answers that fail validation, and requests without a result,
    are reported as error records (exit code 7).
    """
    from newsdigest import outfile
    from newsdigest.digest import batch, crosscheck
    from newsdigest.prompts import PromptStore
    from newsdigest.render import DIGEST_FORMATS

    _one_of("format", fmt, DIGEST_FORMATS)
    outfile.refuse_overwrite([output], [results, manifest])
    # Cross-article checks by a model would need a live server: stories only here.
    checker = crosscheck.Checker(backend=None, prompts=PromptStore())
    _, failed, total = _emit(batch.collect(results, manifest), fmt, output, checker, lambda _outcome: None)
    if failed:
        raise PartialFailure(f"{failed} of {total} batch results failed; they are error records in the output")


@cache_app.command("stats")
def cache_stats(cache: CacheOpt = None, debug: DebugOpt = False) -> None:
    """Entries, size and age of the cache, as JSON."""
    import json

    from newsdigest.digest import cache as cache_mod

    store = cache_mod.Cache(cache or cache_mod.default_path())
    typer.echo(json.dumps(store.stats(), indent=2))


@cache_app.command("clear")
def cache_clear(cache: CacheOpt = None, debug: DebugOpt = False) -> None:
    """Remove every cached result."""
    from newsdigest.digest import cache as cache_mod

    store = cache_mod.Cache(cache or cache_mod.default_path())
    _note(f"removed {store.clear()} cached results from {store.path}")


@app.command("config")
def show_config(
    backend: BackendOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as a JSON object.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Show the settings summarize would use (options over environment over defaults); secrets masked."""
    import json

    from newsdigest import config

    settings = config.describe(config.resolve(backend=backend, model=model, base_url=base_url, model_path=model_path))
    if as_json:
        typer.echo(json.dumps(settings, indent=2))
        return
    width = max(map(len, settings))
    for name, value in settings.items():
        typer.echo(f"{name:<{width}}  {value if value is not None else '-'}")


def _backend(run: ModelOptions, prompts: PromptStore) -> tuple[Config, Backend]:
    """The configured backend; a bad --mode or --prompt fails here, before any work."""
    from newsdigest import config, llm
    from newsdigest.backends import factory

    _one_of("mode", run.mode, llm.MODES)
    cfg = config.resolve(
        backend=run.backend, model=run.model, base_url=run.base_url, model_path=run.model_path, n_ctx=run.n_ctx,
        threads=run.threads, mode=run.mode, reasks=run.reasks, max_tokens=run.max_tokens, timeout_s=run.timeout,
        transport_retries=run.retries, retry_backoff_s=run.retry_backoff,
    )
    if run.backend == "auto" and cfg.backend == "offline":
        _note("no model configured: using the built-in offline engine "
              "(for a model: --base-url URL --model NAME, or set OPENAI_API_KEY)")
    prompts.get(run.prompt)
    return cfg, factory.create(cfg)


def _one_of(what: str, value: str, choices: Iterable[str]) -> None:
    """A --format or --mode value the command knows, or a usage error listing those it does."""
    if value not in choices:
        raise UsageError(f"unknown {what} {value!r}", hint=f"choose one of: {', '.join(choices)}")


def _default_format(output: Path | None) -> str:
    if output is not None:
        return {".md": "md", ".txt": "text"}.get(output.suffix, "json")
    return "text" if sys.stdout.isatty() else "json"


def _note(message: str) -> None:
    from newsdigest.render.text import visible_controls
    from newsdigest.secrets import redact

    typer.echo(f"newsdigest: {visible_controls(redact(message))}", err=True)


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
