"""How well ``newsdigest.injection`` spots instructions planted in an article.

Each of BIPIA's attacks (../shared/benchmarks/bipia/text_attack_train.json) is inserted at
the start, in the middle and at the end of the sample article, and the article goes through
the pipeline with the offline engine, as ``newsdigest summarize`` would run it; an attack
counts as flagged when an ``instruction_in_article`` warning in the output overlaps it.
False alarms are such warnings on the clean sample and on the PolNeAR dev articles.
Run: ``python benchmarks/injection.py``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_3bc6c6f3a626bfad.txt"
BIPIA = SHARED / "benchmarks" / "bipia" / "text_attack_train.json"
POLNEAR = SHARED / "benchmarks" / "polnear-dev" / "text"
POSITIONS = ("start", "middle", "end")

sys.path.insert(0, str(ROOT / "src"))

from newsdigest import pipeline  # noqa: E402
from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.checks import injection  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402
from newsdigest.text import article  # noqa: E402

_ENGINE, _PROMPTS = OfflineBackend(), PromptStore()


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


@dataclass
class Figures:
    attacks: int = 0
    caught: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    sample_alarms: int = 0
    articles: int = 0
    alarms: dict[str, list[str]] = field(default_factory=dict)

    @property
    def flag_rate(self) -> float:
        return self.caught / self.attacks if self.attacks else 0.0


def measure() -> Figures:
    sample = SAMPLE.read_text(encoding="utf-8")
    figures = Figures(sample_alarms=len(alarms(article.from_text(sample))))
    for attacks in json.loads(BIPIA.read_text(encoding="utf-8")).values():
        for attack in attacks:
            for position in POSITIONS:
                text, start = insert(sample, attack, position)
                figures.attacks += 1
                if flagged(text, start, start + len(attack)):
                    figures.caught += 1
                else:
                    figures.missed.append((position, attack))
    for path in sorted(POLNEAR.glob("*.txt")):
        figures.articles += 1
        doc = article.load(str(path))
        found = alarms(doc)
        if found:
            figures.alarms[path.name] = [doc.text[a:b] for a, b in found]
    return figures


def main() -> None:
    for path in (SAMPLE, BIPIA, POLNEAR):
        if not path.exists():
            sys.exit(f"{path} is absent: this benchmark reads the team's shared folder")
    f = measure()
    print(f"BIPIA attacks flagged: {f.caught}/{f.attacks} = {f.flag_rate:.1%} "
          f"({len(POSITIONS)} positions x {f.attacks // len(POSITIONS)} attacks in the sample article)")
    for position, attack in f.missed:
        print(f"  missed ({position}): {attack}")
    print(f"false alarms on the clean sample article: {f.sample_alarms}")
    print(f"PolNeAR dev articles with a false alarm: {len(f.alarms)}/{f.articles}")
    for name, sentences in f.alarms.items():
        for sentence in sentences:
            print(f"  {name}: {sentence[:120]!r}")


if __name__ == "__main__":
    main()
