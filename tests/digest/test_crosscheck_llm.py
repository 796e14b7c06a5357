"""Contradictions between articles found by a model through the crosscheck prompt.

The articles' claims come from the offline engine, so the cassette holds only the
crosscheck exchanges. Replayed from a cassette recorded against the real test model server;
re-record with ``python -m pytest tests/digest/test_crosscheck_llm.py --record-mode=once``
(see README).
"""

from __future__ import annotations

import pytest
from conftest import TEST_MODEL, TEST_SERVER

from newsdigest import pipeline
from newsdigest.digest import crosscheck
from newsdigest.prompts import PromptStore
from newsdigest.settings import Settings
from newsdigest.text.article import from_text

QUAKE_A = "Quake hits Nepal\n\nAn earthquake struck Kathmandu, Nepal on Monday. It killed 120 people, police said.\n"
QUAKE_B = "Nepal quake\n\nMonday's earthquake in Kathmandu, Nepal killed 45 people, the Red Cross said.\n"


@pytest.mark.vcr
def test_a_model_reports_two_death_tolls_for_one_quake_as_a_contradiction_between_articles():
    from newsdigest.backends.offline import OfflineBackend
    from newsdigest.backends.openai_http import OpenAIBackend

    backend = OpenAIBackend(Settings(backend="openai", model=TEST_MODEL, base_url=TEST_SERVER, timeout_s=1800))
    prompts = PromptStore()
    articles = [from_text(QUAKE_A, article_id="a"), from_text(QUAKE_B, article_id="b")]
    results = [(a, pipeline.summarize(a, OfflineBackend(), prompts)) for a in articles]
    stories, found, warnings = crosscheck.analyze(results, crosscheck.Checker(backend, prompts, limit=3))
    assert [s.articles for s in stories] == [["a", "b"]]
    assert warnings == []
    texts = {"a": QUAKE_A, "b": QUAKE_B}
    for contradiction in found:
        assert contradiction.found_by == "crosscheck@1" and contradiction.explanation
        assert {contradiction.a.article, contradiction.b.article} == {"a", "b"}
        for side in (contradiction.a, contradiction.b):
            assert texts[side.article][side.start:side.end] == side.quote
    # The 1.5B test model also flags a pair that does not contradict; the tolls must be among them.
    tolls = [c for c in found if "120 people" in c.a.quote + c.b.quote and "45 people" in c.a.quote + c.b.quote]
    assert [c.kind for c in tolls] == ["numeric"], found
