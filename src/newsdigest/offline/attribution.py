"""Who says a sentence's claim, with which cue, and in which mode.

One ``find`` per unit of text (a sentence, or the sentences a multi-sentence quotation
spans). The forms it knows, tried in this order:

- a speaker and a colon: "Trump: “...”", and a transcript's "PENCE: Well, ...";
- vague sourcing: "it has come to light that ...", "claims emerged that ..." (unattributed);
- "according to SOURCE, ..." and "..., according to SOURCE.";
- a cue verb with its subject: "SOURCE (had recently) claimed that ...", "SOURCE said: ...",
  "“...,” SOURCE said.", "“...,” said SOURCE.", "..., sources said.";
- an introductory cue noun: "In a statement ..., he provided ...";
- a quotation signed with a dash: "“...” ― Carla Mendes".

A cue inside quotation marks is the quoted person's, not the article's, and is skipped;
so is a passive ("are shown"), an infinitive ("refused to respond") or a noun ("his plans").

Work is bounded whatever the input: a unit longer than ``MAX_ANALYSED_CHARS`` is no sentence
a reader could check an attribution in (a scraped table, a run-on list) and is left to the
article's voice, and each cue looks at most ``_WINDOW`` characters either side of itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from newsdigest.offline import lexicon, sources, subjects
from newsdigest.schema import Mode, SourceType
from newsdigest.text.segment import ABBREVIATIONS, MAX_ANALYSED_CHARS, Span

QUOTES = "\"\u201c\u201d"


def opens_quote(text: str, at: int) -> bool:
    """Whether a quotation opens at ``at``; where the text had ''Two apostrophes'' the rules read
    a blank before the quotation mark (see ``engine.read``)."""
    return text[at : at + 2].lstrip()[:1] in QUOTES[:2]


def closes_quote(text: str, end: int) -> bool:
    """Whether a quotation closes right before ``end`` (a blank may follow it, as above)."""
    return text[max(0, end - 2) : end].rstrip()[-1:] in QUOTES
_BE = frozenset("is was were are be been being".split())
_MIN_CONTENT_WORDS = 2
_TAIL_WORDS = 10
# Room for a subject with its title, a parenthesis and an appositive ("Maria Lopez, a nurse
# at the clinic, said"), or for an inverted speaker after the cue ("said Rep. Jane Doe (D-Ore.)").
_WINDOW = 400
_TOKEN = re.compile(r"[\w$%][\w'\u2019.&/$%-]*|[^\w\s]")
# More prepositions a cue never follows ("despite repeated warnings"), kept out of
# subjects.PREPOSITIONS, whose other uses (a phrase's first word, a fronted phrase) they would change.
_ALSO_PREPOSITIONS = frozenset("despite amid against without".split())
_DAYS = "|".join(lexicon.WEEKDAY_NAMES)
_MONTHS = "|".join(lexicon.MONTH_NAMES)
# A day with its part ("Tuesday night"), and a period named from now ("this weekend", "last year").
_DAY = rf"(?:{_DAYS})(?:\s+(?:morning|afternoon|evening|night))?"
_PERIOD = r"(?:week|weekend|month|year|morning|afternoon|evening|night)"
# Nouns a "that" may point to ("said that claim smacked of ..."), where it is no conjunction.
_POINTED_NOUNS = (
    "claim|argument|idea|notion|plan|proposal|decision|view|statement|report|assessment|move|policy|approach"
    "|estimate|figure|number|case|effort|strategy|position|account|theory|story|version|deal|bill"
)
# Words that follow a "that" which is the reported clause's subject ("said that was not her
# view"): a verb straight after it, where a conjunction would need a subject first.
_VERB_AFTER_THAT = "was|is|were|are|would|will|could|should|has|had|have|might|may|can|must"
# What may stand between a cue and the reported clause: when, where, an aside, and "that". A day that
# owns what follows ("praised Thursday's rally") opens the object, not a time of saying.
_AFTER_CUE = re.compile(
    rf"(?:\s*,?\s*(?:(?:on|last|this|late|early|earlier|later)\s+)?(?:{_DAY}(?![\w'\u2019])|"
    r"(?:on|in)\s+(?:Twitter|Facebook|television|TV|radio)|"
    rf"(?:last|this|next|earlier this|later that)\s+{_PERIOD}\b|"
    rf"(?:in|on)\s+(?:{_MONTHS})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|"
    r"(?:in|during|at)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statement|interview|speech|briefing|conference|post|tweet|letter|rally|hearing|appearance|debate)|"
    r"earlier|later|recently|publicly|repeatedly|again|also|once|then|[a-z]{3,}ly(?=\s+that\b)|"
    # an aside set off by commas before "that": ", most recently in an interview with ABC, that"
    # (possessive: only the whole run can meet the comma, so trying each shorter one is wasted)
    r"[^,;:\"\u201c\u201d]{1,80}+,(?=\s*that\b)|"
    # where, with or of whom, before "that": "said in Michigan that", "agreed with Ivana Trump that"
    r"(?:in|at|on|during|from|of|with)\s+[^,;:\"\u201c\u201d]{1,60}?,?(?=\s*that\b)|"
    # where or of whom, before a quotation, if no one in it is shown speaking ("concludes with
    # footage of Trump saying, “...”"): "says of Clinton, “If ...”", "said on the other hand, “...”"
    r"(?:in|at|on|during|of)\s+(?:(?![\w'\u2019-]*ing\b)[^,;:\"\u201c\u201d\s]+\s+){0,7}?[^,;:\"\u201c\u201d\s]+,?"
    r"(?=\s*[\"\u201c]))(?![\w'\u2019]))*"
    rf"\s*,?\s*(?:that\b(?!\s+(?:{_POINTED_NOUNS}|{_VERB_AFTER_THAT})\b)\s*,?|:)?\s*"
)


# The speaker after an inverted cue: after a quotation the name may go on ("said Mr. Burman
# (a view ...)"); otherwise it ends the sentence, with its party and state or short name
# ("said Rep. Ana Ruiz (D-Ore.).", "according to the Alliance to Reclaim Our Schools (AROS)."),
# or opens an apposition.
_SPEAKER_NAME = r"[A-Za-z0-9][\w'\u2019.&/-]*(?:\s+[A-Za-z][\w'\u2019.&-]*){0,9}?"
_TAIL_AFTER_QUOTE = re.compile(rf"\s+({_SPEAKER_NAME})\s*(?:[,.(]|$)")
_TAIL = re.compile(rf"\s+({_SPEAKER_NAME}(?:\s*\([^()]{{1,60}}\))?)\s*(?:,\s+(?:an?|the|who)\b|[.]?$)")


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
_COLON_SPEAKER = re.compile(r"(?:Said\s+)?(?P<source>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,4}):\s*(?=[\"\u201c])")
# A transcript's speaker label: 'PENCE: Well, look, ...', the paragraph perhaps in quotation marks.
_TRANSCRIPT_SPEAKER = re.compile(r"[\"\u201c]?(?P<source>[A-Z][A-Z'\u2019.-]+(?:\s+[A-Z][A-Z'\u2019.-]+){0,2}):\s+(?=\S)")


# Headlines that name who says them: "Ruiz: Bridge will reopen", "Ruiz says bridge will reopen",
# "Bridge Will Reopen, Ruiz Says". A name is one to four capitalised words.
_HEADLINE_NAME = r"(?P<source>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3})"
_HEADLINES = (
    re.compile(_HEADLINE_NAME + r"(?P<cue>:)\s+(?P<content>\S.*)"),
    re.compile(_HEADLINE_NAME + r"\s+(?P<cue>[Ss]ays|[Ss]aid)\s+(?P<content>\S.*)"),
    re.compile(r"(?P<content>\S.*),\s+" + _HEADLINE_NAME + r"\s+(?P<cue>[Ss]ays|[Ss]aid)\.?\s*"),
)


def headline(text: str, line: Span, body: Span) -> Found | None:
    """The speaker a headline names, where the article names them too (a label such as "The
    Latest:" or "Analysis:" is named nowhere else), or None."""
    for pattern in _HEADLINES:
        match = pattern.fullmatch(text, line.start, _rstrip(text, line.start, line.end))
        if not match:
            continue
        words = match.group("source").split()
        surname = words[-1].rstrip(".")
        named_again = re.search(r"\b" + re.escape(surname) + r"\b", text[body.start : body.end])
        if not named_again or not subjects.is_source(words) or sources.trailing_name(" ".join(words)) is None:
            return None
        content = Span(match.start("content"), match.end("content"))
        return _make(text, Span(match.start("source"), match.end("source")), match.group("cue"), content)
    return None


def find(text: str, unit: Span, start: int, people: sources.People, index: int) -> Found | None:
    """The attribution of ``text[start:unit.end]``, or None when the article says it itself."""
    found = find_all(text, unit, start, people, index)
    return found[0] if found else None


def find_all(text: str, unit: Span, start: int, people: sources.People, index: int) -> list[Found]:
    """Every attribution of ``text[start:unit.end]``, in order: more than one where the sentence
    joins two ("The treasurer said revenue rose, while the auditor said spending fell.")."""
    if unit.end - start > MAX_ANALYSED_CHARS:
        return []
    for rule in (_colon, _vague_sourcing, _according, _cue_verbs, _intro, _signed):
        found = rule(text, start, unit.end)
        if isinstance(found, Found):
            found = [found]
        if found:
            resolved = [_resolved(f, people, index, text, start) for f in found]
            return [f for f in resolved if f is not None]
    return []


def continued(text: str, previous: Found | None, previous_end: int, start: int, end: int) -> Found | None:
    """'“...,” Trump said. “More.”': a quotation right after a quoted claim is the same speaker's,
    in the same paragraph or in the next one that is all quotation (a quote running on). After
    a named person's reported claim ("..., Schiff said.") only a unit that is all quotation runs
    on: the newsroom's way of giving the same speaker's words next."""
    if previous is None or not opens_quote(text, start):
        return None
    if previous.mode != "direct_quote" and not (_named_person(previous) and closes_quote(text, end)):
        return None
    if "\n" in text[previous_end:start] and (previous.source_type == "unattributed" or not closes_quote(text, end)):
        return None
    return replace(previous, mode="direct_quote", content=Span(start, end), source_span=None)


def introduced(text: str, intro: Span, start: int, end: int, people: sources.People, index: int) -> Found | None:
    """'The New York Times reports:' and then a quotation, in a paragraph of its own: the
    quotation is what the line before the colon attributes."""
    if text[intro.end - 1 : intro.end] != ":" or not opens_quote(text, start) or len(intro.of(text).split()) > _INTRO_WORDS:
        return None
    colon = _rstrip(text, intro.start, intro.end - 1)
    cue = next((hit for hit in _cues().finditer(text, intro.start, colon) if hit.end == colon), None)
    if cue is None or cue.start <= intro.start:
        return None
    source = subjects.phrase_before(_tokens(text, intro.start, cue.start))
    found = _make(text, source, cue.text, Span(start, end)) if source is not None else None
    if found is None:
        return None
    resolved = _resolved(found, people, index, text, intro.start)
    return replace(resolved, mode="direct_quote") if resolved else None


_INTRO_WORDS = 12


def _tokens(text: str, start: int, end: int) -> list[subjects.Token]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def _named_person(found: Found) -> bool:
    """A person the article names ("Schiff", "Rep. Ana Ruiz"), resolved from a pronoun or not."""
    return found.source_type == "person" and sources.trailing_name(found.source) is not None


def _resolved(found: Found, people: sources.People, index: int, text: str, lo: int) -> Found | None:
    """A pronoun source resolved to a name where that is safe, or marked unresolved; the unit
    starts at ``lo``, and its text before the pronoun may name whom it means ("Sen. Ana Ruiz
    scolded him: “...,” she said.").

    "I", "we" and "you" outside quotation marks are the writer's own voice or anyone at all
    ("you can call it what you want"): the article's claim, not an attribution."""
    pronoun = lexicon.uncontracted(found.source.lower())  # "As I've suggested": the writer's "I"
    if found.cue == ":" and found.source.isupper() and len(found.source) > 2:  # a transcript's "PENCE:" is Mike Pence
        return replace(found, source=people.full_name(found.source.title()), source_type="person")
    if pronoun not in sources.PRONOUN_SOURCES:
        return found
    if pronoun in sources.WRITERS_PRONOUNS:
        return None
    before = _unquoted(text, lo, found.source_span.start) if found.source_span else ""
    name = people.resolve_in(pronoun, before, index)
    if pronoun == "it" and found.cue in _forms_of("show") and (name is None or sources.classify(name) != "document"):
        # "NBC News published the video. It shows an officer ...": what a video or a record shows
        # is the article's account of it, not the publisher's speech.
        return None
    if name is None:
        return replace(found, source=sources.unresolved(found.source), source_type="unattributed", pronoun=found.source)
    kind = "person" if pronoun in sources.RESOLVABLE else sources.classify(name)
    return replace(found, source=name, source_type=kind, pronoun=found.source)


def _make(text: str, source: Span, cue: str, content: Span, source_type: SourceType | None = None) -> Found | None:
    content = _trim(text, content)
    if _few_words(text, content.start, content.end):
        return None
    if text[source.end - 1 : source.end] == "." and not _abbreviation(text[source.start : source.end], titles=False):
        # The sentence's full stop, not "Jr." or "D.C."; a title ends a source only as a word
        # ("..., according to a campaign aide.").
        source = Span(source.start, source.end - 1)
    focus = _FOCUS.match(text, source.start, source.end)
    if focus:
        source = Span(focus.end(), source.end)
    written = text[source.start : source.end].split()
    words = subjects.shortened(written)
    if words is None or _relative_clause(written):
        return None
    if words != written:  # cut to its core: the core's words end where its last word does
        source = Span(source.start, source.start + len(" ".join(words)))
        if text[source.start : source.end].split() != words:
            return None
    source = _without_time(text, source)
    phrase = text[source.start : source.end]
    kind = source_type or sources.classify(phrase)
    return Found(phrase, kind, cue, _mode(text, content), content, source)


# What may stand before an article inside a source phrase: "the head of the agency", "all
# the senators", "Ruiz and the mayor".
_BEFORE_INNER_ARTICLE = subjects.PREPOSITIONS | lexicon.QUANTIFIERS | frozenset(
    """and or nor all both half including around across among between within throughout outside inside near
    against behind beyond like via per toward towards upon amid despite without through along""".split()
)


def _relative_clause(words: list[str]) -> bool:
    """'The budget the mayor said would pass ...': a noun followed straight by another phrase is
    what the speaker spoke of, in a relative clause; the sentence is no claim of the speaker's.
    A relative clause the phrase marks itself ("the engineers who sent the letter") is its own."""
    for before, word in zip(words, words[1:]):
        if before in _RELATIVE_PRONOUNS:
            return False
        if word.lower() in lexicon.ARTICLES and before.isalpha() and before.islower() and before not in _BEFORE_INNER_ARTICLE:
            return True
    return False


_RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())


