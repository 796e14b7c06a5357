"""Finding the source phrase of a cue: the noun phrase that says it.

Walking back from a cue verb over its auxiliaries ("had recently claimed") to the start of
its noun phrase, across a party tag ("Rep. Jane Doe (D-Ore.)") and past a comma-enclosed
aside ("Maria Lopez, a nurse at the clinic, said"); or the sentence's own subject for
"... and said" and "..., saying". ``is_source`` decides whether a phrase can say anything
at all ("the mayor", "Ruiz", "officials"; not "the new", "this" or "Trump's").
"""

from __future__ import annotations

import re
from functools import cache

from newsdigest.offline import lexicon, sources
from newsdigest.text.segment import Span

Token = tuple[int, int, str]  # start, end, text

BOUNDARY_PUNCT = frozenset(",;:()\"\u201c\u201d\u2014\u2013")
# Words that end a source phrase when walking back from the cue: they open a clause.
_CLAUSE_OPENERS = frozenset(
    """that which who whom whose because when while if as after before but so since although
    though where whether than unless until whereas or nor what how why""".split()
)
PREPOSITIONS = frozenset("in on at for with by from of to about after before during into over under".split())
# Words between a subject and its cue: "had recently claimed", "has also said".
AUXILIARIES = frozenset(
    """has have had is was were are be been being will would shall should can could may might must
    did does do also not never recently previously later earlier once again then now just already
    first repeatedly publicly privately still even further long often always ever too almost""".split()
)
_RELATIVES = frozenset("who which whose whom that".split())
# The subject of a relative clause that is not the phrase before it: "a panel that all agreed".
_RELATIVE_SUBJECTS = frozenset("all most many some none both each few".split())
_NOT_SOURCES = frozenset("this that these those which what there here who whom".split())
_OBJECT_PRONOUNS = frozenset("him her them us me".split())  # as written: "US officials" is a source
DETERMINERS = lexicon.ARTICLES | lexicon.POSSESSIVES | lexicon.QUANTIFIERS
MAX_SOURCE_WORDS = 14
MAX_READABLE_WORDS = 10  # longer, a source is cut to its core or given up
_WORDISH = re.compile(r"[\w$%]")


def phrase_before(tokens: list[Token]) -> Span | None:
    """The noun phrase that ends right before the cue (and its auxiliaries)."""
    if tokens and tokens[-1][2] == ",":
        return _appositive_head(tokens[:-1])
    if tokens and tokens[-1][2] in _DASHES:
        return _dashed_aside_head(tokens)
    words: list[Token] = []
    aside: set[int] = set()  # parenthesised tokens: "(D-Wis.)" belongs to the name, not to checks
    i = len(tokens) - 1
    while i >= 0:
        tok = tokens[i][2]
        if tok == ")":
            opening = _matching_open(tokens, i)
            if opening is None:
                break
            words[:0] = tokens[opening : i + 1]
            aside.update(t[0] for t in tokens[opening : i + 1])
            i = opening - 1
            continue
        lowered = tok.lower()
        if lowered in _RELATIVES and len(words) == 1 and words[0][2].lower() in _RELATIVE_SUBJECTS:
            return None  # "a panel that all agreed ...": the cue is the relative clause's own subject's
        if lowered in _RELATIVES and words and (lowered == "who" or not is_source([w for _, _, w in words])):
            # "A city official who asked not to be named said", "One of the nurses who sent the
            # letter said": after "who" comes its verb, so the source is the whole phrase.
            head = phrase_before(tokens[:i])
            return Span(head.start, words[-1][1]) if head is not None else None
        if tok in BOUNDARY_PUNCT or lowered in _CLAUSE_OPENERS or (lowered == "and" and not words):
            break
        words.insert(0, tokens[i])
        i -= 1
    while len(words) > 1 and words[0][2].lower() in sources.openers():
        words = words[1:]
    if words and words[0][2].lower() in PREPOSITIONS:
        # "In a 2016 meeting with the board Trump said": the subject is the name at the end.
        run: list[Token] = []
        for word in reversed(words):
            if not (word[2][0].isupper() or word[0] in aside):
                break
            run.insert(0, word)
        # "because of Pagliano's Fifth Amendment claims": a name owning a thing is no subject.
        words = [] if any(_POSSESSIVE_END.search(word[2]) for word in run[:-1]) else run
    unnamed_many = len(words) == 1 and words[0][2].lower() in sources.UNNAMED_MANY  # "Some say ...", "Others argue ..."
    if not words or not (unnamed_many or is_source([w for start, _, w in words if start not in aside])):
        return None
    return Span(words[0][0], words[-1][1])


