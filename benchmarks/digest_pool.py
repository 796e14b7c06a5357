"""The offline engine in worker processes against one worker, measured interleaved in one run.

    python benchmarks/digest_pool.py [--articles 336] [--rounds 5] [--workers N]

Each round digests the same generated articles (the PolNeAR dev texts, each copy changed,
given inline) once with one worker (on the calling thread, no hand-off) and once with the
process pool (default: the available cores), alternating which goes first, in this process,
with no cache. Prints articles/s per run, the median ratio of the rounds, and the load
average: other work on the machine takes cores from the pool, so read the ratio with it.
Target: >= 1.7x on 2 idle cores.
"""

from __future__ import annotations

import argparse
import statistics

from scale_common import corpus, load, offline_job, runner, timed_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=336)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    args = parser.parse_args()
    items = list(corpus(args.articles))
    timed_run(items[:20], offline_job(1))  # load the lexicons once, before any timing
    print(f"{args.articles} articles, 1 worker vs {args.workers} worker processes; {load()}")
    ratios = []
    for round_ in range(args.rounds):
        order = [1, args.workers] if round_ % 2 == 0 else [args.workers, 1]
        rate = {}
        for workers in order:
            rate[workers] = args.articles / timed_run(items, offline_job(workers))
        ratios.append(rate[args.workers] / rate[1])
        print(f"round {round_ + 1}: 1 worker {rate[1]:6.1f} articles/s, {args.workers} workers {rate[args.workers]:6.1f} "
              f"articles/s, x{ratios[-1]:.2f}; {load()}")
    print(f"median ratio x{statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); target >= 1.7 on 2 idle cores")


if __name__ == "__main__":
    main()
