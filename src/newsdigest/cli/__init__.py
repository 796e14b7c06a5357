"""Command line: parse options, call the pipeline, render. No business logic lives here.

``app`` holds the root command and ``summarize``; ``digest``, ``batch``, ``cache`` and
``config`` hold the other commands, ``options`` the options they share. Errors are turned
into one-line messages and exit statuses in one place, ``main``.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
from contextlib import suppress
from typing import NoReturn

import typer

from newsdigest.cli.app import app
from newsdigest.cli.console import problem
from newsdigest.errors import ExitStatus, NewsdigestError


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
    # Retry notices are for people waiting on a server: a line each, like every other notice.
    notices = logging.getLogger("newsdigest.retries")
    notices.propagate = debug
    notices.setLevel(logging.DEBUG if debug else logging.WARNING)  # -q raises it (console.be_quiet)
    if not debug:
        notices.handlers = [_AsProblemLine()]


class _AsProblemLine(logging.Handler):
    """A log record written like every other stderr line: secrets redacted and control
    characters shown, not obeyed (a notice may carry what a server said)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            problem(record.getMessage())
        except Exception:  # noqa: BLE001 - logging's own convention: report, never raise
            self.handleError(record)


def _usage_line(err: typer.TyperException) -> str:
    """Typer's (its own click's) usage error as one line, pointing at the command's help."""
    message = "; ".join(line.strip() for line in err.format_message().splitlines() if line.strip())
    ctx = getattr(err, "ctx", None)
    return f"{message} (see '{ctx.command_path} --help')" if ctx is not None else message


# Python's cyclic garbage collector looks at every new container object after each 700 are
# made, and at the whole heap every so often: reading a 2 MB article, whose tens of thousands of
# claims are all kept to the end, those looks took a tenth of the time. The command makes little
# cyclic garbage, so it looks far less often (the digest's forked workers inherit this).
_COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def collect_garbage_less_often() -> None:
    """What the command does to Python's garbage collector, for benchmarks that measure it."""
    gc.set_threshold(*_COLLECTOR_THRESHOLDS)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every error into one line and an exit code."""
    collect_garbage_less_often()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    _configure_logging(debug)
    try:
        from newsdigest import config_file

        # The config file's settings are the defaults of the options: an option given wins.
        defaults = config_file.command_defaults(config_file.load())
        code = typer.main.get_command(app).main(
            args=args, prog_name="newsdigest", standalone_mode=False, default_map=defaults)
    except NewsdigestError as err:
        if debug:
            _show_traceback()
        problem(f"error: {err}")
        sys.exit(err.exit_code)
    except typer.Abort:
        _interrupted()
    except typer.TyperException as err:  # typer carries its own click: click's classes never match
        problem(f"error: {_usage_line(err)}")
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        _interrupted()
    except Exception as err:  # a bug: say so briefly, the traceback is one flag away
        if debug:
            _show_traceback()
            sys.exit(ExitStatus.INTERNAL)
        problem(f"internal error: {type(err).__name__}: {err} (rerun with --debug for the traceback)")
        sys.exit(ExitStatus.INTERNAL)
    if code == ExitStatus.INTERRUPTED:  # typer turns Ctrl-C inside a command into this code, silently
        _interrupted()
    sys.exit(code if isinstance(code, int) else ExitStatus.OK)


def _interrupted() -> NoReturn:
    """Say so and leave now. What finished is written and cached; threads still waiting on a
    model server are not waited for, and a second Ctrl-C cannot break the leaving."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    problem("interrupted")
    with suppress(OSError, ValueError):  # stdout may be a closed pipe
        sys.stdout.flush()
    sys.stderr.flush()
    os._exit(ExitStatus.INTERRUPTED)
