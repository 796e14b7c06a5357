"""The summary: the article's own sentences, chosen and attributed, never reworded.

It opens with the article's main news as its headline gives it: the body sentence that
shares most words with the headline (the first sentence where none does), attributed as the
headline attributes it ("... - Western media claims" gives "According to Western media,
..."). Then the best-supported sentences of up to ``MAX_REPORTED`` other named sources, each
with its own attribution as the article words it, then the first contradiction if any.

What a source said is never changed: a sentence holding a loaded word, an unresolved "he",
an unnamed or vague source is left out rather than reworded, and so are page furniture
(bylines, promos, transcript headers), questions and the writer's own first person. The only
words changed are a resolved pronoun standing for the speaker ("She said" -> "Ana Ruiz
said", done by the engine) and an opening connective ("However, ") left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from newsdigest.offline import lexicon, sources, subjects
from newsdigest.schema import Confidence, SourceType

MAX_REPORTED = 3
_MIN_WORDS, _MAX_WORDS = 6, 60
_LEVEL = {"high": 2, "medium": 1, "low": 0}


@dataclass(frozen=True)
class Point:
    sentence: str  # the sentence (or quotation unit) as the article words it
    content: str  # what is claimed, without its attribution
    source: str
    source_type: SourceType
    confidence: Confidence
    unresolved: bool = False  # the speaker is a pronoun no one could be named for
    vague: bool = False  # attributed only by vague words ("it has come to light that")
    loaded: bool = False  # holds a loaded word ("lure", "propaganda")

    # What the tests below read of the sentence, worked out once: several tests ask it of
    # every point, and the lead's tests ask it again.
    @cached_property
    def body(self) -> str:
        """The sentence less an opening connective: 'Besides, it has come to light ...' -> 'it has come to light ...'."""
        return _without_opener(self.sentence)

    @cached_property
    def quoted(self) -> bool:
        """A quotation, or a sentence mostly quoted: '“Tolerance is on the ballot.”'."""
        body = self.body.strip()
        if body[:1] in "\"\u201c\u201d'":
            return True
        if "\u201d" in body and "\u201c" not in body[: body.index("\u201d")]:
            return True  # '... to be a bully.” ― Ana Cruz': the end of a quotation begun before
        return len(sources.outside_quotes(body).strip()) * 2 < len(body)

    @cached_property
    def stems(self) -> set[str]:
        return _stems(self.sentence)


def compose(points: list[Point], headline: str | None, contradiction: str | None) -> str:
    headline_words = _stems(headline or "")
    candidates = _Candidates(points, headline_words)
    lead = candidates.lead() or _plainest(points, headline_words)
    sentences = [_lead_sentence(lead, headline)] if lead else []
    sentences += [_as_written(p) for p in candidates.reported(lead)]
    if contradiction:
        sentences.append(contradiction)
    return " ".join(_finished(s) for s in sentences)


class _Candidates:
    """The points the summary may use. Judging a point (``_usable``) costs far more than ranking
    it, and the summary keeps a few sentences: the points are ranked by what decides each choice,
    and judged in that order only until the choice is made."""

    def __init__(self, points: list[Point], headline_words: set[str]) -> None:
        self._points = points
        self._headline_words = headline_words
        self._judged: dict[int, bool] = {}

    def _usable(self, index: int) -> bool:
        if index not in self._judged:
            point = self._points[index]
            self._judged[index] = _usable(point, opens_story=index == 0) and not _repeats(point, self._headline_words)
        return self._judged[index]

    def lead(self) -> Point | None:
        """The sentence the summary opens with: of the usable points that read as a lead (of all
        usable points where none does), the one that shares most words with the headline, two at
        least, or else the first."""
        points, headline_words = self._points, self._headline_words
        order = sorted(range(len(points)), key=self._lead_rank) if headline_words else range(len(points))
        # The article's first sentence refers back to nothing.
        leads = (i for i in order if self._usable(i) and _reads_as_lead(points[i], headline_words, points[i] == points[0]))
        index = next(leads, None)
        if index is None:
            index = next((i for i in order if self._usable(i)), None)
        return None if index is None else points[index]

    def _lead_rank(self, index: int) -> tuple[int, int]:
        """Most words shared with the headline first, where two or more are; else article order."""
        point = self._points[index]
        # A headline word whose stem the sentence does not even hold is none of its words: most
        # sentences hold fewer than two and are ranked without working out their words.
        lower = point.sentence.lower()
        if sum(stem in lower for stem in self._headline_words) >= 2:
            shared = len(self._headline_words & point.stems)
            if shared >= 2:
                return (-shared, index)
        return (0, index)

    def reported(self, lead: Point | None) -> list[Point]:
        """The best-supported usable sentence of each of up to ``MAX_REPORTED`` named sources but
        the lead's (the best supported of them, and the earliest at equal support), in article order."""
        points = self._points
        ranked = sorted(
            (-_LEVEL[p.confidence], i) for i, p in enumerate(points)
            if p is not lead and p.confidence != "low" and _names_source(p)
        )
        lead_key = _key(lead.source) if lead is not None else None
        chosen: dict[str, int] = {}
        for _, index in ranked:
            key = _key(points[index].source)  # "Mayor Ana Pereira" and "Ana Pereira" are one source
            if key != lead_key and key not in chosen and self._usable(index):
                chosen[key] = index
                if len(chosen) == MAX_REPORTED:
                    break
        return [points[index] for index in sorted(chosen.values())]


