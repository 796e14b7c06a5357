"""Figures (numbers, units, what they count) and the numeric contradictions built on them."""

from __future__ import annotations

import pytest

from newsdigest.offline import contradictions, figures


def only(sentence: str) -> figures.Figure:
    found = figures.find(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "counts"),
    [
        ("The army has lost about 500,000 soldiers.", 500_000, None, "soldiers"),
        ("The city hired 280,000 people last year.", 280_000, None, "people"),
        ("Each recruit was offered $5,000 to sign.", 5_000, "USD", None),
        ("Five thousand dollars were offered to each recruit.", 5_000, "USD", None),
        ("The force will grow to 1.5 million troops.", 1_500_000, None, "troops"),
        ("Talks went on for eight months.", 8, "month", None),
        ("Turnout fell 12 percent in the district.", 12, "percent", None),
        ("Twenty-five families were moved.", 25, None, "families"),
    ],
)
def test_value_unit_and_what_is_counted(sentence, value, unit, counts):
    fig = only(sentence)
    assert (fig.value, fig.unit, fig.counts) == (value, unit, counts)
    assert sentence[fig.start : fig.end] == fig.text


def test_vague_magnitudes_and_approximations_are_ranges():
    millions = only("The war has cost millions of lives.")
    assert millions.low >= 2_000_000 and millions.counts == "lives"
    about = only("The war has cost about 500,000 lives.")
    assert about.low < 500_000 < about.high


@pytest.mark.parametrize(
    "sentence",
    ["The vote is on Sept. 11 at 7 p.m.", "The law passed in 2016.", "She finished 3rd in the race."],
)
def test_dates_times_years_and_ordinals_are_not_figures(sentence):
    assert figures.find(sentence) == []


def test_offsets_index_the_whole_text_when_given_a_range():
    text = "Intro line.\nThe army has lost 40,000 tanks."
    fig = figures.find(text, 12, len(text))[0]
    assert text[fig.start : fig.end] == "40,000"


def test_same_quantity_needs_the_same_thing_and_a_shared_context_word():
    lost = only("Russia has lost millions of soldiers.")
    assert figures.same_quantity(lost, only("Officials say Russia lost about 500,000 soldiers."))
    assert not figures.same_quantity(lost, only("Russia recruited 500,000 soldiers."))
    assert not figures.same_quantity(lost, only("Russia has lost 500,000 tanks."))


def test_conflict_only_when_the_ranges_cannot_both_hold():
    millions = only("The region has lost millions of jobs.")
    assert figures.conflict(millions, only("The region has lost about 500,000 jobs."))
    assert not figures.conflict(only("The region lost about 300,000 jobs."), only("The region lost 280,000 jobs."))
    assert figures.conflict(only("The region lost 300,000 jobs."), only("The region lost 280,000 jobs."))


def test_numeric_contradiction_names_both_claims():
    a = contradictions.Stated("c1", "the article", figures.find("The region has lost millions of jobs."))
    b = contradictions.Stated("c2", "the union", figures.find("The region has lost about 500,000 jobs."))
    c = contradictions.Stated("c3", "the mayor", figures.find("The region has 40 parks."))
    found = contradictions.numeric([a, b, c])
    assert [x.contradiction().claims for x in found] == [["c1", "c2"]]
    assert "500,000" in found[0].contradiction().explanation and "millions" in found[0].sentence()