# "Even China said ...", "Only Ruiz said ...": a focusing adverb before the speaker is no part of who speaks.
_FOCUS = re.compile(r"(?:[Ee]ven|[Oo]nly|[Aa]lso)\s+(?=\w)")


def _without_time(text: str, source: Span) -> Span:
    """'David Axelrod on Wednesday', 'Wells Fargo just this month' -> the name: when it was said is
    no part of who said it. Not after a participle: "a poll released last week" is that poll."""
    when = _TRAILING_TIME.search(text, source.start, source.end)
    if not when:
        return source
    words = list(re.finditer(r"\S+", text[source.start : when.start()]))
    while words and words[-1].group(0) in subjects.AUXILIARIES:
        words.pop()
    if not words or words[-1].group(0).endswith("ed") and words[-1].group(0).islower():
        return source
    return Span(source.start, source.start + words[-1].end())


# A phrase of time that closes a source phrase: "on Wednesday", "Tuesday night", "this week".
_TRAILING_TIME = re.compile(
    rf"\s+(?:(?:(?:on|last|this|late|early|earlier)\s+)?{_DAY}|(?:last|this|earlier this|later that)\s+{_PERIOD})$"
)


def _abbreviation_dot(text: str, start: int, dot: int) -> bool:
    """'according to Mrs. Clinton': the full stop of an abbreviation, followed by more of the name."""
    if text[dot] != "." or not text[dot + 1 : dot + 3].strip()[:1].isupper():
        return False
    return _abbreviation(text[start : dot + 1])


