"""The hybrid extraction: the offline engine drafts, the model completes.

The engine reads the article first, in milliseconds. The model sees the numbered sentences,
each with the engine's reading of it (source, cue, mode, hedges, figures) as a suggestion,
and answers only what code cannot do, citing sentences by number: corrections to the draft,
claims the draft missed, claim text where a claim needs context to stand alone,
contradictions, and the summary. That is a few hundred tokens where the full extraction
restates every claim.

Code merges the answer into the draft and checks it:

- evidence comes from the draft's offsets or the cited sentences', so it is grounded by
  construction;
- a source the model gives must be a phrase of the article, or, in a sentence with a
  pronoun, a name whose words the article uses (whom "he" stands for);
- a contradiction must name two distinct claims, and a numeric one two claims with figures;
- a claim's restated text must keep most of its sentence's words.

What fails is told to the model once (one re-ask per request); after that it is dropped with
a warning and the engine's reading stands. Every claim records where its attribution came
from: ``engine``, ``model`` (a claim the draft missed) or ``model-corrected``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from newsdigest.backends.chat import grounding
from newsdigest.backends.chat.extraction import (
    AUTHOR_NAMES,
    ExtractedClaim,
    ExtractedContradiction,
    Extraction,
    joined_sentence_list,
)
from newsdigest.offline import engine, figures, hedges, sources
from newsdigest.schema import Claim, ContradictionKind, Evidence, Mode, Origin, SourceType
from newsdigest.text import segment
from newsdigest.text.article import Article

_TOKEN = re.compile(r"\w+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_UNATTRIBUTED = frozenset({"unattributed", "unknown", "unidentified speaker"})
_CLAIM_ID = re.compile(r"\bc\d+\b")


@dataclass(frozen=True)
class Suggestion:
    """An engine claim and the (request-local) numbers of the sentences its evidence lies in."""

    claim: Claim
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class Draft:
    """The engine's reading of the sentences one request shows the model."""

    suggestions: tuple[Suggestion, ...]
    # The engine's contradictions between two claims of this draft, by the engine's claim ids.
    contradictions: tuple[ExtractedContradiction, ...]

    def at(self, number: int) -> Suggestion | None:
        return next((s for s in self.suggestions if number in s.sentences), None)


def draft(article: Article, reading: engine.Reading) -> Draft:
    """The part of the engine's ``reading`` (of the whole article) that lies in ``article``'s
    sentences, which may be a chunk's. A claim that starts before the chunk belongs to the chunk
    before it."""
    spans = article.sentences
    suggestions = []
    for claim in reading.claims:
        numbers = tuple(
            n for n, s in enumerate(spans, 1) if any(s.start < e.end and e.start < s.end for e in claim.evidence)
        )
        if numbers and claim.evidence[0].start >= spans[0].start:
            suggestions.append(Suggestion(claim, numbers))
    present = {s.claim.id for s in suggestions}
    conflicts = tuple(
        ExtractedContradiction(claims=list(c.claims), kind=c.kind, explanation=c.explanation)
        for c in reading.contradictions
        if set(c.claims) <= present
    )
    return Draft(tuple(suggestions), conflicts)


def numbered(article: Article, draft: Draft) -> str:
    """Each numbered sentence with a ``draft:`` line under it, as the prompt describes."""
    lines = []
    for number, span in enumerate(article.sentences, 1):
        lines.append(f"[{number}] {span.of(article.text)}")
        found = draft.at(number)
        if found is None:
            lines.append("    draft: not a claim")
        elif found.sentences[0] != number:
            lines.append(f"    draft: part of the claim at [{found.sentences[0]}]")
        else:
            lines.append("    draft: " + _reading(found.claim, article.text))
    return "\n".join(lines)


def _reading(claim: Claim, text: str) -> str:
    a = claim.attribution
    if a.source_type == "author":
        parts = ["the article's own voice"]
    else:
        source = "unknown" if a.source_type == "unattributed" and a.source.lower() in _UNATTRIBUTED else f'"{a.source}"'
        parts = [f"source {source}", f'cue "{a.cue}"' if a.cue else "no cue", a.mode]
    if claim.hedges:
        parts.append("hedges: " + ", ".join(claim.hedges))
    stated = [_figure(f) for e in claim.evidence for f in figures.find(text, e.start, e.end)]
    if stated:
        parts.append("figures: " + "; ".join(stated))
    return " | ".join(parts)


