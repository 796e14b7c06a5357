"""The word lists the rules use, read once from ``data/`` (see data/README.md).

``lines`` and ``words`` also read other packages' word lists, given their folder.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

DATA = Path(__file__).parent / "data"

# Determiners, by kind: each rule that reads a source phrase takes the kinds it needs.
ARTICLES = frozenset("the a an".split())
POSSESSIVES = frozenset("his her their its our my your".split())
DEMONSTRATIVES = frozenset("this that these those".split())
# The calendar's names, as written.
MONTH_NAMES = tuple("January February March April May June July August September October November December".split())
WEEKDAY_NAMES = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
QUANTIFIERS = frozenset("some many several most other another one".split())


_CONTRACTION = re.compile(r"['\u2019](?:ve|m|d|ll|re|s)$")


def uncontracted(word: str) -> str:
    """A word without its contracted ending: "that's" -> "that", "I've" -> "I"."""
    return _CONTRACTION.sub("", word)


@cache
def lines(name: str, folder: Path = DATA) -> tuple[str, ...]:
    """Non-blank lines of ``<folder>/<name>.txt``, less the ``#`` comment lines."""
    stripped = (raw.strip() for raw in (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


@cache
def words(name: str, folder: Path = DATA) -> frozenset[str]:
    """Every whitespace-separated word in the file, as one set."""
    return frozenset(w for line in lines(name, folder) for w in line.split())


@cache
def phrases(name: str) -> tuple[str, ...]:
    """One phrase a line, longest first (so a regex alternation prefers the longest)."""
    return tuple(sorted(lines(name), key=len, reverse=True))


@cache
def forms(name: str) -> frozenset[str]:
    """Every form of ``word, words, worded`` lines: one verb a line, its forms comma-separated."""
    return frozenset(form.strip() for line in lines(name) for form in line.split(","))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """``key: word word ...`` lines, in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for line in lines(name):
        key, _, rest = line.partition(":")
        out[key.strip()] = tuple(rest.split())
    return out


@cache
def pairs(name: str, sep: str) -> dict[str, str]:
    """``left SEP right`` lines as a mapping (right may be empty)."""
    out = {}
    for line in lines(name):
        left, _, right = line.partition(sep)
        out[left.strip()] = right.strip()
    return out


def alternation(items: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """A regex group matching any of the phrases as whole words, longest first."""
    ordered = sorted(items, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


@cache
def fingerprint() -> str:
    """SHA-256 over every data file (names and contents): which rules produced an output."""
    h = hashlib.sha256()
    for path in sorted(DATA.glob("*.txt")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str


# Every byte but an ASCII letter, as a space (see ``ascii_letters``).
_ASCII_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else ord(" ") for c in range(256))


def ascii_letters(text: str) -> bytes:
    """``text`` as ASCII bytes with every character but an ASCII letter made a space: its runs of
    ASCII letters, which ``split`` then gives in C, some times faster than a regex finds them."""
    return text.encode("ascii", "replace").translate(_ASCII_LETTERS_ONLY)


_WORD_START = re.compile(r"(?<![\w'\u2019-])[A-Za-z][\w'\u2019]*(?:-[A-Za-z]+)*")
_WORD_END = r"(?![\w'\u2019]|-[A-Za-z])"  # where a word of _WORD_START can end


def trie(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest where several start at one place,
    branching letter by letter: the regex engine then follows one branch per letter instead of
    trying every word in turn, so a try costs a few character tests, not one per word."""
    root: dict = {}
    for word in words:
        node = root
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def group(node: dict) -> str:
        branches = [re.escape(letter) + group(rest) for letter, rest in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: a longer word first

    return group(root)


def _opening(words: Iterable[str], flags: int) -> re.Pattern[str]:
    """Any of the words as a whole word (bounded like a word of _WORD_START)."""
    return re.compile(r"(?<![\w'\u2019-])(?=[A-Za-z])" + trie(words) + _WORD_END, flags)


# A lower-cased text keeps every character's place and whether it is a word character, and
# its words match lower-case words as re.IGNORECASE would match the text's, except for four
# letters: İ, ı and ſ (which IGNORECASE reads as "i", "i" and "s", and str.lower does not, İ
# becoming two characters) and the kelvin sign K (which lower-cases to "k", where a
# case-sensitive pattern does not read it as a letter). A text holding one is not read lower-cased.
# (Looked for one by one: four searches for a character are much faster than one regex search
# for any of them, over a long text.)
_CASE_TWINS = "\u0130\u0131\u017f\u212a"


class _SharedScan:
    """Where a word that opens a phrase of any list stands in a text, for all lists at once.

    Finding those words is the costly part of a phrase search: a pattern tried at every position
    of the text. So one scan serves every list: the text is lower-cased and searched for every
    list's opening words, lower-cased, by a case-sensitive pattern (about twice as fast as one
    that ignores case, and one scan instead of one per list). The places are grouped by the word
    as written, so that each list picks its own words, in its own case rule, without going over
    every other list's."""

    def __init__(self) -> None:
        self._words: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._scans = lru_cache(maxsize=4)(self._found)
        # The lists are made on first use, and a digest's threads may make one while another
        # scans: a scan must not read the words while a new list adds its own (the set would
        # change size under it), nor keep a result made without them.
        self._lock = threading.Lock()

    def add(self, words: Iterable[str]) -> None:
        """A new list's opening words: scans from now on find them too."""
        with self._lock:
            self._words.update(word.lower() for word in words)
            self._pattern = None
            self._scans.cache_clear()

    def found(self, text: str) -> dict[str, list[int]]:
        """Where each opening word starts, in order, by the word as written."""
        with self._lock:
            return self._scans(text)

    def _found(self, text: str) -> dict[str, list[int]]:
        if self._pattern is None:
            # The character before a word is matched, not looked behind at: a pattern that opens
            # with a character class lets the regex engine skip to such characters on its own,
            # fast. A blank put before the text stands for its start, and shifts each match so
            # that it starts where its word does in the text.
            letters = (word for word in self._words if "a" <= word[:1] <= "z")  # as (?=[A-Za-z]) asks
            self._pattern = re.compile(r"[^\w'\u2019-]" + trie(letters) + _WORD_END)
        starts: dict[str, list[int]] = {}
        for word in self._pattern.finditer(" " + text.lower()):
            start, end = word.start(), word.end() - 1
            starts.setdefault(text[start:end], []).append(start)
        return starts


_SHARED = _SharedScan()


class Phrases:
    """Finds any of a list of phrases as whole words.

    The rules ask for phrases sentence by sentence, many times over one article. So each
    article's words are read once: the first time a text is asked about, every word that can
    open a phrase is listed with its place (by a scan shared with the other lists, see
    _SharedScan), and a later question about any stretch of that text looks up the stretch's
    entries by bisection and matches only those in full.
    """

    def __init__(self, items: Iterable[str], *, ignore_case: bool) -> None:
        self._fold = str.lower if ignore_case else str
        by_first: dict[str, list[str]] = {}
        for phrase in items:
            by_first.setdefault(self._fold(phrase.split()[0]), []).append(phrase)
        flags = re.IGNORECASE if ignore_case else 0
        # The phrases an opening word may start, longest first, as one pattern: its alternatives
        # are tried in that order, so the first that matches is the longest phrase there.
        self._forms = {
            first: re.compile(
                "|".join(alternation([p]) + r"(?![\w-])" for p in sorted(group, key=len, reverse=True)), flags
            )
            for first, group in by_first.items()
        }
        _SHARED.add(self._forms)
        # For a text the shared scan cannot read lower-cased: this list's own opening words.
        self._opening = _opening(self._forms, flags)
        # A few texts at a time: the engine reads an article and its quote-normalised twin.
        self._openings = lru_cache(maxsize=4)(self._openings_in)

    def _openings_in(self, text: str) -> tuple[list[int], list[str]]:
        """Where each word of ``text`` that may open a phrase starts, in order, and the word."""
        if any(twin in text for twin in _CASE_TWINS):
            word_at = {word.start(): word.group(0) for word in self._opening.finditer(text)}
        else:
            found = _SHARED.found(text).items()
            word_at = {start: word for word, starts in found if self._fold(word) in self._forms for start in starts}
        starts = sorted(word_at)
        return starts, [word_at[start] for start in starts]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        end = len(text) if end is None else end
        starts, words = self._openings(text)
        covered = start  # a hit's inner words ("appears" in "it appears") are not hits again
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            at = starts[i]
            if at < covered:
                continue
            word = words[i]
            if at + len(word) > end:  # the stretch ends inside this word: only its part inside counts
                cut = _WORD_START.match(text, at, end)
                word = cut.group(0) if cut else ""
            forms = self._forms.get(self._fold(word))
            match = forms.match(text, at, end) if forms else None
            if match:
                covered = match.end()
                yield Hit(match.start(), match.end(), match.group(0))

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        return next(self.finditer(text, start, end), None)
