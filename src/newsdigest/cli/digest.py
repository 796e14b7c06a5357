"""``newsdigest digest``: many articles, cached and concurrent, into one digest (or JSONL)."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, Iterable, Optional

import typer

from newsdigest.cli import console
from newsdigest.cli.options import DebugOpt, JsonlRootOpt, OutputOpt, QuietOpt, build_backend, model_options, one_of
from newsdigest.cli.usage import format_for
from newsdigest.errors import PartialFailure, UsageError
from newsdigest.settings import Settings

if TYPE_CHECKING:
    from newsdigest.digest.crosscheck import Checker
    from newsdigest.digest.mail import SmtpSettings
    from newsdigest.digest.report import Digest, ErrorRecord
    from newsdigest.digest.runner import Outcome

_SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".eml": "eml"}


@model_options()
def digest(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        metavar="[INPUT]...",
        help="Files, directories (*.txt/*.html/*.md, recursively), globs, http(s) URLs, JSONL files of "
        '{"id", "text" | "path" | "url", "title"?, "url"?, "published"?}, or \'-\' (paths or JSONL on stdin).')] = None,
    feed: Annotated[Optional[list[str]], typer.Option(
        "--feed", metavar="URL_OR_FILE",
        help="An RSS or Atom feed (repeatable): its entries not digested before are digested. "
        "Nothing new is not an error.")] = None,
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
    concurrency: Annotated[Optional[int], typer.Option(min=1, max=256, help="Parallel workers: model calls for a server (default 4), processes for the offline engine (default: the available cores).")] = None,
    cache: Annotated[Optional[Path], typer.Option(help="SQLite cache of model results. Default: in the user cache directory.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    crosscheck_limit: Annotated[int, typer.Option(min=0, help="Most claim pairs sent to the model to look for contradictions between articles.")] = 20,
    jsonl_root: JsonlRootOpt = None,
    quiet: QuietOpt = False,
    ray: Annotated[Optional[str], typer.Option(metavar="ADDRESS", help=(
        "Run on a Ray cluster (pip install 'newsdigest[ray]'): local (a new one here), auto (the one 'ray start' made), "
        "HOST:PORT or ray://HOST:10001. Needs -o; shard results go to OUTPUT.parts/, and a rerun skips those written."))] = None,
    debug: DebugOpt = False,
    *,
    run: Settings,
) -> None:
    """Digest many articles: per-article results, stories, contradictions between articles.

    A failing article becomes an error record (a JSONL line with "error", a section of the
    digest) and the others complete; the exit code is then 7. Results are cached, so a rerun
    or a resumed run redoes only what changed.

    Examples:

      newsdigest digest feed/ --format jsonl > results.jsonl

      newsdigest digest 'feed/**/*.txt' --format eml -o digest.eml

      newsdigest digest feed/ --to news@example.org --smtp-host smtp.example.org --smtp-user me

      newsdigest digest --feed https://example.org/rss.xml --to desk@example.org -q   # a daily cron line
    """
    from newsdigest import jobs
    from newsdigest.digest import cache as cache_mod
    from newsdigest.digest import crosscheck, mail, ray_shards
    from newsdigest.digest.progress import Progress
    from newsdigest.prompts import PromptStore
    from newsdigest.render import DIGEST_FORMATS

    inputs, feeds = inputs or [], feed or []
    if not inputs and not feeds:
        raise UsageError("nothing to digest", hint="name files, directories, URLs or '-', or give --feed")
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
    chosen = build_backend(run, prompts)
    cluster = ray_shards.Cluster(ray, ray_shards.parts_folder(output)) if ray else None
    store = None if no_cache else cache_mod.Cache(
        cache or cache_mod.default_path(), warn=lambda m: console.problem(f"warning: {m}"))
    job = jobs.digest_job(chosen, prompts, run.prompt, store, concurrency)
    checker = crosscheck.Checker(chosen, prompts, store, job.concurrency, crosscheck_limit)
    with Progress(enabled=not quiet) as progress:
        # Counting the inputs first gives the progress a total; stdin can be read only once.
        counted = progress.set_total if progress.enabled and "-" not in inputs else None
        outcomes = jobs.digest_outcomes(
            inputs, feeds, job, sys.stdin, outputs=[output], jsonl_root=jsonl_root, counted=counted,
            cluster=cluster, keep_articles=fmt != "jsonl")
        # closing: on Ctrl-C or an error the runner stops its workers before anything else.
        with closing(outcomes):  # type: ignore[type-var]
            # With --to and no -o the digest is only mailed.
            report, failed, total = emit(outcomes, fmt, output, checker, progress.update, write=bool(output or not to))
    if not total:
        if feeds:  # the daily run after a quiet night: not a failure
            console.note("nothing new to digest")
            return
        raise UsageError("no articles found in the inputs", hint="name .txt/.html/.md files, directories or JSONL files")
    if report and smtp and to:
        _mail(report, smtp, to, mail_from, kept=output)
    if failed:
        raise PartialFailure(f"{failed} of {total} articles failed; they are error records in the output")


def _mail(report: Digest, smtp: SmtpSettings, to: list[str], sender: str, *, kept: Path | None) -> None:
    """Mail the digest; when that fails, the digest is kept in a file the error names (unless
    -o wrote it already), so that no work is lost."""
    import time

    from newsdigest import outfile
    from newsdigest.digest import cache as cache_mod
    from newsdigest.digest import mail
    from newsdigest.errors import DeliveryError
    from newsdigest.render import email as email_render

    message = email_render.message(report, sender=sender, recipients=to)
    try:
        mail.send(message, smtp)
    except DeliveryError as err:
        if kept is None:
            kept = cache_mod.default_path().parent / "unsent" / time.strftime("digest-%Y%m%d-%H%M%S.eml")
            kept.parent.mkdir(parents=True, exist_ok=True)
            outfile.write(message.as_string(), kept)
        raise DeliveryError(f"{err.message}; the digest is kept in {kept}", hint=err.hint) from err
    console.note(f"digest mailed to {', '.join(to)}")


def emit(
    outcomes: Iterable[Outcome], fmt: str, output: Path | None, checker: Checker,
    on_result: Callable[[Outcome], None], *, write: bool = True,
) -> tuple[Digest | None, int, int]:
    """Stream JSONL lines, or assemble (and write) the digest: the digest (None for JSONL), failed, total."""
    from newsdigest import outfile
    from newsdigest.digest import assemble
    from newsdigest.render import digest_renderer, jsonl

    if fmt == "jsonl":
        errors: list[ErrorRecord] = []
        total = 0
        with outfile.opened(output) as out:
            for outcome in outcomes:
                on_result(outcome)
                out.write(jsonl.line(outcome.digest or outcome.error))  # type: ignore[arg-type]
                out.flush()
                errors += [outcome.error] if outcome.error else []
                total += 1
        _check_something_was_read(errors, total)
        return None, len(errors), total
    report = assemble.assemble(outcomes, checker, on_result)
    total = len(report.errors) + len(report.articles)
    _check_something_was_read(report.errors, total)
    if write and total:
        outfile.write(digest_renderer(fmt)(report), output)
    return report, len(report.errors), total


def _check_something_was_read(errors: list[ErrorRecord], total: int) -> None:
    """No input could be read at all (``digest /nope``): an input error, as for summarize,
    not an empty digest."""
    from newsdigest.errors import InputError

    if total and len(errors) == total and all(e.kind == "input" for e in errors):
        first = f"{errors[0].source}: {errors[0].error}"
        raise InputError(first if total == 1 else f"none of the {total} inputs could be read (first: {first})")

