"""The digest as one HTML page (also the HTML part of the digest e-mail)."""

from __future__ import annotations

from newsdigest.digest.report import Digest
from newsdigest.render.templating import render as render_template


def render(digest: Digest) -> str:
    return render_template("digest.html", digest)
