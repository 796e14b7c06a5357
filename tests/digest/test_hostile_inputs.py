"""Inputs made to break the digest: bad bytes, endless streams, paths that escape, loops.

Each test builds real files (or pipes real processes) and checks that one bad input costs
only itself: it becomes an error record naming what is wrong, and the others are read.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT

from newsdigest.digest import inputs


def _record(n: int) -> bytes:
    return json.dumps({"id": f"r{n}", "text": f"Record {n} says the council met on day {n}."}).encode() + b"\n"


def test_one_bad_byte_in_a_jsonl_file_loses_only_its_line(tmp_path):
    lines = [_record(n) for n in range(1000)]
    lines[500] = lines[500].replace(b"council", b"council\xff")
    (tmp_path / "feed.jsonl").write_bytes(b"".join(lines))
    items = list(inputs.expand([str(tmp_path / "feed.jsonl")], io.BytesIO()))
    assert len(items) == 1000
    bad = [i for i in items if i.problem]
    byte = lines[500].index(b"\xff") + 1
    assert [(i.id, i.problem) for i in bad] == [
        (f"{tmp_path}/feed.jsonl:501",
         f"{tmp_path}/feed.jsonl:501: not valid UTF-8 (byte {byte} of the line)")]
    assert [i.id for i in items if not i.problem] == [f"r{n}" for n in range(1000) if n != 500]


def test_a_small_jsonl_file_with_a_bad_byte_is_digested_but_that_line(run_cli, tmp_path):
    lines = [_record(n) for n in range(4)]
    lines[1] = b'{"id": "r1", "text": "Caf\xe9 owners met on Monday."}\n'  # Latin-1, not UTF-8
    (tmp_path / "feed.jsonl").write_bytes(b"".join(lines))
    result = run_cli("digest", "feed.jsonl", "-f", "jsonl", "--backend", "offline", "--quiet")
    assert result.code == 7, result.stderr
    records = {r.get("article", {}).get("id") or r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert sorted(records) == ["feed.jsonl:2", "r0", "r2", "r3"]  # in the order they finished
    assert records["feed.jsonl:2"]["kind"] == "input" and "not valid UTF-8" in records["feed.jsonl:2"]["error"]


def test_stdin_without_line_ends_is_read_only_up_to_the_line_limit(tmp_path):
    """``digest - < /dev/zero`` used to read until memory ran out."""
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "newsdigest", "digest", "-", "-f", "jsonl", "--backend", "offline", "--quiet"],
        stdin=open("/dev/zero", "rb"), capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert proc.returncode == 3, proc.stderr  # nothing could be read: an input error
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["source"] == "-:1"
    assert record["error"] == f"longer than {inputs.MAX_LINE_BYTES:,} bytes; the rest of - was not read"


BATCH = ROOT / "tests" / "fixtures" / "batch"


def _results() -> list[dict]:
    return [json.loads(x) for x in (BATCH / "results.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("first", [
    {"response": "garbage"},
    {"response": {"status_code": 500, "body": ["not", "an", "object"]}},
    {"response": {"status_code": 200, "body": "not a completion"}},
    "not json",
])
def test_collect_keeps_every_good_result_when_another_line_is_malformed(run_cli, tmp_path, first):
    recorded = _results()  # two answers recorded from the real test server
    line = first if isinstance(first, str) else json.dumps({**recorded[0], **first})
    (tmp_path / "results.jsonl").write_text(line + "\n" + json.dumps(recorded[1]) + "\n")
    result = run_cli("batch", "collect", "results.jsonl", "--manifest", str(BATCH / "requests.manifest.jsonl"),
                     "--format", "jsonl")
    assert result.code == 7, result.stderr
    assert "internal error" not in result.stderr
    first_out, second_out = map(json.loads, result.stdout.splitlines())
    assert first_out["kind"] == "model_output"
    assert second_out["article"]["id"] == "library" and second_out["claims"]


@pytest.mark.parametrize("edit,problem", [
    (lambda entry: {**entry, "settings": "fast"}, "not a manifest entry (settings:"),
    (lambda entry: {**entry, "prompt": {"name": "extract"}}, "not a manifest entry (prompt.version: Field required)"),
    (lambda entry: {k: v for k, v in entry.items() if k != "text"}, "not a manifest entry (text: Field required)"),
    (lambda entry: ["a", "list"], "not a manifest entry"),
    (lambda entry: "{broken", "not valid JSON"),
])
def test_a_hand_edited_manifest_line_is_an_error_record_and_the_others_are_digested(run_cli, tmp_path, edit, problem):
    entries = [json.loads(x) for x in (BATCH / "requests.manifest.jsonl").read_text().splitlines()]
    edited = edit(entries[0])
    lines = [edited if isinstance(edited, str) else json.dumps(edited), json.dumps(entries[1])]
    (tmp_path / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    result = run_cli("batch", "collect", str(BATCH / "results.jsonl"), "--manifest", "manifest.jsonl", "--format", "jsonl")
    assert result.code == 7, result.stderr
    first_out, second_out = map(json.loads, result.stdout.splitlines())
    assert first_out["id"] == "manifest.jsonl:1" and first_out["kind"] == "input"
    assert first_out["source"] == "manifest.jsonl:1" and first_out["error"].startswith(problem), first_out["error"]
    assert second_out["article"]["id"] == "library" and second_out["claims"]


SECRET_MEMO = "Private memo\n\nThe board secretly agreed to sell the harbour land to the mayor's cousin.\n"


def _feed_with_escaping_paths(tmp_path):
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "memo.txt").write_text(SECRET_MEMO)
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "ok.txt").write_text("Bridge reopens\n\nThe Elm Street bridge reopened on Friday, officials said.\n")
    (feed / "link.txt").symlink_to(tmp_path / "private" / "memo.txt")
    records = [{"id": "ok", "path": "ok.txt"}, {"id": "up", "path": "../private/memo.txt"},
               {"id": "abs", "path": str(tmp_path / "private" / "memo.txt")}, {"id": "link", "path": "link.txt"}]
    (feed / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return feed / "feed.jsonl"


def test_jsonl_paths_are_confined_to_the_jsonl_files_folder(run_cli, tmp_path):
    _feed_with_escaping_paths(tmp_path)
    result = run_cli("digest", "feed/feed.jsonl", "-f", "jsonl", "--backend", "offline", "--quiet")
    assert result.code == 7, result.stderr
    assert "harbour" not in result.stdout
    records = {r.get("article", {}).get("id") or r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["ok"]["claims"]
    for refused, path in (("up", "'../private/memo.txt'"), ("abs", repr(str(tmp_path / "private" / "memo.txt"))),
                          ("link", "'link.txt'")):
        assert records[refused]["kind"] == "input"
        assert f'"path" {path} leads outside feed; pass --jsonl-root DIR' in records[refused]["error"]

    prepared = run_cli("batch", "prepare", "feed/feed.jsonl", "-o", "requests.jsonl", "--model", "m")
    assert prepared.code == 7, prepared.stderr
    assert "harbour" not in (tmp_path / "requests.jsonl").read_text() + (tmp_path / "requests.manifest.jsonl").read_text()


def test_jsonl_root_allows_a_wider_folder(run_cli, tmp_path):
    _feed_with_escaping_paths(tmp_path)
    result = run_cli("digest", "feed/feed.jsonl", "-f", "jsonl", "--backend", "offline", "--quiet", "--jsonl-root", ".")
    assert result.code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4 and "harbour" in result.stdout


def test_jsonl_paths_on_stdin_are_confined_to_the_current_folder(run_cli, tmp_path):
    _feed_with_escaping_paths(tmp_path)
    records = [{"id": "inside", "path": "private/memo.txt"}, {"id": "outside", "path": "/etc/hostname"}]
    result = run_cli("digest", "-", "-f", "jsonl", "--backend", "offline", "--quiet",
                     input="".join(json.dumps(r) + "\n" for r in records))
    assert result.code == 7, result.stderr
    done = {r.get("article", {}).get("id") or r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert done["inside"]["claims"] and "leads outside" in done["outside"]["error"]


def test_a_glob_does_not_follow_a_symlink_loop(tmp_path):
    feed = tmp_path / "feed"
    (feed / "sub").mkdir(parents=True)
    (feed / "a.txt").write_text("First article.\n")
    (feed / "sub" / "b.txt").write_text("Second article.\n")
    (feed / "sub" / "loop").symlink_to(feed)  # feed/sub/loop/sub/loop/... without end
    for spec in (f"{feed}/**/*.txt", str(feed)):
        items = list(inputs.expand([spec], io.BytesIO()))
        assert [i.source for i in items] == [str(feed / "a.txt"), str(feed / "sub" / "b.txt")], spec


def test_two_symlink_loops_do_not_multiply_the_matches(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text("First article.\n")
    (feed / "x").symlink_to(feed)
    (feed / "y").symlink_to(feed)  # glob.glob would list 2 ** 40 paths here
    items = list(inputs.expand([f"{feed}/**/*.txt"], io.BytesIO()))
    assert [i.source for i in items] == [str(feed / "a.txt")]


def test_relative_globs_and_a_wildcard_folder_still_match(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("2024", "2025"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text("An article.\n")
    items = list(inputs.expand(["*/a.txt", "20?5/*.txt"], io.BytesIO()))
    assert [i.source for i in items] == ["2024/a.txt", "2025/a.txt", "2025/a.txt"]


def test_file_names_that_are_not_utf8_are_shown_escaped_in_every_output(run_cli, tmp_path):
    import os

    feed = tmp_path / "feed"
    feed.mkdir()
    with open(os.path.join(os.fsencode(feed), b"\xff\xfe.txt"), "wb") as fh:
        fh.write(b"Council approves budget\n\nThe council approved 5 million dollars on Tuesday, the mayor said.\n")
    (feed / "ok.txt").write_text("Bridge reopens\n\nThe Elm Street bridge reopened on Friday, officials said.\n")
    offline = ("--backend", "offline", "--quiet")
    markdown = run_cli("digest", "feed", "-f", "md", "-o", "digest.md", *offline)
    assert markdown.code == 0, markdown.stderr
    assert "\\\\xff\\\\xfe" in (tmp_path / "digest.md").read_text()  # \xff\xfe, Markdown-escaped
    for target in ((), ("-o", "out.jsonl")):
        streamed = run_cli("digest", "feed", "-f", "jsonl", *target, *offline)
        assert streamed.code == 0, streamed.stderr
        text = (tmp_path / "out.jsonl").read_text() if target else streamed.stdout
        sources = sorted(json.loads(line)["article"]["source"] for line in text.splitlines())
        assert sources == ["feed/\\xff\\xfe.txt", "feed/ok.txt"]
    single = run_cli("summarize", os.fsdecode(b"feed/\xff\xfe.txt"), "-f", "json", "--backend", "offline")
    assert single.code == 0, single.stderr
    assert json.loads(single.stdout)["article"]["id"] == "\\xff\\xfe"
    # summarize -f jsonl gives a line for every name, a result or an error record, in their order.
    lines = run_cli("summarize", os.fsdecode(b"feed/\xff\xfe.txt"), os.fsdecode(b"feed/gone\xff.txt"),
                    "-f", "jsonl", "--backend", "offline")
    assert lines.code == 7, lines.stderr
    result, error = map(json.loads, lines.stdout.splitlines())
    assert result["article"]["source"] == "feed/\\xff\\xfe.txt"
    assert (error["source"], error["kind"]) == ("feed/gone\\xff.txt", "input")
    assert "feed/gone\\xff.txt: no such file" in lines.stderr


def test_a_jsonl_id_with_a_lone_surrogate_still_gives_valid_json(run_cli, tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"id": "a\\ud800", "title": "T\\udcff", "text": "The council met on Monday, officials said."}\n')
    result = run_cli("digest", "feed.jsonl", "-f", "jsonl", "--backend", "offline", "--quiet")
    assert result.code == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert (article["id"], article["title"]) == ("a\ufffd", "T\\xff")


def test_a_named_fifo_without_a_writer_does_not_block(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    for args in (["summarize", "pipe.txt"], ["digest", "pipe.txt", "-f", "jsonl", "--quiet"]):
        proc = subprocess.run([sys.executable, "-m", "newsdigest", *args, "--backend", "offline"],
                              capture_output=True, text=True, env=env, cwd=tmp_path, timeout=30)
        assert proc.returncode in (3, 7), proc.stderr
        assert "pipe.txt: is empty" in proc.stdout + proc.stderr
