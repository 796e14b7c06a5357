"""Usage checks that typer makes with a page of help where one line is wanted."""

from __future__ import annotations

from pathlib import Path

import typer
from typer import _click as click  # typer's own click: the classes its commands are made of
from typer.core import TyperCommand

from newsdigest.errors import UsageError


def require_command(ctx: typer.Context) -> None:
    """A group called without its command: a one-line usage error naming the commands
    (typer's ``no_args_is_help`` prints the whole help and exits 0 or 2 by version)."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        commands = ", ".join(ctx.command.list_commands(ctx))  # type: ignore[attr-defined]
        raise UsageError(f"'{ctx.command_path}' needs a command: {commands}", hint=f"see '{ctx.command_path} --help'")


def format_for(output: Path | None, suffixes: dict[str, str], command: str) -> str | None:
    """The format an output file's suffix names; a suffix the command cannot write is a
    usage error (``-o out.html`` once silently wrote JSON). None: no file, or no suffix."""
    if output is None or not output.suffix:
        return None
    fmt = suffixes.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"{command} cannot write {output.suffix} files ({output})",
            hint=f"name the output {' or '.join(sorted(suffixes))}, or give --format",
        )
    return fmt


class PanelledCommand(TyperCommand):
    """Plain help (rich's formatting doubled the start-up time of ``--help``) that still
    lists options in their ``rich_help_panel`` sections, as rich help would."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                panel = "Arguments" if param.param_type_name == "argument" else getattr(param, "rich_help_panel", None)
                sections.setdefault(panel or "Options", []).append(record)
        for title, records in sections.items():
            with formatter.section(title):
                formatter.write_dl(records)