_DASHES = frozenset("\u2014\u2013-")  # "--" is two tokens of "-"


def _dashed_aside_head(tokens: list[Token]) -> Span | None:
    """'Kall -- co-editor of a book on the debates -- said': the subject is before the aside the
    dashes set off."""
    closing = _dash_run_start(tokens, len(tokens))
    j = closing - 1
    while j >= 0 and tokens[j][2] not in _DASHES:
        j -= 1
    if j <= 0:
        return None
    before = tokens[: _dash_run_start(tokens, j + 1)]
    head = phrase_before(before)
    # "John Dickey, the chief executive of Ora Media -- the company that ... -- told me": the name.
    return (_named_before(before, head) or head) if head is not None else None


def _dash_run_start(tokens: list[Token], end: int) -> int:
    """Where the run of dash tokens that ends at ``end`` starts."""
    while end > 0 and tokens[end - 1][2] in _DASHES:
        end -= 1
    return end


def _appositive_head(tokens: list[Token]) -> Span | None:
    """'Minyon Moore, a senior adviser to the campaign, called' and 'Trump, who spoke in Ohio, said':
    the subject is before the comma-enclosed segment (or is the segment, when it is a name)."""
    j = len(tokens) - 1
    while j >= 0 and tokens[j][2] != ",":
        j -= 1
    if j < 0:
        return None  # "His group, called ...": no comma-enclosed segment, so no subject here
    head = phrase_before(tokens[:j])
    if head is not None:
        opens = _segment_start(tokens, j - 1)
        if tokens[opens][0] != head.start and tokens[opens][2].lower() in ("of", "from"):
            # "Dana Ruiz, of Ashton, Md., said": the home town is an aside, not the speaker.
            return _named_before(tokens[:j], Span(tokens[opens][0], tokens[j - 1][1]))
        named = _named_before(tokens[:j], head)
        if named is None and _names_a_person(tokens[j + 1 :]) and not _names_a_person(_within(tokens, head)):
            # "one of the family's attorneys, Justin Bamberg, said": the role with the name it gives
            return Span(head.start, tokens[-1][1])
        return named or head
    segment = [w for _, _, w in tokens[j + 1 :]]
    if segment and segment[0][0].isupper() and is_source(segment):
        return Span(tokens[j + 1][0], tokens[-1][1])
    return _appositive_head(tokens[:j])  # "Schiff, 56, who has served ..., told"


def _names_a_person(tokens: list[Token]) -> bool:
    """Whether the tokens are a person's name, every word capitalised ("Justin Bamberg")."""
    words = [w for _, _, w in tokens]
    return bool(words) and all(w[0].isupper() for w in words) and sources.trailing_name(" ".join(words)) is not None


def _within(tokens: list[Token], span: Span) -> list[Token]:
    return [t for t in tokens if span.start <= t[0] < span.end]


def _named_before(tokens: list[Token], head: Span) -> Span | None:
    """'Michael Mulgrew, president of the teachers' union, which ...': where the phrase found is
    itself an apposition to a name before it, the name is the speaker."""
    k = next((i for i, t in enumerate(tokens) if t[0] == head.start), 0) - 1
    if k < 1 or tokens[k][2] != ",":
        return None
    name = phrase_before(tokens[:k])
    segment = _segment_start(tokens, k - 1)  # the comma-enclosed segment before the head
    between = tokens[segment][2].lower()
    if segment > 0 and (between in ("of", "from") or between.isdigit() and segment == k - 1):
        # "Dana Ruiz, 59, of Ashton, Md., who ...": her age and home town are asides too.
        return _named_before(tokens, Span(tokens[segment][0], tokens[k - 1][1]))
    if name is not None and _ends_phrase(tokens, name):
        return None  # "In a talk in Washington, Ana Ruiz, the chief executive, said": a place, not a name before hers
    return name if name is not None and _names_a_person(_within(tokens, name)) else None


def _segment_start(tokens: list[Token], last: int) -> int:
    """The first token after the comma before ``tokens[last]`` (0 where there is none)."""
    while last > 0 and tokens[last - 1][2] != ",":
        last -= 1
    return last