def _figure(fig: figures.Figure) -> str:
    """The figure with its unit and what it counts, where its own words leave them out ("4 percent rise")."""
    words = [fig.text] + [w for w in (fig.unit, fig.counts) if w and w.lower() not in fig.text.lower()]
    return " ".join(words)


class _Once:
    """Lets the answers to one request be re-asked once for what the merge rejects."""

    def __init__(self) -> None:
        self.spent = False

    def spend(self) -> bool:
        first, self.spent = not self.spent, True
        return first


def context(article: Article, draft: Draft) -> dict[str, Any]:
    """The validation context for one request (a fresh one per request: it holds its re-ask)."""
    return {"article": article, "draft": draft, "strict": True, "reask": _Once()}


class Correction(BaseModel):
    sentence: int = Field(description="the number of the sentence whose draft is wrong")
    not_a_claim: bool = Field(default=False, description="true for a headline, dateline, furniture or no claim")
    source: str = Field(default="", description="who asserts it, as the article names them; 'author' for the article's own voice")
    cue: str = Field(default="", description="the reporting words, such as said, claimed, according to")
    mode: Mode | None = None


class Missed(BaseModel):
    sentences: list[int] = Field(description="the numbers of the sentences that state the claim")
    source: str = Field(description="who asserts it, as the article names them; 'author' for the article's own voice")
    cue: str = ""
    mode: Mode


class Restated(BaseModel):
    sentence: int
    text: str = Field(description="the claim as a short self-contained statement")


class Conflict(BaseModel):
    sentences: list[int] = Field(description="the numbers of the two sentences whose claims contradict each other")
    kind: ContradictionKind
    explanation: str


class Completion(BaseModel):
    """The model's answer to the hybrid prompt; ``extraction`` is the draft merged with it."""

    # Everything before the summary: a model writes the summary better after reading the draft through.
    corrections: list[Correction]
    missed: list[Missed]
    texts: list[Restated]
    contradictions: list[Conflict]
    summary: str

    _extraction: Extraction | None = PrivateAttr(default=None)

    @field_validator("summary", mode="before")
    @classmethod
    def _join_sentence_list(cls, value: Any) -> Any:
        return joined_sentence_list(value)

    @property
    def extraction(self) -> Extraction:
        assert self._extraction is not None, "validated without an article and a draft"
        return self._extraction

    @model_validator(mode="after")
    def _merge(self, info: ValidationInfo) -> Completion:
        ctx = info.context or {}
        if ctx.get("article") is None or ctx.get("draft") is None:
            return self
        merge = _Merge(ctx["article"], ctx["draft"])
        merge.apply(self)
        problems = merge.rejected + merge.dropped
        reask = ctx.get("reask")
        if problems and ctx.get("strict", True) and (reask is None or reask.spend()):
            raise ValueError("; ".join(problems))
        self._extraction = merge.extraction(_without_repeats(self.summary))
        return self


@dataclass
class _Reading:
    """One claim as the merge builds it: the engine's, changed by the model, or new."""

    sentences: list[int]
    text: str
    source: str
    source_type: SourceType
    cue: str
    mode: Mode
    hedges: list[str]
    evidence: list[Evidence]
    origin: Origin
    engine_id: str | None = None
    engine_attribution: tuple[str, str, str, str] | None = None

    def attribution(self) -> tuple[str, str, str, str]:
        return (self.source, self.source_type, self.cue, self.mode)


