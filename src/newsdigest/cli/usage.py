"""Usage checks that typer makes with a page of help where one line is wanted."""

from __future__ import annotations

import typer

from newsdigest.errors import UsageError


def require_command(ctx: typer.Context) -> None:
    """A group called without its command: a one-line usage error naming the commands
    (typer's ``no_args_is_help`` prints the whole help and exits 0 or 2 by version)."""
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        commands = ", ".join(ctx.command.list_commands(ctx))  # type: ignore[attr-defined]
        raise UsageError(f"'{ctx.command_path}' needs a command: {commands}", hint=f"see '{ctx.command_path} --help'")
