"""The options every command shares, with the checks of option values that typer cannot make.

The options of a command that runs a model are the fields of ``Settings`` that declare a help
text (``model_options``): declared once there, for every command.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterable, Optional, get_type_hints

import typer

from newsdigest.cli.console import be_quiet, note
from newsdigest.errors import UsageError
from newsdigest.settings import Settings

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.prompts import PromptStore

OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
JsonlRootOpt = Annotated[Optional[Path], typer.Option(help=(
    'The folder JSONL records\' "path" fields must lie in. Default: the JSONL file\'s own folder (stdin: the current one).'))]
# Flags without a --no- twin: they are off unless given, and the twin would only widen --help.
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", callback=be_quiet, help="Only errors on stderr: no notices, retries or progress.")]


def model_options(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator: the command with the ``Settings`` options ``names`` (all of them if none
    are named) after its own, handed to it together as ``run``."""
    shared = _setting_options(names)

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "run"]

        @functools.wraps(command)
        def with_model_options(**options: Any) -> None:
            run = Settings(**{p.name: options.pop(p.name) for p in shared})
            command(**options, run=run)

        with_model_options.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
        return with_model_options

    return decorate


def _setting_options(names: tuple[str, ...]) -> list[inspect.Parameter]:
    """``Settings`` fields as keyword parameters whose annotations are typer options; --help
    shows them in their own panel."""
    from newsdigest.config import BACKEND_HELP

    hints = get_type_hints(Settings)
    options = []
    for field in dataclasses.fields(Settings):
        if "help" not in field.metadata or (names and field.name not in names):
            continue
        flags = [field.metadata["flag"]] if field.metadata["flag"] else []
        # The backends describe themselves in the registry.
        help_text = BACKEND_HELP if field.name == "backend" else field.metadata["help"]
        option = typer.Option(*flags, rich_help_panel="Model", help=help_text, **field.metadata["limits"])
        options.append(inspect.Parameter(
            field.name, inspect.Parameter.KEYWORD_ONLY, default=field.default, annotation=Annotated[hints[field.name], option]
        ))
    return options


def build_backend(run: Settings, prompts: PromptStore) -> Backend:
    """The configured backend (``jobs.backend``), with a notice when none is configured."""
    from newsdigest import jobs

    settings, chosen = jobs.backend(run, prompts)
    if run.backend == "auto" and settings.backend == "offline":
        note("no model configured: using the built-in offline engine "
             "(for a model: --base-url URL --model NAME, or set OPENAI_API_KEY)")
    return chosen


def one_of(what: str, value: str, choices: Iterable[str]) -> None:
    """A --format or --mode value the command knows, or a usage error listing those it does."""
    if value not in choices:
        raise UsageError(f"unknown {what} {value!r}", hint=f"choose one of: {', '.join(choices)}")
