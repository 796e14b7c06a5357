"""``newsdigest config``: the effective settings, with every secret masked."""

from __future__ import annotations

import json

KEY = "sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCD"
SMTP = "smtp-pass-very-secret-42"


def test_settings_come_from_the_environment_and_secrets_are_masked(run_cli):
    env = {"OPENAI_API_KEY": KEY, "NEWSDIGEST_SMTP_PASSWORD": SMTP, "NEWSDIGEST_MODEL": "gpt-test"}
    for debug in ((), ("--debug",)):
        result = run_cli("config", "--json", *debug, env=env)
        assert result.code == 0, result.stderr
        assert KEY not in result.stdout + result.stderr
        assert SMTP not in result.stdout + result.stderr
        shown = json.loads(result.stdout)
        assert shown["backend"] == "openai" and shown["model"] == "gpt-test" and shown["base_url"] is None
        assert shown["OPENAI_API_KEY"] == "sk-...ABCD"
        assert shown["NEWSDIGEST_SMTP_PASSWORD"] == "smt...t-42"


def test_options_override_the_environment_and_text_output_lists_them(run_cli):
    result = run_cli("config", "--base-url", "http://bob:hunter2@127.0.0.1:8080/v1", "--model", "local",
                     env={"NEWSDIGEST_MODEL": "ignored", "OPENAI_API_KEY": "short-key"})
    assert result.code == 0, result.stderr
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["backend"] == "openai"
    assert lines["model"] == "local"
    assert lines["base_url"] == "http://bob:***@127.0.0.1:8080/v1"
    assert lines["OPENAI_API_KEY"] == "set"  # too short to show any of it
    assert lines["NEWSDIGEST_SMTP_PASSWORD"] == "not set"
    assert "hunter2" not in result.stdout and "short-key" not in result.stdout


def test_nothing_configured_means_the_offline_engine(run_cli):
    result = run_cli("config", "--json")
    assert result.code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["backend"] == "offline"
    assert shown["OPENAI_API_KEY"] == "not set"


def test_a_broken_configuration_is_one_line_and_exit_code_4(run_cli):
    result = run_cli("config", env={"NEWSDIGEST_BASE_URL": "http://127.0.0.1:9/v1"})
    assert result.code == 4
    assert result.stderr.splitlines() == [
        "newsdigest: error: no model named for the server at http://127.0.0.1:9/v1 "
        "(pass --model NAME or set NEWSDIGEST_MODEL (the server lists its models at /v1/models))"
    ]
