"""Split article text into paragraphs and sentences, keeping character offsets.

Offsets are Python ``str`` indices into the decoded article text, the same indices every
``Evidence`` in the output uses. Sentences cross no line break but one inside a paragraph
wrapped by hand: news text puts one paragraph (or headline, byline, dateline) per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Protocol


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


class Stretch(Protocol):
    """Anything with offsets into the text: a ``Span``, a claim's ``Evidence``."""

    start: int
    end: int


def shared_chars(a: Iterable[Stretch], b: Iterable[Stretch]) -> int:
    """How many characters two sets of stretches share (a claim's evidence against another's)."""
    others = list(b)
    return sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in others)


# Words that end in a period without ending a sentence ("Sen. Warren", "Sept. 11", "U.S.").
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep del gov gen lt col sgt capt cmdr adm st jr sr rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp co ltd dept est
    ft mt ave blvd approx fig""".split()
)

# The longest sentence the rules read. The longest of the PolNeAR dev set, or a quotation of
# several, is under 900 characters; a longer unit is no sentence a reader could check a claim
# in (a scraped table, a run-on list), and reading it would cost time that grows with it.
MAX_ANALYSED_CHARS = 2000

# A line's text from its first character that is not whitespace to its last.
_STRIPPED_LINE = re.compile(r"\S(?:[^\n]*\S)?")
# A sentence ends at . ! or ? (plus closing quotes/brackets) followed by whitespace, group 1,
# where the next sentence starts after it. A quotation may open with two apostrophes, as in the
# NYT's ''Like this.'' (The first mark stands alone so that the search passes other characters
# at one test.)
_BOUNDARY = re.compile(r"[.!?][.!?]*[\"'\u201d\u2019)\]]*(?=(\s+)(?:''|[\"'\u201c\u2018(\[])?[A-Z0-9\u00c0-\u024f])")
# The end of a line with no closing mark, a single line break, and a word in lower case.
_WRAPPED = re.compile(r"[^.!?:;\"'\u201d\u2019)\]\s][^\S\n]*\n[^\S\n]*[a-z]")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WHITESPACE = re.compile(r"\s")


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines, stripped of surrounding whitespace; a line that carries on the sentence
    of the line just above it (that one ends with no closing mark, this one opens in lower case:
    a paragraph wrapped by hand) is part of the same paragraph."""
    paras: list[Span] = []
    for line in _STRIPPED_LINE.finditer(text):
        start, end = line.span()
        if paras and _WRAPPED.match(text, paras[-1].end - 1, start + 1):
            paras[-1] = Span(paras[-1].start, end)
        else:
            paras.append(Span(start, end))
    return paras


def sentences(text: str, paras: list[Span] | None = None) -> list[Span]:
    """Sentences of every paragraph (``paras``, where the caller has them already), in order."""
    out: list[Span] = []
    for para in paragraphs(text) if paras is None else paras:
        out.extend(_split_paragraph(text, para))
    return out


def _split_paragraph(text: str, para: Span) -> list[Span]:
    """The sentences of a paragraph (stripped, as ``paragraphs`` gives it): each ends at a
    boundary and the next starts after the whitespace that follows it."""
    spans = []
    start = para.start
    for boundary in _BOUNDARY.finditer(text, para.start, para.end):
        if _is_abbreviation(text, start, boundary.start()):
            continue
        spans.append(Span(start, boundary.end()))
        start = boundary.end(1)
    spans.append(Span(start, para.end))
    return spans


def _is_abbreviation(text: str, sentence_start: int, period: int) -> bool:
    if text[period] != ".":
        return False
    # The word before the period runs back to the last whitespace: nearly always a space, and the
    # word is split again where it holds another (str.isprintable is false for all whitespace but
    # the space).
    word = text[max(sentence_start, text.rfind(" ", sentence_start, period) + 1) : period]
    if not word.isprintable():
        word = _WHITESPACE.split(word)[-1]
    # Any quotation mark may open a quotation in a hasty paragraph: ”Mr. Trump ...
    word = word.lstrip("\"'(\u201c\u2018\u201d\u2019")
    # Single letters and dotted initialisms: "J. Smith", "U.S.", "D.C."
    if len(word) == 1 or _INITIALISM.fullmatch(word):
        return True
    return word.lower() in ABBREVIATIONS


def strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
