"""What a digest reads: files, directories, globs, stdin and JSONL records.

Expansion is lazy (an archive of a million files is never listed in memory at once) and
never fails as a whole: an input that cannot be used becomes an ``Item`` whose ``load``
raises the reason, so the runner turns it into an error record beside the others' results.
"""

from __future__ import annotations

import dataclasses
import glob
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Collection, Iterable, Iterator, TextIO

from newsdigest import article as article_io
from newsdigest import outfile
from newsdigest.article import Article
from newsdigest.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".html", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Item:
    """One article to digest, not yet read."""

    id: str
    source: str
    path: Path | None = None
    text: str | None = None  # given inline by a JSONL record
    title: str | None = None
    url: str | None = None
    published: str | None = None
    problem: str | None = None  # why this input cannot be an article (raised by ``load``)

    def load(self) -> Article:
        if self.problem:
            raise InputError(self.problem)
        if self.text is not None:
            return article_io.from_text(self.text, source=self.source, article_id=self.id)
        assert self.path is not None
        loaded = article_io.load(str(self.path))
        return loaded if loaded.id == self.id else dataclasses.replace(loaded, id=self.id)


def expand(specs: Iterable[str], stdin: TextIO, *, outputs: Collection[Path | None] = ()) -> Iterator[Item]:
    """Every article the specs name, in order, with ids made unique ("a", "a-2", ...).

    A file that is also one of ``outputs`` raises a UsageError when reached, before the
    output replaces it (outputs are written through a temporary file, renamed at the end).
    """
    seen: dict[str, int] = {}
    for item in _expand_all(specs, stdin, outputs):
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        yield item if count == 1 else dataclasses.replace(item, id=f"{item.id}-{count}")


def _expand_all(specs: Iterable[str], stdin: TextIO, outputs: Collection[Path | None]) -> Iterator[Item]:
    for spec in specs:
        if spec == "-":
            yield from _from_stdin(stdin, outputs)
        else:
            yield from _expand_one(spec, outputs)


def _from_stdin(stdin: TextIO, outputs: Collection[Path | None]) -> Iterator[Item]:
    """JSONL records when the first non-blank character is '{', otherwise one path per line."""
    data = stdin.read()
    if data.lstrip().startswith("{"):
        yield from _records(data.splitlines(), source="-", base=Path.cwd(), outputs=outputs)
        return
    for line in data.splitlines():
        if line.strip() and line.strip() != "-":
            yield from _expand_one(line.strip(), outputs)


def _expand_one(spec: str, outputs: Collection[Path | None]) -> Iterator[Item]:
    path = Path(spec)
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
        if not found:
            yield _problem(spec, f"{spec}: no {'/'.join(ARTICLE_SUFFIXES)} files in this directory")
        yield from (_file(p, outputs) for p in found)
    elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
        outfile.refuse_overwrite(outputs, [path])
        yield from _jsonl_file(path, outputs)
    elif not path.exists() and _GLOB_CHARS & set(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield _problem(spec, f"{spec}: no file matches this pattern")
        for match in matches:
            yield from _expand_one(match, outputs)
    else:
        yield _file(path, outputs)  # a missing file fails when loaded, as one error record


def _file(path: Path, outputs: Collection[Path | None]) -> Item:
    outfile.refuse_overwrite(outputs, [path])
    return Item(id=path.stem, source=str(path), path=path)


def _problem(spec: str, message: str) -> Item:
    return Item(id=Path(spec).stem or spec, source=spec, problem=message)


def _jsonl_file(path: Path, outputs: Collection[Path | None]) -> Iterator[Item]:
    try:
        with path.open(encoding="utf-8") as fh:
            yield from _records(fh, source=str(path), base=path.parent, outputs=outputs)
    except (OSError, UnicodeDecodeError) as exc:
        yield _problem(str(path), f"{path}: cannot be read as UTF-8 JSONL ({exc})")


def _records(lines: Iterable[str], *, source: str, base: Path, outputs: Collection[Path | None]) -> Iterator[Item]:
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield _record(line, where=f"{source}:{number}", base=base, outputs=outputs)


def _record(line: str, *, where: str, base: Path, outputs: Collection[Path | None]) -> Item:
    """One JSONL line: {"id", "text" | "path", "title"?, "url"?, "published"?}."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Item(id=where, source=where, problem=f"{where}: not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return Item(id=where, source=where, problem=f"{where}: a record must be a JSON object")
    meta = {k: str(record[k]) for k in ("title", "url", "published") if record.get(k) is not None}
    text, path = record.get("text"), record.get("path")
    if isinstance(text, str):
        return Item(id=str(record.get("id") or where), source=where, text=text, **meta)
    if isinstance(path, str) and path:
        resolved = Path(path) if Path(path).is_absolute() else base / path
        outfile.refuse_overwrite(outputs, [resolved])
        return Item(id=str(record.get("id") or resolved.stem), source=str(resolved), path=resolved, **meta)
    return Item(
        id=str(record.get("id") or where), source=where,
        problem=f'{where}: a record needs "text" (the article) or "path" (its file)',
    )
