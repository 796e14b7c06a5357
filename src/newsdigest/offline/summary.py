"""The summary: extractive but neutral.

It is built from the claims themselves: the lead fact in the article's own voice, then the
first reported claims of distinct sources, each carrying its attribution ("According to
..."), then the first contradiction if there is one. Loaded words are replaced by neutral
ones; weakly supported claims of the article's own voice say whose claim they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdigest.offline import loaded
from newsdigest.schema import Confidence, SourceType

MAX_REPORTED = 3


@dataclass(frozen=True)
class Point:
    text: str  # the claim as the article words it (a reported clause keeps its lower-case start)
    source: str
    source_type: SourceType
    confidence: Confidence
    hedged: bool


def compose(points: list[Point], contradiction: str | None) -> str:
    sentences: list[str] = []
    own = [p for p in points if p.source_type == "author" and not p.hedged]
    if own:
        lead = own[0]
        sentences.append(lead.text if lead.confidence != "low" else f"The article says {_lower_first(lead.text)}")
    for point in _reported(points):
        # "Dmitry Medvedev provided information about ..." already names its source.
        said = point.text if point.text.startswith(point.source) else f"According to {_lower_first(point.source)}, {_lower_first(point.text)}"
        sentences.append(said)
    if contradiction:
        sentences.append(contradiction)
    return loaded.neutralize(" ".join(_sentence(s) for s in sentences))


def _reported(points: list[Point]) -> list[Point]:
    """The best-supported reported claims, one a source, in article order."""
    chosen: dict[str, tuple[int, int]] = {}
    for index, point in enumerate(points):
        if point.source_type in ("author", "unattributed"):
            continue
        rank = (-_LEVEL[point.confidence], index)
        key = point.source.split()[-1].lower()  # "Mayor Ana Pereira" and "Ana Pereira" are one source
        if key not in chosen or rank < chosen[key]:
            chosen[key] = rank
    best = sorted(chosen.values())[:MAX_REPORTED]
    return [points[index] for _, index in sorted(best, key=lambda r: r[1])]


_LEVEL = {"high": 2, "medium": 1, "low": 0}


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "\u201d", '"')) else text + "."


def _lower_first(phrase: str) -> str:
    """'A report released by ...' -> 'a report released by ...'; names keep their capital."""
    first = phrase.split(" ", 1)[0]
    return phrase[0].lower() + phrase[1:] if first.lower() in _DETERMINERS else phrase


_DETERMINERS = frozenset("the a an this these those".split())
