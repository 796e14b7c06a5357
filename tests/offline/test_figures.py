"""Figures (numbers, units, what they count) and the numeric contradictions built on them."""

from __future__ import annotations

import pytest

from newsdigest.offline import contradictions, figures
from newsdigest.text import segment


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


@pytest.mark.parametrize(
    "sentence",
    [
        "Relatives of 9/11 victims met the senator.",
        "The hotline now runs 24/7.",
        "In a four-way race, she leads.",
        "He signed a 10-year lease.",
        "The Hawks beat the Lions 3-1.",
        "The survey was shown on Channel 4 last night.",
        "The vote is on 11 September.",
    ],
)
def test_numbers_that_are_not_quantities(sentence):
    assert figures.find(sentence) == []


def test_ranges_points_and_vague_plurals():
    between = only("Between 200 and 300 protesters gathered.")
    assert (between.low, between.high, between.counts) == (200, 300, "protesters")
    assert only("Support fell 6 percentage points.").unit == "points"
    assert only("Support is 6 percent.").unit == "percent"
    tens = only("The floods displaced tens of thousands of residents.")
    assert (tens.low, tens.high) == (10_000, 100_000)
    at_least = only("At least two states were hacked.")
    assert at_least.low == 2 and at_least.high == float("inf")


def test_a_change_and_its_ends_are_told_apart():
    start, end = figures.find("Fares will rise from $2 to $2.50 in January.")
    assert start.role == end.role == "endpoint"
    assert only("Sales rose 5 percent.").role == "change"
    assert only("Unemployment fell to 4.9 percent.").role == "endpoint"


def test_dates_of_one_time_events_conflict_and_other_dates_are_times():
    opened = figures.find("The bridge opened in 1998.")[0]
    assert opened.unit == "date" and opened.date == (1998, None, None, None)
    assert figures.conflict(opened, figures.find("The bridge opened in 2003.")[0])
    assert not figures.conflict(opened, figures.find("The new wing opened in 2012.")[0])
    employed = only("The company employed 5,000 people in 2010.")
    assert employed.when == {"2010"}
    assert not figures.conflict(employed, only("The company employed 3,200 people in 2015."))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("A Harlow poll shows Diaz at 46 percent.", "A Marist poll shows Diaz at 41 percent."),  # two polls
        ("Among women, 58 percent back the tax.", "Among men, 44 percent back the tax."),  # two groups
        ("Governor Reyes was endorsed by 95 mayors.", "Senator Blake was endorsed by 88 mayors."),  # two subjects
        ("The first phase cost $12 million.", "The second phase cost $30 million."),  # two things
        ("The stadium cost $450 million.", "The stadium will cost $620 million."),  # a result and a forecast
    ],
)
def test_look_alikes_are_not_the_same_quantity(first, second):
    assert not figures.same_quantity(only(first), only(second))


def test_a_run_on_unit_longer_than_any_sentence_gives_no_figures():
    run_on = "the council counted 40 votes and " * 80  # no sentence end anywhere
    assert len(run_on) > segment.MAX_ANALYSED_CHARS
    assert figures.find(run_on) == []
    assert [f.value for f in figures.find(run_on[:200] + ".")] == [40] * 6


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The city spent half a million dollars on the pier.", "half a million", 500_000),
        ("Nobody has a quarter of a million dollars to spare.", "a quarter of a million", 250_000),
        ("Two-thirds of a million voters stayed home.", "Two-thirds of a million", 2_000_000 / 3),
        ("Two and a half million people watched.", "Two and a half million", 2_500_000),
    ],
)
def test_a_part_of_a_number_is_read_as_that_part(sentence, text, value):
    found = only(sentence)
    assert found.text == text and found.value == pytest.approx(value)


def test_a_generic_noun_in_the_detail_does_not_make_two_figures_one_quantity():
    raised = figures.find("The two raised $350 million through the visa program for an array of projects.")
    needed = figures.find("You do not have to come up with a quarter of a million dollars for your kid.")
    stated = [contradictions.Stated("c1", "officials", raised), contradictions.Stated("c2", "the lawyer", needed)]
    assert contradictions.numeric(stated) == []


@pytest.mark.parametrize("text", [
    "They counted ſix soldiers and 5 tanks.",  # long s
    "A MİLLİON people and 5 tanks.",  # dotted capital I
    "Some two thırds of 5 tanks.",  # dotless i
    "Almoſt 6 tanks and 7 cars.",
])
def test_letters_that_unicode_folds_to_ascii_do_not_spell_numbers(text: str) -> None:
    # Unicode case-folding reads these as "six", "million", "thirds", "almost", words the number
    # tables cannot look up: reading them raised KeyError and lost the article.
    found = figures.find(text)
    assert [f.value for f in found if f.text.endswith(("5", "6", "7"))]  # the article's digits still read
    assert not any(letter in f.text for f in found for letter in "\u017f\u0130\u0131")


def test_a_figure_that_shares_its_key_with_no_other_is_never_read():
    found = figures.find("The fire killed 19 people. Sales rose 5 percent. The storm killed 21 people.")
    contradictions.numeric([contradictions.Stated("c1", "the mayor", found)])
    # Its sentence's reading (what the figure measures) is asked only of figures that may pair.
    assert ["reading" in fig.__dict__ for fig in found] == [True, False, True]
