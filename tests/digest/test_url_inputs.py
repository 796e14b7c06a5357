"""URLs among a digest's inputs: on the command line, on stdin and in JSONL records."""

from __future__ import annotations

import io
import json

import pytest

from newsdigest.digest.inputs import expand
from newsdigest.errors import FetchError

PAGE = "<html><body><article><p>The harbour opened a new ferry line, the port authority said.</p></article></body></html>"


def test_urls_are_fetched_when_loaded_with_their_own_ids(web, tmp_path):
    page = web.page("/news/ferry.html", PAGE)
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": "f2", "url": page, "title": "Ferry"}) + "\n")
    items = list(expand([page, str(records), "-"], io.BytesIO((web.url("/missing") + "\n").encode())))
    assert [(i.id, i.source, i.url) for i in items] == [
        ("ferry", page, page), ("f2", page, page), ("missing", web.url("/missing"), web.url("/missing")),
    ]
    assert web.requests == []  # nothing is fetched before the digest reads it
    assert [i.load().text for i in items[:2]] == ["The harbour opened a new ferry line, the port authority said."] * 2
    assert items[1].load().id == "f2" and items[1].title == "Ferry"
    with pytest.raises(FetchError, match="HTTP 404"):
        items[2].load()
