"""Loaded wording: words that carry a judgement ("lure", "propaganda", "mercenaries").

They are reported as warnings with their offsets, with a neutral word to suggest where there
is one. newsdigest's own text never replaces one inside what a source said: the summary
leaves out the sentences that hold one.
"""

from __future__ import annotations

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
