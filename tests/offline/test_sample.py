"""The offline engine on the shared sample article: each behaviour the issue names, checked."""

from __future__ import annotations

import re

import pytest

from newsdigest import pipeline
from newsdigest.offline import confidence
from newsdigest.backends.offline import OfflineBackend
from newsdigest.prompts import PromptStore
from newsdigest.schema import ArticleDigest, Claim
from newsdigest.text import article

LEVEL = {"low": 0, "medium": 1, "high": 2}


@pytest.fixture(scope="module")
def digest(request) -> ArticleDigest:
    from conftest import SAMPLE, need

    return pipeline.summarize(article.load(str(need(SAMPLE))), OfflineBackend(), PromptStore())


def claim_with(digest: ArticleDigest, words: str) -> Claim:
    found = [c for c in digest.claims if words in c.evidence[0].quote]
    assert len(found) == 1, f"expected one claim quoting {words!r}, got {[c.id for c in found]}"
    return found[0]


def test_enough_claims_all_grounded_verbatim(digest):
    text = article.load(str(digest.article.source)).text
    assert len(digest.claims) >= 10
    for c in digest.claims:
        assert c.grounded
        assert all(text[e.start : e.end] == e.quote for e in c.evidence)


def test_medvedev_statements_attributed_to_him(digest):
    for words in ("recruiting 280,000 people", "most of these people will be a part of the reserve forces"):
        claim = claim_with(digest, words)
        assert "Medvedev" in claim.attribution.source
        assert claim.attribution.source_type == "person"


def test_500000_figure_attributed_to_western_agencies_and_media(digest):
    claim = claim_with(digest, "about 500,000 soldiers")
    assert claim.attribution.source == "Western intelligence agencies and media"
    assert claim.attribution.mode == "reported"


def test_millions_lost_in_the_articles_own_voice(digest):
    claim = claim_with(digest, "Russia has lost millions of soldiers")
    assert claim.attribution.source_type == "author"
    assert claim.attribution.mode == "author_assertion"


def test_numeric_contradiction_between_millions_and_500000(digest):
    millions = claim_with(digest, "lost millions of soldiers").id
    half_million = claim_with(digest, "about 500,000 soldiers").id
    numeric = [c for c in digest.contradictions if c.kind == "numeric"]
    assert any(set(c.claims) == {millions, half_million} for c in numeric), digest.contradictions


@pytest.mark.parametrize(
    ("words", "hedge"),
    [
        ("Russia seems to have increased", "seems"),
        ("Russia seems to have turned", "seems"),
        ("It appears that Russia", "it appears"),
        ("claims emerged that some troops", "claims emerged"),
    ],
)
def test_hedged_sentences_lose_confidence(digest, words, hedge):
    claim = claim_with(digest, words)
    assert hedge in claim.hedges
    assert "hedged" in claim.confidence_reason
    assert claim.confidence == "low"
    unhedged, _ = confidence.assess(claim.attribution.source_type, claim.attribution.mode, [], [])
    # Hedging costs a level, except where the sourcing alone is already the lowest ("claims emerged").
    assert LEVEL[claim.confidence] < LEVEL[unhedged] or claim.attribution.source_type == "unattributed"


def test_comment_box_headline_and_dateline_are_not_claims(digest):
    quotes = [e.quote for c in digest.claims for e in c.evidence]
    assert not any("express your thoughts" in q for q in quotes)
    assert not any(q.startswith("Russia recruits mercenaries") for q in quotes)  # headline and its repeat
    assert not any("Moscow/Bishkek" in q for q in quotes)
    assert not any("Moscow" in c.attribution.source or "Bishkek" in c.attribution.source for c in digest.claims)


def test_loaded_words_warned_with_offsets_and_kept_out_of_summary(digest):
    text = article.load(str(digest.article.source)).text
    loaded = [w for w in digest.warnings if w.kind == "loaded_language"]
    words = {text[w.start : w.end].lower() for w in loaded}
    assert {"lure", "propaganda", "mercenaries"} <= words
    for word in ("lure", "propaganda", "mercenar"):
        assert word not in digest.summary.lower()


def test_summary_keeps_attribution_of_reported_claims(digest):
    assert "According to" in digest.summary
    assert "500,000" in digest.summary or "Western" in digest.summary


def test_provenance_names_the_rules(digest):
    p = digest.provenance
    assert (p.backend, p.prompt.name) == ("offline", "offline-rules")
    assert p.model == f"rules-{p.prompt.version}"
    assert len(p.prompt.sha256) == 64


def test_summary_opens_with_the_headlines_news_the_recruitment(digest):
    lead = digest.summary.split(". ")[0]
    assert "recruitment" in lead and "Kazakhstan" in lead and "Armenia" in lead
    assert lead.startswith("According to Western media")  # as the headline attributes it


def test_summary_uses_no_word_the_article_does_not(digest):
    """Nothing a source said is reworded ("propaganda" never becomes "publicity")."""
    text = article.load(str(digest.article.source)).text.lower()
    own = {"according", "to", "the", "figures", "disagree", "against", "article"}
    words = set(re.findall(r"[a-z]+", digest.summary.lower())) - own
    assert {w for w in words if w not in text} == set()


@pytest.mark.parametrize(
    "words", ["the Western countries claim", "A report released by the Western media"]
)
def test_vague_collectives_are_not_rated_high(digest, words):
    claim = claim_with(digest, words)
    assert claim.confidence != "high"
    assert claim.attribution.source_type != "author"
