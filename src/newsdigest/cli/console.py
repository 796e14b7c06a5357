"""What the commands say on stderr: notices and problems. Results go out through ``outfile``."""

from __future__ import annotations

import os
import sys

import typer

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
    from newsdigest.render.text import visible_controls
    from newsdigest.secrets import redact

    typer.echo(f"newsdigest: {visible_controls(redact(message))}", err=True)

