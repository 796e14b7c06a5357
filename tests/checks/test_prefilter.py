"""The prefilter's words are necessary: a pattern never matches a text that lacks them all."""

from __future__ import annotations

import json
import re

import pytest
from conftest import BIPIA, POLNEAR, need

from newsdigest.checks import injection
from newsdigest.checks.prefilter import WordFinder, fold, necessary_word_sets, necessary_words


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"\bhow to say\b", {"how to say"}),
        (r"\b(?:you are|you're) (?:now )?free", {"free"}),  # longest of "you", " are"/"'re", "free"
        (r"(?:ignore|disregard) (?:the|all) rules", {" rules"}),
        (r"\b(?:translate|render)\b.{0,9}\b(?:French|German)\b", {"translate", "render"}),
        (r"(?:x+|yz)abc", {"abc"}),
        (r"SYSTEM PROMPT", {"system prompt"}),
        (r"请|帮我", {"请", "帮我"}),  # one letter of another script is as telling as three Latin ones
    ],
)
def test_the_most_selective_necessary_words_are_chosen(pattern, words):
    assert necessary_words(re.compile(pattern, re.IGNORECASE)) == words


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:a|b)\s+(?:c|d)",  # no literal of three characters
        r"(?:yes)?[a-z]+",  # an optional part says nothing
        r"(?:abc|de)",  # one branch too short to tell
    ],
)
def test_a_pattern_without_a_telling_literal_is_always_searched(pattern):
    assert necessary_words(re.compile(pattern)) is None


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        (r"\b(?:hi|yo)\s+(?:AI|bot)s?\b", ({"hi", "yo"}, {"ai", "bot"})),  # two letters tell a sentence
        (r"tell (?:the (?:reader|user)s?|readers)", ({"tell "}, {"reader", "user", "readers"})),  # "the " does not
        (r"(?:a|b)\s+(?:c|d)", ()),
    ],
)
def test_every_set_of_words_a_sentence_must_hold_is_given_smallest_first(pattern, sets):
    assert necessary_word_sets(re.compile(pattern, re.IGNORECASE)) == sets


def test_the_project_patterns_never_match_without_their_words():
    """Every injection pattern against every sentence of the attacks and the PolNeAR texts:
    wherever a pattern matches, one of its words is present."""
    need(BIPIA)
    need(POLNEAR)
    texts_dir = POLNEAR / "text"
    texts = [attack for attacks in json.loads(BIPIA.read_text(encoding="utf-8")).values() for attack in attacks]
    texts += [path.read_text(encoding="utf-8") for path in sorted(texts_dir.glob("*.txt"))[:30]]
    sentences = [part for text in texts for part in re.split(r"(?<=[.!?])\s+", text)]
    checked = matched = 0
    for group in injection._groups():
        for pattern, words in zip(group.patterns, group.needs, strict=True):
            sets = necessary_word_sets(pattern) + ((words,) if words else ())
            checked += bool(sets)
            for sentence in sentences:
                if pattern.search(sentence):
                    matched += 1
                    folded = fold(sentence)
                    assert all(any(word in folded for word in words) for words in sets), (pattern.pattern, sentence)
    assert checked >= 60 and matched >= 100  # the check saw real matches, not an empty loop


def test_a_dotted_capital_i_hides_no_needed_word():
    """IGNORECASE takes "İ" for "i": an attack written with it ("İgnore previous ...") must
    still hold, once folded, the words its patterns need."""
    need(BIPIA)
    attacks = [attack for attacks in json.loads(BIPIA.read_text(encoding="utf-8")).values() for attack in attacks]
    matched = 0
    for attack in attacks[:200]:
        dotted = attack.replace("i", "\u0130").replace("I", "\u0130")
        for group in injection._groups():
            for pattern, words in zip(group.patterns, group.needs, strict=True):
                if words and pattern.search(dotted):
                    matched += 1
                    assert any(word in fold(dotted) for word in words), (pattern.pattern, dotted)
    assert matched >= 20


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("xabcd", {"ab", "abc", "b", "bcd", "c"}),  # nested in and overlapping each other
        ("ab", {"ab", "b"}),  # the longer word runs past the text's end
        ("abx bc", {"ab", "b", "c"}),  # "abc" and "bcd" started but not finished
        ("忽略 c", {"忽略", "c"}),
        ("", set()),
    ],
)
def test_the_finder_finds_every_word_that_occurs(text, found):
    assert WordFinder(["ab", "abc", "b", "bcd", "c", "忽略"]).found_in(text) == found


def test_a_finder_of_no_words_finds_none():
    assert WordFinder([]).found_in("any text") == set()


def test_the_finder_agrees_with_a_test_of_each_word_on_the_project_words():
    need(POLNEAR)
    patterns = [pattern for group in injection._groups() for pattern in group.patterns]
    words = {word for pattern in patterns for words in necessary_word_sets(pattern) for word in words}
    finder = WordFinder(words)
    for path in sorted((POLNEAR / "text").glob("*.txt"))[:20]:
        text = fold(path.read_text(encoding="utf-8"))
        assert finder.found_in(text) == {word for word in words if word in text}
