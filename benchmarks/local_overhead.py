"""newsdigest's own overhead on the llamacpp backend: time per article against raw generation.

Each run summarises the articles through ``pipeline.summarize`` with ``--backend llamacpp``,
recording every request the backend sends; then it replays those requests straight to
llama-cpp-python's ``Llama.create_chat_completion`` (same model and context, same messages,
tools or grammar, temperature, seed), each capped at the number of tokens newsdigest's
request produced. The difference is what newsdigest adds: prompt rendering, token counting
and chunk planning, instructor, validation, grounding, the pipeline's checks. Both sides
start every request with an empty KV cache, so neither profits from the other's prompt cache.

    python benchmarks/local_overhead.py --model-path MODEL.gguf [--runs 3] [--n-ctx N] [--threads N] [--max-tokens N] [ARTICLE ...]

Defaults: NEWSDIGEST_MODEL_PATH, and ../shared/samples/000_3bc6c6f3a626bfad.txt. Target:
overhead under 10% of the raw generation time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import article as article_io  # noqa: E402
from newsdigest import config, pipeline  # noqa: E402
from newsdigest.backends import factory  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402

DEFAULT_ARTICLE = ROOT.parent / "shared" / "samples" / "000_3bc6c6f3a626bfad.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", default=[str(DEFAULT_ARTICLE)])
    parser.add_argument("--model-path", default=os.environ.get("NEWSDIGEST_MODEL_PATH"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n-ctx", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=3000)
    args = parser.parse_args()
    if not args.model_path:
        parser.error("give --model-path or set NEWSDIGEST_MODEL_PATH")

    started = time.perf_counter()
    backend = factory.create(config.resolve(
        backend="llamacpp", model_path=args.model_path, n_ctx=args.n_ctx, threads=args.threads,
        max_tokens=args.max_tokens, env={},
    ))
    print(f"model {Path(args.model_path).name}: loaded in {time.perf_counter() - started:.1f} s, "
          f"n_ctx {backend.n_ctx}, {backend._llama.n_threads} threads")
    llama = backend._llama
    articles = [article_io.load(path) for path in args.articles]
    prompts = PromptStore()

    requests: list[dict[str, Any]] = []
    create = backend.create_function

    def recording_create_function():
        inner = create()

        def recording(**kwargs: Any) -> Any:
            llama.reset()  # an empty KV cache, as the raw side gets
            completion = inner(**kwargs)
            requests.append({**kwargs, "max_tokens": completion.usage.completion_tokens})
            return completion

        return recording

    backend.create_function = recording_create_function  # type: ignore[method-assign]

    ours, raw, tokens = [], [], 0
    for run in range(1, args.runs + 1):
        requests.clear()
        started = time.perf_counter()
        digests = [pipeline.summarize(a, backend, prompts) for a in articles]
        ours.append((time.perf_counter() - started) / len(articles))

        started = time.perf_counter()
        generated = 0
        for request in requests:
            llama.reset()
            generated += llama.create_chat_completion(**request)["usage"]["completion_tokens"]
        raw.append((time.perf_counter() - started) / len(articles))
        expected = sum(r["max_tokens"] for r in requests)
        if generated != expected:
            sys.exit(f"run {run}: raw generation gave {generated} tokens, newsdigest's {expected}: not comparable")
        tokens = expected
        claims = sum(len(d.claims) for d in digests)
        print(f"run {run}: newsdigest {ours[-1]:.2f} s/article, raw llama-cpp-python {raw[-1]:.2f} s/article "
              f"({len(requests)} requests, {tokens} generated tokens, {claims} claims)")

    ours_median, raw_median = statistics.median(ours), statistics.median(raw)
    overhead = (ours_median - raw_median) / raw_median * 100
    print(f"{args.runs} runs x {len(articles)} article(s), medians: newsdigest {ours_median:.2f} s/article, "
          f"raw {raw_median:.2f} s/article")
    print(f"newsdigest overhead: {overhead:+.1f}% (target < 10%)")


if __name__ == "__main__":
    main()
