"""What users of gh, llm or httpie take for granted: colour that NO_COLOR and --no-color turn
off, shell completion."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT


def _on_a_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """The command's stdout when stdout is a terminal (a pseudo-terminal)."""
    controller, terminal = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_", "NO_COLOR"))}
    full_env.update(PYTHONPATH=str(ROOT / "src"), **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "newsdigest", *args], stdout=terminal, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, env=full_env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(controller)
    return b"".join(chunks).decode()


def test_text_on_a_terminal_is_coloured():
    shown = _on_a_terminal("summarize", str(EXAMPLE))
    assert "\x1b[1mSUMMARY\x1b[0m" in shown and "\x1b[32m[high]\x1b[0m" in shown


@pytest.mark.parametrize(("args", "env"), [(("--no-color",), {}), ((), {"NO_COLOR": "1"})])
def test_no_color_and_the_no_color_option_turn_colour_off(args, env):
    shown = _on_a_terminal("summarize", str(EXAMPLE), *args, env=env)
    assert "SUMMARY" in shown and "\x1b[" not in shown


def test_colour_never_goes_into_a_pipe_or_a_file(run_cli, tmp_path):
    assert "\x1b[" not in run_cli("summarize", str(EXAMPLE), "-f", "text").stdout


def test_shell_completion_is_offered_and_completes_commands(run_cli):
    assert "--show-completion" in run_cli("--help").stdout
    # Typer detects the shell from the process tree; its variable names it instead (no shell runs the tests).
    script = run_cli("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert script.code == 0 and "_NEWSDIGEST_COMPLETE" in script.stdout
    completed = run_cli(env={"_NEWSDIGEST_COMPLETE": "complete_bash", "COMP_WORDS": "newsdigest su", "COMP_CWORD": "1"})
    assert "summarize" in completed.stdout


def test_quiet_silences_the_no_model_notice_but_not_errors(run_cli, tmp_path):
    assert "no model configured" in run_cli("summarize", str(EXAMPLE)).stderr
    quiet = run_cli("summarize", str(EXAMPLE), "-q")
    assert quiet.code == 0 and quiet.stderr == ""
    missing = run_cli("summarize", str(tmp_path / "missing.txt"), "-q")
    assert missing.code == 3 and "no such file" in missing.stderr


@pytest.mark.parametrize("command", [("summarize",), ("digest",), ("config",), ("schema",), ("cache", "stats"),
                                     ("cache", "clear"), ("batch", "prepare"), ("batch", "collect")])
def test_every_command_takes_quiet(run_cli, command):
    assert "-q, --quiet" in run_cli(*command, "--help").stdout
