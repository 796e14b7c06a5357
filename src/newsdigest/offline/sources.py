"""Who a source is: its ``source_type``, and which person "he" or "she" stands for.

Both work from the words of the phrase as written, with the lexicons in ``data/``: a
trailing proper name makes a person ("Clinton spokesman Nick Merrill"), otherwise the
first type whose word the phrase contains decides ("A report released by the Western
media" is a document). Unnamed people ("a source familiar with ...", "officials") are
anonymous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from newsdigest.offline import lexicon
from newsdigest.schema import SourceType

PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "we", "you", "they"})
# A source a reader can use names someone in at most this many words; a longer one is a
# clause (the PolNeAR scorer counts such sources as junk).
MAX_NAMING_WORDS = 10
RESOLVABLE = frozenset({"he", "she"})
# Quantifiers that can stand as a cue's whole subject: "Some say ...", "Others argue ...".
UNNAMED_MANY = frozenset("some many others several few".split())
# Pronouns that can stand as a cue's whole subject, and those of them that are the writer's.
PRONOUN_SOURCES = frozenset({"he", "she", "it", "they", "i", "we", "you"})
WRITERS_PRONOUNS = frozenset({"i", "we", "you"})
_WORD = re.compile(r"[A-Za-z][\w'\u2019.&-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# How far back (in sentences) the last named person may be for "he"/"she" to mean them.
_RESOLVE_WINDOW = 4


@cache
def _types() -> dict[str, frozenset[str]]:
    return {t: frozenset(ws) for t, ws in lexicon.table("source_words").items()}


@cache
def _countries() -> frozenset[str]:
    return frozenset(" ".join(_bare(w) for w in _WORD.findall(line)) for line in lexicon.lines("countries"))


@cache
def _type_words() -> frozenset[str]:
    return frozenset(w for t, ws in _types().items() if t != "anonymous" for w in ws)


@cache
def openers() -> frozenset[str]:
    """One-word sentence openers ("However", "Meanwhile"): never part of a name or a source."""
    return frozenset(line.lower() for line in lexicon.lines("discourse") if " " not in line)


@cache
def _titles() -> frozenset[str]:
    return lexicon.words("titles")


@lru_cache(maxsize=8192)  # pure, and asked of the same few hundred words again and again
def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).rstrip(".").lower()


_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


def outside_quotes(sentence: str) -> str:
    """The sentence with each quotation replaced by a space: its writer's own words."""
    return QUOTATION.sub(" ", sentence)


# A quotation: from an opening mark to the next closing one (a stray closing mark opens
# nothing; an opening mark inside a quotation opens nothing new), or to the end if none closes it.
QUOTATION = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]?")


def without_aside(phrase: str) -> str:
    """The phrase less a closing parenthesis: "Rep. Stephen Lynch (D-Mass.)" -> "Rep. Stephen
    Lynch" (the party and state, or an organisation's short name, are no part of the name)."""
    return _TRAILING_ASIDE.sub("", phrase)


@lru_cache(maxsize=4096)  # pure, and asked of the same phrases again and again
def trailing_name(phrase: str) -> str | None:
    """The proper name a phrase ends with ("Deputy Chairman ... Dmitry Medvedev" -> "Dmitry Medvedev")."""
    words = _WORD.findall(without_aside(phrase))
    name: list[str] = []
    for word in reversed(words):
        bare = _bare(word)
        if not word[0].isupper() or bare in _type_words() or bare in _titles() or bare in _determiners() or (
            bare in lexicon.words("media_names")  # "National Review" names no one
        ) or name and _POSSESSIVE.search(word):  # "the Bureau of Meteorology's Claire Richards"
            break
        name.insert(0, _POSSESSIVE.sub("", word))
    if not name:
        return None
    titled = len(name) < len(words) and _bare(words[-len(name) - 1]) in _titles()
    return " ".join(name) if len(name) >= 2 or titled or len(words) == 1 else None


