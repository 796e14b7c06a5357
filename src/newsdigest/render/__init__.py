"""Renderers: an ``ArticleDigest`` (or several) to text in one output format each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from newsdigest.schema import ArticleDigest

if TYPE_CHECKING:
    from newsdigest.digest.report import Digest

FORMATS = ("text", "md", "json", "jsonl", "html")  # jsonl: a line per article or error (cli)
DIGEST_FORMATS = ("jsonl", "json", "md", "html", "eml")  # jsonl is streamed by render.jsonl.line


def renderer(fmt: str, *, several: bool = False) -> Callable[[list[ArticleDigest]], str]:
    """``several``: the user named several articles, so JSON is an array even if one succeeded."""
    if fmt == "json":
        from functools import partial

        from newsdigest.render.json_out import render as render_json

        return partial(render_json, as_array=several)
    if fmt == "md":
        from newsdigest.render.markdown import render
    elif fmt == "html":
        from newsdigest.render.article_html import render
    else:
        from newsdigest.render.text import render
    return render


def digest_renderer(fmt: str) -> Callable[[Digest], str]:
    if fmt == "json":
        from newsdigest.render.digest_json import render
    elif fmt == "md":
        from newsdigest.render.digest_md import render
    elif fmt == "html":
        from newsdigest.render.html import render
    else:
        from newsdigest.render.email import render
    return render
