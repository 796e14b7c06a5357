"""Transport retries with one budget per article.

Validation re-asks (instructor) and transport retries (here) are separate layers. The
transport budget is shared by every request made for one article, re-asks included, so the
worst case is ``1 + reasks + transport_retries`` requests, never their product.
"""

from __future__ import annotations

import email.utils
import logging
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, wait_exponential_jitter

T = TypeVar("T")
# One line per retry, so that waiting for a server that is down is not silence; the command
# line shows these on stderr unless -q.
log = logging.getLogger("newsdigest.retries")


@dataclass
class TransportBudget:
    """``retries`` extra requests at most; waits double from ``backoff_s`` (plus as much
    jitter) unless the server says how long in Retry-After, and never exceed ``max_wait_s``.
    ``describe`` names a failure in the retry notice ("connection refused")."""

    retries: int = 3
    backoff_s: float = 1.0
    max_wait_s: float = 60.0
    used: int = 0
    describe: Callable[[BaseException], str] = str

    def __post_init__(self) -> None:
        self._backoff = wait_exponential_jitter(initial=self.backoff_s, max=20 * self.backoff_s, jitter=self.backoff_s)

    def call(self, fn: Callable[..., T], is_transient: Callable[[BaseException], bool], **kwargs: Any) -> T:
        for attempt in Retrying(
            retry=retry_if_exception(is_transient),
            stop=lambda _state: self.used >= self.retries,
            wait=self._wait,
            before_sleep=self._spend,
            reraise=True,
        ):
            with attempt:
                return fn(**kwargs)
        raise AssertionError("unreachable: tenacity reraises the last error")

    def _spend(self, state: RetryCallState) -> None:
        self.used += 1
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("retrying in %.1f s: %s", wait, self.describe(exc) if exc else "no answer")

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        advised = retry_after_seconds(exc)
        wait = advised if advised is not None else self._backoff(state)
        return min(wait, self.max_wait_s)


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's Retry-After (seconds or HTTP date), if the error carries a response and the
    value means something; a malformed one (garbage, NaN, infinite) is as good as none."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return max(0.0, milliseconds / 1000)
    value = headers.get("retry-after")
    if not value:
        return None
    seconds = _number(value)
    if seconds is None:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, OverflowError):
            return None
    return max(0.0, seconds)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
