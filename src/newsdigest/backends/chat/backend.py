"""What every chat-model backend shares: prompt, numbered sentences, re-asks, grounding, chunks.

An article that does not fit the model's context with room for the answer is read in chunks
(``chunking``): one extraction per chunk, merged into one claim list, then one more request
(the ``combine`` prompt) writes the summary from the chunks' summaries and looks for
contradictions across the whole claim list.
"""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from newsdigest.backends.base import Analysis
from newsdigest.backends.chat import budget, chunking, extraction, llm
from newsdigest.errors import AnswerCutOff, ModelOutputError
from newsdigest.prompts import Prompt, PromptStore
from newsdigest.schema import PromptInfo, Usage, Warning
from newsdigest.settings import Settings
from newsdigest.text.article import Article

COMBINE_PROMPT = "combine"
# A summary of a few sentences and a handful of contradictions.
COMBINE_ANSWER_TOKENS = 768
# A chunk whose answer was cut off is read again as two halves, this many times over.
MAX_HALVINGS = 1


class ChatBackend:
    """Subclasses set ``name``/``model``/``base_url_host``/``settings``/``n_ctx`` and
    implement ``create_function``; those with a tokenizer override ``count_tokens``."""

    name: str
    model: str
    base_url_host: str | None = None
    settings: Settings
    n_ctx: int = budget.DEFAULT_N_CTX

    def create_function(self) -> Callable[..., Any]:
        """A fresh OpenAI-shaped ``chat.completions.create`` for one article's requests."""
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` for this model: an upper estimate unless a backend knows better."""
        return budget.estimate_tokens(text)

    def analyze(self, article: Article, prompts: PromptStore, prompt_spec: str) -> Analysis:
        prompt = prompts.get(prompt_spec)
        session = _Session(budget.fit(self.create_function(), self.count_tokens, self.n_ctx), self.settings)
        overhead = budget.request_tokens(
            self.count_tokens, prompt.render(delimiter=delimiter(article), sentences="")
        ) + budget.schema_tokens(self.count_tokens, extraction.Extraction)
        chunks = chunking.plan(
            article, count=self.count_tokens, n_ctx=self.n_ctx, overhead=overhead, answer=self.settings.max_tokens
        )
        parts, warnings = _extract_all(session, prompt, chunks)
        merged = chunking.merge(parts)
        if len(parts) > 1:
            warnings += self._combine(session, prompts.get(COMBINE_PROMPT), article, parts, merged)
        claims, contradictions, found = extraction.to_claims(merged)
        if session.exhausted:
            warnings.insert(0, Warning(
                kind="reask_budget_exhausted",
                message=f"{session.exhausted} of {session.requests} model answers still failed validation "
                "when the re-asks ran out (or no room was left in the context for one); "
                "claims that could not be grounded are marked grounded: false",
            ))
        return Analysis(
            summary=merged.summary,
            claims=claims,
            contradictions=contradictions,
            warnings=warnings + found,
            prompt=PromptInfo(name=prompt.name, version=prompt.version, sha256=prompt.sha256),
            usage=session.usage,
            chunks=len(parts),
        )

    def _combine(
        self, session: _Session, prompt: Prompt, article: Article,
        parts: list[extraction.Extraction], merged: extraction.Extraction,
    ) -> list[Warning]:
        """Summary and cross-chunk contradictions; on failure the chunks' results stand, with a warning."""
        tag = delimiter(article)
        summaries = "\n".join(f"{i}. {p.summary.strip()}" for i, p in enumerate(parts, 1))
        lines = [f"[{c.id}] ({c.source}) {c.text}" for c in merged.claims]
        overhead = budget.request_tokens(
            self.count_tokens, prompt.render(delimiter=tag, summaries=summaries, claims="")
        ) + budget.schema_tokens(self.count_tokens, extraction.Combination)
        room = self.n_ctx - overhead - COMBINE_ANSWER_TOKENS
        groups = chunking.covering_groups([self.count_tokens(line) + 1 for line in lines], room)
        try:
            for number, group in enumerate(groups):
                answer = session.ask(
                    prompt.render(delimiter=tag, summaries=summaries, claims="\n".join(lines[i] for i in group)),
                    extraction.Combination,
                    {"claim_ids": {merged.claims[i].id for i in group}},
                )
                assert isinstance(answer, extraction.Combination)
                if number == 0:
                    merged.summary = answer.summary
                chunking.add_contradictions(merged, answer.contradictions, answer._dropped)
        except ModelOutputError as err:
            return [Warning(
                kind="combine_failed",
                message=f"no summary or cross-chunk contradictions for the whole article ({err}); "
                "the summary joins the chunks' summaries",
            )]
        return []


class _Session:
    """The requests for one article: usage summed over all of them, failed validations counted.

    The re-asks are one budget for the whole article, like the transport retries: an article
    read in chunks costs one request per piece plus at most ``reasks`` re-asks in all, so
    failing answers cannot multiply its requests (and its time) by the number of chunks.
    """

    def __init__(self, create: Callable[..., Any], settings: Settings) -> None:
        self.create = create
        self.settings = settings
        self.usage = Usage()
        self.requests = 0
        self.exhausted = 0
        self.reasks_left = settings.reasks

    def ask(self, messages: list[dict[str, str]], response_model: type[BaseModel], context: dict[str, Any]) -> BaseModel:
        self.requests += 1
        try:
            result = llm.structured(
                self.create, self.settings, messages=messages, response_model=response_model, context=context,
                reasks=self.reasks_left,
            )
        except AnswerCutOff as cut:
            if isinstance(cut.usage, Usage):
                self.count(cut.usage)
            raise
        except ModelOutputError:  # no valid answer after every re-ask that was left
            self.reasks_left = 0
            raise
        self.count(result.usage)
        self.reasks_left -= result.usage.attempts - 1
        self.exhausted += int(result.exhausted)
        return result.value

    def count(self, usage: Usage) -> None:
        self.usage = Usage(
            prompt_tokens=self.usage.prompt_tokens + usage.prompt_tokens,
            completion_tokens=self.usage.completion_tokens + usage.completion_tokens,
            attempts=self.usage.attempts + usage.attempts,
        )


def _extract_all(
    session: _Session, prompt: Prompt, chunks: list[chunking.Chunk]
) -> tuple[list[extraction.Extraction], list[Warning]]:
    """Every chunk's extraction. A chunk the model fails on is reported and the others kept;
    only when it fails on all of them does the article fail."""
    parts: list[extraction.Extraction] = []
    warnings: list[Warning] = []
    for number, chunk in enumerate(chunks, 1):
        try:
            parts += _extract(session, prompt, chunk, MAX_HALVINGS)
        except ModelOutputError as err:
            if len(parts) == 0 and len(warnings) == len(chunks) - 1:
                raise
            warnings.append(Warning(
                kind="chunk_not_read",
                message=f"chunk {number} of {len(chunks)} gave no claims: {err}",
                start=chunk.sentences[0].start,
                end=chunk.sentences[-1].end,
            ))
    return parts, warnings


def _extract(session: _Session, prompt: Prompt, chunk: chunking.Chunk, halvings: int) -> list[extraction.Extraction]:
    """The chunk's extraction; read as two halves when its answer did not fit."""
    try:
        answer = session.ask(messages(chunk, prompt), extraction.Extraction, extraction.context(chunk))
    except AnswerCutOff:
        if halvings == 0 or len(chunk.sentences) < 2:
            raise
        return [part for half in chunking.halves(chunk) for part in _extract(session, prompt, half, halvings - 1)]
    assert isinstance(answer, extraction.Extraction)
    return [answer]


def messages(article: Article, prompt: Prompt) -> list[dict[str, str]]:
    """The chat messages for one article (or chunk)."""
    return prompt.render(delimiter=delimiter(article), sentences=numbered_sentences(article))


def batch_request(settings: Settings, prompt: Prompt, article: Article) -> dict[str, Any]:
    """The body of the one request a batch engine sends for the article: exactly what a live
    run sends first (a batch reads no article in chunks)."""
    return llm.request_body(settings, messages=messages(article, prompt),
                            response_model=extraction.Extraction, context=extraction.context(article))


def batch_answer(completion: Any, article: Article, prompt: PromptInfo) -> Analysis:
    """A completion received from a batch engine, validated and grounded like a live answer
    but never re-asked: claims it could not ground are marked grounded: false."""
    result = llm.parse_completion(completion, extraction.Extraction, extraction.context(article))
    answer = result.value
    assert isinstance(answer, extraction.Extraction)
    claims, contradictions, warnings = extraction.to_claims(answer)
    if result.exhausted:
        warnings.insert(0, Warning(
            kind="reask_budget_exhausted",
            message="the model's answer failed validation and a batch result cannot be re-asked; "
            "claims it could not ground are marked grounded: false",
        ))
    return Analysis(
        summary=answer.summary, claims=claims, contradictions=contradictions, warnings=warnings,
        prompt=prompt, usage=result.usage,
    )


def delimiter(article: Article) -> str:
    """A tag the article's author cannot forge: changing the text to include it changes it."""
    return f"article-{article.sha256[:16]}"


def numbered_sentences(article: Article) -> str:
    return "\n".join(f"[{i}] {span.of(article.text)}" for i, span in enumerate(article.sentences, 1))
