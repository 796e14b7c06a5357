"""Loaded words: warned about with offsets, neutralised in newsdigest's own text."""

from __future__ import annotations

from newsdigest.offline import loaded, summary
from newsdigest.text.segment import Span


def test_loaded_words_found_with_offsets_and_neutral_alternatives():
    text = "The regime used propaganda to lure mercenaries."
    found = loaded.find(text, [Span(0, len(text))])
    assert [(w.word, w.neutral) for w in found] == [
        ("regime", "government"), ("propaganda", "publicity"), ("lure", "attract"), ("mercenaries", "foreign fighters"),
    ]
    assert all(text[w.start : w.end] == w.word for w in found)


def test_neutralize_replaces_or_drops_loaded_words():
    assert loaded.neutralize("Money was offered to lure recruits.") == "Money was offered to attract recruits."
    assert loaded.neutralize("The notorious firm paid.") == "The firm paid."
    assert loaded.neutralize("Propaganda spread fast.") == "Publicity spread fast."


def test_summary_attributes_reported_claims_and_is_neutral():
    points = [
        summary.Point("The council has lost millions of dollars.", "the article", "author", "medium", False),
        summary.Point("the fund will lure investors", "The mayor", "government", "high", False),
        summary.Point("the deal was done", "claims emerged", "unattributed", "low", True),
    ]
    text = summary.compose(points, None)
    assert text == (
        "The council has lost millions of dollars. According to the mayor, the fund will attract investors."
    )


def test_summary_says_whose_claim_a_weak_own_voice_claim_is():
    points = [summary.Point("Losses topped 9,000 jobs.", "the article", "author", "low", False)]
    assert summary.compose(points, "The figures disagree.").startswith("The article says Losses")


def test_a_reported_sentence_continues_in_lower_case_after_its_source():
    points = [summary.Point("The council will vote in May.", "Mayor Ana Pereira", "government", "high", False)]
    assert summary.compose(points, None) == "According to Mayor Ana Pereira, the council will vote in May."
    # A name keeps its capital.
    points = [summary.Point("Okafor will vote against it.", "Mayor Ana Pereira", "government", "high", False)]
    assert summary.compose(points, None) == "According to Mayor Ana Pereira, Okafor will vote against it."
