"""Any GGUF instruct model, run in this process by llama.cpp (``pip install 'newsdigest[local]'``).

The same chat flow as the HTTP backend: llama-cpp-python's
``create_chat_completion_openai_v1`` is OpenAI-shaped, so instructor patches it the same
way. Structured output is enforced by a llama.cpp grammar built from the JSON schema: in
tools mode the chat handler builds it from the tool that ``tool_choice`` names; in json
mode from the schema that ``Settings.schema_in_response_format`` adds.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from newsdigest.backends.chat.backend import ChatBackend
from newsdigest.errors import ConfigError, ContextFull
from newsdigest.settings import Settings

if TYPE_CHECKING:
    from llama_cpp import Llama

# The context used when --n-ctx is not given: the model's own, but no more than this. The
# KV cache grows with it, and a 128k-token model would claim gigabytes for a news article.
MAX_DEFAULT_N_CTX = 8192
_GGUF_MAGIC = b"GGUF"


class LlamaCppBackend(ChatBackend):
    name = "llamacpp"
    base_url_host = None

    def __init__(self, settings: Settings) -> None:
        assert settings.model and settings.model_path, "config.resolve names the model file"
        self.settings = dataclasses.replace(settings, schema_in_response_format=True)
        self.model = settings.model
        self._llama = load(
            str(Path(settings.model_path).expanduser().resolve()),
            n_ctx=settings.n_ctx or MAX_DEFAULT_N_CTX,
            threads=settings.threads or available_cores(),
            seed=settings.seed,
        )
        self.n_ctx = settings.n_ctx or min(MAX_DEFAULT_N_CTX, trained_context(self._llama) or MAX_DEFAULT_N_CTX)
        # A Llama is not thread-safe: a digest's worker threads take turns with it.
        self._turn = _turn_for(self._llama)

    def count_tokens(self, text: str) -> int:
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def create_function(self) -> Callable[..., Any]:
        create = self._llama.create_chat_completion_openai_v1

        def create_in_context(**kwargs: Any) -> Any:
            try:
                with self._turn:
                    completion = create(**kwargs)
            except ValueError as exc:  # llama-cpp-python's way of saying the prompt is too long
                if "context window" not in str(exc):
                    raise
                raise ContextFull(str(exc), hint="raise --n-ctx if the model supports it") from exc
            return _reporting_cut_off(completion, kwargs.get("max_tokens"))

        return create_in_context


def _reporting_cut_off(completion: Any, max_tokens: int | None) -> Any:
    """A tool call cut off at ``max_tokens`` marked ``finish_reason: length``, as OpenAI does.

    llama-cpp-python reports every tool call as finished; instructor would then re-ask about
    broken JSON instead of knowing the answer did not fit.
    """
    choice = completion.choices[0]
    if choice.finish_reason != "tool_calls" or not max_tokens or completion.usage.completion_tokens < max_tokens:
        return completion
    try:
        json.loads(choice.message.tool_calls[0].function.arguments)
    except (ValueError, IndexError, TypeError):
        choice.finish_reason = "length"
    return completion


@functools.lru_cache(maxsize=None)
def _turn_for(llama: Llama) -> threading.Lock:
    """One lock per loaded model, shared by every backend object that uses it."""
    return threading.Lock()


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def trained_context(llama: Llama) -> int:
    """The context length the model was trained with, from its GGUF metadata (0 if absent)."""
    meta = llama.metadata
    value = meta.get(f"{meta.get('general.architecture', '')}.context_length", "0")
    return int(value) if value.isdigit() else 0


@functools.lru_cache(maxsize=1)
def load(path: str, *, n_ctx: int, threads: int, seed: int) -> Llama:
    """The model, loaded once per process for any number of articles and backends."""
    check_model_file(Path(path))
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ConfigError(
            "the llamacpp backend needs llama-cpp-python", hint="pip install 'newsdigest[local]'"
        ) from exc
    try:
        llama = Llama(model_path=path, n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, seed=seed, verbose=False)
    except (ValueError, RuntimeError) as exc:
        raise ConfigError(f"{path}: llama.cpp cannot load this model ({exc})", hint="is it a complete GGUF file?") from exc
    # Freed before the interpreter tears down the modules its destructor needs.
    atexit.register(llama.close)
    return llama


def check_model_file(path: Path) -> None:
    hint = "check --model-path or NEWSDIGEST_MODEL_PATH"
    if not path.exists():
        raise ConfigError(f"{path}: no such model file", hint=hint)
    if not path.is_file():
        raise ConfigError(f"{path}: is not a file", hint=hint)
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(_GGUF_MAGIC))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})", hint=hint) from exc
    if magic != _GGUF_MAGIC:
        raise ConfigError(f"{path}: is not a GGUF model file", hint="give a .gguf file (llama.cpp's format)")
