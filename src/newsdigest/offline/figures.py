"""Figures: numbers and dates with what they measure, and whether two can both be true.

Usable on its own (``newsdigest digest`` compares figures across articles)::

    from newsdigest.offline import figures
    for fig in figures.find(text):
        fig.value, fig.low, fig.high, fig.unit, fig.counts, fig.start, fig.end

``low``/``high`` are the range the wording allows: "about 500,000" is 400,000-600,000,
"millions" is 2 million or more, "more than 20" is 20 or more, "between 200 and 300" is
200-300. ``counts`` is the noun counted ("soldiers" in "500,000 soldiers" and "millions of
soldiers"; "Democrats" in "58 percent of Democrats"), singularised in ``thing``.

Two figures contradict each other only when they measure the same quantity of the same
subject at the same time and place (``same_quantity``), and the rest of a figure says which:
``context`` and ``detail`` (the content words of its clause before and after it: "lost",
"turnout", "referendum"), ``names`` (the capitalised words of its statement, less who said
it: "Clinton" against "Trump"), ``when`` ("in 2010" against "today"), ``among`` (the group:
"among women"), ``poll`` (a poll result and the poll's name: two polls never contradict),
``future`` (a forecast, never set against a result), and ``role``: a level, an amount of change
("rose 5 percent"), a level before or after a change or compared with ("from $2 to $2.50"),
or a conditional ("if they are white, ..."); the last two never contradict. Candidate pairs
come from ``candidates``, which groups figures by what they count.

Not quantities: dates, clock times, years, ordinals, labels ("Channel 4"), "9/11" and
"24/7", scores ("3-1"), and numbers that modify a noun ("a four-way race", "10-year").
A date is a figure of its own (unit ``date``) only where it dates an event that happens once
("opened in 1998", "was arrested on Tuesday"): two such dates for one event contradict.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from typing import Callable, Iterable, Iterator, NamedTuple, TypeVar

from newsdigest.text import segment
from newsdigest.offline import lexicon

# Closed-class words: they neither name what is counted nor say what happened to it.
_FUNCTION_WORDS = frozenset(
    """the a an of in on at to for by with from and or but as than that this these those it its
    he she they we i you his her their our my your who which what be is was were are been being
    has have had do does did will would can could may might must should shall not no more less
    about around some over under up into out per each every all also just only most many much
    such there here then so if when while after before since during until last next new other
    said says say according near amid against ahead across within without toward towards through
    outside inside early late""".split()
)
_MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                        "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_MONTHS = {**{m: i for i, m in enumerate(lexicon.MONTH_NAMES, 1)}, **_MONTH_ABBREVIATIONS}
_WEEKDAYS = frozenset(lexicon.WEEKDAY_NAMES)
_CALENDAR = frozenset([*_MONTHS, *_WEEKDAYS])
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(lexicon.WEEKDAY_NAMES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_YEAR_DIGITS = r"(?:1[6-9]|20)\d\d"
_UNBOUNDED = math.inf
_APPROX = {
    "about": (0.8, 1.2), "around": (0.8, 1.2), "approximately": (0.8, 1.2), "roughly": (0.8, 1.2),
    "some": (0.8, 1.2), "nearly": (0.8, 1.0), "almost": (0.8, 1.0), "over": (1.0, _UNBOUNDED),
    "more than": (1.0, _UNBOUNDED), "at least": (1.0, _UNBOUNDED), "less than": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "up to": (0.0, 1.0), "as many as": (0.5, 1.0), "under": (0.0, 1.0),
    "as high as": (0.0, 1.0), "as much as": (0.0, 1.0), "as low as": (1.0, _UNBOUNDED), "as few as": (1.0, _UNBOUNDED),
}
# "millions of" is at least two million and less than a thousand million; "hundreds of" is
# 200-999, "dozens of" 24-143; "tens of thousands" 10,000-99,999.
_PLURAL_MAGNITUDE = {12.0: (2.0, 12.0), 100.0: (2.0, 10.0)}
_LARGE_PLURAL_MAGNITUDE = (2.0, 1000.0)
_SCALED_PLURAL = {"tens": (10.0, 100.0), "hundreds": (100.0, 1000.0)}
# "half a million", "a quarter of a million", "two-thirds of a million", "two and a half
# million": a part of a number, or a whole number and a part.
_FRACTION_BEFORE = re.compile(
    r"(?:\b(?P<whole>\d+|[A-Za-z]+)\s+and\s+an?\s+|\b(?P<times>two|three)[\s-]+|\b(?:an?|one)[\s-]+)?"
    r"\b(?P<part>(?a:half|quarters?|thirds?))\s+(?:of\s+)?$", re.IGNORECASE
)
_FRACTIONS = {"half": 1 / 2, "quarter": 1 / 4, "third": 1 / 3}
# What every match of _FRACTION_BEFORE holds: few figures have it, and that pattern is slow.
_FRACTION_PART = re.compile("|".join(_FRACTIONS), re.IGNORECASE)
# Two exact figures this close are one figure rounded two ways ("$98,000" and "$100,000").
_ROUNDING = 0.05
_CONTEXT_BEFORE = 6
_CONTEXT_AFTER = 4
_POLL_NAME_WORDS = 4
# How far before a figure a change verb makes it a change ("cuts the library's funding by $2.1
# million") or, with "to", the level a change reached ("fell 6 percentage points to 34 percent").
_CHANGE_REACH = 6
_ADVERB_MIN_LENGTH = 5
_DETAIL = 0.25  # the weight of a word of detail (after the figure, or a modifier) against one naming the subject

# Each figure is compared with at most this many earlier figures of the same key: more than an
# article gives for one quantity, and what keeps a 2 MB article's comparisons linear in its size.
MAX_COMPARED = 32

Date = tuple[int | None, int | None, int | None, str | None]  # year, month, day, weekday
T = TypeVar("T")


class Reading(NamedTuple):
    """What a figure's sentence says of it (see the module's docstring)."""

    context: tuple[str, ...]
    detail: tuple[str, ...]
    # "level"; "change" (an amount of change); "endpoint" (a level before or after a change, or
    # one compared with); "conditional" ("if ..."). Only levels and changes are ever compared.
    role: str
    names: frozenset[str]
    when: frozenset[str]
    among: frozenset[str]
    poll: frozenset[str] | None  # None: not a poll result; otherwise the poll's name words
    future: bool  # "will cost", "would create": a forecast, never compared with what is


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
    # Reads the figure's sentence for its ``reading``, the first time that is asked: reading a
    # sentence is most of what a figure costs, and most figures are never compared with another.
    read: Callable[[], Reading] = field(repr=False, compare=False)
    date: Date | None = None

    @cached_property
    def reading(self) -> Reading:
        return self.read()

    # The reading's parts, by the names the module's docstring gives them.
    @property
    def context(self) -> tuple[str, ...]:
        return self.reading.context

    @property
    def detail(self) -> tuple[str, ...]:
        return self.reading.detail

    @property
    def role(self) -> str:
        return self.reading.role

    @property
    def names(self) -> frozenset[str]:
        return self.reading.names

    @property
    def when(self) -> frozenset[str]:
        return self.reading.when

    @property
    def among(self) -> frozenset[str]:
        return self.reading.among

    @property
    def poll(self) -> frozenset[str] | None:
        return self.reading.poll

    @property
    def future(self) -> bool:
        return self.reading.future

    # The properties below are cached: ``candidates`` and ``same_quantity`` ask them of each figure
    # up to ``MAX_COMPARED`` times.
    @cached_property
    def thing(self) -> str | None:
        """What is counted, singular and lower case ("soldiers" -> "soldier")."""
        return _singular(self.counts) if self.counts else None

    @cached_property
    def key(self) -> tuple[str | None, str | None]:
        """Figures that may measure the same quantity share a key (``same_quantity`` decides)."""
        return self.unit, self.thing

    @cached_property
    def _compared(self) -> _Compared:
        context, detail = tuple(_stem(w) for w in self.context), tuple(_stem(w) for w in self.detail)
        return _Compared(
            context=context, detail=detail,
            verbs=frozenset(_stem(w) for w in self.context if _verb_like(w)),
            names=frozenset(n.lower() for n in self.names),
            endings=frozenset(stem[-4:] for stem in context + detail),
            generic=not _generic().isdisjoint(context),
        )


class _Compared(NamedTuple):
    """What ``_alike`` reads of a figure: the stem of each word of its ``context`` and ``detail``, the
    stems of its verbs, its names in lower case, the last four letters of each stem (all of a shorter
    one), and whether a stem of its context is a generic noun."""

    context: tuple[str, ...]
    detail: tuple[str, ...]
    verbs: frozenset[str]
    names: frozenset[str]
    endings: frozenset[str]
    generic: bool


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


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(lexicon.table("measures")[kind])


@cache
def _units() -> dict[str, str]:
    return {word: unit for unit, words in lexicon.table("units").items() for word in words}


@cache
def _number_words_ascii() -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in _number_words())


_CALENDAR_ASCII = frozenset(word.encode("ascii") for word in _CALENDAR)


@cache
def _figure_words_lower_ascii() -> frozenset[bytes]:
    """Number words and calendar words in lower case: words without one have neither."""
    return _number_words_ascii() | {word.lower() for word in _CALENDAR_ASCII}


_DIGIT = re.compile(r"\d")


def _caseless_alternation(words: Iterable[str]) -> str:
    """``lexicon.alternation`` of ASCII words for a case-insensitive pattern, grouped by first letter:
    "(?:a(?:round|bout)|s(?:ome))". No character matches two different ASCII letters however its case
    is ignored, so at most one group gets past its first letter and the words are tried in the same
    order as before: the same matches, but a word is turned away after one look instead of one per word.
    Case is ignored in ASCII only: Unicode would read "ſix" as "six", a word the tables cannot look up."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0].lower(), []).append(word[1:])
    return "(?a:" + "|".join(re.escape(first) + lexicon.alternation(rests) for first, rests in groups.items()) + ")"


