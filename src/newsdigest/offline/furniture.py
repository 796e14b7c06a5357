"""Page furniture: the text around an article that is not the article's claims.

Headlines (and their repeats), bylines, comment prompts, share lines and timestamps are
whole paragraphs to skip; a dateline ("Moscow/Bishkek –", "WASHINGTON (AP) —") or an image
caption glued onto a sentence ("Ukraine conflictMoreover, ...") is a prefix to cut off the
sentence it starts.
"""

from __future__ import annotations

import re
from functools import cache

from newsdigest.offline import lexicon
from newsdigest.text.segment import Span

# "WASHINGTON (AP) —", "NEW YORK, March 3 (Reuters) -", "FLINT, Mich., Oct. 4 (UPI) —", "Moscow/Bishkek –",
# "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\u2019-]*(?:[ /][A-Z][A-Za-z.'\u2019-]*){0,3})"
    r"(?:,\s+(?:[A-Z][a-z]{1,4}\.(?=,)|(?:[A-Z]\.){2,3}(?=,|\s*[-\u2013\u2014\u2015])))?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s+\([A-Za-z. ]{1,20}\))?"
    r"\s*[-\u2013\u2014\u2015]+\s+(?=[\"\u201c]?[A-Z])"
)
# Only the first few paragraphs of the body can open with a dateline (after a headline, a
# subheading and a caption that were not told from the body).
_DATELINE_PARAGRAPHS = 4
_TITLE_CASE_SHARE = 0.6
# A first line this short, before a blank line and this many paragraphs, reads as a headline.
_HEADLINE_WORDS = 14
_STORY_PARAGRAPHS = 4