def _ends_phrase(tokens: list[Token], name: Span) -> bool:
    """Whether ``name`` closes a longer phrase ("in Washington", "this weekend in Ohio") rather
    than standing on its own after a comma or at the start."""
    k = next((i for i, t in enumerate(tokens) if t[0] == name.start), 0)
    return k > 0 and tokens[k - 1][2] not in BOUNDARY_PUNCT and tokens[k - 1][2].lower() not in sources.openers()


def sentence_subject(tokens: list[Token]) -> Span | None:
    """The name or pronoun a sentence opens with, after openers and an opening phrase."""
    i = 0
    # "Chastened by ..., Trump ...", "Stung by the vote, Ruiz ...": an opening participle's phrase.
    opening_participle = bool(tokens) and (
        tokens[0][2].lower().endswith(("ed", "ing")) or len(tokens) > 1 and tokens[1][2] == "by"
    )
    if tokens and (tokens[0][2].lower() in PREPOSITIONS or opening_participle):  # "On Thursday, however, Trump ..."
        while i < len(tokens) and tokens[i][2] != ",":
            i += 1
    while i < len(tokens) and (tokens[i][2] == "," or tokens[i][2].lower() in sources.openers()):
        i += 1
    if i < len(tokens) and tokens[i][2].lower() in _CLAUSE_OPENERS:
        return None  # "When terrorists are revealed ..., Obama and Clinton call them ...": not safe
    if i < len(tokens) and tokens[i][2].lower() in sources.PERSONAL_PRONOUNS:
        return Span(tokens[i][0], tokens[i][1])
    j = i
    while j < len(tokens) and tokens[j][2][0].isupper() and tokens[j][2] not in BOUNDARY_PUNCT:
        j += 1
        # "Democratic presidential nominee Hillary Clinton": a title in lower case within the name.
        k = j
        while k < len(tokens) and k - j < 3 and tokens[k][2].isalpha() and tokens[k][2].islower():
            k += 1
        lowered = tokens[k - 1][2]
        if j < k < len(tokens) and (speaker_noun(lowered) or k == j + 1 and lowered == "of") and tokens[k][2][0].isupper():
            j = k  # ... and "Secretary of State Colin Powell"
    while j < len(tokens) and j > i and tokens[j][2].islower() and speaker_noun(tokens[j][2]):
        j += 1  # "The Democratic senator"
    if j == i:
        j = _common_subject_end(tokens, i)  # "several environmental groups granted ..."
    elif j + 1 < len(tokens) and tokens[j][2] == "and":  # "Mr. Obama and Hillary Clinton"
        k = j + 1 + (tokens[j + 1][2].lower() in DETERMINERS)
        end = k
        while end < len(tokens) and tokens[end][2] not in BOUNDARY_PUNCT and (
            tokens[end][2][0].isupper() or tokens[end][2].islower() and speaker_noun(tokens[end][2])
        ):
            end += 1
        j = end if end > k else j
    if j == i or not is_source([t[2] for t in tokens[i:j]]):
        return None
    return Span(tokens[i][0], tokens[j - 1][1])


def _common_subject_end(tokens: list[Token], i: int) -> int:
    """Where a subject of common nouns ends: at its last word for a speaker, followed by a verb
    in lower case ("several environmental groups | granted"); ``i`` where there is none."""
    for j in range(i + 1, min(i + 5, len(tokens) - 1) + 1):
        word, following = tokens[j - 1][2], tokens[j][2] if j < len(tokens) else ""
        if not word.isalpha() or word.lower() in AUXILIARIES:
            return i
        if speaker_noun(word) and following.islower() and not speaker_noun(following):
            return j
    return i


def _matching_open(tokens: list[Token], close: int) -> int | None:
    for k in range(close - 1, max(close - 12, -1), -1):
        if tokens[k][2] == "(":
            return k
    return None


def names_someone(words: list[str]) -> bool:
    """A name, a phrase ending in a word for a speaker ("a spokesman for the city"), or a short
    phrase without a verb ("the city engineer", not "the wait had doubled")."""
    last = words[-1].rstrip(".").lower()
    if words[-1][0].isupper() or last in _known_source_words():
        return True
    return len(words) <= 4 and not any(w.lower() in AUXILIARIES for w in words)


