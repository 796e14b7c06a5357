"""Hedging: the words by which an article marks a claim as uncertain ("seems", "reportedly")."""

from __future__ import annotations

import re
from functools import cache

from newsdigest.offline import lexicon
from newsdigest.segment import Span


@cache
def _pattern() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + lexicon.alternation(lexicon.phrases("hedges")) + r"(?![\w-])", re.IGNORECASE)


def find(text: str, spans: list[Span]) -> list[str]:
    """The hedges in the spans, as written (lower-cased), each once, in order of appearance."""
    found: list[str] = []
    for span in spans:
        for match in _pattern().finditer(text, span.start, span.end):
            # A capital inside a sentence is a name, not a hedge: "May 5", "Justice Might".
            if match.group(0)[0].isupper() and match.start() != span.start:
                continue
            hedge = " ".join(match.group(0).lower().split())
            if hedge not in found:
                found.append(hedge)
    return found