@dataclass
class _Merge:
    article: Article
    draft: Draft
    readings: list[_Reading] = field(default_factory=list)
    conflicts: list[tuple[_Reading, _Reading, Conflict]] = field(default_factory=list)
    # What the model gave that was not taken: the reading stands (``rejected``), or the
    # contradiction is dropped (``dropped``).
    rejected: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.article.text
        self.tokens = " " + " ".join(_TOKEN.findall(self.text.lower())) + " "
        for s in self.draft.suggestions:
            a = s.claim.attribution
            self.readings.append(_Reading(
                sentences=list(s.sentences), text=s.claim.text, source=a.source, source_type=a.source_type,
                cue=a.cue, mode=a.mode, hedges=list(s.claim.hedges), evidence=list(s.claim.evidence),
                origin="engine", engine_id=s.claim.id, engine_attribution=(a.source, a.source_type, a.cue, a.mode),
            ))

    def apply(self, answer: Completion) -> None:
        for correction in answer.corrections:
            self._correct(correction)
        for missed in answer.missed:
            self._add(missed.sentences, missed.source, missed.cue, missed.mode, "missed")
        for restated in answer.texts:
            self._restate(restated)
        self._settle_origins()
        for conflict in answer.contradictions:
            self._contradiction(conflict)

    def _correct(self, correction: Correction) -> None:
        n = correction.sentence
        if not self._in_range([n], "corrections"):
            return
        reading = self._at(n)
        if correction.not_a_claim:
            if reading is not None:
                self.readings.remove(reading)
            return
        if reading is None:  # a correction of "not a claim" is a claim the draft missed
            self._add([n], correction.source, correction.cue, correction.mode, "corrections")
            return
        self._change(reading, correction.source, correction.cue, correction.mode, f"corrections, sentence {n}")

    def _add(self, numbers: list[int], source: str, cue: str, mode: Mode | None, where: str) -> None:
        if not numbers:
            self.rejected.append(f"{where}: give the number of the sentence that states the claim")
            return
        if not self._in_range(numbers, where):
            return
        numbers = sorted(set(numbers))
        label = f"{where}, sentence {numbers[0]}"
        existing = next((r for r in map(self._at, numbers) if r is not None), None)
        if existing is not None:  # the draft has it after all: a correction
            self._change(existing, source, cue, mode, label)
            return
        problem = self._source_problem(source, numbers)
        if problem:
            self.rejected.append(f"{label}: {problem}")
            return
        spans = [self.article.sentences[n - 1] for n in numbers]
        source, source_type = self._named(source.strip())
        self.readings.append(_Reading(
            sentences=numbers,
            text=" ".join(" ".join(s.of(self.text).split()) for s in spans),
            source=source, source_type=source_type, cue=self._cue(cue, numbers),
            mode=mode or _mode_of(" ".join(s.of(self.text) for s in spans)),
            hedges=hedges.find(self.text, spans),
            evidence=[Evidence(quote=s.of(self.text), start=s.start, end=s.end) for s in spans],
            origin="model",
        ))

    def _change(self, reading: _Reading, source: str, cue: str, mode: Mode | None, label: str) -> None:
        source = source.strip()
        if source and self._phrase(source) != self._phrase(reading.source):
            problem = self._source_problem(source, reading.sentences)
            if problem:
                self.rejected.append(f"{label}: {problem}")
                return
            reading.source, reading.source_type = self._named(source)
        if cue.strip():
            reading.cue = self._cue(cue, reading.sentences) or reading.cue
        if mode is not None:
            reading.mode = mode

    def _restate(self, restated: Restated) -> None:
        n = restated.sentence
        if not self._in_range([n], "texts"):
            return
        reading = self._at(n)
        said = " ".join(self.article.sentences[k - 1].of(self.text) for k in (reading.sentences if reading else []))
        if reading is None:
            self.rejected.append(f"texts, sentence {n}: no claim is drafted there; add it under missed first")
        elif grounding.word_overlap(restated.text, said) < grounding.RESTATED_MIN_OVERLAP:
            self.rejected.append(
                f"texts, sentence {n}: {restated.text!r} leaves out most of the sentence's words; "
                "restate what the sentence says, only resolving words such as 'he' or 'the plan'"
            )
        else:
            reading.text = " ".join(restated.text.split())

    def _settle_origins(self) -> None:
        """A drafted claim whose attribution the model changed is ``model-corrected``."""
        for reading in self.readings:
            if reading.engine_attribution is not None and _coherent(reading.attribution()) != _coherent(reading.engine_attribution):
                reading.origin = "model-corrected"

    def _contradiction(self, conflict: Conflict) -> None:
        label = f"contradiction between sentences {conflict.sentences}"
        if not self._in_range(conflict.sentences, label, into=self.dropped):
            return
        claims = [self._at(n) for n in dict.fromkeys(conflict.sentences)]
        if any(c is None for c in claims):
            self.dropped.append(f"{label}: a contradiction names sentences that hold claims")
        elif len({id(c) for c in claims}) != 2:
            self.dropped.append(f"{label}: a contradiction needs two distinct claims, one sentence each")
        elif conflict.kind == "numeric" and not all(c is not None and self._has_figure(c) for c in claims):
            self.dropped.append(f"{label}: a numeric contradiction names two sentences that both state a figure")
        else:
            a, b = claims
            assert a is not None and b is not None
            self.conflicts.append((a, b, conflict))

    def extraction(self, summary: str) -> Extraction:
        """The merged claims in article order (c1..cN) with the engine's and the model's contradictions."""
        ordered = sorted(self.readings, key=lambda r: r.evidence[0].start)
        ids = {id(r): f"c{i}" for i, r in enumerate(ordered, 1)}
        by_engine = {r.engine_id: ids[id(r)] for r in ordered if r.engine_id}
        found = [
            c.model_copy(update={
                "claims": [by_engine[ref] for ref in c.claims],
                # The engine's explanation names its own claim ids; the reader sees these.
                "explanation": _CLAIM_ID.sub(lambda m: by_engine.get(m.group(), m.group()), c.explanation),
            })
            for c in self.draft.contradictions
            if all(ref in by_engine for ref in c.claims)
        ] + [
            ExtractedContradiction(claims=[ids[id(a)], ids[id(b)]], kind=c.kind, explanation=c.explanation)
            for a, b, c in self.conflicts
        ]
        pairs: set[frozenset[str]] = set()
        contradictions = []
        for c in found:
            if frozenset(c.claims) not in pairs:
                pairs.add(frozenset(c.claims))
                contradictions.append(c)
        result = Extraction.model_construct(
            claims=[self._claim(ids[id(r)], r) for r in ordered], contradictions=contradictions, summary=summary
        )
        result._dropped = list(self.dropped)
        result._rejected = list(self.rejected)
        return result

    def _claim(self, claim_id: str, reading: _Reading) -> ExtractedClaim:
        claim = ExtractedClaim.model_construct(
            id=claim_id, text=reading.text, sentences=reading.sentences, quote="", source=reading.source,
            source_type=reading.source_type, cue=reading.cue, mode=reading.mode, hedges=reading.hedges,
        )
        claim._evidence = reading.evidence
        claim._problem = None
        claim._cited = " ".join(e.quote for e in reading.evidence)
        claim._origin = reading.origin
        return claim

    def _at(self, number: int) -> _Reading | None:
        return next((r for r in self.readings if number in r.sentences), None)

    def _in_range(self, numbers: list[int], where: str, into: list[str] | None = None) -> bool:
        bad = [n for n in numbers if not 1 <= n <= len(self.article.sentences)]
        if bad:
            (self.rejected if into is None else into).append(
                f"{where}: sentence numbers {bad} are not in the article; use numbers 1 to {len(self.article.sentences)}"
            )
        return not bad

    def _source_problem(self, source: str, numbers: list[int]) -> str | None:
        """Why ``source`` cannot be taken for the claim in sentences ``numbers``, or None."""
        words = _TOKEN.findall(source)
        if source.strip().lower() in AUTHOR_NAMES | _UNATTRIBUTED:
            return None
        if not words:
            return "give a source: who asserts it, or 'author' for the article's own voice"
        if len(words) > sources.MAX_NAMING_WORDS:
            return f"source {source!r} is not a name: give who asserts it in at most {sources.MAX_NAMING_WORDS} words"
        if len(words) == 1 and words[0].lower() in sources.PERSONAL_PRONOUNS:
            return f"source {source!r} is a pronoun: give the name of whom it stands for, as the article names them"
        if f" {self._phrase(source)} " in self.tokens:
            return None
        said = " ".join(self.article.sentences[n - 1].of(self.text) for n in numbers).lower()
        has_pronoun = not sources.PERSONAL_PRONOUNS.isdisjoint(_TOKEN.findall(said))
        if has_pronoun and all(f" {w.lower()} " in self.tokens for w in words):
            return None  # whom "he" stands for, with words the article uses
        return (f"source {source!r} is not in the article: name the source with the article's own words "
                "(or, for 'he' or 'she', the name the article gives that person)")

    def _phrase(self, source: str) -> str:
        """The source's words, lower case, without a leading article ("The Kremlin" -> "kremlin")."""
        return " ".join(_TOKEN.findall(_LEADING_ARTICLE.sub("", source.strip()).lower()))

    def _named(self, source: str) -> tuple[str, SourceType]:
        if source.lower() in AUTHOR_NAMES:
            return "author", "author"
        if source.lower() in _UNATTRIBUTED:
            return "unattributed", "unattributed"
        return source, sources.classify(source)

    def _cue(self, cue: str, numbers: list[int]) -> str:
        """The cue when its words are in the claim's sentences; a cue the text lacks is left out."""
        said = " " + " ".join(_TOKEN.findall(" ".join(self.article.sentences[n - 1].of(self.text) for n in numbers).lower())) + " "
        words = " ".join(_TOKEN.findall(cue.lower()))
        return cue.strip() if words and f" {words} " in said else ""

    def _has_figure(self, reading: _Reading) -> bool:
        return any(figures.find(self.text, e.start, e.end) for e in reading.evidence)