def _abbreviation(phrase: str, titles: bool = True) -> bool:
    """Whether the phrase's last word is shortened ("Mrs.", "Jr.", "D.C."), or, with ``titles``,
    a title that more of a name may follow ("according to Gov. ...")."""
    last = phrase.split()[-1].rstrip(".")
    return (len(last) == 1 or "." in last or last.lower() in ABBREVIATIONS
            or titles and last.lower() in lexicon.words("titles"))


_QUOTATION = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?")


def _mode(text: str, content: Span) -> Mode:
    body = text[content.start : content.end]
    quoted = sum(map(len, _QUOTATION.findall(body)))
    return "direct_quote" if body[:1] in QUOTES or quoted * 2 >= len(body) else "reported"


def _vague_sourcing(text: str, lo: int, hi: int) -> Found | None:
    match = _vague().search(text, lo, hi)
    if not match:
        return None
    after = _AFTER_CUE.match(text, match.end, hi)
    content = Span(after.end() if after else match.end, hi)
    found = _make(text, Span(match.start, match.end), match.text, content, "unattributed")
    return replace(found, source=sources.UNIDENTIFIED) if found else None


def _according(text: str, lo: int, hi: int) -> Found | None:
    match = _ACCORDING_TO.search(text, lo, hi) if text.find("ccording to", lo, hi) >= 0 else None
    if not match:
        return None
    src_end = match.end()
    while src_end < hi and (text[src_end] not in ",;:.\u2014\u2013" or _abbreviation_dot(text, match.end(), src_end)):
        src_end += 1
    words = sources.without_aside(text[match.end() : src_end]).split()
    if not words or len(words) > subjects.MAX_SOURCE_WORDS or not subjects.is_source(words):
        return None  # "according to his body mass index" names no one
    source = Span(match.end(), src_end)
    if text[lo : match.start()].strip(" ,"):  # "..., according to X."
        content = Span(lo, match.start())
    else:  # "According to X, ..."
        content = Span(src_end + 1, hi)
    return _make(text, source, match.group(0).strip(), content)


def _cue_verbs(text: str, lo: int, hi: int) -> list[Found]:
    """The sentence's attributions by cue verbs. A closing one ("..., the Tax Foundation said.")
    is the sentence's main attribution and wins over an earlier cue-like word ("the new plan");
    otherwise the first, and each later one that opens a clause of its own ("..., and Lopez
    said ...") takes the rest of the sentence from it."""
    quoted = _quoted_regions(text, lo, hi)
    chain: list[Found] = []
    reported_from = hi  # where the clause a cue reports begins ("worried that ..."), once one does
    carried_to = lo
    for match in _cues().finditer(text, lo, hi):
        if match.start < carried_to:
            continue  # the cue of "continues to insist", read with "continues"
        match = _carried_on(text, match, hi)
        carried_to = match.end
        if any(a <= match.start < b for a, b in quoted) or _reads_as_noun(text, lo, hi, match):
            continue
        if _passive_by(text, hi, match) or _not_speech(text, lo, hi, match):
            continue
        after = _AFTER_CUE.match(text, match.end, hi)
        if _after_quote(text, lo, match.start):
            found = _inverted(text, lo, hi, match)
        else:  # "Maria Lopez, a nurse, said ..." before "..., said the mayor."
            found = _subject_first(text, lo, hi, match, after) or _inverted(text, lo, hi, match)
        embedded_from, reported_from = reported_from, min(reported_from, _reported_clause_start(after, hi))
        if found is None:
            continue
        if found.source_span is not None and found.content.end <= found.source_span.start:
            if chain and chain[0].source_type == "person" and (found.cue in _forms_of("show") or found.source_type == "document"):
                # "Ruiz also said the videos do not show ..., the footage showed.": what a record
                # shows closes a clause inside the person's words; it does not report them.
                continue
            return [found]
        if found.source_span is not None and found.source_span.start >= embedded_from and not (
            chain and _coordinate(text, chain[-1], found, conjunction=True)
            and not _opens_subordinate(text, embedded_from, hi)
        ):
            # "Regulators worried that if the board cut funds, the clinic could announce ...": a
            # speaker inside what an earlier cue reports is not the sentence's, even where the
            # earlier cue's own speaker could not be read. A clause joined with ", and" or ", but"
            # is its own ("Ruiz stressed that ..., and nurses warned that ...").
            return chain
        # "released it to reporters", "Trump released his plan": a thing handed on, no claim, though
        # it opens a clause of its own.
        handed_on = found.cue in _object_first() and _PRONOUN_OBJECT.match(text, found.content.start, hi) or (
            _a_thing_given(text, found)
        )
        if not chain:
            if not handed_on:
                chain.append(found)
        elif _coordinate(text, chain[-1], found):
            chain[-1] = replace(chain[-1], content=_trim(text, Span(chain[-1].content.start, found.source_span.start)))
            chain[-1] = _strip_conjunction(text, chain[-1])
            if not handed_on:
                chain.append(found)
    return chain


def _carried_on(text: str, cue: lexicon.Hit, hi: int) -> lexicon.Hit:
    """'The nominee continues to insist that ...': the cue after "continue to" is the one that
    reports, from the subject of "continues"; other cues stand as found."""
    if cue.text not in _forms_of("continue"):
        return cue
    to = _TO.match(text, cue.end, hi)
    then = to and _cues().search(text, to.end(), hi)
    return lexicon.Hit(cue.start, then.end, then.text) if then and then.start == to.end() else cue


_TO = re.compile(r"\s+to\s+")


def standing_alone(text: str, found: Found) -> Span:
    """What a claim's text should quote: its content, or, where that cannot stand alone ("not to
    repeat that mistake", "Republicans to join ...", "Burma a “good news story”", "the bank's
    practices" criticized), the content with its speaker and cue before it ("Ban vowed not to
    repeat that mistake")."""
    source, content = found.source_span, found.content
    if source is None or source.end > content.start or "\n" in text[source.start : content.start]:
        return content
    # "Obama called Burma ...", "Pence echoed statements by Trump ...": what is said of a thing, with its speaker
    # (not what follows a colon or a comma: "The Times reports: “...”", "Clinton adds, “...”")
    said_of = found.cue in _object_first() and not _that_between(text, source.end, content.start) and (
        text[_rstrip(text, source.end, content.start) - 1] not in ":,"
    )
    # "told Marlow on Thursday how surprised he is", "urged Trump to make ...": what is told or
    # asked, past whom it is told to, reads whole only with them ("told ... that Clinton needs to
    # get away" tells a clause, no request)
    told = found.cue in _object_taking() and (
        _a_bare_object(text, source.end, content.start)
        or _REQUEST.match(text, content.start, content.end)
        and not _THAT_AT_END.search(text, max(0, content.start - 8), content.start)
    )
    bare = said_of or told or _INFINITIVE_START.match(text, content.start, content.end) or (
        _STANDS_FOR_SOMETHING.match(text, content.start, content.end)
    )
    return Span(source.start, content.end) if bare else content


# An object that stands for something the sentence does not say: "shows him with his hands up",
# "has said the same thing", "said as much".
_STANDS_FOR_SOMETHING = re.compile(r"(?:him|them|us|me|the\s+same|as\s+much)\b")


def _a_thing_given(text: str, found: Found) -> bool:
    """'Trump released his plan', 'the center maintains a program': cues whose object is mostly a
    thing handed out report words only after "that" or in quotation marks."""
    if found.cue not in _things_given() or found.source_span is None or found.content.start < found.source_span.end:
        return False
    return _a_bare_object(text, found.source_span.end, found.content.start)