@cache
def _pattern() -> re.Pattern[str]:
    number_words = _caseless_alternation(_numbers())
    magnitudes = _caseless_alternation([w for w, v in _numbers().items() if v >= 12])
    approx = _caseless_alternation(_APPROX)
    spelled = rf"{number_words}(?:[\s-]+(?:and\s+)?{number_words})*"
    # A figure begins with the first three letters of one of its words (an approximation, a number,
    # "tens", "hundreds"), with "a" and a space, a currency sign, a space before digits, or a digit.
    # The lookbehind turns away the inside of every word, then the three letters most words, once,
    # where each alternation would try them in turn.
    openings = _caseless_alternation(sorted({word[:3] for word in [*_APPROX, *_numbers(), "tens", "hundreds"]}))
    return re.compile(
        rf"(?<![\w.,$/])(?=[$\u20ac\u00a3\s\d]|{openings}|a\s)(?:(?P<approx>{approx})\s+)?"
        rf"(?:(?:(?P<scaled>(?a:tens|hundreds))\s+of\s+)?(?P<plural>{magnitudes})s\s+of"
        rf"|(?P<currency>[$\u20ac\u00a3])?\s?(?P<digits>{_DIGITS})(?:\s+(?P<scale>{magnitudes}))?(?P<percent>\s?%)?"
        rf"|a\s+(?P<single>{magnitudes})"
        rf"|(?P<spelled>{spelled}))(?![\w%]|/\d|-[A-Za-z])",
        re.IGNORECASE,
    )


