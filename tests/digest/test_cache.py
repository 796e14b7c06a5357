"""The result cache: SQLite in WAL mode, shared by processes without corruption."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT

from newsdigest.digest.cache import Cache, key

WRITER = """
import sys
from newsdigest.digest.cache import Cache, key
cache = Cache(__import__("pathlib").Path(sys.argv[1]))
name = sys.argv[2]
for i in range(300):
    # Half the keys are shared with the other process, half are this process's own.
    k = key("article", n=i) if i % 2 else key("article", n=i, writer=name)
    cache.put(k, "article", f"{name}:{i}:" + "x" * 2000)
    assert cache.get(k) is not None
print("ok")
"""


def test_two_processes_writing_one_cache_at_once_leave_it_whole(tmp_path):
    path = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={"PYTHONPATH": str(ROOT / "src")}, text=True)
        for name in ("p1", "p2")
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.strip() == "ok", err
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # 150 shared keys (last writer wins) + 150 own keys per process.
    assert db.execute("SELECT COUNT(*) FROM results").fetchone() == (450,)
    cache = Cache(path)
    assert cache.get(key("article", n=1)).split(":")[0] in ("p1", "p2")
    assert cache.get(key("article", n=0, writer="p2")).startswith("p2:0:")


def test_stats_and_clear(tmp_path):
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put(key("article", n=1), "article", "{}")
    cache.put(key("crosscheck", n=1), "crosscheck", "{}")
    stats = cache.stats()
    assert stats["entries"] == 2 and set(stats["kinds"]) == {"article", "crosscheck"}
    assert cache.clear() == 2 and cache.stats()["entries"] == 0


def test_an_unusable_cache_file_is_a_config_error(tmp_path):
    from newsdigest.errors import ConfigError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigError, match="cannot be used"):
        Cache(bad)


def test_another_port_path_or_context_window_is_another_key_but_credentials_are_not():
    from newsdigest.backends.openai_http import OpenAIBackend
    from newsdigest.digest.cache import fingerprint
    from newsdigest.prompts import PromptStore
    from newsdigest.settings import Settings

    prompt = PromptStore().get("extract")

    def identity(base_url: str, **settings: object) -> str:
        backend = OpenAIBackend(Settings(backend="openai", model="m", base_url=base_url, **settings))
        return key("article", **fingerprint(backend, prompt))

    served = identity("http://127.0.0.1:8080/v1")
    assert identity("http://127.0.0.1:8081/v1") != served
    assert identity("http://127.0.0.1:8080/other/v1") != served
    assert identity("http://127.0.0.1:8080/v1", n_ctx=4096) != served
    assert identity("http://user:secret@127.0.0.1:8080/v1/?api_key=k") == served