def _usable(point: Point, opens_story: bool = False) -> bool:
    """``opens_story``: the point is the article's first, where a wire story gives its news with
    whose account it is ("... was killed, Palestinian officials said.")."""
    if point.unresolved or not (
        point.source_type == "author" or point.vague or _names_source(point) or opens_story and _says_whose(point)
    ):
        return False  # an unresolved "he", or no source a reader can use: asked first, as it costs least
    words = point.sentence.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or point.sentence.rstrip("\"\u201d' ").endswith(("?", ":")):
        return False
    if point.content.rstrip("\"\u201d' ,").endswith("?"):
        return False  # '“Who pays for it?” she asked.': a question tells the reader no news
    if point.loaded or _furniture(point.sentence):
        return False
    if point.quoted and not _speaker_given(point):
        return False  # '“Tolerance is on the ballot.”': a quotation whose speaker the sentence does not give
    if _FIRST_PERSON.search(sources.outside_quotes(point.sentence)):
        return False  # the writer's "I", "we" or "you" ("my father said"): an opinion piece speaking
    first_words = _first_words(sources.outside_quotes(point.body), 5)
    opening = [_bare_word(w) for w in first_words]
    if not point.vague and (_refers_back_by_pronoun(first_words, opening) or opening[:1] and opening[0] in lexicon.DEMONSTRATIVES):
        # "It could deploy ...", "On Thursday, she ...", "That plan ...": whom or what it means
        # is in a sentence left out ("A program that allows ..." is no such reference).
        return False
    return True


def _refers_back_by_pronoun(words: list[str], bare: list[str]) -> bool:
    """Whether a sentence's opening words (``bare``: as ``_bare_word`` gives them) hold a pronoun
    for someone it does not name. A possessive after the sentence's subject is the subject's
    ("Spain has begun its campaign"); one that opens the sentence, or follows an opening phrase
    ("With her film", "According to her account", "On Monday, his plan"), is not."""
    for at, word in enumerate(bare):
        if word not in _PRONOUNS:
            continue
        named_before = bool(sources.name_words(" ".join(words[:at])) - _LEADING_PREPOSITIONS)
        if word not in lexicon.POSSESSIVES or not named_before or words[at - 1].endswith(","):
            return True
    return False


_LEADING_PREPOSITIONS = frozenset("according about after at before by during for from in of on over since to under with".split())


