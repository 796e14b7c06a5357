"""``newsdigest schema``: the JSON Schema of the output contract, for scripts that read it."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli.options import DebugOpt, QuietOpt


def show_schema(
    document: Annotated[str, typer.Argument(help="article (summarize's JSON) | digest (digest -f json) | jsonl (one line).")] = "article",
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of newsdigest's JSON output, generated from its models.

    Example: newsdigest schema jsonl > line.schema.json
    """
    import json

    from newsdigest import contract

    typer.echo(json.dumps(contract.json_schema(document), indent=2, ensure_ascii=False))
