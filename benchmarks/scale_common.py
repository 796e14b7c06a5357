"""What the scale benchmarks share: the PolNeAR dev texts, a corpus made of them, the runner, load."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "benchmarks" / "polnear-dev" / "text"
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.digest import cache as cache_mod  # noqa: E402
from newsdigest.digest import runner  # noqa: E402
from newsdigest.digest.inputs import Item  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402


def dev_paths() -> list[Path]:
    paths = sorted(TEXTS.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"{TEXTS} is absent: this benchmark reads the team's shared folder")
    return paths


def corpus(count: int) -> Iterator[Item]:
    """``count`` articles: the dev texts over and over, each copy changed by an edition line so
    that no two texts are the same (no cache hit, no shared result)."""
    texts = [p.read_text(encoding="utf-8") for p in dev_paths()]
    for n in range(count):
        yield Item(id=f"a{n}", source=f"corpus:{n}", text=f"{texts[n % len(texts)]}\n\nEdition {n // len(texts) + 1}.\n")


def offline_job(workers: int, cache: cache_mod.Cache | None = None) -> runner.Job:
    engine, prompts = OfflineBackend(), PromptStore()
    return runner.Job(engine, prompts, "extract", concurrency=workers, cache=cache,
                      fingerprint=cache_mod.fingerprint(engine, prompts.get("extract")) if cache else None)


def timed_run(items: list[Item], job: runner.Job) -> float:
    """Wall seconds to digest ``items`` in this process (results consumed in order, not kept)."""
    return cpu_and_wall(items, job)[1]


def cpu_and_wall(items: list[Item], job: runner.Job) -> tuple[float, float]:
    """CPU seconds (this process and its worker processes) and wall seconds to digest ``items``."""
    began, cpu_before = time.perf_counter(), _cpu()
    failed = sum(o.error is not None for o in runner.run(items, job))
    if failed:
        raise RuntimeError(f"{failed} articles failed")
    return _cpu() - cpu_before, time.perf_counter() - began


def _cpu() -> float:
    """User and system time of this process and of its children that have ended (the pool's
    workers have when ``runner.run`` returns)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {runner.available_cores()} cores"
