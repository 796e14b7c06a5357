"""``newsdigest config``: the effective settings, with every secret masked."""

from __future__ import annotations

import json

import pytest

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
    lines = {name: rest.rsplit(None, 1) for name, rest in (line.split(None, 1) for line in result.stdout.splitlines())}
    assert lines["backend"] == ["openai", "default"]  # auto, with a base URL given
    assert lines["model"] == ["local", "option"]
    assert lines["base_url"] == ["http://bob:***@127.0.0.1:8080/v1", "option"]
    assert lines["OPENAI_API_KEY"][0] == "set"  # too short to show any of it
    assert lines["NEWSDIGEST_SMTP_PASSWORD"][0] == "not set"
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


def _config_file(tmp_path, text: str) -> dict[str, str]:
    path = tmp_path / "newsdigest.toml"
    path.write_text(text)
    return {"NEWSDIGEST_CONFIG": str(path)}


CONFIG = """
model = "from-file"
base_url = "http://127.0.0.1:9/v1"
timeout = 30
n_ctx = 4096
threads = 2

[digest]
cache = "/srv/news/cache.sqlite3"

[smtp]
host = "127.0.0.1"
port = {port}
starttls = false
from = "digest@example.org"
"""


def test_each_setting_says_where_it_comes_from_flag_over_env_over_file(run_cli, tmp_path):
    env = _config_file(tmp_path, CONFIG.format(port=25))
    shown = json.loads(run_cli("config", "--json", env=env).stdout)
    assert shown["model"] == "from-file" and shown["sources"]["model"] == "file"
    assert shown["timeout_s"] == 30 and shown["sources"]["timeout_s"] == "file"
    assert shown["n_ctx"] == 4096 and shown["threads"] == 2 and shown["reasks"] == 2
    assert shown["sources"]["reasks"] == "default"
    assert shown["cache"] == "/srv/news/cache.sqlite3" and shown["smtp.host"] == "127.0.0.1"
    assert shown["smtp.from"] == "digest@example.org" and shown["sources"]["smtp.user"] == "default"
    assert shown["config_file"] == env["NEWSDIGEST_CONFIG"]

    from_env = json.loads(run_cli("config", "--json", env={**env, "NEWSDIGEST_MODEL": "from-env"}).stdout)
    assert from_env["model"] == "from-env" and from_env["sources"]["model"] == "env NEWSDIGEST_MODEL"
    from_flag = json.loads(run_cli("config", "--json", "--model", "from-flag", env={**env, "NEWSDIGEST_MODEL": "x"}).stdout)
    assert from_flag["model"] == "from-flag" and from_flag["sources"]["model"] == "option"


def test_the_platform_config_folder_is_read_without_the_variable(run_cli, tmp_path):
    folder = tmp_path / "xdg-config" / "newsdigest"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text('model = "in-the-folder"\nbase_url = "http://127.0.0.1:9/v1"\n')
    shown = json.loads(run_cli("config", "--json").stdout)
    assert shown["model"] == "in-the-folder" and shown["sources"]["config_file"] == "found"


def test_the_file_gives_commands_their_defaults_and_an_option_wins(run_cli, tmp_path):
    import socket

    from conftest import EXAMPLE

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    env = _config_file(tmp_path, CONFIG.format(port=closed).replace('model = "from-file"\nbase_url = "http://127.0.0.1:9/v1"\n', ""))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    mailed = run_cli("digest", str(EXAMPLE), "--no-cache", "--to", "desk@example.org", "-q", env=env)
    assert mailed.code == 8 and f"cannot reach the SMTP server 127.0.0.1:{closed}" in mailed.stderr
    other = run_cli("digest", str(EXAMPLE), "--no-cache", "--to", "desk@example.org", "--smtp-port", "9", "-q", env=env)
    assert other.code == 8 and "127.0.0.1:9" in other.stderr


@pytest.mark.parametrize(("text", "message"), [
    ('api_key = "sk-0123456789"\n', "api_key is a secret, which the config file must not hold"),
    ('[smtp]\npassword = "hunter2"\n', "smtp.password is a secret"),
    ('timeout = "soon"\n', "timeout = 'soon' is not a whole number or number"),
    ('modle = "x"\n', "unknown setting 'modle'"),
    ("model = \n", "is not valid TOML"),
])
def test_a_bad_config_file_is_one_line_and_exit_4(run_cli, tmp_path, text, message):
    result = run_cli("summarize", "-", env=_config_file(tmp_path, text), input="Text.")
    assert result.code == 4, result.stderr
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert "hunter2" not in result.stderr and "sk-0123456789" not in result.stderr


def test_a_config_file_the_variable_names_must_exist(run_cli, tmp_path):
    result = run_cli("config", env={"NEWSDIGEST_CONFIG": str(tmp_path / "absent.toml")})
    assert result.code == 4 and "absent.toml, which does not exist" in result.stderr
