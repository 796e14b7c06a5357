"""Shared fixtures: paths to shared data, and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_3bc6c6f3a626bfad.txt"
POLNEAR = SHARED / "benchmarks" / "polnear-dev"
BIPIA = SHARED / "benchmarks" / "bipia" / "text_attack_train.json"
EXAMPLE = ROOT / "examples" / "council-budget.txt"


def need(path: Path) -> Path:
    """Skip (with the reason) where third-party data in ../shared/ is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: tests that read ../shared/ need the team's shared folder")
    return path


@pytest.fixture
def sample_path() -> Path:
    return need(SAMPLE)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(tmp_path):
    """Run ``python -m newsdigest`` as a user would, from this checkout's ``src``."""

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> CliResult:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
        full_env["PYTHONPATH"] = str(ROOT / "src")
        full_env.update(env or {})
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [sys.executable, "-m", "newsdigest", *args],
            input=data, capture_output=True, env=full_env, cwd=tmp_path, timeout=120,
        )
        return CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())

    return run
