"""Loaded words: warned about with offsets, and never reworded in newsdigest's own text."""

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


def test_a_sentence_with_a_loaded_word_is_left_out_not_reworded():
    from newsdigest.text import article
    from newsdigest.backends.offline import OfflineBackend
    from newsdigest.prompts import PromptStore

    text = (
        "Council approves harbour budget\n\n"
        "The council approved the harbour budget on Tuesday after a long debate.\n"
        "The mayor said the fund would lure investors from abroad next year.\n"
        "The treasurer said the fund would pay for itself within ten years.\n"
    )
    summary_text = OfflineBackend().analyze(article.from_text(text), PromptStore(), "extract").summary
    assert "The treasurer said the fund would pay for itself within ten years." in summary_text
    assert "mayor" not in summary_text and "attract" not in summary_text  # left out, not reworded


def test_the_lead_goes_on_in_lower_case_after_the_headline_s_source_but_a_name_keeps_its_capital():
    def lead(sentence: str) -> str:
        point = summary.Point(sentence, sentence, "the article", "author", "high")
        return summary.compose([point], "Harbour vote set for May, Mayor Ana Pereira says", None)

    assert lead("The council will vote on the harbour in May.") == (
        "According to Mayor Ana Pereira, the council will vote on the harbour in May.")
    assert lead("Okafor will vote against the harbour plan in May.") == (
        "According to Mayor Ana Pereira, Okafor will vote against the harbour plan in May.")
