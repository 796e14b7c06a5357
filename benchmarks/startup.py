#!/usr/bin/env python3
"""How long newsdigest takes to start: fresh processes, timed beside a bare interpreter.

    python benchmarks/startup.py [--runs N]

Each run starts every command below once, in turn, so that the machine's load falls on all
of them alike; figures are medians over the runs. ``newsdigest`` runs as ``python -m
newsdigest`` from this checkout's src (the installed console script may point elsewhere).
The README's bar: ``newsdigest --help`` under 0.2 s (median).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from figures import Figure, print_figures, timing

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "000_3bc6c6f3a626bfad.txt"
HELP_BAR_S = 0.2  # issue 14: rich help formatting had pushed it to 0.3 s
NEWSDIGEST = [sys.executable, "-m", "newsdigest"]
SUMMARIZE = [*NEWSDIGEST, "summarize", str(SAMPLE), "--backend", "offline", "--format", "json"]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import newsdigest.cli"': [sys.executable, "-c", "import newsdigest.cli"],
    "newsdigest --help": [*NEWSDIGEST, "--help"],
    "newsdigest summarize SAMPLE (offline, json)": SUMMARIZE,
}


def checkout_env() -> dict[str, str]:
    """This checkout's code, and no model server settings from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def wall_times(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Seconds per fresh process, for every command, interleaved run by run."""
    env = checkout_env()
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            began = time.perf_counter()
            subprocess.run(argv, env=env, check=True, capture_output=True)
            times[name].append(time.perf_counter() - began)
    return times


def measure(runs: int) -> list[Figure]:
    if not SAMPLE.exists():
        raise FileNotFoundError(f"{SAMPLE} is absent: the summarize timing reads the team's shared folder")
    times = wall_times(COMMANDS, runs)
    sample = f"SAMPLE = ../shared/samples/{SAMPLE.name}"
    figures = [timing(name, samples, "s wall", sample if "SAMPLE" in name else "") for name, samples in times.items()]
    bare = times["python -c pass"]
    help_cost = [h - b for h, b in zip(times["newsdigest --help"], bare)]
    figures.append(timing("newsdigest --help minus python -c pass", help_cost, "s wall", "paired by run"))
    below = statistics.median(times["newsdigest --help"]) < HELP_BAR_S
    figures.append(Figure(f"newsdigest --help under the {HELP_BAR_S} s bar", "yes" if below else "NO", "", runs, "median"))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print_figures(measure(args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
