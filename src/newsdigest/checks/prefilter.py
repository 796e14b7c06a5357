"""Words a regular expression cannot match without: a cheap test that rules a pattern out.

Searching a few dozen case-insensitive patterns in every sentence costs as much as the whole
offline engine, yet nearly all of them need some literal text ("your ", "instructions",
"how to say") that a news article seldom contains. ``necessary_words`` reads a pattern's
parse tree and returns strings of which every match contains at least one; when none of
them occurs in a text, the pattern cannot match anywhere in it and need not be searched.
This is the "required literals" prefilter of code-search engines, kept to what ``re``
patterns in this project use: a pattern it cannot reason about gets ``None`` (always search).
"""

from __future__ import annotations

import re
from re import _constants as c  # noqa: PLC2701 - the parse tree's node names
from re import _parser  # noqa: PLC2701 - the stdlib's own regex parser

Words = frozenset[str]

# Fewer than this many characters in its shortest word and a set says too little to pay for
# the substring tests.
_MIN_WORD = 3


def necessary_words(pattern: re.Pattern[str]) -> Words | None:
    """Case-folded strings of which every match of ``pattern`` contains at least one, or None.

    Compare them with ``fold(text)``: the pattern is assumed case-insensitive, which only
    widens what it may match, so the answer holds for case-sensitive patterns too."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):
        return None
    return _best(_candidates(list(tree)))


def fold(text: str) -> str:
    return text.casefold()


def _candidates(nodes: list) -> list[Words]:
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
            found.extend(_candidates(list(arg[-1])))
        elif op is c.BRANCH:
            union = _union([_best(_candidates(list(branch))) for branch in arg[1]])
            if union is not None:
                found.append(union)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found.extend(_candidates(list(arg[2])))
    end_run()
    return found


def _union(sets: list[Words | None]) -> Words | None:
    if any(words is None for words in sets):
        return None
    return frozenset().union(*sets)


def _best(candidates: list[Words]) -> Words | None:
    """The most selective candidate: longest shortest word, then fewest words."""
    useful = [words for words in candidates if min(map(_weight, words)) >= _MIN_WORD]
    if not useful:
        return None
    return max(useful, key=lambda words: (min(map(_weight, words)), -len(words)))


def _weight(word: str) -> int:
    """How telling ``word`` is, in characters of English: one letter of another script (a
    Chinese character, say) is as rare in an English article as three of the Latin one."""
    return sum(1 if char.isascii() else _MIN_WORD for char in word)
