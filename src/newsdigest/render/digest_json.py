"""The digest as one JSON document; each article in the per-article contract's form."""

from __future__ import annotations

import json

from newsdigest.digest.report import Digest
from newsdigest.render.json_out import to_dict


def render(digest: Digest) -> str:
    data = digest.model_dump(mode="json", exclude={"articles"})
    data["articles"] = [to_dict(a) for a in digest.articles]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
