"""The offline engine in worker processes against one worker, measured interleaved in one run.

    python benchmarks/digest_pool.py [--articles 336] [--rounds 5] [--workers N]

Each round digests the same generated articles (the PolNeAR dev texts, each copy changed,
given inline) once with one worker (on the calling thread, no hand-off) and once with the
process pool (default: the available cores), alternating which goes first, in this process,
with no cache, with Python's garbage collector set as the ``newsdigest`` command sets it (the
pool's forked workers inherit the setting). Other work on the machine takes cores from the
pool, so read the ratio with the load average printed beside it. Target: >= 1.7x on 2 idle
cores.
"""

from __future__ import annotations

import argparse

from figures import Figure, print_figures, timing
from scale_common import corpus, cpu_and_wall, load, offline_job, runner, timed_run


def measure(articles: int = 336, rounds: int = 5, workers: int | None = None) -> list[Figure]:
    from newsdigest.cli import collect_garbage_less_often

    collect_garbage_less_often()
    workers = workers or runner.available_cores()
    items = list(corpus(articles))
    timed_run(items[:20], offline_job(1))  # load the lexicons once, before any timing
    rates: dict[int, list[float]] = {1: [], workers: []}
    cores: dict[int, list[float]] = {1: [], workers: []}  # CPU seconds per wall second: the cores it got
    for round_ in range(rounds):
        for count in ([1, workers] if round_ % 2 == 0 else [workers, 1]):
            cpu, wall = cpu_and_wall(items, offline_job(count))
            rates[count].append(articles / wall)
            cores[count].append(cpu / wall)
        print(f"  round {round_ + 1}: 1 worker {rates[1][-1]:.1f} articles/s on {cores[1][-1]:.2f} cores, {workers} workers "
              f"{rates[workers][-1]:.1f} articles/s on {cores[workers][-1]:.2f} cores; {load()}", flush=True)
    note = f"{articles} generated articles (PolNeAR dev texts), in process, no cache"
    return [
        timing("offline digest, one worker", rates[1], "articles/s", note, digits=1),
        timing(f"offline digest, {workers} worker processes", rates[workers], "articles/s", note, digits=1),
        timing(f"{workers} worker processes / one worker", [p / o for p, o in zip(rates[workers], rates[1])], "x",
               "interleaved, paired by round; bar >= 1.7 on 2 idle cores", digits=2),
        timing("cores the one worker got", cores[1], "CPU s / wall s", "what the machine's other work left it", digits=2),
        timing(f"cores the {workers} worker processes got", cores[workers], "CPU s / wall s", "workers and this process", digits=2),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=336)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=runner.available_cores())
    args = parser.parse_args()
    print(f"{load()}")
    print_figures(measure(args.articles, args.rounds, args.workers))


if __name__ == "__main__":
    main()