@lru_cache(maxsize=4096)  # pure, and asked of the same few hundred opening words again and again
def _bare_word(word: str) -> str:
    """'That's,' -> 'that': contractions count as their pronoun ("That's why ...", "It's ...")."""
    return lexicon.uncontracted(word.lower().strip(","))


def _first_words(text: str, count: int) -> list[str]:
    """``text.split()[:count]``, without splitting the rest of the text."""
    return text.split(None, count)[:count]


def _speaker_given(point: Point) -> bool:
    """Whether the sentence itself, outside its quotation marks, names who speaks."""
    if point.source_type in ("author", "unattributed") or point.vague:
        return False
    label = _TRANSCRIPT_LABEL.match(point.sentence)  # '"PENCE: Well, ...'
    own_words = sources.outside_quotes(point.sentence) + " " + (label.group(1) if label else "")
    outside = {w.lower().strip(".,;:") for w in own_words.split()}
    words = {w.lower().strip(".,;:") for w in _without_aside(point.source).split()}
    return bool(outside & (words - _DETERMINERS))


_TRANSCRIPT_LABEL = re.compile(r"[\"\u201c]?([A-Z][A-Z'\u2019.-]+(?:\s+[A-Z][A-Z'\u2019.-]+){0,2}):\s")


def _reads_as_lead(point: Point, headline_words: set[str], first: bool) -> bool:
    """Whether a sentence can open the summary: the news, not a quotation, not hedged framing
    ("apparently", "may prove"), and not a sentence whose subject points back to one left out
    ("The alliance, which includes ..." where the article named the alliance before)."""
    if point.quoted or point.confidence == "low" and not point.vague:
        return False  # (a vague source alone makes a claim low: "it has come to light that ...")
    if _NOTE_LABEL.match(point.sentence):
        return False  # "Editor's note: ...": about the story, or every story of a kind, not its news
    if _first_words(point.sentence, 1)[0].lower() in subjects.AUXILIARIES:
        return False  # "Is the first candidate in years to ...": an item of a list, its subject above
    if _ADDING.search(" ".join(_first_words(point.body, 5))):
        return False  # "There also were signs ...": it adds to news told before it
    if _POINTS_BACK.match(point.sentence) and not (first or point.vague):
        # "Worse, the companies ...", "Regardless, Clinton ...": it goes on from a sentence left
        # out. (A vague source's sentence leads with its content alone: "Besides, it has come to
        # light that Russia ..." -> "According to Western media, Russia ...".)
        return False
    return first or not _refers_back(point.body, headline_words)


_NOTE_LABEL = re.compile(r"(?:editor['\u2019]?s['\u2019]? note|note|correction|clarification|update|disclosure)\s*:", re.IGNORECASE)
_ADDING = re.compile(r"\b(?:also|too|as well|another|other)\b", re.IGNORECASE)
_POINTS_BACK = re.compile(
    r"(?:however|moreover|besides|furthermore|additionally|thus|therefore|accordingly|instead|still|yet|but|and|so|"
    r"indeed|similarly|likewise|consequently|nevertheless|nonetheless|otherwise|regardless|worse|even so|in addition|"
    r"on the other hand|in other words|for example|for instance|rather|to be sure|that said|to varying degrees)\b",
    re.IGNORECASE,
)
_DEFINITE_OPENING = re.compile(r"(?:The|This|These|That|Those|Such)\s+(?=[a-z])")


def _refers_back(body: str, headline_words: set[str]) -> bool:
    """'The alliance, which ...', 'The food stayed ...': a definite phrase of common nouns that
    opens a sentence (``body``: less its connective) stands for something named before it,
    unless the headline names it or a name after it says what it is ("The transition in Burma ...")."""
    body = body.lstrip()
    match = _DEFINITE_OPENING.match(body)
    if not match:
        return False
    tokens = body[match.end() :].split()[:5]
    phrase: list[str] = []
    for i, token in enumerate(tokens):
        if token.lower() in subjects.PREPOSITIONS:
            if i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
                return False
            break
        phrase.append(token.rstrip(","))
        if token.endswith(","):
            break
    return not any(_stems(word) & headline_words for word in phrase)


