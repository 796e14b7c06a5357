#!/usr/bin/env python3
"""How fast the offline engine is: articles per second in one process, and one CLI run's wall time.

    python benchmarks/offline_speed.py [--runs N] [--against CHECKOUT]

1. Throughput: every PolNeAR dev text (../shared/benchmarks/polnear-dev/text/) through
   ``pipeline.summarize`` with the offline engine, article loading and JSON rendering
   included; median articles/s over N runs. The issue's bar: >= 100 articles/s.
2. ``newsdigest summarize <sample> --format json`` as a fresh process (interpreter start
   included), median wall time over N runs. The bar: < 0.5 s.
3. With ``--against CHECKOUT`` (another revision's tree: ``git worktree add ../ref REV``):
   this checkout's engine and that one's, each in a fresh process in turn for N rounds, by
   CPU time after a warm-up pass, and their ratio round by round. The machines are shared and
   their speed moves by a third from minute to minute, so only such interleaved ratios compare
   two engines; an articles/s figure recorded on another machine compares through the ratio of
   the engine it was recorded with.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from figures import Figure, print_figures, timing
from startup import ROOT, SAMPLE, SUMMARIZE, wall_times

sys.path.insert(0, str(ROOT / "src"))

from newsdigest import pipeline  # noqa: E402
from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402
from newsdigest.text import article  # noqa: E402

TEXTS = ROOT.parent / "shared" / "benchmarks" / "polnear-dev" / "text"


def throughput(paths: list[Path], runs: int) -> tuple[list[float], list[float]]:
    """Articles per second by the wall clock and by this process's CPU time (the second is what
    the engine costs when other processes share the cores)."""
    engine, prompts = OfflineBackend(), PromptStore()
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        for path in paths:
            render([pipeline.summarize(article.load(str(path)), engine, prompts)])
        wall.append(len(paths) / (time.perf_counter() - began))
        cpu.append(len(paths) / (time.process_time() - began_cpu))
    return wall, cpu


def measure(runs: int) -> list[Figure]:
    paths = sorted(TEXTS.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"{TEXTS} is absent: this benchmark reads the team's shared folder")
    wall, cpu = throughput(paths, runs)
    over = f"{len(paths)} PolNeAR dev articles in one process, loading and JSON included"
    return [
        timing("throughput by the wall clock", wall, "articles/s", f"{over}; bar >= 100", digits=1),
        timing("throughput by this process's CPU time", cpu, "articles/s", over, digits=1),
    ]


# One engine's articles/s of CPU, measured in a checkout's root by that checkout's own
# ``throughput`` (so a revision from before the package's layout changed measures itself too),
# after a warm-up pass.
_ONE_ENGINE = """
import sys
from pathlib import Path
sys.path.insert(0, "benchmarks")
import offline_speed
_, cpu = offline_speed.throughput(sorted(Path(sys.argv[1]).glob("*.txt")), 2)
print(cpu[-1])
"""


def against(other: Path, rounds: int) -> list[Figure]:
    """This checkout's engine and ``other``'s, in fresh processes in turn, ``rounds`` times."""
    mine, theirs = [], []
    for _ in range(rounds):
        for tree, samples in ((ROOT, mine), (other, theirs)):
            run = subprocess.run(
                [sys.executable, "-c", _ONE_ENGINE, str(TEXTS)], cwd=tree, capture_output=True, text=True, check=True
            )
            samples.append(float(run.stdout))
    ratios = [m / t for m, t in zip(mine, theirs)]
    over = "the PolNeAR dev texts, CPU time after a warm-up pass, fresh processes in turn"
    return [
        timing("this checkout's engine", mine, "articles/s", over, digits=1),
        timing(f"the engine of {other}", theirs, "articles/s", over, digits=1),
        timing("this checkout / that one", ratios, "x", "paired by round: " + ", ".join(f"x{r:.2f}" for r in ratios), digits=2),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="also compare with another revision's checkout, interleaved")
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"needs {SAMPLE} (the team's shared folder)", file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other processes slow the wall-clock figures)")
    times = wall_times({"summarize": SUMMARIZE}, args.runs)["summarize"]
    print_figures([
        *measure(args.runs),
        timing("newsdigest summarize SAMPLE --format json", times, "s wall", f"fresh process, SAMPLE = {SAMPLE.name}; bar < 0.5"),
    ])
    if args.against:
        print_figures(against(args.against.resolve(), args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
