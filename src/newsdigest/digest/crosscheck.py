"""Contradictions between articles of the same story.

Only articles grouped into one story (``stories.group``) are compared, which keeps the
work far below all pairs of an archive. With the offline engine, the figures in two
claims' evidence that count the same thing but cannot both hold (``offline.figures``)
are a numeric contradiction when the two claims also share topic words. With a chat-model backend, candidate pairs of
grounded claims (from two articles, sharing content words or both giving figures) go to the
versioned ``crosscheck`` prompt, answered in a validated schema; the most promising
``limit`` pairs are asked, and answers are cached like article results. Each reported side
is a verbatim span of its article: a claim's evidence, checked when the claim was made.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any, Iterator, cast

from pydantic import BaseModel, Field, model_validator

from newsdigest.backends.base import Backend
from newsdigest.backends.chat import llm
from newsdigest.backends.registry import BACKENDS
from newsdigest.digest import DATA
from newsdigest.digest import cache as cache_mod
from newsdigest.digest import stories as stories_mod
from newsdigest.digest.report import CrossContradiction, Side, Story
from newsdigest.errors import NewsdigestError
from newsdigest.offline import lexicon
from newsdigest.prompts import Prompt, PromptStore
from newsdigest.schema import ArticleDigest, Claim, ContradictionKind, Warning
from newsdigest.text.article import Article

if TYPE_CHECKING:
    from newsdigest.backends.chat.backend import ChatBackend

PROMPT = "crosscheck"
MIN_SHARED_TOPIC_WORDS = 2
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_DIGIT = re.compile(r"\d")


class CrossCheck(BaseModel):
    """The model's verdict on one pair of statements."""

    contradicts: bool = Field(description="true only when both statements cannot be true at once")
    kind: ContradictionKind | None = Field(default=None, description="numeric, factual or temporal when they contradict")
    explanation: str = Field(default="", description="one sentence: what differs, naming both sources")

    @model_validator(mode="after")
    def _kind_when_contradicting(self) -> CrossCheck:
        if self.contradicts and (self.kind is None or not self.explanation.strip()):
            raise ValueError("a contradiction needs its kind (numeric, factual or temporal) and an explanation")
        return self


@dataclass
class Checker:
    backend: Backend | None  # None, or a backend without a chat model: stories only
    prompts: PromptStore
    cache: cache_mod.Cache | None = None
    concurrency: int = 1
    limit: int = 20  # most candidate pairs sent to the model per digest


_Result = tuple[Article, ArticleDigest]
_Pair = tuple[_Result, _Result]  # two articles of one story


@dataclass(frozen=True)
class _Candidate:
    a: tuple[Article, ArticleDigest, Claim]
    b: tuple[Article, ArticleDigest, Claim]


def analyze(
    results: list[tuple[Article, ArticleDigest]], checker: Checker
) -> tuple[list[Story], list[CrossContradiction], list[Warning]]:
    """Stories, the contradictions between their articles, and warnings about checks that failed."""
    stories = stories_mod.group([article for article, _ in results])
    by_id = {article.id: (article, digest) for article, digest in results}
    pairs = [(by_id[x], by_id[y]) for story in stories for x, y in combinations(story.articles, 2)]
    if checker.backend is None or not BACKENDS[checker.backend.name].chat_model:
        return stories, list(_figure_conflicts(pairs)), []
    if checker.limit <= 0:
        return stories, [], []
    candidates = sorted(_candidates(pairs), key=lambda sc: -sc[0])[: checker.limit]
    # A chat model, as the registry says: it can be asked.
    chat = cast("ChatBackend", checker.backend)
    contradictions, warnings = _ask_model([c for _, c in candidates], checker, chat)
    return stories, contradictions, warnings


def _figure_conflicts(pairs: list[_Pair]) -> Iterator[CrossContradiction]:
    from newsdigest.offline import figures

    def stated(article: Article, digest: ArticleDigest) -> list[tuple[Claim, Any]]:
        return [(c, f) for c in _checkable(digest) for e in c.evidence for f in figures.find(article.text, e.start, e.end)]

    for (art_a, dig_a), (art_b, dig_b) in pairs:
        figures_b = stated(art_b, dig_b)
        reported: set[tuple[str, str]] = set()
        for claim_a, fig_a in stated(art_a, dig_a):
            for claim_b, fig_b in figures_b:
                if (claim_a.id, claim_b.id) in reported or not figures.conflict(fig_a, fig_b):
                    continue
                # Across articles a shared unit and verb is weak evidence of one quantity
                # ("46 percent" of a poll, "25 percent" tariffs): the claims must share topic words too.
                measure = {w.rstrip("s") for w in (fig_a.unit, fig_a.counts) if w}
                if len((_words(claim_a) & _words(claim_b)) - measure) < MIN_SHARED_TOPIC_WORDS:
                    continue
                reported.add((claim_a.id, claim_b.id))
                yield CrossContradiction(
                    kind="numeric",
                    explanation=(f"{art_a.id} ({claim_a.attribution.source}) gives '{fig_a.text}' and {art_b.id} "
                                 f"({claim_b.attribution.source}) gives '{fig_b.text}' for {fig_a.counts or fig_a.unit or 'the same quantity'}"),
                    a=_side((art_a, dig_a, claim_a)), b=_side((art_b, dig_b, claim_b)), found_by="figures",
                )


