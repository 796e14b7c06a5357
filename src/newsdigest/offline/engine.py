"""The offline engine: a reading of the article like a model's, from rules over the text alone.

For each sentence (or multi-sentence quotation) of the article body: who says it
(``attribution``), how hedged it is (``hedges``), what it counts (``figures``). Then the
numeric contradictions between claims, the loaded words, and a neutral summary. Page
furniture (``furniture``) never becomes a claim. Deterministic and fast: a few
milliseconds an article. ``backends.offline`` presents it as a backend.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from newsdigest.offline import attribution, confidence, contradictions, figures, furniture, hedges, loaded, sources, subjects, summary
from newsdigest.schema import AUTHOR, Attribution, Claim, Contradiction, Evidence, Warning
from newsdigest.text.article import Article
from newsdigest.text.segment import Span

# Bump when the rules' code changes; the lexicons' hash goes into provenance on its own.
RULES_VERSION = "66"
_MIN_CLAIM_WORDS = 4
_CLOSING_MARK_OPENING_A_LINE = re.compile(r"(?m)^\u201d(?=\w)")
_MAX_QUOTE_SENTENCES = 8
_MAX_LONG_QUOTE_SENTENCES = 30


@dataclass
class _Draft:
    raw: str  # what is claimed, as worded in the article (minus the attribution)
    found: attribution.Found | None
    evidence: Span
    hedges: list[str]


@dataclass
class Reading:
    """What the rules find in one article."""

    summary: str
    claims: list[Claim]
    contradictions: list[Contradiction]
    warnings: list[Warning]


def read(article: Article) -> Reading:
    text = article.text
    paras = article.paragraphs
    skipped = furniture.skipped_paragraphs(text, paras)
    body = [p for i, p in enumerate(paras) if i not in skipped]
    datelines = furniture.datelines(text, paras, skipped)
    # Two apostrophes open and close quotations in some papers (''Like this,'' he said);
    # the rules read them as one double quote and a space, on the side away from the
    # quoted words. Same length, so offsets stay the same.
    shadow = re.sub(r"''(?=\w)", ' "', text).replace("''", '" ')
    # A closing mark that opens a paragraph (”Fear. I am afraid ...” ― Edwin Monroy) is a slip
    # of the keyboard for an opening one.
    shadow = _CLOSING_MARK_OPENING_A_LINE.sub("\u201c", shadow)
    units = _units(shadow, article.sentences, body)
    deck = (
        furniture.deck(paras, skipped, datelines) or furniture.headline_in_sentence_case(text, paras, skipped)
        or furniture.subheadline(text, paras, skipped)
    )
    drafts = _headline_draft(text, paras, skipped, body) + _drafts(text, shadow, units, datelines, deck)

    stated = [
        contradictions.Stated(f"c{i}", _source(d), figures.find(text, d.evidence.start, d.evidence.end))
        for i, d in enumerate(drafts, 1)
    ]
    conflicts = contradictions.numeric(stated)
    found = [c.contradiction() for c in conflicts]
    against = confidence.opponents(found)
    claims = [_claim(f"c{i}", d, text, against.get(f"c{i}", [])) for i, d in enumerate(drafts, 1)]

    warnings = _loaded_warnings(text, body, drafts)
    loaded_at = sorted(w.start or 0 for w in warnings)
    points = [_point(d, c, text, loaded_at) for d, c in zip(drafts, claims)]
    return Reading(
        summary=summary.compose(points, article.title, conflicts[0].sentence() if conflicts else None),
        claims=claims,
        contradictions=found,
        warnings=warnings,
    )


def _point(draft: _Draft, claim: Claim, text: str, loaded_at: list[int]) -> summary.Point:
    """What the summary may say of a claim: its sentence, with a resolved "he" named.
    ``loaded_at``: where the article's loaded words start, in order."""
    found, evidence = draft.found, draft.evidence
    loaded_here = bisect_left(loaded_at, evidence.start) < bisect_left(loaded_at, evidence.end)
    sentence = evidence.of(text)
    named = found is not None and found.pronoun is not None and found.source_type == "person"
    if named and found.source_span is not None and evidence.start <= found.source_span.start < evidence.end and (
        found.source.split()[-1] not in text[evidence.start : found.source_span.start]  # "Ms. LaBelle ... when she added"
    ):
        span = found.source_span
        sentence = text[evidence.start : span.start] + found.source + text[span.end : evidence.end]
    return summary.Point(
        sentence=sentence,
        content=" ".join(found.content.of(text).split()) if found else draft.raw,
        source=claim.attribution.source,
        source_type=claim.attribution.source_type,
        confidence=claim.confidence,
        unresolved=found is not None and found.pronoun is not None and not named,
        vague=found is not None and found.source == sources.UNIDENTIFIED,
        loaded=loaded_here,
    )


