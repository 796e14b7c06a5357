#!/usr/bin/env python3
"""Contradiction checks and story grouping at scale: time per KB of one long article, and a
markdown digest of many small articles (time and peak memory).

    python benchmarks/contradictions_scale.py [--sizes KB,KB,...] [--articles N] [--digest N]

1. One article of 3 KB to 2 MB (1,990 KB: newsdigest reads at most 2,000,000 bytes) (the PolNeAR dev texts joined, one paragraph a line): its figures
   read sentence by sentence and compared for contradictions (``contradictions.numeric``, the
   step that took 34 s on a 2 MB article when it compared every pair). Prints CPU ms per KB,
   figures and comparisons. The figures step is the same one the engine runs per claim.
2. ``stories.group`` over N small articles (dev leads, each with a changed place name and
   figure): CPU seconds and this process's peak RSS.
3. With ``--digest N``: ``newsdigest digest DIR -f md`` over N small articles as a fresh
   process, its wall time and peak RSS (issue 16 asks < 1 GB for 20,000 articles).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.text.article import from_text  # noqa: E402
from newsdigest.digest import stories  # noqa: E402
from newsdigest.offline import contradictions, figures  # noqa: E402

TEXTS = ROOT.parent / "shared" / "benchmarks" / "polnear-dev" / "text"


def dev_texts() -> list[str]:
    paths = sorted(TEXTS.glob("*.txt"))
    if not paths:
        sys.exit(f"{TEXTS}: no PolNeAR dev texts (the team's ../shared/ folder is needed)")
    return [p.read_text(encoding="utf-8") for p in paths]


def long_article(texts: list[str], kilobytes: int) -> str:
    """The dev texts joined to ``kilobytes`` thousand bytes of UTF-8."""
    body, n = [], 0
    while sum(map(len, body)) < kilobytes * 1000:
        body.append(texts[n % len(texts)])
        n += 1
    return "\n".join(body).encode("utf-8")[: kilobytes * 1000].decode("utf-8", errors="ignore")


def article_figures(kilobytes: int, texts: list[str]) -> tuple[float, int, int]:
    """CPU seconds to read and compare the figures of one article, figures, comparisons."""
    art = from_text(long_article(texts, kilobytes))
    compared = [0]
    real = figures.conflict

    def counting(a: figures.Figure, b: figures.Figure) -> bool:
        compared[0] += 1
        return real(a, b)

    figures.conflict = counting
    try:
        began = time.process_time()
        stated = [
            contradictions.Stated(f"c{n}", "the article", figures.find(art.text, s.start, s.end))
            for n, s in enumerate(art.sentences)
        ]
        contradictions.numeric(stated)
        spent = time.process_time() - began
    finally:
        figures.conflict = real
    return spent, sum(len(s.figures) for s in stated), compared[0]


def small_articles(texts: list[str], count: int) -> list[str]:
    """Dev articles cut to headline and lead, each with its own town and figure, so that many
    share names with a few others, as a day's news does."""
    out = []
    for n in range(count):
        lines = [line for line in texts[n % len(texts)].splitlines() if line.strip()][:4]
        out.append("\n\n".join(lines) + f"\n\nOfficials in Town{n // 7} said {n % 500 + 10} people attended.\n")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="3,30,300,1990", help="article sizes in KB (the largest article newsdigest reads is 2,000 KB)")
    parser.add_argument("--articles", type=int, default=20000, help="small articles for stories.group")
    parser.add_argument("--digest", type=int, default=0, help="small articles for a CLI markdown digest (0: skip)")
    args = parser.parse_args()
    texts = dev_texts()

    print("One article: figures read and compared")
    for kilobytes in (int(k) for k in args.sizes.split(",")):
        spent, found, compared = article_figures(kilobytes, texts)
        print(f"  {kilobytes:>6} KB  {spent:7.2f} s CPU  {1000 * spent / kilobytes:6.2f} ms/KB  "
              f"{found:>7} figures  {compared:>8} comparisons ({compared / max(found, 1):.1f} a figure)")

    arts = [from_text(t, article_id=f"a{n}") for n, t in enumerate(small_articles(texts, args.articles))]
    began = time.process_time()
    found_stories = stories.group(arts)
    spent = time.process_time() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    grouped = sum(len(s.articles) for s in found_stories)
    print(f"stories.group over {len(arts)} small articles: {spent:.2f} s CPU, {len(found_stories)} stories "
          f"holding {grouped} articles; this process's peak RSS {peak_mb:.0f} MB (articles included)")

    if args.digest:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for n, text in enumerate(small_articles(texts, args.digest)):
                (folder / f"a{n:06d}.txt").write_text(text, encoding="utf-8")
            began = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "newsdigest", "digest", str(folder), "-f", "md", "-o", str(folder / "digest.md"),
                 "--backend", "offline", "--no-cache"],
                capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
            )
            wall = time.perf_counter() - began
            child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
            print(f"digest -f md over {args.digest} small articles: {wall:.0f} s wall, peak RSS {child_mb:.0f} MB ({status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
