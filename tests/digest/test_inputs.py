"""Expanding digest inputs: files, directories, globs, JSONL files and stdin."""

from __future__ import annotations

import io
import json

import pytest

from newsdigest.digest.inputs import expand
from newsdigest.errors import InputError


def _tree(tmp_path):
    (tmp_path / "feed" / "sub").mkdir(parents=True)
    (tmp_path / "feed" / "one.txt").write_text("First article. It says things.\n")
    (tmp_path / "feed" / "sub" / "two.md").write_text("Second article.\n")
    (tmp_path / "feed" / "sub" / "one.html").write_text("<p>Third article.</p>\n")
    (tmp_path / "feed" / "notes.csv").write_text("not an article\n")
    return tmp_path / "feed"


def test_a_directory_is_read_recursively_for_article_suffixes_with_unique_ids(tmp_path):
    items = list(expand([str(_tree(tmp_path))], io.BytesIO()))
    assert [i.source.split("feed/")[1] for i in items] == ["one.txt", "sub/one.html", "sub/two.md"]
    assert [i.id for i in items] == ["one", "one-2", "two"]
    assert items[0].load().text.startswith("First article.")


def test_globs_expand_and_a_glob_matching_nothing_is_an_error_item(tmp_path):
    feed = _tree(tmp_path)
    items = list(expand([f"{feed}/**/*.md", f"{feed}/*.nothing"], io.BytesIO()))
    assert [i.id for i in items] == ["two", "*"]
    with pytest.raises(InputError, match="no file matches"):
        items[1].load()


def test_jsonl_records_give_text_or_a_path_relative_to_the_file(tmp_path):
    feed = _tree(tmp_path)
    records = [
        {"id": "x1", "text": "Inline article text.", "title": "T", "url": "https://example.org/x1", "published": "2024-05-01"},
        {"id": "x2", "path": "feed/one.txt"},
        {"id": "x3"},
    ]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n")
    items = list(expand([str(data)], io.BytesIO()))
    assert [i.id for i in items] == ["x1", "x2", "x3", f"{data}:4"]
    assert items[0].load().text == "Inline article text."
    assert (items[0].title, items[0].url, items[0].published) == ("T", "https://example.org/x1", "2024-05-01")
    assert items[1].load().text == (feed / "one.txt").read_text()
    with pytest.raises(InputError, match='needs "text"'):
        items[2].load()
    with pytest.raises(InputError, match="not valid JSON"):
        items[3].load()


def test_stdin_gives_paths_or_jsonl(tmp_path):
    feed = _tree(tmp_path)
    paths = list(expand(["-"], io.BytesIO(f"{feed / 'one.txt'}\n\n{feed / 'sub'}\n".encode())))
    assert [i.id for i in paths] == ["one", "one-2", "two"]
    records = list(expand(["-"], io.BytesIO(b'{"id": "s1", "text": "From stdin."}\n')))
    assert records[0].id == "s1" and records[0].load().text == "From stdin."


def test_a_missing_file_fails_only_when_loaded(tmp_path):
    (item,) = expand([str(tmp_path / "gone.txt")], io.BytesIO())
    with pytest.raises(InputError, match="no such file"):
        item.load()