@cache
def _once_dates() -> re.Pattern[str]:
    """A date right after a verb of an event that happens once: "opened in 1998", "broke out on Sunday"."""
    once = _caseless_alternation(sorted(_words("once")))
    return re.compile(
        rf"\b(?i:{once})(?:\s+(?i:out|up|down|off))?\s+(?i:in|on)\s+"
        rf"(?:(?P<weekday>{_WEEKDAY})"
        rf"|(?P<month>{_MONTH})\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>{_YEAR_DIGITS}))?"
        rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})(?:,?\s+(?P<year2>{_YEAR_DIGITS}))?"
        rf"|(?P<year3>{_YEAR_DIGITS}))\b"
    )


_CASELESS_MONTH = _caseless_alternation(_MONTHS)
_NOT_A_QUANTITY = re.compile(rf"{_CASELESS_MONTH}\.?\s*$|No\.\s*$|#\s*$", re.IGNORECASE)
_TIME_OR_ORDINAL = re.compile(rf"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|st\b|nd\b|rd\b|th\b|:\d|{_CASELESS_MONTH}\b)", re.IGNORECASE)
_YEAR = re.compile(_YEAR_DIGITS)
# What every date of ``_once_dates`` holds ("... in 1998", "... on Sunday", "... on 5 May"):
# the date pattern is slow, and most sentences have no such date.
_IN_OR_ON_A_DATE = re.compile(rf"\s(?i:in|on)\s+(?:{_WEEKDAY}|{_MONTH}|\d)")
_BETWEEN = re.compile(r"between\s+$", re.IGNORECASE)
_FROM = re.compile(r"from\s+$", re.IGNORECASE)
_RANGE_JOINER = re.compile(r"\s*(?:-|\u2013)\s*|\s+(?:to|or|and)\s+", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"\b[A-Z][A-Za-z]+\s$")
_SCORE = re.compile(r"\s?[-\u2013]\s?\d")
_TOKEN = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d,.]*\d|\d|[,;:()\u2014\u2013\"\u201c\u201d]|\s-\s")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_PARTICIPLE = re.compile(r"^[A-Z][a-z]{3,}ed$")
# How far (in tokens) the reading of a figure's sentence looks either side of it.
_WINDOW = 40
_CLAUSE_MARKS = frozenset(",;:()\u2014\u2013\"\u201c\u201d") | {" - "}
# Words that start another clause: "... fell 3 percent [after the Norvik deal was announced]".
_CLAUSE_WORDS = frozenset(
    "and but while whereas or which who whom whose where after before since because although though until".split()
)
_RELATIVE = frozenset("which who whom whose that where".split())
_CLAUSE_WORDS_NOT_RELATIVE = _CLAUSE_WORDS - _RELATIVE
_ENDPOINT_BEFORE = frozenset("from than versus vs compared after".split())
_CONDITIONS = frozenset("if unless".split())
_FUTURE = frozenset(
    "will would shall expects expected expect projected forecast forecasts plans planned agreed agrees intends aims".split()
)
# "The first phase cost $12 million" and "The second phase will cost $30 million": two things.
_ORDINALS = frozenset("first second third fourth fifth sixth final former latter".split())
_COMPARED_ROLES = frozenset({"level", "change"})
# "the top 1 percent": a group of people named by a share, not a share measured.
_SHARE_GROUP = re.compile(r"\b(?:top|bottom|richest|poorest|wealthiest)\s+$", re.IGNORECASE)


