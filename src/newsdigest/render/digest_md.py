"""The digest as Markdown (also the plain-text part of the digest e-mail)."""

from __future__ import annotations

from newsdigest.digest.report import Digest
from newsdigest.render.templating import render as render_template
from newsdigest.render.text import visible_controls


def render(digest: Digest) -> str:
    return visible_controls(render_template("digest.md", digest))
