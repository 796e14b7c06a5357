"""What every benchmark reports: named figures with a unit and a run count, and the machine.

The machines these run on are shared, so every figure says how many runs it rests on
(timings are medians of them) and each section records the load average while it ran.
"""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | int | str
    unit: str
    runs: int
    note: str = ""

    def line(self) -> str:
        value = str(self.value)
        runs = f"{self.runs} run" + ("" if self.runs == 1 else "s")
        note = f"  ({self.note})" if self.note else ""
        return f"  {self.name:<46} {value:>10} {self.unit:<16} [{runs}]{note}"

    def as_dict(self) -> dict:
        return asdict(self)


def timing(name: str, samples: list[float], unit: str, note: str = "", *, digits: int = 3) -> Figure:
    """The median of ``samples``, with their spread in the note."""
    spread = f"min {min(samples):.{digits}f}, max {max(samples):.{digits}f}" if len(samples) > 1 else ""
    value = round(statistics.median(samples), digits)
    return Figure(name, value, unit, len(samples), "; ".join(part for part in (note, spread) if part))


def ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def print_figures(figures: list[Figure]) -> None:
    for figure in figures:
        print(figure.line())


def machine() -> dict:
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def load_average() -> float:
    return round(os.getloadavg()[0], 2)
