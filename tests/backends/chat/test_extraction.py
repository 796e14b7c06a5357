"""The model-facing schema: grounding validators in strict (re-ask) and lenient (salvage) mode."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from newsdigest.backends.chat.extraction import Extraction, context, to_claims
from newsdigest.text import article

TEXT = (
    "Officials say the bridge will reopen in May.\n"
    "The contractor said the work may take until August.\n"
    "It appears the budget has doubled.\n"
)


def answer(**overrides) -> str:
    data = {
        "summary": "Officials and the contractor disagree on when the bridge reopens.",
        "claims": [
            {"id": "c1", "text": "The bridge will reopen in May.", "sentences": [1], "quote": "",
             "source": "Officials", "source_type": "government", "cue": "say", "mode": "reported", "hedges": []},
            {"id": "c2", "text": "Work may take until August.", "sentences": [2],
             "quote": "the work may take until August", "source": "The contractor",
             "source_type": "organization", "cue": "said", "mode": "reported", "hedges": ["may", "surely"]},
            {"id": "c3", "text": "The budget has doubled.", "sentences": [3], "quote": "[3]",
             "source": "author", "source_type": "author", "cue": "", "mode": "reported", "hedges": ["It appears"]},
        ],
        "contradictions": [{"claims": ["c1", "c2"], "kind": "temporal", "explanation": "May vs August."}],
    }
    data.update(overrides)
    return json.dumps(data)


def test_valid_answer_becomes_grounded_claims_with_code_computed_confidence():
    doc = article.from_text(TEXT)
    parsed = Extraction.model_validate_json(answer(), context=context(doc))
    claims, contradictions, warnings = to_claims(parsed)
    assert warnings == []
    assert all(c.grounded for c in claims)
    for c in claims:
        for e in c.evidence:
            assert TEXT[e.start : e.end] == e.quote
    assert claims[1].evidence[0].quote == "the work may take until August"
    assert claims[1].hedges == ["may"]  # "surely" is not in the sentence: dropped
    assert claims[2].attribution.mode == "author_assertion" and claims[2].attribution.source == "the article"
    assert claims[2].confidence == "low" and "hedged" in claims[2].confidence_reason
    # "Officials" is a vague collective (medium at most), and contradicted: low.
    assert claims[0].confidence == "low" and "contradicted by c2" in claims[0].confidence_reason
    assert "vague" in claims[0].confidence_reason
    assert contradictions[0].claims == ["c1", "c2"]


def test_strict_mode_rejects_an_ungroundable_quote_with_a_message_for_the_model():
    doc = article.from_text(TEXT)
    bad = json.loads(answer())
    bad["claims"][1]["quote"] = "the work will be finished by Christmas"
    with pytest.raises(ValidationError, match=r"claim c2: quote .* is not in sentence\(s\) \[2\]"):
        Extraction.model_validate_json(json.dumps(bad), context=context(doc))


def test_lenient_mode_keeps_the_claim_as_unverified_with_a_warning():
    doc = article.from_text(TEXT)
    bad = json.loads(answer())
    bad["claims"][1]["quote"] = "the work will be finished by Christmas"
    parsed = Extraction.model_validate_json(json.dumps(bad), context=context(doc, strict=False))
    claims, _, warnings = to_claims(parsed)
    assert [c.grounded for c in claims] == [True, False, True]
    assert claims[1].evidence == []
    assert any(w.kind == "ungrounded_claim" and w.message.startswith("c2:") for w in warnings)


def test_contradictions_must_name_existing_distinct_claims():
    doc = article.from_text(TEXT)
    bad = answer(contradictions=[{"claims": ["c1", "c9"], "kind": "numeric", "explanation": "x"}])
    with pytest.raises(ValidationError, match="do not exist: c9"):
        Extraction.model_validate_json(bad, context=context(doc))
    same = answer(contradictions=[{"claims": ["c1", "c1"], "kind": "numeric", "explanation": "x"}])
    parsed = Extraction.model_validate_json(same, context=context(doc, strict=False))
    _, contradictions, warnings = to_claims(parsed)
    assert contradictions == [] and warnings[0].kind == "invalid_contradiction"


def test_attribution_fields_are_made_coherent():
    doc = article.from_text(TEXT)
    data = json.loads(answer())
    data["claims"][0].update(source="unattributed", source_type="government", mode="author_assertion")
    data["claims"][1].update(source="unattributed", source_type="government", mode="reported")
    claims, _, _ = to_claims(Extraction.model_validate_json(json.dumps(data), context=context(doc)))
    first, second = (c.attribution for c in claims[:2])
    assert (first.source, first.source_type, first.mode) == ("the article", "author", "author_assertion")
    assert (second.source, second.source_type, second.mode) == ("unattributed", "unattributed", "reported")


def test_a_summary_given_as_a_list_of_sentences_is_joined():
    doc = article.from_text(TEXT)
    parsed = Extraction.model_validate_json(answer(summary=["One.", "Two."]), context=context(doc))
    assert parsed.summary == "One. Two."
