"""The main text of an HTML page: what a reader of the article would read, nothing else.

With the optional ``html`` extra, trafilatura (a maintained boilerplate remover) does the
work, unless it loses much of what the page marks as its main text; without it, or then, a
small ``html.parser`` extractor drops scripts, styles, navigation,
headers, footers and forms and keeps the paragraphs, preferring an ``<article>`` or
``<main>`` element when the page has one. Either way the result is plain text, one
paragraph per line, with the page's headline first so it becomes the article's title.
Offsets in the output index this extracted text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# A page starts (after comments and whitespace) with a doctype or an html/head/body tag.
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(text: str, suffix: str = "") -> bool:
    return suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:4096]))


def extract(html: str) -> str:
    """Headline and paragraphs of the page's main text, one per line ('' when there is none)."""
    try:
        import trafilatura
    except ImportError:
        return _fallback(_parse(html))
    body = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=False) or ""
    page = _parse(html)
    # trafilatura found no main text, or lost much of what the page itself marks as its main
    # text (it drops paragraphs of pages with unclosed or deeply nested elements, silently).
    if not body.strip() or _share_kept(body, page.main) < MIN_MAIN_TEXT_KEPT:
        return _fallback(page)
    metadata = trafilatura.extract_metadata(html)
    return _with_title(getattr(metadata, "title", None) or "", body.splitlines())


def _share_kept(body: str, paragraphs: list[str]) -> float:
    """The share of ``paragraphs``' characters that ``body`` holds (1.0 when there are none)."""
    total = sum(map(len, paragraphs))
    if not total:
        return 1.0
    kept = _squash(body)
    return sum(len(p) for p in paragraphs if p in kept) / total


def _with_title(title: str, paragraphs: list[str]) -> str:
    lines = [_squash(p) for p in paragraphs]
    lines = [p for p in lines if p]
    title = _squash(title)
    if title and title not in lines:
        lines.insert(0, title)
    return "\n\n".join(lines)


def _squash(text: str) -> str:
    return " ".join(text.split())


# Elements whose text is never article text.
_SKIP = frozenset(
    "script style noscript template svg iframe object nav header footer aside form button select "
    "textarea label menu dialog".split()
)
# Elements that start a new paragraph.
_BLOCK = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre figcaption figure "
    "table tr td th dd dt br hr address".split()
)
_VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())
# Below this share of the page's <article>/<main> text, trafilatura's result is not trusted.
MIN_MAIN_TEXT_KEPT = 0.7


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.open: list[str] = []  # the non-void elements currently open, innermost last
        self.buffer: list[str] = []
        self.paragraphs: list[tuple[str, bool]] = []  # (text, inside <article>/<main>)
        self.title: list[str] = []
        self.h1: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()
        if tag in _VOID:
            return
        self.open.append(tag)
        if tag in _SKIP:
            self.skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:  # a stray end tag: HTML in the wild is not well formed
            return
        if tag in _BLOCK:
            self._flush()
        while self.open:  # close everything the author left open inside it
            closed = self.open.pop()
            if closed in _SKIP:
                self.skipping -= 1
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if "title" in self.open and "body" not in self.open:
            self.title.append(data)
        elif not self.skipping:
            self.buffer.append(data)

    def _flush(self) -> None:
        text = _squash("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        if not self.h1 and "h1" in self.open:
            self.h1 = text
        self.paragraphs.append((text, "article" in self.open or "main" in self.open))

    def close(self) -> None:
        super().close()
        self._flush()


class _Page:
    def __init__(self, parser: _Paragraphs) -> None:
        self.title = parser.h1 or "".join(parser.title)
        self.main = [text for text, in_main in parser.paragraphs if in_main]  # inside <article>/<main>
        self.paragraphs = [text for text, _ in parser.paragraphs]


def _parse(html: str) -> _Page:
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return _Page(parser)


def _fallback(page: _Page) -> str:
    return _with_title(page.title, page.main or page.paragraphs)
