"""Cold versus warm-cache run of `newsdigest digest` with a model backend.

By default the model is the fixed-latency loopback server (tests/fakellm.py) with a
delay standing in for a real model's latency (the shared 1.5B test model takes 45-90 s per
article on 2 cores). Give --base-url/--model to measure against a real server instead.
Target: the warm rerun at least 20x faster than the cold run.

    python benchmarks/digest_cache.py [--delay 10] [--articles 4]
    python benchmarks/digest_cache.py --base-url http://127.0.0.1:8765/v1 --model qwen2.5-coder-1.5b-instruct
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from pathlib import Path

from digest_common import loopback_server, timed_digest, write_articles


def measure(articles: int, delay_s: float, base_url: str | None = None, model: str = "loopback") -> tuple[float, float]:
    """Wall seconds of a cold run and of the same run again, warm (interpreter start included)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_articles(Path(tmp) / "articles", articles)
        server = contextlib.nullcontext(base_url) if base_url else loopback_server(delay_s)
        with server as url:
            common = [str(folder), "--format", "jsonl", "--cache", str(Path(tmp) / "cache.sqlite3"),
                      "--concurrency", "1", "--base-url", url, "--model", model]
            cold, cold_lines = timed_digest(*common)
            warm, warm_lines = timed_digest(*common)
    assert cold_lines == warm_lines == articles
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=10.0, help="loopback server seconds per answer")
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--base-url", help="a real OpenAI-compatible server instead of the loopback one")
    parser.add_argument("--model", default="loopback")
    args = parser.parse_args()
    cold, warm = measure(args.articles, args.delay, args.base_url, args.model)
    where = args.base_url if args.base_url else f"loopback server, {args.delay:.1f} s per answer"
    print(f"{args.articles} articles ({where})")
    print(f"cold run: {cold:7.2f} s")
    print(f"warm run: {warm:7.2f} s (every result from the cache; interpreter start included)")
    print(f"speed-up: {cold / warm:.1f}x (target >= 20x)")


if __name__ == "__main__":
    main()
