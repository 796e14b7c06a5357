"""Phrases: whole-word phrase search over stretches of one text, read once per text."""

from __future__ import annotations

from newsdigest.offline import lexicon


def hits(phrases: lexicon.Phrases, text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [hit.text for hit in phrases.finditer(text, start, end)]


def test_whole_words_only_longest_phrase_first_and_inner_words_not_again():
    phrases = lexicon.Phrases(["it appears", "appears", "said"], ignore_case=True)
    text = "It appears the unsaid plan, Said-Ali said, appears sound."
    assert hits(phrases, text) == ["It appears", "said", "appears"]  # not "unsaid" or "Said-Ali"


def test_a_stretch_sees_only_its_own_words_and_a_phrase_it_cuts_is_not_whole():
    phrases = lexicon.Phrases(["told reporters", "said"], ignore_case=False)
    text = "Ruiz said it. Lopez told reporters so. Mays said no."
    second = text.index("Lopez")
    assert hits(phrases, text, second, text.index(" Mays")) == ["told reporters"]
    assert hits(phrases, text, second, text.index("reporters") + 3) == []
    assert hits(phrases, text, text.index("sa"), text.index("sa") + 4) == ["said"]


def test_one_phrase_list_serves_many_texts_in_turn():
    phrases = lexicon.Phrases(["warned"], ignore_case=True)
    texts = [f"Officials {'WARNED' if i % 2 else 'agreed'} on day {i}." for i in range(12)]
    for _ in range(2):  # more texts than it keeps read, asked about again
        assert [bool(hits(phrases, t)) for t in texts] == [i % 2 == 1 for i in range(12)]