@cache
def _determiners() -> frozenset[str]:
    return lexicon.ARTICLES | lexicon.DEMONSTRATIVES | lexicon.POSSESSIVES


def name_words(phrase: str) -> set[str]:
    """The words that name someone in a source phrase ("Mayor Dana Ruiz's" -> {"dana", "ruiz"}):
    its capitalised words, bare, less titles, determiners and sentence openers. Empty when
    the phrase names nobody ("he", "city officials")."""
    bare = {_bare(word) for word in _WORD.findall(phrase) if word[0].isupper()}
    return bare - _titles() - _determiners() - openers()


@lru_cache(maxsize=4096)  # pure, and asked of the same phrases again and again
def classify(phrase: str) -> SourceType:
    words = [_bare(w) for w in _WORD.findall(phrase)]
    if not words:
        return "unattributed"
    if len(words) == 1 and words[0] in PERSONAL_PRONOUNS:
        return "person"
    if len(words) == 1 and words[0] in UNNAMED_MANY:
        return "anonymous"
    # A capital on the first word may only open the sentence: "Critics say", "The mayor said".
    common = _determiners() | _types()["anonymous"]
    capitalised = [w for i, w in enumerate(_WORD.findall(phrase)) if w[0].isupper() and not (i == 0 and _bare(w) in common)]
    joined = " " + " ".join(words) + " "
    if not capitalised and any(w in _types()["anonymous"] for w in words):
        return "anonymous"
    if " ".join(w for w in words if w != "the") in _countries():
        return "government"  # "North Korea said", "Russia insisted": the state speaking
    if _person_of_a_body(phrase):
        return "person"
    head = _head(phrase)
    if head and head[0].isupper() and _bare(head) in lexicon.words("media_names"):
        return "media"  # "National Review", "the Charlotte Observer", "Twitter"
    if head and head.islower() and _bare(head) in _types()["document"]:
        return "document"  # "an analysis by Lily Batchelder", "a statement from Mayor Ruiz": the document speaks
    named_body = _named_body(phrase)
    if head and not named_body and _bare(head) in _titles() - TITLE_MODIFIERS and not head.lower().endswith("s"):
        return "person"  # "the president", "the minister of the economy", "The FBI director"
    # "the Association of Flight Attendants", "The Committee for a Responsible Federal Budget": a
    # body's name, not a person's, though it ends in capitalised words
    body = _NAMED_BODY_HEAD.search(phrase)
    named_body = named_body or bool(body) and _bare(body.group(1)) in _type_words() - _titles()
    if trailing_name(phrase) and not named_body:  # "Mayor Ana Pereira", "Clinton spokesman Nick Merrill"
        return "person"
    for kind in ("document", "media", "government", "organization"):
        if any(f" {w} " in joined for w in _types()[kind]):
            return kind  # type: ignore[return-value]
    return "organization" if named_body else "person"


def _person_of_a_body(phrase: str) -> bool:
    """'Bill Shorten of the Australian Workers Union', "The Wilderness Society's Lyndon
    Schneiders": a person named in full, and the body they speak for, which names no one."""
    owners = list(_OWNER.finditer(phrase))
    if owners:
        person = phrase[owners[-1].end():]
    elif of := _OF_A_BODY.search(phrase):
        person = phrase[: of.start()]
    else:
        return False
    name = trailing_name(person)
    return (
        name is not None and len(name.split()) >= 2 and not _named_body(person)
        and _bare(name.split()[-1]) not in _type_words()
    )


# "The Wilderness Society's ", "Mr Hicks' ": an owner, and what follows is theirs.
_OWNER = re.compile(r"[A-Za-z]['\u2019]s?\s+(?=\S)")
# "... of the Australian Workers Union", "... from Greenpeace": the body someone is of.
_OF_A_BODY = re.compile(r"\s+(?:of|from|at)\s+(?:the\s+)?[A-Z]")


