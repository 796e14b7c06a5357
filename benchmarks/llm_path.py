#!/usr/bin/env python3
"""The LLM path on a few PolNeAR dev articles: quality, grounding, re-asks, tokens, overhead.

    python benchmarks/llm_path.py [--base-url URL] [--model NAME] [--articles N] [--keep DIR]

Defaults to the team's test server (qwen2.5-coder-1.5b-instruct at 127.0.0.1:8765; about
45-120 s per article on 2 shared cores). The articles: N picked evenly, by name, among the
dev texts of 1,500 to 5,000 characters (typical news length, and short enough for the test
server's context and time). Each goes through ``pipeline.summarize`` with the OpenAI backend,
exactly as ``newsdigest summarize --format json`` would; the outputs are scored by the
benchmark's score.py over a gold folder holding just those articles, beside the same model
answers without the offline engine's review (``pipeline.check(review=False)``: what the
model gets right on its own) and beside the offline engine on the same articles.

Overhead: the backend's ``create_function`` is wrapped so that every model request (HTTP
round trip, including the openai client's own request building and parsing) is timed;
newsdigest's overhead is the rest of ``summarize`` plus rendering: prompt building,
instructor, validation and grounding, checks. The server answers one request at a time, so
model time includes waiting behind other users' requests; that does not inflate the overhead.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

from figures import Figure, print_figures, ratio, timing
from offline_quality import DEFAULT_GOLD, score, write_predictions
from startup import ROOT

sys.path.insert(0, str(ROOT / "src"))

from newsdigest import config, pipeline  # noqa: E402
from newsdigest.backends import registry  # noqa: E402
from newsdigest.backends.chat import extraction, llm  # noqa: E402
from newsdigest.checks import review  # noqa: E402
from newsdigest.errors import ModelOutputError, NewsdigestError  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402
from newsdigest.settings import Settings  # noqa: E402
from newsdigest.text import article  # noqa: E402

TEST_SERVER = "http://127.0.0.1:8765/v1"
TEST_MODEL = "qwen2.5-coder-1.5b-instruct"
LENGTHS = (1500, 5000)


@dataclass
class ArticleRun:
    name: str
    seconds: float = 0.0
    model_seconds: float = 0.0
    requests: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    claims: int = 0
    grounded: int = 0
    first_claims: int = 0
    first_grounded: int = 0
    repaired: int = 0  # claims with an attribution_repaired warning
    disputed: int = 0  # claims with an attribution_disagrees warning
    error: str | None = None
    completions: list[Any] = field(default_factory=list, repr=False)


def unreachable(base_url: str) -> str | None:
    """Why the server cannot be used, or None. Only connects: the test server answers even
    /models only between generations, which may take minutes when others use it."""
    url = urlparse(base_url)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        socket.create_connection((url.hostname, port), timeout=3).close()
    except OSError as exc:
        return f"cannot connect to {url.hostname}:{port} ({exc.strerror or exc})"
    return None


def pick(gold: Path, count: int) -> list[Path]:
    """``count`` texts spread evenly over the names of those of typical length."""
    texts = sorted((gold / "text").glob("*.txt"))
    fitting = [p for p in texts if LENGTHS[0] <= len(p.read_text(encoding="utf-8")) <= LENGTHS[1]]
    count = min(count, len(fitting))
    return [fitting[(2 * i + 1) * len(fitting) // (2 * count)] for i in range(count)]


def subset_gold(gold: Path, texts: list[Path], into: Path) -> Path:
    """A benchmark folder like ``gold``, scorer included, holding only ``texts``."""
    for sub in ("text", "attributions"):
        (into / sub).mkdir(parents=True)
    (into / "score.py").symlink_to(gold / "score.py")
    for text in texts:
        (into / "text" / text.name).symlink_to(text)
        for ann in (gold / "attributions").glob(f"{text.stem}_*.ann"):
            (into / "attributions" / ann.name).symlink_to(ann)
    return into


def timed_backend(base_url: str, model: str, timeout_s: float) -> tuple[Any, list[ArticleRun]]:
    """The OpenAI backend as the CLI builds it, with every model request timed and kept
    (the last ``ArticleRun`` in the returned list collects them)."""
    backend = registry.create(config.resolve(
        Settings(backend="openai", base_url=base_url, model=model, timeout_s=timeout_s), env={}))
    runs: list[ArticleRun] = []
    make_create = backend.create_function

    def create_function() -> Callable[..., Any]:
        create = make_create()

        def timed(**kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                completion = create(**kwargs)
            finally:
                runs[-1].model_seconds += time.perf_counter() - began
                runs[-1].requests += 1
            runs[-1].completions.append(completion)
            return completion

        return timed

    backend.create_function = create_function
    return backend, runs


def run_article(path: Path, backend: Any, prompts: PromptStore, out: Path, alone_out: Path, run: ArticleRun) -> None:
    doc = article.load(str(path))
    began = time.perf_counter()
    try:
        # One model answer goes through the pipeline with and without the offline engine's review.
        answer = backend.analyze(doc, prompts, pipeline.DEFAULT_PROMPT)
        made_by = pipeline.provenance(answer, backend=backend.name, model=backend.model, base_url_host=backend.base_url_host)
        digest = pipeline.check(doc, answer, made_by)
        rendered = render([digest])
    finally:
        run.seconds = time.perf_counter() - began
    (out / f"{path.stem}.json").write_text(rendered, encoding="utf-8")
    alone = pipeline.check(doc, answer, made_by, review=False)
    (alone_out / f"{path.stem}.json").write_text(render([alone]), encoding="utf-8")
    usage = digest.provenance.usage
    run.attempts, run.prompt_tokens, run.completion_tokens = usage.attempts, usage.prompt_tokens, usage.completion_tokens
    run.claims, run.grounded = len(digest.claims), sum(c.grounded for c in digest.claims)
    run.repaired = sum(w.kind == review.REPAIRED for w in digest.warnings)
    run.disputed = sum(w.kind == review.ATTRIBUTION for w in digest.warnings)
    if run.completions:
        # The first answer as instructor first saw it (read leniently where it fails strictly,
        # so that every claim in it counts).
        try:
            first = llm.parse_completion(run.completions[0], extraction.Extraction, extraction.context(doc)).value
        except ModelOutputError:  # not even valid JSON for the schema: no claim in it counts
            return
        assert isinstance(first, extraction.Extraction)
        run.first_claims = len(first.claims)
        run.first_grounded = sum(c.grounded for c in first.claims)


def measure(base_url: str = TEST_SERVER, model: str = TEST_MODEL, count: int = 3, gold: Path = DEFAULT_GOLD,
            keep: Path | None = None, timeout_s: float = 900.0) -> list[Figure]:
    reason = unreachable(base_url)
    if reason:
        raise ConnectionError(f"the model server at {base_url} is unreachable: {reason}")
    import instructor  # noqa: F401 - imported here so its one-time cost stays out of the first article

    texts = pick(gold, count)
    backend, runs = timed_backend(base_url, model, timeout_s)
    prompts = PromptStore()
    with tempfile.TemporaryDirectory() as tmp:
        sub = subset_gold(gold, texts, Path(tmp) / "gold")
        out = keep or Path(tmp) / "llm"
        alone_out, offline_out = Path(tmp) / "llm-alone", Path(tmp) / "offline"
        for folder in (out, alone_out, offline_out):
            folder.mkdir(parents=True, exist_ok=True)
        for path in texts:
            runs.append(ArticleRun(path.stem))
            try:
                run_article(path, backend, prompts, out, alone_out, runs[-1])
            except NewsdigestError as exc:  # the article fails as it would in a batch; the others go on
                runs[-1].error = str(exc)
                if unreachable(base_url):
                    raise ConnectionError(f"the model server at {base_url} went away: {exc}") from exc
            r = runs[-1]
            print(f"    {r.name}: {r.seconds:.0f} s, {r.requests} request(s), {r.claims} claims"
                  + (f", failed: {r.error}" if r.error else ""), flush=True)
        llm_scores, alone_scores = score(sub, out), score(sub, alone_out)
        write_predictions(sub, offline_out)
        offline_scores = score(sub, offline_out)
    return figures(runs, llm_scores, alone_scores, offline_scores, model)


def figures(runs: list[ArticleRun], llm_scores: dict, alone_scores: dict, offline_scores: dict, model: str) -> list[Figure]:
    n = len(runs)
    done = [r for r in runs if r.error is None]
    names = ", ".join(r.name for r in runs)
    result = [
        Figure("articles", n, "articles", 1, names),
        Figure("articles that failed", n - len(done), "articles", n, "; ".join(r.error for r in runs if r.error)),
    ]
    for key in ("source_recall", "content_recall", "precision", "f1"):
        result.append(Figure(f"{key} ({model})", llm_scores[key], "", n, f"gold attributions {llm_scores['gold']}"))
        result.append(Figure(f"{key} ({model} without the offline review)", alone_scores[key], "", n))
        result.append(Figure(f"{key} (offline engine, same articles)", offline_scores[key], "", n))
    if not done:
        return result
    first_claims, claims = sum(r.first_claims for r in done), sum(r.claims for r in done)
    result += [
        Figure("claims grounded in the first answer", ratio(sum(r.first_grounded for r in done), first_claims),
               "share", len(done), f"{first_claims} claims in first answers"),
        Figure("claims grounded after re-asks", ratio(sum(r.grounded for r in done), claims),
               "share", len(done), f"{claims} claims in final outputs"),
        Figure("claims whose attribution the offline engine repaired", ratio(sum(r.repaired for r in done), claims),
               "share", len(done), "attribution_repaired: given as the article's own, but the sentence has a cue"),
        Figure("claims whose attribution the offline engine disputes", ratio(sum(r.disputed for r in done), claims),
               "share", len(done), "attribution_disagrees: another source named"),
        Figure("articles valid on the first attempt", ratio(sum(r.attempts == 1 for r in done), len(done)),
               "share", len(done)),
        Figure("re-asks per article", round(statistics.mean(r.attempts - 1 for r in done), 2),
               "re-asks/article", len(done), "mean"),
        Figure("prompt tokens per article", round(statistics.mean(r.prompt_tokens for r in done)),
               "tokens/article", len(done), "mean, all attempts"),
        Figure("completion tokens per article", round(statistics.mean(r.completion_tokens for r in done)),
               "tokens/article", len(done), "mean, all attempts"),
        timing("time per article", [r.seconds for r in done], "s", "summarize + render", digits=1),
        timing("model time per article", [r.model_seconds for r in done], "s", "inside model requests", digits=1),
        timing("newsdigest overhead per article", [r.seconds - r.model_seconds for r in done], "s",
               "outside model requests"),
        Figure("newsdigest overhead / model time", ratio(sum(r.seconds - r.model_seconds for r in done),
                                                         sum(r.model_seconds for r in done)),
               "share", len(done), "summed over articles"),
    ]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=TEST_SERVER)
    parser.add_argument("--model", default=TEST_MODEL)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the model's JSON outputs here and keep them")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    try:
        print_figures(measure(args.base_url, args.model, args.articles, keep=args.keep))
    except ConnectionError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
