#!/usr/bin/env python3
"""How well the offline engine finds attributions: PolNeAR dev, scored by the benchmark's score.py.

    python benchmarks/offline_quality.py [POLNEAR_DIR] [--keep DIR]

Runs the engine through the same pipeline as ``newsdigest summarize --format json`` on every
``text/*.txt`` of the benchmark, writes one JSON per article into a temporary folder (or
``--keep DIR``), runs ``score.py GOLD_DIR PRED_DIR`` and prints its figures. The issue's bar:
source recall >= 0.55 with precision >= 0.85.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import article, pipeline  # noqa: E402
from newsdigest.offline.engine import OfflineEngine  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "benchmarks" / "polnear-dev"


def write_predictions(gold: Path, out: Path) -> int:
    engine, prompts = OfflineEngine(), PromptStore()
    paths = sorted((gold / "text").glob("*.txt"))
    for path in paths:
        digest = pipeline.summarize(article.load(str(path)), engine, prompts)
        (out / f"{path.stem}.json").write_text(render([digest]), encoding="utf-8")
    return len(paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--keep", type=Path, help="write the JSON outputs here and keep them")
    args = parser.parse_args()
    if not (args.gold / "score.py").exists():
        print(f"{args.gold}: no PolNeAR benchmark there (needs text/, attributions/, score.py)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        count = write_predictions(args.gold, out)
        print(f"articles written  {count} (to {out})")
        scored = subprocess.run(
            [sys.executable, str(args.gold / "score.py"), str(args.gold), str(out)], capture_output=True, text=True
        )
        print(scored.stdout, end="")
        if scored.returncode:
            print(scored.stderr, file=sys.stderr)
        return scored.returncode


if __name__ == "__main__":
    sys.exit(main())
