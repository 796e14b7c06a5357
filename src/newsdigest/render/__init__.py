"""Renderers: an ``ArticleDigest`` (or several) to text in one output format each."""

from __future__ import annotations

from typing import Callable

from newsdigest.schema import ArticleDigest

FORMATS = ("json", "md", "text")


def renderer(fmt: str) -> Callable[[list[ArticleDigest]], str]:
    if fmt == "json":
        from newsdigest.render.json_out import render
    elif fmt == "md":
        from newsdigest.render.markdown import render
    else:
        from newsdigest.render.text import render
    return render