def _coherent(attribution: tuple[str, str, str, str]) -> tuple[str, str, str, str]:
    """An attribution as a reader sees it: the article's own voice is one reading however worded."""
    source, source_type, cue, mode = attribution
    if source.lower() in AUTHOR_NAMES or source_type == "author" or mode == "author_assertion":
        return ("author", "author", "", "author_assertion")
    return (" ".join(_TOKEN.findall(source.lower())), source_type, cue.lower(), mode)


def _without_repeats(summary: str) -> str:
    """The summary with any sentence it repeats word for word said once (small models do that)."""
    said = [summary[s.start : s.end] for s in segment.sentences(summary)]
    return " ".join(dict.fromkeys(said)) if len(set(said)) < len(said) else summary


def _mode_of(sentence: str) -> Mode:
    return "direct_quote" if any(q in sentence for q in ('"', "\u201c", "\u201d")) else "reported"


def draft_only(article: Article, reading: engine.Reading) -> Extraction:
    """The engine's draft of ``article`` (or a chunk) as it stands, for when the model's answer
    is unusable (cut off, or never valid): the article keeps its claims instead of failing."""
    empty = {"corrections": [], "missed": [], "texts": [], "contradictions": [], "summary": reading.summary}
    ctx = {**context(article, draft(article, reading)), "strict": False}
    return Completion.model_validate(empty, context=ctx).extraction


