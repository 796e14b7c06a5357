#!/usr/bin/env python3
"""The LLM path on PolNeAR dev articles: the hybrid and the full extraction against the offline engine.

    python benchmarks/llm_path.py [--base-url URL] [--model NAME] [--articles N]
                                  [--prompts extract,extract@2] [--keep DIR] [--progress FILE]

Defaults to the team's test server (qwen2.5-coder-1.5b-instruct at 127.0.0.1:8765; minutes
per article on 2 shared cores). The articles: N picked evenly, by name, among the dev texts
of 1,500 to 5,000 characters (typical news length, and short enough for the test server's
context and time). Each prompt in ``--prompts`` runs over all of them, one article after
another, the first prompt on every article before the next begins (default: ``extract``,
the newest version, which is the hybrid, then ``extract@2``, the full extraction). Each
article goes through the OpenAI backend and ``pipeline.check``, exactly as
``newsdigest summarize --format json`` would; the outputs are scored by the benchmark's
score.py (strict and lenient) over a gold folder holding just those articles, beside the
same model answers without the offline engine's review (``pipeline.check(review=False)``:
what the model gets right on its own) and beside the offline engine on the same articles.

Runs take long, so ``--progress FILE`` appends a JSON line per article as it finishes (its
tokens, time, re-asks, grounding and summary check) and the prompt's scores over the
articles done so far: a run cut short still leaves its figures.

Re-asks: a request's attempts beyond the first (summed over an article's requests; the
requests are its chunks, plus one combine request for an article read in chunks).

Summary check (what a reader trips over): every "according to X," in the summary names X
with the article's own words, in at most 8 words, and X is neither a pronoun nor a clause.

Overhead: the backend's ``create_function`` is wrapped so that every model request (HTTP
round trip, including the openai client's own request building and parsing) is timed;
newsdigest's overhead is the rest of ``summarize`` plus rendering: prompt building,
instructor, validation and grounding, checks. The server answers one request at a time, so
model time includes waiting behind other users' requests; that does not inflate the overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
from newsdigest.backends.chat import backend as chat, hybrid, llm  # noqa: E402
from newsdigest.checks import review  # noqa: E402
from newsdigest.errors import ModelOutputError, NewsdigestError  # noqa: E402
from newsdigest.offline import engine  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.render.json_out import render  # noqa: E402
from newsdigest.settings import Settings  # noqa: E402
from newsdigest.text import article  # noqa: E402

TEST_SERVER = "http://127.0.0.1:8765/v1"
TEST_MODEL = "qwen2.5-coder-1.5b-instruct"
LENGTHS = (1500, 5000)
# The hybrid (the newest "extract") first: it is the one the figures are about.
PROMPTS = ("extract", "extract@2")
SCORES = ("strict_f1", "strict_source_recall", "strict_precision", "f1", "source_recall", "precision", "junk_sources")
MAX_SUMMARY_SOURCE_WORDS = 8
_ACCORDING_TO = re.compile(r"\baccording to ([^,.;:]+)", re.IGNORECASE)
_CLAUSE_WORDS = frozenset({"that", "who", "which", "whose", "whom", "when", "where"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "this", "these"})


@dataclass
class ArticleRun:
    prompt: str
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
    reasks: int = 0
    origins: dict[str, int] = field(default_factory=dict)
    summary_problems: list[str] = field(default_factory=list)
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


def run_article(path: Path, backend: Any, prompts: PromptStore, spec: str, out: Path, alone_out: Path, run: ArticleRun) -> None:
    doc = article.load(str(path))
    began = time.perf_counter()
    try:
        # One model answer goes through the pipeline with and without the offline engine's review.
        answer = backend.analyze(doc, prompts, spec)
        made_by = pipeline.provenance(answer, backend=backend.name, model=backend.model, base_url_host=backend.base_url_host)
        digest = pipeline.check(doc, answer, made_by)
        rendered = render([digest])
    finally:
        run.seconds = time.perf_counter() - began
    (out / f"{path.stem}.json").write_text(rendered, encoding="utf-8")
    alone = pipeline.check(doc, answer, made_by, review=False)
    (alone_out / f"{path.stem}.json").write_text(render([alone]), encoding="utf-8")
    usage, chunks = digest.provenance.usage, digest.provenance.chunks
    run.attempts, run.prompt_tokens, run.completion_tokens = usage.attempts, usage.prompt_tokens, usage.completion_tokens
    run.reasks = usage.attempts - chunks - (1 if chunks > 1 else 0)
    run.claims, run.grounded = len(digest.claims), sum(c.grounded for c in digest.claims)
    run.repaired = sum(w.kind == review.REPAIRED for w in digest.warnings)
    run.disputed = sum(w.kind == review.ATTRIBUTION for w in digest.warnings)
    for claim in digest.claims:
        origin = claim.attribution.origin or "none"
        run.origins[origin] = run.origins.get(origin, 0) + 1
    run.summary_problems = summary_problems(digest.summary, doc.text)
    if run.completions and chunks == 1:
        # The first answer as instructor first saw it (read leniently where it fails strictly,
        # so that every claim in it counts).
        method = prompts.get(spec).method
        response_model, context = chat.validation(doc, method, engine.read(doc) if method == "hybrid" else None)
        try:
            first = hybrid.as_extraction(llm.parse_completion(run.completions[0], response_model, context).value)
        except ModelOutputError:  # not even valid JSON for the schema: no claim in it counts
            return
        run.first_claims = len(first.claims)
        run.first_grounded = sum(c.grounded for c in first.claims)


def summary_problems(summary: str, text: str) -> list[str]:
    """What a reader trips over after each "according to" in the summary (see the docstring)."""
    article_words = set(re.findall(r"\w+", text.lower()))
    problems = []
    for match in _ACCORDING_TO.finditer(summary):
        source = match.group(1).strip()
        words = re.findall(r"\w+", source.lower())
        if not words or (len(words) == 1 and words[0] in _PRONOUNS):
            problems.append(f"a pronoun after 'according to': {source!r}")
        elif len(words) > MAX_SUMMARY_SOURCE_WORDS:
            problems.append(f"an overlong source after 'according to': {source!r}")
        elif _CLAUSE_WORDS & set(words):
            problems.append(f"a clause after 'according to': {source!r}")
        elif not set(words) <= article_words:
            problems.append(f"source words the article lacks after 'according to': {source!r}")
    return problems


def measure(base_url: str = TEST_SERVER, model: str = TEST_MODEL, count: int = 3, gold: Path = DEFAULT_GOLD,
            keep: Path | None = None, timeout_s: float = 3000.0, specs: tuple[str, ...] = PROMPTS,
            progress: Path | None = None) -> list[Figure]:
    reason = unreachable(base_url)
    if reason:
        raise ConnectionError(f"the model server at {base_url} is unreachable: {reason}")
    import instructor  # noqa: F401 - imported here so its one-time cost stays out of the first article

    texts = pick(gold, count)
    backend, runs = timed_backend(base_url, model, timeout_s)
    prompts = PromptStore()
    scores: dict[str, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp) / "outputs"
        offline_out = base / "offline"
        offline_out.mkdir(parents=True, exist_ok=True)
        for spec in specs:
            out, alone_out = base / spec, base / f"{spec}-without-review"
            for folder in (out, alone_out):
                folder.mkdir(parents=True, exist_ok=True)
            done: list[Path] = []
            for path in texts:
                runs.append(ArticleRun(spec, path.stem))
                try:
                    run_article(path, backend, prompts, spec, out, alone_out, runs[-1])
                    done.append(path)
                except NewsdigestError as exc:  # the article fails as it would in a batch; the others go on
                    runs[-1].error = str(exc)
                    if unreachable(base_url):
                        raise ConnectionError(f"the model server at {base_url} went away: {exc}") from exc
                r = runs[-1]
                print(f"    {spec} {r.name}: {r.seconds:.0f} s, {r.completion_tokens} completion tokens, "
                      f"{r.reasks} re-ask(s), {r.grounded}/{r.claims} claims grounded"
                      + (f", failed: {r.error}" if r.error else ""), flush=True)
                scores[spec] = _scores(gold, done, {spec: out, f"{spec} without review": alone_out, "offline": offline_out},
                                       Path(tmp) / f"gold-{spec}-{len(done)}")
                _record(progress, {"article": _as_dict(r), "scores": scores[spec]})
    return figures(runs, scores, model, specs)


def _scores(gold: Path, done: list[Path], outputs: dict[str, Path], into: Path) -> dict[str, dict]:
    """Each output folder's scores over the articles ``done`` (the offline engine's written as needed)."""
    if not done:
        return {}
    sub = subset_gold(gold, done, into)
    write_predictions(sub, outputs["offline"])
    return {name: {"articles": len(done), **score(sub, folder)} for name, folder in outputs.items()}


def _as_dict(run: ArticleRun) -> dict:
    return {k: v for k, v in run.__dict__.items() if k != "completions"}


def _record(progress: Path | None, line: dict) -> None:
    if progress is not None:
        with progress.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")


def figures(runs: list[ArticleRun], scores: dict[str, dict[str, dict]], model: str, specs: tuple[str, ...]) -> list[Figure]:
    result: list[Figure] = []
    for spec in specs:
        mine = [r for r in runs if r.prompt == spec]
        if not mine:
            continue
        result += _prompt_figures(spec, mine, scores.get(spec, {}), model)
    ran = [spec for spec in specs if any(r.prompt == spec and r.error is None for r in runs)]
    if len(ran) >= 2:  # tokens of the first prompt against the second's, on the articles both read
        a, b = ({r.name: r for r in runs if r.prompt == spec and r.error is None} for spec in ran[:2])
        both = sorted(a.keys() & b.keys())
        if both:
            result.append(Figure(
                f"completion tokens, {ran[0]} / {ran[1]}",
                ratio(sum(a[n].completion_tokens for n in both), sum(b[n].completion_tokens for n in both)),
                "share", len(both), "summed over the articles both finished",
            ))
    return result


def _prompt_figures(spec: str, runs: list[ArticleRun], scores: dict[str, dict], model: str) -> list[Figure]:
    n = len(runs)
    done = [r for r in runs if r.error is None]
    result = [
        Figure(f"[{spec}] articles", n, "articles", 1, ", ".join(r.name for r in runs)),
        Figure(f"[{spec}] articles that failed", n - len(done), "articles", n, "; ".join(r.error or "" for r in runs if r.error)),
    ]
    for name, found in scores.items():
        label = f"{model}, {name}" if name != "offline" else "offline engine, same articles"
        for key in SCORES:
            result.append(Figure(f"[{spec}] {key} ({label})", found[key], "", found["articles"]))
    if not done:
        return result
    first_claims, claims = sum(r.first_claims for r in done), sum(r.claims for r in done)
    origins: dict[str, int] = {}
    for r in done:
        for origin, count in r.origins.items():
            origins[origin] = origins.get(origin, 0) + count
    result += [
        Figure(f"[{spec}] claims grounded in the first answer", ratio(sum(r.first_grounded for r in done), first_claims),
               "share", len(done), f"{first_claims} claims in first answers (articles read in one request)"),
        Figure(f"[{spec}] claims grounded", ratio(sum(r.grounded for r in done), claims),
               "share", len(done), f"{claims} claims in final outputs"),
        Figure(f"[{spec}] attribution origins", ", ".join(f"{k} {v}" for k, v in sorted(origins.items())),
               "claims", len(done)),
        Figure(f"[{spec}] claims whose attribution the offline engine repaired", ratio(sum(r.repaired for r in done), claims),
               "share", len(done), "attribution_repaired: given as the article's own, but the sentence has a cue"),
        Figure(f"[{spec}] claims whose attribution the offline engine disputes", ratio(sum(r.disputed for r in done), claims),
               "share", len(done), "attribution_disagrees: another source named"),
        Figure(f"[{spec}] re-asks per article", round(statistics.mean(r.reasks for r in done), 2),
               "re-asks/article", len(done), "mean; per article: " + " ".join(str(r.reasks) for r in done)),
        Figure(f"[{spec}] summaries passing the summary check", sum(not r.summary_problems for r in done),
               "articles", len(done), "; ".join(p for r in done for p in r.summary_problems)),
        Figure(f"[{spec}] prompt tokens per article", round(statistics.mean(r.prompt_tokens for r in done)),
               "tokens/article", len(done), "mean, all attempts"),
        Figure(f"[{spec}] completion tokens per article", round(statistics.mean(r.completion_tokens for r in done)),
               "tokens/article", len(done), "mean, all attempts; per article: " + " ".join(str(r.completion_tokens) for r in done)),
        timing(f"[{spec}] time per article", [r.seconds for r in done], "s",
               "summarize + render; per article: " + " ".join(f"{r.seconds:.0f}" for r in done), digits=1),
        timing(f"[{spec}] model time per article", [r.model_seconds for r in done], "s", "inside model requests", digits=1),
        timing(f"[{spec}] newsdigest overhead per article", [r.seconds - r.model_seconds for r in done], "s",
               "outside model requests"),
        Figure(f"[{spec}] newsdigest overhead / model time", ratio(sum(r.seconds - r.model_seconds for r in done),
                                                                   sum(r.model_seconds for r in done)),
               "share", len(done), "summed over articles"),
    ]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=TEST_SERVER)
    parser.add_argument("--model", default=TEST_MODEL)
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--prompts", default=",".join(PROMPTS), help="prompt versions to compare, in order")
    parser.add_argument("--keep", type=Path, help="write the JSON outputs here (a folder per prompt) and keep them")
    parser.add_argument("--progress", type=Path, help="append a JSON line per finished article (and scores so far) here")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    specs = tuple(p.strip() for p in args.prompts.split(",") if p.strip())
    try:
        print_figures(measure(args.base_url, args.model, args.articles, keep=args.keep, specs=specs, progress=args.progress))
    except ConnectionError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
