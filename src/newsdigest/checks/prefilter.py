"""Words a regular expression cannot match without: a cheap test that rules a pattern out.

Searching a few dozen case-insensitive patterns in every sentence costs as much as the whole
offline engine, yet nearly all of them need some literal text ("your ", "instructions",
"how to say") that a news article seldom contains. ``necessary_words`` reads a pattern's
parse tree and returns strings of which every match contains at least one; when none of
them occurs in a text, the pattern cannot match anywhere in it and need not be searched.
This is the "required literals" prefilter of code-search engines, kept to what ``re``
patterns in this project use: a pattern it cannot reason about gets ``None`` (always search).
``necessary_word_sets`` gives every such set, each a test of one sentence before a search.
``WordFinder`` tells which of all those words occur in a text, in one pass over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as c  # noqa: PLC2701 - the parse tree's node names
from re import _parser  # noqa: PLC2701 - the stdlib's own regex parser

from newsdigest.offline import lexicon

Words = frozenset[str]

# Fewer than this many characters in its shortest word and a set says too little to pay for
# the substring tests.
_MIN_WORD = 3


@dataclass(frozen=True)
class _Scale:
    """How telling a set of words is, for one use of it."""

    least: int  # fewer characters than this in its shortest word and a set says too little
    space: int  # what a whitespace character counts for


# A set looked for in a whole article: a word shorter than three characters is in every one.
_FOR_ARTICLES = _Scale(least=_MIN_WORD, space=1)
# A set tested on one sentence just before it is searched: a word of two letters ("AI") is
# missing from most sentences, and a space ("the ") is in all of them.
_FOR_SENTENCES = _Scale(least=2, space=0)


def necessary_words(pattern: re.Pattern[str]) -> Words | None:
    """Case-folded strings of which every match of ``pattern`` contains at least one, or None.

    Compare them with ``fold(text)``: the pattern is assumed case-insensitive, which only
    widens what it may match, so the answer holds for case-sensitive patterns too."""
    tree = _tree(pattern)
    return None if tree is None else _best(_candidates(tree, _FOR_ARTICLES), _FOR_ARTICLES)


def necessary_word_sets(pattern: re.Pattern[str]) -> tuple[Words, ...]:
    """Every set of case-folded strings of which each match of ``pattern`` contains one,
    fewest words first (the cheapest to test), weighed for a test of one sentence."""
    tree = _tree(pattern)
    candidates = _candidates(tree, _FOR_SENTENCES) if tree is not None else []
    return tuple(sorted((words for words in candidates if _telling(words, _FOR_SENTENCES)), key=len))


def _tree(pattern: re.Pattern[str]) -> list | None:
    try:
        return list(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, RecursionError):
        return None


def fold(text: str) -> str:
    """``text`` as IGNORECASE compares it, for finding a pattern's needed words in it. Casefolding
    turns "İ" into "i" and a combining dot, where the regex takes it for "i": left so, "İgnore
    previous instructions" would hide the words "ignore" and "previous" from the prefilter."""
    return text.replace("\u0130", "i").casefold()


class WordFinder:
    """Which of a fixed set of words occur in a text, found by one regex in one pass.

    Testing each word with ``in`` reads the text once per word: with hundreds of words, the
    costliest step of a scan. The regex walks a trie of the words instead, at each place of
    the text, so its cost hardly grows with their number. It reports the longest word that
    starts at each place, inside a lookahead so that the next try starts one character on
    (words inside others are found too); every other word starting there is a prefix of
    that one, and is counted with it."""

    def __init__(self, words: Iterable[str]) -> None:
        words = frozenset(words)
        self._regex = re.compile(f"(?=({lexicon.trie(words)}))" if words else "(?!)")  # (?!): never
        self._with_prefixes = {
            word: frozenset(word[:end] for end in range(1, len(word) + 1)) & words for word in words
        }

    def found_in(self, text: str) -> set[str]:
        found: set[str] = set()
        for longest in set(self._regex.findall(text)):
            found |= self._with_prefixes[longest]
        return found


def _candidates(nodes: list, scale: _Scale) -> list[Words]:
    """Each entry is a set of words of which any match of ``nodes`` contains one."""
    found: list[Words] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            found.append(frozenset({fold("".join(run))}))
            run.clear()

    for op, arg in nodes:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if op is c.AT:  # zero-width (\b, ^): adds nothing, breaks nothing
            continue
        end_run()
        if op is c.SUBPATTERN:
            found.extend(_candidates(list(arg[-1]), scale))
        elif op is c.BRANCH:
            union = _union([_best(_candidates(list(branch), scale), scale) for branch in arg[1]])
            if union is not None:
                found.append(union)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found.extend(_candidates(list(arg[2]), scale))
    end_run()
    return found


def _union(sets: list[Words | None]) -> Words | None:
    if any(words is None for words in sets):
        return None
    return frozenset().union(*sets)


def _best(candidates: list[Words], scale: _Scale) -> Words | None:
    """The most selective candidate: longest shortest word, then fewest words."""
    useful = [words for words in candidates if _telling(words, scale)]
    if not useful:
        return None
    return max(useful, key=lambda words: (min(_weight(word, scale) for word in words), -len(words)))


def _telling(words: Words, scale: _Scale) -> bool:
    return min(_weight(word, scale) for word in words) >= scale.least


def _weight(word: str, scale: _Scale) -> int:
    """How telling ``word`` is, in characters of English: one letter of another script (a
    Chinese character, say) is as rare in an English article as three of the Latin one."""
    return sum(scale.space if char.isspace() else 1 if char.isascii() else _MIN_WORD for char in word)