def _units(text: str, sentences: list[Span], body: list[Span]) -> list[Span]:
    """Body sentences, with a quotation that runs over several sentences kept as one unit."""
    units: list[Span] = []
    for paragraph in _by_paragraph(sentences, body):
        first = 0
        while first < len(paragraph):
            last = _quotation_end(text, paragraph, first)
            units.append(Span(paragraph[first].start, paragraph[last].end))
            first = last + 1
    return _with_speaker_tails(text, units)


def _by_paragraph(sentences: list[Span], body: list[Span]) -> list[list[Span]]:
    """The sentences of each body paragraph, in order; those of skipped paragraphs are left out."""
    grouped: list[list[Span]] = [[] for _ in body]
    k = 0
    for sentence in sentences:
        while k < len(body) and body[k].end <= sentence.start:
            k += 1
        if k == len(body):
            break
        if sentence.start >= body[k].start:
            grouped[k].append(sentence)
    return grouped


def _quotation_end(text: str, paragraph: list[Span], first: int) -> int:
    """The last sentence of the unit that opens at sentence ``first``: where its quotation marks
    balance. A quotation left open for ``_MAX_QUOTE_SENTENCES`` is taken for a stray mark, and the
    unit ends there, unless the unit opens with the quotation and it closes within
    ``_MAX_LONG_QUOTE_SENTENCES``: a speech quoted at length stays its speaker's to its last sentence."""
    longest = _MAX_LONG_QUOTE_SENTENCES if attribution.opens_quote(text, paragraph[first].start) else _MAX_QUOTE_SENTENCES
    curly = straight = 0
    for k in range(first, min(len(paragraph), first + longest)):
        if k > first and (curly > 0 or straight % 2) and text.startswith(('"', "\u201c"), paragraph[k].start):
            # '"We always check. "We just don't know."': a quotation opening while one is open
            # means the writer left the first unclosed; it ends with its sentence.
            return k - 1
        chunk = text[paragraph[k - 1].end if k > first else paragraph[k].start : paragraph[k].end]
        curly += chunk.count("\u201c") - chunk.count("\u201d")
        straight += chunk.count('"')
        if curly <= 0 and straight % 2 == 0:
            return k
    return min(len(paragraph), first + _MAX_QUOTE_SENTENCES) - 1


def _with_speaker_tails(text: str, units: list[Span]) -> list[Span]:
    """'“We will build it.” Ruiz said to cheers.': the quotation and the sentence naming its
    speaker are one unit, so that the quotation is the speaker's claim."""
    merged: list[Span] = []
    for unit in units:
        last = merged[-1] if merged else None
        if (
            last is not None
            and attribution.opens_quote(text, last.start)
            and attribution.closes_quote(text, last.end)
            and "\n" not in text[last.end : unit.start]
            and attribution.speaker_tail(text, unit.start, unit.end)
        ):
            merged[-1] = Span(last.start, unit.end)
        else:
            merged.append(unit)
    return merged


