"""summarize's inputs and outputs added for issue 14: URLs, jsonl, the HTML view, the format an
output file's suffix names, and stdin on a terminal."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT


def test_a_url_is_fetched_and_kept_as_the_source(run_cli, web):
    url = web.page("/news/council-budget.html", f"<html><body><article><p>{EXAMPLE.read_text()}</p></article></body></html>")
    result = run_cli("summarize", url, "--format", "json")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["article"]["source"] == url and doc["article"]["id"] == "council-budget"
    assert any("Pereira" in c["attribution"]["source"] for c in doc["claims"])


def test_a_url_that_fails_is_one_line_with_the_status(run_cli, web):
    result = run_cli("summarize", web.url("/gone.html"))
    assert result.code == 3
    assert result.stderr.strip().splitlines()[-1].startswith("newsdigest: error: http://")
    assert "404" in result.stderr


@pytest.mark.parametrize("count", [1, 2])
def test_jsonl_is_one_object_per_line_whatever_the_number_of_files(run_cli, tmp_path, count):
    paths = [str(EXAMPLE)] * count
    result = run_cli("summarize", *paths, "--format", "jsonl")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == count
    assert all(json.loads(line)["article"]["id"] == "council-budget" for line in lines)


def test_jsonl_gives_a_failed_file_an_error_record_in_its_place(run_cli, tmp_path):
    result = run_cli("summarize", str(EXAMPLE), str(tmp_path / "missing.txt"), str(EXAMPLE), "-f", "jsonl")
    assert result.code == 7
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("kind") for r in records] == [None, "input", None]
    error = records[1]
    assert error["id"] == "missing" and error["source"] == str(tmp_path / "missing.txt")
    assert error["error"].startswith("no such file")  # the source is not repeated


@pytest.mark.parametrize(("name", "marker"), [
    ("out.html", "<!doctype html>"), ("out.htm", "<!doctype html>"), ("out.jsonl", '{"schema_version": "1"'),
    ("out.json", "{\n  \"schema_version\": \"1\""), ("out.md", "# Riverton"), ("out.txt", "Riverton council approves budget amid dispute over library cuts\n("),
])
def test_the_output_suffix_selects_the_format(run_cli, tmp_path, name, marker):
    out = tmp_path / name
    result = run_cli("summarize", str(EXAMPLE), "-o", str(out))
    assert result.code == 0, result.stderr
    assert out.read_text().lower().startswith(marker.lower()), out.read_text()[:200]


def test_html_shows_the_article_text_annotated(run_cli, tmp_path):
    out = tmp_path / "view.html"
    assert run_cli("summarize", str(EXAMPLE), "-f", "html", "-o", str(out)).code == 0
    page = out.read_text()
    assert "Mayor Ana Pereira" in page and "<mark" in page and "<script" not in page


@pytest.mark.parametrize("name", ["out.eml", "out.pdf"])
def test_a_suffix_the_command_cannot_write_is_a_usage_error(run_cli, tmp_path, name):
    result = run_cli("summarize", str(EXAMPLE), "-o", str(tmp_path / name))
    assert result.code == 2
    assert f"summarize cannot write .{name.split('.')[1]} files" in result.stderr
    assert not (tmp_path / name).exists()


def test_an_explicit_format_wins_over_the_suffix(run_cli, tmp_path):
    out = tmp_path / "notes.log"
    assert run_cli("summarize", str(EXAMPLE), "-f", "md", "-o", str(out)).code == 0
    assert out.read_text().startswith("# Riverton")


def test_stdin_on_a_terminal_says_what_it_waits_for(tmp_path):
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    proc = subprocess.Popen([sys.executable, "-m", "newsdigest", "summarize", "-", "-f", "json"], stdin=terminal,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    os.close(terminal)
    first = proc.stderr.readline().decode()
    assert "reading an article from the terminal" in first and "Ctrl-D" in first
    os.write(controller, b"The mayor said the budget was fair.\n\x04")
    out, _ = proc.communicate(timeout=60)
    os.close(controller)
    assert proc.returncode == 0 and json.loads(out)["article"]["source"] == "-"
