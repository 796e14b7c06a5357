"""The word lists the rules use, read once from ``data/`` (see data/README.md)."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-blank lines of ``data/<name>.txt``, less the ``#`` comment lines."""
    stripped = (raw.strip() for raw in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """Every whitespace-separated word in the file, as one set."""
    return frozenset(w for line in lines(name) for w in line.split())


@cache
def phrases(name: str) -> tuple[str, ...]:
    """One phrase a line, longest first (so a regex alternation prefers the longest)."""
    return tuple(sorted(lines(name), key=len, reverse=True))


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """``key: word word ...`` lines, in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for line in lines(name):
        key, _, rest = line.partition(":")
        out[key.strip()] = tuple(rest.split())
    return out


@cache
def pairs(name: str, sep: str) -> dict[str, str]:
    """``left SEP right`` lines as a mapping (right may be empty)."""
    out = {}
    for line in lines(name):
        left, _, right = line.partition(sep)
        out[left.strip()] = right.strip()
    return out


def alternation(items: tuple[str, ...] | frozenset[str] | list[str]) -> str:
    """A regex group matching any of the phrases as whole words, longest first."""
    ordered = sorted(items, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


@cache
def digest() -> str:
    """SHA-256 over every data file (names and contents): which rules produced an output."""
    h = hashlib.sha256()
    for path in sorted(DATA.glob("*.txt")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
