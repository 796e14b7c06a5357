"""A model server that answers slowly, strangely or not at all, on a real loopback socket."""

from __future__ import annotations

import json

import pytest


ARTICLE = "Council approves budget\n\nThe council approved a budget of 5 million dollars on Tuesday. The mayor said it was fair.\n"


def _summarize(run_cli, server, tmp_path, *extra: str):
    (tmp_path / "article.txt").write_text(ARTICLE)
    return run_cli("summarize", "article.txt", "--backend", "openai", "--base-url", server.base_url, "--model", "m",
                   "--format", "json", "--retry-backoff", "0.01", *extra)


def test_timeout_bounds_a_request_in_total_against_a_server_that_trickles(run_cli, fake_llm, tmp_path):
    """Each byte comes long before a per-read timeout would fire; the whole answer would take
    about 30 s. ``--timeout 1`` must end the request, not each read."""
    fake_llm.trickle_s = 0.05
    fake_llm.will("trickle", "trickle")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "1", "--retries", "1")
    assert result.code == 5, result.stderr
    retry, error = result.stderr.strip().splitlines()
    assert retry.startswith("newsdigest: retrying in ") and retry.endswith(": no answer in time")
    assert error == "newsdigest: error: the model server at 127.0.0.1 did not answer in time (raise --timeout)"
    assert len(fake_llm.requests) == 2  # a timeout is retried within the article's budget
    full_answer = 600  # bytes, about: two trickled answers would be 1,200
    assert fake_llm.trickled < full_answer


def test_a_slow_answer_within_the_timeout_is_read(run_cli, fake_llm, tmp_path):
    fake_llm.trickle_s = 0.001
    fake_llm.will("trickle")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "30")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["grounded"] is True


@pytest.mark.parametrize("advice", ["garbage", "-5", "NaN", "inf", "Wed, 32 Foo 2024 99:99:99 GMT"])
def test_a_malformed_retry_after_is_a_rate_limit_to_back_off_from(run_cli, fake_llm, tmp_path, advice):
    fake_llm.will(f"429:{advice}")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "5")
    assert result.code == 0, result.stderr
    assert len(fake_llm.requests) == 2


def test_a_server_answering_html_is_not_json_not_a_bad_model_answer(run_cli, fake_llm, tmp_path):
    fake_llm.will(*["html"] * 9)
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "5")
    assert result.code == 5, result.stderr
    assert "sent a response that is not JSON" in result.stderr
    assert len(fake_llm.requests) == 1  # neither retried nor re-asked


@pytest.mark.parametrize("how", ["huge", "huge_chunked"])
def test_an_answer_over_the_size_limit_is_refused_unread(run_cli, fake_llm, tmp_path, how):
    from newsdigest.backends import openai_http

    fake_llm.will(f"{how}:{openai_http.MAX_ANSWER_BYTES + 1000}")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "30")
    assert result.code == 5, result.stderr
    assert f"sent an answer over {openai_http.MAX_ANSWER_BYTES:,} bytes" in result.stderr
    assert len(fake_llm.requests) == 1


def test_a_dead_server_stops_costing_retries_after_a_few_articles(run_cli, fake_llm, tmp_path):
    from newsdigest.backends import openai_http

    for n in range(8):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE.replace("5 million", f"{n} million"))
    fake_llm.will(*["reset"] * 100)
    result = run_cli("digest", ".", "-f", "jsonl", "--backend", "openai", "--base-url", fake_llm.base_url, "--model", "m",
                     "--concurrency", "1", "--retries", "2", "--retry-backoff", "0.01", "--no-cache", "--quiet")
    assert result.code == 7, result.stderr
    errors = [json.loads(line)["error"] for line in result.stdout.splitlines()]
    dead = openai_http.DEAD_AFTER_ARTICLES
    assert all("cannot reach the model server" in e for e in errors[:dead]), errors
    assert all("not tried: the model server at 127.0.0.1 failed" in e for e in errors[dead:]), errors
    assert len(fake_llm.requests) == dead * (1 + 2)  # the others cost no request