# Title words that qualify another ("former", "vice president"), never a phrase's head.
TITLE_MODIFIERS = frozenset("former vice deputy".split())
# What ends a phrase's head: "the minister | of the economy", "a spokesman | for the city".
_AFTER_HEAD = frozenset("of for at in on with from to by about who which that and or".split())


# A body named to the phrase's end: "the Association of Flight Attendants", "Commission on
# Presidential Debates (CPD)"; not "University of Michigan economist Justin Wolfers".
_NAMED_BODY_HEAD = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:of|for|on|to|at|in)\s+(?:the\s+|a\s+)?[A-Z][\w.'\u2019&-]*"
    r"(?:\s+(?:[A-Z][\w.'\u2019&-]*|and|of|for|the|on|to|in|&))*\s*(?:\([^)]*\))?$"
)


def _head(phrase: str) -> str | None:
    """The word a source phrase is about, as written: its last word before a preposition, a
    relative clause, a comma or a parenthesis ("the minister of the economy" -> "minister")."""
    words: list[str] = []
    for word in _WORD.findall(re.split(r"[,(]", phrase, maxsplit=1)[0]):
        if word.lower() in _AFTER_HEAD and words:
            break
        words.append(word)
    return _POSSESSIVE.sub("", words[-1]) if words and not _POSSESSIVE.search(words[-1]) else None


def _named_body(phrase: str) -> bool:
    """'the Red Cross', 'The International Monetary Fund', 'NATO': a name with "the" before it,
    or an acronym, is a body's, not a person's (people's names take no article)."""
    words = _WORD.findall(phrase)
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 3:
        return True
    return len(words) >= 2 and words[0].lower() == "the" and all(w[0].isupper() for w in words[1:]) and not any(
        _bare(w) in _titles() for w in words[1:]
    )


# The source of a claim the article attributes to nobody in particular ("it has come to
# light that ..."); the words that did so are its cue.
UNIDENTIFIED = "unidentified"
# The source of a quotation whose speaker the article does not name near it.
UNIDENTIFIED_SPEAKER = "unidentified speaker"


def unresolved(pronoun: str) -> str:
    """The source of a claim whose speaker is a pronoun that could not be resolved safely."""
    return f"{pronoun.lower()} (unresolved)"


@dataclass
class _Mention:
    name: str
    unit: int


@lru_cache(maxsize=4096)  # pure, and asked of the same phrases again and again
def is_specific(phrase: str) -> bool:
    """Whether a source is someone a reader could hold to it: a named person or body ("Mayor Ana
    Ruiz", "the Tax Foundation", "the mayor"), not a vague collective or an unnamed document
    ("Western countries", "officials", "a report", "a new poll", "sources")."""
    words = _WORD.findall(phrase)
    if not words:
        return False
    if len(words) == 1 and (_collective(words[0]) or words[0].lower() in _GROUPS):
        return False  # "Critics say", "Democrats argued": a capital that only opens the sentence
    name = trailing_name(phrase)
    if name and name.split()[0].lower() not in _INDEFINITE:  # "One Republican" names nobody
        return True
    if words[0].lower() in _INDEFINITE or _headline_style(words):
        return False
    # A capital may only open the sentence: "Officials said", "Critics say".
    return not any(_collective(w) for i, w in enumerate(words) if w.islower() or i == 0)


_INDEFINITE = frozenset(
    "a an one another some several many most few other others various unnamed anonymous anyone anybody everyone "
    "everybody someone somebody".split()
)
# Groups named by what they are, not who: a party's members, a side of a debate.
_GROUPS = frozenset("democrats republicans conservatives liberals progressives proponents opponents supporters authorities".split())


def _headline_style(words: list[str]) -> bool:
    """'Member of House panel says ...', 'Aide says ...': one of many with no determiner, as a
    headline writes "a member of ...": someone, not someone named."""
    return words[0].lower() in _ONE_OF_MANY


_ONE_OF_MANY = frozenset("member lawmaker official aide source insider adviser advisor expert analyst critic diplomat".split())


