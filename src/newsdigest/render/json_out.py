"""JSON: one document for one article, an array for several."""

from __future__ import annotations

import json
from typing import Any

from newsdigest.schema import ArticleDigest


def to_dict(digest: ArticleDigest) -> dict[str, Any]:
    data = digest.model_dump(mode="json")
    if data["article"]["text"] is None:  # only present with --include-text
        del data["article"]["text"]
    return data


def render(digests: list[ArticleDigest]) -> str:
    docs = [to_dict(d) for d in digests]
    return json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2) + "\n"
