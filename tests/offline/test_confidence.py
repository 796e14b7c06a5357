"""Confidence follows the sourcing: high only for a named, specific source on the record."""

from __future__ import annotations

import pytest

from newsdigest.offline import confidence


@pytest.mark.parametrize(
    ("source", "source_type", "level"),
    [
        ("Mayor Ana Ruiz", "person", "high"),
        ("the Tax Foundation", "organization", "high"),
        ("the county auditor", "government", "high"),
        ("Western countries", "government", "medium"),
        ("Officials", "government", "medium"),
        ("A report released by the state auditor", "document", "medium"),
        ("a new poll", "document", "medium"),
        ("Republican lawmakers", "government", "medium"),
        ("sources", "anonymous", "low"),
        # A headline's "Member of House panel" and "another critic" are someone, not someone named.
        ("Member of House panel", "government", "medium"),
        ("Another critic", "person", "medium"),
        ("Tulsa police", "government", "high"),
        # A group that opens the sentence with its capital is still no one named.
        ("Democrats", "person", "medium"),
        ("Critics", "person", "medium"),
        ("Authorities", "government", "medium"),
        ("Lawmakers", "government", "medium"),  # listed in the plural
        ("Prosecutors in Ohio", "government", "medium"),
        ("Reuters", "organization", "high"),  # a name that ends in "s" is still a name
        ("House Democrats", "person", "high"),
        # A capitalised word after "one" or "some" is a party, not a name: someone unnamed.
        ("One Republican", "person", "medium"),
        ("Some Democrats", "person", "medium"),
        ("A spokesman for Mayor Ana Ruiz", "person", "high"),  # unnamed, but speaking for someone named
        ("anyone on the business side of TV", "person", "medium"),
    ],
)
def test_only_a_named_specific_source_rates_high(source, source_type, level):
    rated, reason = confidence.assess(source_type, "reported", [], [], source)
    assert rated == level
    assert ("vague" in reason) == (level == "medium")


def test_hedging_and_contradiction_still_lower_a_vague_source():
    assert confidence.assess("government", "reported", ["may"], ["c2"], "Officials")[0] == "low"


def test_one_unnamed_study_is_not_high():
    assert confidence.assess("document", "reported", [], [], "one study")[0] == "medium"
