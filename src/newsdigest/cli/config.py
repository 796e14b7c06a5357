"""``newsdigest config``: the settings a command would use and where each comes from; secrets masked."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli.options import DebugOpt, QuietOpt, model_options
from newsdigest.settings import Settings


@model_options("backend", "model", "base_url", "model_path")
def show_config(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as a JSON object, with their sources.")] = False,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
    *,
    run: Settings,
) -> None:
    """Show the settings summarize and digest would use, and where each comes from: an option,
    the environment, the config file (NEWSDIGEST_CONFIG, else the platform's config folder) or
    the default. Secrets are masked; they are read from the environment only."""
    import json
    import os

    from newsdigest import config, config_file
    from newsdigest.digest import cache as cache_mod
    from newsdigest.secrets import SECRET_ENV_VARS

    settings = config_file.load()
    resolved = config.resolve(Settings(**{**config_file.config_defaults(settings), **_given(run)}))
    shown = config.describe(resolved)
    shown.update(n_ctx=resolved.n_ctx, threads=resolved.threads)
    given = {name for name in ("backend", "model", "base_url", "model_path")
             if ctx.get_parameter_source(name).name in ("COMMANDLINE", "ENVIRONMENT")}
    file_names = {setting.option: name for name, setting in config_file.MODEL.items()}
    sources = {
        name: "env" if name in SECRET_ENV_VARS else config_file.source(
            file_names.get(name, name), flag=name in given, env=os.environ, settings=settings)
        for name in shown
    }
    digest_file = settings.get("digest", {})
    shown["cache"] = digest_file.get("cache") or str(cache_mod.default_path())
    sources["cache"] = "file" if "cache" in digest_file else "default"
    smtp = settings.get("smtp", {})
    for name in config_file.SMTP:
        shown[f"smtp.{name}"] = smtp.get(name)
        sources[f"smtp.{name}"] = "file" if name in smtp else "default"
    shown["config_file"] = str(config_file.path())
    sources["config_file"] = "env NEWSDIGEST_CONFIG" if os.environ.get(config_file.ENV) else (
        "found" if settings else "absent")
    if as_json:
        typer.echo(json.dumps({**shown, "sources": sources}, indent=2))
        return
    values = {name: "-" if value is None else str(value) for name, value in shown.items()}
    width, value_width = max(map(len, values)), max(map(len, values.values()))
    for name, value in values.items():
        typer.echo(f"{name:<{width}}  {value:<{value_width}}  {sources[name]}")


def _given(run: Settings) -> dict[str, object]:
    """The four settings this command takes, as given (the others come from the file)."""
    return {name: getattr(run, name) for name in ("backend", "model", "base_url", "model_path")}