def _collective(word: str) -> bool:
    """'countries', 'officials', 'media', 'critics': many people, none of them named."""
    bare = word.lower()
    if bare in ("media", "people", "public", "press") or bare in _types()["anonymous"]:
        return True
    if bare.endswith("s") and (bare in _types()["government"] or bare in _types()["organization"]):
        return True  # "Lawmakers", "Prosecutors", "Groups": listed in the plural
    if not bare.endswith("s") or bare.endswith(("ss", "us", "is")):
        return False
    singular = bare[:-3] + "y" if bare.endswith("ies") else bare[:-1]
    return singular in _type_words() or singular in _titles() or word.islower() and len(singular) > 3


@dataclass
class People:
    """The people an article has named so far, to resolve "he" and "she" where that is safe.

    "It" and "they" stand for the body or group that spoke in, or opened, the sentence just
    before, where its number fits. A news story's "he said" stands for the speaker of the claim
    just before it (or a few sentences back, where each sentence since goes on about them with
    the same pronoun in its own words and names no one else), or else for the person the
    sentence before it opened with ("Trump is raising questions about the debate with Clinton.
    He notes ..."), or else for the one person of the right sex that the last sentence naming
    anyone named, where that sentence is the one before or the person has spoken or opened a
    sentence (not someone only mentioned). A candidate
    must be at most ``_RESOLVE_WINDOW`` sentences back, known to be a person (titled, a speaker,
    or of known sex) rather than a place, and not known to be of the other sex (by a title such
    as "Mrs.", a common given name, or an earlier "he"/"she" resolved to them). Anything else
    stays unresolved: a wrong name is worse than none.
    """

    known: dict[str, str] = field(default_factory=dict)  # surname -> full name
    pronoun_of: dict[str, str] = field(default_factory=dict)  # full name -> "he" / "she"
    speaker: _Mention | None = None
    subject: _Mention | None = None  # the person the last sentence opened with
    named: list[_Mention] = field(default_factory=list)  # the last sentence that named anyone
    # Names known to be people's (titled, of known sex, or speakers), not places ("New York").
    persons: set[str] = field(default_factory=set)
    body: _Mention | None = None  # the last body or group that spoke or opened a sentence
    actors: set[str] = field(default_factory=set)  # people who have spoken or opened a sentence
    # Each sentence as observed: which of "he" and "she" its own words use is asked only of the
    # few sentences between a speaker and a later "he said" (``_still_about``).
    sentences: dict[int, str] = field(default_factory=dict)

    def observe(self, text: str, unit: int) -> None:
        """Remember the people a sentence (or quotation unit) names."""
        names = names_in(text, self.known)
        self.sentences[unit] = text
        for name in names:
            parts = name.split()
            if len(parts) >= 2:
                self.known.setdefault(parts[-1], name)
            full = self._full(name)
            self._learn_sex(full, parts[-1], text)
            if full not in self.persons and _titled(text, name):
                self.persons.add(full)
        full = [self._full(n) for n in names if not _only_possessive(text, n)]
        if full:
            self.named = [_Mention(n, unit) for n in dict.fromkeys(full)]
        lead_in = _OPENING_PHRASE.match(text)  # what may come before the subject: "On Monday night, "
        opening = _opening_name(text, lead_in, names)
        self.subject = _Mention(self._full(opening), unit) if opening else self._opening_person(text, lead_in, unit)
        if self.subject:
            self.actors.add(self.subject.name)

    def _opening_person(self, text: str, lead_in: re.Match[str], unit: int) -> _Mention | None:
        """'These days, he has changed his tune.': a sentence that opens with "he" or "she" for
        someone resolved safely keeps them as the subject, for a "he said" in the next sentence."""
        pronoun = _OPENING_PRONOUN.match(text, lead_in.end())
        name = self.resolve(pronoun.group(1), unit) if pronoun else None
        return _Mention(name, unit) if name else None

    def spoke(self, name: str, unit: int, pronoun: str | None = None) -> None:
        """A claim was attributed to the person ``name`` (resolved from ``pronoun``, if given)."""
        self.speaker = _Mention(self._full(name), unit)
        self.actors.add(self.speaker.name)
        self.persons.add(self.speaker.name)
        # A speaker named by surname alone ("Clinton said") is a name when next mentioned.
        self.known.setdefault(self.speaker.name.split()[-1], self.speaker.name)
        if pronoun and pronoun.lower() in RESOLVABLE:
            self.pronoun_of.setdefault(self.speaker.name, pronoun.lower())

    def mention_body(self, phrase: str, unit: int) -> None:
        """A body or group ("The city", "Twenty-seven states") spoke or opened a sentence: "it"
        or "they" in the next sentence stands for it."""
        self.body = _Mention(phrase, unit)

    def resolve(self, pronoun: str, unit: int) -> str | None:
        pronoun = pronoun.lower()
        if pronoun in ("it", "they"):
            return self._resolve_body(pronoun, unit)
        if pronoun not in RESOLVABLE:
            return None
        speaker = self.speaker
        if speaker and self._fits(speaker.name, pronoun) and (
            unit - speaker.unit <= 1 or unit - speaker.unit <= _RESOLVE_WINDOW and self._still_about(speaker.unit, unit, pronoun)
        ):
            return speaker.name
        subject = self.subject
        if subject and unit - subject.unit <= 1 and self._fits(subject.name, pronoun) and self._may_be_person(subject.name):
            return subject.name
        # Further back than the sentence before, only someone who spoke or opened a sentence: the
        # reporter "we sent to Ohio" is not the "she" of a woman met in the next paragraph.
        recent = [
            m for m in self.named
            if self._fits(m.name, pronoun) and (unit - m.unit <= 1 or unit - m.unit <= _RESOLVE_WINDOW and m.name in self.actors)
        ]
        return recent[0].name if len(recent) == 1 and self._is_person(recent[0].name) else None

    def _still_about(self, since: int, unit: int, pronoun: str) -> bool:
        """'"Don't shoot him," she says. She then urges her husband ... At this point, ... she becomes
        upset. "He better live," she said.': every sentence since the speaker's goes on about them
        in its own words with the same pronoun, and names no one else."""
        between = range(since + 1, unit)
        return all(m.unit <= since for m in self.named) and all(
            pronoun in _pronouns_used(self.sentences.get(u, "")) for u in between
        )

    def resolve_in(self, pronoun: str, before: str, unit: int) -> str | None:
        """The person a pronoun in unit ``unit`` stands for: one its sentence named before it
        (``before``), or one of the units before, unless the sentence names someone else first:
        "Matt Lauer faced criticism after he asked ..." is not the last speaker's."""
        within = self.resolve_within(pronoun, before)
        if within is not None:
            return within
        earlier = self.resolve(pronoun, unit)
        named = {self._full(n) for n in self._named_before(before)}
        return earlier if not named or earlier in named else None

    def _named_before(self, before: str) -> list[str]:
        return [n for n in names_in(before, self.known) if not _only_possessive(before, n)]  # not "Clinton's leg"

    def resolve_within(self, pronoun: str, before: str) -> str | None:
        """'Sen. Ana Ruiz scolded him: “...,” she said.': the one person the same sentence named
        before the pronoun, where that person is known to take it (by a title such as "Mrs.",
        a common given name, or an earlier resolution)."""
        if pronoun.lower() not in RESOLVABLE or not before.strip():
            return None
        names = self._named_before(before)
        full = list(dict.fromkeys(self._full(n) for n in names))
        if len(full) != 1:
            return None
        for name in names:
            self._learn_sex(self._full(name), name.split()[-1], before)
        return full[0] if self.pronoun_of.get(full[0]) == pronoun.lower() else None

    def _resolve_body(self, pronoun: str, unit: int) -> str | None:
        """'The city sent a letter. It says ...', 'Officials met on Monday. They said ...'."""
        body = self.body
        if body is None or unit - body.unit > 1:
            return None
        plural = _collective(body.name.split()[-1])
        return body.name if plural == (pronoun == "they") else None

    def _is_person(self, name: str) -> bool:
        return name in self.persons or name in self.pronoun_of

    def _may_be_person(self, name: str) -> bool:
        """A sentence's subject named in full ("Tina Houchins had a question") that is no body."""
        return self._is_person(name) or len(name.split()) >= 2 and classify(name) == "person"

    def full_name(self, name: str) -> str:
        """The full name of someone named so far by surname ("Pence" -> "Mike Pence"), or the name."""
        return self._full(name)

    def _full(self, name: str) -> str:
        """The full name a surname was first named with; a full name of its own with another given
        name ("Rakeyia Scott" after "Keith Lamont Scott") is someone else, kept as it is."""
        parts = name.split()
        known = self.known.get(parts[-1])
        if known is None:
            return name
        words = known.split()
        # "Hillary Clinton" for "Hillary Rodham Clinton", "Suu Kyi" for "Aung San Suu Kyi".
        same = len(parts) == 1 or parts[0] == words[0] or words[-len(parts) :] == parts
        return known if same else name

    def _fits(self, name: str, pronoun: str) -> bool:
        return self.pronoun_of.get(name, pronoun) == pronoun

    def _learn_sex(self, full: str, surname: str, text: str) -> None:
        """Learn that ``full`` (named by ``surname`` in ``text``) is a "he" or a "she", where a title
        ("Mrs. Ruiz") or a common given name says so."""
        if full in self.pronoun_of:
            return
        title = _word_before(text, surname).rstrip(".")
        first = full.split()[0].lower()
        if title in ("Mr", "Mrs", "Ms", "Miss"):
            self.pronoun_of[full] = "he" if title == "Mr" else "she"
        elif first in _given_names():
            self.pronoun_of[full] = _given_names()[first]


