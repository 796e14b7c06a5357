"""The hybrid extraction's merge: the engine's draft, the model's answer, and what code checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from newsdigest.backends.chat import chunking, hybrid
from newsdigest.offline import engine
from newsdigest.backends.chat.extraction import to_claims
from newsdigest.text.article import Article, from_text

TEXT = (
    "Council approves budget\n\n"
    "The budget is 5 million dollars, the council decided on Tuesday. Mayor Dana Ruiz said the budget was fair. "
    "She said it would pay for 300 new teachers. Critics said the budget was really 8 million dollars. "
    "The vote, everyone agreed, was close.\n\nClick here to comment on this story.\n"
)
# Sentences: [1] headline, [2] council (5 million), [3] Ruiz, [4] She (300), [5] Critics (8 million),
# [6] the vote, [7] the comment line.


@pytest.fixture
def article() -> Article:
    return from_text(TEXT)


def merged(article: Article, *, strict: bool = True, context: dict | None = None, **answer):
    ctx = context or hybrid.context(article, hybrid.draft(article, engine.read(article)))
    body = {"corrections": [], "missed": [], "texts": [], "contradictions": [], "summary": "A summary.", **answer}
    completion = hybrid.Completion.model_validate(body, context={**ctx, "strict": strict})
    return to_claims(completion.extraction)


def by_sentence(article: Article, claims, number: int):
    span = article.sentences[number - 1]
    return next(c for c in claims if any(span.start <= e.start < span.end for e in c.evidence))


def test_the_prompt_shows_each_sentence_with_the_engines_reading(article):
    lines = hybrid.numbered(article, hybrid.draft(article, engine.read(article))).splitlines()
    assert lines[0] == "[1] Council approves budget" and lines[1] == "    draft: not a claim"
    assert lines[4] == "[3] Mayor Dana Ruiz said the budget was fair."
    assert lines[5] == '    draft: source "Mayor Dana Ruiz" | cue "said" | reported'
    assert "figures: 5 million" in lines[3]


def test_an_empty_answer_keeps_the_draft_grounded_with_the_engine_as_origin(article):
    claims, contradictions, warnings = merged(article)
    assert [c.attribution.origin for c in claims] == ["engine"] * len(claims) and len(claims) == 5
    for claim in claims:
        assert claim.grounded and all(TEXT[e.start : e.end] == e.quote for e in claim.evidence)
    # The engine's numeric contradiction follows its claims to their new ids.
    (found,) = contradictions
    assert found.kind == "numeric" and set(found.claims) == {
        by_sentence(article, claims, 2).id, by_sentence(article, claims, 5).id}
    assert warnings == []


def test_a_correction_in_the_articles_words_is_taken_as_model_corrected(article):
    claims, _, _ = merged(article, corrections=[{"sentence": 6, "source": "everyone", "cue": "agreed", "mode": "reported"}])
    vote = by_sentence(article, claims, 6)
    assert (vote.attribution.source, vote.attribution.cue, vote.attribution.origin) == ("everyone", "agreed", "model-corrected")
    assert by_sentence(article, claims, 3).attribution.origin == "engine"


def test_a_pronoun_may_be_resolved_to_a_name_the_article_uses(article):
    claims, _, _ = merged(article, corrections=[{"sentence": 4, "source": "Ruiz Dana"}])
    assert by_sentence(article, claims, 4).attribution.source == "Ruiz Dana"


@pytest.mark.parametrize("source,reason", [
    ("Governor Lee", "is not in the article"),
    ("she", "is a pronoun"),
    ("the people who spoke at the meeting on the budget of the city", "is not a name"),
])
def test_a_source_that_is_not_the_articles_is_asked_again_then_left_with_a_warning(article, source, reason):
    correction = {"corrections": [{"sentence": 6, "source": source}]}
    with pytest.raises(ValidationError, match=reason):
        merged(article, **correction)
    ctx = hybrid.context(article, hybrid.draft(article, engine.read(article)))
    with pytest.raises(ValidationError):  # the first answer of a request is told what was wrong ...
        merged(article, context=ctx, **correction)
    claims, _, warnings = merged(article, context=ctx, **correction)  # ... the next is not asked again
    assert by_sentence(article, claims, 6).attribution.source == "the article"
    assert by_sentence(article, claims, 6).attribution.origin == "engine"
    assert [w.kind for w in warnings] == ["model_reading_rejected"] and reason in warnings[0].message


def test_a_pronoun_cannot_stand_for_a_name_in_a_sentence_without_one(article):
    with pytest.raises(ValidationError, match="'Council Tuesday' is not in the article"):
        merged(article, corrections=[{"sentence": 6, "source": "Council Tuesday"}])


def test_not_a_claim_drops_the_drafted_claim(article):
    claims, contradictions, _ = merged(article, corrections=[{"sentence": 6, "not_a_claim": True}])
    assert len(claims) == 4 and all("vote" not in c.text for c in claims)
    assert len(contradictions) == 1


def test_a_missed_claim_is_grounded_on_its_sentences_with_the_model_as_origin(article):
    claims, _, _ = merged(article, missed=[{"sentences": [7], "source": "author", "mode": "author_assertion"}])
    added = by_sentence(article, claims, 7)
    span = article.sentences[6]
    assert added.attribution.origin == "model" and added.attribution.source == "the article"
    assert [(e.start, e.end) for e in added.evidence] == [(span.start, span.end)] and added.grounded
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]


def test_a_missed_claim_on_a_drafted_sentence_corrects_the_draft(article):
    claims, _, _ = merged(article, missed=[{"sentences": [6], "source": "everyone", "cue": "agreed", "mode": "reported"}])
    assert len(claims) == 5 and by_sentence(article, claims, 6).attribution.origin == "model-corrected"


def test_claim_text_is_taken_only_where_it_restates_its_sentence(article):
    claims, _, _ = merged(article, texts=[{"sentence": 4, "text": "Dana Ruiz said the budget would pay for 300 new teachers."}])
    assert by_sentence(article, claims, 4).text == "Dana Ruiz said the budget would pay for 300 new teachers."
    with pytest.raises(ValidationError, match="leaves out most of the sentence's words"):
        merged(article, texts=[{"sentence": 4, "text": "Taxes will rise next year."}])


def test_contradictions_must_name_two_claims_and_numeric_ones_two_figures(article):
    claims, contradictions, _ = merged(article, contradictions=[
        {"sentences": [3, 5], "kind": "framing", "explanation": "fair against too high"}])
    assert {frozenset(c.claims) for c in contradictions} == {
        frozenset({by_sentence(article, claims, 2).id, by_sentence(article, claims, 5).id}),
        frozenset({by_sentence(article, claims, 3).id, by_sentence(article, claims, 5).id}),
    }
    for bad, reason in [
        ([1, 5], "names sentences that hold claims"),
        ([5, 5], "needs two distinct claims"),
        ([3, 5], "both state a figure"),
        ([2, 40], "are not in the article"),
    ]:
        kind = "numeric" if bad == [3, 5] else "factual"
        with pytest.raises(ValidationError, match=reason):
            merged(article, contradictions=[{"sentences": bad, "kind": kind, "explanation": "x"}])
    _, contradictions, warnings = merged(
        article, strict=False, contradictions=[{"sentences": [3, 5], "kind": "numeric", "explanation": "x"}])
    assert len(contradictions) == 1 and [w.kind for w in warnings] == ["invalid_contradiction"]


def test_a_chunk_is_shown_only_the_claims_that_start_in_it(article):
    reading = engine.read(article)
    first, second = (chunking.Chunk(id=article.id, source=article.source, text=article.text, spans=tuple(spans))
                     for spans in (article.sentences[:3], article.sentences[3:]))
    assert len(hybrid.draft(first, reading).suggestions) == 2
    later = hybrid.draft(second, reading)
    assert len(later.suggestions) == 3 and later.contradictions == ()  # its other claim is in the first chunk
    lines = hybrid.numbered(second, later).splitlines()
    assert lines[0] == "[1] She said it would pay for 300 new teachers."


def test_a_summary_that_repeats_a_sentence_says_it_once(article):
    ctx = hybrid.context(article, hybrid.draft(article, engine.read(article)))
    body = {"corrections": [], "missed": [], "texts": [], "contradictions": [],
            "summary": "The council approved a budget. The council approved a budget. Critics disagree."}
    completion = hybrid.Completion.model_validate(body, context=ctx)
    assert completion.extraction.summary == "The council approved a budget. Critics disagree."


def test_the_engines_contradiction_across_two_chunks_is_named_by_the_merged_claims(article):
    reading = engine.read(article)
    assert len(reading.contradictions) == 1, "5 million against 8 million dollars"
    chunks = [chunking.Chunk(id=article.id, source=article.source, text=article.text, spans=tuple(spans))
              for spans in (article.sentences[:3], article.sentences[3:])]
    merged = chunking.merge([hybrid.draft_only(chunk, reading) for chunk in chunks])
    assert merged.contradictions == []  # each chunk's draft holds only its own
    found = hybrid.across_chunks(reading, merged)
    by_id = {c.id: c for c in merged.claims}
    assert len(found) == 1 and found[0].kind == "numeric"
    quotes = sorted(by_id[i]._evidence[0].quote for i in found[0].claims)
    assert "5 million" in quotes[1] and "8 million" in quotes[0]
    assert all(i in found[0].explanation for i in found[0].claims)
