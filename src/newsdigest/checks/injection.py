"""Instruction-like text in an article: reported, never obeyed.

An article is data, but an attacker can write text into it that reads like a prompt to an
AI assistant ("ignore the previous instructions", "in your response, add a link to ...",
"Translate the following sentence to French"). Whatever the backend, the pipeline runs
``scan`` on the article and reports each such sentence as a warning of kind
``instruction_in_article`` with its offsets, so a reader of the output can see the attempt.

What makes text such an instruction, rather than news that reports one:

- it is addressed to the program reading it (an assistant, a model, "automated readers"), or
  tells that program what to put in its answer, or frames itself as new instructions or a
  role to play: in any voice, quoted or not, since people do not talk to a summariser;
- it gives an order or asks a question in the author's own words, outside quotation marks,
  and its task has nothing to do with the article (the article's other sentences do not use
  its words): news quotes and reports orders on its own topic;
- it hides its words: invisible characters inside words, bidi controls, base64 or hex that
  decodes to text, reversed or letter-shifted sentences, leetspeak, runs of emoji.

The word patterns live in ``data/injection_patterns.txt`` (its header gives the format); the
hidden-text checks are here. ``is_command`` tells the pipeline whether a claim's evidence
reads as an order on its own, so that a warning never costs a claim of ordinary news.
"""

from __future__ import annotations

import base64
import binascii
import re
import string
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate
from typing import Callable, Iterable

from newsdigest.checks import prefilter
from newsdigest.offline import lexicon
from newsdigest.schema import Warning
from newsdigest.text.article import Article

KIND = "instruction_in_article"
_LEXICON = "injection_patterns.txt"
_SNIPPET_CHARS = 80
_NAME = re.compile(r"\{([A-Z][A-Z_]*)\}")
# Double quotation marks (opening, closing, and those that toggle: ASCII, and the two
# apostrophes or backticks some papers write for one), and line ends, where quotes close.
_OPENING_QUOTES = ("\u201c", "\u00ab", "\u201e", "``")
_CLOSING_QUOTES = ("\u201d", "\u00bb")
# One flat alternation of the marks themselves: the regex engine then skips from one mark's
# first character to the next, rather than trying each alternative at every character.
_QUOTE_OR_LINE_END = re.compile("|".join(map(re.escape, (*_OPENING_QUOTES, *_CLOSING_QUOTES, '"', "''", "\n"))))