def across_chunks(reading: engine.Reading, merged: Extraction) -> list[ExtractedContradiction]:
    """The engine's contradictions between claims that different chunks hold (each chunk's draft
    shows only its own), named by the merged claims that rest on the same evidence."""
    named = {ref for c in reading.contradictions for ref in c.claims}
    ids = {claim.id: ours for claim in reading.claims if claim.id in named and (ours := _resting_on(claim, merged.claims))}
    return [
        ExtractedContradiction(
            claims=[ids[ref] for ref in c.claims], kind=c.kind,
            # The engine's explanation names its own claim ids; the reader sees these.
            explanation=_CLAIM_ID.sub(lambda m: ids.get(m.group(), m.group()), c.explanation),
        )
        for c in reading.contradictions
        if all(ref in ids for ref in c.claims) and len({ids[ref] for ref in c.claims}) == 2
    ]


def _resting_on(claim: Claim, candidates: list[ExtractedClaim]) -> str | None:
    """The id of the candidate whose evidence shares the most characters with ``claim``'s."""
    best, most = None, 0
    for other in candidates:
        shared = segment.shared_chars(claim.evidence, other._evidence)
        if shared > most:
            best, most = other.id, shared
    return best


def as_extraction(answer: BaseModel) -> Extraction:
    """The full extraction's answer as it is; the hybrid's merged with its draft."""
    if isinstance(answer, Completion):
        return answer.extraction
    assert isinstance(answer, Extraction)
    return answer

