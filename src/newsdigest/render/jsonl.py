"""JSONL: one line per article, written as each finishes (the per-article contract or an error)."""

from __future__ import annotations

import json

from newsdigest.digest.report import ErrorRecord
from newsdigest.render.json_out import to_dict
from newsdigest.schema import ArticleDigest


def line(result: ArticleDigest | ErrorRecord) -> str:
    data = to_dict(result) if isinstance(result, ArticleDigest) else result.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False) + "\n"