def _candidates(pairs: list[_Pair]) -> Iterator[tuple[int, _Candidate]]:
    for (art_a, dig_a), (art_b, dig_b) in pairs:
        for claim_a in _checkable(dig_a):
            for claim_b in _checkable(dig_b):
                score = _relatedness(claim_a, claim_b)
                if score >= 2:
                    yield score, _Candidate((art_a, dig_a, claim_a), (art_b, dig_b, claim_b))


def _checkable(digest: ArticleDigest) -> list[Claim]:
    return [c for c in digest.claims if c.grounded and c.evidence]


def _relatedness(a: Claim, b: Claim) -> int:
    words_a, words_b = _words(a), _words(b)
    both_give_figures = bool(_DIGIT.search(a.evidence[0].quote) and _DIGIT.search(b.evidence[0].quote))
    return len(words_a & words_b) + (2 if both_give_figures else 0)


def _words(claim: Claim) -> set[str]:
    text = f"{claim.text} {claim.evidence[0].quote}".lower()
    common = lexicon.words("common_words", DATA)
    return {w.rstrip("s") for w in _WORD.findall(text) if w not in common}


def _ask_model(
    candidates: list[_Candidate], checker: Checker, backend: ChatBackend
) -> tuple[list[CrossContradiction], list[Warning]]:
    prompt = checker.prompts.get(PROMPT)
    requests = [_messages(prompt, c) for c in candidates]
    settings = backend.settings
    identity = {"prompt": prompt.sha256, "settings": settings.answer_settings(), "host": backend.base_url_host}
    keys = [cache_mod.key("crosscheck", messages=m, **identity) for m in requests]
    verdicts: list[CrossCheck | NewsdigestError | None] = [
        CrossCheck.model_validate_json(hit) if checker.cache and (hit := checker.cache.get(k)) else None for k in keys
    ]
    missing = [i for i, v in enumerate(verdicts) if v is None]
    def ask(i: int) -> CrossCheck | NewsdigestError:
        try:
            result = llm.structured(backend.create_function(), settings, messages=requests[i], response_model=CrossCheck, context={})
        except NewsdigestError as exc:
            return exc
        assert isinstance(result.value, CrossCheck)
        return result.value

    with ThreadPoolExecutor(max_workers=checker.concurrency) as pool:
        for i, verdict in zip(missing, pool.map(ask, missing)):
            verdicts[i] = verdict
            if checker.cache and isinstance(verdict, CrossCheck):
                checker.cache.put(keys[i], "crosscheck", verdict.model_dump_json())
    found, warnings = [], []
    for candidate, verdict in zip(candidates, verdicts):
        if isinstance(verdict, CrossCheck) and verdict.contradicts and verdict.kind:
            found.append(CrossContradiction(
                kind=verdict.kind, explanation=verdict.explanation,
                a=_side(candidate.a), b=_side(candidate.b), found_by=f"{prompt.name}@{prompt.version}",
            ))
        elif isinstance(verdict, NewsdigestError):
            warnings.append(Warning(kind="crosscheck_failed", message=f"{_label(candidate.a)} vs {_label(candidate.b)}: {verdict}"))
    return found, warnings


def _messages(prompt: Prompt, candidate: _Candidate) -> list[dict[str, str]]:
    (art_a, _, claim_a), (art_b, _, claim_b) = candidate.a, candidate.b
    quote_a, quote_b = claim_a.evidence[0].quote, claim_b.evidence[0].quote
    # Like the article delimiter: derived from the data, so the data cannot forge it.
    delimiter = "statements-" + hashlib.sha256(f"{quote_a}\n{quote_b}".encode()).hexdigest()[:16]
    return prompt.render(
        delimiter=delimiter,
        article_a=art_a.id, source_a=claim_a.attribution.source, quote_a=quote_a,
        article_b=art_b.id, source_b=claim_b.attribution.source, quote_b=quote_b,
    )


def _side(side: tuple[Article, ArticleDigest, Claim]) -> Side:
    article, _, claim = side
    evidence = claim.evidence[0]
    return Side(article=article.id, claim=claim.id, quote=evidence.quote, start=evidence.start, end=evidence.end)


def _label(side: tuple[Article, ArticleDigest, Claim]) -> str:
    return f"{side[0].id}/{side[2].id}"
