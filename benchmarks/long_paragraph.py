#!/usr/bin/env python3
"""How long the offline engine takes on one enormous paragraph: bounded, not super-quadratic.

    python benchmarks/long_paragraph.py [--kb 25 100 2000]

Each size is one paragraph with no sentence end, full of cue verbs, names and quotation
marks ("Officials said ... Mayor Dana Ruiz told reporters that ..."), the worst case for the
attribution rules, which walk back from every cue to its subject. Prints the CPU seconds of
``pipeline.summarize`` for each size. The bar (issue 16): 2,000 KB in at most 5 s of CPU.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import pipeline
from newsdigest.text import article  # noqa: E402
from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402

PHRASE = (
    "officials said the bridge would open and Mayor Dana Ruiz told reporters that the council, "
    "which had claimed the vote was close, warned that (as Ana Lopez wrote) “taxes will rise” and "
    "critics say the 40 percent rise "
)


def paragraph(kb: int) -> str:
    """A headline and one paragraph, ``kb`` kilobytes in all (UTF-8), with no full stop anywhere."""
    size = kb * 1000 - 20  # under the article size limit at 2,000 KB
    body = (PHRASE * (size // len(PHRASE) + 1)).encode()[:size].decode(errors="ignore")
    return "Budget vote\n\n" + body + "\n"


def cpu_seconds(kb: int) -> float:
    engine, prompts = OfflineBackend(), PromptStore()
    doc = article.from_text(paragraph(kb), article_id=f"long-{kb}")
    began = time.process_time()
    pipeline.summarize(doc, engine, prompts)
    return time.process_time() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[25, 100, 2000], help="paragraph sizes in KB")
    args = parser.parse_args()
    for kb in args.kb:
        print(f"{kb:>6} KB paragraph: {cpu_seconds(kb):7.2f} s CPU (bar for 2000 KB: <= 5 s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
