"""Finding a model's (or a rule's) quote in the article, so evidence is a real span.

``locate`` tries, in order: the exact text; the text with whitespace, quotation marks,
dashes and case normalised; a close fuzzy match inside the sentences the claim cites. It
returns offsets into the original text such that ``text[start:end]`` is the verbatim span,
or ``None`` when the quote is not in the article.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal, Sequence

from newsdigest.text.segment import Span

Method = Literal["exact", "normalized", "fuzzy"]
FUZZY_MIN_RATIO = 0.85
# A claim "restates" a sentence when the sentence holds this share of its content words; a
# cited sentence holding less than MISCITED_MAX_OVERLAP of them was probably miscounted.
RESTATED_MIN_OVERLAP = 0.6
MISCITED_MAX_OVERLAP = 0.34

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ",
        "\u2026": ".",
    }
)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    method: Method


def locate(text: str, quote: str, within: Sequence[Span] = ()) -> Match | None:
    """Find ``quote`` in ``text``, preferring the ``within`` spans (the cited sentences)."""
    quote = quote.strip()
    if not quote:
        return None
    regions = [(s.start, s.end) for s in within] + [(0, len(text))]
    for start, end in regions:
        found = text.find(quote, start, end)
        if found >= 0:
            return Match(found, found + len(quote), "exact")
    norm_text, index = _normalize(text)
    norm_quote, _ = _normalize(quote)
    if norm_quote:
        for start, end in regions:
            found = _find_normalized(norm_text, index, norm_quote, start, end)
            if found >= 0:
                last = index[found + len(norm_quote) - 1]
                return Match(index[found], last + 1, "normalized")
    for span in within:
        match = _fuzzy(text, quote, span)
        if match:
            return match
    return None


def _normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes/dashes/case and collapse whitespace; ``index[i]`` is char i's source offset."""
    chars: list[str] = []
    index: list[int] = []
    folded = text.translate(_FOLD)
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not chars or chars[-1] == " ":
                continue
            ch = " "
        for low in ch.lower():  # one char may lower to two ("\u0130" -> "i\u0307")
            chars.append(low)
            index.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    return "".join(chars), index


def _find_normalized(norm_text: str, index: list[int], norm_quote: str, start: int, end: int) -> int:
    pos = norm_text.find(norm_quote)
    while pos >= 0:
        if index[pos] >= start and index[pos + len(norm_quote) - 1] < end:
            return pos
        pos = norm_text.find(norm_quote, pos + 1)
    return -1


def _fuzzy(text: str, quote: str, span: Span) -> Match | None:
    """Best run of whole words in ``span`` that reads like ``quote`` (ratio >= FUZZY_MIN_RATIO)."""
    words = list(_WORD.finditer(text, span.start, span.end))
    target = _normalize(quote)[0]
    n = len(target.split())
    if not words or n == 0:
        return None
    best: tuple[float, int, int] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    for size in range(max(1, int(n * 0.7)), int(n * 1.3) + 2):
        for i in range(0, len(words) - size + 1):
            start, end = words[i].start(), words[i + size - 1].end()
            matcher.set_seq1(_normalize(text[start:end])[0])
            if matcher.real_quick_ratio() < FUZZY_MIN_RATIO or matcher.quick_ratio() < FUZZY_MIN_RATIO:
                continue
            ratio = matcher.ratio()
            if ratio >= FUZZY_MIN_RATIO and (best is None or ratio > best[0]):
                best = (ratio, start, end)
    if best is None:
        return None
    _, start, end = best
    start, end = _trim_punctuation(text, start, end)
    return Match(start, end, "fuzzy")


def _trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ",;:":
        end -= 1
    return start, end


_CONTENT_WORD = re.compile(r"[a-z0-9]{3,}")
_COMMON = frozenset("the and that this with from for was were has have had are its his her their said says".split())


def word_overlap(claim: str, sentence: str) -> float:
    """Share of the claim's content words that the sentence contains (0.0 to 1.0)."""
    claim_words = set(_CONTENT_WORD.findall(claim.lower())) - _COMMON
    if not claim_words:
        return 0.0
    return len(claim_words & set(_CONTENT_WORD.findall(sentence.lower()))) / len(claim_words)


def restating_sentence(text: str, claim: str, spans: Sequence[Span]) -> Span | None:
    """The one sentence that clearly states ``claim`` (most of its content words), if any."""
    scored = sorted(((word_overlap(claim, s.of(text)), i) for i, s in enumerate(spans)), reverse=True)
    if not scored or scored[0][0] < RESTATED_MIN_OVERLAP:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None  # two sentences fit equally well: no basis to pick one
    return spans[scored[0][1]]
