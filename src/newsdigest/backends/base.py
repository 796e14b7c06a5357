"""The one interface every backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from newsdigest.prompts import PromptStore
from newsdigest.schema import Claim, Contradiction, PromptInfo, Usage, Warning
from newsdigest.settings import Settings
from newsdigest.text.article import Article


@dataclass
class Analysis:
    """What a backend found in one article, before the pipeline checks and packages it."""

    summary: str
    claims: list[Claim]
    contradictions: list[Contradiction]
    warnings: list[Warning]
    prompt: PromptInfo
    usage: Usage = field(default_factory=Usage)
    chunks: int = 1


class Backend(Protocol):
    name: str  # its name in the registry
    model: str
    base_url_host: str | None
    settings: Settings  # what it was built from

    def analyze(self, article: Article, prompts: PromptStore, prompt_spec: str) -> Analysis: ...
