"""``newsdigest config``: the settings a command would use, secrets masked."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli.options import DebugOpt, model_options
from newsdigest.settings import Settings


@model_options("backend", "model", "base_url", "model_path")
def show_config(
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as a JSON object.")] = False,
    debug: DebugOpt = False,
    *,
    run: Settings,
) -> None:
    """Show the settings summarize would use (options over environment over defaults); secrets masked."""
    import json

    from newsdigest import config

    settings = config.describe(config.resolve(run))
    if as_json:
        typer.echo(json.dumps(settings, indent=2))
        return
    width = max(map(len, settings))
    for name, value in settings.items():
        typer.echo(f"{name:<{width}}  {value if value is not None else '-'}")
