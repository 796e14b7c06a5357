"""Who says a sentence's claim, with which cue, and in which mode.

One ``find`` per unit of text (a sentence, or the sentences a multi-sentence quotation
spans). The forms it knows, tried in this order:

- vague sourcing: "it has come to light that ...", "claims emerged that ..." (unattributed);
- "according to SOURCE, ..." and "..., according to SOURCE.";
- a cue verb with its subject: "SOURCE (had recently) claimed that ...", "SOURCE said: ...",
  "“...,” SOURCE said.", "“...,” said SOURCE.", "..., sources said.";
- an introductory cue noun: "In a statement ..., he provided ...";
- a speaker and a colon: "Trump: “...”".

A cue inside quotation marks is the quoted person's, not the article's, and is skipped;
so is a passive ("are shown"), an infinitive ("refused to respond") or a noun ("his plans").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsdigest.offline import lexicon, sources, subjects
from newsdigest.schema import Mode, SourceType
from newsdigest.text.segment import ABBREVIATIONS, Span

QUOTES = "\"\u201c\u201d"
_BE = frozenset("is was were are be been being".split())
_MIN_CONTENT_WORDS = 2
_TOKEN = re.compile(r"[\w$%][\w'\u2019.&/$%-]*|[^\w\s]")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What may stand between a cue and the reported clause: when, where, and "that".
_AFTER_CUE = re.compile(
    rf"(?:\s*,?\s*(?:(?:on|last|this|late|early|earlier|later)\s+)?(?:(?:{_DAYS})(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:on|in)\s+(?:Twitter|Facebook|television|TV|radio)|"
    r"(?:last|this|next|earlier this|later that)\s+(?:week|month|year|morning|evening|night)|"
    r"(?:in|during|at)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|speech|briefing|conference|post|tweet|letter|rally|hearing|appearance|debate)|"
    r"earlier|later|recently|publicly|repeatedly|again|also|once|then))*"
    r"\s*,?\s*(?:that\b\s*,?|:)?\s*"
)


@dataclass(frozen=True)
class Found:
    source: str
    source_type: SourceType
    cue: str
    mode: Mode
    content: Span
    source_span: Span | None = None
    pronoun: str | None = None  # the pronoun the source was resolved from, if any


@cache
def _cues() -> lexicon.Phrases:
    """Cue verbs, matched in lower case only: "Post" and "State" are names, not cues."""
    return lexicon.Phrases(lexicon.forms("cue_verbs"), ignore_case=False)


@cache
def _object_taking() -> frozenset[str]:
    """Cues followed by whom they address before what they say ("told reporters that ...")."""
    lines = [line for line in lexicon.lines("cue_verbs") if line.startswith(("tell,", "ask,", "urge,", "warn,"))]
    return frozenset(form.strip() for line in lines for form in line.split(","))


@cache
def _vague() -> lexicon.Phrases:
    return lexicon.Phrases(lexicon.lines("vague_sourcing"), ignore_case=True)


_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")


@cache
def _intro_noun() -> re.Pattern[str]:
    nouns = lexicon.alternation(lexicon.phrases("cue_nouns"))
    return re.compile(
        r"(?:In|During|At)\b[^,]{0,80}?\b(?P<cue>" + nouns + r")\b[^,]{0,80},\s+"
        r"(?P<source>[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019.-]*)\s+(?=[a-z])"
    )


# A quotation signed with a dash: '“...” ― Carla Sanchez'
_SIGNATURE = re.compile(r"[\"\u201d]\s*(?P<dash>[\u2015\u2014\u2013-]+)\s*(?P<source>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4})\s*$")
_COLON_SPEAKER = re.compile(r"(?P<source>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4}):\s*(?=[\"\u201c])")


def find(text: str, unit: Span, start: int, people: sources.People, index: int) -> Found | None:
    """The attribution of ``text[start:unit.end]``, or None when the article says it itself."""
    for rule in (_vague_sourcing, _according, _cue_verb, _intro, _colon, _signed):
        found = rule(text, start, unit.end)
        if found is not None:
            return _resolved(found, people, index)
    return None


def continued(text: str, previous: Found | None, previous_end: int, start: int, end: int) -> Found | None:
    """'“...,” Trump said. “More.”': a quotation right after a quoted claim, in the same paragraph,
    is the same speaker's."""
    if previous is None or previous.mode != "direct_quote" or text[start : start + 1] not in QUOTES[:2]:
        return None
    if "\n" in text[previous_end:start]:
        return None
    return Found(previous.source, previous.source_type, previous.cue, "direct_quote", Span(start, end), None, previous.pronoun)


