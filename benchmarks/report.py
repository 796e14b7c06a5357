"""docs/benchmarks.md from the report ``run.py`` builds (``--markdown FILE``)."""

from __future__ import annotations

INTRO = """\
# Benchmarks

Written by `benchmarks/run.py --markdown docs/benchmarks.md`: rerun that command to refresh
these figures rather than editing them. Each figure has its unit and the number of runs it
rests on; timings are medians of those runs, with their spread in the notes; ratios are
measured in the same run. The machines are shared with other work, so each section gives the
range of the 1-minute load average while it ran: with more load than cores, wall-clock
figures are slower than on an idle machine (CPU-time figures much less so).

What is measured, and by which script (each also runs on its own):

- **Start-up** (`startup.py`): fresh processes of `python -m newsdigest` from the checkout,
  interleaved run by run with `python -c pass` on the same machine. Bar: `--help` < 0.2 s (median).
- **Offline engine** (`offline_speed.py`, `offline_quality.py`): articles per second over the
  84 PolNeAR dev texts in one process (loading and JSON rendering included; bar >= 100), and
  attribution quality by `../shared/benchmarks/polnear-dev/score.py` (its docstring defines
  the metrics): strict figures (the right speaker, what a reader checks; bar: strict F1 >= 0.72
  with strict precision >= 0.90, junk sources <= 1% of attributed claims) beside the lenient
  ones (bar: source recall >= 0.60), on all 84 articles and on each half of a fixed split
  (`offline_quality.py --halves`: the rules were tuned on the errors of one half only), and
  the CPU time of one 2,000 KB paragraph full of cue verbs (`long_paragraph.py`; bar <= 5 s).
- **Prompt injection** (`injection.py`): attacks planted at the start, middle and end of real
  articles, flagged by the offline detector: BIPIA's train file, and attacks in our own words
  across its 15 categories (benchmarks/data/), a dev part we tuned on and a held-out part
  written before tuning, reported apart; warnings and dropped claims on clean news (the
  PolNeAR dev texts and 108 paragraphs of ours that quote orders, give contacts, sign off,
  ask and forecast); the scan's time per KB with and without line breaks.
- **Batch digests** (`digest_concurrency.py`, `digest_cache.py`): throughput against
  concurrency on a loopback server with a fixed latency; cold versus warm cache.
- **In-process llama.cpp backend** (`local_overhead.py`): time per article through newsdigest
  against replaying the same requests straight to llama-cpp-python (same tokens generated);
  the difference is newsdigest's overhead (target < 10%).
- **LLM path** (`llm_path.py`): a few PolNeAR dev articles through a model server and the
  OpenAI backend, scored by the same scorer over those articles only (beside the same answers
  without the offline engine's review of attributions, and the offline engine alone on the
  same articles); grounding in the first answer and after re-asks; tokens from
  `provenance.usage`; newsdigest's overhead = time in `summarize` and rendering outside the
  model requests (each request is timed by wrapping the backend's `create_function`).
- **Scale** (`digest_pool.py`, `digest_offline_cache.py`, `article_size.py`,
  `digest_memory.py`, `ray_overhead.py`): generated articles (the PolNeAR dev texts, each
  copy changed) through the offline engine in worker processes against one worker,
  interleaved round by round (bar >= 1.7x on 2 idle cores); the 84 dev texts cold and then
  warm from the cache (bar >= 5x); CPU per KB of one article from 3 KB to 2 MB with and
  without line breaks (bar: 2 MB <= 5 s, within 2x of 30 KB's rate per KB); the peak memory
  of the process tree during a `digest -f jsonl` of 100,000 articles (bar < 500 MB); a local
  Ray cluster against the process pool on the same 1,000 articles.
"""


def markdown(report: dict) -> str:
    about = report["machine"]
    commands = sorted({(s["date"], s["command"]) for s in report["sections"].values()})
    lines = [
        INTRO,
        "## Latest figures",
        "",
        f"Machine: {_machine(about)}.",
        "",
        "Produced by" + (":" if len(commands) == 1 else " (sections from separate runs, each named below):"),
        "",
        *[f"- `{command}` ({date})" for date, command in commands],
        "",
    ]
    for section in report["sections"].values():
        low, high = section["load_average"]
        elsewhere = section.get("machine", about) != about
        lines += [f"### {section['title']}", "",
                  f"{section['date']}, {section['seconds']:.0f} s; 1-minute load average {low:.2f} to {high:.2f} "
                  f"while it ran." + ("" if len(commands) == 1 else f" Command: `{section['command']}`.")
                  + (f" Measured on another machine: {_machine(section['machine'])}." if elsewhere else ""), ""]
        if section["reason"]:
            lines += [f"{section['reason']}", ""]
        if section["figures"]:
            lines += ["| Figure | Value | Unit | Runs | Notes |", "|---|---:|---|---:|---|"]
            lines += ["| " + " | ".join(_cell(f[k]) for k in ("name", "value", "unit", "runs", "note")) + " |"
                      for f in section["figures"]]
            lines.append("")
    return "\n".join(lines)


def _machine(about: dict) -> str:
    return f"{about['nproc']} cores (`nproc`), {about['cpu']}, Python {about['python']}, {about['platform']}"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")
