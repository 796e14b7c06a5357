"""Ray's overhead against the process pool, on the same 1,000 generated articles.

    python benchmarks/ray_overhead.py [--articles 1000] [--workers N]

The articles (the PolNeAR dev texts, each copy changed, given inline) are digested with the
offline engine and no cache: once by the local process pool, then on a local Ray cluster
started here with as many CPUs as the pool has workers, through ``ray_shards.run`` (each
shard one task writing its JSONL part, read back in order). Ray runs twice: with the
default shard of 1,000 articles (one task for 1,000 articles: no parallelism) and with the
articles split evenly over the CPUs. The cluster's start is timed apart; the overhead is
the Ray run minus the pool run. Needs `pip install 'newsdigest[ray]'`.
"""

from __future__ import annotations

import argparse
import logging
import math
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
    args = parser.parse_args()
    import ray

    items = list(corpus(args.articles))
    timed_run(items[:10], offline_job(1))
    print(f"{args.articles} articles, {args.workers} workers or Ray CPUs; {load()}")
    pool = timed_run(items, offline_job(args.workers))
    print(f"process pool: {pool:6.2f} s = {args.articles / pool:6.1f} articles/s; {load()}")
    began = time.perf_counter()
    # The workers import newsdigest from this checkout, as this process does.
    ray.init(num_cpus=args.workers, include_dashboard=False, logging_level=logging.WARNING,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT / "src")}})
    print(f"Ray local cluster start: {time.perf_counter() - began:6.2f} s (once per digest that starts one)")
    try:
        for shard in (ray_shards.SHARD, math.ceil(args.articles / args.workers)):
            with tempfile.TemporaryDirectory() as tmp:
                began = time.perf_counter()
                outcomes = ray_shards.run(items, offline_job(args.workers), Config(backend="offline"), address="local",
                                          parts=Path(tmp) / "parts", keep_articles=False, shard_size=shard)
                failed = sum(o.error is not None for o in outcomes)
                took = time.perf_counter() - began
            assert not failed
            tasks = math.ceil(args.articles / shard)
            print(f"Ray, shards of {shard} ({tasks} task{'s' * (tasks > 1)}): {took:6.2f} s = {args.articles / took:6.1f} "
                  f"articles/s; overhead against the pool {took - pool:+.2f} s ({took / pool:.2f}x); {load()}")
    finally:
        ray.shutdown()


if __name__ == "__main__":
    main()
