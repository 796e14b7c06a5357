"""The hybrid extraction on an article longer than the context: every chunk gets its part of the draft."""

from __future__ import annotations

import json

PARAGRAPH = ("Mayor Dana Ruiz said the plan for district {n} would cost {n} million dollars. "
             "Critics of the council said the plan for district {n} was far too expensive.")


def test_a_long_article_is_read_in_chunks_each_with_its_draft(run_cli, fake_llm, tmp_path):
    text = "City plans\n\n" + "\n\n".join(PARAGRAPH.format(n=n) for n in range(1, 61)) + "\n"
    (tmp_path / "long.txt").write_text(text)
    result = run_cli("summarize", "long.txt", "--base-url", fake_llm.base_url, "--model", "m", "--format", "json",
                     "--n-ctx", "4096", "--max-tokens", "600")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["provenance"]["chunks"] >= 2
    extractions = [r.body for r in fake_llm.requests if "draft:" in r.body["messages"][-1]["content"]]
    assert len(extractions) == doc["provenance"]["chunks"]
    for paragraph in (PARAGRAPH.format(n=n) for n in range(1, 61)):  # every sentence went out with a draft line
        first = paragraph.split(". ")[0]
        assert any(first in body["messages"][-1]["content"] for body in extractions)
    assert len(doc["claims"]) == 120
    for claim in doc["claims"]:
        assert claim["grounded"] and claim["attribution"]["origin"] == "engine"
        assert all(text[e["start"]:e["end"]] == e["quote"] for e in claim["evidence"])
    assert {c["attribution"]["source"] for c in doc["claims"]} == {"Mayor Dana Ruiz", "Critics of the council"}
