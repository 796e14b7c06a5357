"""The word lists the rules use, read once from ``data/`` (see data/README.md).

``lines`` and ``words`` also read other packages' word lists, given their folder.
"""

from __future__ import annotations

import hashlib
import re
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


_WORD_START = re.compile(r"(?<![\w'\u2019-])[A-Za-z][\w'\u2019]*(?:-[A-Za-z]+)*")


def _trie(words: Iterable[str]) -> str:
    """A regex group matching any of the words, branching letter by letter: the regex engine
    then follows one branch per letter instead of trying every word in turn."""
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
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return group(root)


class Phrases:
    """Finds any of a list of phrases as whole words.

    The rules ask for phrases sentence by sentence, many times over one article. So each
    article's words are read once: the first time a text is asked about, every word that can
    open a phrase is listed with its place, and a later question about any stretch of that
    text looks up the stretch's entries by bisection and matches only those in full.
    """

    def __init__(self, items: Iterable[str], *, ignore_case: bool) -> None:
        self._fold = str.lower if ignore_case else str
        by_first: dict[str, list[str]] = {}
        for phrase in items:
            by_first.setdefault(self._fold(phrase.split()[0]), []).append(phrase)
        flags = re.IGNORECASE if ignore_case else 0
        self._forms = {
            first: tuple(
                re.compile(alternation([p]) + r"(?![\w-])", flags) for p in sorted(group, key=len, reverse=True)
            )
            for first, group in by_first.items()
        }
        # Where a word that opens some phrase stands, found by one scan of the text: the
        # first words as a trie, bounded like a word of _WORD_START (whole words only).
        self._opening = re.compile(
            r"(?<![\w'\u2019-])(?=[A-Za-z])" + _trie(self._forms) + r"(?![\w'\u2019]|-[A-Za-z])", flags
        )
        # A few texts at a time: the engine reads an article and its quote-normalised twin.
        self._openings = lru_cache(maxsize=4)(self._openings_in)

    def _openings_in(self, text: str) -> tuple[list[int], list[int]]:
        """Where each word of ``text`` that may open a phrase starts and ends, in order."""
        starts, ends = [], []
        for word in self._opening.finditer(text):
            starts.append(word.start())
            ends.append(word.end())
        return starts, ends

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        end = len(text) if end is None else end
        starts, ends = self._openings(text)
        covered = start  # a hit's inner words ("appears" in "it appears") are not hits again
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            at = starts[i]
            if at < covered:
                continue
            word = text[at : ends[i]]
            if ends[i] > end:  # the stretch ends inside this word: only its part inside counts
                cut = _WORD_START.match(text, at, end)
                word = cut.group(0) if cut else ""
            for form in self._forms.get(self._fold(word), ()):
                match = form.match(text, at, end)
                if match:
                    covered = match.end()
                    yield Hit(match.start(), match.end(), match.group(0))
                    break

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        return next(self.finditer(text, start, end), None)
