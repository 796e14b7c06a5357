"""A model's attributions are compared with the offline engine's reading of the same sentence;
disagreements are warned about with the claim's evidence offsets, agreements are not."""

from __future__ import annotations

import pytest

from newsdigest import pipeline
from newsdigest.backends.base import Analysis
from newsdigest.backends.offline import OfflineBackend
from newsdigest.checks.review import ATTRIBUTION, CONTRADICTION, REPAIRED, review
from newsdigest.offline import engine
from newsdigest.prompts import PromptStore
from newsdigest.schema import ArticleDigest, Attribution, Claim, Contradiction, Evidence, PromptInfo
from newsdigest.text import article

TEXT = (
    "Harbour plan approved\n\n"
    "The harbour authority approved a new sea wall on Monday.\n"
    "Mayor Dana Ruiz said the wall would cost 12 million dollars.\n"
    "According to the port's engineers, the work will take two years.\n"
    "Residents were invited to a public meeting about the plan.\n"
)


def _model(art, attributions: list[tuple[str, str, str]], *, skip: int = 1,
           contradictions: list[Contradiction] | None = None) -> ArticleDigest:
    """A model's answer with the given attributions, one claim per body sentence, as the pipeline checks it."""
    claims = []
    for number, ((source, source_type, mode), span) in enumerate(zip(attributions, art.sentences[skip:]), 1):
        quote = span.of(art.text)
        claims.append(Claim(
            id=f"c{number}", text=quote, attribution=Attribution(source=source, source_type=source_type, mode=mode),
            evidence=[Evidence(quote=quote, start=span.start, end=span.end)],
            confidence="medium", confidence_reason="r", grounded=True,
        ))
    answer = Analysis(summary="s", claims=claims, contradictions=contradictions or [], warnings=[],
                      prompt=PromptInfo(name="p", version="1", sha256="0"))
    return pipeline.check(art, answer, pipeline.provenance(answer, backend="model", model="m"))


def _reviewed(attributions, kinds=(ATTRIBUTION, REPAIRED)):
    doc = article.from_text(TEXT)
    digest = _model(doc, attributions)
    return digest, [w for w in digest.warnings if w.kind in kinds]


AUTHOR = ("the article", "author", "author_assertion")


def test_a_reported_claim_given_as_the_articles_own_takes_the_sentences_attribution_with_a_warning():
    digest, warnings = _reviewed([AUTHOR, AUTHOR, AUTHOR, AUTHOR])
    assert [(w.kind, w.message.split()[0]) for w in warnings] == [(REPAIRED, "c2"), (REPAIRED, "c3")]
    assert "'Mayor Dana Ruiz' ('said')" in warnings[0].message
    assert TEXT[warnings[0].start : warnings[0].end].startswith("Mayor Dana Ruiz said")
    first, ruiz, engineers, last = digest.claims
    assert (ruiz.attribution.source, ruiz.attribution.source_type, ruiz.attribution.cue) == ("Mayor Dana Ruiz", "person", "said")
    assert ruiz.attribution.mode == "reported" and ruiz.confidence == "high"  # was medium, in the author's voice
    assert "the port's engineers" in engineers.attribution.source and engineers.attribution.cue.lower() == "according to"
    assert first.attribution.source_type == last.attribution.source_type == "author"  # no cue: left as it was


def test_an_own_voice_claim_spanning_more_than_the_attributed_sentence_is_only_warned_about():
    doc = article.from_text(TEXT)
    lead, ruiz, engineers = doc.sentences[1:4]
    claim = Claim(id="c1", text="t", attribution=Attribution(source="the article", source_type="author",
                                                            mode="author_assertion"),
                  evidence=[Evidence(quote=s.of(TEXT), start=s.start, end=s.end) for s in (lead, ruiz, engineers)],
                  confidence="medium", confidence_reason="r", grounded=True)
    (kept,), warnings = review([claim], [], engine.read(doc))
    assert kept == claim
    assert [w.kind for w in warnings] == [ATTRIBUTION]


def test_a_different_named_speaker_is_warned_about():
    digest, warnings = _reviewed([AUTHOR, ("Governor Lee", "person", "reported"), AUTHOR, AUTHOR], kinds=(ATTRIBUTION,))
    assert warnings[0].message.startswith("c2 is attributed to 'Governor Lee', but the cue in its sentence points to")
    assert digest.claims[1].attribution.source == "Governor Lee"  # two names: the reader decides


@pytest.mark.parametrize("source", ["Dana Ruiz", "Ms. Ruiz", "Mayor Ruiz", "she", "city officials"])
def test_the_same_speaker_named_otherwise_or_not_named_is_no_disagreement(source):
    _, warnings = _reviewed([AUTHOR, (source, "person", "reported"), ("engineers", "person", "reported"), AUTHOR])
    assert warnings == []


def test_where_the_engine_finds_no_source_the_model_is_not_second_guessed():
    # The first and last body sentences have no cue: any attribution the model gives them stands.
    _, warnings = _reviewed([("Governor Lee", "person", "reported"), AUTHOR, AUTHOR, ("a resident", "person", "reported")])
    assert [w.message.split()[0] for w in warnings] == ["c2", "c3"]


def test_the_offline_engine_is_not_checked_against_itself():
    digest = pipeline.summarize(article.from_text(TEXT), OfflineBackend(), PromptStore())
    assert digest.claims and not [w for w in digest.warnings if w.kind in (ATTRIBUTION, REPAIRED)]


BLAST = (
    "Blast at the port\n\n"
    "The explosion hit the port warehouse district on Friday night.\n"
    "Police said the blast killed 120 people.\n"
    "The health ministry said the blast killed 45 people.\n"
)


def test_incompatible_figures_the_model_left_uncontradicted_are_warned_about_in_its_claim_ids():
    doc = article.from_text(BLAST)
    # The model makes no claim of the first body sentence, so its ids differ from the engine's.
    digest = _model(doc, [("Police", "government", "reported"), ("The health ministry", "government", "reported")], skip=2)
    (warning,) = [w for w in digest.warnings if w.kind == CONTRADICTION]
    assert warning.message.startswith("c1 and c2 may contradict each other")
    assert "c1 (Police) says '120 people', c2 (The health ministry) says '45 people'" in warning.message
    assert doc.text[warning.start : warning.end].startswith("Police said")


def test_a_contradiction_the_model_listed_is_not_warned_about_again():
    doc = article.from_text(BLAST)
    digest = _model(doc, [AUTHOR, ("Police", "government", "reported"), ("The health ministry", "government", "reported")],
                    contradictions=[Contradiction(claims=["c2", "c3"], kind="numeric", explanation="120 against 45")])
    assert digest.contradictions and not [w for w in digest.warnings if w.kind == CONTRADICTION]


def test_a_claim_on_the_sentence_alone_is_preferred_to_one_citing_the_whole_lead():
    doc = article.from_text(BLAST)
    police, ministry = doc.sentences[2], doc.sentences[3]

    def claim(cid: str, *spans) -> Claim:
        return Claim(id=cid, text="t", attribution=Attribution(source="Police", source_type="government", mode="reported"),
                     evidence=[Evidence(quote=s.of(BLAST), start=s.start, end=s.end) for s in spans],
                     confidence="medium", confidence_reason="r", grounded=True)

    claims = [claim("c1", *doc.sentences[1:]), claim("c2", police), claim("c3", ministry)]
    _, warnings = review(claims, [], engine.read(doc))
    assert [w.message[:9] for w in warnings if w.kind == CONTRADICTION] == ["c2 and c3"]
