"""`newsdigest summarize` through an OpenAI-compatible server, replayed from cassettes.

The cassettes in tests/backends/cassettes/test_summarize_llm/ were recorded against the real test
model (Qwen2.5-Coder-1.5B-Instruct served by llama-cpp-python); see README.md to re-record.
"""

from __future__ import annotations

import json

import pytest

from conftest import TEST_MODEL, TEST_SERVER

# A long timeout and no transport retries: recording runs on a slow, shared CPU server.
LLM = ("--base-url", TEST_SERVER, "--model", TEST_MODEL, "--timeout", "3000", "--retries", "0")


def assert_contract(doc: dict, text: str) -> None:
    assert doc["schema_version"] == "1"
    assert doc["article"]["chars"] == len(text)
    for claim in doc["claims"]:
        assert claim["attribution"]["source_type"] in {
            "person", "organization", "government", "media", "document", "anonymous", "author", "unattributed"}
        assert claim["confidence"] in {"high", "medium", "low"} and claim["confidence_reason"]
        if claim["grounded"]:
            assert claim["evidence"], claim
            for e in claim["evidence"]:
                assert text[e["start"] : e["end"]] == e["quote"]
        else:
            assert any(w["message"].startswith(claim["id"] + ":") for w in doc["warnings"])
    ids = {c["id"] for c in doc["claims"]}
    for contradiction in doc["contradictions"]:
        assert set(contradiction["claims"]) <= ids and len(set(contradiction["claims"])) == 2
    prov = doc["provenance"]
    assert prov["backend"] == "openai" and prov["model"] == TEST_MODEL and prov["base_url_host"] == "127.0.0.1"
    assert prov["prompt"]["name"] == "extract" and len(prov["prompt"]["sha256"]) == 64
    assert prov["usage"]["prompt_tokens"] > 0 and prov["usage"]["completion_tokens"] > 0
    assert prov["usage"]["attempts"] >= 1


@pytest.mark.vcr
def test_sample_article_end_to_end(cli_inprocess, sample_path):
    result = cli_inprocess("summarize", str(sample_path), *LLM, "--format", "json")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    text = sample_path.read_text(encoding="utf-8")
    assert_contract(doc, text)
    assert len(doc["claims"]) >= 5
    assert sum(c["grounded"] for c in doc["claims"]) >= 5

