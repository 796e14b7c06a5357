"""``newsdigest digest``: many articles, cached and concurrent, into one digest (or JSONL)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Iterable, Optional

import typer

from newsdigest.cli import console
from newsdigest.cli.options import DebugOpt, ModelOptions, OutputOpt, QuietOpt, build_backend, model_options, one_of
from newsdigest.cli.usage import format_for
from newsdigest.errors import PartialFailure, UsageError

if TYPE_CHECKING:
    from newsdigest.digest.crosscheck import Checker
    from newsdigest.digest.report import Digest
    from newsdigest.digest.runner import Outcome

_SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".eml": "eml"}


@model_options
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
    quiet: QuietOpt = False,
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

    fmt = fmt or format_for(output, _SUFFIX_FORMATS, "digest") or (
        "eml" if to else "md" if output or sys.stdout.isatty() else "jsonl")
    one_of("format", fmt, DIGEST_FORMATS)
    if to and fmt == "jsonl":
        raise UsageError("--to mails a whole digest, which jsonl is not", hint="drop --format jsonl")
    smtp = None
    if to:
        mail.check_addresses([*to, mail_from])
        security = "ssl" if smtp_ssl else "starttls" if smtp_starttls else "none"
        smtp = mail.SmtpSettings.resolve(host=smtp_host, port=smtp_port, security=security, user=smtp_user)
    prompts = PromptStore()
    cfg, chosen = build_backend(run, prompts)
    store = None if no_cache else cache_mod.Cache(cache or cache_mod.default_path())
    job = runner.Job(
        backend=chosen, prompts=prompts, prompt_spec=run.prompt, cache=store,
        fingerprint=cache_mod.fingerprint(chosen, prompts.get(run.prompt)),
        # Only a server answers several requests at once; in this process they would queue.
        concurrency=concurrency or (4 if cfg.backend == "openai" else 1),
    )
    checker = crosscheck.Checker(chosen, prompts, store, job.concurrency, crosscheck_limit)
    with Progress(enabled=not quiet) as progress:
        outcomes = runner.run(inputs_mod.expand(inputs, sys.stdin), job)
        # With --to and no -o the digest is only mailed.
        report, failed, total = emit(outcomes, fmt, output, checker, progress.update, write=bool(output or not to))
    if report and smtp and to:
        mail.send(email_render.message(report, sender=mail_from, recipients=to), smtp)
        console.note(f"digest mailed to {', '.join(to)}")
    if failed:
        raise PartialFailure(f"{failed} of {total} articles failed; they are error records in the output")


def emit(
    outcomes: Iterable[Outcome], fmt: str, output: Path | None, checker: Checker,
    on_result: Callable[[Outcome], None], *, write: bool = True,
) -> tuple[Digest | None, int, int]:
    """Stream JSONL lines, or assemble (and write) the digest: the digest (None for JSONL), failed, total."""
    from newsdigest.digest import assemble
    from newsdigest.render import digest_renderer, jsonl

    if fmt == "jsonl":
        failed = total = 0
        with console.stream(output) as out:
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
            console.write(digest_renderer(fmt)(report), output)
    if not total:
        raise UsageError("no articles found in the inputs", hint="name .txt/.html/.md files, directories or JSONL files")
    return report, failed, total

