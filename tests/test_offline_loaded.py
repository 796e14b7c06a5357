"""Loaded words: warned about with offsets, and never reworded in newsdigest's own text."""

from __future__ import annotations

from newsdigest.offline import loaded, summary
from newsdigest.segment import Span


def test_loaded_words_found_with_offsets_and_neutral_alternatives():
    text = "The regime used propaganda to lure mercenaries."
    found = loaded.find(text, [Span(0, len(text))])
    assert [(w.word, w.neutral) for w in found] == [
        ("regime", "government"), ("propaganda", "publicity"), ("lure", "attract"), ("mercenaries", "foreign fighters"),
    ]
    assert all(text[w.start : w.end] == w.word for w in found)


def point(sentence: str, source: str, source_type: str, confidence: str = "high") -> summary.Point:
    return summary.Point(sentence, sentence, source, source_type, confidence)


def test_a_sentence_with_a_loaded_word_is_left_out_not_reworded():
    points = [
        point("The council approved the harbour budget on Tuesday.", "the article", "author", "medium"),
        point("The mayor said the fund would lure investors from abroad.", "The mayor", "government"),
        point("The treasurer said the fund would pay for itself within ten years.", "The treasurer", "government"),
    ]
    text = summary.compose(points, "Council approves harbour budget", None)
    assert "lure" not in text and "attract" not in text
    assert "The treasurer said the fund would pay for itself" in text
