"""JSON: one document for one article, an array for several."""

from __future__ import annotations

import json
from typing import Any

from newsdigest.schema import ArticleDigest

_OPTIONAL = ("text", "url", "published")  # in the output only when given


def to_dict(digest: ArticleDigest) -> dict[str, Any]:
    return digest.model_dump(mode="json", exclude=_unset(digest))


def render(digests: list[ArticleDigest], *, as_array: bool = False) -> str:
    if len(digests) == 1 and not as_array:  # the common case, serialised by pydantic's compiled core
        return digests[0].model_dump_json(indent=2, exclude=_unset(digests[0])) + "\n"
    return json.dumps([to_dict(d) for d in digests], ensure_ascii=False, indent=2) + "\n"


def _unset(digest: ArticleDigest) -> dict[str, set[str]]:
    return {"article": {name for name in _OPTIONAL if getattr(digest.article, name) is None}}
