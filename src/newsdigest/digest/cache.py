"""A SQLite cache of model results, safe to share between processes.

Keys are hashes of everything that changes a result: the article's text hash, the prompt's
name, version and file hash, the schema version, the newsdigest version, the backend, the
server host, and the model settings (model, mode, re-asks, max tokens, temperature, seed).
Each result is written in its own transaction as soon as it exists, so a digest that is
interrupted resumes where it stopped. WAL mode lets readers and one writer work at once;
the busy timeout makes a second process wait for the lock instead of failing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from newsdigest import __version__
from newsdigest.backends.base import Backend
from newsdigest.backends.registry import BACKENDS
from newsdigest.errors import ConfigError
from newsdigest.prompts import Prompt
from newsdigest.schema import SCHEMA_VERSION

_BUSY_TIMEOUT_MS = 60_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    created REAL NOT NULL
)
"""


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("newsdigest") / "results.sqlite3"


def fingerprint(backend: Backend, prompt: Prompt) -> dict[str, Any] | None:
    """What besides the article text changes a backend's result; None if it is not cacheable.

    Only model answers are cached: the offline engine is faster than a cache lookup.
    """
    if not BACKENDS[backend.name].chat_model:
        return None
    return {
        "schema_version": SCHEMA_VERSION,
        "newsdigest": __version__,
        "backend": backend.name,
        "host": backend.base_url_host,
        "settings": backend.settings.answer_settings(),
        "prompt": {"name": prompt.name, "version": prompt.version, "sha256": prompt.sha256},
    }


def key(kind: str, **parts: Any) -> str:
    canonical = json.dumps({"kind": kind, **parts}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


class Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every put is its own transaction, durable once it returns.
            self._db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._use_wal()
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise _unusable(path, exc) from exc

    def _use_wal(self) -> None:
        """Switch the file to WAL mode (it stays so). SQLite answers "database is locked" at once,
        without waiting out the busy timeout, when another process opens the same new file at
        the same moment; so try again until that timeout is spent."""
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def get(self, key: str) -> str | None:
        row = self._run("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, kind: str, value: str) -> None:
        self._run(
            "INSERT OR REPLACE INTO results (key, kind, value, created) VALUES (?, ?, ?, ?)",
            (key, kind, value, time.time()),
        )

    def stats(self) -> dict[str, Any]:
        rows = self._run("SELECT kind, COUNT(*), SUM(LENGTH(value)), MIN(created), MAX(created) "
                         "FROM results GROUP BY kind ORDER BY kind").fetchall()
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return {
            "path": str(self.path),
            "entries": sum(r[1] for r in rows),
            "bytes_on_disk": sum(f.stat().st_size for f in files if f.exists()),
            "kinds": {r[0]: {"entries": r[1], "bytes": r[2], "oldest": _iso(r[3]), "newest": _iso(r[4])} for r in rows},
        }

    def clear(self) -> int:
        removed = self._run("DELETE FROM results").rowcount
        self._run("VACUUM")
        return removed

    def close(self) -> None:
        self._db.close()

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise _unusable(self.path, exc) from exc


def _unusable(path: Path, exc: Exception) -> ConfigError:
    return ConfigError(
        f"the cache at {path} cannot be used: {exc}",
        hint=f"pass --no-cache or another --cache PATH, or delete {path}",
    )


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))
