"""RSS and Atom feeds as digest input: one ``Item`` per entry, the entries already digested left out.

A feed is read with feedparser from a URL (fetched like any page, ``text.fetch``) or a file.
An entry that carries its full text (``content:encoded`` in RSS, ``<content>`` in Atom) is
read from the feed; otherwise its link is fetched when the digest reads it; an entry with
neither a link nor content is read from its description, which is then all there is of it.
Summaries are never taken for the article while a link to the whole of it exists.

This is the daily-digest workflow: a cron line digests a feed every morning, and only what
is new since the last run should be in the digest. ``Memory`` remembers, in the result
cache, each entry digested under the same backend settings, and ``read`` skips those.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from newsdigest.text import htmltext
from newsdigest.text.article import MAX_HTML_BYTES, unreadable
from newsdigest.digest import cache as cache_mod
from newsdigest.digest.inputs import Item
from newsdigest.errors import InputError
from newsdigest.text import fetch

if TYPE_CHECKING:
    from newsdigest.digest.runner import Outcome

FEED_TYPES = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
})
# Servers label feeds loosely; feedparser tells a feed from anything else better than the label.
_READABLE_TYPES = FEED_TYPES | fetch.HTML_TYPES | fetch.TEXT_TYPES
_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read(feed: str, *, seen: Callable[[str], bool] | None = None, timeout: float = fetch.DEFAULT_TIMEOUT_S) -> Iterator[Item]:
    """An item per entry of ``feed`` (a URL or a file), in the feed's order, leaving out those
    ``seen`` holds. A feed that cannot be read is one item whose ``load`` says why."""
    try:
        entries = _parse(feed, timeout).entries
    except InputError as exc:
        yield Item(id=fetch.id_for(feed) if fetch.is_url(feed) else Path(feed).stem or feed, source=feed, problem=str(exc))
        return
    # Relative links are relative to the feed's address; a feed file has none.
    base = feed if fetch.is_url(feed) else None
    for number, entry in enumerate(entries, 1):
        key = entry.get("id") or entry.get("link")
        if key and seen and seen(key):
            continue
        yield _item(entry, key, feed, number, base)


@dataclass
class Memory:
    """The feed entries digested before under these backend settings, kept in the result cache."""

    cache: cache_mod.Cache
    fingerprint: dict[str, Any] | None  # the job's: what an entry is remembered under, with its id

    def holds(self, entry: str) -> bool:
        return self.cache.get(self._key(entry)) is not None

    def remembering(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        """The outcomes, unchanged; each feed entry digested without error is remembered as it
        passes (a failed one is tried again next time)."""
        for outcome in outcomes:
            if outcome.digest is not None and outcome.item.entry:
                self.cache.put(self._key(outcome.item.entry), "feed_entry", outcome.digest.article.sha256)
            yield outcome

    def _key(self, entry: str) -> str:
        return cache_mod.key("feed_entry", entry=entry, settings=self.fingerprint)


def _parse(feed: str, timeout: float) -> Any:
    import feedparser

    if fetch.is_url(feed):
        page = fetch.download(feed, accept=_READABLE_TYPES, what="a feed", timeout=timeout)
        # The server's content type carries the charset.
        parsed = feedparser.parse(page.data, response_headers={"content-type": page.content_type})
    else:
        parsed = feedparser.parse(_read_file(feed))
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{feed}: not an RSS or Atom feed" + (f" ({reason})" if reason else ""),
                         hint="give the feed's own address (often ending in /feed, /rss or .xml)")
    return parsed


def _read_file(feed: str) -> bytes:
    try:
        with open(feed, "rb") as fh:
            data = fh.read(MAX_HTML_BYTES + 1)
    except OSError as exc:
        raise unreadable(feed, exc) from exc
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"{feed}: larger than the {MAX_HTML_BYTES:,}-byte limit for one feed", hint="give a smaller feed")
    return data


def _item(entry: Any, key: str | None, feed: str, number: int, base: str | None) -> Item:
    href = entry.get("link") or ""
    link = urljoin(base, href) if base and href else href
    web = link if fetch.is_url(link) else None
    meta = {
        "id": fetch.id_for(web) if web else f"{Path(feed).stem or 'feed'}-{number}",
        "source": web or f"{feed}#{number}",
        "title": entry.get("title") or None,
        "url": web,
        "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "entry": key,
    }
    text = _full_text(entry)
    if text is not None:
        return Item(**meta, text=text)
    if web:
        return Item(**meta)  # the page is fetched when the digest reads it
    if link and not urlsplit(link).scheme:  # relative, and no feed address to resolve it against
        return Item(**meta, problem=f"{feed}: entry {number} links to {link!r}, which is not a web address "
                                    "(read the feed from its URL, against which relative links resolve)")
    text = _text_of(entry.get("summary_detail") or {})
    if text is None:
        return Item(**meta, problem=f"{feed}: entry {number} has neither a link nor any text")
    return Item(**meta, text=text)


def _full_text(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        text = _text_of(content)
        if text:
            return text
    return None


def _text_of(detail: Any) -> str | None:
    """Plain text of a feed text construct (feedparser has already sanitised its HTML)."""
    value, kind = detail.get("value") or "", detail.get("type") or "text/plain"
    if kind not in _CONTENT_TYPES or not value.strip():
        return None
    return (htmltext.extract(value) if kind != "text/plain" else value.strip()) or None


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None