def _resolved(found: Found, people: sources.People, index: int) -> Found:
    name = people.resolve(found.source, index)
    if name is None:
        return found
    return Found(name, "person", found.cue, found.mode, found.content, found.source_span, pronoun=found.source)


def _make(text: str, source: Span, cue: str, content: Span, source_type: SourceType | None = None) -> Found | None:
    content = _trim(text, content)
    if len(text[content.start : content.end].split()) < _MIN_CONTENT_WORDS:
        return None
    if text[source.end - 1 : source.end] == "." and not _abbreviation(text[source.start : source.end]):
        source = Span(source.start, source.end - 1)  # the sentence's full stop, not "Jr." or "D.C."
    phrase = text[source.start : source.end]
    kind = source_type or sources.classify(phrase)
    return Found(phrase, kind, cue, _mode(text, content), content, source)


def _abbreviation(phrase: str) -> bool:
    last = phrase.split()[-1].rstrip(".")
    return len(last) == 1 or "." in last or last.lower() in ABBREVIATIONS or last.lower() in lexicon.words("titles")


def _mode(text: str, content: Span) -> Mode:
    body = text[content.start : content.end]
    quoted = sum(len(m.group(0)) for m in re.finditer(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?", body))
    return "direct_quote" if body[:1] in QUOTES or quoted * 2 >= len(body) else "reported"


def _vague_sourcing(text: str, lo: int, hi: int) -> Found | None:
    match = _vague().search(text, lo, hi)
    if not match:
        return None
    after = _AFTER_CUE.match(text, match.end, hi)
    content = Span(after.end() if after else match.end, hi)
    return _make(text, Span(match.start, match.end), match.text, content, "unattributed")


def _according(text: str, lo: int, hi: int) -> Found | None:
    match = _ACCORDING_TO.search(text, lo, hi)
    if not match:
        return None
    src_end = match.end()
    while src_end < hi and text[src_end] not in ",;:.\u2014\u2013":
        src_end += 1
    if len(text[match.end() : src_end].split()) > subjects.MAX_SOURCE_WORDS:
        return None
    source = Span(match.end(), src_end)
    if text[lo : match.start()].strip(" ,"):  # "..., according to X."
        content = Span(lo, match.start())
    else:  # "According to X, ..."
        content = Span(src_end + 1, hi)
    return _make(text, source, match.group(0).strip(), content)


def _cue_verb(text: str, lo: int, hi: int) -> Found | None:
    """The sentence's attribution by a cue verb. A closing one ("..., the Tax Foundation said.")
    is the sentence's main attribution and wins over an earlier cue-like word ("the new plan")."""
    quoted = _quoted_regions(text, lo, hi)
    first = None
    for match in _cues().finditer(text, lo, hi):
        if any(a <= match.start < b for a, b in quoted):
            continue
        if text[lo : match.start].rstrip().endswith((",\u201d", ',"')):
            found = _inverted(text, lo, hi, match)
        else:  # "Maria Lopez, a nurse, said ..." before "..., said the mayor."
            found = _subject_first(text, lo, hi, match) or _inverted(text, lo, hi, match)
        if found is None:
            continue
        if found.source_span is not None and found.content.end <= found.source_span.start:
            return found
        first = first or found
    return first


def _inverted(text: str, lo: int, hi: int, cue: lexicon.Hit) -> Found | None:
    """'“...,” said Trump.' and '..., says a spokesman for the campaign.'"""
    before = text[lo : cue.start].rstrip()
    after_quote = before.endswith((",\u201d", ',"'))
    if not (after_quote or before.endswith(",")):
        return None
    # After a quotation the name may go on ("said Mr. Burman (a view ...)"); otherwise it ends the sentence.
    end = r"\s*(?:[,.(]|$)" if after_quote else r"\s*(?:,\s+(?:an?|the|who)\b|[.]?$)"
    tail = re.match(r"\s+([A-Za-z][\w'\u2019.&-]*(?:\s+[A-Za-z][\w'\u2019.&-]*){0,9}?)" + end, text[cue.end : hi])
    if not tail:
        return None
    words = tail.group(1).split()
    if not (words[0][0].isupper() or words[0].lower() in subjects.DETERMINERS) or not subjects.is_source(words):
        return None
    if not after_quote and not subjects.names_someone(words):
        return None  # "..., said the wait had doubled." is no source
    source = Span(cue.end + tail.start(1), cue.end + tail.start(1) + len(tail.group(1).rstrip()))
    return _make(text, source, cue.text, Span(lo, lo + len(before)))


def _subject_first(text: str, lo: int, hi: int, cue: lexicon.Hit) -> Found | None:
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, lo, cue.start)]
    aux = []
    while tokens and (tokens[-1][2].lower() in subjects.AUXILIARIES or tokens[-1][2].lower().endswith("ly") and tokens[-1][2].islower()):
        aux.append(tokens.pop()[2].lower())
    last = tokens[-1][2].lower() if tokens else ""
    if last == "to":
        return None  # an infinitive: "refused to respond"
    if _BE & set(aux) and not cue.text.endswith("ing"):
        return None  # a passive: "are shown", "was told"
    if last == "and" or last in subjects.PREPOSITIONS or (last == "," and cue.text.endswith("ing")):
        # "... and said", "began by saying", "..., saying": the subject is the sentence's.
        source = subjects.sentence_subject(tokens)
    else:
        source = subjects.phrase_before(tokens)
    if source is None:
        return None
    after = _AFTER_CUE.match(text, cue.end, hi)
    content_start = after.end() if after else cue.end
    if cue.text in _object_taking():
        content_start = _skip_addressee(text, content_start, hi)
        after = _AFTER_CUE.match(text, content_start, hi)  # "told reporters on Tuesday that"
        content_start = after.end() if after else content_start
    rest = text[content_start:hi].strip(" .,")
    quoted_before = text[lo : source.start].rstrip().endswith((",\u201d", ',"'))
    if quoted_before or (len(rest.split()) < _MIN_CONTENT_WORDS and source.start > lo):
        # "“...,” he told reporters after the vote." / "..., sources said."
        content = Span(lo, source.start)
    else:
        content = Span(content_start, hi)
    return _make(text, source, cue.text, content)


