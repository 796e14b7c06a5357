"""A model's attributions are compared with the offline engine's reading of the same sentence;
disagreements are warned about with the claim's evidence offsets, agreements are not."""

from __future__ import annotations

import pytest

from newsdigest import article, pipeline
from newsdigest.attribution_check import KIND
from newsdigest.backends.base import Analysis
from newsdigest.offline.engine import OfflineEngine
from newsdigest.prompts import PromptStore
from newsdigest.schema import Attribution, Claim, Evidence, PromptInfo

TEXT = (
    "Harbour plan approved\n\n"
    "The harbour authority approved a new sea wall on Monday.\n"
    "Mayor Dana Ruiz said the wall would cost 12 million dollars.\n"
    "According to the port's engineers, the work will take two years.\n"
    "Residents were invited to a public meeting about the plan.\n"
)


class _Model:
    """A backend answering with given attributions, one claim per body sentence."""

    name, model, base_url_host = "model", "m", None

    def __init__(self, attributions: list[tuple[str, str, str]]) -> None:
        self.attributions = attributions

    def analyze(self, art, prompts, prompt_spec):
        claims = []
        for number, ((source, source_type, mode), span) in enumerate(zip(self.attributions, art.sentences[1:]), 1):
            quote = span.of(art.text)
            claims.append(Claim(
                id=f"c{number}", text=quote, attribution=Attribution(source=source, source_type=source_type, mode=mode),
                evidence=[Evidence(quote=quote, start=span.start, end=span.end)],
                confidence="medium", confidence_reason="r", grounded=True,
            ))
        return Analysis(summary="s", claims=claims, contradictions=[], warnings=[],
                        prompt=PromptInfo(name="p", version="1", sha256="0"))


def _disagreements(attributions):
    doc = article.from_text(TEXT)
    digest = pipeline.summarize(doc, _Model(attributions), PromptStore())
    return doc, [w for w in digest.warnings if w.kind == KIND]


AUTHOR = ("the article", "author", "author_assertion")


def test_a_reported_claim_given_as_the_articles_own_is_warned_about_with_its_offsets():
    doc, warnings = _disagreements([AUTHOR, AUTHOR, AUTHOR, AUTHOR])
    assert [w.message.split()[0] for w in warnings] == ["c2", "c3"]  # the "said" and "according to" sentences
    assert "'Mayor Dana Ruiz'" in warnings[0].message and "'said'" in warnings[0].message
    assert doc.text[warnings[0].start : warnings[0].end].startswith("Mayor Dana Ruiz said")


def test_a_different_named_speaker_is_warned_about():
    _, warnings = _disagreements([AUTHOR, ("Governor Lee", "person", "reported"), AUTHOR, AUTHOR])
    assert warnings[0].message.startswith("c2 is attributed to 'Governor Lee', but the cue in its sentence points to")


@pytest.mark.parametrize("source", ["Dana Ruiz", "Ms. Ruiz", "Mayor Ruiz", "she", "city officials"])
def test_the_same_speaker_named_otherwise_or_not_named_is_no_disagreement(source):
    _, warnings = _disagreements([AUTHOR, (source, "person", "reported"), ("engineers", "person", "reported"), AUTHOR])
    assert warnings == []


def test_where_the_engine_finds_no_source_the_model_is_not_second_guessed():
    # The first and last body sentences have no cue: any attribution the model gives them stands.
    _, warnings = _disagreements([("Governor Lee", "person", "reported"), AUTHOR, AUTHOR, ("a resident", "person", "reported")])
    assert [w.message.split()[0] for w in warnings] == ["c2", "c3"]


def test_the_offline_engine_is_not_checked_against_itself():
    digest = pipeline.summarize(article.from_text(TEXT), OfflineEngine(), PromptStore())
    assert digest.claims and not [w for w in digest.warnings if w.kind == KIND]
