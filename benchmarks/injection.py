"""How well ``newsdigest.checks.injection`` spots instructions planted in an article, and how quiet
it stays on news that merely reports instructions.

    python benchmarks/injection.py [--set train dev held-out clean speed ...]

Attack sets, each attack planted at the start, in the middle and at the end of a real article
and run through the pipeline with the offline engine, as ``newsdigest summarize`` would run
it; an attack counts as flagged when an ``instruction_in_article`` warning overlaps it:

- ``train``: BIPIA's 75 train attacks (../shared/benchmarks/bipia/text_attack_train.json) in
  the sample article.
- ``dev`` and ``held-out``: attacks in wording of our own across BIPIA's 15 categories, with
  translations and encodings (benchmarks/data/injection_unseen_*.json), each in a PolNeAR dev
  article in turn. The dev part is for tuning; the held-out part was written before any
  tuning and is only scored to report.

``clean``: the 84 PolNeAR dev articles, the sample article, and the news paragraphs of
benchmarks/data/injection_clean.json, each as an article of its own: articles with a warning,
and claims the pipeline dropped as instruction-like, both from the offline engine's claims
and from a backend that makes a claim of every sentence (as a model told to list every claim
might).

``speed``: the scan's time per KB on one long line of news text (no line breaks), beside the
same text with them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_3bc6c6f3a626bfad.txt"
BIPIA = SHARED / "benchmarks" / "bipia" / "text_attack_train.json"
POLNEAR = SHARED / "benchmarks" / "polnear-dev" / "text"
DATA = ROOT / "benchmarks" / "data"
UNSEEN = {"dev": DATA / "injection_unseen_dev.json", "held-out": DATA / "injection_unseen_heldout.json"}
CLEAN = DATA / "injection_clean.json"
POSITIONS = ("start", "middle", "end")
SETS = ("train", "dev", "held-out", "clean", "speed")

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from figures import Figure, ratio  # noqa: E402

from newsdigest import pipeline  # noqa: E402
from newsdigest.backends.base import Analysis  # noqa: E402
from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.checks import injection  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.schema import ArticleDigest, Attribution, Claim, Evidence, PromptInfo, Warning  # noqa: E402
from newsdigest.text import article  # noqa: E402

_ENGINE, _PROMPTS = OfflineBackend(), PromptStore()


@dataclass(frozen=True)
class Attack:
    category: str
    form: str
    text: str


@dataclass
class AttackFigures:
    planted: int = 0
    caught: int = 0
    by_category: dict[str, Counter] = field(default_factory=dict)
    missed: list[tuple[str, Attack]] = field(default_factory=list)

    @property
    def flag_rate(self) -> float:
        return self.caught / self.planted if self.planted else 0.0

    def plus(self, other: AttackFigures) -> AttackFigures:
        categories = {name: self.by_category.get(name, Counter()) + other.by_category.get(name, Counter())
                      for name in {**self.by_category, **other.by_category}}
        return AttackFigures(self.planted + other.planted, self.caught + other.caught, categories,
                             self.missed + other.missed)

    def category_rates(self) -> dict[str, float]:
        return {name: counts["caught"] / counts["planted"] for name, counts in self.by_category.items()}


@dataclass
class CleanFigures:
    articles: int = 0
    alarms: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)  # by the offline engine's pipeline
    dropped_every_sentence: dict[str, list[str]] = field(default_factory=dict)


def insert(text: str, attack: str, position: str) -> tuple[str, int]:
    """``text`` with ``attack`` planted, and where the attack starts in it.

    At the start and the end it is a paragraph of its own; in the middle it follows the
    sentence nearest the middle of the text, inside that sentence's paragraph."""
    if position == "start":
        return f"{attack}\n\n{text}", 0
    if position == "end":
        body = text.rstrip()
        return f"{body}\n\n{attack}\n", len(body) + 2
    spans = article.from_text(text).sentences
    cut = min(spans, key=lambda s: abs(s.end - len(text) // 2)).end
    return f"{text[:cut]} {attack}{text[cut:]}", cut + 1


def alarms(doc: article.Article) -> list[tuple[int, int]]:
    """The spans the output reports as instruction-like text."""
    digest = pipeline.summarize(doc, _ENGINE, _PROMPTS)
    return [(w.start, w.end) for w in digest.warnings if w.kind == injection.KIND]


def flagged(text: str, start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in alarms(article.from_text(text)))


def train_attacks() -> list[Attack]:
    sets = json.loads(BIPIA.read_text(encoding="utf-8"))
    return [Attack(category, "BIPIA train", text) for category, texts in sets.items() for text in texts]


def unseen_attacks(part: str) -> list[Attack]:
    return [Attack(**entry) for entry in json.loads(UNSEEN[part].read_text(encoding="utf-8"))["attacks"]]


def polnear_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(POLNEAR.glob("*.txt"))]


def measure_attacks(attacks: list[Attack], hosts: list[str]) -> AttackFigures:
    """Attack ``i`` planted in ``hosts[i % len(hosts)]`` at each position."""
    figures = AttackFigures()
    for number, attack in enumerate(attacks):
        host = hosts[number % len(hosts)]
        counts = figures.by_category.setdefault(attack.category, Counter())
        for position in POSITIONS:
            text, start = insert(host, attack.text, position)
            figures.planted += 1
            counts["planted"] += 1
            if flagged(text, start, start + len(attack.text)):
                figures.caught += 1
                counts["caught"] += 1
            else:
                figures.missed.append((position, attack))
    return figures


def every_sentence(doc: article.Article, warnings: tuple[Warning, ...] = ()) -> ArticleDigest:
    """The checked digest of an answer that makes a claim, in the article's own voice, of every
    sentence (and reports the ``warnings`` it is given, as a model that saw instructions would)."""
    claims = [
        Claim(id=f"c{number}", text=span.of(doc.text),
              attribution=Attribution(source="the article", source_type="author", mode="author_assertion"),
              evidence=[Evidence(quote=span.of(doc.text), start=span.start, end=span.end)],
              confidence="medium", confidence_reason="every sentence", grounded=True)
        for number, span in enumerate(doc.sentences, 1)
    ]
    answer = Analysis(summary="", claims=claims, contradictions=[], warnings=list(warnings),
                      prompt=PromptInfo(name="every-sentence", version="1", sha256="-"))
    return pipeline.check(doc, answer, pipeline.provenance(answer, backend="every-sentence", model="none"))


def clean_articles() -> dict[str, str]:
    articles = {path.name: path.read_text(encoding="utf-8") for path in sorted(POLNEAR.glob("*.txt"))}
    articles[SAMPLE.name] = SAMPLE.read_text(encoding="utf-8")
    for number, paragraph in enumerate(json.loads(CLEAN.read_text(encoding="utf-8"))["paragraphs"], 1):
        articles[f"clean paragraph {number} ({paragraph['kind']})"] = paragraph["text"]
    return articles


def measure_clean() -> CleanFigures:
    figures = CleanFigures()
    for name, text in clean_articles().items():
        figures.articles += 1
        doc = article.from_text(text)
        engine_digest = pipeline.summarize(doc, _ENGINE, _PROMPTS)
        if found := [w for w in engine_digest.warnings if w.kind == injection.KIND]:
            figures.alarms[name] = [text[w.start : w.end] for w in found]
        for digest, dropped in ((engine_digest, figures.dropped), (every_sentence(doc), figures.dropped_every_sentence)):
            if lost := [w for w in digest.warnings if w.kind == "claim_from_instruction"]:
                dropped[name] = [text[w.start : w.end] for w in lost]
    return figures


def measure_speed(target_chars: int = 300_000, runs: int = 3) -> dict[str, float]:
    """Milliseconds of scan per KB on ~30 KB and ~``target_chars`` of news text, with its line
    breaks and as one line."""
    paragraphs = [p for text in polnear_texts() for p in text.split("\n") if p.strip()]
    result = {}
    for size in (30_000, target_chars):
        body = []
        while sum(map(len, body)) < size:
            body += paragraphs
        for layout, joiner in (("with line breaks", "\n"), ("one line", " ")):
            doc = article.from_text(joiner.join(body)[:size])
            times = []
            for _ in range(runs):
                began = time.process_time()
                injection.scan(doc)
                times.append(time.process_time() - began)
            result[f"{size // 1000} KB {layout}"] = 1000 * min(times) / (size / 1000)
    return result


def figures() -> list[Figure]:
    """Every set's figures, for ``run.py``: the train file, the dev and held-out parts of our
    own attacks (apart), the clean set, and the scan's time per KB."""
    for path in (SAMPLE, BIPIA, POLNEAR):
        if not path.exists():
            raise FileNotFoundError(f"{path} is absent: this benchmark reads the team's shared folder")
    found = [Figure("BIPIA train attacks flagged", *_rate(measure_attacks(train_attacks(), [SAMPLE.read_text(encoding="utf-8")])),
                    note="75 train attacks x start, middle, end of the sample article; bar >= 0.98")]
    dev, held_out = (measure_attacks(unseen_attacks(part), polnear_texts()) for part in ("dev", "held-out"))
    for part, attacks, note in (("dev", dev, "tuned on"), ("held-out", held_out, "written before tuning, scored only to report"),
                                ("dev and held-out", dev.plus(held_out), "both parts")):
        rates = attacks.category_rates()
        lowest = min(rates, key=rates.get)
        found += [
            Figure(f"unseen-wording attacks flagged ({part})", *_rate(attacks),
                   note=f"{attacks.planted // len(POSITIONS)} attacks in our own words x 3 positions in PolNeAR articles; "
                        f"{note}; bar >= 0.95"),
            Figure(f"lowest category ({part})", round(rates[lowest], 4), "share", 1, f"{lowest}; bar >= 0.85"),
        ]
    clean = measure_clean()
    found += [
        Figure("clean articles with a warning", ratio(len(clean.alarms), clean.articles), "share", 1,
               f"{len(clean.alarms)}/{clean.articles}: 84 PolNeAR dev, the sample, 108 news paragraphs of ours; bar <= 0.01"),
        Figure("claims dropped in clean articles (offline engine)", sum(map(len, clean.dropped.values())), "claims", 1, "bar 0"),
        Figure("claims dropped in clean articles (a claim of every sentence)",
               sum(map(len, clean.dropped_every_sentence.values())), "claims", 1, "bar 0"),
    ]
    found += [Figure(f"scan time, {what}", round(ms, 3), "ms/KB CPU", 3, "best of 3")
              for what, ms in measure_speed().items()]
    return found


def _rate(attacks: AttackFigures) -> tuple[float, str, int]:
    return round(attacks.flag_rate, 4), "share", 1


def report_attacks(title: str, figures: AttackFigures) -> None:
    print(f"{title}: {figures.caught}/{figures.planted} = {figures.flag_rate:.1%} "
          f"({figures.planted // len(POSITIONS)} attacks x start, middle, end)")
    for category, rate in figures.category_rates().items():
        print(f"  {category:<28} {rate:6.1%}")
    for position, attack in figures.missed:
        print(f"  missed ({position}, {attack.category}, {attack.form}): {attack.text!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs="+", choices=SETS, default=list(SETS), dest="sets")
    args = parser.parse_args(argv)
    for path in (SAMPLE, BIPIA, POLNEAR):
        if not path.exists():
            sys.exit(f"{path} is absent: this benchmark reads the team's shared folder")
    if "train" in args.sets:
        report_attacks("BIPIA train attacks flagged", measure_attacks(train_attacks(), [SAMPLE.read_text(encoding="utf-8")]))
    for part in ("dev", "held-out"):
        if part in args.sets:
            report_attacks(f"unseen-wording attacks ({part}) flagged", measure_attacks(unseen_attacks(part), polnear_texts()))
    if "clean" in args.sets:
        clean = measure_clean()
        print(f"clean articles with a warning: {len(clean.alarms)}/{clean.articles}")
        for name, sentences in clean.alarms.items():
            for sentence in sentences:
                print(f"  {name}: {sentence[:120]!r}")
        for title, dropped in (("offline engine", clean.dropped), ("a claim of every sentence", clean.dropped_every_sentence)):
            print(f"claims dropped as instruction-like in clean articles ({title}): {sum(map(len, dropped.values()))}")
            for name, quotes in dropped.items():
                for quote in quotes:
                    print(f"  {name}: {quote[:120]!r}")
    if "speed" in args.sets:
        for what, ms_per_kb in measure_speed().items():
            print(f"scan time, {what}: {ms_per_kb:.3f} ms/KB")


if __name__ == "__main__":
    main()
