"""Reading an article: bytes from a path or stdin, decoded into the text all offsets index.

Decoding is fixed here and nowhere else: UTF-8 (a BOM is dropped), otherwise the encoding
charset-normalizer detects; line ends become ``\\n``. The SHA-256 in the output is of this
decoded text, so a consumer holding it can check every ``text[start:end] == quote``.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from newsdigest import segment
from newsdigest.errors import InputError

# Above this an article is almost certainly not a news article (a dump, a log, a book);
# the limit keeps one bad input from running a model for an hour. Documented in README.md.
MAX_ARTICLE_BYTES = 2_000_000
_TITLE_MAX_CHARS = 300


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str
    sentences: list[segment.Span] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentences", segment.sentences(self.text))

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def title(self) -> str | None:
        paras = segment.paragraphs(self.text)
        if len(paras) < 2:
            return None
        first = paras[0].of(self.text)
        return first if len(first) <= _TITLE_MAX_CHARS else None


def load(source: str) -> Article:
    """Read one article from a path, or from stdin when ``source`` is ``-``."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        return from_bytes(data, source="-", article_id="stdin")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file", hint="check the path")
    if path.is_dir():
        raise InputError(f"{source}: is a directory, not an article file", hint="name the files inside it")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot be read ({exc.strerror})", hint="check its permissions") from exc
    return from_bytes(data, source=source, article_id=path.stem)


def from_bytes(data: bytes, *, source: str, article_id: str) -> Article:
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{source}: larger than the {MAX_ARTICLE_BYTES:,}-byte limit for one article",
            hint="split it into articles",
        )
    text = decode(data, source)
    if not text.strip():
        raise InputError(f"{source}: is empty", hint="give a file with article text")
    return Article(id=article_id, source=source, text=text)


def from_text(text: str, *, source: str = "-", article_id: str = "text") -> Article:
    """An article from text already in memory (library use, tests)."""
    return from_bytes(text.encode("utf-8"), source=source, article_id=article_id)


def decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _detect(data, source)
    if "\x00" in text:
        raise InputError(f"{source}: looks like a binary file, not text", hint="give a .txt or .html article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes as detect

    best = detect(data).best()
    if best is None:
        raise InputError(f"{source}: looks like a binary file, not text", hint="give a .txt or .html article")
    return str(best)
