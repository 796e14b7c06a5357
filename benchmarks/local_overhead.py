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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figures import Figure, print_figures, timing
from startup import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "src"))

from newsdigest import config, pipeline  # noqa: E402
from newsdigest.backends import registry  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.settings import Settings  # noqa: E402
from newsdigest.text import article as article_io  # noqa: E402

TARGET_PERCENT = 10


@dataclass
class Overhead:
    ours: list[float]  # s/article through newsdigest, one per run
    raw: list[float]  # s/article replaying the same requests to llama-cpp-python
    requests: int
    tokens: int  # generated per run, the same on both sides
    claims: int

    @property
    def percent(self) -> float:
        ours, raw = statistics.median(self.ours), statistics.median(self.raw)
        return (ours - raw) / raw * 100

    def figures(self, model: str, articles: int) -> list[Figure]:
        note = f"{model}, {articles} article(s), {self.requests} requests, {self.tokens} generated tokens per run"
        return [
            timing("llamacpp backend through newsdigest", self.ours, "s/article", note, digits=2),
            timing("raw llama-cpp-python, same requests", self.raw, "s/article", note, digits=2),
            Figure("newsdigest's own overhead", round(self.percent, 1), "%", len(self.ours),
                   f"median against median; target < {TARGET_PERCENT}"),
        ]


def measure(model_path: str, paths: list[str], *, runs: int, n_ctx: int | None = None,
            threads: int | None = None, max_tokens: int = 3000, say=print) -> Overhead:
    started = time.perf_counter()
    backend = registry.create(config.resolve(
        Settings(backend="llamacpp", model_path=model_path, n_ctx=n_ctx, threads=threads, max_tokens=max_tokens), env={},
    ))
    llama = backend._llama
    say(f"model {Path(model_path).name}: loaded in {time.perf_counter() - started:.1f} s, "
        f"n_ctx {backend.n_ctx}, {llama.n_threads} threads")
    articles = [article_io.load(path) for path in paths]
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

    result = Overhead([], [], 0, 0, 0)
    for run in range(1, runs + 1):
        requests.clear()
        started = time.perf_counter()
        digests = [pipeline.summarize(a, backend, prompts) for a in articles]
        result.ours.append((time.perf_counter() - started) / len(articles))

        started = time.perf_counter()
        generated = 0
        for request in requests:
            llama.reset()
            generated += llama.create_chat_completion(**request)["usage"]["completion_tokens"]
        result.raw.append((time.perf_counter() - started) / len(articles))
        expected = sum(r["max_tokens"] for r in requests)
        if generated != expected:
            raise RuntimeError(f"run {run}: raw generation gave {generated} tokens, newsdigest's {expected}: "
                               "not comparable")
        result.requests, result.tokens = len(requests), expected
        result.claims = sum(len(d.claims) for d in digests)
        say(f"run {run}: newsdigest {result.ours[-1]:.2f} s/article, raw llama-cpp-python {result.raw[-1]:.2f} "
            f"s/article ({len(requests)} requests, {expected} generated tokens, {result.claims} claims)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", default=[str(SAMPLE)])
    parser.add_argument("--model-path", default=os.environ.get("NEWSDIGEST_MODEL_PATH"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n-ctx", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=3000)
    args = parser.parse_args()
    if not args.model_path:
        parser.error("give --model-path or set NEWSDIGEST_MODEL_PATH")
    try:
        result = measure(args.model_path, args.articles, runs=args.runs, n_ctx=args.n_ctx, threads=args.threads,
                         max_tokens=args.max_tokens)
    except RuntimeError as exc:
        sys.exit(str(exc))
    print_figures(result.figures(Path(args.model_path).name, len(args.articles)))


if __name__ == "__main__":
    main()