@cache
def _given_names() -> dict[str, str]:
    return {name: pronoun for pronoun, names in lexicon.table("given_names").items() for name in names}


def _opening_name(text: str, lead_in: re.Match[str], names: list[str]) -> str | None:
    """The first of ``names`` that the sentence opens with, after a time stamp ("11:05 a.m."),
    a phrase of time or place ("On Monday night, ...") or titles ("Sen. Jane Doe said").
    ``lead_in``: what ``_OPENING_PHRASE`` matched at the sentence's start."""
    rest = text[lead_in.end() :]
    for name in names:
        at = rest.find(name)
        if at < 0:
            continue
        # The subject runs straight into its verb: "Clinton laid out ...", not "Florida Friday, ..."
        # nor "Ruiz and Berg agreed".
        verb_next = bool(_VERB_NEXT.match(rest, at + len(name)))
        # An opening phrase may run on past a comma, names and all: "In a speech in Dayton, Ohio
        # Friday, Ruiz laid ...".
        opened = lead_in.group(1) is not None
        if opened and not verb_next and rest[at + len(name) :].startswith(","):
            continue
        run_on, _, lead = rest[:at].rpartition(",") if opened else ("", "", rest[:at])
        titled = all(_bare(w) in _lead_words() for w in lead.split())
        return name if verb_next and titled and len(run_on.split()) <= 3 else None
    return None


