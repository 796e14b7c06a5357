"""The offline backend: the rules engine's reading (``offline.engine``) as an ``Analysis``, with
the rules' version and the hash of their word lists as its prompt."""

from __future__ import annotations

from newsdigest.backends.base import Analysis
from newsdigest.offline import engine, lexicon
from newsdigest.prompts import PromptStore
from newsdigest.schema import PromptInfo
from newsdigest.settings import Settings
from newsdigest.text.article import Article


class OfflineBackend:
    name = "offline"
    model = f"rules-{engine.RULES_VERSION}"
    base_url_host = None

    def __init__(self, settings: Settings = Settings(backend="offline")) -> None:
        self.settings = settings  # nothing in them changes the rules' reading

    def analyze(self, article: Article, prompts: PromptStore, prompt_spec: str) -> Analysis:
        """Read the article; ``prompts`` and ``prompt_spec`` are for models and go unused."""
        reading = engine.read(article)
        return Analysis(
            summary=reading.summary,
            claims=reading.claims,
            contradictions=reading.contradictions,
            warnings=reading.warnings,
            prompt=PromptInfo(name="offline-rules", version=engine.RULES_VERSION, sha256=lexicon.fingerprint()),
        )
