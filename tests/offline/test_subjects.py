"""Whether a phrase can be a source, on phrases written for these tests."""

from __future__ import annotations

import pytest

from newsdigest.offline import subjects


@pytest.mark.parametrize(
    "phrase",
    [
        "none of her arguments",  # "-ment" nouns are things, though "-ent" ones are people ("president")
        "the noisy environment",
        "his arguments",
        "secretary of defense",  # a role without "the" or a name
        "They mailed a petition on Friday",  # a clause, not a noun phrase
        "They sent a petition on Friday",
        "lawyers for Ana Ruiz filed legal papers",  # a name, then its verb: "... papers opposing the plan"
        "the leaked memo suggests the council",
        "The mayor and her aides haven't",  # a negated auxiliary: "... haven't said much about it"
        "The council members weren\u2019t",
        "The mayor and the governor never",  # "... never seem to tire of telling the story"
        "The staff said doctors",  # "... had planned": a report of someone else's plan
        "Public radio said Mr Peres",
    ],
)
def test_not_a_source(phrase):
    assert not subjects.is_source(phrase.split())


@pytest.mark.parametrize(
    "phrase",
    ["the president", "Prime Minister Theresa May", "The student", "secretary Ana Ruiz", "Secretary of Defense Ana Ruiz", "Justice Department officials",
     "the residents", "a report released by Ana Ruiz", "Ana Ruiz"],
)
def test_a_source(phrase):
    assert subjects.is_source(phrase.split())
