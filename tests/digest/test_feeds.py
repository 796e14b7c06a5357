"""RSS and Atom feeds as digest input (digest.feeds), served by a real HTTP server on loopback."""

from __future__ import annotations

import io

import pytest

from newsdigest.digest import cache as cache_mod
from newsdigest.digest import feeds, runner
from newsdigest.digest.inputs import expand
from newsdigest.errors import FetchError, InputError
from newsdigest.backends.offline import OfflineBackend
from newsdigest.prompts import PromptStore

LINKED_PAGE = """<!doctype html><html><head><title>Bridge reopens</title></head><body>
<nav>Home | World</nav><article><h1>Bridge reopens</h1>
<p>The old bridge reopened on Monday after two years of repairs, the transport office said.</p>
</article></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Gazette</title><link>{base}/</link><description>News</description>
<item>
  <title>Council passes budget</title><link>{base}/news/budget.html</link><guid>gazette-1</guid>
  <pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate>
  <description>The council approved...</description>
  <content:encoded><![CDATA[<p>The council approved a budget of 12 million euros, Mayor Ana Pereira said.</p>
  <p>Critics called it <b>reckless</b>.</p><script>steal()</script>]]></content:encoded>
</item>
<item>
  <title>Bridge reopens</title><link>/news/bridge.html</link><guid>gazette-2</guid>
  <pubDate>Wed, 15 May 2024 09:30:00 GMT</pubDate>
  <description>The old bridge...</description>
</item>
<item>
  <title>Gone</title><link>{base}/news/gone.html</link><guid>gazette-3</guid>
  <description>A story that was taken down.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire</title><id>urn:wire</id><updated>2024-05-16T10:00:00Z</updated>
  <entry>
    <title>Port strike ends</title><id>urn:wire:1</id><updated>2024-05-16T10:00:00Z</updated>
    <link rel="alternate" href="{base}/wire/port-strike"/>
    <summary>Dock workers...</summary>
    <content type="html">&lt;p&gt;Dock workers ended a six-day strike, their union said.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Bridge reopens</title><id>urn:wire:2</id><updated>2024-05-15T09:30:00Z</updated>
    <link rel="alternate" href="{base}/news/bridge.html"/>
    <summary>The old bridge...</summary>
  </entry>
  <entry>
    <title>Brief</title><id>urn:wire:3</id><updated>2024-05-16T11:00:00Z</updated>
    <summary type="text">Rain is expected on Friday, forecasters said.</summary>
  </entry>
</feed>
"""


@pytest.fixture
def site(web):
    base = web.url("").rstrip("/")
    web.page("/news/bridge.html", LINKED_PAGE)
    web.page("/rss.xml", RSS.format(base=base), content_type="application/rss+xml; charset=utf-8")
    web.page("/atom", ATOM.format(base=base), content_type="application/atom+xml")
    return web


def test_rss_entries_use_their_full_content_or_fetch_their_link(site):
    items = list(feeds.read(site.url("/rss.xml")))
    assert [i.id for i in items] == ["budget", "bridge", "gone"]
    budget, bridge, gone = items
    assert budget.source == budget.url == site.url("/news/budget.html")
    assert (budget.title, budget.published, budget.entry) == ("Council passes budget", "2024-05-14T08:00:00Z", "gazette-1")
    text = budget.load().text
    assert text == "The council approved a budget of 12 million euros, Mayor Ana Pereira said.\n\nCritics called it reckless."
    # The content was read from the feed: the budget page itself was never asked for.
    assert all(path != "/news/budget.html" for path, _ in site.requests)
    # A relative link is resolved against the feed's address and fetched when loaded.
    assert bridge.url == site.url("/news/bridge.html") and bridge.text is None
    loaded = bridge.load()
    assert loaded.source == bridge.url and loaded.id == "bridge"
    assert "reopened on Monday after two years of repairs" in loaded.text and "Home" not in loaded.text
    with pytest.raises(FetchError, match="HTTP 404"):
        gone.load()


def test_atom_entries_and_an_entry_with_only_its_text(site):
    strike, bridge, brief = feeds.read(site.url("/atom"))
    assert strike.load().text == "Dock workers ended a six-day strike, their union said."
    assert strike.url == site.url("/wire/port-strike") and strike.entry == "urn:wire:1"
    assert bridge.text is None and "reopened on Monday" in bridge.load().text
    # No link to a page (its id, a URN, is not one) and no content: its text is all there is.
    assert brief.url is None and brief.source == f"{site.url('/atom')}#3"
    assert brief.load().text == "Rain is expected on Friday, forecasters said."
    assert [i.published for i in (strike, bridge, brief)] == ["2024-05-16T10:00:00Z", "2024-05-15T09:30:00Z", "2024-05-16T11:00:00Z"]


def test_a_feed_file_is_read_like_a_served_one(site, tmp_path):
    saved = tmp_path / "gazette.xml"
    saved.write_text(RSS.format(base=site.url("").rstrip("/")))
    items = list(feeds.read(str(saved)))
    assert [i.id for i in items] == ["budget", "gazette-2", "gone"]
    assert items[0].load().text.startswith("The council approved a budget")
    # Without the feed's address a relative link has nothing to resolve against; its
    # description is not the article, so the entry is an error, not a teaser digested.
    assert items[1].url is None
    with pytest.raises(InputError, match="links to '/news/bridge.html', which is not a web address"):
        items[1].load()


@pytest.mark.parametrize(("path", "message"), [
    ("/news/bridge.html", "not an RSS or Atom feed"),
    ("/missing.xml", "HTTP 404"),
])
def test_what_is_not_a_feed_is_one_error_item(site, path, message):
    [item] = feeds.read(site.url(path))
    with pytest.raises(InputError, match=message):
        item.load()


def test_a_missing_feed_file_is_one_error_item(tmp_path):
    [item] = feeds.read(str(tmp_path / "nope.xml"))
    with pytest.raises(InputError, match="no such file"):
        item.load()


def test_entries_digested_before_are_skipped_next_time(site, tmp_path):
    store = cache_mod.Cache(tmp_path / "cache.sqlite3")
    memory = feeds.Memory(store, fingerprint=None)
    job = runner.Job(backend=OfflineBackend(), prompts=PromptStore(), prompt_spec="extract")

    def digest_feed() -> list[runner.Outcome]:
        items = expand([], io.BytesIO(), also=feeds.read(site.url("/rss.xml"), seen=memory.holds))
        return sorted(memory.remembering(runner.run(items, job)), key=lambda o: o.index)

    first = digest_feed()
    assert [(o.item.id, o.digest is not None) for o in first] == [("budget", True), ("bridge", True), ("gone", False)]
    assert first[0].digest.article.url == site.url("/news/budget.html")
    # The next run reads only what did not succeed: the entry whose page was missing.
    second = digest_feed()
    assert [o.item.id for o in second] == ["gone"]
    # Other backend settings have not digested anything yet.
    other = feeds.Memory(store, fingerprint={"backend": "openai", "model": "m"})
    assert [i.id for i in feeds.read(site.url("/rss.xml"), seen=other.holds)] == ["budget", "bridge", "gone"]