def _drafts(text: str, shadow: str, units: list[Span], datelines: list[Span], deck: Span | None) -> list[_Draft]:
    """The units' claims. A headline's deck holds claims only where it names who makes them
    ("Mayor Ana Ruiz says ..."): its own words are a summary of the story, not news of the article's."""
    people = sources.People()
    drafts: list[_Draft] = []
    for index, unit in enumerate(units):
        start = furniture.body_start(text, unit, datelines)
        own = text[start : unit.end]
        found: list[attribution.Found] = []
        if len(own.split()) >= _MIN_CLAIM_WORDS:
            before = drafts[-1] if drafts else None
            found = attribution.find_all(shadow, unit, start, people, index)
            if not found:
                follow = attribution.continued(
                    shadow, before.found if before else None, before.evidence.end if before else 0, start, unit.end
                )
                found = [follow] if follow else []
            if not found and index > 0:
                introduced = attribution.introduced(shadow, units[index - 1], start, unit.end, people, index)
                found = [introduced] if introduced else []
                if introduced and before is not None and before.found is None and before.evidence == units[index - 1]:
                    drafts.pop()  # "The New York Times reports:" says nothing but whose the quotation is
            claiming = found
            question = _question(own)
            if question and not all(_quoted_speaker(one) for one in found or [None]):
                claiming = []  # the article's own question, or one whose asker is unknown, claims nothing
            in_deck = deck is not None and deck.start <= unit.start < deck.end
            if in_deck:  # "Member of House panel says ...": a deck's speaker counts only by name
                found = claiming = [one for one in claiming if sources.trailing_name(one.source) is not None]
            for one in claiming or ([] if question or in_deck else [None]):
                # One claim per attribution: where a sentence has two, each rests on its own part.
                evidence = _extent(one) if len(claiming) > 1 else Span(start, unit.end)
                drafts.append(_Draft(_claimed(text, one, evidence), one, evidence, hedges.find(text, [evidence])))
            for one in found:  # a speaker who asks still speaks: the next "he said" may be theirs
                speaker = _speakers_name(shadow, one)
                if speaker:
                    people.spoke(speaker, index, one.pronoun)
                elif one.source_type in ("organization", "government", "media", "document", "anonymous"):
                    people.mention_body(one.source, index)
        people.observe(own, index)
        if all(one.source_type == "unattributed" for one in found):
            opening = subjects.opening_body(own)
            if opening:
                people.mention_body(opening, index)
    return drafts


# A name set off by commas right after a speaker's role: "The harbour master, Tomas Lind, argues".
_APPOSED_NAME = re.compile(r",\s+((?:[A-Z][\w'\u2019.-]*\s+){1,4})?([A-Z][\w'\u2019.-]*),")


def _speakers_name(text: str, found: attribution.Found) -> str | None:
    """The name of a person who spoke, for a later "he" or "she": the name that ends the source
    phrase, or that follows it in apposition where the source is the role alone (a role such as
    "The minister of the economy", a government's, is a person where a name follows)."""
    name = sources.trailing_name(found.source) if found.source_type == "person" else None
    if name is not None or found.source_span is None or found.source_type not in ("person", "government"):
        return name
    apposed = _APPOSED_NAME.match(text, found.source_span.end)
    return sources.trailing_name(apposed.group(0).strip(", ")) if apposed else None


def _headline_draft(text: str, paras: list[Span], skipped: set[int], body: list[Span]) -> list[_Draft]:
    """'Ruiz: Bridge will reopen in May': a headline is no claim of the article's own, but one
    that names who says it is that speaker's claim."""
    if 0 not in skipped or not body:
        return []
    found = attribution.headline(text, paras[0], Span(body[0].start, body[-1].end))
    if found is None:
        return []
    return [_Draft(_claimed(text, found, paras[0]), found, paras[0], hedges.find(text, [paras[0]]))]


def _extent(found: attribution.Found) -> Span:
    """The part of a sentence one of its attributions covers: its source, cue and content."""
    if found.source_span is None:
        return found.content
    return Span(min(found.source_span.start, found.content.start), max(found.source_span.end, found.content.end))


def _question(sentence: str) -> bool:
    return sentence.rstrip("\"\u201d' ").endswith("?")


def _quoted_speaker(found: attribution.Found | None) -> bool:
    """'The host asked, “Who do you want answering the phone?”': a question quoted from someone
    the article names is what they said."""
    return found is not None and found.mode == "direct_quote" and found.source_type != "unattributed"


