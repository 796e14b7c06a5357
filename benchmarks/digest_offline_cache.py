"""Cold versus warm offline digest of the 84 PolNeAR dev texts, in this process.

    python benchmarks/digest_offline_cache.py [--rounds 5] [--workers N]

Each round starts with an empty cache in a temporary folder, digests the dev texts (read
from their files, as `newsdigest digest DIR` does) with the offline engine, then digests
them again: every result then comes from the cache. Default workers: the available cores, as
the CLI. Prints the median of each and of the per-round ratio. Target: warm >= 5x faster.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from scale_common import TEXTS, cache_mod, load, offline_job, runner, timed_run

from newsdigest.digest import inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    args = parser.parse_args()
    items = list(inputs.expand([str(TEXTS)], sys.stdin))
    if len(items) < 2:
        sys.exit(f"{TEXTS} is absent: this benchmark reads the team's shared folder")
    timed_run(items[:10], offline_job(1))  # load the lexicons once, before any timing
    print(f"{len(items)} dev texts, {args.workers} workers; {load()}")
    cold, warm = [], []
    for round_ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            store = cache_mod.Cache(Path(tmp) / "cache.sqlite3")
            cold.append(timed_run(items, offline_job(args.workers, store)))
            warm.append(timed_run(items, offline_job(args.workers, store)))
            store.close()
        print(f"round {round_ + 1}: cold {cold[-1]:.3f} s, warm {warm[-1]:.3f} s, x{cold[-1] / warm[-1]:.1f}; {load()}")
    ratios = [c / w for c, w in zip(cold, warm)]
    print(f"median cold {statistics.median(cold):.3f} s ({len(items) / statistics.median(cold):.0f} articles/s), "
          f"warm {statistics.median(warm):.3f} s ({len(items) / statistics.median(warm):.0f} articles/s); "
          f"median ratio x{statistics.median(ratios):.1f} (min {min(ratios):.1f}); target >= 5")


if __name__ == "__main__":
    main()
