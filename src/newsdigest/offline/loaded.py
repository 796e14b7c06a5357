"""Loaded wording: words that carry a judgement ("lure", "propaganda", "mercenaries").

They are reported as warnings with their offsets, and replaced by a neutral word (or left
out) wherever newsdigest writes its own text, such as the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdigest.offline import lexicon
from newsdigest.text.segment import Span


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
def _words() -> lexicon.Phrases:
    return lexicon.Phrases(_table(), ignore_case=True)


def find(text: str, spans: list[Span]) -> list[Loaded]:
    found = []
    for span in spans:
        for match in _words().finditer(text, span.start, span.end):
            word = " ".join(match.text.lower().split())
            found.append(Loaded(match.text, _table()[word], match.start, match.end))
    return found


def neutralize(sentence: str) -> str:
    """The sentence with each loaded word replaced by its neutral alternative (or removed)."""

    out, last = [], 0
    for match in _words().finditer(sentence):
        neutral = _table()[" ".join(match.text.lower().split())]
        out += [sentence[last : match.start], neutral.capitalize() if neutral and match.text[0].isupper() else neutral]
        last = match.end
    out.append(sentence[last:])
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()
