"""What the commands write: results to stdout or a file, notes to stderr."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

import typer

from newsdigest.errors import UsageError


def write(text: str, output: Path | None) -> None:
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


_quiet = False


def be_quiet(quiet: bool) -> bool:
    """The -q/--quiet option's callback: from now on, notices (not problems) are not shown,
    nor retry notices or progress."""
    global _quiet
    if quiet:
        import logging

        _quiet = True
        logging.getLogger("newsdigest.retries").setLevel(logging.CRITICAL)
    return quiet


def colour_wanted(no_color: bool) -> bool:
    """Colour on a terminal, unless --no-color or NO_COLOR (https://no-color.org) says otherwise."""
    return not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def note(message: str) -> None:
    """A notice on stderr (what was done, what is assumed); -q hides it."""
    if not _quiet:
        problem(message)


def problem(message: str) -> None:
    """An error or a skipped item on stderr: shown even with -q."""
    from newsdigest.secrets import redact

    typer.echo(f"newsdigest: {redact(message)}", err=True)


@contextmanager
def stream(output: Path | None) -> Iterator[TextIO]:
    """stdout, or the output file written line by line (a streamed result is never held whole)."""
    if output is None:
        yield sys.stdout
        return
    try:
        fh = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}", hint="check the directory exists and is writable") from exc
    with fh:
        yield fh