def _a_bare_object(text: str, source_end: int, content_start: int) -> bool:
    """Whether what follows the speaker and cue is opened by neither "that" nor a quotation mark:
    an object ("released his plan", "told Marlow how ..."), not words reported."""
    return not _that_between(text, source_end, content_start) and text[content_start : content_start + 1] not in QUOTES


def _that_between(text: str, start: int, end: int) -> bool:
    """Whether a conjunction "that" stands between a cue and what it reports ("released that ...")."""
    return "that" in text[start:end].split()


@cache
def _things_given() -> frozenset[str]:
    return _forms_of("release", "unveil", "deliver", "offer", "maintain", "promote", "publish")


def _opens_subordinate(text: str, start: int, hi: int) -> bool:
    """Whether the clause at ``start`` opens with "if", "when", "because" ...: its ", and" may
    join two halves of that condition ("... worried that if the board cut funds, and the clinic
    announced ...")."""
    first = _WORD_AFTER.match(" " + text[start : min(hi, start + 40)])
    return bool(first) and first.group(1).lower() in _SUBORDINATORS | {"while", "whereas"}


_THAT_AT_END = re.compile(r"\bthat\s*,?\s*$")


def _reported_clause_start(after: re.Match[str] | None, hi: int) -> int:
    """Where "that" opens the clause a cue reports ("said on Monday that ..."), or ``hi``;
    ``after``: what ``_AFTER_CUE`` matched after the cue."""
    return after.end() if after and _THAT_AT_END.search(after.group(0)) else hi


def _coordinate(text: str, last: Found, found: Found, conjunction: bool = False) -> bool:
    """Whether ``found`` opens a clause joined to ``last``'s ("..., while the auditor said ...")
    rather than one inside what ``last`` reports ("Ruiz said that Lopez claimed ..."); with
    ``conjunction``, only where a conjunction joins them (not a bare comma)."""
    if found.source_span is None or not last.content.start < found.source_span.start < last.content.end:
        return False
    if found.content.start < found.source_span.start:
        return False
    between = text[max(last.content.start, found.source_span.start - 20) : found.source_span.start]
    return bool((_CONJOINED if conjunction else _JOINED).search(between))


_JOINED = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)?|\s(?:while|whereas))\s*$")
_CONJOINED = re.compile(r"(?:[,;]\s*(?:and|but|while|whereas)|\s(?:while|whereas))\s*$")


_JOINING_END = re.compile(r"[,;]?\s*\b(?:and|but|while|whereas)$")
_NEXT_SPEAKERS_SCENE = re.compile(
    r"[,;]?\s+(?:and|but)\s+(?:when|while|if|after|before|as|because|since|once|asked|pressed)\b[^\"\u201c\u201d]*$"
)


def _strip_conjunction(text: str, found: Found) -> Found:
    """'revenue rose 4 percent, while' -> 'revenue rose 4 percent'; and '..., and when pressed on
    why, ' -> '...': the clause that sets the scene for the next speaker is theirs."""
    body = text[found.content.start : found.content.end]
    cut = _JOINING_END.search(body) or _NEXT_SPEAKERS_SCENE.search(body)
    if not cut:
        return found
    return replace(found, content=_trim(text, Span(found.content.start, found.content.start + cut.start())))


def _passive_by(text: str, hi: int, cue: lexicon.Hit) -> bool:
    """'A report released by the auditor', 'a plan supported by ...', and after a comma '...,
    compared with $93,000': a participle, not a cue."""
    if not cue.text.endswith(("ed", "en", "wn")):
        return False
    after_comma = text[_rstrip(text, 0, cue.start) - 1 : cue.start].strip() == ","
    if (_AFTER_COMMA if after_comma else _BY).match(text, cue.end, min(hi, cue.end + 8)):
        return True
    # "A poll released in late August found that ...": when it came out, then what it found.
    return bool(_findings_after_when().match(text, cue.end, min(hi, cue.end + 60)))


@cache
def _findings_after_when() -> re.Pattern[str]:
    findings = sorted(_forms_of("find", "show", "say", "suggest", "conclude", "indicate"), key=len, reverse=True)
    return re.compile(r"\s+(?:in|on|at|during|last|this|earlier)\s[^,;:\"\u201c]{0,40}?\b(?:" + "|".join(findings) + r")\b")


_BY = re.compile(r"\s+by\b")
_AFTER_COMMA = re.compile(r"\s+(?:by|with)\b")
_PRESSED_AGAINST = re.compile(r"\s+(?:against|up against|together|into)\b")  # "pressed against a fence"
# A cue verb with a particle that makes it no speech: "called into a radio show", "called off the strike".
_NOT_SPEECH_PARTICLE = re.compile(r"\s+(?:into|in|off|up)\b")


_SEEN_AS = re.compile(r"\b(?:as|that)\b")
# A word straight after "continue": what goes on ("continue their attacks", "is continuing to
# negotiate", "are continuing negotiations"), where the words someone goes on with follow a
# comma, a colon or a quotation ('"...," he continued').
_WORD_NEXT = re.compile(r"\s+[A-Za-z]")
_FROM_PLACE = re.compile(r"\s+from\s+[A-Z]")
_COMPARED_TO = re.compile(r"\s+(?:to|with)\b")
# "declined to threaten Moscow": what someone will not do.
_INFINITIVE = re.compile(r"\s+to\s+[a-z]")
# "a group called Lashkar-e-Taiba", "a program called “Safe Streets”": a name given, not words said.
_NAMED = re.compile(r"\s+[A-Z\"\u201c]")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w'\u2019-]+\s+){0,2}[a-z][\w-]*\s+$")


def _not_speech(text: str, lo: int, hi: int, cue: lexicon.Hit) -> bool:
    if cue.text.startswith("press") and _PRESSED_AGAINST.match(text, cue.end, hi):
        return True
    if cue.text in _forms_of("decline") and _INFINITIVE.match(text, cue.end, hi):
        return True
    if cue.text in _forms_of("compare") and _COMPARED_TO.match(text, cue.end, hi):
        return True  # "up 5 percent compared with last year", "Talk compared to 'working the referees'"
    if cue.text in _forms_of("see") and not _SEEN_AS.search(text, cue.end, min(hi, cue.end + 120)):
        return True  # "police saw the tweet", "America has seen its biggest boom": seen, not said ("see it as ..." is)
    if cue.text in _forms_of("continue") and _WORD_NEXT.match(text, cue.end, hi):
        return True  # "Republicans continue their attacks", "Australia is continuing to negotiate"
    if cue.text in _forms_of("report") and _FROM_PLACE.match(text, cue.end, hi):
        return True  # "Julie Davis reported from Midway Atoll": where the story was reported, a credit line
    if cue.text == "called" and _NAMED.match(text, cue.end, hi) and _INDEFINITE_BEFORE.search(text, max(lo, cue.start - 60), cue.start):
        return True
    return cue.text.startswith("call") and " " not in cue.text and bool(
        _NOT_SPEECH_PARTICLE.match(text, cue.end, min(hi, cue.end + 8))
    )


def _reads_as_noun(text: str, lo: int, hi: int, cue: lexicon.Hit) -> bool:
    """'the states', 'his plans', 'early-morning tweets', 'questions about', 'attacks on him',
    'battleground states could': a word that is a cue or a noun, used as a noun."""
    if cue.text.lower() not in lexicon.words("noun_cues"):
        return False
    before = _WORD_BEFORE.search(text, max(lo, cue.start - 40), cue.start)
    after = _WORD_AFTER.match(text, cue.end, min(hi, cue.end + 40))
    if before and before.group(1).lower() in _NOUN_ONLY_BEFORE:
        return True  # "in those states that Ruiz won": after these, even a "that" opens no reported clause
    named = _NAMED_AFTER_PREPOSITION.search(text, max(lo, cue.start - 80), cue.start)
    if named and (named.group(1) == "of" or text[cue.end : cue.end + 1] == ","):
        # "In the wake of the New York Times report, Trump ...", "a set of Clean Air Act rules that
        # could ...": a name's report or rules, governed by a preposition
        return True
    if after and after.group(1).lower() == "that" and not text[cue.end : after.start(1)].strip():
        return False  # "the data show that ...": a verb with its clause
    if after and _modifies_speaker(text, hi, after):
        return True  # "state officials said", "press secretary Dana Ruiz said"
    if after and cue.text in _ATTRIBUTIVE and _qualified_noun(after.group(1)):
        return True  # "The Guard and state troopers will remain", "state election offices"
    if after and after.group(1) in lexicon.forms("cue_verbs") and not after.group(1).endswith("ing"):
        return True  # "an analysis of campaign-finance reports shows": the next word is the verb
    if before:
        written = before.group(1)
        word = written.lower()
        if word in _NOUN_MARKERS or word.endswith(("'s", "\u2019s", "s'")) or word[0].isdigit():
            return True
        if written.islower() and word not in subjects.AUXILIARIES and word.endswith(_ADJECTIVE_ENDINGS + ("ed",)):
            return True  # "early-morning tweets", "renewed fears"
        if written.islower() and word.endswith("ing") and len(word) > 5 and cue.text.endswith("s") and (
            word not in _cue_forms()
        ):
            return True  # "insulting remarks", "disparaging comments": an adjective before a plural noun
        if not cue.text.endswith("s") and _singular_noun_before(text, lo, before, written):
            return True  # "his home state", "Apple Music show": a singular noun takes "states", "shows"
        if _is_number(word):
            return True  # "Twenty-seven states"
        earlier = _WORD_BEFORE.search(text, max(lo, before.start(1) - 40), before.start(1))
        if written[0].isupper() and earlier and earlier.group(1).lower() in _NOUN_MARKERS:
            return True  # "on U.S. support", "the Apple Music show"
    return bool(after) and after.group(1).lower() in _AFTER_NOUN


_NAMED_AFTER_PREPOSITION = re.compile(
    r"\b(" + "|".join(sorted(subjects.PREPOSITIONS)) + r")\s+(?:the\s+)?(?:[A-Z][\w.'\u2019&-]*\s+)+$"
)
# Cue forms that before a noun qualify it ("state troopers", "state law"); as verbs they take
# "that", an object with its determiner or a pronoun ("state that ...", "state their case").
_ATTRIBUTIVE = frozenset({"state"})


def _qualified_noun(word: str) -> bool:
    """A bare lower-case noun after an attributive cue form, not what a verb takes first."""
    lowered = word.lower()
    return (
        word.isalpha() and word.islower() and not word.endswith("ly") and lowered not in _NOT_NOUNS
        and lowered not in _NOUN_MARKERS and lowered not in _ALSO_PREPOSITIONS and lowered != "that"
    )


def _modifies_speaker(text: str, hi: int, after: re.Match[str]) -> bool:
    """Whether the word after a cue form is a speaker that the form qualifies: a word for a
    speaker followed by a name or a cue ("press secretary Dana Ruiz said", "state officials
    said"), where a verb would take its object first ("reminds voters that ...")."""
    word = after.group(1)
    if not word.islower() or not subjects.speaker_noun(word):
        return False
    following = _WORD_AFTER.match(text, after.end(), min(hi, after.end() + 40))
    if not following:
        return False
    written = following.group(1)
    return written[0].isupper() or written in _cue_forms()


@cache
def _cue_forms() -> frozenset[str]:
    return lexicon.forms("cue_verbs")


@cache
def _base_forms() -> frozenset[str]:
    """Each cue verb as the lexicon gives it first ("tell", "say"): the form an infinitive takes."""
    return frozenset(line.split(",")[0].strip() for line in lexicon.lines("cue_verbs"))


# "to" and a verb, then its object, up to an "and" or "or" with nothing but words between.
_INFINITIVE_THEN_AND = re.compile(r"\bto\s+[a-z]+\b[^,;:.\"\u201c\u201d]*\s(?:and|or)\s*$")


def _is_number(word: str) -> bool:
    return all(part in lexicon.pairs("numbers", " ") for part in word.split("-"))


def _singular_noun_before(text: str, lo: int, before: re.Match[str], written: str) -> bool:
    if written.islower():
        return not written.endswith("s") and written not in _NOT_NOUNS and not written.endswith("ly")
    # After a capitalised singular ("Apple Music show", "Battleground state Florida") a verb
    # would take an -s; a plural name ("Democrats plan") may be the subject.
    return written[0].isupper() and not written.isupper() and not written.endswith("s")


# Lower-case words before a cue that are not singular nouns: pronouns, relatives, adverbs.
_NOT_NOUNS = (
    subjects.AUXILIARIES
    | frozenset(w.lower() for w in sources.PRONOUN_SOURCES)
    | frozenset("who which that to and or but they we you i not".split())
)
_WORD_BEFORE = re.compile(r"([\w.'\u2019-]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([\w'\u2019-]+)")
_NOUN_MARKERS = subjects.DETERMINERS | subjects.PREPOSITIONS | frozenset(
    "this that these those any no each every few more both all two three four five six seven eight nine ten".split()
)
# Before a cue form only a noun can follow these: "the states", "those states", "his plans", "in states".
_NOUN_ONLY_BEFORE = (lexicon.ARTICLES | lexicon.POSSESSIVES | subjects.PREPOSITIONS | frozenset("this these those".split())) - {"to"}
_ADJECTIVE_ENDINGS = ("al", "ous", "ive", "ful", "ic", "ary", "ble", "less", "ish", "-morning", "-night")
# A noun, not a cue, comes before these: "questions about", "attacks on", "states could".
_AFTER_NOUN = frozenset(
    """of about on over against from by with for were was is are have has had will would could can may
    might should must remain remains""".split()
)


def _inverted(text: str, lo: int, hi: int, cue: lexicon.Hit) -> Found | None:
    """'“...,” said Trump.' and '..., says a spokesman for the campaign.'"""
    if cue.text.endswith("ing"):
        return None  # "..., echoing Mr. Putin." is no "..., said Mr. Putin."
    before_end = _rstrip(text, lo, cue.start)
    after_quote = _after_quote(text, lo, cue.start)
    if not (after_quote or text[before_end - 1 : before_end] == ","):
        return None
    # After a quotation the name may go on ("said Mr. Burman (a view ...)"); otherwise it ends the sentence.
    tail = (_TAIL_AFTER_QUOTE if after_quote else _TAIL).match(text, cue.end, min(hi, cue.end + _WINDOW))
    if not tail:
        return None
    words = sources.without_aside(tail.group(1)).split()
    opens = words[0][0].isupper() or words[0].lower() in subjects.DETERMINERS or words[0].lower() in lexicon.words("titles")
    # "said spokesman Josh Schwerin"; after a quotation, "said 9/11 widow Terry Strada" too.
    plain = not any(w.lower() in subjects.PREPOSITIONS for w in words)
    opens = opens or after_quote and plain and bool(sources.trailing_name(" ".join(words)))
    if not opens or not subjects.is_source(words):
        return None
    if not after_quote and not subjects.names_someone(words):
        return None  # "..., said the wait had doubled." is no source
    source = Span(tail.start(1), tail.start(1) + len(tail.group(1).rstrip()))
    return _make(text, source, cue.text, Span(lo, before_end))