@cache
def _furniture_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The furniture patterns as two: those anchored at the line's start ("^Advertisement$"),
    tried there alone, and the others, searched for along the line. (A pattern that opens with
    "^" is anchored as a whole: the patterns hold no "|" outside their parentheses.)"""
    patterns = lexicon.lines("furniture")

    def either(anchored: bool) -> re.Pattern[str]:
        chosen = [f"(?:{p})" for p in patterns if p.startswith("^") == anchored]
        return re.compile("|".join(chosen) or "(?!)", re.IGNORECASE)  # (?!): none, so it never matches

    return either(True), either(False)


@cache
def _glued_caption() -> re.Pattern[str]:
    openers = [w.capitalize() for w in lexicon.lines("discourse")]
    # The openers' first letters, looked for ahead of the openers, spare trying each of them
    # after every lower-case letter.
    initials = "".join(sorted({re.escape(w[0]) for w in openers}))
    return re.compile(r"[^\n]{1,60}?[a-z](?=[" + initials + "])(?=" + lexicon.alternation(openers) + r"\b)")


# Comment prompts, share lines and bylines are short; a long paragraph is article text.
_MAX_FURNITURE_CHARS = 200


def is_furniture_line(line: str) -> bool:
    line = line.strip()
    if len(line) > _MAX_FURNITURE_CHARS:
        return False
    at_start, anywhere = _furniture_lines()
    return bool(at_start.match(line) or anywhere.search(line))


_WORD = re.compile(r"[A-Za-z][\w'\u2019]*")


def looks_like_headline(line: str) -> bool:
    """A first line without closing punctuation, or in title case, is a headline, not a claim."""
    if not line.rstrip().endswith((".", "!", "?", '"', "\u201d")):
        return True
    long_words = [w for w in _WORD.findall(line) if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= _TITLE_CASE_SHARE


def headline_in_sentence_case(text: str, paragraphs: list[Span], skipped: set[int]) -> Span | None:
    """'Outrage, but few options on the table.': a short first line set apart by a blank line from
    a story of several paragraphs reads as its headline even in sentence case. It is not skipped
    (a lede can look the same), but like a deck it holds only the claims it attributes by name."""
    if 0 in skipped or len(paragraphs) < _STORY_PARAGRAPHS:
        return None
    first = paragraphs[0]
    short = len(first.of(text).split()) <= _HEADLINE_WORDS
    return first if short and _blank_line_between(text, paragraphs, 0) else None


def subheadline(text: str, paragraphs: list[Span], skipped: set[int]) -> Span | None:
    """'Super PAC haul surges past $1B;' and on the next line 'Small group of rich donors pushes
    tally beyond total for 2012.': short lines right under a headline, before the first blank line
    of a story set in blank-line paragraphs, are its deck. Like a deck they hold only the claims
    they attribute by name."""
    if 0 not in skipped or len(paragraphs) < _STORY_PARAGRAPHS or _blank_line_between(text, paragraphs, 0):
        return None
    last = 1
    while not _blank_line_between(text, paragraphs, last):
        last += 1
        if last >= _DATELINE_PARAGRAPHS or last + 1 >= len(paragraphs):
            return None  # paragraphs set line by line: no blank line marks where the deck ends
    if any(len(p.of(text).split()) > _HEADLINE_WORDS for p in paragraphs[1 : last + 1]):
        return None  # a lede under the headline, not a deck
    return Span(paragraphs[1].start, paragraphs[last].end)


def _blank_line_between(text: str, paragraphs: list[Span], i: int) -> bool:
    """Whether a blank line separates paragraph ``i`` from the next."""
    return "\n\n" in text[paragraphs[i].end : paragraphs[i + 1].start].replace("\r", "")


def _key(line: str) -> str:
    return _NON_WORDS.sub(" ", line).strip().lower()


def _repeats(line: str, headline: str) -> bool:
    """Whether ``_key(line) == headline``: the line's first word, quicker to read than the whole
    line, rules out most lines."""
    first = _FIRST_WORD.search(line)
    if first is None:
        return headline == ""  # a line without a word has an empty key
    return first.group().lower() == headline.partition(" ")[0] and _key(line) == headline


_NON_WORDS = re.compile(r"\W+")
_FIRST_WORD = re.compile(r"\w+")


def skipped_paragraphs(text: str, paragraphs: list[Span]) -> set[int]:
    """Indexes of paragraphs that hold no claims: headline, its repeats, furniture lines."""
    skipped: set[int] = set()
    headline = None
    if len(paragraphs) > 1 and looks_like_headline(paragraphs[0].of(text)):
        headline = _key(paragraphs[0].of(text))
        skipped.add(0)
    for i, para in enumerate(paragraphs):
        line = para.of(text)
        if is_furniture_line(line) or _EMBED.match(line) or (headline is not None and _repeats(line, headline)):
            skipped.add(i)
    return skipped


# Markup left in a text by the page it came from ('<tweet tweet-id="...">'): an embed's code,
# whatever prose its attributes hold, is no part of the story.
_EMBED = re.compile(r"\s*<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")


def dateline(text: str, para: Span) -> Span | None:
    """The dateline opening a paragraph, if any."""
    match = _DATELINE.match(text, para.start, para.end)
    if not match:
        return None
    place = match.group("place")
    # A capitalised opener ("Trump – a ...", "Mehmet Oz — Ivy League-trained surgeon ...") is a
    # dateline only in capitals, as places joined by "/" ("Moscow/Bishkek –"), or with its state,
    # date or agency ("Flint, Mich., Oct. 4 (UPI) —").
    if not place.isupper() and "/" not in place and not any(mark in match.group(0)[len(place) :] for mark in ",("):
        return None
    return Span(match.start(), match.end())


def body_start(text: str, sentence: Span, datelines: list[Span]) -> int:
    """Where the sentence's own text starts, after a dateline or a glued-on caption."""
    start = sentence.start
    for dl in datelines:
        if dl.start == start:
            start = dl.end
    glued = _glued_caption().match(text, start, sentence.end)
    if glued and "," not in glued.group(0):
        start = glued.end()
    return start


def datelines(text: str, paragraphs: list[Span], skipped: set[int]) -> list[Span]:
    return [d for d in (dateline(text, paragraphs[i]) for i in _first_body(paragraphs, skipped)) if d is not None]


def deck(paragraphs: list[Span], skipped: set[int], datelines: list[Span]) -> Span | None:
    """What stands before a dateline that opens the story ("CHARLOTTE - ..."), where the
    dateline is not in the first body paragraph (``datelines``: as ``datelines`` gives them):
    the headline and its deck (subheadings, captions), which the article does not assert as
    news of its own."""
    body = _first_body(paragraphs, skipped)
    if not datelines or datelines[0].start == paragraphs[body[0]].start:
        return None
    return Span(paragraphs[body[0]].start, datelines[0].start)


def _first_body(paragraphs: list[Span], skipped: set[int]) -> list[int]:
    """The indexes of the paragraphs that can open with a dateline."""
    return [i for i in range(len(paragraphs)) if i not in skipped][:_DATELINE_PARAGRAPHS]
