"""Loaded words: warned about with offsets, and never reworded in newsdigest's own text."""

from __future__ import annotations

from newsdigest.offline import loaded
from newsdigest.segment import Span


def test_loaded_words_found_with_offsets_and_neutral_alternatives():
    text = "The regime used propaganda to lure mercenaries."
    found = loaded.find(text, [Span(0, len(text))])
    assert [(w.word, w.neutral) for w in found] == [
        ("regime", "government"), ("propaganda", "publicity"), ("lure", "attract"), ("mercenaries", "foreign fighters"),
    ]
    assert all(text[w.start : w.end] == w.word for w in found)


def test_a_sentence_with_a_loaded_word_is_left_out_not_reworded():
    from newsdigest import article
    from newsdigest.offline.engine import OfflineEngine
    from newsdigest.prompts import PromptStore

    text = (
        "Council approves harbour budget\n\n"
        "The council approved the harbour budget on Tuesday after a long debate.\n"
        "The mayor said the fund would lure investors from abroad next year.\n"
        "The treasurer said the fund would pay for itself within ten years.\n"
    )
    summary_text = OfflineEngine().analyze(article.from_text(text), PromptStore(), "extract").summary
    assert "lure" not in summary_text and "attract" not in summary_text
    assert "The treasurer said the fund would pay for itself" in summary_text
