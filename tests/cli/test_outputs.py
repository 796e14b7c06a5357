"""Writing outputs: never over an input, never through a name planted beforehand, and a
closed or full stdout is one line of error, not a traceback. Real files and real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from conftest import ROOT

ARTICLE = "Council approves budget\n\nThe council approved a budget of 5 million dollars on Tuesday, the mayor said.\n"
RECORD = json.dumps({"id": "a1", "text": ARTICLE}) + "\n"


def _one_error_line(result, code: int, *words: str) -> None:
    assert result.code == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsdigest: error: "), result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("args", [
    ["digest", "feed.jsonl", "-f", "jsonl", "-o", "feed.jsonl"],
    ["digest", "feed.jsonl", "-f", "md", "-o", "./sub/../feed.jsonl"],  # another spelling of the same file
    ["digest", "--feed", "feed.jsonl", "-f", "md", "-o", "feed.jsonl"],  # a feed file is an input too
    ["batch", "prepare", "feed.jsonl", "-o", "feed.jsonl", "--model", "m"],
    # The manifest (NAME.manifest.jsonl beside the requests) would land on the input.
    ["batch", "prepare", "feed.manifest.jsonl", "-o", "feed.jsonl", "--model", "m"],
    ["summarize", "article.txt", "-o", "article.txt"],
    ["batch", "collect", "feed.jsonl", "--manifest", "feed.manifest.jsonl", "-o", "feed.manifest.jsonl"],
])
def test_an_output_that_is_an_input_is_refused_and_the_input_kept(run_cli, tmp_path, args):
    (tmp_path / "sub").mkdir()
    for name in ("feed.jsonl", "feed.manifest.jsonl"):
        (tmp_path / name).write_text(RECORD)
    (tmp_path / "article.txt").write_text(ARTICLE)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    result = run_cli(*args, "--backend", "offline") if args[0] != "batch" else run_cli(*args)
    _one_error_line(result, 2, "refusing to write", "it is also an input")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before  # nothing left behind either


def test_a_directory_holding_the_output_is_refused_when_the_output_would_be_read(run_cli, tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text(ARTICLE)
    (feed / "digest.md").write_text("# yesterday's digest\n")
    result = run_cli("digest", "feed", "-f", "md", "-o", "feed/digest.md", "--quiet", "--backend", "offline")
    _one_error_line(result, 2, "refusing to write feed/digest.md")
    assert (feed / "digest.md").read_text() == "# yesterday's digest\n"


def test_a_symlink_planted_at_the_old_temporary_name_is_not_followed(cli_inprocess, tmp_path, monkeypatch):
    """The temporary file used to be ``.NAME.PID.tmp``: anyone could plant a symlink there and
    have the output written over another file. It comes from mkstemp now."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text(ARTICLE)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / f".out.json.{os.getpid()}.tmp").symlink_to(victim)
    result = cli_inprocess("summarize", "article.txt", "-o", "out.json")
    assert result.code == 0, result.stderr
    assert victim.read_text() == "precious\n"
    out = tmp_path / "out.json"
    assert not out.is_symlink() and json.loads(out.read_text())["article"]["source"] == "article.txt"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # as if opened directly, not mkstemp's 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.json.%d.tmp" % os.getpid(), "article.txt", "out.json", "victim.txt"]


def _shell(command: str, tmp_path) -> subprocess.CompletedProcess:
    """The CLI run by a shell, for redirections run_cli cannot make (a closed or full stdout)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    cli = f"{sys.executable} -m newsdigest"
    return subprocess.run(["sh", "-c", command.replace("CLI", cli)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("command,message", [
    ("CLI summarize --backend offline article.txt -f json >/dev/full", "cannot write stdout: No space left on device"),
    # Devices are named through links in the test's folder: code that replaced its output by a
    # rename would replace the link there, not the machine's /dev/full.
    ("CLI summarize --backend offline article.txt -f json -o full", "cannot write full: No space left on device"),
    ("CLI digest --backend offline article.txt -f jsonl >/dev/full", "cannot write stdout: No space left on device"),
    ("CLI summarize --backend offline article.txt -f json >&-", "stdout is closed"),
    ("CLI digest --backend offline article.txt -f md -o sub --quiet", "cannot write sub: it is a directory"),
    ("CLI summarize --backend offline article.txt -o missing/out.json", "cannot write missing/out.json: No such file or directory"),
])
def test_an_output_that_cannot_be_written_is_one_line_of_error(tmp_path, command, message):
    (tmp_path / "article.txt").write_text(ARTICLE)
    (tmp_path / "full").symlink_to("/dev/full")
    (tmp_path / "sub").mkdir()
    proc = _shell(command, tmp_path)
    assert proc.returncode == 9, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newsdigest: error: {message}"), proc.stderr


def test_a_reader_that_stops_early_gets_one_line_of_error(tmp_path):
    for n in range(30):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE.replace("5 million", f"{n} million"))
    proc = _shell("CLI digest --backend offline . -f jsonl --no-cache | head -c 10; exit ${PIPESTATUS:-0}", tmp_path)
    assert len(proc.stdout) == 10
    assert proc.stderr.splitlines() in ([], ["newsdigest: error: cannot write stdout: Broken pipe "
                                              "(check that its directory exists, is writable and has space)"]), proc.stderr


def test_devices_and_links_are_written_through_not_replaced(tmp_path):
    (tmp_path / "article.txt").write_text(ARTICLE)
    for name, device in (("stdout", "/dev/stdout"), ("null", "/dev/null")):
        (tmp_path / name).symlink_to(device)
    proc = _shell("CLI summarize --backend offline article.txt -f json -o stdout", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["source"] == "article.txt"
    proc = _shell("CLI summarize --backend offline article.txt -f json -o null", tmp_path)
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    # stdout redirected to a file: the link to it leads to a regular file, written through too.
    proc = _shell("CLI summarize --backend offline article.txt -f json -o stdout > redirected.json", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / "redirected.json").read_text())["article"]["source"] == "article.txt"
    assert all((tmp_path / name).is_symlink() for name in ("stdout", "null"))


@pytest.mark.parametrize("command", [
    "CLI summarize --backend offline - <&-",
    "CLI digest --backend offline - -f jsonl --quiet <&-",  # nothing else to read: an input error too
])
def test_a_closed_stdin_is_an_input_error(tmp_path, command):
    proc = _shell(command, tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "stdin is closed: nothing to read for '-'" in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr
