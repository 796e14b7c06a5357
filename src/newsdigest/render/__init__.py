"""Renderers: an ``ArticleDigest`` (or several) to text in one output format each."""

from __future__ import annotations

from typing import Callable

from newsdigest.schema import ArticleDigest

FORMATS = ("json", "md", "text")


def renderer(fmt: str, *, several: bool = False) -> Callable[[list[ArticleDigest]], str]:
    """``several``: the user named several articles, so JSON is an array even if one succeeded."""
    if fmt == "json":
        from functools import partial

        from newsdigest.render.json_out import render as render_json

        return partial(render_json, as_array=several)
    if fmt == "md":
        from newsdigest.render.markdown import render
    else:
        from newsdigest.render.text import render
    return render
