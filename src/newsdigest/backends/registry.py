"""Build the backend a ``Config`` names. Heavy client libraries are imported only here."""

from __future__ import annotations

from newsdigest.backends.base import Backend
from newsdigest.backends.chat import budget, llm
from newsdigest.config import Config


def create(config: Config) -> Backend:
    if config.backend == "offline":
        from newsdigest.offline.engine import OfflineEngine

        return OfflineEngine()
    assert config.model
    settings = llm.Settings(
        model=config.model, mode=config.mode, reasks=config.reasks, max_tokens=config.max_tokens
    )
    if config.backend == "llamacpp":
        from newsdigest.backends.llamacpp import LlamaCppBackend

        assert config.model_path
        return LlamaCppBackend(settings, model_path=config.model_path, n_ctx=config.n_ctx, threads=config.threads)
    from newsdigest.backends.openai_http import OpenAIBackend

    return OpenAIBackend(
        settings,
        base_url=config.base_url,
        api_key=config.api_key,
        timeout_s=config.timeout_s,
        transport_retries=config.transport_retries,
        retry_backoff_s=config.retry_backoff_s,
        n_ctx=config.n_ctx or budget.DEFAULT_N_CTX,
    )