def _subject_first(text: str, lo: int, hi: int, cue: lexicon.Hit, after: re.Match[str] | None) -> Found | None:
    """The cue's subject before it and what it reports; ``after``: what ``_AFTER_CUE``
    matched after the cue."""
    # A window cut may fall inside a word: its first token is dropped.
    window_start = max(lo, cue.start - _WINDOW)
    tokens = _tokens(text, window_start, cue.start)
    if window_start > lo:
        tokens = tokens[1:]
    aux = []
    # Auxiliaries are written in lower case: "Theresa May said" ends in a name.
    while tokens and tokens[-1][2].islower() and (tokens[-1][2] in subjects.AUXILIARIES or _adverb(tokens)):
        aux.append(tokens.pop()[2])
    if _NEGATIONS & set(aux):
        return None  # "has not said much about it", "could not explain why": no words of theirs reported
    last = tokens[-1][2].lower() if tokens else ""
    if last == "to":
        return None  # an infinitive: "refused to respond"
    if last in ("and", "or") and cue.text in _base_forms() and _INFINITIVE_THEN_AND.search(text, window_start, cue.start):
        return None  # a second infinitive: "Clinton needs to sell herself and tell more jokes"
    if cue.text.endswith("ing") and (last in _ALSO_PREPOSITIONS or last == "from"):
        return None  # "decided against recommending", "kept him from releasing": nothing said
    if cue.text.endswith("ing") and not aux and len(tokens) > 1 and _past_verb(tokens[-1][2]):
        tokens = tokens[:-1]  # "after video surfaced showing ...": the video shows, "surfaced" is its verb
        last = tokens[-1][2].lower()
    if (last in subjects.PREPOSITIONS or last in _ALSO_PREPOSITIONS) and not cue.text.endswith("ing"):
        return None  # an adjective: "despite repeated warnings", "after reported clashes"
    if _BE & set(aux) and not cue.text.endswith("ing"):
        return None  # a passive: "are shown", "was told"
    if last == "and" or last in subjects.PREPOSITIONS or (last == "," and cue.text.endswith("ing")):
        # "... and said", "began by saying", "..., saying": the subject is the sentence's,
        # unless its start is too far back to be read safely.
        source = subjects.sentence_subject(tokens) if window_start == lo else None
    else:
        source = subjects.phrase_before(tokens)
        if source is not None and cue.text.endswith("ing") and not aux:
            source = _shown_speaker(text, source)
    if source is None:
        return None
    before_source = [t for t in tokens if t[1] <= source.start]
    if _subordinate(before_source, lo) or _embedded_question(before_source):
        return None
    content_start = after.end() if after else cue.end
    if _PREDICATE_NEXT.match(text, cue.end, hi):
        return None  # "Everything Trump says is a lie": the cue is inside the subject, its verb follows
    request = False
    if cue.text in _object_taking():
        addressee = content_start
        content_start = _skip_addressee(text, content_start, hi)
        request = not _that_between(text, addressee, content_start) and bool(_REQUEST.match(text, addressee, hi))
        if request and last == "by":
            return None  # "Congress can enforce it by asking prosecutors to charge someone": a means, no claim
        after = _AFTER_CUE.match(text, content_start, hi)  # "told reporters on Tuesday that"
        # A request is what is asked of whom: "Republicans to join the ranks ...", not "To join ...".
        content_start = addressee if request else after.end() if after else content_start
    # "..., sources said.": a closing attribution follows a comma or a dash, not "because he has not seen it".
    closing = _nothing_said_after(text, content_start, hi) and text[_rstrip(text, lo, source.start) - 1] in ",;\u2014\u2013-"
    after_quote = _after_quote(text, lo, source.start)
    if after_quote and text[content_start : content_start + 1] in QUOTES[:2] or (
        _set_off(text, lo, source.start, cue.end, content_start)
    ):
        # '"That," he added, "promises to ..."', 'The latest test, North Korea said, was its
        # biggest yet': what is said stands around the attribution.
        content = Span(lo, hi)
    elif after_quote or (closing and source.start > lo):
        # "“...,” he told reporters after the vote." / "..., sources said."
        content = Span(lo, source.start)
    else:
        content_start = _past_particle(text, cue, content_start, hi)
        if cue.text in _SHOUTING and re.match(r"(?:at|to)\b", text[content_start:hi]):
            # "yelled to the guards that ...": whom it was shouted at, then what; "police shout at
            # him to drop the gun" is an order, no claim.
            that = _SHOUTED_AT.match(text, content_start, hi)
            if not that:
                return None
            content_start = that.end()
        saying = _participle_saying(text, cue, content_start, hi)
        if saying is not None:
            return _make(text, source, saying[0], Span(saying[1], hi))
        content = Span(content_start, _writers_tail(text, cue, after, content_start, _aside_end(text, lo, cue, hi)))
        if _only_a_name(text[content.start : content.end]) or _only_a_topic(text, cue, content):
            return None  # "She advises President Ana Ruiz.", "Trump commented on the death": whom or what about, not what
        if _REFLEXIVE.match(text, content.start, content.end):
            if cue.text in _forms_of("find"):
                return None  # "peacekeepers find themselves in war zones": where they are, nothing said
            # "Trump has portrayed himself as a shrewd manipulator ...": what he says of himself, with him
            content = Span(source.start, content.end)
    return _make(text, source, cue.text, content)


_NEGATIONS = frozenset({"not", "never"})
_PREDICATE_NEXT = re.compile(r"\s+(?:is|was|are|were|has been|have been)\s")
_INFINITIVE_START = re.compile(r"(?:not\s+)?to\s+[a-z]")
_REFLEXIVE = re.compile(r"(?:himself|herself|themselves|itself|myself|ourselves)\b")
# What is asked of someone: "urging Trump to make ...", "asking federal prosecutors to charge ...".
_REQUEST = re.compile(r"\s*(?:[\w.'\u2019-]+\s+){0,4}?to\s+[a-z]")
# A speaker shown saying something: "footage of Hillary Clinton asking", "a video of the mayor saying".
_SHOWN_OF = re.compile(r".*\bof\s+(?=\S)", re.DOTALL)


def _shown_speaker(text: str, source: Span) -> Span | None:
    """'The ad uses footage of Hillary Clinton asking, “...”': the one shown speaking is who asks,
    not the phrase the footage is part of."""
    of = _SHOWN_OF.match(text, source.start, source.end)
    if not of:
        return source
    shown = Span(of.end(), source.end)
    return shown if subjects.is_source(shown.of(text).split()) else source


def _set_off(text: str, lo: int, source_start: int, cue_end: int, content_start: int) -> bool:
    """'The truth, the senator said then, was that ...', 'The top 1 percent would gain $275,000, the
    group said, compared with $2,700 for ...': an attribution set off by commas inside what it
    attributes, which goes on in lower case."""
    before = text[lo:source_start].rstrip()
    if not before.endswith(",") or before.rstrip(",").lower() in sources.openers() or "," not in text[cue_end:content_start]:
        return False  # not "However, he said, ..."
    return text[content_start : content_start + 1].islower()


# After what a speaker said, the writer's own gloss: "..., implicitly putting his name on it".
_GLOSS = re.compile(
    r",\s+(?:implicitly|effectively|essentially|apparently|seemingly|tacitly|thereby|in effect)\s+[a-z]+ing\b"
)
_JOINED_CLAUSE = re.compile(r",\s+(?:and|but)\s+((?:[\w'\u2019.-]+\s+){1,5}?)([a-z]+ed)\b")
# The subject's own next verb phrase: "signaled willingness to talk but has been rebuffed".
_NEXT_PREDICATE = re.compile(r",?\s+(?:but|and)\s+(?:has|have|had|was|were|is|are|will|would)\b")


# A dash that sets off an aside: spaced ("--", "—", "–") or an unspaced em dash.
_ASIDE_DASH = re.compile(r"\s(?:--|\u2014|\u2013)\s|\u2014")


def _aside_end(text: str, lo: int, cue: lexicon.Hit, hi: int) -> int:
    """'... efforts to collect -- which Tim Cook called "total political crap" -- one question
    ...': a cue inside an aside between dashes reports no further than the closing dash."""
    if len(_ASIDE_DASH.findall(text, lo, cue.start)) % 2 == 0:
        return hi
    closing = _ASIDE_DASH.search(text, cue.end, hi)
    return closing.start() if closing else hi