_VERB_NEXT = re.compile(r"\s+(?!and\b|or\b)[a-z]")

# What may come before a sentence's subject: a time stamp, and a phrase of time or place
# closed by a comma.
_OPENING_PHRASE = re.compile(
    r"\s*(?:\d{1,2}(?::\d\d)?\s*[ap]\.m\.\s+)?"
    r"((?:On|In|At|During|After|Before|Last|Earlier|Later|Since|From|For|With)\b[^,.;:\"\u201c]{0,60},\s+)?"
    r"(?:(?:However|Meanwhile|Still|But|And|Yet|Then|Now|Also),?\s+)?"
)


def _pronouns_used(sentence: str) -> set[str]:
    """Which of "he" and "she" a sentence's own words (outside quotation marks) use."""
    return {_PRONOUN_FORMS[w] for w in _PRONOUN_WORD.findall(outside_quotes(sentence).lower())}


# The forms of "he" and "she".
_PRONOUN_FORMS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
_PRONOUN_WORD = re.compile(r"\b(?:he|him|his|she|her|hers)\b")
# "he" or "she" opening a sentence, perhaps after a short phrase of time ("These days, he ...").
_OPENING_PRONOUN = re.compile(r"(?:[A-Z][\w'\u2019-]*(?:\s+[\w'\u2019-]+){0,2},\s+)?([Hh]e|[Ss]he)(?=\s|['\u2019])")


