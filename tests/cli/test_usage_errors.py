"""Every usage mistake, run as a real process: exit 2 and one line on stderr saying what is
wrong, never an "internal error" or a traceback."""

from __future__ import annotations

import pytest

from conftest import EXAMPLE

MISTAKES = {
    "an unknown option": ("summarize", "--frobnicate", str(EXAMPLE)),
    "no path": ("summarize",),
    "a number that is not one": ("summarize", str(EXAMPLE), "--timeout", "abc"),
    "an unknown command": ("frobnicate",),
    "no command": (),
    "a group without its command": ("cache",),
    "an unknown format": ("summarize", str(EXAMPLE), "--format", "pdf"),
    "a value out of range": ("summarize", str(EXAMPLE), "--reasks", "99"),
    "an unknown subcommand": ("batch", "frobnicate"),
}


@pytest.mark.parametrize("args", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_usage_mistake_is_one_line_and_exit_2(run_cli, args):
    result = run_cli(*args)
    assert result.code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsdigest: error: "), lines[0]
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_the_line_names_the_mistake_and_where_help_is(run_cli):
    line = run_cli("summarize", "--frobnicate", str(EXAMPLE)).stderr.strip()
    assert "--frobnicate" in line and "newsdigest summarize --help" in line
    assert "'frobnicate'" in run_cli("frobnicate").stderr
    assert "missing" in run_cli("summarize").stderr.lower()
    assert "--timeout" in run_cli("summarize", str(EXAMPLE), "--timeout", "abc").stderr


def test_no_command_names_the_commands(run_cli):
    line = run_cli().stderr.strip()
    for command in ("summarize", "digest", "cache", "config"):
        assert command in line
    assert "stats" in run_cli("cache").stderr and "clear" in run_cli("cache").stderr


def test_help_and_version_still_exit_0(run_cli):
    assert run_cli("--help").code == 0
    assert run_cli("cache", "--help").code == 0
    assert run_cli("--version").code == 0


def test_help_is_plain_with_the_model_options_in_their_own_section(run_cli):
    # Plain help (rich's formatting doubled the start-up time); flags show no "<bool>" value.
    help_text = run_cli("summarize", "--help").stdout
    assert "<bool>" not in help_text and "╭" not in help_text
    options, model = help_text.split("\nOptions:\n")[1].split("\nModel:\n")
    assert "--help" in options and "--base-url" not in options
    assert "--base-url" in model and "'newsdigest[local]'" in model
