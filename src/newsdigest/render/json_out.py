"""JSON: one document for one article, an array for several."""

from __future__ import annotations

import json
from typing import Any

from newsdigest.schema import ArticleDigest


def to_dict(digest: ArticleDigest) -> dict[str, Any]:
    data = digest.model_dump(mode="json")
    for optional in ("text", "url", "published"):  # only present when given
        if data["article"][optional] is None:
            del data["article"][optional]
    return data


def render(digests: list[ArticleDigest], *, as_array: bool = False) -> str:
    docs = [to_dict(d) for d in digests]
    return json.dumps(docs if as_array or len(docs) != 1 else docs[0], ensure_ascii=False, indent=2) + "\n"
