"""The options of every command that runs a model, declared once (``ModelOptions``), and the
options several commands share; with the checks of option values that typer cannot make."""

from __future__ import annotations

import dataclasses
import functools
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Callable, Iterable, Optional, get_type_hints

import typer

from newsdigest.cli.console import be_quiet, note
from newsdigest.errors import UsageError

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.config import Config
    from newsdigest.prompts import PromptStore

_BACKEND_HELP = (
    "auto = openai when a base URL or OPENAI_API_KEY is set, else llamacpp when a model path is set, "
    "else the built-in offline engine; "
    "openai = any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio); "
    "llamacpp = a GGUF model run in this process (pip install 'newsdigest[local]')."
)
_N_CTX_HELP = (
    "The model's context window in tokens; longer articles are read in chunks that fit. "
    "Default: 8192 for a server (whose real size the API does not report); "
    "for llamacpp the model's own context, at most 8192."
)




def model_option(help: str, **limits: Any) -> Any:  # noqa: A002 - typer's name for it
    """An option of every command that runs a model; --help shows these in their own panel."""
    return typer.Option(rich_help_panel="Model", help=help, **limits)


BackendOpt = Annotated[str, model_option(_BACKEND_HELP)]
ModelOpt = Annotated[Optional[str], model_option("Model name. Env: NEWSDIGEST_MODEL.")]
BaseUrlOpt = Annotated[Optional[str], model_option(
    "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. Env: NEWSDIGEST_BASE_URL, OPENAI_BASE_URL.")]
ModelPathOpt = Annotated[Optional[str], model_option("llamacpp: the GGUF model file. Env: NEWSDIGEST_MODEL_PATH.")]
NCtxOpt = Annotated[Optional[int], model_option(_N_CTX_HELP, min=512)]
ThreadsOpt = Annotated[Optional[int], model_option(
    "llamacpp: CPU threads (default: all available cores; use fewer when other programs keep the cores busy, "
    "as llama.cpp slows down sharply then).", min=1)]
PromptOpt = Annotated[str, model_option("Prompt NAME or NAME@VERSION (default: newest version).")]
ModeOpt = Annotated[str, model_option("Structured output: tools (function calling) or json.")]
ReasksOpt = Annotated[int, model_option("Re-asks when the answer fails validation.", min=0, max=10)]
MaxTokensOpt = Annotated[int, model_option("Cap on tokens per model answer.", min=256)]
TimeoutOpt = Annotated[float, model_option("Seconds to wait for one model answer.", min=0.1)]
RetriesOpt = Annotated[int, model_option("Transport retries per article (429, 5xx, timeouts), with backoff.", min=0, max=10)]
RetryBackoffOpt = Annotated[float, model_option("First retry wait in seconds.", min=0, hidden=True)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")]
# Flags without a --no- twin: they are off unless given, and the twin would only widen --help.
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", callback=be_quiet, help="Only errors on stderr: no notices, retries or progress.")]


@dataclass(frozen=True)
class ModelOptions:
    """How a command that runs a model runs it, as given on its command line."""

    backend: BackendOpt = "auto"
    model: ModelOpt = None
    base_url: BaseUrlOpt = None
    model_path: ModelPathOpt = None
    n_ctx: NCtxOpt = None
    threads: ThreadsOpt = None
    prompt: PromptOpt = "extract"
    mode: ModeOpt = "tools"
    reasks: ReasksOpt = 2
    max_tokens: MaxTokensOpt = 3000
    timeout: TimeoutOpt = 600.0
    retries: RetriesOpt = 3
    retry_backoff: RetryBackoffOpt = 1.0


def model_options(command: Callable[..., None]) -> Callable[..., None]:
    """``command`` with ``ModelOptions``' fields as its own options (after the ones it declares),
    handed to it together as ``run``: one declaration for every command that runs a model."""
    hints = get_type_hints(ModelOptions, include_extras=True)
    shared = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
        for f in dataclasses.fields(ModelOptions)
    ]
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "run"]

    @functools.wraps(command)
    def with_model_options(**options: Any) -> None:
        run = ModelOptions(**{f.name: options.pop(f.name) for f in dataclasses.fields(ModelOptions)})
        command(**options, run=run)

    with_model_options.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    return with_model_options


def build_backend(run: ModelOptions, prompts: PromptStore) -> tuple[Config, Backend]:
    """The configured backend (``jobs.backend``), with a notice when none is configured."""
    from newsdigest import jobs

    cfg, chosen = jobs.backend(
        prompts, run.prompt,
        backend=run.backend, model=run.model, base_url=run.base_url, model_path=run.model_path, n_ctx=run.n_ctx,
        threads=run.threads, mode=run.mode, reasks=run.reasks, max_tokens=run.max_tokens, timeout_s=run.timeout,
        transport_retries=run.retries, retry_backoff_s=run.retry_backoff,
    )
    if run.backend == "auto" and cfg.backend == "offline":
        note("no model configured: using the built-in offline engine "
             "(for a model: --base-url URL --model NAME, or set OPENAI_API_KEY)")
    return cfg, chosen


def one_of(what: str, value: str, choices: Iterable[str]) -> None:
    """A --format or --mode value the command knows, or a usage error listing those it does."""
    if value not in choices:
        raise UsageError(f"unknown {what} {value!r}", hint=f"choose one of: {', '.join(choices)}")

