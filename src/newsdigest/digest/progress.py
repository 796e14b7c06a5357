"""A progress line on stderr (rich), shown only on a terminal: done (of how many, what share,
how long still, when the total is known), failed, cached, rate."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

from newsdigest.digest.runner import Outcome


class Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.done = self.failed = self.cached = 0
        self.total: int | None = None
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress as RichProgress
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = RichProgress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.line())
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, description=self.line())

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.failed += outcome.error is not None
        self.cached += outcome.cached
        if self._bar is not None:
            self._bar.update(self._task, description=self.line())

    def line(self) -> str:
        rate = self.done / max(time.monotonic() - self._started, 1e-9)
        done = f"{self.done} done"
        if self.total:
            eta = f"ETA {_clock((self.total - self.done) / rate)}" if self.done else "ETA -"
            done = f"{self.done}/{self.total} done ({100 * self.done // self.total}%, {eta})"
        return f"{done} · {self.failed} failed · {self.cached} cached · {rate:.2f} articles/s"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
