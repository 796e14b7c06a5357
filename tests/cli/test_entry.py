"""The entry point's settings of the interpreter."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

_RUN_AND_SHOW_THRESHOLDS = """
import gc
from newsdigest.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(*gc.get_threshold())
"""


def test_the_command_collects_garbage_far_less_often_than_python_by_default():
    done = subprocess.run([sys.executable, "-c", _RUN_AND_SHOW_THRESHOLDS], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src")}, check=True)
    young, _, _ = map(int, done.stdout.split()[-3:])
    assert young >= 50 * 700  # Python's default looks after every 700 new objects
