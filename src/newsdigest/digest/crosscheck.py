"""Contradictions between articles of the same story.

Only articles grouped into one story (``stories.group``) are compared. With the offline
engine, two claims' figures (or dates) from two articles of a story contradict each other by
the same rule as inside one article (``offline.figures.conflict``); candidate pairs come from
figures grouped by what they measure (``figures.candidates``), so the work is linear in the
figures, and at most ``MAX_PER_STORY`` are reported per story and ``MAX_REPORTED`` per digest.
With a chat-model backend, candidate pairs of grounded claims (from two articles of a story,
sharing content words) come from an index of the claims' words with capped lists; the most
promising ``limit`` pairs go to the versioned ``crosscheck`` prompt, answered in a validated
schema, and answers are cached like article results. Each reported side is a verbatim span of
its article: a claim's evidence, checked when the claim was made. Articles are named by their
headline.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, cast

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
MAX_PER_STORY = 3
MAX_REPORTED = 20
MAX_WORD_HOLDERS = 50
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
    members = [[by_id[article_id] for article_id in story.articles] for story in stories]
    if checker.backend is None or not BACKENDS[checker.backend.name].chat_model:
        return stories, *_figure_conflicts(members)
    if checker.limit <= 0:
        return stories, [], []
    candidates = heapq.nsmallest(checker.limit, _candidates(members))
    # A chat model, as the registry says: it can be asked.
    chat = cast("ChatBackend", checker.backend)
    contradictions, warnings = _ask_model([c for *_, c in candidates], checker, chat)
    return stories, contradictions, warnings


def _figure_conflicts(members: list[list[_Result]]) -> tuple[list[CrossContradiction], list[Warning]]:
    from newsdigest.offline import contradictions, figures

    found: list[CrossContradiction] = []
    left_out = 0
    for story in members:
        items = [
            ((article, digest, claim), contradictions.unsaid(fig, claim.attribution.source))
            for article, digest in story for claim in _checkable(digest) for evidence in claim.evidence
            for fig in figures.find(article.text, evidence.start, evidence.end)
        ]
        paired: set[tuple[str, str]] = set()
        in_story = 0
        for (side_a, fig_a), (side_b, fig_b) in figures.candidates(items):
            pair = (side_a[0].id, side_b[0].id)
            if side_a[0] is side_b[0] or pair in paired or not figures.conflict(fig_a, fig_b):
                continue
            paired.add(pair)
            if in_story == MAX_PER_STORY or len(found) == MAX_REPORTED:
                left_out += 1
                continue
            in_story += 1
            found.append(CrossContradiction(
                kind="temporal" if fig_a.date else "numeric",
                explanation=(
                    f"{_headline(side_a[0])} ({side_a[2].attribution.source}) gives {contradictions.said(fig_a)} and "
                    f"{_headline(side_b[0])} ({side_b[2].attribution.source}) gives {contradictions.said(fig_b)}: "
                    f"{contradictions.measure(fig_a, fig_b)}"
                ),
                a=_side(side_a), b=_side(side_b), found_by="figures",
            ))
    warnings = [Warning(kind="contradictions_left_out", message=(
        f"{left_out} more pairs of articles give conflicting figures; at most {MAX_PER_STORY} are listed "
        f"per story and {MAX_REPORTED} per digest"
    ))] if left_out else []
    return found, warnings


def _candidates(members: list[list[_Result]]) -> Iterator[tuple[int, tuple[int, ...], _Candidate]]:
    """(minus relatedness, order, candidate) for claims of two articles of one story that share
    content words; the order is the story's, then its articles', then their claims'."""
    for story_index, story in enumerate(members):
        claims = [(n, article, digest, claim) for n, (article, digest) in enumerate(story) for claim in _checkable(digest)]
        words = [_words(claim) for *_, claim in claims]
        holders: dict[str, list[int]] = defaultdict(list)
        for i, (article_index, article, digest, claim) in enumerate(claims):
            shared: Counter[int] = Counter()
            for word in words[i]:
                posting = holders[word]
                for j in posting:
                    if claims[j][0] != article_index:
                        shared[j] += 1
                if len(posting) < MAX_WORD_HOLDERS:  # a word in every claim ties nothing
                    posting.append(i)
            for j, count in shared.items():
                other_index, other, other_digest, other_claim = claims[j]
                score = count + (2 if _gives_figures(other_claim) and _gives_figures(claim) else 0)
                if score >= 2:
                    order = (story_index, other_index, article_index, j, i)
                    yield -score, order, _Candidate((other, other_digest, other_claim), (article, digest, claim))


def _checkable(digest: ArticleDigest) -> list[Claim]:
    return [c for c in digest.claims if c.grounded and c.evidence]


def _gives_figures(claim: Claim) -> bool:
    return bool(_DIGIT.search(claim.evidence[0].quote))


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
    identity = {"prompt": prompt.sha256, "settings": settings.answer_settings(), "server": cache_mod.server(backend)}
    keys = [cache_mod.key("crosscheck", messages=m, **identity) for m in requests]
    verdicts: list[CrossCheck | NewsdigestError | None] = [
        checker.cache.load(k, CrossCheck) if checker.cache else None for k in keys  # a damaged entry is a miss
    ]
    missing = [i for i, v in enumerate(verdicts) if v is None]
    def ask(i: int) -> CrossCheck | NewsdigestError:
        try:
            result = llm.structured(backend.create_function(), settings, messages=requests[i], response_model=CrossCheck, context={},
                                    reasks=settings.reasks)
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
    return Side(article=article.id, headline=article.title, claim=claim.id, quote=evidence.quote,
                start=evidence.start, end=evidence.end)


def _headline(article: Article) -> str:
    return f"“{article.title}”" if article.title else article.id


def _label(side: tuple[Article, ArticleDigest, Claim]) -> str:
    return f"{side[0].id}/{side[2].id}"
