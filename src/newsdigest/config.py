"""Effective settings: command-line options over environment variables over the config file
(``config_file``) over defaults, and the backend "auto" stands for. Secrets (the API key) come
from the environment only.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Mapping

from newsdigest import config_file
from newsdigest.backends.registry import BACKENDS as REGISTERED
from newsdigest.errors import ConfigError, UsageError
from newsdigest.secrets import SECRET_ENV_VARS, keep_url_secrets, mask, redact
from newsdigest.settings import Settings

BACKENDS = ("auto", *REGISTERED)
BACKEND_HELP = "; ".join([
    "auto = openai when a base URL or OPENAI_API_KEY is set, else llamacpp when a model path is set, "
    "else the built-in offline engine",
    *(f"{entry.name} = {entry.help}" for entry in REGISTERED.values()),
]) + "."
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"


def from_environment(settings: Settings, env: Mapping[str, str] | None = None) -> Settings:
    """``settings`` with what the options left unset taken from the environment, then the file."""
    env = os.environ if env is None else env
    file = config_file.load(env).get("", {})
    base_url = settings.base_url or env.get("NEWSDIGEST_BASE_URL") or env.get("OPENAI_BASE_URL") or file.get("base_url")
    keep_url_secrets(base_url)  # before any message or log line can show the URL
    return dataclasses.replace(
        settings,
        base_url=base_url,
        api_key=env.get("OPENAI_API_KEY") or None,
        model=settings.model or env.get("NEWSDIGEST_MODEL") or file.get("model"),
        model_path=settings.model_path or env.get("NEWSDIGEST_MODEL_PATH") or file.get("model_path"),
    )


def resolve(settings: Settings = Settings(), env: Mapping[str, str] | None = None) -> Settings:
    """The settings a backend is built from: the environment added, "auto" decided, and what the
    chosen backend needs checked. Only what that backend uses is kept."""
    if settings.backend not in BACKENDS:
        raise UsageError(f"unknown backend {settings.backend!r}", hint=f"choose one of: {', '.join(BACKENDS)}")
    settings = from_environment(settings, env)
    backend, model, base_url, api_key, model_path = (
        settings.backend, settings.model, settings.base_url, settings.api_key, settings.model_path)
    if backend == "auto":
        backend = "openai" if base_url or api_key else "llamacpp" if model_path else "offline"
    if backend == "llamacpp":
        if not model_path:
            raise ConfigError(
                "the llamacpp backend needs a model file",
                hint="pass --model-path FILE.gguf or set NEWSDIGEST_MODEL_PATH",
            )
        return dataclasses.replace(
            settings, backend=backend, model=os.path.basename(model_path), base_url=None, api_key=None)
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
    return dataclasses.replace(settings, backend=backend, model=model, model_path=None)


def describe(settings: Settings, env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The effective settings for people to read: every secret masked, never its value."""
    env = os.environ if env is None else env
    shown: dict[str, object] = {
        "backend": settings.backend,
        "model": settings.model,
        "base_url": redact(settings.base_url) if settings.base_url else None,
        "model_path": settings.model_path,
        "mode": settings.mode,
        "reasks": settings.reasks,
        "max_tokens": settings.max_tokens,
        "timeout_s": settings.timeout_s,
        "transport_retries": settings.transport_retries,
    }
    shown.update({name: mask(env.get(name)) for name in SECRET_ENV_VARS})
    return shown
