"""Group articles that cover the same story, by the distinctive names in their headline and lead.

Names are runs of capitalised words (possessives dropped; a lone capitalised word that opens
a sentence, or that the article also writes in lower case, is not a name; a headline in Title
Case gives no names of its own). Those of the headline and the first ``LEAD_SENTENCES``
sentences weigh 1, those of the rest ``BODY_WEIGHT``, and the headline's other words
("debate", "taxes") ``TOPIC_WEIGHT``. Each word is weighted by how rare it is among the
articles (inverse document frequency), so "Pagliano" ties two articles far more than "Clinton"
in a week of campaign news. A word in one article only ties nothing, and neither does one in
more than ``COMMON_SHARE`` of the articles.

Two articles are alike when they share at least ``MIN_SHARED`` words (one in both headlines or
leads counts twice) and the cosine of their weighted vectors is at least ``MIN_SIMILARITY``.
Each article joins the story of the earlier article most like it, and of any at least
``STRONG_SIMILARITY`` alike; joining every similar one would chain a week's coverage into one
story. The index of which articles hold a word keeps only its ``MAX_POSTINGS`` most recent
holders, and only one article's overlaps are held at a time, so grouping costs time linear in
the number of articles and memory linear in their names. Each story is labelled with the
headline words and the full names its articles share most.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass

from newsdigest.digest import DATA
from newsdigest.digest.report import Story
from newsdigest.offline import lexicon
from newsdigest.text.article import Article
from newsdigest.text.segment import Span

LEAD_SENTENCES = 4
BODY_WEIGHT = 0.5
TOPIC_WEIGHT = 0.5
MIN_SHARED = 2
MIN_SIMILARITY = 0.12
STRONG_SIMILARITY = 0.15
COMMON_SHARE = 0.5
MIN_COMMON = 3  # in a small digest, a name in three articles can still tie two of them
MAX_POSTINGS = 100  # each article is compared with at most this many earlier holders of a word
LABEL_NAMES = 3
LABEL_TOPICS = 2
SHARED_NAMES = 8
_MAX_NAME_WORDS = 4  # longer capitalised runs are headlines, not names
# A capitalised word, or dotted initials with their last full stop ("U.S.", "D.C."), and runs of them.
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'\u2019.-]*\w)"
# The lower-case particles inside names: "Osama bin Laden", "Ludwig van Beethoven".
_PARTICLE = r"(?:bin|ibn|al|de|del|der|van|von|da|du|la|le)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD})*")
# A word this short standing alone in a label is a piece of a longer name ("New" of "New York").
_MIN_LONE_LABEL_LETTERS = 4
_POSSESSIVE = re.compile(r"['\u2019]s$")
_WORD = re.compile(r"[A-Za-z][\w'\u2019.-]*")
TOPIC = "~"
_MIN_TOPIC_LETTERS = 4
_ACRONYM_LETTERS = 4  # "NYPD" stays as written; "CHARLOTTE" is "Charlotte"
_TITLE_CASE_SHARE = 0.6  # a headline with this share of its words capitalised is in Title Case


def names(article: Article) -> set[str]:
    """The names in the article's headline and lead."""
    return set(_names_in(article, _headline_and_lead(article), _lower_case_words(article)))


def _weighted_names(article: Article) -> dict[str, float]:
    """Every name of the article: those of the headline and lead weigh 1, the others ``BODY_WEIGHT``.
    The headline's other words ("debate", "taxes") count too, as ``~word`` weighing ``TOPIC_WEIGHT``."""
    lead = _headline_and_lead(article)
    lowered = _lower_case_words(article)
    weights = {name: BODY_WEIGHT for name in _names_in(article, [s for s in article.sentences if s not in lead], lowered)}
    weights |= {name: 1.0 for name in _names_in(article, lead, lowered)}
    named = {_singular(w.lower()) for name in weights for w in name.split()}
    return weights | {TOPIC + word: TOPIC_WEIGHT for word in _topic_words(article.title or "") - named}


