"""Hedging: the words by which an article marks a claim as uncertain ("seems", "reportedly")."""

from __future__ import annotations

from functools import cache

from newsdigest.offline import lexicon
from newsdigest.text.segment import Span


@cache
def _hedges() -> lexicon.Phrases:
    return lexicon.Phrases(lexicon.lines("hedges"), ignore_case=True)


def find(text: str, spans: list[Span]) -> list[str]:
    """The hedges in the spans, as written (lower-cased), each once, in order of appearance."""
    found: list[str] = []
    for span in spans:
        for match in _hedges().finditer(text, span.start, span.end):
            # A capital inside a sentence is a name, not a hedge: "May 5", "Justice Might".
            if match.text[0].isupper() and match.start != span.start:
                continue
            hedge = " ".join(match.text.lower().split())
            if hedge not in found:
                found.append(hedge)
    return found
