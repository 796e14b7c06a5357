"""Figures: numbers with their unit and what they count, and whether two can both be true.

Usable on its own (``newsdigest digest`` compares figures across articles)::

    from newsdigest.offline import figures
    for fig in figures.find(text):
        fig.value, fig.low, fig.high, fig.unit, fig.counts, fig.start, fig.end

``low``/``high`` are the range the wording allows: "about 500,000" is 400,000-600,000,
"millions" is 2 million or more, "more than 20" is 20 or more. ``counts`` is the noun
counted ("soldiers" in "500,000 soldiers" and "millions of soldiers"), singularised in
``thing``; ``context`` holds the content words just before the figure ("lost"), which tell
whether two figures measure the same thing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from newsdigest.offline import lexicon

# Closed-class words: they neither name what is counted nor say what happened to it.
_FUNCTION_WORDS = frozenset(
    """the a an of in on at to for by with from and or but as than that this these those it its
    he she they we i you his her their our my your who which what be is was were are been being
    has have had do does did will would can could may might must should shall not no more less
    about around some over under up into out per each every all also just only most many much
    such there here then so if when while after before since during until last next new other""".split()
)
_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|May|June|July|August|September|October|November|December"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_APPROX = {
    "about": (0.8, 1.2), "around": (0.8, 1.2), "approximately": (0.8, 1.2), "roughly": (0.8, 1.2),
    "some": (0.8, 1.2), "nearly": (0.8, 1.0), "almost": (0.8, 1.0), "over": (1.0, 2.0),
    "more than": (1.0, 2.0), "at least": (1.0, 2.0), "less than": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "up to": (0.0, 1.0), "as many as": (0.5, 1.0), "under": (0.0, 1.0),
}
# "millions of" is at least two million and less than a thousand million.
_PLURAL_MAGNITUDE = (2.0, 1000.0)
_CONTEXT_WORDS = 5
_COUNTED_WORDS = 3


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str | None
    counts: str | None
    context: tuple[str, ...]

    @property
    def thing(self) -> str | None:
        """What is counted, singular and lower case ("soldiers" -> "soldier")."""
        return _singular(self.counts) if self.counts else None


@cache
def _numbers() -> dict[str, float]:
    return {line.split()[0]: float(line.split()[1]) for line in lexicon.lines("numbers")}


@cache
def _multipliers() -> frozenset[str]:
    return frozenset(line.split()[0] for line in lexicon.lines("numbers") if line.endswith(" multiplies"))


@cache
def _number_words() -> frozenset[str]:
    """Spelled-out numbers, and plural magnitudes ("millions of")."""
    return frozenset([*_numbers(), *(word + "s" for word, value in _numbers().items() if value >= 12)])


_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")


@cache
def _speech() -> frozenset[str]:
    """'said', 'claimed': they tell who gives a figure, not what it measures."""
    return lexicon.forms("cue_verbs")


@cache
def _units() -> dict[str, str]:
    return {word: unit for unit, words in lexicon.table("units").items() for word in words}


@cache
def _pattern() -> re.Pattern[str]:
    number_words = lexicon.alternation([w for w in _numbers()])
    magnitudes = lexicon.alternation([w for w, v in _numbers().items() if v >= 12])
    approx = lexicon.alternation(list(_APPROX))
    spelled = rf"{number_words}(?:[\s-]+(?:and\s+)?{number_words})*"
    return re.compile(
        rf"(?<![\w.,$])(?:(?P<approx>{approx})\s+)?"
        rf"(?:(?P<plural>{magnitudes})s\s+of"
        rf"|(?P<currency>[$\u20ac\u00a3])?\s?(?P<digits>{_DIGITS})(?:\s+(?P<scale>{magnitudes}))?(?P<percent>\s?%)?"
        rf"|(?P<spelled>{spelled}))(?![\w%])",
        re.IGNORECASE,
    )


_NOT_A_QUANTITY = re.compile(rf"(?:{_MONTHS})\.?\s*$|No\.\s*$|#\s*$", re.IGNORECASE)
_TIME_OR_ORDINAL = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|st\b|nd\b|rd\b|th\b|:\d)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|[$\u20ac\u00a3%]")


def find(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every quantity in ``text[start:end]``; dates, clock times, years and ordinals are left out."""
    end = len(text) if end is None else end
    if not _DIGIT.search(text, start, end) and _number_words().isdisjoint(_LETTERS.findall(text[start:end].lower())):
        return []  # most sentences have no figure: skip the costly pattern
    found = []
    for match in _pattern().finditer(text, start, end):
        figure = _figure(text, match, start, end)
        if figure is not None:
            found.append(figure)
    return found


