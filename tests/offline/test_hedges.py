"""Hedge words and phrases, found per claim."""

from __future__ import annotations

import pytest

from newsdigest.offline import hedges
from newsdigest.text.segment import Span


def found(sentence: str) -> list[str]:
    return hedges.find(sentence, [Span(0, len(sentence))])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The council seems to have dropped the plan.", ["seems"]),
        ("It appears that the vote was delayed.", ["it appears"]),
        ("The mayor reportedly met the developer twice.", ["reportedly"]),
        ("The money was allegedly moved abroad.", ["allegedly"]),
        ("The bridge may close, and fares could rise.", ["may", "could"]),
        ("There are indications that turnout fell.", ["indications"]),
        ("It is believed the talks have stalled.", ["it is believed"]),
        ("The council approved the budget on Tuesday.", []),
    ],
)
def test_hedges(sentence, expected):
    assert found(sentence) == expected


def test_a_capitalised_hedge_word_inside_a_sentence_is_a_name_or_a_month():
    assert found("The vote was moved to May 5.") == []


def test_each_hedge_once():
    assert found("It may rain and it may snow.") == ["may"]


@pytest.mark.parametrize(
    "sentence",
    ["Among likely voters, 46 percent back the levy.", "The likely nominee spoke on Friday.", "Of 900 likely voters, most agreed."],
)
def test_likely_before_its_noun_is_no_hedge(sentence):
    assert found(sentence) == []


@pytest.mark.parametrize("sentence", ["Turnout is likely to fall.", "The vote will likely slip to May."])
def test_likely_about_the_claim_is_a_hedge(sentence):
    assert found(sentence) == ["likely"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The senator appeared on a morning show to defend the bill.", []),
        ("The defendant appeared in court on Monday.", []),
        ("The senator appeared to defend the bill.", ["appeared"]),
        ("The mayor could not be reached for comment.", []),
        ("He could never bear to lose.", []),
        ("The mayor could lose the vote.", ["could"]),
    ],
)
def test_appearing_somewhere_and_a_past_inability_are_no_hedges(sentence, expected):
    assert found(sentence) == expected
