"""``newsdigest config``: the settings a command would use, secrets masked."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli.options import BackendOpt, BaseUrlOpt, DebugOpt, ModelOpt, ModelPathOpt, QuietOpt


def show_config(
    backend: BackendOpt = "auto",
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as a JSON object.")] = False,
    quiet: QuietOpt = False,
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
