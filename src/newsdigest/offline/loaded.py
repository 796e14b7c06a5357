"""Loaded wording: words that carry a judgement ("lure", "propaganda", "mercenaries").

They are reported as warnings with their offsets, and replaced by a neutral word (or left
out) wherever newsdigest writes its own text, such as the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdigest.offline import lexicon
from newsdigest.segment import Span


@dataclass(frozen=True)
class Loaded:
    word: str
    neutral: str  # "" where there is no neutral word: the word is simply left out
    start: int
    end: int


@cache
def _table() -> dict[str, str]:
    return lexicon.pairs("loaded", "->")


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + lexicon.alternation(list(_table())) + r"(?![\w-])", re.IGNORECASE)


def find(text: str, spans: list[Span]) -> list[Loaded]:
    found = []
    for span in spans:
        for match in _pattern().finditer(text, span.start, span.end):
            word = " ".join(match.group(0).lower().split())
            found.append(Loaded(match.group(0), _table()[word], match.start(), match.end()))
    return found


def neutralize(sentence: str) -> str:
    """The sentence with each loaded word replaced by its neutral alternative (or removed)."""

    def swap(match: re.Match[str]) -> str:
        neutral = _table()[" ".join(match.group(0).lower().split())]
        return neutral.capitalize() if neutral and match.group(0)[0].isupper() else neutral

    return re.sub(r"\s{2,}", " ", _pattern().sub(swap, sentence)).strip()
