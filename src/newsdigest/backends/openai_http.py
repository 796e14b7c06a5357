"""Any OpenAI-compatible chat server: OpenAI, Ollama, vLLM, llama.cpp's server, LM Studio."""

from __future__ import annotations

import re
import threading
from typing import Any, Callable, Iterator
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
        self._breaker = _Breaker()
        # Local servers take no key, but the client insists on one being set. The client's
        # timeout bounds each read; _within bounds the whole request.
        self._client = openai.OpenAI(
            base_url=settings.base_url, api_key=settings.api_key or "no-key", timeout=settings.timeout_s, max_retries=0,
            http_client=openai.DefaultHttpxClient(event_hooks={"response": [_capped]}),
        )

    def create_function(self) -> Callable[..., Any]:
        budget = TransportBudget(
            retries=self.settings.transport_retries, backoff_s=self.settings.retry_backoff_s, describe=_failure)
        create = self._client.chat.completions.create

        def create_in_time(**kwargs: Any) -> Any:
            answer = _within(self.settings.timeout_s, create, kwargs)
            if isinstance(answer, str):  # what the client returns for a body that is not JSON
                raise ValueError(f"it began {answer.strip()[:60]!r}")
            return answer

        def create_with_retries(**kwargs: Any) -> Any:
            self._breaker.check(self.base_url_host)
            try:
                answer = budget.call(create_in_time, _is_transient, **kwargs)
            except Exception as exc:
                self._breaker.record(exc)
                raise _as_backend_error(exc, self.base_url_host) from exc
            self._breaker.record(None)
            return answer

        return create_with_retries


# Far above any answer a model gives within --max-tokens; a larger body is not read to its end.
MAX_ANSWER_BYTES = 10_000_000
# Articles in a row whose requests could not reach the server, retries spent, after which the
# following ones are not tried: a dead server would otherwise cost every article its retries.
DEAD_AFTER_ARTICLES = 3


class _Breaker:
    """Counts articles in a row for which the server was unreachable or silent (shared by the
    threads of a digest); once DEAD_AFTER_ARTICLES is reached, every later request fails at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._dead_in_a_row = 0

    def check(self, host: str | None) -> None:
        with self._lock:
            if self._dead_in_a_row >= DEAD_AFTER_ARTICLES:
                raise BackendError(
                    f"not tried: the model server at {host} failed for {self._dead_in_a_row} articles in a row",
                    hint="start it or check --base-url, then run again: finished articles are cached",
                )

    def record(self, failure: Exception | None) -> None:
        import openai

        with self._lock:
            if isinstance(failure, (_TooSlow, openai.APITimeoutError, openai.APIConnectionError)):
                self._dead_in_a_row += 1
            elif failure is None or isinstance(failure, openai.APIStatusError):  # it answered
                self._dead_in_a_row = 0


class _TooLarge(Exception):
    """An answer body longer than MAX_ANSWER_BYTES."""


def _capped(response: Any) -> None:
    """The HTTP client's response hook, called before the body is read: a body announced or
    found to be longer than MAX_ANSWER_BYTES raises _TooLarge instead of filling memory."""
    if int(response.headers.get("content-length") or 0) > MAX_ANSWER_BYTES:
        raise _TooLarge()
    # The client reads only a SyncByteStream; its class comes from httpx or httpx2, whichever
    # the installed openai uses, so it is found among the body's own classes.
    byte_stream = next(c for c in type(response.stream).__mro__ if c.__name__ == "SyncByteStream")
    body = response.stream

    class Capped(byte_stream):  # type: ignore[misc, valid-type]
        def __iter__(self) -> Iterator[bytes]:
            received = 0
            for chunk in body:
                received += len(chunk)
                if received > MAX_ANSWER_BYTES:
                    raise _TooLarge()
                yield chunk

        def close(self) -> None:
            body.close()

    response.stream = Capped()


class _TooSlow(Exception):
    """A request still unfinished when its time ran out."""


def _within(seconds: float, create: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """``create(**kwargs)``, or _TooSlow once ``seconds`` have passed. The HTTP client's timeout
    only bounds each read, and a server sending a byte a second never trips it. The request
    runs in a daemon thread that is abandoned, not awaited, when too slow: it ends when its
    connection does, at the latest when the process exits."""
    outcome: dict[str, Any] = {}

    def request() -> None:
        try:
            outcome["answer"] = create(**kwargs)
        except BaseException as exc:  # handed to the waiting thread, which raises it
            outcome["error"] = exc

    worker = threading.Thread(target=request, name="newsdigest-request", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _TooSlow(f"no complete answer in {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["answer"]


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc.__cause__, _TooLarge):  # the client reports it as a lost connection
        return False
    if isinstance(exc, (_TooSlow, openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _failure(exc: BaseException) -> str:
    """A transient failure in a few words, for the retry notice."""
    import openai

    if isinstance(exc, (_TooSlow, openai.APITimeoutError)):
        return "no answer in time"
    if isinstance(exc, openai.APIConnectionError):
        reason = first_line(exc.__cause__ or exc)
        return re.sub(r"^\[Errno -?\d+\]\s*", "", reason).lower() or "cannot connect"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    return first_line(exc)


def _as_backend_error(exc: Exception, host: str | None) -> Exception:
    import openai

    if isinstance(exc, (_TooSlow, openai.APITimeoutError)):
        return BackendError(f"the model server at {host} did not answer in time", hint="raise --timeout")
    if isinstance(exc.__cause__, _TooLarge):
        return BackendError(
            f"the model server at {host} sent an answer over {MAX_ANSWER_BYTES:,} bytes",
            hint="check that --base-url is an OpenAI-compatible API, and --max-tokens",
        )
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

