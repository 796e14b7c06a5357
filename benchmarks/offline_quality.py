#!/usr/bin/env python3
"""How well the offline engine finds attributions: PolNeAR dev, scored by the benchmark's score.py.

    python benchmarks/offline_quality.py [POLNEAR_DIR] [--keep DIR] [--halves]

Runs the engine through the same pipeline as ``newsdigest summarize --format json`` on every
``text/*.txt`` of the benchmark, writes one JSON per article into a temporary folder (or
``--keep DIR``), runs ``score.py GOLD_DIR PRED_DIR --json`` and prints its figures (strict
and lenient; score.py's docstring defines them).

``--halves`` also scores the two halves of the split apart. Figures measured on the articles
whose errors the rules were tuned on overstate, so the articles are split once, by sorted
name, every other one: the even places are the tuning half (look at their errors), the odd
places the held-out half (only ever scored; on 2026-12-01 twenty of its articles' digests were
read as an editor and what they showed was fixed: docs/benchmarks.md scores the other 22 apart).
``tuning_names`` and ``held_out_names`` give them.
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
SHOWN = (
    "strict_f1", "strict_precision", "strict_source_recall", "junk_sources", "pred",
    "f1", "precision", "source_recall", "content_recall", "gold", "articles",
)


def names(gold: Path) -> list[str]:
    return sorted(path.stem for path in (gold / "text").glob("*.txt"))


def tuning_names(gold: Path) -> list[str]:
    return names(gold)[0::2]


def held_out_names(gold: Path) -> list[str]:
    return names(gold)[1::2]


def write_predictions(gold: Path, out: Path) -> int:
    engine, prompts = OfflineBackend(), PromptStore()
    paths = sorted((gold / "text").glob("*.txt"))
    for path in paths:
        digest = pipeline.summarize(article.load(str(path)), engine, prompts)
        (out / f"{path.stem}.json").write_text(render([digest]), encoding="utf-8")
    return len(paths)


def score(gold: Path, predictions: Path, scorer: Path | None = None) -> dict:
    """The benchmark's own scorer, run as it ships, over ``predictions/<name>.json``."""
    scored = subprocess.run(
        [sys.executable, str(scorer or gold / "score.py"), str(gold), str(predictions), "--json"],
        capture_output=True, text=True,
    )
    if scored.returncode:
        raise RuntimeError(f"score.py failed ({scored.returncode}): {scored.stderr.strip()[-500:]}")
    return json.loads(scored.stdout)


def score_subset(gold: Path, predictions: Path, subset: list[str]) -> dict:
    """score.py over some of the articles: a folder of links to their texts and annotations."""
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp)
        (part / "text").mkdir()
        (part / "attributions").mkdir()
        for name in subset:
            (part / "text" / f"{name}.txt").symlink_to(gold / "text" / f"{name}.txt")
            for ann in (gold / "attributions").glob(f"{name}_*.ann"):
                (part / "attributions" / ann.name).symlink_to(ann)
        return score(part, predictions, scorer=gold / "score.py")


def measure(gold: Path = DEFAULT_GOLD, keep: Path | None = None, halves: bool = False) -> dict:
    """Score the offline engine over every text of ``gold``; ``keep`` keeps its JSON outputs.
    With ``halves``: {"all": ..., "tuning": ..., "held_out": ...}."""
    if not (gold / "score.py").exists():
        raise FileNotFoundError(f"{gold}: no PolNeAR benchmark there (needs text/, attributions/, score.py)")
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        write_predictions(gold, out)
        if not halves:
            return score(gold, out)
        return {
            "all": score(gold, out),
            "tuning": score_subset(gold, out, tuning_names(gold)),
            "held_out": score_subset(gold, out, held_out_names(gold)),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--keep", type=Path, help="write the JSON outputs here and keep them")
    parser.add_argument("--halves", action="store_true", help="also score the tuning and held-out halves apart")
    args = parser.parse_args()
    try:
        figures = measure(args.gold, args.keep, args.halves)
    except (FileNotFoundError, RuntimeError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if not args.halves:
        for name, value in figures.items():
            print(f"{name:21} {value}")
        return 0
    print(f"{'':21} {'all':>9} {'tuning':>9} {'held-out':>9}")
    for name in SHOWN:
        print(f"{name:21} " + " ".join(f"{figures[part][name]:>9}" for part in ("all", "tuning", "held_out")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
