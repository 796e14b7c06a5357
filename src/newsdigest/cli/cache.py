"""``newsdigest cache``: the SQLite cache of model results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from newsdigest.cli.console import note
from newsdigest.cli.options import DebugOpt, QuietOpt
from newsdigest.cli.usage import require_command

app = typer.Typer(help="The SQLite cache of model results.", invoke_without_command=True, rich_markup_mode=None)
CacheOpt = Annotated[Optional[Path], typer.Option(help="The cache file. Default: in the user cache directory.")]

app.callback()(require_command)


@app.command("stats")
def stats(cache: CacheOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False) -> None:
    """Entries, size and age of the cache, as JSON."""
    import json

    from newsdigest.digest import cache as cache_mod

    store = cache_mod.Cache(cache or cache_mod.default_path())
    typer.echo(json.dumps(store.stats(), indent=2))


@app.command("clear")
def clear(cache: CacheOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False) -> None:
    """Remove every cached result."""
    from newsdigest.digest import cache as cache_mod

    store = cache_mod.Cache(cache or cache_mod.default_path())
    note(f"removed {store.clear()} cached results from {store.path}")