def _writers_tail(text: str, cue: lexicon.Hit, after: re.Match[str] | None, start: int, hi: int) -> int:
    """Where what a cue reports ends, before a tail that is the article's: a gloss on it, or,
    after an object that is no clause ("signaled willingness to talk"), the subject's next verb
    phrase ("but has been rebuffed"). Not inside a quotation; ``hi`` where no such tail follows."""
    quoted = _quoted_regions(text, start, hi)
    gloss = _GLOSS.search(text, start, hi)
    if gloss and not any(a <= gloss.start() < b for a, b in quoted):
        return gloss.start()
    if cue.text in _object_first() and not quoted:
        # "published the video Friday, and the council approved it": a clause with a subject of its
        # own is the article's (one with a cue of its own is another attribution), as is when the
        # thing was published.
        joined = _JOINED_CLAUSE.search(text, start, hi)
        if joined and joined.group(2) not in _cue_forms() and subjects.is_source(joined.group(1).split()):
            when = _TRAILING_TIME.search(text, start, joined.start())
            return when.start() if when else joined.start()
    if after is not None and _THAT_AT_END.search(after.group(0)):
        return hi  # "said that prices rose but have since fallen": the clause's own verbs
    predicate = _NEXT_PREDICATE.search(text, start, hi)
    if not predicate or any(a <= predicate.start() < b for a, b in quoted) or quoted and quoted[0][0] < predicate.start():
        return hi
    words = text[start : predicate.start()].split()
    clause = [w for w in words if w.lower() in subjects.AUXILIARIES | _CLAUSE_WORDS or w.lower().endswith("n't")]
    return hi if clause or len(words) > 8 else predicate.start()


# Words that make what follows a cue a clause of its own, not an object ("said prices rose").
_CLAUSE_WORDS = frozenset("he she they it we i you there who".split())


_PRONOUN_OBJECT = re.compile(r"it\s+(?:to|for|on|at|in|with|from|into)\b")
_SHOUTING = frozenset("yell yells yelled shout shouts shouted scream screams screamed".split())
_SHOUTED_AT = re.compile(r"(?:at|to)\b[^,;:\"\u201c]{0,60}?\bthat\b\s*,?\s*")


_PARTICLE = re.compile(r"(for|on)\s+")


def _past_particle(text: str, cue: lexicon.Hit, start: int, hi: int) -> int:
    """'called Friday for an inquiry': a time between a cue and its particle ("called for") leaves
    the particle to open what follows; it belongs to the cue."""
    if start <= cue.end + 1:
        return start
    particle = _PARTICLE.match(text, start, hi)
    if particle and f"{cue.text} {particle.group(1)}" in _cue_forms():
        return particle.end()
    return start


@cache
def _forms_of(*lemmas: str) -> frozenset[str]:
    """Every form the cue lexicon gives for these verbs ("comment" -> "comments", "commented", ...)."""
    chosen = [line for line in lexicon.lines("cue_verbs") if line.split(",")[0] in lemmas]
    return frozenset(form.strip() for line in chosen for form in line.split(","))


@cache
def _object_first() -> frozenset[str]:
    """Cues whose object is a thing, not what was said ("defended the plan", "called for a vote")."""
    return _forms_of("defend", "praise", "criticize", "blame", "call", "call for", "call on", "attack", "blast",
                     "slam", "tout", "highlight", "condemn", "denounce", "decry", "applaud", "reject", "dismiss",
                     "dispute", "question", "challenge", "echo", "cite", "release", "publish", "unveil", "counter",
                     "comment", "remark", "accuse", "announce", "note", "acknowledge", "describe", "characterize",
                     "charge", "see", "view", "express", "oppose", "propose", "report", "stress", "mention",
                     "demand", "endorse", "agree", "disagree", "encourage", "talk about", "write", "add", "find",
                     "want")


_SAYING = re.compile(r",\s*(saying|adding|arguing|noting|insisting|explaining)\b")


def _participle_saying(text: str, cue: lexicon.Hit, start: int, hi: int) -> tuple[str, int] | None:
    """'defended the remark, saying, “...”': after a cue's short object, a participle of saying
    gives what was said; the claim is that, not "the remark, saying, ...". Returns the
    participle and where what it reports starts, or None."""
    if cue.text not in _object_first():
        return None
    saying = _SAYING.search(text, start, min(hi, start + 120))
    if not saying:
        return None
    before = text[start : saying.start()].split()
    if not before or len(before) > 8 or any(q in text[start : saying.start()] for q in QUOTES):
        return None
    if before[0].lower() not in subjects.DETERMINERS | subjects.PREPOSITIONS and not before[0].endswith("ing"):
        return None  # the object starts as a noun phrase or a gerund: "the remark", "for releasing ..."
    after = _AFTER_CUE.match(text, saying.end(), hi)
    begin = after.end() if after else saying.end()
    return None if _few_words(text, begin, hi) else (saying.group(1), begin)


_LY_NOUNS = frozenset("family ally assembly".split())
# Before these an "-ly" word is a noun; not after "most" ("the most widely seen").
_OWNERS = lexicon.ARTICLES | lexicon.POSSESSIVES | frozenset("this these those".split())


_ADVERBS_WITHOUT_LY = frozenset("together alone".split())
# Quantifiers that float after their subject ("Merkley, Brown and Menendez all suggested"); after
# a comma they are a subject of their own (", each touting ... and saying").
_FLOATING = frozenset("all both each".split())


def _adverb(tokens: list[subjects.Token]) -> bool:
    """Whether the last token is an adverb in "-ly" ("also", "publicly"): after a determiner or a
    possessive it is a noun ("the family said", "Ruiz's ally said"), as are a few nouns after a name
    ("the Ruiz family said")."""
    if tokens[-1][2] in _ADVERBS_WITHOUT_LY:
        return True
    if tokens[-1][2] in _FLOATING:
        return len(tokens) > 1 and tokens[-2][2] not in ",;:"
    if not tokens[-1][2].endswith("ly") or tokens[-1][2] in _LY_NOUNS:
        return False
    before = tokens[-2][2] if len(tokens) > 1 else ""
    return not (before.lower() in _OWNERS or re.search(r"\w['\u2019]s$", before))


def _only_a_name(body: str) -> bool:
    """'President Ana Ruiz', 'Mayor Lopez on trade': a cue's object that is a name (and perhaps
    a short phrase of place or topic after it) says nothing anyone could check."""
    if any(q in body for q in QUOTES):
        return False
    words = [w.strip(".,;:!?") for w in body.split()]
    words = [w for w in words if w]
    i = 1 if words and words[0].lower() == "the" else 0  # "told the Associated Press"
    while i < len(words) and (words[i][:1].isupper() or i and words[i] in ("of", "and", "the") and i + 1 < len(words)
                              and words[i + 1][:1].isupper()):
        i += 1
    if i == 0 or words[i - 1].lower() in ("of", "and", "the"):
        return False
    rest = words[i:]
    if not rest:
        return True
    return (rest[0] in subjects.PREPOSITIONS and len(rest) <= 4 and not any(
        w.lower() in subjects.AUXILIARIES or w.endswith("ed") for w in rest))


# What a cue's object may be only about ("commented on the vote"), and things one asserts that
# are no statement ("would assert his Fifth Amendment rights").
_TOPIC = re.compile(r"(?:on|upon|about)\b", re.IGNORECASE)
_ASSERTED_THING = re.compile(
    r"(?:(?:his|her|their|its|the|a|an|our|my|your)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:rights?|privileges?|authority|control|power|dominance|sovereignty|independence|influence|jurisdiction)\b"
    r"(?!(?:\s+[\w'-]+){0,3}?\s+(?:was|is|were|are|had|has|have|would|will|could|should|must|did|does|do)\b)",
    # not "asserted her right to speak was denied", a clause
    re.IGNORECASE,
)


def _only_a_topic(text: str, cue: lexicon.Hit, content: Span) -> bool:
    """'commented on the death of the man': what the cue is about, with nothing said of it; and
    'would assert his rights': a right exercised, not a statement."""
    if cue.text.lower() in _forms_of("assert"):
        return bool(_ASSERTED_THING.match(text, content.start, content.end))
    body = text[content.start : content.end]
    topical = cue.text.lower() in _forms_of("comment", "remark")
    if not topical or any(q in body for q in QUOTES) or re.search(r"\bthat\b|,", body):
        return False  # "commented that ...", "commented on the plan, calling it ...": something said
    return bool(_TOPIC.match(text, content.start, content.end))