def _skip_addressee(text: str, pos: int, hi: int) -> int:
    """After "told reporters (on Friday) that": where what was told starts."""
    window = text[pos:hi]
    that = re.match(r"(?:[^,;:\"\u201c]{0,60}?)\bthat\b\s*,?\s*", window)
    if that:
        return pos + that.end()
    obj = re.match(r"(?:him|her|them|us|me|reporters|journalists|supporters|the crowd|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*[,:]?\s*", window)
    return pos + obj.end() if obj else pos


def _intro(text: str, lo: int, hi: int) -> Found | None:
    match = _intro_noun().match(text, lo, hi)
    if not match:
        return None
    return _make(text, Span(match.start("source"), match.end("source")), match.group("cue"), Span(match.start("source"), hi))


def _colon(text: str, lo: int, hi: int) -> Found | None:
    match = _COLON_SPEAKER.match(text, lo, hi)
    if not match or not subjects.is_source(match.group("source").split()):
        return None
    return _make(text, Span(match.start("source"), match.end("source")), ":", Span(match.end(), hi))


def _signed(text: str, lo: int, hi: int) -> Found | None:
    match = _SIGNATURE.search(text, lo, hi)
    if not match:
        return None
    return _make(text, Span(match.start("source"), match.end("source")), match.group("dash"), Span(lo, match.start() + 1))


def _quoted_regions(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    regions = []
    opened = None
    for m in re.finditer(r"[\"\u201c\u201d]", text[lo:hi]):
        ch, at = m.group(0), lo + m.start()
        if opened is None and ch != "\u201d":
            opened = at
        elif opened is not None and ch != "\u201c":
            regions.append((opened, at + 1))
            opened = None
    if opened is not None:
        regions.append((opened, hi))
    return regions


def _trim(text: str, span: Span) -> Span:
    """Drop surrounding blanks, commas and the closing full stop; keep quotation marks."""
    start, end = span.start, span.end
    while start < end and text[start] in " \t,;:\u2014\u2013-":
        start += 1
    while end > start and text[end - 1] in " \t,;:.\u2014\u2013-":
        end -= 1
    return Span(start, end)
