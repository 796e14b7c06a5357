"""Chunking: splitting long articles, grounding in a chunk, merging the chunks' answers."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.backends.chat import budget, chunking, extraction
from newsdigest.errors import ContextFull
from newsdigest.text.article import from_text


def words(text: str) -> int:
    """A simple, exact token count for tests: one token per whitespace-separated word."""
    return len(text.split())


def paragraph(n: int, sentences: int, words_each: int = 8) -> str:
    return " ".join(
        f"Paragraph {n} sentence {i} says " + " ".join(["word"] * (words_each - 5)) + "."
        for i in range(1, sentences + 1)
    )


def article_of(*paragraphs: str):
    return from_text("\n\n".join(paragraphs))


def cost(chunk: chunking.Chunk) -> int:
    return sum(words(s.of(chunk.text)) + chunking.NUMBERING_TOKENS for s in chunk.sentences)


def test_chunks_cover_the_article_in_order_each_within_the_room():
    art = article_of(*(paragraph(n, 4) for n in range(1, 9)))
    chunks = chunking.split(art, room=60, count=words)
    assert len(chunks) > 1
    assert [s for c in chunks for s in c.sentences] == art.sentences
    assert all(cost(c) <= 60 for c in chunks)
    assert all(c.text == art.text for c in chunks)


def test_paragraphs_that_fit_are_not_cut():
    art = article_of(*(paragraph(n, 3) for n in range(1, 7)))  # 3 x 13 = 39 tokens a paragraph
    chunks = chunking.split(art, room=90, count=words)
    for chunk in chunks:
        first, last = chunk.sentences[0].of(art.text), chunk.sentences[-1].of(art.text)
        assert first.split()[2:4] == ["sentence", "1"]
        assert last.split()[2:4] == ["sentence", "3"]


def test_a_paragraph_larger_than_a_chunk_is_cut_at_sentences():
    art = article_of(paragraph(1, 12))
    chunks = chunking.split(art, room=40, count=words)
    assert len(chunks) == 4  # 12 sentences of 13 tokens, 3 to a chunk
    assert [s for c in chunks for s in c.sentences] == art.sentences


def test_a_sentence_larger_than_a_chunk_is_cut_at_spaces():
    long_sentence = " ".join(f"w{i}" for i in range(100)) + "."
    art = article_of(paragraph(1, 1), long_sentence)
    chunks = chunking.split(art, room=30, count=words)
    pieces = [s for c in chunks for s in c.sentences][1:]
    assert len(pieces) >= 4
    assert all(words(p.of(art.text)) + chunking.NUMBERING_TOKENS <= 30 for p in pieces)
    assert " ".join(p.of(art.text) for p in pieces) == long_sentence


@settings(max_examples=60, deadline=None)
@given(
    shape=st.lists(st.lists(st.integers(1, 30), min_size=1, max_size=6), min_size=1, max_size=8),
    room=st.integers(20, 120),
)
def test_split_invariants(shape, room):
    paragraphs = [
        " ".join("Sentence " + " ".join(["x"] * n) + "." for n in sizes) for sizes in shape
    ]
    art = article_of(*paragraphs)
    chunks = chunking.split(art, room=room, count=words)
    spans = [s for c in chunks for s in c.sentences]
    assert all(cost(c) <= room for c in chunks)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))  # in order, no overlap
    covered = "".join(art.text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == "".join(art.text[s.start : s.end] for s in art.sentences).replace(" ", "")


def test_plan_keeps_an_article_that_fits_whole():
    art = article_of(paragraph(1, 3))
    chunks = chunking.plan(art, count=words, n_ctx=1000, overhead=100, answer=500)
    assert len(chunks) == 1 and chunks[0].sentences == art.sentences


def test_plan_splits_what_does_not_fit_with_room_for_the_answer():
    art = article_of(*(paragraph(n, 4) for n in range(1, 9)))  # 8 x 52 tokens
    chunks = chunking.plan(art, count=words, n_ctx=700, overhead=100, answer=500)
    room = (700 - 100) // (1 + chunking.ANSWER_TOKENS_PER_ARTICLE_TOKEN)
    assert len(chunks) > 1 and all(cost(c) <= room for c in chunks)


def test_plan_says_when_the_context_cannot_hold_the_prompt():
    art = article_of(paragraph(1, 3))
    with pytest.raises(ContextFull, match="too small"):
        chunking.plan(art, count=words, n_ctx=300, overhead=290, answer=500)


def test_claims_grounded_in_the_last_chunk_point_into_the_whole_article():
    art = article_of(*(paragraph(n, 4) for n in range(1, 9)), 'The mayor said the bridge "will open in May".')
    last = chunking.split(art, room=60, count=words)[-1]
    local = len(last.sentences)  # the mayor's sentence, numbered as the model saw it
    answer = extraction.Extraction.model_validate(
        {
            "summary": "The mayor spoke.",
            "claims": [{
                "id": "c1", "text": "The bridge will open in May.", "sentences": [local],
                "quote": "will open in May", "source": "the mayor", "source_type": "person",
                "cue": "said", "mode": "direct_quote",
            }],
        },
        context=extraction.context(last),
    )
    claims, _, warnings = extraction.to_claims(chunking.merge([answer]))
    evidence = claims[0].evidence[0]
    assert not warnings and claims[0].grounded
    assert art.text[evidence.start : evidence.end] == evidence.quote == "will open in May"
    assert evidence.start == art.text.index("will open in May") > len(art.text) - 40


def raw_claim(cid: str, text: str, sentence: int, source: str = "the council") -> dict:
    return {"id": cid, "text": text, "sentences": [sentence], "quote": "", "source": source,
            "source_type": "organization", "cue": "said", "mode": "reported"}


def test_merge_numbers_claims_over_the_article_and_merges_repeats():
    art = article_of("The council said taxes rise. The council said fees fall.",
                     "Later the council said taxes rise. A critic said fees rise.")
    first, second = chunking.split(art, room=21, count=words)
    parts = [
        extraction.Extraction.model_validate({
            "summary": "One.", "claims": [raw_claim("c1", "Taxes rise.", 1), raw_claim("c2", "Fees fall.", 2)],
        }, context=extraction.context(first)),
        extraction.Extraction.model_validate({
            "summary": "Two.",
            "claims": [raw_claim("c1", "taxes rise", 1), raw_claim("c2", "Fees rise.", 2, "a critic")],
            "contradictions": [{"claims": ["c1", "c2"], "kind": "factual", "explanation": "x"}],
        }, context=extraction.context(second)),
    ]
    merged = chunking.merge(parts)
    assert [c.id for c in merged.claims] == ["c1", "c2", "c3"]
    assert [c.text for c in merged.claims] == ["Taxes rise.", "Fees fall.", "Fees rise."]
    # The repeat in the second chunk is merged into c1, and its contradiction follows it.
    assert merged.contradictions[0].claims == ["c1", "c3"]
    claims, contradictions, _ = extraction.to_claims(merged)
    quotes = [e.quote for e in claims[0].evidence]
    assert quotes == ["The council said taxes rise.", "Later the council said taxes rise."]
    assert all(art.text[e.start : e.end] == e.quote for c in claims for e in c.evidence)
    assert contradictions[0].claims == ["c1", "c3"]
    assert "contradicted by c3" in claims[0].confidence_reason


def test_cross_chunk_contradictions_are_added_once_and_lower_confidence():
    art = article_of("The council said taxes rise.", "A critic said taxes fall.")
    chunks = chunking.split(art, room=10, count=words)
    parts = [
        extraction.Extraction.model_validate({"summary": "s", "claims": [raw_claim("c1", "Taxes rise.", 1)]},
                                             context=extraction.context(chunks[0])),
        extraction.Extraction.model_validate({"summary": "s", "claims": [raw_claim("c1", "Taxes fall.", 1, "a critic")]},
                                             context=extraction.context(chunks[1])),
    ]
    merged = chunking.merge(parts)
    found = extraction.Combination.model_validate(
        {"summary": "s", "contradictions": [{"claims": ["c1", "c2"], "kind": "factual", "explanation": "x"}] * 2},
        context={"claim_ids": {"c1", "c2"}},
    )
    chunking.add_contradictions(merged, found.contradictions, found._dropped)
    claims, contradictions, _ = extraction.to_claims(merged)
    assert [c.claims for c in contradictions] == [["c1", "c2"]]
    assert claims[1].confidence_reason.endswith("contradicted by c1")


def test_a_combination_naming_unknown_claims_is_sent_back():
    with pytest.raises(ValueError, match="do not exist: c9"):
        extraction.Combination.model_validate(
            {"summary": "s", "contradictions": [{"claims": ["c1", "c9"], "kind": "numeric", "explanation": "x"}]},
            context={"claim_ids": {"c1", "c2"}},
        )


@pytest.mark.parametrize("n,room", [(1, 10), (7, 30), (25, 40), (40, 200)])
def test_covering_groups_put_every_pair_of_claims_together_within_the_room(n, room):
    costs = [(i % 5) + 3 for i in range(n)]
    groups = chunking.covering_groups(costs, room)
    assert all(sum(costs[i] for i in g) <= room for g in groups)
    together = {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}
    assert together == {frozenset(p) for p in itertools.combinations(range(n), 2)}


def test_halves_split_a_chunk_between_sentences():
    art = article_of(paragraph(1, 5))
    first, second = chunking.halves(chunking.whole(art))
    assert first.sentences + second.sentences == art.sentences and first.sentences and second.sentences


def test_fit_cuts_the_answer_to_the_room_left():
    seen = {}

    def create(**kwargs):
        seen.update(kwargs)
        return "answer"

    fitted = budget.fit(create, words, n_ctx=budget.TEMPLATE_TOKENS + 1000)
    messages = [{"role": "user", "content": "one two three"}]
    assert fitted(messages=messages, max_tokens=5000) == "answer"
    assert seen["max_tokens"] == 1000 - budget.PER_MESSAGE_TOKENS - 3
    fitted(messages=messages, max_tokens=100)
    assert seen["max_tokens"] == 100
    with pytest.raises(ContextFull, match="no room to answer"):
        fitted(messages=[{"role": "user", "content": "x " * 900}], max_tokens=100)


def test_estimate_over_counts_english_and_counts_each_non_ascii_character():
    english = "The council approved the budget on Tuesday after a long debate. " * 10
    assert budget.estimate_tokens(english) >= len(english) / 4
    assert budget.estimate_tokens("東京都の予算") >= 6


def test_covering_groups_cut_to_the_most_requests_bring_neighbouring_claims_together_first():
    costs = [5] * 40  # 8 bins of 5 claims in a room of 50: 28 groups to meet every pair
    every = chunking.covering_groups(costs, 50)
    first = chunking.covering_groups(costs, 50, most=6)
    assert len(every) == 28 and first == every[:6]
    assert all(max(g) - min(g) < 10 for g in first)  # two neighbouring bins each
    assert chunking.pairs_met(every) == 40 * 39 // 2 > chunking.pairs_met(first)
