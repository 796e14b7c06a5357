"""The API key never leaves the process, even when a server echoes it back.

A real loopback server (fakellm's ``echo_auth``) answers HTTP 400 with the request's
``Authorization`` header in its error message. The key must then be missing from every
digest format: error records (an article the server refused), ``crosscheck_failed``
warnings (a comparison it refused), stderr, and the e-mail's parts whatever their transfer
encoding.
"""

from __future__ import annotations

import base64
import email
import email.policy

import pytest

KEY = "sk-test-0123456789abcdefSECRET"
# Two articles of one story, so the model is asked whether their claims contradict.
QUAKE_A = "Quake hits Nepal\n\nAn earthquake struck Kathmandu, Nepal on Monday. It killed 120 people, police said.\n"
QUAKE_B = "Nepal quake\n\nMonday's earthquake in Kathmandu, Nepal killed 45 people, the Red Cross said.\n"
REFUSED = "Bridge reopens\n\nThe Elm Street bridge reopened on Friday after repairs, officials said.\n"


@pytest.mark.parametrize("fmt", ["jsonl", "json", "md", "html", "eml"])
def test_a_key_echoed_in_a_server_error_is_in_no_digest_format(run_cli, fake_llm, tmp_path, fmt):
    for name, text in (("0-refused", REFUSED), ("1-quake", QUAKE_A), ("2-quake", QUAKE_B)):
        (tmp_path / f"{name}.txt").write_text(text)
    # One at a time, so the refused article is the first request; every comparison is refused too.
    fake_llm.will("echo_auth", "ok", "ok", *["echo_auth"] * 20)
    result = run_cli(
        "digest", str(tmp_path), "--format", fmt, "--backend", "openai", "--base-url", fake_llm.base_url,
        "--model", "m", "--concurrency", "1", "--no-cache", "--quiet", "--retries", "0",
        env={"OPENAI_API_KEY": KEY},
    )
    assert result.code == 7, result.stderr
    assert fake_llm.requests[0].headers["authorization"] == f"Bearer {KEY}"  # it was sent, and echoed
    readable = result.stdout
    if fmt == "eml":
        message = email.message_from_string(result.stdout, policy=email.policy.default)
        readable = "\n".join(part.get_content() for part in message.walk() if not part.is_multipart())
    assert "answered HTTP 400: malformed request" in readable  # the error record is there ...
    if fmt != "jsonl":  # ... and the failed comparison (JSONL has no cross-article analysis)
        assert "crosscheck_failed" in readable
    for shown in (readable, result.stdout, result.stderr):
        assert KEY not in shown and base64.b64encode(KEY.encode()).decode()[:20] not in shown
    assert "Bearer ***" in readable


PASSWORD, QUERY_KEY = "hunter2-url-password", "query-key-0123456789"


def test_a_base_url_password_and_query_key_are_masked_by_config_and_in_debug_logs(run_cli, fake_llm):
    host = fake_llm.base_url.removeprefix("http://")
    base_url = f"http://me:{PASSWORD}@{host}?api_key={QUERY_KEY}"
    shown = run_cli("config", "--base-url", base_url, "--model", "m")
    assert shown.code == 0, shown.stderr
    assert PASSWORD not in shown.stdout and QUERY_KEY not in shown.stdout
    assert f"http://me:***@{host}?api_key=***" in shown.stdout

    article = "Council approves budget\n\nThe council approved a budget of 5 million dollars, the mayor said.\n"
    result = run_cli("summarize", "-", "--debug", "--base-url", base_url, "--model", "m", "-f", "json", input=article)
    assert result.code == 0, result.stderr
    assert "HTTP Request: POST" in result.stderr or "Request options" in result.stderr  # debug logs are there
    assert PASSWORD not in result.stderr + result.stdout and QUERY_KEY not in result.stderr + result.stdout


def test_a_base_url_password_is_masked_in_error_messages(run_cli):
    result = run_cli("summarize", "-", "--backend", "openai", "--base-url", f"http://me:{PASSWORD}@127.0.0.1:9/v1",
                     input="Some article text here.")
    assert result.code == 4  # no model named for the server at <the URL>
    assert "no model named for the server at http://me:***@127.0.0.1:9/v1" in result.stderr
