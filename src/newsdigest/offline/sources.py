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
from functools import cache

from newsdigest.offline import lexicon
from newsdigest.schema import SourceType

PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "we", "you", "they"})
RESOLVABLE = frozenset({"he", "she"})
_WORD = re.compile(r"[A-Za-z][\w'\u2019.&-]*")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# How far back (in sentences) the last named person may be for "he"/"she" to mean them.
_RESOLVE_WINDOW = 4


@cache
def _types() -> dict[str, frozenset[str]]:
    return {t: frozenset(ws) for t, ws in lexicon.table("source_words").items()}


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


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).rstrip(".").lower()


def trailing_name(phrase: str) -> str | None:
    """The proper name a phrase ends with ("Deputy Chairman ... Dmitry Medvedev" -> "Dmitry Medvedev")."""
    words = _WORD.findall(phrase)
    name: list[str] = []
    for word in reversed(words):
        bare = _bare(word)
        if not word[0].isupper() or bare in _type_words() or bare in _titles() or bare in _determiners():
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


def classify(phrase: str) -> SourceType:
    words = [_bare(w) for w in _WORD.findall(phrase)]
    if not words:
        return "unattributed"
    if len(words) == 1 and words[0] in PERSONAL_PRONOUNS:
        return "person"
    # A capital on the first word may only open the sentence: "Critics say", "The mayor said".
    common = _determiners() | _types()["anonymous"]
    capitalised = [w for i, w in enumerate(_WORD.findall(phrase)) if w[0].isupper() and not (i == 0 and _bare(w) in common)]
    joined = " " + " ".join(words) + " "
    if not capitalised and any(w in _types()["anonymous"] for w in words):
        return "anonymous"
    if trailing_name(phrase):  # "Mayor Ana Pereira", "Clinton spokesman Nick Merrill"
        return "person"
    for kind in ("document", "media", "government", "organization"):
        if any(f" {w} " in joined for w in _types()[kind]):
            return kind  # type: ignore[return-value]
    return "person"


@dataclass
class People:
    """The people named so far in an article, to resolve "he"/"she" to the last one when safe.

    Safe means: someone was named within the last few sentences, and the sentence that
    named them named nobody else (two names make "he" ambiguous).
    """

    last: str | None = None
    last_sentence: int = -10**9
    ambiguous: bool = False
    known: dict[str, str] = field(default_factory=dict)  # surname -> full name

    def observe(self, text: str, sentence_index: int) -> None:
        names = names_in(text, self.known)
        if not names:
            return
        for name in names:
            parts = name.split()
            if len(parts) >= 2:
                self.known[parts[-1]] = name
        distinct = {self.known.get(n.split()[-1], n) for n in names}
        self.last = self.known.get(names[-1].split()[-1], names[-1])
        self.last_sentence = sentence_index
        self.ambiguous = len(distinct) > 1

    def mention(self, name: str, sentence_index: int) -> None:
        """A resolved "he" keeps the same person current for the sentences that follow."""
        self.last, self.last_sentence, self.ambiguous = name, sentence_index, False

    def resolve(self, pronoun: str, sentence_index: int) -> str | None:
        if pronoun.lower() not in RESOLVABLE or self.last is None or self.ambiguous:
            return None
        return self.last if sentence_index - self.last_sentence <= _RESOLVE_WINDOW else None


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'\u2019.&-]*\s+)*[A-Z][\w'\u2019.&-]*")


def names_in(text: str, known: dict[str, str] | None = None) -> list[str]:
    """Person names in a sentence: two or more capitalised words, a titled name, or a known surname."""
    known = known or {}
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group(0).split()
        # A sentence-initial capital says nothing: drop a leading determiner or opener.
        while words and (_bare(words[0]) in _determiners() or _bare(words[0]) in openers()):
            words = words[1:]
        if not words:
            continue
        name = trailing_name(" ".join(words))
        if name is None:
            bare = _POSSESSIVE.sub("", words[-1])
            if len(words) == 1 and bare in known:
                found.append(bare)
            continue
        if len(name.split()) >= 2 or _bare(words[0]) in _titles() or name in known:
            found.append(name)
    return found
