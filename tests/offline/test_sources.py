"""Source types and names on phrases written for these tests."""

from __future__ import annotations

import pytest

from newsdigest.offline import sources


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        # A role's one holder is a person, whatever body they belong to.
        ("The governor", "person"),
        ("the former president", "person"),
        ("The minister of finance", "person"),
        ("a spokeswoman", "person"),
        ("The city's police chief", "person"),
        # Bodies and their offices stay bodies.
        ("the ministers", "government"),
        ("The governor's office", "government"),
        ("the Office of the Governor", "government"),
        # Publications and platforms by the last word of their name.
        ("The Riverside Chronicle", "media"),
        ("Eastern Review", "media"),
        ("Facebook", "media"),
        ("a Facebook user", "person"),
        ("The harbour story", "document"),
        ("the fund", "organization"),
        ("the event organizer Alliance to Reclaim Our Schools", "organization"),
        ("the Association of Flight Attendants", "organization"),  # a body's name, typed by the word before "of"
        ("the Federal Bureau of Prisons", "government"),
        ("University of Michigan economist Ana Ruiz", "person"),  # a person of a body
        ("Secretary of State Ana Ruiz", "person"),
        # A person named in full, with the body they speak for.
        ("Ana Ruiz of the Harbour Workers Union", "person"),
        ("Tom Berg from the Riverside Rowing Club", "person"),
        ("The Harbour Workers Union's Ana Ruiz", "person"),
        ("the Weather Bureau's Ana Ruiz", "person"),
        ("federal statistics", "document"),  # "according to federal statistics"  # "The fund said ...", after the International Monetary Fund
    ],
)
def test_classify(phrase, kind):
    assert sources.classify(phrase) == kind


def test_a_name_follows_its_owner():
    assert sources.trailing_name("the Weather Bureau's Ana Ruiz") == "Ana Ruiz"
    assert sources.trailing_name("Mayor Ana Ruiz's") == "Ana Ruiz"


def test_a_publications_name_is_no_persons():
    assert sources.trailing_name("Ana Lopez at the Eastern Review") is None
    assert sources.trailing_name("Ana Lopez") == "Ana Lopez"


@pytest.mark.parametrize("name", ["Ed Rendell", "Don Fowler", "Matt Lauer"])
def test_a_short_given_name_tells_the_pronoun_a_name_takes(name):
    before = f"Former Gov. {name} agreed that the rules should change, but"
    assert sources.People().resolve_within("he", before) == name


def test_a_pronoun_after_someone_else_named_in_its_sentence_is_not_the_last_speakers():
    people = sources.People()
    people.spoke("Ana Ruiz", 0, "she")
    assert people.resolve_in("she", "Even Friday,", 1) == "Ana Ruiz"  # a day is no one
    assert people.resolve_in("she", "Campaigning against Dale Okafor in 2012,", 1) is None
