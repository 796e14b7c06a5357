"""How a model is run: one ``Settings``, from the command line through ``config`` to the backend.

A field that is a command-line option carries its help (and flag, where it is not the field's
name) here; ``cli.options`` turns those fields into the options of every command that runs a
model. The API key comes from the environment only and is kept out of ``repr``; temperature
and seed are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# What besides the prompt and the article changes a model's answer: cached answers are keyed
# by these, and a batch manifest records them.
ANSWER_FIELDS = ("model", "mode", "reasks", "max_tokens", "n_ctx", "temperature", "seed", "schema_in_response_format")

_N_CTX_HELP = (
    "The model's context window in tokens; longer articles are read in chunks that fit. "
    "Default: 8192 for a server (whose real size the API does not report); "
    "for llamacpp the model's own context, at most 8192."
)


def _option(default: Any, help: str, *, flag: str | None = None, **limits: Any) -> Any:  # noqa: A002 - typer's name
    """A field that is also a command-line option; ``limits`` are typer's (min, max, hidden)."""
    return field(default=default, metadata={"help": help, "flag": flag, "limits": limits})


@dataclass(frozen=True)
class Settings:
    # The backend option's help lists the registered backends (config.BACKEND_HELP).
    backend: str = _option("auto", "")
    model: str | None = _option(None, "Model name. Env: NEWSDIGEST_MODEL.")
    base_url: str | None = _option(
        None, "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1. Env: NEWSDIGEST_BASE_URL, OPENAI_BASE_URL.")
    model_path: str | None = _option(None, "llamacpp: the GGUF model file. Env: NEWSDIGEST_MODEL_PATH.")
    n_ctx: int | None = _option(None, _N_CTX_HELP, min=512)  # None: the backend's default
    threads: int | None = _option(None, (
        "llamacpp: CPU threads (default: all available cores; use fewer when other programs keep the cores busy, "
        "as llama.cpp slows down sharply then)."), min=1)
    prompt: str = _option("extract", "Prompt NAME or NAME@VERSION (default: newest version).")
    mode: str = _option("tools", "Structured output: tools (function calling) or json.")
    reasks: int = _option(2, "Re-asks per article when answers fail validation.", min=0, max=10)
    max_tokens: int = _option(3000, "Cap on tokens per model answer.", min=256)
    timeout_s: float = _option(600.0, "Seconds to wait for one model answer.", flag="--timeout", min=0.1)
    transport_retries: int = _option(
        3, "Transport retries per article (429, 5xx, timeouts), with backoff.", flag="--retries", min=0, max=10)
    retry_backoff_s: float = _option(1.0, "First retry wait in seconds.", flag="--retry-backoff", min=0, hidden=True)
    api_key: str | None = field(default=None, repr=False)
    temperature: float = 0.0
    seed: int = 0
    # llama.cpp turns {"type": "json_object", "schema": ...} into a grammar; instructor's json
    # mode sends no schema, and its json_schema mode sends a type llama.cpp ignores.
    schema_in_response_format: bool = False

    def answer_settings(self) -> dict[str, Any]:
        """The settings that shape a model's answer (``ANSWER_FIELDS``), by name."""
        return {name: getattr(self, name) for name in ANSWER_FIELDS}