def _topic_words(headline: str) -> set[str]:
    common = lexicon.words("common_words", DATA)
    words = {w.lower().rstrip(".") for w in _WORD.findall(headline)}
    return {_singular(w) for w in words if len(w) >= _MIN_TOPIC_LETTERS and w not in common and w.isalpha()}


def _singular(word: str) -> str:
    """"taxes" -> "tax", "polls" -> "poll", "policies" -> "policy"; "congress" stays."""
    if word.endswith(("xes", "ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _names_in(article: Article, sentences: list[Span], lowered: frozenset[str]) -> list[str]:
    """``lowered``: the article's lower-case words. "Many", "What", "Former" after a quotation
    mark or colon are ordinary words; a one-word name is one the article never writes so."""
    not_names = lexicon.words("not_names", DATA)
    found = []
    for sentence in sentences:
        for match in _NAME.finditer(article.text, sentence.start, sentence.end):
            words = [_POSSESSIVE.sub("", w) for w in match.group().split()]
            if len(words) > 1 and all(w.isupper() for w in words):
                continue  # "FULL TEXT:", a shouted label
            # "CHARLOTTE - ...": a dateline's city, written in capitals.
            words = [w.capitalize() if w.isupper() and len(w) > _ACRONYM_LETTERS else w for w in words]
            opens_sentence = match.start() == sentence.start and words[0] not in not_names  # not "The Dorran"
            while words and words[0] in not_names:
                words = words[1:]
            while words and words[-1] in not_names:
                words = words[:-1]
            if not words or len(words) > _MAX_NAME_WORDS or (len(words) == 1 and (opens_sentence or words[0].lower() in lowered)):
                continue
            found.append(" ".join(words))
    return found


def _lower_case_words(article: Article) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(article.text) if w.islower())


def _headline_and_lead(article: Article) -> list[Span]:
    """The headline's sentences (none when it is in Title Case: every word is capitalised, so
    names cannot be told from the rest) and the lead's first ``LEAD_SENTENCES``."""
    title = article.title
    title_end = article.text.index(title) + len(title) if title else 0
    heading = [s for s in article.sentences if s.start < title_end]
    lead = [s for s in article.sentences if s.start >= title_end][:LEAD_SENTENCES]
    return ([] if title and _title_case(title) else heading) + lead


def _title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


@dataclass
class _Index:
    """Each article's name words weighted by rarity and place, for the cosine between articles."""

    vectors: list[dict[str, float]]
    norms: list[float]
    leads: list[frozenset[str]]  # the words of each article's headline and lead

    @classmethod
    def build(cls, found: list[dict[str, float]]) -> _Index:
        words: list[dict[str, float]] = []
        for names_ in found:
            placed: dict[str, float] = {}
            for name, weight in names_.items():
                for word in name.split():
                    placed[word] = max(placed.get(word, 0.0), weight)
            words.append(placed)
        counts = Counter(w for ws in words for w in ws)
        n = len(found)
        too_common = max(MIN_COMMON, int(COMMON_SHARE * n))
        rarity = {w: math.log(1 + n / c) for w, c in counts.items() if c <= too_common}
        vectors = [{w: rarity[w] * place for w, place in ws.items() if w in rarity} for ws in words]
        # Words of one article only are in the norm: an article that shares two names of twenty
        # is less tied than one that shares two of three.
        norms = [math.sqrt(sum(x * x for x in v.values())) for v in vectors]
        leads = [frozenset(w for w, place in ws.items() if place == 1.0) for ws in words]
        return cls([{w: x for w, x in v.items() if counts[w] >= 2} for v in vectors], norms, leads)


def group(articles: list[Article]) -> list[Story]:
    """Stories of two or more articles, largest first; ids s1, s2, ..."""
    found = [_weighted_names(a) for a in articles]
    index = _Index.build(found)
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Each word's most recent holders only: a name in thousands of articles still ties each to the
    # ones just before it, and the work stays linear in the articles.
    holders: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=MAX_POSTINGS))
    for i, vector in enumerate(index.vectors):
        # Only this article's overlaps are held at once: memory stays linear in the names.
        dot: dict[int, float] = defaultdict(float)
        shared: Counter[int] = Counter()
        for word, x in vector.items():
            for j in holders[word]:
                dot[j] += x * index.vectors[j][word]
                # A word in both headlines or leads ties as much as two elsewhere.
                shared[j] += 2 if word in index.leads[i] and word in index.leads[j] else 1
            holders[word].append(i)
        # Each article joins the story of the earlier article most like it (and of any that is
        # very like it): joining every similar one would chain a week's coverage into one story.
        similar = {j: p / (index.norms[i] * index.norms[j]) for j, p in dot.items() if shared[j] >= MIN_SHARED}
        best = max(similar, key=similar.__getitem__, default=None)
        for j, similarity in similar.items():
            if similarity >= STRONG_SIMILARITY or (j == best and similarity >= MIN_SIMILARITY):
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        members[root(i)].append(i)
    groups = sorted((m for m in members.values() if len(m) > 1), key=lambda m: (-len(m), m[0]))
    stories = []
    for n, idx in enumerate(groups, 1):
        names_, words = _ties([found[i] for i in idx], [index.vectors[i] for i in idx])
        stories.append(Story(
            id=f"s{n}", label=_label(names_ or words), articles=[articles[i].id for i in idx],
            shared=(names_ + words)[:SHARED_NAMES],
        ))
    return stories


