"""`newsdigest digest` end to end against a real HTTP model server on loopback."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import subprocess
import sys

from conftest import ROOT
from fakellm import REJECT_MARKER, FakeLLM

ARTICLES = {
    "quake-a": "Quake hits Nepal\n\nA strong earthquake struck Kathmandu on Monday. Officials said 120 people died.\n",
    "quake-b": "Earthquake toll rises\n\nThe earthquake near Kathmandu, Nepal, killed 45 people, the Red Cross said.\n",
    "budget": "Council passes budget\n\nThe city council approved a budget of $5 million on Tuesday.\n",
}


def _feed(tmp_path, extra=None):
    feed = tmp_path / "feed"
    feed.mkdir()
    for name, text in {**ARTICLES, **(extra or {})}.items():
        (feed / f"{name}.txt").write_text(text)
    return feed


def _model(server, tmp_path):
    return ["--base-url", server.base_url, "--model", "test-model", "--cache", str(tmp_path / "cache.sqlite3"), "-q"]


def test_jsonl_gives_one_valid_line_per_article_and_exit_0(run_cli, llm_server, tmp_path):
    result = run_cli("digest", str(_feed(tmp_path)), "--format", "jsonl", *_model(llm_server, tmp_path))
    assert result.code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(d["article"]["id"] for d in lines) == sorted(ARTICLES)
    for doc in lines:
        text = ARTICLES[doc["article"]["id"]]
        assert doc["claims"] and all(text[e["start"]:e["end"]] == e["quote"] for c in doc["claims"] for e in c["evidence"])


def test_failures_become_error_records_and_exit_7(run_cli, llm_server, tmp_path):
    feed = _feed(tmp_path, {"rejected": f"{REJECT_MARKER} this one.\n", "empty": ""})
    result = run_cli("digest", str(feed), str(tmp_path / "missing.txt"), "--format", "jsonl", *_model(llm_server, tmp_path))
    assert result.code == 7, result.stderr
    assert "3 of 6 articles failed" in result.stderr and "Traceback" not in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {d["id"]: d for d in lines if "error" in d}
    assert set(errors) == {"rejected", "empty", "missing"}
    assert errors["rejected"]["kind"] == "backend" and "HTTP 400" in errors["rejected"]["error"]
    assert errors["empty"]["kind"] == "input" and "is empty" in errors["empty"]["error"]
    assert errors["missing"]["kind"] == "input" and "no such file" in errors["missing"]["error"]
    assert len([d for d in lines if "error" not in d]) == len(ARTICLES)


def test_a_rerun_reuses_the_cache_and_a_changed_setting_does_not(run_cli, llm_server, tmp_path):
    feed = _feed(tmp_path)
    first = run_cli("digest", str(feed), "--format", "jsonl", *_model(llm_server, tmp_path))
    assert first.code == 0 and len(llm_server.requests) == len(ARTICLES)
    second = run_cli("digest", str(feed), "--format", "jsonl", *_model(llm_server, tmp_path))
    assert second.code == 0 and len(llm_server.requests) == len(ARTICLES)
    assert sorted(second.stdout.splitlines()) == sorted(first.stdout.splitlines())
    third = run_cli("digest", str(feed), "--format", "jsonl", "--max-tokens", "2000", *_model(llm_server, tmp_path))
    assert third.code == 0 and len(llm_server.requests) == 2 * len(ARTICLES)

    stats = run_cli("cache", "stats", "--cache", str(tmp_path / "cache.sqlite3"))
    assert json.loads(stats.stdout)["kinds"]["article"]["entries"] == 2 * len(ARTICLES)
    cleared = run_cli("cache", "clear", "--cache", str(tmp_path / "cache.sqlite3"))
    assert cleared.code == 0 and f"removed {2 * len(ARTICLES)}" in cleared.stderr
    assert json.loads(run_cli("cache", "stats", "--cache", str(tmp_path / "cache.sqlite3")).stdout)["entries"] == 0


def test_no_cache_neither_reads_nor_writes(run_cli, llm_server, tmp_path):
    feed = _feed(tmp_path)
    for _ in range(2):
        assert run_cli("digest", str(feed), "--format", "jsonl", "--no-cache", *_model(llm_server, tmp_path)).code == 0
    assert len(llm_server.requests) == 2 * len(ARTICLES)
    assert not (tmp_path / "cache.sqlite3").exists()


def test_an_interrupted_digest_resumes_without_redoing_finished_articles(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for n in range(6):
        (feed / f"a{n}.txt").write_text(f"Article number {n} reports that event {n} happened on Monday.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    with FakeLLM(delay_s=0.5) as server:
        args = [sys.executable, "-m", "newsdigest", "digest", str(feed), "--format", "jsonl",
                "--concurrency", "1", *_model(server, tmp_path)]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
        finished = [proc.stdout.readline(), proc.stdout.readline()]
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, stderr
        assert all(json.loads(line)["claims"] for line in finished)
        asked_first = len(server.requests)
        assert asked_first < 6

        rerun = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        assert len(rerun.stdout.splitlines()) == 6
        # Only articles whose results were not cached are asked again; finished ones never.
        asked_again = [r.body["messages"][-1]["content"] for r in server.requests[asked_first:]]
        done_ids = {json.loads(line)["article"]["id"] for line in finished}
        assert len(asked_again) <= 6 - len(done_ids)
        assert not any(f"Article number {i[1:]} " in text for i in done_ids for text in asked_again)


def test_eml_is_multipart_alternative_with_every_article_and_escaped_html(run_cli, llm_server, tmp_path):
    hostile = {"hostile": "<script>alert(1)</script> headline\n\nA <b>bold</b> claim was made on Friday.\n"}
    feed = _feed(tmp_path, hostile)
    result = run_cli("digest", str(feed), "--format", "eml", "-o", "d.eml", *_model(llm_server, tmp_path))
    assert result.code == 0, result.stderr
    msg = email.message_from_bytes((tmp_path / "d.eml").read_bytes(), policy=email.policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_payload()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert msg["Subject"].startswith("News digest ") and "4 articles" in msg["Subject"]
    plain_text, html_text = plain.get_content(), html.get_content()
    for name in [*ARTICLES, "hostile"]:
        assert name in plain_text and name in html_text
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text
    assert "<b>bold</b>" not in html_text


def test_html_and_json_formats(run_cli, llm_server, tmp_path):
    feed = _feed(tmp_path)
    html = run_cli("digest", str(feed), "-o", "d.html", *_model(llm_server, tmp_path))
    assert html.code == 0 and (tmp_path / "d.html").read_text().startswith("<!DOCTYPE html>")
    doc = json.loads(run_cli("digest", str(feed), "--format", "json", *_model(llm_server, tmp_path)).stdout)
    assert {a["article"]["id"] for a in doc["articles"]} == set(ARTICLES)
    assert doc["stories"] == [{"id": "s1", "label": "Kathmandu, Nepal", "articles": ["quake-a", "quake-b"], "shared": ["Kathmandu", "Nepal"]}]


def test_bad_options_are_one_line_errors(run_cli, llm_server, tmp_path):
    feed = _feed(tmp_path)
    bad_format = run_cli("digest", str(feed), "--format", "pdf", *_model(llm_server, tmp_path))
    assert bad_format.code == 2 and "unknown format 'pdf'" in bad_format.stderr
    no_host = run_cli("digest", str(feed), "--to", "a@example.org", *_model(llm_server, tmp_path))
    assert no_host.code == 2 and "--smtp-host" in no_host.stderr
    no_password = run_cli("digest", str(feed), "--to", "a@example.org", "--smtp-host", "127.0.0.1",
                          "--smtp-user", "me", *_model(llm_server, tmp_path))
    assert no_password.code == 2 and "NEWSDIGEST_SMTP_PASSWORD" in no_password.stderr
    assert len(llm_server.requests) == 0
