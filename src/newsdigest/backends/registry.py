"""Every backend, declared once: its name, its help, the class built from the settings, and
how the rest of the program treats it. ``config`` checks and picks names from here, the command
line lists them in ``--backend``'s help, a digest takes its default concurrency and its cache
key from here. Adding a backend is one module and one line below.

Classes are named as ``module:Class`` and imported only when built, so that ``--help`` does
not load a model client.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.settings import Settings


@dataclass(frozen=True)
class Entry:
    name: str
    help: str
    backend_class: str  # "module:Class", built as Class(settings)
    concurrency: int = 1  # parallel requests a digest sends; a model in this process would only queue them
    # CPU-bound Python, which threads cannot spread over cores: a digest runs it in worker
    # processes, one per available core unless told (``concurrency`` is then unused).
    processes: bool = False
    chat_model: bool = False  # a ChatBackend: its answers are cached, and it can compare claims across articles
    reviewed: bool = False  # its answers are checked against the offline engine's reading (checks.review)


BACKENDS = {entry.name: entry for entry in (
    Entry("openai", "any OpenAI-compatible server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio)",
          "newsdigest.backends.openai_http:OpenAIBackend", concurrency=4, chat_model=True, reviewed=True),
    Entry("llamacpp", "a GGUF model run in this process (pip install 'newsdigest[local]')",
          "newsdigest.backends.llamacpp:LlamaCppBackend", chat_model=True, reviewed=True),
    Entry("offline", "the built-in rules engine", "newsdigest.backends.offline:OfflineBackend", processes=True),
)}


def create(settings: Settings) -> Backend:
    """The backend ``settings.backend`` names (resolved by ``config``, never "auto")."""
    module, _, cls = BACKENDS[settings.backend].backend_class.partition(":")
    backend: Backend = getattr(importlib.import_module(module), cls)(settings)
    return backend
