"""What every chat-model backend shares: prompt, numbered sentences, re-asks, grounding, chunks.

A prompt's ``method`` decides what the model is asked: ``hybrid`` (the default prompt) shows
the offline engine's reading of every sentence and asks for corrections and what the rules
cannot do (``hybrid``); ``full`` asks for every claim (``extraction``).

An article that does not fit the model's context with room for the answer is read in chunks
(``chunking``): one extraction per chunk, merged into one claim list, then one more request
(the ``combine`` prompt) writes the summary from the chunks' summaries and looks for
contradictions across the whole claim list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel

from newsdigest.backends.base import Analysis
from newsdigest.backends.chat import budget, chunking, extraction, hybrid, llm
from newsdigest.errors import AnswerCutOff, ModelOutputError
from newsdigest.offline import engine
from newsdigest.prompts import Prompt, PromptStore
from newsdigest.schema import PromptInfo, Usage, Warning
from newsdigest.settings import Settings
from newsdigest.text.article import Article

COMBINE_PROMPT = "combine"
# A summary of a few sentences and a handful of contradictions.
COMBINE_ANSWER_TOKENS = 768
# The most requests that look for contradictions across a long article's chunks: bringing
# every pair of claims together takes requests that grow as the square of the claims.
MAX_COMBINE_REQUESTS = 6
# A chunk whose answer was cut off is read again as two halves, this many times over.
MAX_HALVINGS = 1
# What a sentence's "draft:" line adds in the hybrid prompt, on average, on top of the sentence.
DRAFT_LINE_TOKENS = 24


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
        reading = _reading(article, prompt.method)
        overhead = budget.request_tokens(
            self.count_tokens, prompt.render(delimiter=delimiter(article), sentences="")
        ) + budget.schema_tokens(self.count_tokens, _answer_model(prompt))
        chunks = chunking.plan(
            article, count=self.count_tokens, n_ctx=self.n_ctx, overhead=overhead, answer=self.settings.max_tokens,
            per_sentence=chunking.NUMBERING_TOKENS + (DRAFT_LINE_TOKENS if reading else 0),
        )
        parts, warnings = _extract_all(session, prompt, chunks, reading)
        if reading is not None:  # what the engine warns of (loaded words) is part of its draft
            warnings = reading.warnings + warnings
        merged = chunking.merge(parts)
        if len(parts) > 1:
            warnings += self._combine(session, prompts.get(COMBINE_PROMPT), article, parts, merged)
            if reading is not None:
                chunking.add_contradictions(merged, hybrid.across_chunks(reading, merged), [])
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
        groups = chunking.covering_groups([self.count_tokens(line) + 1 for line in lines], room, MAX_COMBINE_REQUESTS)
        warnings = []
        if len(groups) > 1 and (met := chunking.pairs_met(groups)) < (pairs := len(lines) * (len(lines) - 1) // 2):
            warnings.append(Warning(
                kind="contradictions_partly_checked",
                message=f"the model compared {met} of the {pairs} pairs of claims for contradictions across "
                f"the article's chunks (at most {MAX_COMBINE_REQUESTS} requests, neighbouring claims first)",
            ))
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
        return warnings


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
        """The validated answer (re-asked, and salvaged leniently when the re-asks run out)."""
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
    session: _Session, prompt: Prompt, chunks: list[chunking.Chunk], reading: engine.Reading | None
) -> tuple[list[extraction.Extraction], list[Warning]]:
    """Every chunk's extraction. A chunk the model fails on is reported and the others kept;
    only when it fails on all of them does the article fail."""
    parts: list[extraction.Extraction] = []
    warnings: list[Warning] = []
    for number, chunk in enumerate(chunks, 1):
        try:
            parts += _extract(session, prompt, chunk, reading, MAX_HALVINGS)
        except ModelOutputError as err:
            if reading is not None:  # the hybrid has the engine's draft to fall back on
                parts.append(hybrid.draft_only(chunk, reading))
                warnings.append(Warning(
                    kind="model_answer_unused",
                    message=f"the model's answer for chunk {number} of {len(chunks)} was unusable ({err}); "
                    "the offline engine's reading stands there",
                    start=chunk.sentences[0].start,
                    end=chunk.sentences[-1].end,
                ))
                continue
            if len(parts) == 0 and len(warnings) == len(chunks) - 1:
                raise
            warnings.append(Warning(
                kind="chunk_not_read",
                message=f"chunk {number} of {len(chunks)} gave no claims: {err}",
                start=chunk.sentences[0].start,
                end=chunk.sentences[-1].end,
            ))
    return parts, warnings


def _extract(
    session: _Session, prompt: Prompt, chunk: chunking.Chunk, reading: engine.Reading | None, halvings: int
) -> list[extraction.Extraction]:
    """The chunk's extraction; read as two halves when its answer did not fit."""
    ask = request(chunk, prompt, reading)
    try:
        answer = session.ask(ask.messages, ask.response_model, ask.context)
    except AnswerCutOff:
        # The hybrid's answer is a few hundred tokens whatever the chunk's size: cut off, it ran away.
        if halvings == 0 or len(chunk.sentences) < 2 or reading is not None:
            raise
        return [part for half in chunking.halves(chunk) for part in _extract(session, prompt, half, reading, halvings - 1)]
    return [hybrid.as_extraction(answer)]


