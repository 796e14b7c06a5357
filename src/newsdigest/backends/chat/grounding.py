"""Finding a model's (or a rule's) quote in the article, so evidence is a real span.

``locate`` tries, in order: the exact text; the text with whitespace, quotation marks,
dashes and case normalised; a close fuzzy match inside the sentences the claim cites. It
returns offsets into the original text such that ``text[start:end]`` is the verbatim span,
or ``None`` when the quote is not in the article.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import Literal, Sequence

from newsdigest.text.segment import Span

Method = Literal["exact", "normalized", "fuzzy"]
FUZZY_MIN_RATIO = 0.85
# The fuzzy search's budget, in steps of about 50 ns (a character counted by quick_ratio), so
# about a second at most. A 40-word misquote in its 44-word sentence takes about a million.
MAX_FUZZY_STEPS = 10_000_000
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
    """Best run of whole words in ``span`` that reads like ``quote`` (ratio >= FUZZY_MIN_RATIO).

    Runs of 70% to 130% of the quote's words are compared, each as a slice of the sentence
    normalised once. A full comparison grows with the product of the two lengths, and a long
    quote against a long sentence took minutes (300 words against 2,500: 205 s): past
    MAX_FUZZY_STEPS the search gives up, and the quote stays unverified.
    """
    words = list(_WORD.finditer(text, span.start, span.end))
    target = _normalize(quote)[0]
    n = len(target.split())
    if not words or n == 0:
        return None
    normalized, index = _normalize(text[span.start : span.end])
    # Where each word starts and ends in the normalised sentence (characters never merge across words).
    starts = [bisect.bisect_left(index, w.start() - span.start) for w in words]
    ends = [bisect.bisect_left(index, w.end() - span.start) for w in words]
    best: tuple[float, int, int] | None = None
    steps = 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    for size in range(max(1, int(n * 0.7)), int(n * 1.3) + 2):
        for i in range(0, len(words) - size + 1):
            length = ends[i + size - 1] - starts[i]
            # real_quick_ratio's bound, from the lengths alone
            unequal = 2 * min(length, len(target)) < FUZZY_MIN_RATIO * (length + len(target))
            steps += 1 if unequal else length
            if steps > MAX_FUZZY_STEPS:
                return None
            if unequal:
                continue
            matcher.set_seq1(normalized[starts[i] : ends[i + size - 1]])
            if matcher.quick_ratio() < FUZZY_MIN_RATIO:
                continue
            steps += length * len(target) // 8  # the full comparison, in quick_ratio's steps
            if steps > MAX_FUZZY_STEPS:
                return None
            ratio = matcher.ratio()
            if ratio >= FUZZY_MIN_RATIO and (best is None or ratio > best[0]):
                best = (ratio, words[i].start(), words[i + size - 1].end())
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
