#!/usr/bin/env python3
"""How fast the offline engine is: articles per second in one process, and one CLI run's wall time.

    python benchmarks/offline_speed.py [--runs N]

1. Throughput: every PolNeAR dev text (../shared/benchmarks/polnear-dev/text/) through
   ``pipeline.summarize`` with the offline engine, article loading and JSON rendering
   included; median articles/s over N runs. The issue's bar: >= 100 articles/s.
2. ``newsdigest summarize <sample> --format json`` as a fresh process (interpreter start
   included), median wall time over N runs. The bar: < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import article, pipeline  # noqa: E402
from newsdigest.offline.engine import OfflineEngine  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402

SHARED = ROOT.parent / "shared"
TEXTS = SHARED / "benchmarks" / "polnear-dev" / "text"
SAMPLE = SHARED / "samples" / "000_3bc6c6f3a626bfad.txt"


def throughput(paths: list[Path], runs: int) -> tuple[list[float], list[float]]:
    """Articles per second by the wall clock and by this process's CPU time (the second is what
    the engine costs when other processes share the cores)."""
    engine, prompts = OfflineEngine(), PromptStore()
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        for path in paths:
            render([pipeline.summarize(article.load(str(path)), engine, prompts)])
        wall.append(len(paths) / (time.perf_counter() - began))
        cpu.append(len(paths) / (time.process_time() - began_cpu))
    return wall, cpu


def cli_wall(runs: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "newsdigest", "summarize", str(SAMPLE), "--format", "json"],
            env=env, check=True, capture_output=True,
        )
        times.append(time.perf_counter() - began)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    paths = sorted(TEXTS.glob("*.txt"))
    if not paths or not SAMPLE.exists():
        print(f"needs {TEXTS} and {SAMPLE} (the team's shared folder)", file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other processes slow the wall-clock figures)")
    wall, cpu = throughput(paths, args.runs)
    print(f"throughput  {statistics.median(wall):7.1f} articles/s wall, {statistics.median(cpu):.1f} by CPU time  "
          f"(median of {args.runs} runs over {len(paths)} PolNeAR dev articles, loading and JSON included; "
          f"wall min {min(wall):.1f}, max {max(wall):.1f}; bar >= 100)")
    times = cli_wall(args.runs)
    print(f"cli wall    {statistics.median(times):7.3f} s  (median of {args.runs} runs of "
          f"'newsdigest summarize {SAMPLE.name} --format json'; min {min(times):.3f}, max {max(times):.3f}; bar < 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
