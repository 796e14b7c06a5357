"""Batch scale-out: request files in the OpenAI Batch API format, and collecting the results."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "batch"


def _article(tmp_path) -> Path:
    path = tmp_path / "mill.txt"
    path.write_text("Mill closes\n\nThe paper mill in Easton will close in March, its owner said on Friday.\n")
    return path


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_a_prepared_request_body_is_exactly_what_the_chat_backend_sends(run_cli, llm_server, tmp_path, mode):
    article = _article(tmp_path)
    live = run_cli("digest", str(article), "--format", "jsonl", "--no-cache", "-q", "--mode", mode,
                   "--base-url", llm_server.base_url, "--model", "test-model")
    assert live.code == 0, live.stderr
    prepared = run_cli("batch", "prepare", str(article), "-o", "requests.jsonl", "--model", "test-model", "--mode", mode)
    assert prepared.code == 0, prepared.stderr
    (line,) = (tmp_path / "requests.jsonl").read_text().splitlines()
    request = json.loads(line)
    assert (request["method"], request["url"]) == ("POST", "/v1/chat/completions")
    assert request["body"] == llm_server.requests[0].body
    assert ("tools" in request["body"]) == (mode == "tools")
    manifest = [json.loads(x) for x in (tmp_path / "requests.manifest.jsonl").read_text().splitlines()]
    assert manifest[0]["custom_id"] == request["custom_id"] and manifest[0]["text"] == article.read_text()


def test_prepare_needs_a_model_and_reports_unreadable_inputs(run_cli, tmp_path):
    no_model = run_cli("batch", "prepare", str(_article(tmp_path)), "-o", "r.jsonl")
    # The exit status summarize gives for the same missing setting (4, not 2).
    summarize = run_cli("summarize", str(_article(tmp_path)), "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1")
    assert no_model.code == summarize.code == 4 and "--model" in no_model.stderr
    partial = run_cli("batch", "prepare", str(_article(tmp_path)), "missing.txt", "-o", "r.jsonl", "--model", "m")
    assert partial.code == 7 and "missing.txt: no such file" in partial.stderr
    assert len((tmp_path / "r.jsonl").read_text().splitlines()) == 1


def test_the_committed_requests_are_what_prepare_writes_today(run_cli, tmp_path):
    """If this fails, the prompt or schema changed: re-make the fixture with record.py."""
    shutil.copy(FIXTURE / "articles.jsonl", tmp_path)
    result = run_cli("batch", "prepare", "articles.jsonl", "-o", "requests.jsonl", "--model", "qwen2.5-coder-1.5b-instruct")
    assert result.code == 0, result.stderr
    assert (tmp_path / "requests.jsonl").read_text() == (FIXTURE / "requests.jsonl").read_text()


def test_collect_grounds_real_server_results_and_renders_the_digest(run_cli):
    result = run_cli("batch", "collect", str(FIXTURE / "results.jsonl"),
                     "--manifest", str(FIXTURE / "requests.manifest.jsonl"), "--format", "json")
    texts = {r["id"]: r["text"] for r in map(json.loads, (FIXTURE / "articles.jsonl").read_text().splitlines())}
    doc = json.loads(result.stdout)
    assert result.code == (7 if doc["errors"] else 0), result.stderr
    assert {a["article"]["id"] for a in doc["articles"]} | {e["id"] for e in doc["errors"]} == set(texts)
    assert doc["articles"], "the real server's answers should give at least one article"
    for article in doc["articles"]:
        assert article["provenance"]["backend"] == "openai-batch"
        assert article["provenance"]["model"] == "qwen2.5-coder-1.5b-instruct"
        assert article["claims"]
        for claim in article["claims"]:
            if claim["grounded"]:
                text = texts[article["article"]["id"]]
                assert all(text[e["start"]:e["end"]] == e["quote"] for e in claim["evidence"])


def test_collect_reports_missing_and_failed_results_without_reasking(run_cli, tmp_path):
    results = [json.loads(x) for x in (FIXTURE / "results.jsonl").read_text().splitlines()]
    failed = {**results[0], "response": {"status_code": 500, "request_id": "r", "body": {"error": {"message": "boom"}}}}
    (tmp_path / "results.jsonl").write_text(json.dumps(failed) + "\n")  # the second result is missing
    result = run_cli("batch", "collect", "results.jsonl", "--manifest", str(FIXTURE / "requests.manifest.jsonl"),
                     "--format", "jsonl")
    assert result.code == 7, result.stderr
    errors = [json.loads(x) for x in result.stdout.splitlines()]
    assert [e["kind"] for e in errors] == ["model_output", "model_output"]
    assert "boom" in errors[0]["error"] and "no answer for this article" in errors[1]["error"]
