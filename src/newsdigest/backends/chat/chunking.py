"""Articles longer than a model's context: split into chunks, and merge what the chunks gave.

A chunk is the article seen through a window of consecutive sentences: the same text, the
same offsets, only the sentences in the window numbered (from 1, as the model sees them).
Grounding a claim in a chunk maps its chunk-local sentence numbers to spans of the whole
article, so its evidence offsets index the whole article with nothing left to shift.

Chunks are cut at paragraph boundaries where the paragraphs fit, at sentence boundaries
inside a paragraph that does not, and at spaces inside a sentence that alone does not fit.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from typing import Callable

from newsdigest.backends.chat.extraction import ExtractedClaim, ExtractedContradiction, Extraction
from newsdigest.errors import ContextFull
from newsdigest.text import segment
from newsdigest.text.article import Article
from newsdigest.text.segment import Span

# What "[12] " and the line break cost on top of a sentence's own tokens.
NUMBERING_TOKENS = 5
ANSWER_TOKENS_PER_ARTICLE_TOKEN = 2
MIN_CHUNK_TOKENS = 128
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Chunk(Article):
    """Consecutive sentences (``spans``) of an article; ``text`` is the whole article's."""

    spans: tuple[Span, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentences", list(self.spans))


def whole(article: Article) -> Chunk:
    return Chunk(id=article.id, source=article.source, text=article.text, spans=tuple(article.sentences))


def plan(
    article: Article, *, count: Callable[[str], int], n_ctx: int, overhead: int, answer: int,
    per_sentence: int = NUMBERING_TOKENS,
) -> list[Chunk]:
    """The whole article if it fits with ``answer`` tokens to answer in, else chunks that do.

    ``overhead`` is what the request takes without the article's sentences; ``per_sentence``
    what each sentence's line takes besides the sentence itself. A chunk's
    answer, every claim restating and quoting its sentence, can run to twice its length, so
    a chunk gets a third of the room and its answer the rest.
    """
    sentences = sum(count(s.of(article.text)) + per_sentence for s in article.sentences)
    if overhead + sentences + answer <= n_ctx:
        return [whole(article)]
    room = (n_ctx - overhead) // (1 + ANSWER_TOKENS_PER_ARTICLE_TOKEN)
    if room < MIN_CHUNK_TOKENS:
        raise ContextFull(
            f"a {n_ctx}-token context is too small: the prompt alone takes about {overhead} tokens",
            hint=f"raise --n-ctx to at least {overhead + MIN_CHUNK_TOKENS * (1 + ANSWER_TOKENS_PER_ARTICLE_TOKEN)}",
        )
    return split(article, room, count, per_sentence)


def split(article: Article, room: int, count: Callable[[str], int], per_sentence: int = NUMBERING_TOKENS) -> list[Chunk]:
    """Chunks whose numbered sentences take at most ``room`` tokens each, by ``count``."""
    text = article.text
    groups: list[list[Span]] = [[]]
    used = 0

    def add(span: Span, cost: int) -> None:
        nonlocal used
        if groups[-1] and used + cost > room:
            groups.append([])
            used = 0
        groups[-1].append(span)
        used += cost

    for paragraph in _paragraphs(article):
        costs = [count(s.of(text)) + per_sentence for s in paragraph]
        if groups[-1] and used + sum(costs) > room >= sum(costs):
            groups.append([])  # the paragraph fits a chunk of its own: don't cut it
            used = 0
        for span, cost in zip(paragraph, costs):
            if cost <= room:
                add(span, cost)
            else:
                for piece in _pieces(text, span, room, count, per_sentence):
                    add(piece, count(piece.of(text)) + per_sentence)
    return [Chunk(id=article.id, source=article.source, text=text, spans=tuple(g)) for g in groups if g]


def _paragraphs(article: Article) -> list[list[Span]]:
    """The article's sentences grouped by paragraph (a sentence never crosses one)."""
    out: list[list[Span]] = []
    sentences = iter(article.sentences)
    pending = next(sentences, None)
    for paragraph in article.paragraphs:
        out.append([])
        while pending is not None and pending.end <= paragraph.end:
            out[-1].append(pending)
            pending = next(sentences, None)
    return [p for p in out if p]


def _pieces(text: str, span: Span, room: int, count: Callable[[str], int], per_sentence: int) -> list[Span]:
    """An overlong sentence cut at spaces into the fewest near-equal pieces that fit."""
    n = math.ceil((count(span.of(text)) + per_sentence) / room)
    while True:
        pieces = _cut(text, span, n)
        if all(count(p.of(text)) + per_sentence <= room for p in pieces) or n >= span.end - span.start:
            return pieces
        n += 1


def _cut(text: str, span: Span, n: int) -> list[Span]:
    pieces, start = [], span.start
    for i in range(1, n):
        target = span.start + (span.end - span.start) * i // n
        cut = text.rfind(" ", start + 1, target + 1)
        cut = cut if cut > start else target  # no space to cut at: cut inside the word
        if cut > start:
            pieces.append(Span(*segment.strip(text, start, cut)))
            start = cut
    pieces.append(Span(*segment.strip(text, start, span.end)))
    return [p for p in pieces if p.start < p.end]


def halves(chunk: Chunk) -> list[Chunk]:
    """The chunk's sentences in two chunks, for an answer too long for the room left."""
    middle = len(chunk.spans) // 2
    return [replace(chunk, spans=chunk.spans[:middle]), replace(chunk, spans=chunk.spans[middle:])]


def covering_groups(costs: list[int], room: int, most: int | None = None) -> list[list[int]]:
    """Groups of item indices, each costing at most ``room``, in which every pair of items
    meets at least once: all items when they fit, else every two of the bins a half-room holds,
    neighbouring bins first. With ``most``, only the first ``most`` groups: the pairs grow as
    the square of a long article's claims, and the requests with them.
    """
    if sum(costs) <= room:
        return [list(range(len(costs)))]
    bins: list[list[int]] = [[]]
    used = 0
    for i, cost in enumerate(costs):
        if bins[-1] and used + cost > room // 2:
            bins.append([])
            used = 0
        bins[-1].append(i)
        used += cost
    groups = [bins[j] + bins[j + gap] for gap in range(1, len(bins)) for j in range(len(bins) - gap)] or bins
    return groups[:most]


def pairs_met(groups: list[list[int]]) -> int:
    """How many pairs of items meet in at least one of the groups."""
    return len({pair for group in groups for pair in itertools.combinations(sorted(group), 2)})


def merge(parts: list[Extraction]) -> Extraction:
    """One extraction from the chunks' answers, in article order.

    Claims get ids c1..cN over the whole article; a claim that repeats an earlier one (same
    source, same statement) is merged into it, its evidence added; contradictions follow
    their claims' new ids, and those naming a claim their chunk did not have are dropped (the
    chunk's validation already reported them).
    """
    claims: list[ExtractedClaim] = []
    contradictions: list[ExtractedContradiction] = []
    dropped: list[str] = []
    rejected: list[str] = []
    first_of: dict[tuple[str, str], ExtractedClaim] = {}
    for number, part in enumerate(parts, 1):
        ids: dict[str, str] = {}
        for raw in part.claims:
            key = (_words(raw.source), _words(raw.text))
            if key in first_of:
                _absorb(first_of[key], raw)
                ids.setdefault(raw.id, first_of[key].id)
                continue
            claim = raw.model_copy(update={"id": f"c{len(claims) + 1}"})
            claims.append(claim)
            first_of[key] = claim
            ids.setdefault(raw.id, claim.id)
        contradictions += [
            c.model_copy(update={"claims": [ids[r] for r in c.claims]})
            for c in part.contradictions
            if all(r in ids for r in c.claims)
        ]
        where = f"chunk {number}: " if len(parts) > 1 else ""
        dropped += [where + problem for problem in part._dropped]
        rejected += [where + problem for problem in part._rejected]
    merged = Extraction.model_construct(
        summary=" ".join(p.summary.strip() for p in parts), claims=claims, contradictions=contradictions
    )
    merged._dropped = dropped
    merged._rejected = rejected
    return merged


def add_contradictions(extraction: Extraction, found: list[ExtractedContradiction], problems: list[str]) -> None:
    """Contradictions found across the whole claim list, less the pairs already known."""
    known = {frozenset(c.claims) for c in extraction.contradictions}
    for contradiction in found:
        if frozenset(contradiction.claims) not in known:
            known.add(frozenset(contradiction.claims))
            extraction.contradictions.append(contradiction)
    extraction._dropped += problems


def _absorb(first: ExtractedClaim, repeat: ExtractedClaim) -> None:
    spans = {(e.start, e.end): e for e in [*first._evidence, *repeat._evidence]}
    first._evidence = [spans[k] for k in sorted(spans)]
    first._cited = f"{first._cited} {repeat._cited}".strip()
    first.hedges = list(dict.fromkeys([*first.hedges, *repeat.hedges]))
    if repeat._problem is None:  # grounded once is grounded
        first._problem = None


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