def _figure(text: str, match: re.Match[str], lo: int, hi: int) -> Figure | None:
    if _NOT_A_QUANTITY.search(text, max(lo, match.start() - 12), match.start()) or _TIME_OR_ORDINAL.match(text, match.end(), hi):
        return None
    value, (low_f, high_f) = _value(match)
    if value is None:
        return None
    digits = match.group("digits")
    if digits and re.fullmatch(r"(?:19|20)\d\d", digits) and not (match.group("currency") or match.group("scale")):
        return None  # a year
    following = _WORD.findall(re.split(r"[,.;:()]", text[match.end() : min(hi, match.end() + 80)], maxsplit=1)[0])
    unit = _unit(match, following)
    counted = [w for w in following[:_COUNTED_WORDS] if w.lower() not in _units()]
    counts = _counted(following if unit is None else counted) or _number_of(text, lo, match.start())
    if match.group("approx"):
        low_f, high_f = _APPROX[" ".join(match.group("approx").lower().split())]
    clause = re.split(r"[,;:()]", text[max(lo, match.start() - 60) : match.start()])[-1]
    # Lower-case words only: what happened ("lost"), not who ("Russia"), tells quantities apart.
    before = _WORD.findall(clause)[-_CONTEXT_WORDS:]
    context = tuple(w for w in before if w.islower() and w not in _FUNCTION_WORDS and w not in _APPROX and w not in _speech())
    return Figure(
        text=match.group(0), start=match.start(), end=match.end(), value=value,
        low=value * low_f, high=value * high_f, unit=unit, counts=counts, context=context,
    )


def _value(match: re.Match[str]) -> tuple[float | None, tuple[float, float]]:
    if match.group("plural"):
        return _numbers()[match.group("plural").lower()], _PLURAL_MAGNITUDE
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("scale"):
            value *= _numbers()[match.group("scale").lower()]
        return value, (1.0, 1.0)
    return _spelled(match.group("spelled")), (1.0, 1.0)


def _spelled(words: str) -> float | None:
    """'five thousand' -> 5000, 'twenty-five' -> 25, 'two hundred thousand' -> 200000."""
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        n = _numbers()[word]
        if n >= 1000:
            total += max(current, 1.0) * n
            current = 0.0
        elif word in _multipliers():
            current = max(current, 1.0) * n
        else:
            current += n
    value = total + current
    return value or None


def _unit(match: re.Match[str], following: list[str]) -> str | None:
    if match.group("currency"):
        return _units().get(match.group("currency"))
    if match.group("percent"):
        return "percent"
    return _units().get(following[0].lower()) if following else None


def _counted(words: list[str]) -> str | None:
    """The noun a figure counts: the last content word of the few that follow it."""
    counted = []
    for word in words[:_COUNTED_WORDS]:
        if word.lower() in _FUNCTION_WORDS or word.lower() in _numbers() or not word[0].isalpha():
            break
        counted.append(word)
    return counted[-1].lower() if counted else None


def _number_of(text: str, lo: int, at: int) -> str | None:
    """'the number of troops ... to 1.5 million': what the figure counts, named before it."""
    match = re.search(r"number of ([A-Za-z]+)[^.;]{0,60}$", text[max(lo, at - 90) : at])
    return match.group(1).lower() if match else None


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same thing: same unit, same counted noun (or none, as with
    sums of money), and a shared context word ("lost ... soldiers" and "lost ... soldiers", not
    "recruited ... soldiers"; "library ... funding by $2.1 million" and "library budget ... $900,000")."""
    if a.unit != b.unit or a.thing != b.thing or (a.thing is None and a.unit is None):
        return False
    return bool({_singular(w) for w in a.context} & {_singular(w) for w in b.context})


def conflict(a: Figure, b: Figure) -> bool:
    """Two figures for the same quantity whose ranges cannot both hold."""
    if not same_quantity(a, b):
        return False
    if a.low == a.high and b.low == b.high:
        return not math.isclose(a.value, b.value, rel_tol=0.01)
    return a.high < b.low or b.high < a.low
