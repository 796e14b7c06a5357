"""Cold versus warm offline digest of the 84 PolNeAR dev texts, in this process.

    python benchmarks/digest_offline_cache.py [--rounds 5] [--workers N]

Each round starts with an empty cache in a temporary folder, digests the dev texts (read
from their files, as `newsdigest digest DIR` does) with the offline engine, then digests
them again: every result then comes from the cache. Default workers: the available cores,
as the CLI. Target: warm >= 5x faster than cold.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from figures import Figure, print_figures, timing
from scale_common import TEXTS, cache_mod, dev_paths, load, offline_job, runner, timed_run

from newsdigest.digest import inputs


def measure(rounds: int = 5, workers: int | None = None) -> list[Figure]:
    workers = workers or runner.available_cores()
    dev_paths()  # present, or say so
    items = list(inputs.expand([str(TEXTS)], sys.stdin))
    timed_run(items[:10], offline_job(1))  # load the lexicons once, before any timing
    cold, warm = [], []
    for round_ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            store = cache_mod.Cache(Path(tmp) / "cache.sqlite3")
            cold.append(timed_run(items, offline_job(workers, store)))
            warm.append(timed_run(items, offline_job(workers, store)))
            store.close()
        print(f"  round {round_ + 1}: cold {cold[-1]:.3f} s, warm {warm[-1]:.3f} s; {load()}", flush=True)
    note = f"{len(items)} PolNeAR dev texts from their files, {workers} workers, in process"
    return [
        timing("offline digest, cold cache", cold, "s wall", note),
        timing("offline digest, warm cache", warm, "s wall", note),
        timing("cold / warm", [c / w for c, w in zip(cold, warm)], "x", "paired by round; bar >= 5", digits=1),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    args = parser.parse_args()
    print(f"{load()}")
    print_figures(measure(args.rounds, args.workers))


if __name__ == "__main__":
    main()