def _claimed(text: str, found: attribution.Found | None, evidence: Span) -> str:
    if found is None:
        return " ".join(evidence.of(text).split())
    span = attribution.standing_alone(text, found)
    # The rules read two apostrophes (''Like this,'') as one quotation mark: the claim gives both.
    start = span.start - 1 if text[span.start - 1 : span.start + 1] == "''" else span.start
    end = span.end + 1 if text[span.end - 1 : span.end + 1] == "''" else span.end
    content = " ".join(text[start:end].split())
    if found.pronoun and found.source_type == "person" and content.startswith(found.pronoun):
        content = found.source + content[len(found.pronoun) :]
    # '“We will not cut it,” she said' claims '“We will not cut it.”'
    mark = next((mark for mark in _CLOSING_MARKS if content.endswith("," + mark)), None)
    return content[: -len(mark) - 1] + "." + mark if mark else content


_CLOSING_MARKS = ("''", '"', "\u201d", "'")


def _source(draft: _Draft) -> str:
    return draft.found.source if draft.found else AUTHOR


def _claim(claim_id: str, draft: _Draft, text: str, contradicted_by: list[str]) -> Claim:
    found, quote = draft.found, draft.evidence.of(text)
    if found is not None:
        attr = Attribution(source=found.source, source_type=found.source_type, cue=found.cue, mode=found.mode, origin="engine")
    elif quote[:1] in attribution.QUOTES or quote[:2] == "''":
        attr = Attribution(source=sources.UNIDENTIFIED_SPEAKER, source_type="unattributed", mode="direct_quote", origin="engine")
    else:
        attr = Attribution(source=AUTHOR, source_type="author", mode="author_assertion", origin="engine")
    level, reason = confidence.assess(attr.source_type, attr.mode, draft.hedges, contradicted_by, attr.source)
    return Claim(
        id=claim_id,
        text=draft.raw[:1].upper() + draft.raw[1:],
        attribution=attr,
        evidence=[Evidence(quote=quote, start=draft.evidence.start, end=draft.evidence.end)],
        hedges=draft.hedges,
        confidence=level,
        confidence_reason=reason,
        grounded=True,
    )


def _loaded_warnings(text: str, body: list[Span], drafts: list[_Draft]) -> list[Warning]:
    everything = [Span(0, len(text))] if not body else [Span(0, body[-1].end)]
    quotes = _QuoteMarks(text)
    reported = _ReportedWords(drafts)

    def whose(at: int) -> str:
        if quotes.open_at(at):
            return " inside a quotation"
        # "But they emphasized that the regime ...": the source's words, as the article reports them
        speaker = reported.speaker_at(at)
        return f" in words attributed to {speaker}" if speaker else " in the article's own words"

    return [
        Warning(
            kind="loaded_language",
            message=f"loaded word {w.word!r}" + (f" (neutral: {w.neutral!r})" if w.neutral else "") + whose(w.start),
            start=w.start,
            end=w.end,
        )
        for w in loaded.find(text, everything)
    ]


class _ReportedWords:
    """The spans of words the article reports someone saying, for asking who said the words at a
    place: a bisection each, where a walk over the spans would grow with the square of a long
    article's length."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self._spans = sorted(
            (d.found.content.start, d.found.content.end, d.found.source) for d in drafts
            if d.found is not None and d.found.source_type not in ("unattributed", "author")
        )
        self._starts = [start for start, _, _ in self._spans]
        # The furthest any span up to each one reaches: the first span that reaches past a place
        # is the first whose running furthest end does, so a bisection finds it.
        self._reach = list(accumulate((end for _, end, _ in self._spans), max))

    def speaker_at(self, at: int) -> str | None:
        """The source of the earliest-starting span holding ``at`` (spans can nest), or None."""
        first_reaching = bisect_right(self._reach, at)
        if first_reaching < bisect_right(self._starts, at):
            return self._spans[first_reaching][2]
        return None


class _QuoteMarks:
    """Where the text's quotation marks and line breaks stand, so that whether a quotation is
    open at a place (on its line, before it) costs a few bisections, however long the line."""

    def __init__(self, text: str) -> None:
        self._at = {mark: [m.start() for m in re.finditer(mark, text)] for mark in "\n\u201c\u201d\""}

    def open_at(self, place: int) -> bool:
        breaks = self._at["\n"]
        before = bisect_left(breaks, place)
        line_start = breaks[before - 1] + 1 if before else 0

        def count(mark: str) -> int:
            return bisect_left(self._at[mark], place) - bisect_left(self._at[mark], line_start)

        return count("\u201c") > count("\u201d") or count('"') % 2 == 1
