"""A SQLite cache of article results, safe to share between processes.

Keys are hashes of everything that changes a result: the article's text hash, the schema
version, the newsdigest version, the backend, and then for a model the server (its base URL
without credentials or query: another port or path is another server) or the model file, the
prompt's name, version and file hash and the model settings (model, mode, re-asks, max
tokens, context window, temperature, seed); for the offline engine its rules version and the hash of its
lexicons (what its provenance records). Each result is written in its own transaction as soon
as it exists, so a digest that is interrupted resumes where it stopped. WAL mode lets
readers and one writer work at once; the busy timeout makes a second process wait for the
lock instead of failing.

A digest gives the cache a ``warn`` callback: a cache that is locked by another process past
the timeout, or fails otherwise while the digest runs, is then warned about once and not used
for the rest of the run, so the results being computed are never lost to it. Without
``warn`` (the ``cache`` commands) such a failure is an error.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Callable, TypeVar
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel

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


def fingerprint(backend: Backend, prompt: Prompt) -> dict[str, Any]:
    """What besides the article text changes a backend's result.

    The offline engine's results are cached too: a hit costs about a tenth of recomputing one."""
    common = {"schema_version": SCHEMA_VERSION, "newsdigest": __version__, "backend": backend.name}
    if not BACKENDS[backend.name].chat_model:
        from newsdigest.offline import engine, lexicon

        # What its provenance records: the rules' version and the hash of their word lists.
        return {**common, "rules": engine.RULES_VERSION, "lexicons": lexicon.fingerprint()}
    return {
        **common,
        "server": server(backend),
        "settings": backend.settings.answer_settings(),
        "prompt": {"name": prompt.name, "version": prompt.version, "sha256": prompt.sha256},
    }


def server(backend: Backend) -> str | None:
    """Where a model's answers come from: the base URL without credentials or query, else the
    model file (llamacpp), else the host (OpenAI's own API)."""
    settings = backend.settings
    if settings.base_url:
        parts = urlsplit(settings.base_url)
        netloc = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname or ""
        return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
    return settings.model_path or backend.base_url_host


def key(kind: str, **parts: Any) -> str:
    canonical = json.dumps({"kind": kind, **parts}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


Model = TypeVar("Model", bound=BaseModel)


class Cache:
    def __init__(self, path: Path, *, warn: Callable[[str], None] | None = None) -> None:
        self.path = path
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit: every put is its own transaction, durable once it returns.
            self._db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._use_wal()
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            if not (warn and _busy(exc)):
                raise _unusable(path, exc) from exc
            self._give_up(exc)

    def _use_wal(self) -> None:
        """Switch the file to WAL mode (it stays so). SQLite answers "database is locked" at once,
        without waiting out the busy timeout, when another process opens the same new file at
        the same moment; so try again until that timeout is spent."""
        assert self._db is not None
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
        row = self._run("SELECT value FROM results WHERE key = ?", (key,))
        return row[0][0] if row else None

    def load(self, key: str, model: type[Model]) -> Model | None:
        """The entry as ``model``; a damaged entry (it does not validate) is a miss."""
        value = self.get(key)
        if value is None:
            return None
        try:
            return model.model_validate_json(value)
        except ValueError:
            return None

    def put(self, key: str, kind: str, value: str) -> None:
        self._run(
            "INSERT OR REPLACE INTO results (key, kind, value, created) VALUES (?, ?, ?, ?)",
            (key, kind, value, time.time()),
        )

    def stats(self) -> dict[str, Any]:
        rows = self._run("SELECT kind, COUNT(*), SUM(LENGTH(value)), MIN(created), MAX(created) "
                         "FROM results GROUP BY kind ORDER BY kind")
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return {
            "path": str(self.path),
            "entries": sum(r[1] for r in rows),
            "bytes_on_disk": sum(f.stat().st_size for f in files if f.exists()),
            "kinds": {r[0]: {"entries": r[1], "bytes": r[2], "oldest": _iso(r[3]), "newest": _iso(r[4])} for r in rows},
        }

    def clear(self) -> int:
        self._run("DELETE FROM results")
        removed = self._run("SELECT changes()")[0][0]
        self._run("VACUUM")
        return removed

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """The statement's rows; none once the cache is given up."""
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            if not self._warn:
                raise _unusable(self.path, exc) from exc
            self._give_up(exc)
            return []

    def _give_up(self, exc: Exception) -> None:
        assert self._warn is not None
        if self._db is not None:
            self._db.close()
            self._db = None
        why = "locked by another process" if _busy(exc) else f"failing ({exc})"
        self._warn(f"the cache at {self.path} is {why}: continuing without it, so this run's results are not cached")


def _busy(exc: Exception) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc))


def _unusable(path: Path, exc: Exception) -> ConfigError:
    return ConfigError(
        f"the cache at {path} cannot be used: {exc}",
        hint=f"pass --no-cache or another --cache PATH, or delete {path}",
    )


def _iso(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))
