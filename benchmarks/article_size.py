"""CPU time per KB of one article through the offline pipeline, from 3 KB to 2 MB, with and
without line breaks.

    python benchmarks/article_size.py [--sizes 3,10,30,100,300,1000,2000] [--limit 60]
                                      [--against CHECKOUT [--rounds 3]]

The article is the PolNeAR dev texts one after another, cut at the size (KB = 1,000 bytes
of UTF-8, so 2,000 KB is newsdigest's limit for one article); "one line" is the same text
with every line break made a space (no paragraphs: what a scraped page can look like). Each
size runs in a fresh process, stopped after --limit seconds of CPU, with Python's garbage
collector set as the ``newsdigest`` command sets it; the largest size runs again with Python's
default setting. Time per KB that grows with the size means work that grows faster than the
text. Targets: a 2 MB article <= 5 s of CPU either way, and its time per KB within 2x of a 30
KB article's. With ``--against CHECKOUT`` (another revision's tree: ``git worktree add ../ref
REV``) it then runs the largest size, both shapes, in this checkout and that one in turn, each
with Python's default collector, and prints their ratio round by round: on a shared machine
whose speed moves by a third from minute to minute, the only fair comparison.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import signal
import subprocess
import sys
from pathlib import Path

from figures import Figure, print_figures
from scale_common import ROOT, dev_paths, load

SIZES = (3, 10, 30, 100, 300, 1000, 2000)

ONE = """
import sys, time
sys.path.insert(0, {src!r})
from newsdigest import pipeline
from newsdigest.prompts import PromptStore
try:
    from newsdigest.backends.offline import OfflineBackend
    from newsdigest.text import article
except ImportError:  # a checkout from before the package was laid out in layers (--against)
    from newsdigest.offline.engine import OfflineEngine as OfflineBackend
    from newsdigest import article
if {as_command!r}:
    from newsdigest.cli import collect_garbage_less_often
    collect_garbage_less_often()
text = sys.stdin.read()
engine, prompts = OfflineBackend(), PromptStore()
pipeline.summarize(article.from_text("A short warm-up article. The mayor said it was fine."), engine, prompts)
began = time.process_time()
pipeline.summarize(article.from_text(text), engine, prompts)
print(time.process_time() - began)
"""


def text_of(kb: int, one_line: bool) -> str:
    """``kb`` thousand bytes of UTF-8 (2,000 KB is the largest article newsdigest reads)."""
    parts, size = [], 0
    for path in dev_paths() * (1 + kb * 1000 // 500_000):
        parts.append(path.read_text(encoding="utf-8"))
        size += len(parts[-1].encode())
        if size >= kb * 1000:
            break
    text = "\n\n".join(parts).encode()[: kb * 1000].decode("utf-8", "ignore")
    return text.replace("\n", " ") if one_line else text


def cpu_seconds(text: str, limit: float, as_command: bool = True, checkout: Path = ROOT) -> float | None:
    """CPU seconds of one summarize in a fresh process; None when it used up ``limit`` of CPU.
    ``as_command``: with the garbage collector set as the ``newsdigest`` command sets it."""
    def cap_cpu() -> None:  # the kernel stops the process once it has had that much CPU
        resource.setrlimit(resource.RLIMIT_CPU, (int(limit), int(limit)))

    one = ONE.format(src=str(checkout / "src"), as_command=as_command)
    done = subprocess.run([sys.executable, "-c", one], input=text, text=True, capture_output=True, preexec_fn=cap_cpu)
    if done.returncode == -signal.SIGXCPU or done.returncode == -signal.SIGKILL:
        return None
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1])
    return float(done.stdout)


def measure(sizes: tuple[int, ...] = SIZES, limit: float = 60.0) -> list[Figure]:
    figures = []
    for one_line in (False, True):
        shape = "one line" if one_line else "with line breaks"
        per_kb: dict[int, float] = {}
        for kb in sizes:
            seconds = cpu_seconds(text_of(kb, one_line), limit)
            if seconds is None:
                figures.append(Figure(f"{kb} KB article, {shape}", "stopped", "", 1, f"after {limit:.0f} s of CPU"))
            else:
                per_kb[kb] = seconds * 1000 / kb
                versus = f"x{per_kb[kb] / per_kb[30]:.1f} the 30 KB rate; " if 30 in per_kb and kb > 30 else ""
                figures.append(Figure(f"{kb} KB article, {shape}", round(per_kb[kb], 2), "ms CPU/KB", 1,
                                      f"{versus}{seconds:.3f} s CPU"))
            print(figures[-1].line() + f"; {load()}", flush=True)
        # The command collects garbage less often than Python does by default; a program that calls
        # the library keeps Python's setting unless it changes it too.
        largest = max(sizes)
        seconds = cpu_seconds(text_of(largest, one_line), limit, as_command=False)
        figures.append(Figure(f"{largest} KB article, {shape}, Python's default garbage collection", "stopped"
                              if seconds is None else round(seconds, 2), "" if seconds is None else "s CPU", 1,
                              f"after {limit:.0f} s of CPU" if seconds is None else "the library called as it is"))
        print(figures[-1].line() + f"; {load()}", flush=True)
    return figures


def against(other: Path, kb: int, rounds: int, limit: float) -> list[Figure]:
    """This checkout's CPU for a ``kb`` article over ``other``'s, interleaved, Python's default
    collector in both (an older checkout has no other setting)."""
    figures = []
    for one_line in (False, True):
        text, ratios = text_of(kb, one_line), []
        for round_ in range(rounds):
            theirs = cpu_seconds(text, limit, as_command=False, checkout=other)
            ours = cpu_seconds(text, limit, as_command=False)
            if theirs is None or ours is None:
                raise RuntimeError(f"a {kb} KB article used up {limit:.0f} s of CPU")
            ratios.append(ours / theirs)
            print(f"  round {round_ + 1}, {'one line' if one_line else 'with line breaks'}: {ours:.2f} s here, "
                  f"{theirs:.2f} s in {other}; {load()}", flush=True)
        figures.append(Figure(f"{kb} KB article, {'one line' if one_line else 'with line breaks'}: this / {other.name}",
                              round(statistics.median(ratios), 2), "x CPU", rounds,
                              f"interleaved; min {min(ratios):.2f}, max {max(ratios):.2f}"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="KB, comma-separated")
    parser.add_argument("--limit", type=float, default=60.0, help="CPU seconds before a size is stopped")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="also compare the largest size with another revision's checkout")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of that comparison")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    print(f"offline pipeline, CPU seconds of summarize only (interpreter start and warm-up excluded); {load()}")
    measure(sizes, args.limit)
    if args.against:
        print_figures(against(args.against.resolve(), max(sizes), args.rounds, args.limit))


if __name__ == "__main__":
    main()
