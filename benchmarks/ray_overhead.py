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

from figures import Figure, print_figures, timing
from scale_common import ROOT, corpus, load, offline_job, runner, timed_run

from newsdigest.digest import ray_shards


def measure(articles: int = 1000, workers: int | None = None, rounds: int = 2) -> list[Figure]:
    try:
        import ray
    except ImportError as exc:
        raise FileNotFoundError("Ray is not installed: pip install 'newsdigest[ray]'") from exc
    workers = workers or runner.available_cores()
    items = list(corpus(articles))
    timed_run(items[:10], offline_job(1))
    began = time.perf_counter()
    # The workers import newsdigest from this checkout, as this process does.
    ray.init(num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT / "src")}})
    started = time.perf_counter() - began
    shards = (ray_shards.SHARD, math.ceil(articles / workers))
    took: dict[str, list[float]] = {}
    try:
        for round_ in range(rounds):
            took.setdefault("process pool", []).append(timed_run(items, offline_job(workers)))
            for shard in shards:
                tasks = math.ceil(articles / shard)
                with tempfile.TemporaryDirectory() as tmp:
                    began = time.perf_counter()
                    outcomes = ray_shards.run(items, offline_job(workers), ray_shards.Cluster("local", Path(tmp) / "parts"),
                                              keep_articles=False, shard_size=shard)
                    if any(o.error for o in outcomes):
                        raise RuntimeError("articles failed on Ray")
                    took.setdefault(f"Ray, shards of {shard} ({tasks} task{'s' * (tasks > 1)})", []).append(
                        time.perf_counter() - began)
            print(f"  round {round_ + 1}: " + ", ".join(f"{name} {runs[-1]:.2f} s" for name, runs in took.items())
                  + f"; {load()}", flush=True)
    finally:
        ray.shutdown()
    note = f"{articles} generated articles, offline, no cache, {workers} workers or Ray CPUs"
    pool = statistics.median(took["process pool"])
    figures = [Figure("Ray local cluster start", round(started, 2), "s wall", 1, "once per digest that starts one; not in the figures below")]
    for name, runs in took.items():
        figures.append(timing(name, runs, "s wall", note if name == "process pool" else "", digits=2))
        if name != "process pool":
            figures.append(timing(f"{name} / process pool", [r / p for r, p in zip(runs, took["process pool"])], "x",
                                  f"paired by round; median overhead {statistics.median(runs) - pool:+.2f} s", digits=2))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    parser.add_argument("--rounds", type=int, default=2, help="pool and Ray runs, interleaved")
    args = parser.parse_args()
    print(load())
    print_figures(measure(args.articles, args.workers, args.rounds))


if __name__ == "__main__":
    main()