@dataclass(frozen=True)
class Request:
    """One request about an article (or chunk): what is sent, and how its answer is validated."""

    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    context: dict[str, Any]


def request(article: Article, prompt: Prompt, reading: engine.Reading | None) -> Request:
    """The request for one article or chunk, shared by live calls and batch requests.
    ``reading``: the offline engine's reading of the whole article, which a hybrid prompt needs."""
    response_model, context = validation(article, prompt.method, reading)
    if prompt.method == "hybrid":
        sentences = hybrid.numbered(article, context["draft"])
    else:
        sentences = numbered_sentences(article)
    return Request(prompt.render(delimiter=delimiter(article), sentences=sentences), response_model, context)


def validation(article: Article, method: str, reading: engine.Reading | None) -> tuple[type[BaseModel], dict[str, Any]]:
    """The answer's model and validation context for a request made with a prompt of ``method``."""
    if method == "hybrid":
        assert reading is not None, "a hybrid prompt needs the engine's reading"
        return hybrid.Completion, hybrid.context(article, hybrid.draft(article, reading))
    return extraction.Extraction, extraction.context(article)


def _answer_model(prompt: Prompt) -> type[BaseModel]:
    return hybrid.Completion if prompt.method == "hybrid" else extraction.Extraction


def _reading(article: Article, method: str) -> engine.Reading | None:
    """The offline engine's reading, which a hybrid prompt shows as its draft."""
    return engine.read(article) if method == "hybrid" else None


def batch_request(settings: Settings, prompt: Prompt, article: Article) -> dict[str, Any]:
    """The body of the one request a batch engine sends for the article: exactly what a live
    run sends first (a batch reads no article in chunks)."""
    ask = request(article, prompt, _reading(article, prompt.method))
    return llm.request_body(settings, messages=ask.messages, response_model=ask.response_model, context=ask.context)


def batch_answer(completion: Any, article: Article, prompt: PromptInfo, method: str) -> Analysis:
    """A completion received from a batch engine, validated and grounded like a live answer
    but never re-asked: claims it could not ground are marked grounded: false. ``method``: the
    prompt's; for a hybrid prompt the engine reads the article again, and its rules being
    deterministic, it sees the draft ``batch_request`` sent."""
    reading = _reading(article, method)
    response_model, context = validation(article, method, reading)
    result = llm.parse_completion(completion, response_model, context)
    answer = hybrid.as_extraction(result.value)
    claims, contradictions, warnings = extraction.to_claims(answer)
    warnings = (reading.warnings if reading else []) + warnings
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
