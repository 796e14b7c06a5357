"""Throughput of `newsdigest digest` at --concurrency 1 and 16 against a fixed-latency server.

The server (tests/fakellm.py, a real HTTP server in its own process) answers every
chat completion with a valid tool call after a fixed delay, so the figures show what
concurrency buys when the model's latency dominates. Target: 16 >= 10x the throughput of 1.

    python benchmarks/digest_concurrency.py [--delay 1.0]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from digest_common import loopback_server, timed_digest, write_articles


# Enough articles that each run lasts several delays; --concurrency 16 gets 8 rounds.
ARTICLES = {1: 8, 16: 128}


def measure(delay_s: float) -> dict[int, tuple[int, float]]:
    """For each concurrency: articles digested and wall seconds (interpreter start included)."""
    with tempfile.TemporaryDirectory() as tmp, loopback_server(delay_s) as base_url:
        timed = {}
        for concurrency, count in ARTICLES.items():
            folder = write_articles(Path(tmp) / f"c{concurrency}", count)
            seconds, lines = timed_digest(str(folder), "--format", "jsonl", "--no-cache", "--concurrency", str(concurrency),
                                          "--base-url", base_url, "--model", "loopback")
            assert lines == count, f"expected {count} results, got {lines}"
            timed[concurrency] = (count, seconds)
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0, help="seconds the server takes per answer")
    args = parser.parse_args()
    throughput = {}
    for concurrency, (count, seconds) in measure(args.delay).items():
        throughput[concurrency] = count / seconds
        print(f"--concurrency {concurrency:2d}: {count:3d} articles in {seconds:6.2f} s = {throughput[concurrency]:6.2f} articles/s")
    ratio = throughput[16] / throughput[1]
    print(f"server delay {args.delay:.2f} s per answer; throughput ratio 16 vs 1: {ratio:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