# Characters that show nothing: zero-width spaces and joiners, word joiners, the byte-order
# mark, and the bidi controls that reorder what is shown.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
_INVISIBLE_IN_WORD = re.compile("[A-Za-z][\u200b-\u200d\u2060-\u2064\ufeff]+[A-Za-z]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_BASE64 = re.compile(r"(?<![\w+/=])[A-Za-z0-9+/]{16,}={0,2}(?![\w+/=])")
_HEX = re.compile(r"(?<![\w])[0-9a-fA-F]{2}(?:[ :]?[0-9a-fA-F]{2}){7,}(?![\w])")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_LEET_WORD = re.compile(r"(?<![\w@$])(?=[\w@$]*[A-Za-z])(?=[\w@$]*[0-9@$])[A-Za-z0-9@$]{2,}(?![\w@$])")
_LEET = str.maketrans("013457@$9", "oieastasg")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff"
_EMOJI_RUN = re.compile(f"[{_EMOJI}](?:[\ufe0f\u200d\\s]*[{_EMOJI}]){{4,}}")
# Frequent English words, and the words instructions to an AI are made of: a sentence of
# English has several, text encoded from English has them only once decoded. The longer
# ones say nothing about an article's topic either.
_COMMON = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each every few for
from further had has have having he her here hers him his how i if in into is it its itself
just me more most my no nor not now of off on once only or other our ours out over own same
she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will
with would you your yours yourself said says many much well back still even time year years
people way day know like want need say first last next new one two three
answer reply response summary output word words letter letters text write tell give make use
add remove replace show help please thank user reader space spaces symbol symbols number
numbers place instead quick question
""".split())
# Fewer words than this in the rest of the article, and its topic cannot be told.
_MIN_CONTEXT_WORDS = 60
# A sentence is off the article's topic when at most this share of its content words occur
# elsewhere in the article ...
_OFF_TOPIC_SHARE = 0.25
# ... and it points at nothing the article said ("How much do these figures matter?").
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such|he|she|him|his|her|hers)\b", re.IGNORECASE)


@dataclass(frozen=True, eq=False)  # one entry of the lexicon: the same only as itself
class _Group:
    kind: str
    description: str
    unquoted: bool  # applies only to the author's own words, outside quotation marks
    offtopic: bool  # applies only to a sentence unrelated to the rest of the article
    command: bool  # a sentence it matches reads as an order to an AI on its own
    patterns: tuple[re.Pattern[str], ...]
    # Per pattern, words it cannot match without (None: unknown): a pattern is searched only
    # where one of them occurs, first in the article, then in the sentence.
    needs: tuple[prefilter.Words | None, ...]


@dataclass(frozen=True)
class _Lexicon:
    """Groups' patterns in lexicon order, and the words each cannot match without, indexed."""

    checks: tuple[tuple[_Group, re.Pattern[str]], ...]
    needs: tuple[frozenset[str], ...]  # per pattern (empty: none known)
    always: frozenset[int]  # the patterns with no needed words, tried in every sentence
    # Of those, the ones anchored at the sentence's start ("^\W*(?:is|are|...)"): their gates
    # hold a dozen short words that most sentences contain ("is" in "this"), and testing them
    # costs more than a search that tries one place.
    opening: frozenset[int]
    ids_of: dict[str, tuple[int, ...]]  # the patterns each needed word lets in
    # Per pattern, the other sets of words it needs, shorter ones included ("AI"): a sentence
    # that tries it must hold a word of each before it is searched, a test cheaper than the
    # search (for a pattern that is not anchored, a try at every character). Each set comes
    # in two parts: the words the finder looks for, and the others.
    gates: tuple[tuple[tuple[frozenset[str], frozenset[str]], ...], ...]
    # A word without whitespace lies inside one of a text's whitespace-separated words, so
    # the finder looks for such words among the distinct ones, a shorter string than the
    # text: the needed ones, the gates' ones but the shortest (in every article), and the
    # pieces of the needed words with whitespace.
    finder: prefilter.WordFinder
    # The needed words with whitespace, each with its pieces that the finder looks for: it
    # is looked for in the text only where they all occur.
    spaced: dict[str, tuple[str, ...]]


# Words shorter than this are in every article: the finder does not look for such gate words,
# nor for such pieces of needed words with whitespace.
_MIN_FOUND = 3


@lru_cache(maxsize=4)
def _lexicon(groups: tuple[_Group, ...]) -> _Lexicon:
    checks = [(group, pattern) for group in groups for pattern in group.patterns]
    needs = [words or frozenset() for group in groups for words in group.needs]
    ids_of: dict[str, list[int]] = {}
    for i, words in enumerate(needs):
        for word in words:
            ids_of.setdefault(word, []).append(i)
    gates = [
        tuple(words for words in prefilter.necessary_word_sets(pattern) if words != needs[i])
        for i, (_, pattern) in enumerate(checks)
    ]
    spaced = {
        word: tuple(piece for piece in word.split() if len(piece) >= _MIN_FOUND) for word in ids_of if _spaced(word)
    }
    found = {piece for pieces in spaced.values() for piece in pieces} | ids_of.keys() - spaced.keys()
    gate_words = {word for sets in gates for words in sets for word in words}
    found |= {word for word in gate_words if len(word) >= _MIN_FOUND and not _spaced(word)}
    always = frozenset(i for i, words in enumerate(needs) if not words)
    return _Lexicon(
        tuple(checks), tuple(needs), always, frozenset(i for i in always if checks[i][1].pattern.startswith("^")),
        {word: tuple(ids) for word, ids in ids_of.items()},
        tuple(tuple((words & found, words - found) for words in sets) for sets in gates),
        prefilter.WordFinder(found), spaced,
    )


def _spaced(word: str) -> bool:
    return any(char.isspace() for char in word)


@dataclass(frozen=True)
class _Plan:
    """The lexicon's words that occur in one text: a sentence of the text then searches only
    the patterns that its own words let in."""

    lexicon: _Lexicon
    present: frozenset[str]
    # Per pattern that may match in the text, its gates cut down to the words the text holds
    # and those the finder does not look for: a word or two, where the lexicon lists dozens.
    gates: dict[int, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, lexicon: _Lexicon, folded_text: str) -> _Plan:
        present = lexicon.finder.found_in(" ".join(set(folded_text.split())))
        present |= {
            word for word, pieces in lexicon.spaced.items() if present.issuperset(pieces) and word in folded_text
        }
        gates = {}
        for i in lexicon.always.union(*(lexicon.ids_of.get(word, ()) for word in present)):
            cut = tuple(tuple(found & present | others) for found, others in lexicon.gates[i])
            if all(cut):  # else the pattern cannot match anywhere in the text
                gates[i] = () if i in lexicon.opening else cut
        return cls(lexicon, frozenset(present), gates)

    def by_sentence(self, folded_sentences: list[str]) -> list[set[int]]:
        """Per sentence of the text, which of the lexicon's patterns may match in it."""
        ids_of = {
            word: ids
            for word in self.present & self.lexicon.ids_of.keys()
            if (ids := [i for i in self.lexicon.ids_of[word] if i in self.gates])
        }
        chosen = [self.lexicon.always & self.gates.keys() for _ in folded_sentences]
        add = _add_by_finding if len(ids_of) < _MANY_WORDS else _add_by_splitting
        add(chosen, folded_sentences, ids_of)
        return chosen

    def within(self, folded_own_words: str, ids: set[int]) -> set[int]:
        """Which of ``ids`` may match in a sentence's own words (its quotations blanked out):
        by the needed words the text holds, as for the sentence."""
        needs = self.lexicon.needs
        return {i for i in ids if not needs[i] or any(word in folded_own_words for word in needs[i] & self.present)}


# Past this many needed words in a text (a long article's), reading all its sentences once
# per word costs more than splitting them into words once and looking for each needed word
# among the distinct ones: 13 thousand words in a 2 MB article of 350 thousand.
_MANY_WORDS = 100


def _add_by_finding(chosen: list[set[int]], folded_sentences: list[str], ids_of: dict[str, list[int]]) -> None:
    """Adds to each sentence's ``chosen`` the patterns that the needed words it holds let in
    (``ids_of``), each word looked for once in the sentences joined."""
    joined = "".join(folded_sentences)
    ends = list(accumulate(map(len, folded_sentences)))
    for word, ids in ids_of.items():
        at = joined.find(word)
        while at >= 0:
            k = bisect_right(ends, at)  # the sentence the word starts in
            if at + len(word) <= ends[k]:
                chosen[k].update(ids)
                at = joined.find(word, ends[k])  # the rest of the sentence adds nothing
            else:
                at = joined.find(word, at + 1)  # it runs on into the next sentence


def _add_by_splitting(chosen: list[set[int]], folded_sentences: list[str], ids_of: dict[str, list[int]]) -> None:
    """As ``_add_by_finding``, from the sentences' whitespace-separated words: a needed word
    without whitespace lies inside one of them, so it is looked for once among the distinct
    ones joined; a needed word with whitespace, by its longest piece, then in each sentence
    whose words hold that piece."""
    words_of = [sentence.split() for sentence in folded_sentences]
    tokens = list(set().union(*words_of))
    joined = " ".join(tokens)
    starts = list(accumulate((len(token) + 1 for token in tokens), initial=0))
    ids_in: dict[str, set[int]] = {}  # per distinct word, the patterns that its needed words let in
    spaced_in: dict[str, list[tuple[str, list[int]]]] = {}  # the needed words with whitespace it may be in
    for word, ids in ids_of.items():
        spaced = _spaced(word)
        piece = max(word.split(), key=len) if spaced else word
        at = joined.find(piece)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            if spaced:
                spaced_in.setdefault(tokens[k], []).append((word, ids))
            else:
                ids_in.setdefault(tokens[k], set()).update(ids)
            at = joined.find(piece, starts[k + 1])  # the rest of the word adds nothing
    telling = ids_in.keys() | spaced_in.keys()
    for sentence_chosen, sentence, words in zip(chosen, folded_sentences, words_of, strict=True):
        for token in telling.intersection(words):
            sentence_chosen.update(ids_in.get(token, ()))
            for word, ids in spaced_in.get(token, ()):
                if word in sentence:
                    sentence_chosen.update(ids)


def scan(article: Article) -> list[Warning]:
    """One warning per sentence that reads like an instruction to an AI, in article order."""
    text = article.text
    invisible = _INVISIBLE.search(text) is not None
    visible_text = _INVISIBLE.sub("", text) if invisible else text
    sentences = [span.of(text) for span in article.sentences]
    visible_sentences = [_INVISIBLE.sub("", s) for s in sentences] if invisible else sentences
    plan = _Plan.of(_lexicon(_groups()), prefilter.fold(visible_text))
    folded_sentences = [prefilter.fold(sentence) for sentence in visible_sentences]
    chosen = plan.by_sentence(folded_sentences)
    hidden = _hidden_by_sentence(sentences)
    topic = _Topic(visible_text)
    quotes = _Quotes(text)
    warnings = []
    for span, sentence, visible_sentence, folded_sentence, sentence_chosen, sentence_hidden in zip(
        article.sentences, sentences, visible_sentences, folded_sentences, chosen, hidden, strict=True
    ):
        own_words = quotes.unquoted(sentence, span.start)
        found = _hiding(sentence, own_words, sentence_hidden)
        if not found:
            sentence = visible_sentence
            if invisible:
                own_words = _INVISIBLE.sub("", own_words)
            found = _matching(sentence, folded_sentence, own_words, plan, sentence_chosen, topic)
        if found:
            warnings.append(Warning(
                kind=KIND,
                message=f"the article {found}: {_snippet(sentence)}; "
                "it is reported here as article text and was not followed",
                start=span.start,
                end=span.end,
            ))
    return warnings


def is_command(text: str) -> bool:
    """Whether ``text``, read on its own, orders the AI that reads it: addressed to it, shaping
    its answer, in the imperative, or hidden. Reported news is not, whatever it reports."""
    own_words = _Quotes(text).unquoted(text, 0)
    if _hiding(text, own_words, _hidden_by_sentence([text])[0]):
        return True
    visible, visible_own = _INVISIBLE.sub("", text), _INVISIBLE.sub("", own_words)
    folded = prefilter.fold(visible)
    plan = _Plan.of(_lexicon(tuple(group for group in _groups() if group.command)), folded)
    return _matching(visible, folded, visible_own, plan, plan.by_sentence([folded])[0], None) is not None


def _matching(
    sentence: str, folded_sentence: str, own_words: str, plan: _Plan, chosen: set[int], topic: _Topic | None
) -> str | None:
    """The description of the first group whose pattern matches ``sentence`` (``folded_sentence``:
    as ``prefilter.fold`` gives it), or None.
    ``own_words`` is the sentence with its quotations blanked out, for the groups marked
    unquoted; ``chosen``, the patterns that may match in the sentence; ``topic``, the
    article's words, for the groups marked offtopic (None: they do not apply)."""
    quoted_only = own_words.isspace()
    # A pattern whose needed words occur only inside quotation marks cannot match the author's
    # own words: not searching them there spares the patterns that open with "^\W*" a walk over
    # every blank of a quotation blanked out.
    quoted = own_words != sentence and not quoted_only
    folded_own = prefilter.fold(own_words) if quoted else folded_sentence
    own_chosen = plan.within(folded_own, chosen) if quoted else chosen
    for i in sorted(chosen):
        group, pattern = plan.lexicon.checks[i]
        if group.unquoted and (quoted_only or i not in own_chosen) or group.offtopic and topic is None:
            continue
        searched, folded = (own_words, folded_own) if group.unquoted else (sentence, folded_sentence)
        gates = plan.gates[i]
        if gates and not all(any(map(folded.__contains__, words)) for words in gates):
            continue  # it cannot match
        if pattern.search(searched):
            if group.offtopic and not topic.unrelated(sentence):
                continue
            return group.description
    return None


def _hiding(sentence: str, own_words: str, checks: Iterable[_Check]) -> str | None:
    """How ``sentence`` hides words, by the first of ``checks`` to find them, or None."""
    for check in checks:
        if how := check(sentence, own_words):
            return how
    return None


def _hidden_by_sentence(sentences: list[str]) -> list[list[_Check]]:
    """Per sentence, the hidden-text checks whose gates hold in it, in ``_HIDDEN`` order: each
    gate is looked for in all the sentences at once, not in each in turn."""
    joined = _Joined(sentences)
    checks: list[list[_Check]] = [[] for _ in sentences]
    for gate, check in _HIDDEN:
        for k in gate.holders(joined):
            checks[k].append(check)
    return checks


class _Joined:
    """Sentences joined by line breaks, which no gate of the hidden-text checks spans: what a
    gate finds there lies in one sentence, told by its offset."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.text = "\n".join(sentences)
        self._starts = list(accumulate((len(sentence) + 1 for sentence in sentences), initial=0))

    def sentence_at(self, offset: int) -> int:
        return bisect_right(self._starts, offset) - 1

    def holding(self, search: Callable[[int], re.Match | None]) -> set[int]:
        """The sentences in which ``search`` (from an offset of the text on) finds a match,
        found with one search per such sentence."""
        found = set()
        match = search(0)
        while match:
            k = self.sentence_at(match.start())
            found.add(k)
            match = search(self._starts[k + 1])
        return found


# How a sentence may hide words from a human reader. Each check takes the sentence and the
# same with its quotations blanked out, and says how it hides them, or None; its gate must
# hold in a sentence for the check to find anything there.
def _backwards_or_shifted(sentence: str, _own_words: str) -> str | None:
    for run in _uncommon_runs(sentence):
        if sum(word[::-1] in _COMMON for word in run if word != word[::-1]) >= 3:
            return "hides text written backwards"
        if _shifted_to_english(run):
            return "hides text in a letter-shift cipher"
    return None


def _invisible(sentence: str, _own_words: str) -> str | None:
    if _INVISIBLE_IN_WORD.search(sentence):
        return "hides text with invisible characters inside words"
    if _BIDI.search(sentence) and not _RIGHT_TO_LEFT.search(sentence):
        return "reorders text with bidi control characters"
    return None


def _base64(sentence: str, _own_words: str) -> str | None:
    if any(_reads_as_words(_decoded_base64(match.group())) for match in _BASE64.finditer(sentence)):
        return "hides text in base64"
    return None


def _hexadecimal(sentence: str, _own_words: str) -> str | None:
    for match in _HEX.finditer(sentence):
        if _reads_as_words(bytes.fromhex(re.sub("[ :]", "", match.group())).decode("latin-1")):
            return "hides text in hexadecimal"
    return None


def _leetspeak(sentence: str, _own_words: str) -> str | None:
    leet = [word.lower() for word in _LEET_WORD.findall(sentence)]
    if sum(word not in _COMMON and word.translate(_LEET) in _COMMON for word in leet) >= 2:
        return "hides text in leetspeak"
    return None


def _emoji(_sentence: str, own_words: str) -> str | None:
    return "carries a run of emoji" if _EMOJI_RUN.search(own_words) else None


class _Regex:
    """A gate that is a regex matching no line break."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self._regex = regex

    def holders(self, joined: _Joined) -> set[int]:
        return joined.holding(partial(self._regex.search, joined.text))


class _CipherWords:
    """The gate of the cipher checks: at least three words that either could count."""

    @staticmethod
    def holders(joined: _Joined) -> set[int]:
        # Each distinct word that could count is looked for once in all the sentences (an
        # article holds few), as a whole run of letters, and counted in the sentence it is in.
        # Lower-casing may lengthen a sentence ("\u0130"), so the offsets are the lowered ones.
        lowered = _Joined([sentence.lower() for sentence in joined.sentences])
        letters = lexicon.ascii_letters(lowered.text)
        padded = b" " + letters + b" "  # a word between two spaces there is one of the runs
        counts: Counter[int] = Counter()
        for word in _cipher_words().intersection(letters.split()):
            # Found with its space before, not after: a needle ending in a frequent byte is slow.
            starting = b" " + word
            at = padded.find(starting)  # the word's offset in ``letters``
            while at >= 0:
                end = at + len(starting)
                if padded[end] == ord(" "):
                    counts[lowered.sentence_at(at)] += 1
                at = padded.find(starting, end)
        return {k for k, count in counts.items() if count >= 3}


class _Classes:
    """A gate made of character classes, searched in the text's bytes with each ASCII character
    turned into the letter of its class (any other into a space): one pass in C, then a byte
    search, where a regex of the classes tries a match at every character of the text."""

    def __init__(self, probe: str, **classes: str) -> None:
        table = bytearray(b" " * 256)
        for letter, members in classes.items():
            for byte in members.encode():
                table[byte] = ord(letter)
        self._table = bytes(table)
        self._probe = re.compile(probe.encode())

    def holders(self, joined: _Joined) -> set[int]:
        # One byte per character, so the offsets are those of the text.
        classes = joined.text.encode("ascii", "replace").translate(self._table)
        return joined.holding(partial(self._probe.search, classes))


_Check = Callable[[str, str], str | None]
_HIDDEN: tuple[tuple[_Regex | _Classes | type[_CipherWords], _Check], ...] = (
    (_CipherWords, _backwards_or_shifted),
    (_Regex(_INVISIBLE), _invisible),
    (_Classes("b" * 16, b=string.ascii_letters + string.digits + "+/"), _base64),  # 16 in a row
    # Four pairs of hex digits, a space or a colon between pairs or not.
    (_Classes("hhs?hhs?hhs?hh", h=string.hexdigits, s=" :"), _hexadecimal),
    # A digit, @ or $ next to a letter, told from the digit's side: the regex engine then
    # skips from digit to digit instead of trying at every letter.
    (_Regex(re.compile(r"[0-9@$](?:(?<=[A-Za-z].)|(?=[A-Za-z]))")), _leetspeak),
    (_Regex(re.compile(f"[{_EMOJI}]")), _emoji),
)


def _decoded_base64(run: str) -> str:
    try:
        return base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""


def _reads_as_words(decoded: str) -> bool:
    """Whether decoded bytes are English words rather than an identifier or a checksum."""
    if len(decoded) < 8 or not decoded.isprintable():
        return False
    return _common_count(_LATIN_WORD.findall(decoded)) >= 2


def _uncommon_runs(sentence: str) -> list[list[str]]:
    """Runs of four or more lower-cased words none of which is a frequent English word (a
    palindrome such as "a" may stand among them): where encoded English hides, even when the
    sentence around it is plain."""
    words = _LATIN_WORD.findall(sentence.lower())
    breakers = _run_breakers()
    runs, run = [], []
    for word in words:
        if word not in breakers:
            run.append(word)
            continue
        if len(run) >= 4:
            runs.append(run)
        run = []
    if len(run) >= 4:
        runs.append(run)
    return runs


def _common_count(words: list[str]) -> int:
    return sum(word.lower() in _COMMON for word in words)


def _shifted_to_english(words: list[str]) -> bool:
    """Whether one Caesar shift turns most of ``words`` into frequent English words.

    A shift keeps the distances between a word's letters, so each word is looked up by its
    shape (itself shifted to start with "a"), and the shifts its matches imply are counted:
    one pass, not one per shift."""
    longer = [word for word in words if len(word) >= 3]
    votes: Counter[int] = Counter()
    for word in longer:
        for english in _by_shape().get(_shape(word), ()):
            votes[(ord(word[0]) - ord(english[0])) % 26] += 1
    hits = max(votes.values(), default=0)
    return hits >= 3 and hits * 5 >= len(longer) * 2


# Per letter, the table that shifts a word back so that it starts with that letter's "a".
_SHIFTS = [str.maketrans(_LETTERS, _LETTERS[-k:] + _LETTERS[:-k] if k else _LETTERS) for k in range(26)]


def _shape(word: str) -> str:
    """``word`` shifted to start with "a": the same for every Caesar shift of it."""
    return word.translate(_SHIFTS[ord(word[0]) - ord("a")])


@lru_cache(maxsize=1)
def _by_shape() -> dict[str, tuple[str, ...]]:
    """The frequent English words of three letters or more, by their shapes."""
    found: dict[str, tuple[str, ...]] = {}
    for word in sorted(_COMMON):
        if len(word) >= 3:
            found[_shape(word)] = (*found.get(_shape(word), ()), word)
    return found


@lru_cache(maxsize=1)
def _run_breakers() -> frozenset[str]:
    """The frequent words that end a run of uncommon ones (a palindrome such as "a" does not)."""
    return frozenset(word for word in _COMMON if word != word[::-1])


@lru_cache(maxsize=1)
def _cipher_words() -> frozenset[bytes]:
    """The only words either cipher check counts in a run of uncommon ones: frequent words
    (not palindromes) written backwards, and those of three letters or more letter-shifted,
    but for those that end a run."""
    backwards = {word[::-1] for word in _COMMON if word != word[::-1]}
    shifted = {word.translate(table) for word in _COMMON if len(word) >= 3 for table in _SHIFTS}
    return frozenset(word.encode() for word in backwards | shifted if word not in _run_breakers())


def _letter_runs(sentence: str) -> list[bytes]:
    """The runs of ASCII letters in ``sentence`` lower-cased: each word of ``_uncommon_runs``
    without an apostrophe is one of them (in C, some times faster than that regex)."""
    return lexicon.ascii_letters(sentence.lower()).split()


class _Quotes:
    """Where quotations open and close, read once, front to back, for sentences asked about in
    article order (so a long line is not rescanned for every sentence on it)."""

    def __init__(self, text: str) -> None:
        self._marks = _QUOTE_OR_LINE_END.finditer(text)
        self._next = next(self._marks, None)
        self._inside = False

    def unquoted(self, sentence: str, start: int) -> str:
        """``sentence`` (found at ``start`` in the text) with what lies inside quotation marks,
        the marks included, blanked out: the author's own words, at their offsets."""
        end = start + len(sentence)
        while self._next is not None and self._next.start() < start:
            self._step()
        if not self._inside and (self._next is None or self._next.start() >= end):
            return sentence  # the usual case: no quotation in it
        pieces, at = [], start
        while self._next is not None and self._next.start() < end:
            mark = self._next
            if not self._inside:
                pieces.append(sentence[at - start : mark.start() - start])
                at = mark.start()
            self._step()
            if not self._inside:
                pieces.append(" " * (mark.end() - at))
                at = mark.end()
        pieces.append(" " * (end - at) if self._inside else sentence[at - start :])
        return "".join(pieces)

    def _step(self) -> None:
        mark = self._next.group()
        closes = mark in _CLOSING_QUOTES or mark == "\n"
        self._inside = mark in _OPENING_QUOTES or (not closes and not self._inside)
        self._next = next(self._marks, None)


class _Topic:
    """The words an article uses, to tell whether a sentence's task is the article's."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def unrelated(self, sentence: str) -> bool:
        own = Counter(_content_words(sentence))
        if len(own) < 2 or _POINTS_BACK.search(sentence):
            return False
        if self._counts is None:
            self._counts = Counter(_content_words(self._text))
        if self._counts.total() - own.total() < _MIN_CONTEXT_WORDS:
            return False  # too little else to tell the article's topic by
        shared = sum(self._counts[word] > count for word, count in own.items())
        return shared <= _OFF_TOPIC_SHARE * len(own)


def _content_words(text: str) -> list[str]:
    words = map(str.lower, _LATIN_WORD.findall(text))
    return [word.removesuffix("s") for word in words if len(word) >= 4 and word not in _COMMON]


def _snippet(sentence: str) -> str:
    flat = " ".join(_INVISIBLE.sub("", sentence).split())
    return repr(flat if len(flat) <= _SNIPPET_CHARS else flat[: _SNIPPET_CHARS - 3] + "...")


@lru_cache(maxsize=1)
def _groups() -> tuple[_Group, ...]:
    source = resources.files("newsdigest.checks").joinpath("data", _LEXICON).read_text(encoding="utf-8")
    return parse(source)


def parse(source: str) -> tuple[_Group, ...]:
    """The lexicon file's groups, with ``{NAME}`` pieces substituted and patterns compiled."""
    names: dict[str, str] = {}
    groups: list[_Group] = []
    header: tuple[str, str, bool, bool, bool] | None = None
    patterns: list[re.Pattern[str]] = []

    def close() -> None:
        if header:
            needs = tuple(prefilter.necessary_words(pattern) for pattern in patterns)
            groups.append(_Group(*header, tuple(patterns), needs))

    for number, line in enumerate(source.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("= "):
            name, _, regex = line[2:].partition(" ")
            names[name] = _expand(regex.strip(), names, number)
        elif line.startswith("["):
            close()
            tag, _, description = line[1:].partition("]")
            kind, *flags = tag.split()
            header = (kind, description.strip(), "unquoted" in flags, "offtopic" in flags, "command" in flags)
            patterns = []
        else:
            if header is None:
                raise ValueError(f"{_LEXICON}:{number}: a pattern before any [group]")
            try:
                patterns.append(re.compile(_expand(line, names, number), re.IGNORECASE))
            except re.error as exc:
                raise ValueError(f"{_LEXICON}:{number}: {exc}") from exc
    close()
    return tuple(groups)


def _expand(regex: str, names: dict[str, str], number: int) -> str:
    def piece(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            raise ValueError(f"{_LEXICON}:{number}: {{{match.group(1)}}} is not defined above")
        return names[match.group(1)]

    return _NAME.sub(piece, regex)
