"""Inputs made to break the digest: bad bytes, endless streams, paths that escape, loops.

Each test builds real files (or pipes real processes) and checks that one bad input costs
only itself: it becomes an error record naming what is wrong, and the others are read.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

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
    assert proc.returncode == 7, proc.stderr
    (record,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert record["error"] == f"-:1: longer than {inputs.MAX_LINE_BYTES:,} bytes; the rest of - was not read"
