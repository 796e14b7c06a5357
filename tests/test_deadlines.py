"""A model server that answers slowly, strangely or not at all, on a real loopback socket."""

from __future__ import annotations

import json

from fakellm import fake_llm  # noqa: F401 - a fixture

ARTICLE = "Council approves budget\n\nThe council approved a budget of 5 million dollars on Tuesday. The mayor said it was fair.\n"


def _summarize(run_cli, server, tmp_path, *extra: str):
    (tmp_path / "article.txt").write_text(ARTICLE)
    return run_cli("summarize", "article.txt", "--backend", "openai", "--base-url", server.base_url, "--model", "m",
                   "--format", "json", "--retry-backoff", "0.01", *extra)


def test_timeout_bounds_a_request_in_total_against_a_server_that_trickles(run_cli, fake_llm, tmp_path):  # noqa: F811
    """Each byte comes long before a per-read timeout would fire; the whole answer would take
    about 30 s. ``--timeout 1`` must end the request, not each read."""
    fake_llm.trickle_s = 0.05
    fake_llm.will("trickle", "trickle")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "1", "--retries", "1")
    assert result.code == 5, result.stderr
    assert result.stderr.strip() == ("newsdigest: error: the model server at 127.0.0.1 did not answer "
                                     "in time (raise --timeout)")
    assert len(fake_llm.requests) == 2  # a timeout is retried within the article's budget
    full_answer = 600  # bytes, about: two trickled answers would be 1,200
    assert fake_llm.trickled < full_answer


def test_a_slow_answer_within_the_timeout_is_read(run_cli, fake_llm, tmp_path):  # noqa: F811
    fake_llm.trickle_s = 0.001
    fake_llm.will("trickle")
    result = _summarize(run_cli, fake_llm, tmp_path, "--timeout", "30")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["grounded"] is True
