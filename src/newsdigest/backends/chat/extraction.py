"""What a model is asked to return, and how its answer becomes grounded claims.

The model cites sentences by number (it does that reliably) and may add a quote. Grounding
is a Pydantic validator: evidence is built from the known sentence offsets, narrowed to the
quote when ``grounding.locate`` finds it. In strict mode (every attempt but the salvage of
the last one) a claim that cannot be grounded raises, and instructor re-asks with the
message; in lenient mode it is kept with ``grounded: false`` and a warning.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from newsdigest.offline import confidence
from newsdigest.backends.chat import grounding
from newsdigest.schema import (
    AUTHOR,
    Attribution,
    Claim,
    Contradiction,
    ContradictionKind,
    Evidence,
    Mode,
    SourceType,
    Warning,
)
from newsdigest.text.article import Article
from newsdigest.text.segment import Span

# "[3]", "3", "sentence 3", "[3], [4]": a quote that only points at sentences.
_SENTENCE_REFS = re.compile(r"^\s*(?:\[?\s*(?:sentences?\s*)?\d+\s*\]?[\s,;and]*)+$", re.IGNORECASE)


def context(article: Article, *, strict: bool = True) -> dict[str, Any]:
    """The validation context instructor passes to the validators below."""
    return {"article": article, "strict": strict}


class ExtractedClaim(BaseModel):
    id: str = Field(description='"c1", "c2", ... in article order')
    text: str = Field(description="the claim as a short self-contained statement")
    sentences: list[int] = Field(description="numbers of the sentences that state it")
    quote: str = Field(default="", description="exact words copied from those sentences, or empty")
    source: str = Field(description="who asserts it as the article names them; 'author' for the article's own voice")
    source_type: SourceType
    cue: str = Field(default="", description="reporting words such as said, claimed, according to")
    mode: Mode
    hedges: list[str] = Field(default_factory=list, description="hedging words in the sentence")

    _evidence: list[Evidence] = PrivateAttr(default_factory=list)
    _problem: str | None = PrivateAttr(default=None)
    # The cited sentences' text: hedges are checked against it once the sentence numbers,
    # which are local to the chunk the model saw, no longer mean anything.
    _cited: str = PrivateAttr(default="")

    @property
    def grounded(self) -> bool:
        """Did the evidence check pass (it runs when the claim is validated with an article)?"""
        return self._problem is None and bool(self._evidence)

    @model_validator(mode="after")
    def _ground(self, info: ValidationInfo) -> ExtractedClaim:
        ctx = info.context or {}
        article: Article | None = ctx.get("article")
        if article is None:
            return self
        self._evidence, self._problem = ground(article, self.sentences, self.quote, self.text)
        # The sentences the evidence lies in (after any recount), not the numbers as the model gave them.
        self._cited = " ".join(
            s.of(article.text) for s in article.sentences if any(s.start <= e.start < s.end for e in self._evidence)
        )
        if self._problem and ctx.get("strict", True):
            raise ValueError(f"claim {self.id}: {self._problem}")
        return self


class ExtractedContradiction(BaseModel):
    claims: list[str] = Field(description="the ids of the two claims that contradict each other")
    kind: ContradictionKind
    explanation: str


class _NamesClaims(BaseModel):
    """An answer whose contradictions must name existing, distinct claims."""

    _dropped: list[str] = PrivateAttr(default_factory=list)

    def _known(self, ctx: dict[str, Any]) -> tuple[set[str], list[str]] | None:
        """The claim ids contradictions may name and the problems found so far; None: no check."""
        raise NotImplementedError

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> _NamesClaims:
        ctx = info.context or {}
        known = self._known(ctx)
        if known is None:
            return self
        ids, problems = known
        contradictions: list[ExtractedContradiction] = getattr(self, "contradictions")
        problems += [p for c in contradictions if (p := _reference_problem(c.claims, ids))]
        if problems and ctx.get("strict", True):
            raise ValueError("; ".join(problems))
        self._dropped = problems
        return self


class Extraction(_NamesClaims):
    # Claims first: a model writes the summary better after it has listed what the article says.
    claims: list[ExtractedClaim]
    contradictions: list[ExtractedContradiction] = Field(default_factory=list)
    summary: str

    @field_validator("summary", mode="before")
    @classmethod
    def _join_sentence_list(cls, value: Any) -> Any:
        # Small models often answer the summary as a list of sentences and, at temperature 0,
        # repeat that through every re-ask; joining it loses nothing.
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return " ".join(v.strip() for v in value)
        return value

    def _known(self, ctx: dict[str, Any]) -> tuple[set[str], list[str]] | None:
        if ctx.get("article") is None:
            return None
        ids = [c.id for c in self.claims]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        return set(ids), [f"claim ids must be unique; repeated: {', '.join(duplicates)}"] if duplicates else []


class Combination(_NamesClaims):
    """The second step for an article read in chunks: one summary, contradictions across chunks."""

    summary: str
    contradictions: list[ExtractedContradiction] = Field(default_factory=list)

    def _known(self, ctx: dict[str, Any]) -> tuple[set[str], list[str]] | None:
        return None if ctx.get("claim_ids") is None else (set(ctx["claim_ids"]), [])


def _reference_problem(refs: list[str], ids: set[str]) -> str | None:
    unknown = [r for r in refs if r not in ids]
    if unknown:
        return f"contradiction names claims that do not exist: {', '.join(unknown)}"
    if len(set(refs)) < 2:
        return f"a contradiction needs two distinct claims, got {refs}"
    return None


def ground(
    article: Article, sentence_numbers: list[int], quote: str, claim_text: str = ""
) -> tuple[list[Evidence], str | None]:
    """Evidence spans for a claim, or the reason it cannot be grounded (told to the model)."""
    text, spans = article.text, article.sentences
    bad = [n for n in sentence_numbers if not 1 <= n <= len(spans)]
    if bad:
        return [], f"sentence numbers {bad} are not in the article; use numbers 1 to {len(spans)}"
    cited = [spans[n - 1] for n in dict.fromkeys(sentence_numbers)]
    if quote.strip() and not _SENTENCE_REFS.match(quote):
        match = grounding.locate(text, quote, cited)
        if match is None:
            where = f"sentence(s) {sentence_numbers}" if cited else "the article"
            return [], f"quote {quote!r} is not in {where}; copy the words exactly, or give an empty quote"
        return [Evidence(quote=text[match.start : match.end], start=match.start, end=match.end)], None
    if not cited:
        return [], f"cite at least one sentence number between 1 and {len(spans)}"
    cited = _recounted(article, cited, claim_text)
    return [Evidence(quote=s.of(text), start=s.start, end=s.end) for s in cited], None


def _recounted(article: Article, cited: list[Span], claim_text: str) -> list[Span]:
    """Small models miscount sentence numbers. When the cited sentences share little with the
    claim and one other sentence clearly states it, that sentence is the evidence."""
    text = article.text
    if not claim_text or max(grounding.word_overlap(claim_text, s.of(text)) for s in cited) >= grounding.MISCITED_MAX_OVERLAP:
        return cited
    better = grounding.restating_sentence(text, claim_text, article.sentences)
    return [better] if better else cited


def to_claims(extraction: Extraction) -> tuple[list[Claim], list[Contradiction], list[Warning]]:
    """Contract claims (renumbered c1..cN), valid contradictions, and warnings for what was not."""
    renumber = {}
    for i, claim in enumerate(extraction.claims, 1):
        renumber.setdefault(claim.id, f"c{i}")
    contradictions = [
        Contradiction(claims=[renumber[r] for r in c.claims], kind=c.kind, explanation=c.explanation)
        for c in extraction.contradictions
        if _reference_problem(c.claims, set(renumber)) is None
    ]
    warnings = [Warning(kind="invalid_contradiction", message=m) for m in extraction._dropped if "contradiction" in m]
    opponents = confidence.opponents(contradictions)

    claims = []
    for i, raw in enumerate(extraction.claims, 1):
        cid = f"c{i}"
        if raw._problem:
            warnings.append(Warning(kind="ungrounded_claim", message=f"{cid}: {raw._problem}"))
        claims.append(_claim(cid, raw, opponents.get(cid, [])))
    return claims, contradictions, warnings


_AUTHOR_NAMES = frozenset({"author", "the author", "article", "the article", "reporter", "the reporter"})


def _coherent_attribution(raw: ExtractedClaim) -> tuple[str, SourceType, Mode]:
    """Source, type and mode that agree with each other.

    Small models often fill the three fields independently ("unattributed", "government",
    "author_assertion"); the source string and the mode are the more reliable signals.
    """
    source = raw.source.strip()
    if source.lower() in _AUTHOR_NAMES or raw.mode == "author_assertion" or raw.source_type == "author":
        # The same wording as the offline engine, so consumers see one name for the article's voice.
        return AUTHOR, "author", "author_assertion"
    if source.lower() in {"unattributed", ""}:
        return "unattributed", "unattributed", "reported"
    return source, raw.source_type, raw.mode


def _claim(cid: str, raw: ExtractedClaim, contradicted_by: list[str]) -> Claim:
    source, source_type, mode = _coherent_attribution(raw)
    # Keep only hedges that really occur in the cited sentences: a model may invent them.
    hedges = [h for h in dict.fromkeys(raw.hedges) if h.strip() and h.lower() in raw._cited.lower()]
    level, reason = confidence.assess(source_type, mode, hedges, contradicted_by, source)
    return Claim(
        id=cid,
        text=raw.text,
        attribution=Attribution(source=source, source_type=source_type, cue=raw.cue, mode=mode),
        evidence=raw._evidence,
        hedges=hedges,
        confidence=level,
        confidence_reason=reason,
        grounded=raw.grounded,
    )
