"""Contradiction checks do work linear in the figures of an article or a digest (counted, not timed).

Comparing every pair of figures made a 2 MB article take 34 s; pairs now come from figures
grouped by what they measure, each compared with at most ``figures.MAX_COMPARED`` earlier ones.
A quadratic regression makes the counts below grow with the square of the input and fail.
``benchmarks/contradictions_scale.py`` prints the time for inputs up to 2 MB.
"""

from __future__ import annotations

import pytest

from newsdigest import pipeline
from newsdigest.text.article import from_text
from newsdigest.digest import crosscheck
from newsdigest.offline import contradictions, figures
from newsdigest.backends.offline import OfflineBackend
from newsdigest.prompts import PromptStore


@pytest.fixture
def compared(monkeypatch) -> list[int]:
    """How many times two figures were compared, counted as the checks run."""
    count = [0]
    real = figures.conflict

    def counting(a: figures.Figure, b: figures.Figure) -> bool:
        count[0] += 1
        return real(a, b)

    monkeypatch.setattr(figures, "conflict", counting)
    return count


def stated(sentences: int) -> list[contradictions.Stated]:
    """One claim a sentence, every one a toll of the same fire: the worst case, one quantity."""
    return [
        contradictions.Stated(f"c{n}", "officials", figures.find(f"The fire killed {n % 90 + 10} people, officials said."))
        for n in range(sentences)
    ]


def test_figures_of_one_quantity_are_compared_a_bounded_number_of_times(compared):
    small, large = stated(400), stated(1600)
    contradictions.numeric(small)
    work_small = compared[0]
    found = contradictions.numeric(large)
    work_large = compared[0] - work_small
    assert found  # the tolls do conflict: the pairs were compared, not skipped
    assert work_large <= figures.MAX_COMPARED * len(large)
    assert work_large <= 4.5 * work_small  # four times the figures, about four times the work


def test_a_long_article_through_the_engine_costs_comparisons_linear_in_its_sentences(compared):
    paragraph = "The flood displaced {} families in the valley, the agency said. Roads were closed for {} days.\n"

    def work(paragraphs: int) -> int:
        before = compared[0]
        text = "Floods in the valley\n\n" + "".join(paragraph.format(n + 100, n % 9 + 2) for n in range(paragraphs))
        pipeline.summarize(from_text(text), OfflineBackend(), PromptStore())
        return compared[0] - before

    small, large = work(150), work(600)
    assert 0 < large <= 4.5 * small
    assert large <= figures.MAX_COMPARED * 2 * 600


def test_a_story_of_many_articles_is_checked_in_linear_work_and_reports_a_capped_number(compared):
    prompts = PromptStore()
    results = []
    for n in range(120):
        quake = f"Quake in Valmora\n\nThe earthquake in Valmora killed {n + 10} people, officials in Valmora said.\n"
        # Other news, each its own: a name in more than half of a digest's articles ties nothing.
        other = f"Budget vote\n\nThe Town{n} council approved the budget on Monday, Mayor Person{n} said.\n"
        for article_id, text in ((f"quake-{n}", quake), (f"other-{n}", other)):
            art = from_text(text, article_id=article_id)
            results.append((art, pipeline.summarize(art, OfflineBackend(), prompts)))
    stories, found, warnings = crosscheck.analyze(results, crosscheck.Checker(backend=None, prompts=prompts))
    assert [len(s.articles) for s in stories] == [120]
    assert compared[0] <= figures.MAX_COMPARED * 120
    assert len(found) == crosscheck.MAX_PER_STORY
    assert [w.kind for w in warnings] == ["contradictions_left_out"]
    assert all(side.headline == "Quake in Valmora" for c in found for side in (c.a, c.b))
