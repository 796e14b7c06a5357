"""Hedging: the words by which an article marks a claim as uncertain ("seems", "reportedly").

Not every such word hedges: "likely voters" and "the likely nominee" name who or what, so
"likely" before its noun is not a hedge; "appeared on MSNBC" says where someone was, and
"could not be reached" what someone was unable to do."""

from __future__ import annotations

import re
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
            if _describes_a_noun(text, match) or _not_hedging(text, match):
                continue
            hedge = " ".join(match.text.lower().split())
            if hedge not in found:
                found.append(hedge)
    return found


# "likely voters", "the likely nominee", "an unlikely alliance": "likely" before its noun
# says which people or thing, not how sure the claim is.
_ATTRIBUTIVE = frozenset({"likely", "unlikely"})
_BEFORE_NOUN = re.compile(r"(?:the|a|an|of|among|for|by|with|and|to|[\d,.]+%?)\s+$", re.IGNORECASE)
_NOT_A_NOUN = re.compile(r"\s+(?:to|be|that|than|will|would|not|because|if|when|[a-z]+ly)\b")


def _describes_a_noun(text: str, match: lexicon.Hit) -> bool:
    if match.text.lower() not in _ATTRIBUTIVE:
        return False
    before = _BEFORE_NOUN.search(text, max(0, match.start - 30), match.start)
    after = re.match(r"\s+[A-Za-z]", text[match.end : match.end + 2])
    return bool(before and after) and not _NOT_A_NOUN.match(text, match.end)


# To appear somewhere ("appeared on MSNBC", "appears in court") is to be there, not to seem; a
# past inability ("could not be reached", "could never bear to") is no guess either.
_NOT_HEDGING_AFTER = {
    **dict.fromkeys(("appear", "appears", "appeared"), re.compile(
        r"\s+(?:on|in|at|before|with|alongside|together|onstage|as|during|outside|inside)\b", re.IGNORECASE)),
    "could": re.compile(r"\s+(?:not|never)\b", re.IGNORECASE),
}


def _not_hedging(text: str, match: lexicon.Hit) -> bool:
    after = _NOT_HEDGING_AFTER.get(match.text.lower())
    return bool(after and after.match(text, match.end))
