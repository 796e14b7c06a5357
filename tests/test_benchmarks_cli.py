"""The benchmark suite's entry point starts and knows its options (the benchmarks themselves
never run in the test suite: they are slow and their figures depend on the machine)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUN), *args], capture_output=True, text=True, timeout=60)


def test_help_lists_the_options():
    done = bench("--help")
    assert done.returncode == 0, done.stderr
    for option in ("--quick", "--runs", "--base-url", "--model", "--llm-articles", "--only", "--json", "--markdown"):
        assert option in done.stdout


def test_a_bad_option_value_is_refused_before_measuring():
    done = bench("--runs", "0")
    assert done.returncode == 2
    assert "--runs and --llm-articles must be at least 1" in done.stderr
    assert "==" not in done.stdout  # no section started
