"""The `summarize` command as a user runs it: inputs, formats, output files, and errors."""

from __future__ import annotations

import json
import socket

import pytest

from conftest import EXAMPLE


def test_help_teaches_and_version_prints(run_cli):
    result = run_cli("summarize", "--help")
    assert result.code == 0
    for option in ("--format", "--backend", "--base-url", "--model", "--prompt", "--output", "--debug"):
        assert option in result.stdout
    assert "[local]" in result.stdout  # the extra's name, not swallowed as Rich markup
    assert run_cli("--version").stdout.startswith("newsdigest 0.1.0")


def test_stdin_is_read_with_dash_and_reported_as_its_source(run_cli):
    result = run_cli("summarize", "-", "--format", "json", input=EXAMPLE.read_text())
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["source"] == "-"
    assert doc["article"]["chars"] == len(EXAMPLE.read_text())


def test_piped_output_defaults_to_json_and_several_files_give_an_array(run_cli, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("Officials said the bridge will reopen in May.\n")
    result = run_cli("summarize", str(EXAMPLE), str(second))
    assert result.code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["article"]["id"] for d in docs] == ["council-budget", "second"]


@pytest.mark.parametrize(
    ("fmt", "marker"), [("text", "CLAIMS ("), ("md", "## Claims ("), ("json", '"schema_version": "1"')]
)
def test_each_output_format(run_cli, fmt, marker):
    result = run_cli("summarize", str(EXAMPLE), "--format", fmt)
    assert result.code == 0, result.stderr
    assert marker in result.stdout
    assert "Mayor Ana Pereira" in result.stdout


def test_output_file_takes_its_format_from_the_suffix(run_cli, tmp_path):
    out = tmp_path / "digest.md"
    result = run_cli("summarize", str(EXAMPLE), "-o", str(out))
    assert result.code == 0 and result.stdout == ""
    assert out.read_text().startswith("# Riverton council approves budget")


def test_one_bad_file_among_several_loses_nothing(run_cli, tmp_path):
    out = tmp_path / "out.json"
    result = run_cli("summarize", str(EXAMPLE), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.code == 7
    assert "missing.txt: no such file" in result.stderr
    assert "1 of 2 articles failed" in result.stderr
    assert [d["article"]["id"] for d in json.loads(out.read_text())] == ["council-budget"]  # still an array


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["summarize", "missing.txt"], 3, "missing.txt: no such file (check the path)"),
        (["summarize", "empty.txt"], 3, "empty.txt: is empty"),
        (["summarize", "article.txt", "--format", "yaml"], 2, "unknown format 'yaml'"),
        (["summarize", "article.txt", "--base-url", "http://127.0.0.1:{port}/v1"], 4, "no model named"),
        (["summarize", "article.txt", "--backend", "openai"], 4, "the openai backend needs a server"),
        (["summarize", "article.txt", "--prompt", "extract@99"], 2, "prompt 'extract' has no version '99'"),
        (
            ["summarize", "article.txt", "--base-url", "http://127.0.0.1:{port}/v1", "--model", "m", "--retries", "0"],
            5,
            "cannot reach the model server at 127.0.0.1",
        ),
    ],
)
def test_errors_are_one_line_with_an_exit_code_and_no_traceback(run_cli, tmp_path, args, code, message):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "article.txt").write_text(EXAMPLE.read_text())
    port = _closed_port()
    result = run_cli(*[a.format(port=port) for a in args])
    assert result.code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") <= 1  # the offline-engine note at most, then the error


def test_debug_shows_the_traceback(run_cli):
    result = run_cli("summarize", "missing.txt", "--debug")
    assert result.code != 0 and "Traceback" in result.stderr