def _repeats(point: Point, headline_words: set[str]) -> bool:
    """The headline repeated in the body: the lead would only say it twice."""
    return bool(headline_words) and point.stems <= headline_words


def _plainest(points: list[Point], headline_words: set[str]) -> Point | None:
    """Where no sentence passes every test (a transcript, an opinion piece): the first one in
    the article's voice that is no furniture and holds no loaded word, and no quotation unless
    the article is all quotations."""
    plain = [
        p for p in points
        if p.source_type == "author" and not _repeats(p, headline_words)
        and not _furniture(p.sentence) and not p.loaded
    ]
    return next((p for p in plain if not p.quoted), plain[0] if plain else None)


def _says_whose(point: Point) -> bool:
    """'... was killed, Palestinian officials said.': a sentence that gives its own source, a group
    a reader can place though it names no one, tells the reader whose account it is as written.
    (Only an article's first sentence is taken so: further down, such sentences are detail.)"""
    return (
        point.source_type not in ("author", "unattributed", "anonymous") and point.source in point.sentence
        and _well_formed_source(point.source)
    )


def _names_source(point: Point) -> bool:
    """A source a reader can use: well formed, at most ``sources.MAX_NAMING_WORDS`` words, specific."""
    return point.source_type not in ("author", "unattributed", "anonymous") and _usable_source(point.source)


@lru_cache(maxsize=4096)  # pure, and asked of each speaker once for every sentence of theirs
def _usable_source(source: str) -> bool:
    return _well_formed_source(source) and sources.is_specific(source)


def _well_formed_source(source: str) -> bool:
    """A noun phrase of at most ``sources.MAX_NAMING_WORDS`` words, its aside left out."""
    words = _without_aside(source).split()
    return len(words) <= sources.MAX_NAMING_WORDS and subjects.is_source(words)


def _without_aside(source: str) -> str:
    """'Rep. Jane Doe (D-Ore.)' -> 'Rep. Jane Doe'."""
    return _ASIDE.sub("", source)


_ASIDE = re.compile(r"\s*\([^)]*\)")


def _key(source: str) -> str:
    words = _without_aside(source).split()
    return words[-1].lower() if words else ""


def _lead_sentence(lead: Point, headline: str | None) -> str:
    said_by = headline_source(headline or "")
    if said_by and (lead.vague or lead.source_type == "author"):
        content = lead.content if lead.vague else lead.body
        return f"According to {said_by}, {_lower_first(content)}"
    return _as_written(lead)


def _as_written(point: Point) -> str:
    return point.body


def headline_source(headline: str) -> str | None:
    """Who a headline says the news comes from: "... - Western media claims", "..., Graham says",
    "Pence: ...", "De Blasio says ..."; None where it names no source."""
    for pattern in _HEADLINE_SOURCES:
        match = pattern.search(headline.strip())
        if match and _headline_names(match.group("source")):
            source = match.group("source").strip()
            # "..., city says": a headline drops the article a sentence needs.
            return source if source[0].isupper() or source.split()[0] in _DETERMINERS else f"the {source}"
    return None


def _headline_names(phrase: str) -> bool:
    words = phrase.split()
    if not 1 <= len(words) <= 5 or not subjects.is_source(words):
        return False
    # A name ("Pence", "Lindsey Graham"), or a common noun with its qualifier ("Western media"),
    # not a bare common noun ("Poll: ...").
    return bool(sources.trailing_name(phrase)) and not subjects.speaker_noun(words[-1]) or (
        (len(words) >= 2 or words[0].islower()) and subjects.speaker_noun(words[-1])
    )


_CUE = r"(?:says|say|said|claims|claim|reports|report|warns|insists|admits)"
_HEADLINE_SOURCES = (
    re.compile(r"\s[\u2013\u2014-]\s*(?P<source>[^\u2013\u2014:]{2,60}?)\s+" + _CUE + r"\W*$", re.IGNORECASE),
    re.compile(r",\s*(?P<source>[^,:]{2,60}?)\s+" + _CUE + r"\W*$", re.IGNORECASE),
    re.compile(r"^(?P<source>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}):\s"),
    re.compile(r"^(?P<source>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s+" + _CUE + r"\b"),
)


