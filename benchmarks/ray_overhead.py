"""Ray's overhead against the process pool, on the same 1,000 generated articles.

    python benchmarks/ray_overhead.py [--articles 1000] [--workers N] [--rounds 2]

The articles (the PolNeAR dev texts, each copy changed, given inline) are digested with the
offline engine and no cache: once by the local process pool, then on a local Ray cluster
started here with as many CPUs as the pool has workers, through ``ray_shards.run`` (each
shard one task writing its JSONL part, read back in order). Ray runs twice: with the
default shard of 1,000 articles (one task for 1,000 articles: no parallelism) and with the
articles split evenly over the CPUs. The cluster's start is timed apart; the overhead is
the Ray run minus the pool run, each the median of the rounds, run interleaved. Needs `pip install 'newsdigest[ray]'`.
"""

from __future__ import annotations

import argparse
import logging
import math
import statistics
import tempfile
import time
from pathlib import Path

from scale_common import ROOT, corpus, load, offline_job, runner, timed_run

from newsdigest.config import Config
from newsdigest.digest import ray_shards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    parser.add_argument("--rounds", type=int, default=2, help="pool and Ray runs, interleaved")
    args = parser.parse_args()
    import ray

    items = list(corpus(args.articles))
    timed_run(items[:10], offline_job(1))
    print(f"{args.articles} articles, {args.workers} workers or Ray CPUs; {load()}")
    began = time.perf_counter()
    # The workers import newsdigest from this checkout, as this process does.
    ray.init(num_cpus=args.workers, include_dashboard=False, logging_level=logging.WARNING,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT / "src")}})
    print(f"Ray local cluster start: {time.perf_counter() - began:.2f} s (once per digest that starts one; not counted below)")
    shards = (ray_shards.SHARD, math.ceil(args.articles / args.workers))
    took: dict[str, list[float]] = {}
    try:
        for round_ in range(args.rounds):
            took.setdefault("process pool", []).append(timed_run(items, offline_job(args.workers)))
            for shard in shards:
                tasks = math.ceil(args.articles / shard)
                with tempfile.TemporaryDirectory() as tmp:
                    began = time.perf_counter()
                    outcomes = ray_shards.run(items, offline_job(args.workers), Config(backend="offline"), address="local",
                                              parts=Path(tmp) / "parts", keep_articles=False, shard_size=shard)
                    assert not any(o.error for o in outcomes)
                    took.setdefault(f"Ray, shards of {shard} ({tasks} task{'s' * (tasks > 1)})", []).append(time.perf_counter() - began)
            print(f"round {round_ + 1}: " + ", ".join(f"{name} {runs[-1]:.2f} s" for name, runs in took.items()) + f"; {load()}")
    finally:
        ray.shutdown()
    pool = statistics.median(took["process pool"])
    for name, runs in took.items():
        median = statistics.median(runs)
        versus = "" if name == "process pool" else f"; overhead against the pool {median - pool:+.2f} s ({median / pool:.2f}x)"
        print(f"{name}: median {median:.2f} s = {args.articles / median:.1f} articles/s{versus}")


if __name__ == "__main__":
    main()