@cache
def _bare_titles() -> frozenset[str]:
    """Titles that are nouns in their own right ("secretary", "mayor"), not abbreviations or
    modifiers ("Sen.", "former")."""
    nouns = frozenset(w for w in lexicon.words("titles") if "." not in w and len(w) > 3)
    # Besides the modifiers, words that are also an adjective or a common noun ("general", "justice").
    return nouns - sources.TITLE_MODIFIERS - {"chief", "acting", "general", "justice"}


@cache
def _known_source_words() -> frozenset[str]:
    return lexicon.words("titles") | {w for ws in lexicon.table("source_words").values() for w in ws}


def is_source(words: list[str]) -> bool:
    if not words or len(words) > MAX_SOURCE_WORDS:
        return False
    first, last = words[0].lower(), words[-1]
    if first == "those" and len(words) >= 3 and words[1].lower() in _THOSE_WHO:
        return True  # "Those close to him", "those familiar with the talks": anonymous, but someone
    if first in PREPOSITIONS or first in _NOT_SOURCES or last.lower() in _NOT_LAST or last in AUXILIARIES:
        return False  # (an auxiliary as written: "Theresa May" is a name, "Clinton never" no phrase)
    if words[0] in _OBJECT_PRONOUNS:
        return False
    if first in _bare_titles() and not first.endswith("s") and not any(w[0].isupper() for w in words):
        return False  # "as secretary of state": a role without "the" or a name is no one who speaks
    if _POSSESSIVE_END.search(last) or not _WORDISH.match(last) or last.replace(",", "").isdigit():
        return False  # "Trump's plans": the cue word is a noun
    if first in _SUBJECT_PRONOUNS:
        return len(words) == 1  # "they speak to American business leaders": a clause, its subject a pronoun
    if len(words) == 1 and (first in AUXILIARIES or first in sources.openers() or first.endswith("ing")):
        return False  # "Now tell us ...", "Having said that, ...": an adverb or a participle, no one
    if last.lower() in _PRONOUNS:
        return False
    if not _FINITE.isdisjoint(words) or _verb_with_object(words):
        return False  # "the nominee has been endorsed by ...": a clause, not a noun phrase
    if len(words) > 1 and words[0].islower() and words[0].endswith(("ed", "ing")):
        # "appeared in the British Medical Journal", "calling for ...": a verb's phrase, unless
        # the word qualifies a speaker ("elected officials", "restructuring experts").
        core = _core(words)[1:]
        return any(w[0].isupper() or speaker_noun(w) for w in core)
    core = _core(words)
    if core and (core[-1].lower() in _FIGURES or core[-1].replace(",", "").replace(".", "").isdigit()):
        return False  # "Another 19 percent said": a figure, not a speaker
    if last[0].isupper() or any(w[0].isupper() for w in words[1:]):
        return True
    # The head speaks, not any word: "mailers and phone [calls]" names no one. A participle or
    # "familiar" after it qualifies it: "A report released by ...", "A source familiar with ...".
    while len(core) > 1 and core[-1].islower() and (core[-1].endswith(("ed", "ing")) or core[-1] in _THOSE_WHO):
        core = core[:-1]
    return bool(core) and speaker_noun(core[-1])


# Words a source phrase cannot end with ("the mayor of", "officials who"), and pronouns.
_NOT_LAST = DETERMINERS | PREPOSITIONS | _NOT_SOURCES
_SUBJECT_PRONOUNS = sources.PERSONAL_PRONOUNS | {"it"}
_PRONOUNS = _SUBJECT_PRONOUNS | {"him", "them", "us", "me"}
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")
# Finite verbs and modals (as written: "May" is a name): a phrase holding one is a clause.
_NEGATED = """don't doesn't didn't won't can't isn't wasn't aren't haven't hasn't hadn't weren't couldn't
    wouldn't shouldn't mustn't""".split()
_FINITE = frozenset(
    """has have had is was were are will would shall should can could may might must did does do""".split()
) | frozenset(_NEGATED) | frozenset(word.replace("'", "\u2019") for word in _NEGATED) | frozenset(
    # Past tenses that are never participles: "The move against Pagliano took place despite".
    "took went came gave began ran saw wrote became knew grew drew threw flew fell rose spoke broke chose drove".split()
    # and the verbs of saying themselves: "The staff said doctors had planned ...", "Public
    # radio said Mr Peres had called ...": the cue's subject is inside a report of someone else's.
    + "said says told tells".split()
)
_OBJECT_OPENERS = frozenset("a an the his her their its this that these those".split())


