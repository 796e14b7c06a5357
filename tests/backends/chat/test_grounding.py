"""Finding quotes in article text: exact, normalised, fuzzy within cited sentences."""

from __future__ import annotations

from newsdigest.backends.chat import grounding
from newsdigest.backends.chat.extraction import ground
from newsdigest.text import article

TEXT = (
    "Mayor Ana Pereira said the budget \u201cprotects every frontline service.\u201d\n"
    "Council member Tom Okafor said the library loses $2.1 million.\n"
)


def test_exact_quote_is_found_at_its_offsets():
    m = grounding.locate(TEXT, "the library loses $2.1 million")
    assert m and m.method == "exact"
    assert TEXT[m.start : m.end] == "the library loses $2.1 million"


def test_straight_quotes_case_and_spacing_are_normalised_to_the_real_span():
    m = grounding.locate(TEXT, 'the budget "Protects  every frontline service."')
    assert m and m.method == "normalized"
    assert TEXT[m.start : m.end] == "the budget \u201cprotects every frontline service.\u201d"


def test_close_paraphrase_is_matched_only_inside_the_cited_sentence():
    doc = article.from_text(TEXT)
    okafor = doc.sentences[1]
    m = grounding.locate(TEXT, "Tom Okafor said the library lost $2.1 million", [okafor])
    assert m and m.method == "fuzzy"
    assert okafor.start <= m.start < m.end <= okafor.end
    assert grounding.locate(TEXT, "Tom Okafor said the library lost $2.1 million") is None


def test_invented_quote_is_not_found():
    assert grounding.locate(TEXT, "the council will raise taxes", article.from_text(TEXT).sentences) is None


def test_claim_grounding_uses_sentence_numbers_and_narrows_to_a_found_quote():
    doc = article.from_text(TEXT)
    evidence, problem = ground(doc, [2], "")
    assert problem is None and evidence[0].quote == doc.sentences[1].of(TEXT)
    evidence, problem = ground(doc, [2], "[2]")  # the model cites by number in the quote field
    assert problem is None and evidence[0].quote == doc.sentences[1].of(TEXT)
    evidence, problem = ground(doc, [2], "library loses $2.1 million")
    assert problem is None and evidence[0].quote == "library loses $2.1 million"
    assert TEXT[evidence[0].start : evidence[0].end] == evidence[0].quote


def test_claim_grounding_explains_what_to_fix():
    doc = article.from_text(TEXT)
    _, problem = ground(doc, [7], "")
    assert problem and "use numbers 1 to 2" in problem
    _, problem = ground(doc, [1], "the council will raise taxes")
    assert problem and "is not in sentence(s) [1]" in problem
    _, problem = ground(doc, [], "")
    assert problem and "cite at least one sentence" in problem


def test_a_miscounted_sentence_number_is_recounted_from_the_claim_text():
    doc = article.from_text(TEXT)
    # The claim restates sentence 2, but the model cited sentence 1.
    evidence, problem = ground(doc, [1], "", "Tom Okafor said the library loses $2.1 million")
    assert problem is None and evidence[0].quote == doc.sentences[1].of(TEXT)
    # A claim that matches its cited sentence keeps it, even if worded differently.
    evidence, _ = ground(doc, [1], "", "Pereira praised the budget for protecting frontline services")
    assert evidence[0].quote == doc.sentences[0].of(TEXT)


def test_the_fuzzy_search_for_a_long_invented_quote_in_a_long_sentence_is_bounded(monkeypatch):
    """A 300-word quote that is not in the article, citing a 2,500-word sentence, took 205 s."""
    import difflib
    import random

    rng = random.Random(7)
    vocabulary = "the council said budget would rise taxes mayor police report city water plan year state".split()
    sentence = " ".join(rng.choice(vocabulary) for _ in range(2500)) + "."
    quote = " ".join(rng.choice(vocabulary) for _ in range(300))
    compared = []
    full_comparison = difflib.SequenceMatcher.ratio

    def counted(matcher):
        compared.append(len(matcher.a) * len(matcher.b))
        assert sum(compared) < 20 * 2000 * 2000, "the search is not bounded"  # 20 full comparisons of 2,000 chars
        return full_comparison(matcher)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    doc = article.from_text(sentence)
    assert grounding.locate(sentence, quote, doc.sentences) is None
    assert compared  # it did search, within its budget
