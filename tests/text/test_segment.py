"""Sentence and paragraph offsets."""

from __future__ import annotations

from newsdigest.text import segment


def test_sentences_keep_offsets_and_skip_abbreviations_and_initials():
    text = ("Sen. J. Smith met U.S. officials on Sept. 11. He said it went well, said Del. Ana Ruiz."
            "\n\nA second paragraph.")
    spans = segment.sentences(text)
    assert [s.of(text) for s in spans] == [
        "Sen. J. Smith met U.S. officials on Sept. 11.",
        "He said it went well, said Del. Ana Ruiz.",
        "A second paragraph.",
    ]


def test_an_abbreviation_after_other_whitespace_than_a_space_is_one():
    # A no-break space, a tab: the word before the period starts after them as after a space.
    text = "It was signed by\u00a0Gov. Ana Ruiz and\tSen. Lee Park. They met\u00a0Ruiz. Park left."
    assert [s.of(text) for s in segment.sentences(text)] == [
        "It was signed by\u00a0Gov. Ana Ruiz and\tSen. Lee Park.",
        "They met\u00a0Ruiz.",
        "Park left.",
    ]


def test_a_closing_mark_that_opens_a_quotation_hides_no_abbreviation():
    text = "\u201dMr. Trump is wrong. He is.\u201d \u2015 Ana Ruiz"
    assert [s.of(text) for s in segment.sentences(text)] == ["\u201dMr. Trump is wrong.", "He is.\u201d \u2015 Ana Ruiz"]


def test_sentences_never_cross_a_line_break_and_closing_quotes_stay_with_their_sentence():
    text = "Headline without a period\n\u201cWe won,\u201d she said. \u201cAgain.\u201d Then she left."
    assert [s.of(text) for s in segment.sentences(text)] == [
        "Headline without a period",
        "\u201cWe won,\u201d she said.",
        "\u201cAgain.\u201d",
        "Then she left.",
    ]


def test_a_quotation_opened_by_two_apostrophes_starts_a_sentence():
    text = "The minister argues the port needs money. ''We must act now,'' she said."
    assert [s.of(text) for s in segment.sentences(text)] == [
        "The minister argues the port needs money.",
        "''We must act now,'' she said.",
    ]


def test_a_paragraph_wrapped_by_hand_is_one_paragraph():
    text = (
        "Editor\u2019s note: the mayor regularly\nskips\ncouncil meetings, critics say,\nand rarely explains why.\n"
        "A headline without a full stop\nA line that opens in capitals.\nthe end of a sentence\n\nafter a blank line\n"
    )
    assert [p.of(text) for p in segment.paragraphs(text)] == [
        "Editor\u2019s note: the mayor regularly\nskips\ncouncil meetings, critics say,\nand rarely explains why.",
        "A headline without a full stop",
        "A line that opens in capitals.",
        "the end of a sentence",
        "after a blank line",
    ]