def _verb_with_object(words: list[str]) -> bool:
    """'The campaign released an ad this week', 'Trump unleashed a series of tweets': a past
    tense with its object is a clause ("A report released by the auditor" is not), as is a name
    followed by one ("lawyers for Ivana Trump filed legal papers")."""
    return any(
        w.islower() and (w.endswith("ed") or w in _PAST_WITH_OBJECT or w.endswith("s") and w in _finite_cues())
        and (nxt.lower() in _OBJECT_OPENERS or w.endswith("ed") and prev[:1].isupper() and nxt.lower() not in PREPOSITIONS)
        for prev, w, nxt in zip([""] + words, words, words[1:])
    )


# Irregular past tenses that, before "a" or "the", are a clause's verb: "They sent a letter".
_PAST_WITH_OBJECT = frozenset("sent made held kept left brought bought built paid put set won lost spent met gave took".split())


@cache
def _finite_cues() -> frozenset[str]:
    """Cue forms in -s ("suggests", "shows"): 'the story suggests the government' is a clause."""
    return frozenset(f for f in lexicon.forms("cue_verbs") if f.endswith("s") and " " not in f)


_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ee", "ive", "ess", "ic")


_FIGURES = frozenset("percent % percentage points point".split())
_THOSE_WHO = frozenset("close familiar who in at with involved briefed".split())
_QUANTITIES = frozenset(
    """one two three four five six seven eight nine ten half most many some all none few several majority
    minority number share percent nearly about almost only just more less than of""".split()
)


def _core(words: list[str]) -> list[str]:
    """A phrase before its first preposition or relative clause: "A source familiar with the
    talks" -> "A source familiar", "officials from both parties" -> "officials"; after "of"
    where the phrase only counts ("Nearly eight of 10 voters" -> "10 voters")."""
    lowered = [w.lower() for w in words]
    if "of" in lowered and all(w in _QUANTITIES or w.isdigit() for w in lowered[: lowered.index("of")]):
        words = words[lowered.index("of") + 1 :]
    core: list[str] = []
    for word in words:
        if word.lower() in PREPOSITIONS or word.lower() in _RELATIVES:
            break
        core.append(word.rstrip(","))
        if word.endswith(","):
            break
    return core


def speaker_noun(word: str) -> bool:
    """A word for someone who can say something: known (officials, spokesman, report, campaign)
    or shaped like a word for a person or group ("regulators", "economist", "historians")."""
    bare = word.lower().rstrip(".")
    singular = bare[:-1] if bare.endswith("s") and not bare.endswith("ss") else bare
    if bare.endswith("ses") and bare[:-2] + "is" in _known_source_words():
        return True  # "analyses", "syntheses"
    if bare in _known_source_words() or singular in _known_source_words():
        return True
    # "-ment" is a thing's ending ("arguments", "environment"), though "-ent" is a person's ("president").
    return len(singular) > 4 and singular.endswith(_PERSON_ENDINGS) and not singular.endswith("ment")


_OPENING_BODY = re.compile(r"(?:The|the)\s+((?:[\w'\u2019-]+\s+){0,3}?[a-z][\w-]*)\s+[a-z]")


def opening_body(sentence: str) -> str | None:
    """The body or group a sentence opens with ("The city sent a letter." -> "The city"), for
    "it" or "they" in the next sentence; None where it opens otherwise."""
    match = _OPENING_BODY.match(sentence.lstrip())
    if not match:
        return None
    words = match.group(0).split()[:-1]
    if not speaker_noun(words[-1]) or any(w.lower() in PREPOSITIONS | _RELATIVES for w in words[1:]):
        return None
    return " ".join(words)


def shortened(words: list[str]) -> list[str] | None:
    """A source of more than ``MAX_READABLE_WORDS`` cut to its core ("The Tax Policy Center at the
    Urban Institute and ..." -> "The Tax Policy Center", "John Dickey, the chief executive of
    ..." -> "John Dickey"), or None where the core names no one."""
    if len(words) <= MAX_READABLE_WORDS:
        return words
    core = _core(words)
    while len(core) > 1 and core[-1].islower() and core[-1].endswith("ed"):
        core = core[:-1]  # "a 46-page suicide analysis released"
    return core if 0 < len(core) <= MAX_READABLE_WORDS and is_source(core) else None
