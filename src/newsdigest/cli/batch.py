"""``newsdigest batch``: requests for a batch engine, and the digest of its results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdigest.cli.console import note, problem
from newsdigest.cli.digest import emit
from newsdigest.cli.options import DebugOpt, JsonlRootOpt, OutputOpt, QuietOpt, model_options, one_of
from newsdigest.cli.usage import require_command
from newsdigest.errors import ConfigError, PartialFailure, UsageError
from newsdigest.settings import Settings

app = typer.Typer(
    help="Scale-out: write OpenAI Batch API requests (also read by 'vllm run-batch'), then digest the results.",
    invoke_without_command=True, rich_markup_mode=None,
)

app.callback()(require_command)


@app.command("prepare")
@model_options("model", "prompt", "mode", "max_tokens")
def prepare(
    inputs: Annotated[list[str], typer.Argument(help="As for 'newsdigest digest'.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The requests file; the manifest goes beside it as NAME.manifest.jsonl.")],
    jsonl_root: JsonlRootOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
    *,
    run: Settings,
) -> None:
    """Write one chat-completions request per article, and the manifest 'batch collect' needs.

    Submit requests.jsonl to OpenAI's Batch API (or 'vllm run-batch -i requests.jsonl -o results.jsonl'),
    then: newsdigest batch collect results.jsonl --manifest requests.manifest.jsonl
    """
    from newsdigest import config, outfile
    from newsdigest.backends.chat import llm
    from newsdigest.digest import batch, inputs as inputs_mod
    from newsdigest.prompts import PromptStore

    settings = config.from_environment(run)
    if not settings.model:
        # A setting missing, as for summarize (exit 4), not a mistake in the command line.
        raise ConfigError("batch requests name their model", hint="pass --model NAME or set NEWSDIGEST_MODEL")
    one_of("mode", settings.mode, llm.MODES)
    chosen = PromptStore().get(settings.prompt)
    manifest = batch.manifest_path(output)
    written = failed = 0
    items = inputs_mod.expand(inputs, sys.stdin and sys.stdin.buffer, outputs=[output, manifest], jsonl_root=jsonl_root)
    with outfile.opened(output) as requests, outfile.opened(manifest) as manifest_out:
        for outcome in batch.prepare(items, settings, chosen, requests, manifest_out):
            if outcome.error:
                failed += 1
                problem(f"skipped {outcome.error.source}: {outcome.error.error}")
            else:
                written += 1
    note(f"wrote {written} requests to {output} and the manifest {manifest}")
    if failed:
        raise PartialFailure(f"{failed} of {written + failed} articles could not be read; the others were written")


@app.command("collect")
def collect(
    results: Annotated[Path, typer.Argument(help="The batch engine's output file (JSONL).")],
    manifest: Annotated[Path, typer.Option(help="The manifest 'batch prepare' wrote beside the requests.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | json | md | html | eml.")] = "json",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Validate and ground every answer in a batch results file, and render the digest.

    No answer is re-asked; answers that fail validation, and requests without a result,
    are reported as error records (exit code 7).
    """
    from newsdigest import outfile
    from newsdigest.digest import batch, crosscheck
    from newsdigest.prompts import PromptStore
    from newsdigest.render import DIGEST_FORMATS

    one_of("format", fmt, DIGEST_FORMATS)
    outfile.refuse_overwrite([output], [results, manifest])
    # Cross-article checks by a model would need a live server: stories only here.
    checker = crosscheck.Checker(backend=None, prompts=PromptStore())
    _, failed, total = emit(batch.collect(results, manifest), fmt, output, checker, lambda _outcome: None)
    if not total:
        raise UsageError("no results in the batch results file", hint="check it is the engine's output for these requests")
    if failed:
        raise PartialFailure(f"{failed} of {total} batch results failed; they are error records in the output")