@cache
def _lead_words() -> frozenset[str]:
    """Words that may come before a sentence's subject: "Sen.", "The", "However"."""
    return _titles() | _determiners() | openers()


def _titled(text: str, name: str) -> bool:
    """'Sen. Jane Doe', 'spokesman Nick Merrill', 'Mr. Doe': a word for a person before the name."""
    return _bare(_word_before(text, name)) in _titles()


def _word_before(text: str, name: str) -> str:
    """The word just before the first mention of ``name`` ("" where there is none)."""
    at = text.find(name)
    words = text[max(0, at - 30) : at].split() if at > 0 else []
    return words[-1] if words else ""


def _only_possessive(text: str, name: str) -> bool:
    """'Jared Diamond's best seller': a name named only as an owner is rarely what "he" means."""
    at = text.find(name)
    while at >= 0:
        after = text[at + len(name) : at + len(name) + 1]
        if not (after.isalnum() or after in "'\u2019"):
            return False
        at = text.find(name, at + 1)
    return True


# Opening on its capital letter, so that the search skips every other place at one test.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'\u2019.&-]*(?:\s+[A-Z][\w'\u2019.&-]*)*")


_OPENING_PREPOSITIONS = frozenset("on in at during after before since for from with by to".split())
# "When Ana Ruiz took office, ...": a clause's first word is capitalised, not part of the name.
_CLAUSE_OPENERS = frozenset("when while if because although though as once until unless whether where".split())


_WEEKDAYS = frozenset(day.lower() for day in lexicon.WEEKDAY_NAMES)


@cache
def _not_name_openers() -> frozenset[str]:
    return _determiners() | openers() | _OPENING_PREPOSITIONS | _CLAUSE_OPENERS


def names_in(text: str, known: dict[str, str] | None = None) -> list[str]:
    """Person names in a sentence: two or more capitalised words, a titled name, or a known surname."""
    known = known or {}
    found = []
    for run in _CAPITALISED_RUN.findall(text):
        name, only_if_known = _run_name(run)
        if name is not None and (not only_if_known or name in known):
            found.append(name)
    return found


@lru_cache(maxsize=4096)  # pure, and asked of the same few hundred runs again and again
def _run_name(run: str) -> tuple[str | None, bool]:
    """The name a run of capitalised words holds (None where it holds none), and whether it is
    a name only where ``names_in`` knows it as a surname: one word, untitled ("Okafor said")."""
    words = run.split()
    # A sentence-initial capital says nothing: drop a leading determiner, opener or
    # preposition ("On Monday night, ...").
    while words and _bare(words[0]) in _not_name_openers():
        words = words[1:]
    if not words or _bare(words[-1]) in _WEEKDAYS:  # "Even Friday, he claimed ..."
        return None, False
    name = trailing_name(" ".join(words))
    if name is None:
        return (_POSSESSIVE.sub("", words[-1]), True) if len(words) == 1 else (None, False)
    return name, not (len(name.split()) >= 2 or _bare(words[0]) in _titles())