@cache
def _time() -> re.Pattern[str]:
    """Explicit references to when: years, months, weekdays, "last year", "two weeks ago", "now"."""
    words = lexicon.alternation(sorted(_words("time")))
    # Each begins a word: "(?=\w)" turns away the ends of words before the alternations are tried.
    return re.compile(
        rf"\b(?=\w)(?:{_YEAR_DIGITS}s?|{_MONTH}|{_WEEKDAY}|(?i:{words})"
        r"|(?i:(?:last|this|next|past|previous|coming)\s+(?:year|month|week|quarter|season|decade|spring|summer"
        r"|autumn|fall|winter|weekend|term|night|morning))"
        r"|(?i:\w+\s+(?:years?|months?|weeks?|days?)\s+ago)|(?i:for\s+(?:several|many|\w+)\s+(?:years|months|weeks))"
        r"|(?i:so\s+far))\b"
    )


def find(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every quantity (and every date of a one-time event) in the sentences of ``text[start:end]``
    that the rules read (see ``segment.MAX_ANALYSED_CHARS``)."""
    end = len(text) if end is None else end
    if not _DIGIT.search(text, start, end):
        # The words as bytes: twice as fast to get and to lower-case as with a pattern, and the same words.
        words = lexicon.ascii_letters(text[start:end])
        lower = words.lower().split()
        # One split, in lower case, turns away most spans. Calendar words count only capitalised
        # ("May", not "may"): where one is found in lower case, the words as written are looked at.
        if _figure_words_lower_ascii().isdisjoint(lower) or (
            _number_words_ascii().isdisjoint(lower) and _CALENDAR_ASCII.isdisjoint(words.split())
        ):
            return []  # most sentences have no figure: skip the costly patterns
    found = []
    for sentence in segment.sentences(text[start:end]):
        if sentence.end - sentence.start > segment.MAX_ANALYSED_CHARS:
            continue  # no sentence a reader could check a figure in
        raws = _raw_figures(text, start + sentence.start, start + sentence.end)
        found += [
            Figure(
                text=raw.text, start=raw.start, end=raw.end, value=raw.value, low=raw.low, high=raw.high,
                unit=raw.unit, counts=raw.counts, date=raw.date,
                read=partial(_read, text, start + sentence.start, start + sentence.end, raw),
            )
            for raw in raws
        ]
    return found


def _read(text: str, start: int, end: int, raw: _Raw) -> Reading:
    return _sentence(text, start, end).describe(raw)


# Figures are read one after another as they are compared (see ``Figure.read``), and the figures
# of one sentence close together: a few sentences at a time stay tokenised, for the next figure.
@lru_cache(maxsize=4)
def _sentence(text: str, start: int, end: int) -> _Sentence:
    return _Sentence(text, start, end)


class _Raw(NamedTuple):
    """A figure as read, before its sentence says what it measures."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str | None
    counts: str | None
    endpoint: bool
    date: Date | None


def _raw_figures(text: str, start: int, end: int) -> list[_Raw]:
    numbers: list[_Raw] = []
    for match in _pattern().finditer(text, start, end):
        raw = _number(text, match, start, end)
        if raw is None:
            continue
        joiner = text[numbers[-1].end : raw.start] if numbers else ""
        if _RANGE_JOINER.fullmatch(joiner) and (
            joiner.strip().lower() != "and" or _BETWEEN.search(text, max(start, numbers[-1].start - 8), numbers[-1].start)
        ):
            numbers[-1:] = _range(text, numbers[-1], raw, start)
        else:
            while numbers and numbers[-1].start >= raw.start:
                numbers.pop()  # "two" of "two and a half million" is part of the figure
            numbers.append(raw)
    dated = _IN_OR_ON_A_DATE.search(text, start, end)
    dates = [_date_figure(text, m) for m in _once_dates().finditer(text, start, end)] if dated else []
    return sorted(numbers + dates, key=lambda raw: raw.start)


def _range(text: str, first: _Raw, second: _Raw, lo: int) -> list[_Raw]:
    """"between 200 and 300", "200-300", "two or three": one figure. "from 300 to 450" is a change
    (both ends are levels); "3-1" and "46 to 41" are scores, not quantities."""
    if _FROM.search(text, max(lo, first.start - 6), first.start):
        return [first._replace(endpoint=True), second._replace(endpoint=True)]
    if first.value >= second.value:
        return []
    between = _BETWEEN.search(text, max(lo, first.start - 8), first.start)
    begin = between.start() if between else first.start
    return [second._replace(
        text=text[begin : second.end], start=begin, value=(first.value + second.value) / 2,
        low=min(first.low, second.low), high=max(first.high, second.high),
        unit=second.unit or first.unit, counts=second.counts or first.counts,
    )]


def _number(text: str, match: re.Match[str], lo: int, hi: int) -> _Raw | None:
    if _NOT_A_QUANTITY.search(text, max(lo, match.start() - 12), match.start()) or _TIME_OR_ORDINAL.match(text, match.end(), hi):
        return None
    value, (low_f, high_f) = _value(match)
    if value is None or (match.group("spelled") or "").lower() == "one":
        return None  # "one" is far more often a determiner ("one plan to rule them all") than a count
    digits = match.group("digits")
    plain = digits and not (match.group("currency") or match.group("scale") or match.group("percent"))
    if plain and _YEAR.fullmatch(digits):
        return None  # a year
    if (plain and not match.group("approx")
            and (label := _LABEL_BEFORE.search(text, max(lo, match.start() - 30), match.start())) and label.start() > lo
            and label.group().strip().lower() not in _FUNCTION_WORDS and not _SCORE.match(text, match.end(), hi)):
        return None  # "Channel 4", "Flight 370": part of a name, not a quantity
    if _SHARE_GROUP.search(text, max(lo, match.start() - 12), match.start()):
        return None
    limit = min(hi, match.end() + 80)
    clause_end = _CLAUSE_PUNCTUATION.search(text, match.end(), limit)
    following = _WORD.findall(text, match.end(), clause_end.start() if clause_end else limit)
    unit = _unit(match, following)
    counts = _counted(following, unit) or _number_of(text, lo, match.start())
    if match.group("approx"):
        low_f, high_f = _APPROX[" ".join(match.group("approx").lower().split())]
    start = match.start()
    reach = max(lo, start - 24)
    fraction = (
        _FRACTION_BEFORE.search(text, reach, start)
        if not match.group("approx") and _FRACTION_PART.search(text, reach, start) else None
    )
    if fraction:  # the figure is the part: "a quarter of a million dollars" is $250,000
        part = _FRACTIONS[fraction.group("part").lower().removesuffix("s")]
        part *= {"two": 2, "three": 3}.get((fraction.group("times") or "").lower(), 1)
        whole = fraction.group("whole")
        if whole is not None:
            whole_value = float(whole) if whole.isdigit() else _numbers().get(whole.lower())
            if whole_value is None:
                return None  # "... and a half million": not a number this reads
            part += whole_value
        value *= part
        start = fraction.start()
    return _Raw(text[start : match.end()], start, match.end(), value, value * low_f, value * high_f, unit, counts, False, None)


_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|[$\u20ac\u00a3%]")
_CLAUSE_PUNCTUATION = re.compile(r"[,.;:()]")
_SPELLED_SEPARATOR = re.compile(r"[\s-]+")
_NUMBER_OF = re.compile(r"number of ([A-Za-z]+)[^.;]{0,60}$")


def _value(match: re.Match[str]) -> tuple[float | None, tuple[float, float]]:
    if match.group("plural"):
        base = _numbers()[match.group("plural").lower()]
        if match.group("scaled"):
            return base, _SCALED_PLURAL[match.group("scaled").lower()]
        return base, _PLURAL_MAGNITUDE.get(base, _LARGE_PLURAL_MAGNITUDE)
    if match.group("single"):
        return _numbers()[match.group("single").lower()], (1.0, 1.0)
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("scale"):
            value *= _numbers()[match.group("scale").lower()]
        return value, (1.0, 1.0)
    return _spelled(match.group("spelled")), (1.0, 1.0)


def _spelled(words: str) -> float | None:
    """'five thousand' -> 5000, 'twenty-five' -> 25, 'two hundred thousand' -> 200000."""
    total, current = 0.0, 0.0
    for word in _SPELLED_SEPARATOR.split(words.lower()):
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
    first = [w.lower() for w in following[:2]]
    if first[:1] == ["percentage"] and first[1:] and first[1].startswith("point"):
        return "points"
    return _units().get(first[0]) if first else None


def _counted(following: list[str], unit: str | None) -> str | None:
    """The noun a figure counts: "soldiers" in "500,000 soldiers", "Democrats" in "58 percent of Democrats"."""
    words = [w for w in following if w.lower() not in _units() and w.lower() != "percentage"] if unit else following
    if unit in ("percent", "points"):
        return words[1].lower() if len(words) > 1 and words[0].lower() == "of" and words[1].lower() not in _FUNCTION_WORDS else None
    counted = []
    for word in words[:2]:
        if word.lower() in _FUNCTION_WORDS or word.lower() in _numbers() or not word[0].islower():
            break
        counted.append(word.lower())
    # "12 crew members": a singular word before a plural one modifies it; "300 protesters
    # gathered": a plural noun followed by a verb is the noun.
    if len(counted) == 2 and not counted[0].endswith("s") and counted[1].endswith("s"):
        return counted[1]
    return counted[0] if counted else None


def _number_of(text: str, lo: int, at: int) -> str | None:
    """'the number of troops ... to 1.5 million': what the figure counts, named before it."""
    match = _NUMBER_OF.search(text[max(lo, at - 90) : at])
    return match.group(1).lower() if match else None


def _date_figure(text: str, match: re.Match[str]) -> _Raw:
    parts = {k: v for k, v in match.groupdict().items() if v}
    year = parts.get("year") or parts.get("year2") or parts.get("year3")
    month = parts.get("month") or parts.get("month2")
    day = parts.get("day") or parts.get("day2")
    date: Date = (int(year) if year else None, _MONTHS[month] if month else None, int(day) if day else None, parts.get("weekday"))
    begin = min(match.start(k) for k in parts)
    value = float(date[0] or 0)
    return _Raw(text[begin : match.end()], begin, match.end(), value, value, value, "date", None, False, date)


class _Sentence:
    """One sentence, tokenised once, to say what each of its figures measures. Every look around a
    figure stays within ``_WINDOW`` tokens, so a sentence of any length costs time linear in it."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        matches = list(_TOKEN.finditer(text, start, end))
        self.tokens = [m[0] for m in matches]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.lower = list(map(str.lower, self.tokens))
        self.opening = next((i for i, t in enumerate(self.tokens) if t[0].isalpha()), None)
        self.capitalised = [i for i, t in enumerate(self.tokens) if t[0].isupper()]
        # Figures of one statement share its time references: (left, right) -> [(start, words)].
        self.times: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def describe(self, raw: _Raw) -> Reading:
        first = bisect.bisect_left(self.starts, raw.start)
        last = bisect.bisect_left(self.starts, raw.end) - 1
        left, right = self._statement(first, last)
        before, after = self._clause(first, last, left, right)
        if before and before[0] == self.opening and _PARTICIPLE.search(self.tokens[before[0]]):
            after += self._participle_subject(after[-1] + 1 if after else last + 1)
        counted = {raw.counts, _singular(raw.counts)} if raw.counts else set()
        context = [w for w in self._content(before) if w not in counted][-_CONTEXT_BEFORE:]
        detail = [w for w in self._content(after) if w not in counted][:_CONTEXT_AFTER]
        clause = range(before[0] if before else first, after[-1] + 1 if after else last + 1)
        return Reading(
            context=tuple(context), detail=tuple(detail),
            role="endpoint" if raw.endpoint else self._role(first, last, left, right, clause.start),
            names=self._names(clause, first, last) or self._names(range(left, right), first, last),
            when=self._when(left, right, raw), among=self._among(left, right), poll=self._poll(left, right),
            future=not _FUTURE.isdisjoint(self.lower[clause.start : first]),
        )

    def _statement(self, first: int, last: int) -> tuple[int, int]:
        """The tokens of what is said, less who says it: "[the fire killed 19 people], the mayor said"."""
        left, right = max(0, first - _WINDOW), min(len(self.tokens), last + 1 + _WINDOW)
        speech = _words("speech")
        for i in range(first - 1, left - 1, -1):
            if self.lower[i] in speech:
                comma = next((j for j in range(i, first) if self.tokens[j] == ","), None)
                # "According to the coast guard, the storm ...": the statement starts after the comma.
                left = comma + 1 if self.lower[i] == "according" and comma is not None else i + 1
                break
        for i in range(last + 1, right):
            if self.lower[i] in speech:
                marks = [j for j in range(last + 1, i) if self.tokens[j] in _CLAUSE_MARKS]
                right = marks[-1] if marks else i
                break
        return left, right

    def _clause(self, first: int, last: int, left: int, right: int) -> tuple[list[int], list[int]]:
        """Token indexes of the figure's clause before and after it. A relative clause ("..., which
        broke out on Sunday", "The treaty, signed in 1957, ...") reaches back into the clause it describes."""
        before: list[int] = []
        i = first - 1
        while i >= left:
            if self.tokens[i] in _CLAUSE_MARKS or self.lower[i] in _CLAUSE_WORDS_NOT_RELATIVE:
                break
            before.insert(0, i)
            # "..., which broke out on Sunday", "The treaty, signed in 1957, ...": a relative clause
            # describes the noun before its comma; read on into it.
            relative = self.lower[i] in _RELATIVE or (self.tokens[i].islower() and self.lower[i].endswith("ed"))
            if relative and i > left and self.tokens[i - 1] in _CLAUSE_MARKS:
                i -= 1
            i -= 1
        after = []
        for i in range(last + 1, right):
            if self.tokens[i] in _CLAUSE_MARKS or self.lower[i] in _CLAUSE_WORDS:
                break
            after.append(i)
        return before, after

    def _participle_subject(self, at: int) -> list[int]:
        """"Founded in 1992, [the Hopewell charity] says ...": what an opening participle describes."""
        if at >= len(self.tokens) or self.tokens[at] != ",":
            return []
        subject = []
        for i in range(at + 1, min(len(self.tokens), at + 1 + _CONTEXT_AFTER)):
            if self.tokens[i] in _CLAUSE_MARKS or self.lower[i] in _words("speech"):
                break
            subject.append(i)
        return subject

    def _content(self, indexes: list[int]) -> list[str]:
        """Lower-case content words: what happened and to what, not who (names) or when."""
        out = []
        for i in indexes:
            word, lower = self.tokens[i], self.lower[i]
            if not word[0].isalpha() or (word[0].isupper() and i != self.opening) or word in _CALENDAR:
                continue
            if lower in _not_content() or (lower.endswith("ly") and len(lower) >= _ADVERB_MIN_LENGTH):
                continue
            out.append(lower)
        return out

    def _names(self, indexes: range, first: int, last: int) -> frozenset[str]:
        """Capitalised words. The sentence's first word counts both as a name and as a content
        word ("Russia has lost ...", "Trump has 88 ..."), unless it is a participle ("Founded in 1992, ...")."""
        within = slice(bisect.bisect_left(self.capitalised, indexes.start), bisect.bisect_left(self.capitalised, indexes.stop))
        return frozenset(
            _POSSESSIVE.sub("", self.tokens[i]) for i in self.capitalised[within]
            if not first <= i <= last and self.tokens[i] not in _CALENDAR
            and self.lower[i] not in _FUNCTION_WORDS and not (i == self.opening and _PARTICIPLE.search(self.tokens[i]))
        )

    def _role(self, first: int, last: int, left: int, right: int, clause_start: int) -> str:
        if not _CONDITIONS.isdisjoint(self.lower[left:right]):
            return "conditional"  # "if they are white, the rate is 33 percent": not a standing fact
        previous = self.lower[max(clause_start, first - _CHANGE_REACH) : first]
        if previous and (
            not _ENDPOINT_BEFORE.isdisjoint(previous[-3:])
            or (previous[-1] == "to" and not _words("change").isdisjoint(previous[:-1]))
        ):
            # "fell to 4.9 percent", "up from 30", "compared with females' $93,000", "after hovering around 60%"
            return "endpoint"
        following = self.lower[last + 1 : last + 2]
        if not _words("change").isdisjoint(previous + following):
            return "change"  # "rose 5 percent", "cut 800 jobs", "falls by only $900,000", "a 5 percent rise"
        return "level"

    def _when(self, left: int, right: int, raw: _Raw) -> frozenset[str]:
        if left >= right:
            return frozenset()
        if (left, right) not in self.times:
            self.times[left, right] = [
                (match.start(), " ".join(match[0].lower().split()))
                for match in _time().finditer(self.text, self.starts[left], self.ends[right - 1])
            ]
        # A date figure is not its own time.
        return frozenset(words for at, words in self.times[left, right] if not raw.start <= at < raw.end)

    def _among(self, left: int, right: int) -> frozenset[str]:
        """The group a figure is restricted to: "among women", "among likely voters"."""
        words = self.lower[left:right]
        if "among" not in words:
            return frozenset()
        return frozenset(
            next((w for w in words[i + 1 : i + 3] if w not in _FUNCTION_WORDS), "")
            for i, w in enumerate(words) if w == "among"
        ) - {""}

    def _poll(self, left: int, right: int) -> frozenset[str] | None:
        """None when the statement is not a poll result; otherwise the poll's name ("Harlow University")."""
        poll = _words("poll")
        at = [i for i in range(left, right) if self.lower[i] in poll]
        if not at:
            return None
        return frozenset(
            self.tokens[j] for i in at for j in range(max(left, i - _POLL_NAME_WORDS), i)
            if self.tokens[j][0].isupper() and self.lower[j] not in _FUNCTION_WORDS
        )


@cache
def _not_content() -> frozenset[str]:
    """Words that say neither what happened nor to what: function words, approximations, numbers,
    units, speech and time."""
    return frozenset(
        [*_FUNCTION_WORDS, *_APPROX, *_number_words(), *_units(), *_words("speech"), *_words("time")]
    )


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def _stem(word: str) -> str:
    """A crude stem, enough to match "killed" with "kills" and "opened" with "opening"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "trapped" -> "trapp" -> "trap"
    return word[:-1] if len(word) > 4 and word.endswith("e") else word  # "evacuate" and "evacuated"


def _alike(a: Figure, b: Figure) -> bool:
    """Whether two figures' clauses describe the same measure: they share two words and differ in
    no more than twice that ("the budget cuts the library's funding by" and "the library budget
    falls by"), or share one and differ in at most one. Sharing only the verb ("The museum opened
    in" and "Its new glass wing opened in") is not enough: a word before all the shared ones names
    another subject and weighs 1, and so does a verb; other words after the first shared one
    ("turnout [in the presidential election] was") or after the figure ("... at a motel outside
    the city") are detail and weigh a quarter. Two ordinals ("first", "second") never match. A
    compound counts as its last part ("earthquake" matches "quake")."""
    compared_a, compared_b = a._compared, b._compared
    # Most pairs share no word, and that is told first, without the weighing below. Two stems match
    # (``_matcher``) only when they are the same or share their last four letters, so only when they
    # have the same ``endings``: without a common one no word is shared, and ``shared`` stays 0 unless
    # a generic noun pairs with another word. Such a noun weighs 1, which only a word of the context
    # does, so without a generic noun in either context the figures are not alike.
    if compared_a.endings.isdisjoint(compared_b.endings) and not (compared_a.generic or compared_b.generic):
        return False
    ordinals_a, ordinals_b = _ORDINALS.intersection(a.context), _ORDINALS.intersection(b.context)
    if ordinals_a and ordinals_b and ordinals_a != ordinals_b:
        return False
    # A capitalised first word that the other figure has as a name ("Russia has lost" and "...
    # that Russia had lost") is neither shared nor different: the names were compared already.
    stems_a = [s for w, s in zip(a.context, compared_a.context) if w not in compared_b.names or w in b.context]
    stems_b = [s for w, s in zip(b.context, compared_b.context) if w not in compared_a.names or w in a.context]
    detail_a, detail_b = list(compared_a.detail), list(compared_b.detail)
    verbs = compared_a.verbs | compared_b.verbs

    # Where both name the same people or places, those fix the subject: the words that describe
    # it ("the singer Ella Marne" and "Ella Marne, who") weigh as detail.
    subject = _DETAIL if a.names & b.names else 1.0

    def unmatched(stems: list[str], detail: list[str], others: list[str]) -> dict[str, float]:
        matched = _matcher(others)
        hits = [matched(x) for x in stems]
        first = hits.index(True) if True in hits else len(stems)
        only = {x: 1.0 if x in verbs else subject if n < first else _DETAIL
                for n, (x, hit) in enumerate(zip(stems, hits)) if not hit}
        return only | {x: _DETAIL for x in detail if x not in only and not matched(x)}

    only_a = unmatched(stems_a, detail_a, stems_b + detail_b)
    only_b = unmatched(stems_b, detail_b, stems_a + detail_a)
    shared = len(set(stems_a + detail_a)) - len(only_a)
    # A generic noun as the subject ("the plan", "the deal") stands for whatever the article is
    # about, so it matches a word the other side has on its own ("the plan would create", "the
    # harbour will create"); as a detail ("raised $350 million through the program") it does not.
    for side, other in ((only_a, only_b), (only_b, only_a)):
        for word in [w for w, weight in side.items() if weight == 1.0 and w in _generic()]:
            partner = next((o for o, weight in other.items() if weight == 1.0 and o not in _generic()), None)
            if partner is not None:
                del side[word], other[partner]
                shared += 1
    differ = sum(only_a.values()) + sum(only_b.values())
    return (shared >= 2 and differ <= 2 * shared) or (shared == 1 and differ <= 1)


def _matcher(others: list[str]) -> Callable[[str], bool]:
    """Whether a stem matches one of ``others``: the same, or, both four letters or more, one ending
    the other (a compound counts as its last part: "earthquake" matches "quake"). Two such words
    end in the same four letters, so only words with x's last four are looked at."""
    same, by_ending = set(others), {}
    for y in others:
        if len(y) >= 4:
            by_ending.setdefault(y[-4:], []).append(y)
    return lambda x: x in same or (len(x) >= 4 and any(x.endswith(y) or y.endswith(x) for y in by_ending.get(x[-4:], ())))


def _verb_like(word: str) -> bool:
    """A verb says what happened to a quantity ("lost" against "recruited"), so it always weighs 1."""
    return (len(word) > 4 and word.endswith("ed")) or word in _words("verbs") or word in _words("change")


@cache
def _generic() -> frozenset[str]:
    return frozenset(_stem(w) for w in _words("generic"))


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two figures measure the same quantity of the same subject at the same time and place."""
    if a.key != b.key or a.key == (None, None):
        return False
    # The readings, once: ``candidates`` gives this a pair for each figure up to ``MAX_COMPARED`` times.
    x, y = a.reading, b.reading
    if x.role != y.role or x.role not in _COMPARED_ROLES:
        return False
    if (x.poll is not None or y.poll is not None) and not (x.poll and x.poll == y.poll):
        return False  # two polls, or a poll and something else
    if x.among != y.among or x.future != y.future or (x.when and y.when and x.when != y.when):
        return False
    if x.names and y.names and not (x.names <= y.names or y.names <= x.names):
        return False
    return _alike(a, b)


def candidates(items: Iterable[tuple[T, Figure]]) -> Iterator[tuple[tuple[T, Figure], tuple[T, Figure]]]:
    """Pairs of items whose figures may measure the same quantity: figures with the same ``key``,
    each paired with those of its ``MAX_COMPARED`` earlier ones (in the order given) that agree with it
    in role, poll, group and tense, as ``same_quantity`` requires. Figures that count nothing, and
    roles other than levels and changes, are never compared."""
    recent: dict[tuple[str | None, str | None], deque[tuple[tuple[object, ...], tuple[T, Figure]]]] = {}
    for item in items:
        fig = item[1]
        if fig.key == (None, None) or fig.role not in _COMPARED_ROLES:
            continue
        # Many earlier figures of a key differ in one of these: no pair is made for them.
        kind = (fig.role, fig.poll, fig.among, fig.future)
        earlier = recent.setdefault(fig.key, deque(maxlen=MAX_COMPARED))
        for other_kind, other in earlier:
            if other_kind == kind:
                yield other, item
        earlier.append((kind, item))


def conflict(a: Figure, b: Figure) -> bool:
    """Two figures for the same quantity whose values (or dates) cannot both hold."""
    # The values first: they cost nothing to compare, and a pair whose values agree needs no look
    # at what its figures measure.
    return _values_conflict(a, b) and same_quantity(a, b)


def _values_conflict(a: Figure, b: Figure) -> bool:
    if a.date is not None and b.date is not None:
        return any(x is not None and y is not None and x != y for x, y in zip(a.date, b.date))
    if a.low == a.high and b.low == b.high:
        return not math.isclose(a.value, b.value, rel_tol=_ROUNDING)
    return a.high < b.low or b.high < a.low
