#!/usr/bin/env python3
"""How well the offline engine finds attributions: PolNeAR dev, scored by the benchmark's score.py.

    python benchmarks/offline_quality.py [POLNEAR_DIR] [--keep DIR]

Runs the engine through the same pipeline as ``newsdigest summarize --format json`` on every
``text/*.txt`` of the benchmark, writes one JSON per article into a temporary folder (or
``--keep DIR``), runs ``score.py GOLD_DIR PRED_DIR --json`` and prints its figures. The issue's bar:
source recall >= 0.55 with precision >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import pipeline  # noqa: E402
from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402
from newsdigest.text import article  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "benchmarks" / "polnear-dev"


def write_predictions(gold: Path, out: Path) -> int:
    engine, prompts = OfflineBackend(), PromptStore()
    paths = sorted((gold / "text").glob("*.txt"))
    for path in paths:
        digest = pipeline.summarize(article.load(str(path)), engine, prompts)
        (out / f"{path.stem}.json").write_text(render([digest]), encoding="utf-8")
    return len(paths)


def score(gold: Path, predictions: Path) -> dict:
    """The benchmark's own scorer, run as it ships, over ``predictions/<name>.json``."""
    scored = subprocess.run(
        [sys.executable, str(gold / "score.py"), str(gold), str(predictions), "--json"],
        capture_output=True, text=True,
    )
    if scored.returncode:
        raise RuntimeError(f"score.py failed ({scored.returncode}): {scored.stderr.strip()[-500:]}")
    return json.loads(scored.stdout)


def measure(gold: Path = DEFAULT_GOLD, keep: Path | None = None) -> dict:
    """Score the offline engine over every text of ``gold``; ``keep`` keeps its JSON outputs."""
    if not (gold / "score.py").exists():
        raise FileNotFoundError(f"{gold}: no PolNeAR benchmark there (needs text/, attributions/, score.py)")
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        write_predictions(gold, out)
        return score(gold, out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--keep", type=Path, help="write the JSON outputs here and keep them")
    args = parser.parse_args()
    try:
        figures = measure(args.gold, args.keep)
    except (FileNotFoundError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 2
    for name, value in figures.items():
        print(f"{name:15} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
