"""Any OpenAI-compatible chat server: OpenAI, Ollama, vLLM, llama.cpp's server, LM Studio."""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import urlparse

from newsdigest.backends.chat import budget
from newsdigest.backends.chat.backend import ChatBackend
from newsdigest.backends.chat.retries import TransportBudget
from newsdigest.errors import BackendError, first_line
from newsdigest.settings import Settings


class OpenAIBackend(ChatBackend):
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        import openai

        assert settings.model, "config.resolve names a model for every server"
        self.settings = settings
        self.n_ctx = settings.n_ctx or budget.DEFAULT_N_CTX
        self.model = settings.model
        self.base_url_host = urlparse(settings.base_url).hostname if settings.base_url else "api.openai.com"
        # Local servers take no key, but the client insists on one being set.
        self._client = openai.OpenAI(
            base_url=settings.base_url, api_key=settings.api_key or "no-key", timeout=settings.timeout_s, max_retries=0
        )

    def create_function(self) -> Callable[..., Any]:
        budget = TransportBudget(
            retries=self.settings.transport_retries, backoff_s=self.settings.retry_backoff_s, describe=_failure)
        create = self._client.chat.completions.create

        def create_with_retries(**kwargs: Any) -> Any:
            try:
                return budget.call(create, _is_transient, **kwargs)
            except Exception as exc:
                raise _as_backend_error(exc, self.base_url_host) from exc

        return create_with_retries


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _failure(exc: BaseException) -> str:
    """A transient failure in a few words, for the retry notice."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "no answer in time"
    if isinstance(exc, openai.APIConnectionError):
        reason = first_line(exc.__cause__ or exc)
        return re.sub(r"^\[Errno -?\d+\]\s*", "", reason).lower() or "cannot connect"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return first_line(exc)


def _as_backend_error(exc: Exception, host: str | None) -> Exception:
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return BackendError(f"the model server at {host} did not answer in time", hint="raise --timeout")
    if isinstance(exc, openai.APIConnectionError):
        reason = first_line(exc.__cause__ or exc)
        return BackendError(
            f"cannot reach the model server at {host}" + (f": {reason}" if reason else ""),
            hint="is it running? check --base-url",
        )
    if isinstance(exc, ValueError):  # the HTTP body itself is not JSON: not a model answer to re-ask
        return BackendError(
            f"the model server at {host} sent a response that is not JSON ({exc})",
            hint="check that --base-url is an OpenAI-compatible API, usually ending in /v1",
        )
    if isinstance(exc, openai.AuthenticationError):
        return BackendError(f"the model server at {host} rejected the API key", hint="check OPENAI_API_KEY")
    if isinstance(exc, openai.NotFoundError):
        return BackendError(
            f"the model server at {host} answered 404: {_message(exc)}", hint="check --model and --base-url"
        )
    if isinstance(exc, openai.RateLimitError):
        return BackendError(
            f"the model server at {host} kept refusing with HTTP 429 (rate limit): {_message(exc)}",
            hint="wait a while, or raise --retries",
        )
    if isinstance(exc, openai.APIStatusError):
        return BackendError(f"the model server at {host} answered HTTP {exc.status_code}: {_message(exc)}")
    return exc


def _message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        detail = body.get("message") or body.get("error") or body.get("detail")
        if isinstance(detail, dict):
            detail = detail.get("message")
        if detail:
            return first_line(detail)
    return first_line(getattr(exc, "message", exc))
