"""Reading an article: bytes from a path or stdin, decoded into the text all offsets index.

Decoding is fixed here and nowhere else: a byte-order mark picks UTF-8/16/32; otherwise
UTF-8 (Windows-1252 letters pasted into UTF-8 text are read as such, other stray bytes in
clearly UTF-8 text become U+FFFD), otherwise the charset a web server declared for the page
(``text.fetch``), otherwise the encoding an HTML page declares, otherwise the one
charset-normalizer detects (cp1252 among equally likely Western encodings); line ends become
``\\n``. Binary files are refused before decoding, so garbage is never passed off as an
article. An HTML page is reduced to its main text (``htmltext``). The SHA-256 in the output
is of the final text, so a consumer holding it can check every ``text[start:end] == quote``.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from newsdigest.errors import InputError
from newsdigest.text import htmltext, segment

# Above this an article is almost certainly not a news article (a dump, a log, a book);
# the limit keeps one bad input from running a model for an hour. Documented in README.md.
MAX_ARTICLE_BYTES = 2_000_000
# An HTML page carries scripts and markup besides its text: it may be this large, and the
# text extracted from it is then held to MAX_ARTICLE_BYTES.
MAX_HTML_BYTES = 10_000_000
_TITLE_MAX_CHARS = 300

_BOMS = (  # longest first: the UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that occur in text files: tab, line feed, vertical tab, form feed, carriage
# return, escape (terminal colours in pasted text).
_TEXT_CONTROLS = bytes([9, 10, 11, 12, 13, 27])
_CONTROL_BYTES = bytes(range(32)).translate(None, _TEXT_CONTROLS) + b"\x7f"
# Real text has next to no control characters; one in a hundred means a binary format.
_MAX_CONTROL_SHARE = 0.01
# Decoded text's control characters (Unicode Cc and Cs) that are not whitespace or ESC.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x7f-\x84\x86-\x9f\ud800-\udfff]")
_SNIFF_BYTES = 65536
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# In text decoded with surrogateescape: the bytes that were not UTF-8, and any real non-ASCII character.
_STRAY_BYTES = re.compile("[\udc80-\udcff]+")
_VALID_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str

    # Read once, when first asked, for every component that needs them: in a digest, by the
    # worker process that reads the article, not by the one that hands it out.
    @cached_property
    def paragraphs(self) -> list[segment.Span]:
        return segment.paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[segment.Span]:
        return segment.sentences(self.text, self.paragraphs)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def title(self) -> str | None:
        paras = self.paragraphs
        if len(paras) < 2:
            return None
        first = paras[0].of(self.text).rstrip(" ;:,\u2013\u2014-")  # a headline cut short ("... on Russia;")
        return first if 0 < len(first) <= _TITLE_MAX_CHARS else None


def load(source: str) -> Article:
    """Read one article from a path, or from stdin when ``source`` is ``-``."""
    if source == "-":
        if sys.stdin is None:  # Python's stdin when the process started with it closed
            raise InputError("stdin is closed: nothing to read for '-'", hint="pipe an article in, or name its file")
        data = sys.stdin.buffer.read(MAX_HTML_BYTES + 1)
        return from_bytes(data, source="-", article_id="stdin")
    path, shown = Path(source), printable(source)
    try:
        # A named FIFO opened for reading waits for a writer, forever if none comes. Opened
        # without waiting, one that nobody writes to reads as empty; one being written to
        # is read as it comes.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            os.set_blocking(fh.fileno(), True)
            data = fh.read(MAX_HTML_BYTES + 1)
    except OSError as exc:
        raise unreadable(shown, exc) from exc
    return from_bytes(data, source=shown, article_id=printable(path.stem) or "article", suffix=path.suffix)


def printable(name: str) -> str:
    """A file name (or a string from JSON) that every output can encode. Python keeps a name's
    bytes that are not UTF-8 as lone surrogates (U+DC80..U+DCFF), which UTF-8 cannot encode:
    they are shown as ``\\xNN``; any other lone surrogate as U+FFFD."""
    return _LONE_SURROGATE.sub(_escaped_byte, name)


def _escaped_byte(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def unreadable(source: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        return InputError(f"{source}: no such file", hint="check the path")
    if exc.errno == errno.EISDIR:
        return InputError(f"{source}: is a directory, not an article file", hint="name the files inside it")
    if exc.errno == errno.ENOTDIR:
        return InputError(f"{source}: a part of the path is a file, not a directory", hint="check the path")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{source}: permission denied", hint="check the file's permissions")
    reason = exc.strerror or type(exc).__name__
    return InputError(f"{source}: cannot be read ({reason})", hint="give a regular file with article text")


def from_bytes(
    data: bytes, *, source: str, article_id: str, suffix: str = "", charset: str | None = None
) -> Article:
    """An article from raw bytes; ``suffix`` (a file name's, e.g. ``.html``) marks HTML;
    ``charset`` is the encoding a web server declared for them."""
    if len(data) > MAX_HTML_BYTES:
        raise _too_large(source, MAX_HTML_BYTES)
    text = decode(data, source, charset)
    if htmltext.looks_like_html(text, suffix):
        text = htmltext.extract(text)
        if not text.strip():
            raise InputError(f"{source}: an HTML page with no article text", hint="give the article's own page")
    elif len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(source, MAX_ARTICLE_BYTES)
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise _too_large(source, MAX_ARTICLE_BYTES)
    if not text.strip():
        raise InputError(f"{source}: is empty", hint="give a file with article text")
    return Article(id=article_id, source=source, text=text)


def _too_large(source: str, limit: int) -> InputError:
    return InputError(
        f"{source}: larger than the {limit:,}-byte limit for one article",
        hint="split it into articles",
    )


def from_text(text: str, *, source: str = "-", article_id: str = "text") -> Article:
    """An article from text already in memory (library use, tests)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates: not text any file could hold
        raise InputError(f"{source}: not valid Unicode text ({exc.reason})", hint="give UTF-8 text") from exc
    return from_bytes(data, source=source, article_id=article_id)


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """The text of ``data`` with ``\\n`` line ends; InputError for binary data. ``charset`` is
    the encoding a web server declared; bytes that are UTF-8 are read as UTF-8 whatever it
    says, as servers often declare a default charset for every page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_marked(data, encoding, source)
            break
    else:
        if _looks_binary(data):
            raise _binary(source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _utf8_with_cp1252(data) or _mostly_utf8(data) or _legacy(data, source, charset)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise _binary(source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_marked(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
            f"(byte {exc.start})",
            hint="re-save it as UTF-8",
        ) from exc


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _control_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    return len(_CONTROL_CHARS.findall(sample)) / len(sample) if "\x00" not in sample else 1.0


def _utf8_with_cp1252(data: bytes) -> str | None:
    """UTF-8 text with Windows-1252 (or Latin-1) text pasted in, those bytes read as Windows-1252.
    None unless there is real multi-byte UTF-8 and every invalid byte stands alone or in a pair
    (an accented letter, a curly quote): a whole legacy-encoded text has runs of them (each
    Cyrillic word, every CJK character), and is left to detection."""
    text = data.decode("utf-8", "surrogateescape")  # an invalid byte b becomes U+DC00 + b
    if not _VALID_NON_ASCII.search(text) or any(len(run) > 2 for run in _STRAY_BYTES.findall(text)):
        return None
    return _STRAY_BYTES.sub(lambda run: run.group().encode("utf-8", "surrogateescape").decode("cp1252", "replace"), text)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (pasted from elsewhere), each shown as U+FFFD; None when
    valid multi-byte characters do not clearly outnumber the invalid bytes (text in a
    legacy encoding has next to none)."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return text if valid >= 2 * invalid else None


def _legacy(data: bytes, source: str, charset: str | None) -> str:
    """Text in a legacy encoding: the one the server declared, else the one the page declares,
    else the one detected."""
    meta = _DECLARED_CHARSET.search(data[:4096])
    for declared in (charset, meta.group(1).decode("ascii") if meta else None):
        text = _decode_declared(data, declared) if declared else None
        if text is not None:
            return text
    from charset_normalizer import from_bytes as detect

    results = detect(data)
    best = results.best()
    if best is None:
        raise _binary(source)
    # Short texts fit several single-byte encodings about equally well, and the language
    # guess that ranks them is noise; Windows-1252 (a superset of Latin-1) is by far the most
    # common of them, so it wins when it decodes as cleanly as the best.
    tied = [r for r in results if r.chaos <= best.chaos]
    chosen = next((r for r in tied if "cp1252" in r.could_be_from_charset), best)
    return str(chosen)


def _decode_declared(data: bytes, label: str) -> str | None:
    """``data`` in the encoding a page or server declared; None for an unknown label or bytes
    that do not decode with it (a wrong declaration: detect instead). As in browsers, a
    declared Latin-1 or ASCII means Windows-1252, which the web writes under those names."""
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return None
    if encoding in ("iso8859-1", "ascii"):
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _binary(source: str) -> InputError:
    return InputError(f"{source}: looks like a binary file, not text", hint="give a plain-text or HTML article")
