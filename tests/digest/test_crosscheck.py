"""Stories and contradictions between articles."""

from __future__ import annotations

import json

import pytest

from newsdigest.digest import stories
from newsdigest.text.article import from_text

QUAKE_A = ("Quake hits Nepal\n\nA strong earthquake struck Kathmandu, Nepal on Monday. "
           "The earthquake killed 120 people, officials said.\n")
QUAKE_B = "Earthquake toll rises\n\nThe earthquake near Kathmandu, Nepal killed 45 people, the Red Cross said on Monday.\n"
BUDGET = "Council passes budget\n\nThe Springfield council approved a budget of $5 million on Tuesday, Mayor Ann Lee said.\n"


def test_articles_sharing_distinctive_names_form_a_story_and_others_do_not():
    found = stories.group([
        from_text(QUAKE_A, article_id="a"), from_text(QUAKE_B, article_id="b"), from_text(BUDGET, article_id="c"),
    ])
    assert [(s.id, s.articles, s.shared) for s in found] == [("s1", ["a", "b"], ["Kathmandu", "Nepal"])]


def test_a_lone_capitalised_word_opening_a_sentence_is_not_a_name():
    names = stories.names(from_text("Officials met. Later the Red Cross and Ann Lee's office spoke.\n"))
    assert names == {"Red Cross", "Ann Lee"}


def test_different_figures_for_the_same_event_are_a_cross_article_contradiction(run_cli, tmp_path):
    pytest.importorskip("newsdigest.offline.figures", reason="the offline engine (issue 3) is not merged yet")
    for name, text in {"a": QUAKE_A, "b": QUAKE_B, "c": BUDGET}.items():
        (tmp_path / f"{name}.txt").write_text(text)
    result = run_cli("digest", "a.txt", "b.txt", "c.txt", "--backend", "offline", "--format", "json")
    assert result.code == 0, result.stderr
    (found,) = json.loads(result.stdout)["contradictions"]
    assert found["kind"] == "numeric" and found["found_by"] == "figures"
    texts = {"a": QUAKE_A, "b": QUAKE_B}
    assert {found["a"]["article"], found["b"]["article"]} == {"a", "b"}
    for side in (found["a"], found["b"]):
        assert texts[side["article"]][side["start"]:side["end"]] == side["quote"]
    quotes = found["a"]["quote"] + found["b"]["quote"]
    assert "120 people" in quotes and "45 people" in quotes
