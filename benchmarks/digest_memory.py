"""Peak memory and throughput of `newsdigest digest --format jsonl` over a large generated corpus.

    python benchmarks/digest_memory.py [--articles 100000] [--workers N]

Writes a JSONL file of generated articles (the PolNeAR dev texts over and over, each copy
changed by an edition line, given inline as "text"), then digests it in a fresh process
with the offline engine, without the cache, to a file. Every 0.2 s it sums the memory of
that process and its worker processes: RSS (pages shared by a parent and its forked workers
counted in each, so an upper bound) and PSS (shared pages split between them). Target: peak
under 500 MB for 100,000 articles; prints articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import Figure, print_figures
from scale_common import ROOT, corpus, load, runner


def tree(pid: int) -> list[int]:
    """The process and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        found.append(todo.pop())
        todo.extend(parents.get(found[-1], []))
    return found


def memory_kb(pids: list[int]) -> tuple[int, int]:
    """Summed RSS and PSS in KB."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


def measure(articles: int = 100_000, workers: int | None = None) -> list[Figure]:
    workers = workers or runner.available_cores()
    with tempfile.TemporaryDirectory() as tmp:
        feed, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "digest.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for item in corpus(articles):
                fh.write(json.dumps({"id": item.id, "text": item.text}) + "\n")
        size_mb = feed.stat().st_size / 1e6
        print(f"  {articles} articles, {size_mb:.0f} MB of JSONL, {workers} workers; {load()}", flush=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
        env["PYTHONPATH"] = str(ROOT / "src")
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "newsdigest", "digest", str(feed), "-f", "jsonl", "-o", str(out),
                                 "--no-cache", "-q", "--concurrency", str(workers)], env=env, stderr=subprocess.PIPE)
        peak_rss = peak_pss = 0
        next_report = began + 60
        while proc.poll() is None:
            rss, pss = memory_kb(tree(proc.pid))
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            if time.perf_counter() > next_report:
                print(f"  {time.perf_counter() - began:6.0f} s: RSS {rss / 1024:.0f} MB, PSS {pss / 1024:.0f} MB; {load()}", flush=True)
                next_report += 60
            time.sleep(0.2)
        wall = time.perf_counter() - began
        if proc.returncode != 0:
            raise RuntimeError(f"digest failed ({proc.returncode}): {proc.stderr.read().decode()[-500:]}")
        with out.open(encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
    if lines != articles:
        raise RuntimeError(f"{lines} lines for {articles} articles")
    note = f"digest -f jsonl of {articles} generated articles ({size_mb:.0f} MB JSONL), {workers} workers, no cache"
    return [
        Figure("peak RSS of the process tree", round(peak_rss / 1024), "MB", 1, f"{note}; shared pages counted in each process; bar < 500"),
        Figure("peak PSS of the process tree", round(peak_pss / 1024), "MB", 1, "shared pages split between processes"),
        Figure("throughput of that digest", round(lines / wall, 1), "articles/s", 1, "interpreter start included"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    args = parser.parse_args()
    print_figures(measure(args.articles, args.workers))
    print(load())


if __name__ == "__main__":
    main()
