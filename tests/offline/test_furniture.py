"""Page furniture: headlines, repeats, bylines, comment prompts, datelines, glued captions."""

from __future__ import annotations

import pytest

from newsdigest.offline import furniture
from newsdigest.text import segment


@pytest.mark.parametrize(
    "line",
    [
        "Click below to express your thoughts and views on this news:",
        "Click here to subscribe",
        "Share this article",
        "Follow us on Twitter",
        "Read the rest here.",
        "By Jane Doe and John Roe",
        "Related: Council votes on the budget",
        "© 2024 Example News. All rights reserved.",
        "Bryant Rousseau and Caryn Wilson contributed reporting.",
        "Ana Ruiz contributed reporting from Madrid.",
        "Ana Maria Ruiz, Bo Lind, and Caryn Wilson contributed reporting.",
        "The Morning Hour airs on Channel 4 weekdays from 6:00 a.m. to 9:00 a.m. Eastern.",
        "Editor’s note: This article has been updated with the mayor's response.",
    ],
)
def test_furniture_lines(line):
    assert furniture.is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council voted 7-2 to approve the budget.",
        "By the end of the year, the bridge will reopen.",
        "Readers can share their views at the town hall on Monday.",
        "Ruiz contributed $5,000 to the campaign, records show.",
        "The debate airs on Channel 4, the network said on Monday.",
        # A long headline in title case: a credit line's pattern once took minutes to turn it away.
        " ".join(["Big Cats Win"] * 8) + " Again",
    ],
)
def test_article_lines_are_not_furniture(line):
    assert not furniture.is_furniture_line(line)


def test_headline_and_its_repeat_are_skipped_but_not_the_body():
    text = "Council Approves Budget\n\nCouncil Approves Budget\n\nThe council approved the budget.\n\nShare this article"
    paras = segment.paragraphs(text)
    assert furniture.skipped_paragraphs(text, paras) == {0, 1, 3}


def test_markup_left_by_a_page_is_skipped_whatever_prose_it_holds():
    text = (
        "Bridge news\n\nThe council met on Monday.\n\n"
        '<tweet author=" that the bridge is safe, so we rate it True">Ruiz said the bridge is safe.<tweet/>\n\n'
        "The vote is on Friday.\n"
    )
    paragraphs = segment.paragraphs(text)
    assert furniture.skipped_paragraphs(text, paragraphs) == {0, 2}


def test_first_line_that_reads_as_a_sentence_is_not_a_headline():
    text = "The council approved the budget on Tuesday, after a long debate.\n\nIt takes effect in May."
    assert furniture.skipped_paragraphs(text, segment.paragraphs(text)) == set()


@pytest.mark.parametrize(
    ("paragraph", "body"),
    [
        ("Moscow/Bishkek – Russia has lost many soldiers.", "Russia has lost many soldiers."),
        ("WASHINGTON (AP) — The Senate passed the bill.", "The Senate passed the bill."),
        ("WASHINGTON ― The Senate passed the bill.", "The Senate passed the bill."),  # a horizontal bar
        ("LONDON, March 3 (Reuters) - Prices rose again.", "Prices rose again."),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Jill Stein was escorted off.", "Jill Stein was escorted off."),
        ("HEMPSTEAD, N.Y. ― If it worked against Romney, it might work.", "If it worked against Romney, it might work."),
    ],
)
def test_datelines_are_cut_from_the_sentence(paragraph, body):
    paras = segment.paragraphs(paragraph)
    datelines = furniture.datelines(paragraph, paras, set())
    start = furniture.body_start(paragraph, segment.sentences(paragraph)[0], datelines)
    assert paragraph[start:] == body


@pytest.mark.parametrize(
    "text", ["Trump – a businessman – ran for office.", "Mehmet Oz — surgeon and TV star — has been called a charlatan.",
             "Donald Trump, Jr. — the candidate's son — spoke first."]
)
def test_a_dash_after_a_name_in_mixed_case_is_not_a_dateline(text):
    assert furniture.datelines(text, segment.paragraphs(text), set()) == []


def test_a_caption_glued_onto_a_sentence_is_cut():
    text = "Ukraine conflictMoreover, the countries claim that losses rose."
    start = furniture.body_start(text, segment.sentences(text)[0], [])
    assert text[start:].startswith("Moreover, the countries")


@pytest.mark.parametrize(
    ("paragraph", "body"),
    [
        ("FLINT, Mich., Oct. 4 (UPI) — The mayor said the water was safe.", "The mayor said the water was safe."),
        ("RIVERTON - The council met on Tuesday.", "The council met on Tuesday."),
    ],
)
def test_a_dateline_after_a_headline_a_subheading_and_a_caption_is_cut_off(paragraph, body):
    text = f"Water crisis deepens.\n\nIn her words,.\n\nResidents wait for answers.\n\n{paragraph}\n"
    paras = segment.paragraphs(text)
    found = furniture.datelines(text, paras, set())
    assert [text[d.end : paras[-1].end] for d in found] == [body]


@pytest.mark.parametrize(
    "line",
    [
        "[Video: FULL SPEECH: The mayor on the budget (9/17/16) Watch on YouTube.]",
        "Frustration with police: Activists say officers have been too aggressive.  A6.",
    ],
)
def test_a_media_caption_and_a_teaser_for_another_page_are_furniture(line):
    assert furniture.is_furniture_line(line)
