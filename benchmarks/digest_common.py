"""What the digest benchmarks share: a loopback model server in its own process, articles, timing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def loopback_server(delay_s: float) -> Iterator[str]:
    """tests/fakellm.py in a separate process (so it never competes with the client for the GIL)."""
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "fakellm.py"), "--delay", str(delay_s)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait()


def write_articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"article-{n:03d}.txt").write_text(
            f"Report {n}\n\nThe district council met on Monday to discuss item {n}. "
            f"A spokesperson said {n + 3} proposals were approved.\n"
        )
    return folder


def timed_digest(*args: str) -> tuple[float, int]:
    """Wall seconds of one `newsdigest digest` run (interpreter start included) and its exit code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newsdigest", "digest", *args, "-q"],
                          capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"newsdigest digest failed ({proc.returncode}): {proc.stderr.strip()}")
    return elapsed, len(proc.stdout.splitlines())