def _past_verb(word: str) -> bool:
    """A lower-case past tense in -ed right before an -ing cue: the subject's own verb."""
    return word.islower() and word.endswith("ed") and word not in subjects.AUXILIARIES and len(word) > 4


def _subordinate(before: list[subjects.Token], lo: int) -> bool:
    """'Back when he wrote his book, McKinley said ...': a cue in a clause of time, cause or
    condition that opens the sentence is not the sentence's attribution (one later in it,
    "..., though Lynch notes ...", may be). ``before``: the tokens before the source."""
    opens = bool(before) and len(before) <= 2 and before[0][0] - lo < 3
    return opens and before[-1][2].lower() in _SUBORDINATORS


def _embedded_question(before: list[subjects.Token]) -> bool:
    """'the gap between what Trump says and ...': a cue inside a noun clause is no attribution.
    ``before``: the tokens before the source."""
    return bool(before) and before[-1][2].lower() in ("what", "how", "why")


# ("while" and "whereas" join a contrasting attribution: "..., while the auditor said ...".)
_SUBORDINATORS = frozenset("when because if after before since although though unless until whether once".split())


def _skip_addressee(text: str, pos: int, hi: int) -> int:
    """After "told reporters (on Friday) that": where what was told starts."""
    window = text[pos : min(hi, pos + _WINDOW)]
    that = _TOLD_THAT.match(window)
    if that and re.search(r"\b(?:who|whom)\b", that.group(0)):
        # "told a woman who suggested that ... that “...”": the first "that" is the woman's.
        quoted = re.search(r"\bthat\s+(?=[\"\u201c])", window[that.end() :])
        if quoted:
            return pos + that.end() + quoted.end()
    if that:
        return pos + that.end()
    # "told the Herald's weekly radio show it is clear ...": a possessive name's programme, then
    # the clause from its subject pronoun on.
    owned = _OWNED_ADDRESSEE.match(window)
    if owned:
        return pos + owned.end()
    obj = re.match(r"(?:him|her|them|us|me|reporters|journalists|supporters|the crowd|[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*[,:]?\s*", window)
    return pos + obj.end() if obj else pos


# Whom it was told to, then "that": quotation marks end the addressee unless they hold a
# programme's title ('told MSNBC's "Morning Joe" on Friday that').
_TOLD_THAT = re.compile(r"(?:[^,;:\"\u201c]|[\"\u201c][A-Z][^\"\u201d,.;:!?]{0,30}[\"\u201d]){0,60}?\bthat\b\s*,?\s*")
_OWNED_ADDRESSEE = re.compile(
    r"(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}['\u2019]s\s+(?:[a-z][\w-]*\s+){1,5}?(?=(?:it|he|she|they|we|I|there)\s)"
)


def _intro(text: str, lo: int, hi: int) -> Found | None:
    match = _intro_noun().match(text, lo, hi)
    if not match:
        return None
    return _make(text, Span(match.start("source"), match.end("source")), match.group("cue"), Span(match.start("source"), hi))


def _colon(text: str, lo: int, hi: int) -> Found | None:
    if text.find(":", lo, hi) < 0:
        return None  # most units have no colon, which both forms need
    match = _COLON_SPEAKER.match(text, lo, hi) or _TRANSCRIPT_SPEAKER.match(text, lo, hi)
    if not match or not subjects.is_source(match.group("source").split()):
        return None
    found = _make(text, Span(match.start("source"), match.end("source")), ":", Span(match.end(), hi))
    return replace(found, mode="direct_quote") if found else None


def _signed(text: str, lo: int, hi: int) -> Found | None:
    match = _SIGNATURE.search(text, lo, hi)
    if not match:
        return None
    return _make(text, Span(match.start("source"), match.end("source")), match.group("dash"), Span(lo, match.start() + 1))


# A participle with its object opening the sentence: "Bemoaning the", "Calling it".
_FRONTED_PARTICIPLE = re.compile(r"\s*[A-Z][a-z]{3,}ing\s+(?:the|a|an|his|her|their|its|it|them|him|this|that)\b")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'\u2019-]{3,}")  # the words a title capitalises


def _after_quote(text: str, lo: int, at: int) -> bool:
    """Whether a quotation ends right before ``at``: '“...,” said', '“...?” asked'."""
    end = _rstrip(text, lo, at)
    inner = end
    while inner > lo and text[inner - 1] in "\u201d\"\u2019'":  # '...people,’” Merkley said'
        inner -= 1
    if not (inner < end and text[end - 1] in "\u201d\"" and text[inner - 1 : inner] in (",", ".", "?", "!")):
        return False
    # 'In an interview on CBS's “Face the Nation,” House Speaker Paul Ryan said': a title, not words said
    opening = max(text.rfind("\u201c", lo, inner), text.rfind('"', lo, inner - 1))
    if not (opening > lo and text[lo:opening].strip()):
        return True  # a quotation that opens the sentence is said
    if _FRONTED_PARTICIPLE.match(text, lo, opening):
        return False  # 'Bemoaning the “phony system,” Trump accused Holt ...': the phrase's quotation, not his words
    quoted = _TITLE_WORD.findall(text, opening + 1, inner)
    return not quoted or not all(w[0].isupper() for w in quoted)


def speaker_tail(text: str, start: int, end: int) -> bool:
    """'Mayor Dana Ruiz said to cheers.' after a quotation that ended its own sentence: a
    sentence that only says who spoke (a cue among its first words, a few words in all)."""
    words = text[start:end].split()
    if not 2 <= len(words) <= _TAIL_WORDS or opens_quote(text, start):
        return False
    cue = _cues().search(text, start, end)
    return cue is not None and len(text[start : cue.start].split()) <= 5 and "that" not in words


def _rstrip(text: str, lo: int, at: int) -> int:
    """Where ``text[lo:at]`` ends once trailing blanks are dropped."""
    while at > lo and text[at - 1].isspace():
        at -= 1
    return at


def _few_words(text: str, start: int, end: int) -> bool:
    """Fewer than ``_MIN_CONTENT_WORDS`` words between start and end, punctuation aside."""
    head = text[start : min(end, start + _WINDOW)].strip(" .,")
    return len(head.split(maxsplit=_MIN_CONTENT_WORDS)) < _MIN_CONTENT_WORDS


_CLOSING_ADVERBS = frozenset("today yesterday tonight afterward afterwards later earlier again too also then".split())


def _nothing_said_after(text: str, start: int, end: int) -> bool:
    """Whether a cue ends its sentence, bar a word of when or how ("..., sources said
    yesterday."): "Obama, others vow consequences" has an object, so is no closing attribution."""
    words = text[start : min(end, start + _WINDOW)].strip(" .,").split(maxsplit=1)
    if not words:
        return True
    only = words[0].rstrip(".,")
    return len(words) == 1 and (only.endswith("ly") or only.lower() in _CLOSING_ADVERBS or only[:1].isupper())


def _quoted_regions(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [quotation.span() for quotation in sources.QUOTATION.finditer(text, lo, hi)]


def _unquoted(text: str, lo: int, hi: int) -> str:
    """``text[lo:hi]`` with its quotations blanked: whom a speaker names in a quotation is not
    the "he" of '“... Trump’s right-wing flank ...,” he said'."""
    chars = list(text[lo:hi])
    for start, end in _quoted_regions(text, lo, hi):
        chars[start - lo : end - lo] = " " * (end - start)
    return "".join(chars)


def _trim(text: str, span: Span) -> Span:
    """Drop surrounding blanks, commas and the closing full stop; keep quotation marks."""
    start, end = span.start, span.end
    while start < end and text[start] in " \t,;:\u2014\u2013-":
        start += 1
    while end > start and text[end - 1] in " \t,;:.\u2014\u2013-":
        end -= 1
    return Span(start, end)