@cache
def _openers() -> re.Pattern[str]:
    return re.compile(r"^(?:" + lexicon.alternation(lexicon.phrases("discourse")) + r"),?\s+", re.IGNORECASE)


def _without_opener(sentence: str) -> str:
    """'Besides, it has come to light ...' -> 'it has come to light ...'. Without its comma an
    opener may be the subject ("Today is two months until ...", "Today marks ..."): it is left
    out only before what opens a subject ("However the plan ...", "Besides it has ...")."""
    opener = _openers().match(sentence)
    if opener is None:
        return sentence
    rest = sentence[opener.end() :]
    if "," in opener.group(0):
        return rest
    following = _first_words(rest, 1)
    subject_next = following and (
        following[0][:1].isupper() or following[0] in subjects.DETERMINERS or following[0] in _SUBJECT_OPENERS
    )
    return rest if subject_next else sentence


_SUBJECT_OPENERS = sources.PRONOUN_SOURCES | {"there"}


def _stems(text: str) -> set[str]:
    """Content words cut to five letters, so "recruits" meets "recruitment"."""
    return {w[:5] for w in _LOWER_WORD.findall(text.lower()) if w not in _STOP}


_LOWER_WORD = re.compile(r"[a-z]{3,}")


_STOP = frozenset(
    """the and for from with that this have has had was were are not but its his her their they will would
    says said say about after over into than more most also just been being what when which who""".split()
)


def _furniture(sentence: str) -> bool:
    """Boilerplate around the news: bylines, promotions, transcript headers, credits, calls to act."""
    return bool(_FURNITURE_OPENING.match(sentence) or _FURNITURE_PHRASE.search(sentence))


_FURNITURE_OPENING = re.compile(
    r"(?:By|Follow|Sign up|Subscribe|Click|Read more|Related|Watch|Listen|Photo|Image|Video|Advertisement|"
    r"Copyright|Editing by|Reporting by|Partial transcript|Transcript)\b",
    re.IGNORECASE,
)
_FURNITURE_PHRASES = (
    "airs on", "transcript as follows", "all times [A-Z]{2,4}", "contributed to this report", "additional reporting",
    "listen live", "sign up for", "follow (?:him|her|us|them) on",
)
# The lookahead for the phrases' first letters lets the search pass most places at one test.
_FURNITURE_PHRASE = re.compile(
    r"\b(?=[" + "".join(sorted({p[0] for p in _FURNITURE_PHRASES})) + r"])(?:" + "|".join(_FURNITURE_PHRASES) + r")\b",
    re.IGNORECASE,
)
# Capitalised, "We", "Our" ... are the writer's only where they open the sentence or a clause:
# after a word they are part of a name ("Alliance to Reclaim Our Schools", "Our Revolution").
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself|we|our|us|ourselves|you|your|yourself)\b|(?<!\w\s)\b(?:We|Our|You|Your|My)\b")
_PRONOUNS = frozenset("he she they it his her their its".split())


def _finished(text: str) -> str:
    text = " ".join(text.split())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "\u201d", '"', "'")) else text + "."


def _lower_first(phrase: str) -> str:
    """'Russia has ...' keeps its capital; 'The plan ...' -> 'the plan ...' and 'Following the
    debate ...' -> 'following the debate ...' after a comma: words no name is spelled with."""
    first = phrase.split(" ", 1)[0].lower()
    return phrase[0].lower() + phrase[1:] if first in _DETERMINERS or first in _OPENING_WORDS else phrase


_DETERMINERS = frozenset("the a an this these those it there".split())
_OPENING_WORDS = subjects.PREPOSITIONS | frozenset(
    """when while if as after before since because although though once unless until whether despite amid
    during following including but and yet so""".split()
)
