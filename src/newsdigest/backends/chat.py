"""What every chat-model backend shares: prompt, numbered sentences, re-asks, grounding."""

from __future__ import annotations

from typing import Any, Callable

from newsdigest import extraction, llm
from newsdigest.article import Article
from newsdigest.backends.base import Analysis
from newsdigest.prompts import Prompt, PromptStore
from newsdigest.schema import PromptInfo, Warning


class ChatBackend:
    """Subclasses set ``name``/``model``/``base_url_host``/``settings`` and implement ``create``."""

    name: str
    model: str
    base_url_host: str | None = None
    settings: llm.Settings

    def create_function(self) -> Callable[..., Any]:
        """A fresh OpenAI-shaped ``chat.completions.create`` for one article's requests."""
        raise NotImplementedError

    def analyze(self, article: Article, prompts: PromptStore, prompt_spec: str) -> Analysis:
        prompt = prompts.get(prompt_spec)
        result = llm.structured(
            self.create_function(),
            self.settings,
            messages=messages(article, prompt),
            response_model=extraction.Extraction,
            context=extraction.context(article),
        )
        return to_analysis(result, article, PromptInfo(name=prompt.name, version=prompt.version, sha256=prompt.sha256))


def messages(article: Article, prompt: Prompt) -> list[dict[str, str]]:
    """The chat messages for one article: shared by live calls and batch requests."""
    return prompt.render(delimiter=delimiter(article), sentences=numbered_sentences(article))


def to_analysis(result: llm.Result, article: Article, prompt: PromptInfo) -> Analysis:
    """A validated answer (live or from a batch result) as grounded claims."""
    answer = result.value
    assert isinstance(answer, extraction.Extraction)
    claims, contradictions, warnings = extraction.to_claims(answer, article)
    if result.exhausted:
        warnings.insert(0, Warning(
            kind="reask_budget_exhausted",
            message=f"the model's answer still failed validation after {result.usage.attempts} attempts; "
            "claims it could not ground are marked grounded: false",
        ))
    return Analysis(
        summary=answer.summary,
        claims=claims,
        contradictions=contradictions,
        warnings=warnings,
        prompt=prompt,
        usage=result.usage,
    )


def delimiter(article: Article) -> str:
    """A tag the article's author cannot forge: changing the text to include it changes it."""
    return f"article-{article.sha256[:16]}"


def numbered_sentences(article: Article) -> str:
    return "\n".join(f"[{i}] {span.of(article.text)}" for i, span in enumerate(article.sentences, 1))
