"""What a digest reads: files, directories, globs, URLs, stdin and JSONL records.

Expansion is lazy (an archive of a million files is never listed in memory at once) and
never fails as a whole: an input that cannot be used becomes an ``Item`` whose ``load``
raises the reason, so the runner turns it into an error record beside the others' results.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Collection, Iterable, Iterator

from newsdigest import outfile
from newsdigest.errors import InputError
from newsdigest.text import article as article_io
from newsdigest.text import fetch
from newsdigest.text.article import Article, printable

ARTICLE_SUFFIXES = (".txt", ".html", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# A JSONL line carries one article, JSON-escaped (up to three bytes per byte of text): room for
# the largest HTML page. A longer line is not a record, and stdin may never end one (/dev/zero).
MAX_LINE_BYTES = 3 * article_io.MAX_HTML_BYTES
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Item:
    """One article to digest, not yet read."""

    id: str
    source: str
    path: Path | None = None
    text: str | None = None  # given inline by a JSONL record or a feed entry
    title: str | None = None
    url: str | None = None  # fetched when there is neither text nor a path
    published: str | None = None
    problem: str | None = None  # why this input cannot be an article (raised by ``load``)
    entry: str | None = None  # the feed entry's id, by which a later run knows it (``feeds``)

    def load(self) -> Article:
        if self.problem:
            raise InputError(self.problem)
        if self.text is not None:
            return article_io.from_text(self.text, source=self.source, article_id=self.id)
        if self.path is None and self.url:
            return fetch.fetch(self.url, article_id=self.id)
        assert self.path is not None
        loaded = article_io.load(str(self.path))
        return loaded if loaded.id == self.id else dataclasses.replace(loaded, id=self.id)


def expand(
    specs: Iterable[str], stdin: BinaryIO | None, *, also: Iterable[Item] = (),
    outputs: Collection[Path | None] = (), jsonl_root: Path | None = None,
) -> Iterator[Item]:
    """Every article the specs name, in order, then those of ``also`` (feed entries), with ids
    made unique ("a", "a-2", ...).

    ``stdin`` is read for the spec '-' (None: the process's stdin is closed). A file that is
    also one of ``outputs`` raises a UsageError when reached, before the output replaces it
    (outputs are written through a temporary file, renamed at the end). A JSONL record's
    "path" must lead to a file under ``jsonl_root``, by default the JSONL file's own folder
    (the current folder for stdin): a feed must not make the digest read and mail any file.
    """
    seen: dict[str, int] = {}
    reader = _Reader(stdin, outputs, jsonl_root)
    for item in itertools.chain(itertools.chain.from_iterable(map(reader.spec, specs)), also):
        count = seen.get(item.id, 0) + 1
        seen[item.id] = count
        yield item if count == 1 else dataclasses.replace(item, id=f"{item.id}-{count}")


@dataclass(frozen=True)
class _Reader:
    stdin: BinaryIO | None
    outputs: Collection[Path | None]
    jsonl_root: Path | None

    def spec(self, spec: str) -> Iterator[Item]:
        if spec == "-":
            yield from self._stdin()
            return
        path = Path(spec)
        if fetch.is_url(spec):
            yield Item(id=fetch.id_for(spec), source=spec, url=spec)
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
            if not found:
                yield _problem(spec, f"{spec}: no {'/'.join(ARTICLE_SUFFIXES)} files in this directory")
            yield from map(self._file, found)
        elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
            outfile.refuse_overwrite(self.outputs, [path])
            yield from self._jsonl_file(path)
        elif not path.exists() and _GLOB_CHARS & set(spec):
            matches = _glob(path)
            if not matches:
                yield _problem(spec, f"{spec}: no file matches this pattern")
            for match in matches:
                yield from self.spec(match)
        else:
            yield self._file(path)  # a missing file fails when loaded, as one error record

    def _stdin(self) -> Iterator[Item]:
        """JSONL records when the first non-blank character is '{', otherwise one path per line."""
        if self.stdin is None:
            yield _problem("-", "stdin is closed: nothing to read for '-'")
            return
        lines = _lines(self.stdin, "-")
        first = next(lines, None)
        if first is None:
            return
        if isinstance(first, Item) or first[1].lstrip().startswith("{"):
            yield from self._records(itertools.chain([first], lines), base=Path.cwd())
            return
        for line in itertools.chain([first], lines):
            if isinstance(line, Item):
                yield line
            elif line[1].strip() != "-":
                yield from self.spec(line[1].strip())

    def _file(self, path: Path) -> Item:
        outfile.refuse_overwrite(self.outputs, [path])
        return Item(id=printable(path.stem), source=printable(str(path)), path=path)

    def _jsonl_file(self, path: Path) -> Iterator[Item]:
        name = printable(str(path))
        try:
            with path.open("rb") as stream:
                yield from self._records(_lines(stream, name), base=path.parent)
        except OSError as exc:
            yield _problem(name, f"{name}: cannot be read ({exc.strerror or exc})")

    def _records(self, lines: Iterable[tuple[str, str] | Item], *, base: Path) -> Iterator[Item]:
        for line in lines:
            yield line if isinstance(line, Item) else self._record(line[1], where=line[0], base=base)

    def _record(self, line: str, *, where: str, base: Path) -> Item:
        """One JSONL line: {"id", "text" | "path" | "url", "title"?, "url"?, "published"?}; the
        article is the text if given, else the file at the path, else the page at the URL."""
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            return _bad_line(where, f"not valid JSON ({exc.msg})")
        if not isinstance(record, dict):
            return _bad_line(where, "a record must be a JSON object")
        meta = {k: printable(str(record[k])) for k in ("title", "url", "published") if record.get(k) is not None}
        text, path, given_id = record.get("text"), record.get("path"), printable(str(record.get("id") or ""))
        if isinstance(text, str):
            return Item(id=given_id or where, source=where, text=text, **meta)
        if not (isinstance(path, str) and path):
            if fetch.is_url(meta.get("url", "")):
                return Item(id=given_id or fetch.id_for(meta["url"]), source=meta["url"], **meta)
            problem = 'a record needs "text" (the article), "path" (its file) or "url" (its page)'
            return Item(id=given_id or where, source=where, problem=f"{where}: {problem}")
        resolved = base / path  # an absolute path stays as it is
        root = self.jsonl_root or base
        if not resolved.resolve().is_relative_to(root.resolve()):
            problem = f'"path" {path!r} leads outside {root}; pass --jsonl-root DIR to allow another folder'
            return Item(id=given_id or where, source=where, problem=f"{where}: {problem}")
        outfile.refuse_overwrite(self.outputs, [resolved])
        return Item(id=given_id or printable(resolved.stem), source=printable(str(resolved)), path=resolved, **meta)


def _glob(pattern: Path) -> list[str]:
    """The files and folders ``pattern`` matches, sorted. ``**`` does not descend into symlinked
    folders (``glob.glob`` does, and a link to a parent folder repeats the tree until the path
    is too long; two such links multiply the matches beyond any memory)."""
    parts = pattern.parts
    first_wild = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    folder = Path(*parts[:first_wild]) if first_wild else Path()
    try:
        return sorted(str(match) for match in folder.glob(str(Path(*parts[first_wild:]))))
    except ValueError:  # pathlib refuses some patterns glob.glob took ("a**b"): they match nothing here
        return []


def _problem(spec: str, message: str) -> Item:
    return Item(id=printable(Path(spec).stem or spec), source=printable(spec), problem=printable(message))


def _lines(stream: BinaryIO, source: str) -> Iterator[tuple[str, str] | Item]:
    """``(where, line)`` for each non-blank line, or an Item naming what is wrong with it. Each
    line is decoded on its own, so one bad byte loses one line, not the rest of the file."""
    for number in itertools.count(1):
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        where = f"{source}:{number}"
        if len(raw) > MAX_LINE_BYTES:
            yield _bad_line(where, f"longer than {MAX_LINE_BYTES:,} bytes; the rest of {source} was not read")
            return
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield _bad_line(where, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            continue
        if line.strip():
            yield where, line


def _bad_line(where: str, reason: str) -> Item:
    return Item(id=where, source=where, problem=f"{where}: {reason}")