def _ties(found: list[dict[str, float]], vectors: list[dict[str, float]]) -> tuple[list[str], list[str]]:
    """What two or more of a story's articles share, most telling first (how many give it, in
    headline and lead counting more, times how rare it is; then longer ones); after the names, the
    words of names written differently ("Chelsea Clinton" and "Chelsea"); headline words in lower case."""
    weight = {w: x for v in vectors for w, x in v.items()}

    def shared(names_per_article: list[dict[str, float]]) -> list[str]:
        place: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for names_ in names_per_article:
            place.update(names_)
            counts.update(names_.keys())

        def telling(name: str) -> tuple[float, int, str]:
            rarity = max((weight.get(w, 0.0) for w in name.split()), default=0.0)
            return (-place[name] * rarity, -len(name.split()), name)

        return sorted((n for n, c in counts.items() if c >= 2 and any(w in weight for w in n.split())), key=telling)

    names_ = shared(found)
    covered = {w for name in names_ for w in name.split()}
    words = shared([{w: x for name, x in f.items() for w in name.split() if w not in covered} for f in found])
    return [n.removeprefix(TOPIC) for n in names_], list(dict.fromkeys(_fullest(word, found) for word in words))


def _fullest(word: str, found: list[dict[str, float]]) -> str:
    """A word shared as part of names written differently, as the name most of the articles write
    ("York" of "New York" and "New York City" is "New York")."""
    holders = Counter(name for names_ in found for name in names_ if word in name.split())
    return min(holders, key=lambda name: (-holders[name], len(name.split()), name)) if holders else word


def _label(ties: list[str]) -> str:
    """The story in a reader's words: the headline words its articles share (lower case in
    ``ties``), then a few of the shared names, each saying something new and in its fullest
    shared form ("Shooting: Terence Crutcher, Tulsa", not "Crutcher, Terence Crutcher"), and
    no lone short word that is a piece of a name ("New")."""
    names_ = [t for t in ties if not t.islower() and (" " in t or t.isupper() or len(t) >= _MIN_LONE_LABEL_LETTERS)]
    named = {_singular(w.lower()) for t in names_ for w in t.split()}
    topics = [t for t in ties if t.islower() and t not in named][:LABEL_TOPICS]
    chosen: list[str] = []
    for name in names_:
        words = set(name.split())
        if any(words & set(c.split()) for c in chosen):
            continue
        fuller = [t for t in names_ if words < set(t.split())]
        chosen.append(min(fuller, key=lambda t: len(t.split())) if fuller else name)
        if len(chosen) == LABEL_NAMES:
            break
    heading = ", ".join(topics).capitalize()
    listed = ", ".join(chosen)
    return f"{heading}: {listed}" if heading and listed else heading or listed
