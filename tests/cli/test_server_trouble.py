"""A base URL that is not one, and a server that is not there, as a user meets them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

from conftest import EXAMPLE, ROOT


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_malformed_base_url_fails_at_once_as_a_usage_mistake(run_cli):
    # --retries 1 keeps the old behaviour (retrying it as a server that is down) short.
    result = run_cli("summarize", str(EXAMPLE), "--base-url", "not-a-url", "--model", "m", "--retries", "1")
    assert result.code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "'not-a-url' is not an http(s) URL" in result.stderr
    assert "retrying" not in result.stderr


def test_a_malformed_base_url_from_the_environment_too(run_cli):
    result = run_cli("summarize", str(EXAMPLE), "--retries", "1", env={"NEWSDIGEST_BASE_URL": "localhost:8080", "NEWSDIGEST_MODEL": "m"})
    assert result.code == 2 and "'localhost:8080' is not an http(s) URL" in result.stderr


def test_each_retry_of_an_unreachable_server_is_a_line_that_quiet_hides(run_cli):
    args = ("summarize", str(EXAMPLE), "--base-url", f"http://127.0.0.1:{_closed_port()}/v1", "--model", "m",
            "--retries", "2", "--retry-backoff", "0.05")
    result = run_cli(*args)
    assert result.code == 5, result.stderr
    retries = [line for line in result.stderr.splitlines() if "retrying" in line]
    assert len(retries) == 2, result.stderr
    for line in retries:
        assert re.fullmatch(r"newsdigest: retrying in \d+\.\d s: connection refused", line), line
    assert "cannot reach the model server" in result.stderr.splitlines()[-1]

    quiet = run_cli(*args, "-q")
    assert quiet.code == 5 and "retrying" not in quiet.stderr
    assert quiet.stderr.count("\n") == 1  # the error itself is never hidden


def test_a_retry_notice_shows_control_characters_instead_of_obeying_them():
    """A retry notice names the failure, which may carry a server's words: an escape sequence
    in it (a terminal title change) is shown, as in every other stderr line."""
    script = ("import logging; from newsdigest import cli; cli._configure_logging(False); "
              "logging.getLogger('newsdigest.retries').warning('retrying in 1.0 s: %s', 'bad \\x1b]0;owned\\x07 gateway')")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    assert proc.stderr.startswith("newsdigest: retrying in 1.0 s: bad ") and "owned" in proc.stderr
