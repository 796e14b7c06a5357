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
    though where whether than unless until whereas or nor""".split()
)
PREPOSITIONS = frozenset("in on at for with by from of to about after before during into over under".split())
# Words between a subject and its cue: "had recently claimed", "has also said".
AUXILIARIES = frozenset(
    """has have had is was were are be been being will would shall should can could may might must
    did does do also not never recently previously later earlier once again then now just already
    first repeatedly publicly privately still even further""".split()
)
_RELATIVES = frozenset("who which whose whom that".split())
_NOT_SOURCES = frozenset("this that these those which what there here who whom".split())
DETERMINERS = lexicon.ARTICLES | lexicon.POSSESSIVES | lexicon.QUANTIFIERS
MAX_SOURCE_WORDS = 14
_WORDISH = re.compile(r"[\w$%]")


def phrase_before(tokens: list[Token]) -> Span | None:
    """The noun phrase that ends right before the cue (and its auxiliaries)."""
    if tokens and tokens[-1][2] == ",":
        return _appositive_head(tokens[:-1])
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
        if tok.lower() in _RELATIVES and words and not is_source([w for _, _, w in words]):
            # "A city official who asked not to be named said": the source is the whole phrase.
            head = phrase_before(tokens[:i])
            return Span(head.start, words[-1][1]) if head is not None else None
        if tok in BOUNDARY_PUNCT or tok.lower() in _CLAUSE_OPENERS or (tok.lower() == "and" and not words):
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
        words = run
    if not words or not is_source([w for start, _, w in words if start not in aside]):
        return None
    return Span(words[0][0], words[-1][1])


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
        return head
    segment = [w for _, _, w in tokens[j + 1 :]]
    if segment and segment[0][0].isupper() and is_source(segment):
        return Span(tokens[j + 1][0], tokens[-1][1])
    return _appositive_head(tokens[:j])  # "Schiff, 56, who has served ..., told"


def sentence_subject(tokens: list[Token]) -> Span | None:
    """The name or pronoun a sentence opens with, after openers and an opening phrase."""
    i = 0
    if tokens and tokens[0][2].lower() in PREPOSITIONS:  # "On Thursday, however, Trump ..."
        while i < len(tokens) and tokens[i][2] != ",":
            i += 1
    while i < len(tokens) and (tokens[i][2] == "," or tokens[i][2].lower() in sources.openers()):
        i += 1
    if i < len(tokens) and tokens[i][2].lower() in sources.PERSONAL_PRONOUNS:
        return Span(tokens[i][0], tokens[i][1])
    j = i
    while j < len(tokens) and tokens[j][2][0].isupper() and tokens[j][2] not in BOUNDARY_PUNCT:
        j += 1
    if j == i or not is_source([t[2] for t in tokens[i:j]]):
        return None
    return Span(tokens[i][0], tokens[j - 1][1])


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
def _known_source_words() -> frozenset[str]:
    return lexicon.words("titles") | {w for ws in lexicon.table("source_words").values() for w in ws}


def is_source(words: list[str]) -> bool:
    if not words or len(words) > MAX_SOURCE_WORDS:
        return False
    first, last = words[0].lower(), words[-1]
    if first in PREPOSITIONS or first in _NOT_SOURCES or last.lower() in DETERMINERS | PREPOSITIONS:
        return False
    if re.search(r"['\u2019]s?$", last) or not _WORDISH.match(last) or last.replace(",", "").isdigit():
        return False  # "Trump's plans": the cue word is a noun
    if len(words) == 1 and first in sources.PERSONAL_PRONOUNS | {"it"}:
        return True
    if last.lower() in sources.PERSONAL_PRONOUNS | {"it", "him", "them", "us", "me"}:
        return False
    if last[0].isupper() or any(w[0].isupper() for w in words[1:]):
        return True
    if last.lower() in _known_source_words():
        return True
    return first in DETERMINERS and len(words) >= 2 and not last.endswith("ly")
