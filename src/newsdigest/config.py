"""Effective settings: command-line options over environment variables over defaults.

Secrets (the API key) come from the environment only and are kept out of ``repr``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from newsdigest.errors import ConfigError, UsageError
from newsdigest.secrets import SECRET_ENV_VARS, keep_url_secrets, mask, redact

BACKENDS = ("auto", "openai", "llamacpp", "offline")
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Config:
    backend: str
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: str = "tools"
    reasks: int = 2
    max_tokens: int = 3000
    timeout_s: float = 600.0
    transport_retries: int = 3
    retry_backoff_s: float = 1.0
    model_path: str | None = None  # llamacpp: the GGUF file
    n_ctx: int | None = None  # context window in tokens; None: the backend's default
    threads: int | None = None  # llamacpp: CPU threads; None: all available cores


def resolve(
    *,
    backend: str = "auto",
    model: str | None = None,
    base_url: str | None = None,
    model_path: str | None = None,
    env: Mapping[str, str] | None = None,
    **options: object,
) -> Config:
    env = os.environ if env is None else env
    if backend not in BACKENDS:
        raise UsageError(f"unknown backend {backend!r}", hint=f"choose one of: {', '.join(BACKENDS)}")
    base_url = base_url or env.get("NEWSDIGEST_BASE_URL") or env.get("OPENAI_BASE_URL") or None
    keep_url_secrets(base_url)  # before any message or log line can show the URL
    api_key = env.get("OPENAI_API_KEY") or None
    model = model or env.get("NEWSDIGEST_MODEL") or None
    model_path = model_path or env.get("NEWSDIGEST_MODEL_PATH") or None
    if backend == "auto":
        backend = "openai" if base_url or api_key else "llamacpp" if model_path else "offline"
    if backend == "llamacpp":
        if not model_path:
            raise ConfigError(
                "the llamacpp backend needs a model file",
                hint="pass --model-path FILE.gguf or set NEWSDIGEST_MODEL_PATH",
            )
        return Config(backend=backend, model=os.path.basename(model_path), model_path=model_path, **options)  # type: ignore[arg-type]
    if backend == "openai" and not model:
        if base_url:
            raise ConfigError(
                f"no model named for the server at {base_url}",
                hint="pass --model NAME or set NEWSDIGEST_MODEL (the server lists its models at /v1/models)",
            )
        model = OPENAI_DEFAULT_MODEL
    if backend == "openai" and not base_url and not api_key:
        raise ConfigError(
            "the openai backend needs a server",
            hint="pass --base-url URL for a local server, or set OPENAI_API_KEY for OpenAI",
        )
    return Config(backend=backend, model=model, base_url=base_url, api_key=api_key, **options)  # type: ignore[arg-type]


def describe(config: Config, env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The effective settings for people to read: every secret masked, never its value."""
    env = os.environ if env is None else env
    shown: dict[str, object] = {
        "backend": config.backend,
        "model": config.model,
        "base_url": redact(config.base_url) if config.base_url else None,
        "model_path": config.model_path,
        "mode": config.mode,
        "reasks": config.reasks,
        "max_tokens": config.max_tokens,
        "timeout_s": config.timeout_s,
        "transport_retries": config.transport_retries,
    }
    shown.update({name: mask(env.get(name)) for name in SECRET_ENV_VARS})
    return shown
