"""``newsdigest cache``: the SQLite cache of model results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from newsdigest.cli.console import note
from newsdigest.cli.options import DebugOpt, QuietOpt
from newsdigest.cli.usage import require_command
from newsdigest.errors import InputError

if TYPE_CHECKING:
    from newsdigest.digest.cache import Cache

app = typer.Typer(help="The SQLite cache of model results.", invoke_without_command=True, rich_markup_mode=None)
CacheOpt = Annotated[Optional[Path], typer.Option(help="The cache file. Default: in the user cache directory.")]

app.callback()(require_command)


@app.command("stats")
def stats(cache: CacheOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False) -> None:
    """Entries, size and age of the cache, as JSON."""
    import json

    store = _existing(cache)
    typer.echo(json.dumps(store.stats(), indent=2))


@app.command("clear")
def clear(cache: CacheOpt = None, quiet: QuietOpt = False, debug: DebugOpt = False) -> None:
    """Remove every cached result."""
    store = _existing(cache)
    note(f"removed {store.clear()} cached results from {store.path}")


def _existing(path: Path | None) -> Cache:
    """The cache at ``path`` (default: the user cache's); looking at one must not create it."""
    from newsdigest.digest import cache as cache_mod

    path = path or cache_mod.default_path()
    if not path.is_file():
        raise InputError(f"no cache at {path}", hint="digest creates it; pass --cache FILE for another")
    return cache_mod.Cache(path)
