"""Group articles that cover the same story, by the distinctive names they share.

Names are runs of capitalised words (possessives dropped; a lone capitalised word that
opens a sentence is not a name). Only distinctive names count: those in more than half of
the articles tie nothing together, nor do names in one article only. Two articles belong to one story when they share at
least ``MIN_SHARED`` distinctive names and those are at least ``MIN_OVERLAP`` of all their
distinctive names (Jaccard); without the second rule one story swallows a whole archive on
one broad topic by chaining. Stories are the connected groups.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

from newsdigest.digest import DATA
from newsdigest.digest.report import Story
from newsdigest.offline import lexicon
from newsdigest.text.article import Article

MIN_SHARED = 2
MIN_OVERLAP = 0.2
_MAX_NAME_WORDS = 4  # longer capitalised runs are headlines, not names
_NAME = re.compile(r"[A-Z][\w'\u2019.-]*[\w](?:\s+[A-Z][\w'\u2019.-]*[\w])*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def names(article: Article) -> set[str]:
    not_names = lexicon.words("not_names", DATA)
    found = set()
    for sentence in article.sentences:
        for match in _NAME.finditer(article.text, sentence.start, sentence.end):
            words = [_POSSESSIVE.sub("", w) for w in match.group().split()]
            while words and words[0] in not_names:
                words = words[1:]
            opens_sentence = match.start() == sentence.start
            if not words or len(words) > _MAX_NAME_WORDS or (len(words) == 1 and opens_sentence):
                continue
            found.add(" ".join(words))
    return found


def group(articles: list[Article]) -> list[Story]:
    """Stories of two or more articles, largest first; ids s1, s2, ..."""
    names_of = [names(a) for a in articles]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(names_of):
        for name in found:
            holders[name].append(i)
    too_common = max(2, len(articles) // 2)
    # A name in one article only ties nothing either.
    distinctive = [{n for n in found if 2 <= len(holders[n]) <= too_common} for found in names_of]
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    for name, idx in holders.items():
        if 2 <= len(idx) <= too_common:
            for pair in combinations(idx, 2):
                shared[pair].add(name)

    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), common in shared.items():
        if len(common) >= MIN_SHARED and len(common) >= MIN_OVERLAP * len(distinctive[a] | distinctive[b]):
            parent[root(a)] = root(b)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        members[root(i)].append(i)
    groups = sorted((m for m in members.values() if len(m) > 1), key=lambda m: (-len(m), m[0]))
    stories = []
    for n, idx in enumerate(groups, 1):
        counts: dict[str, int] = defaultdict(int)
        for i in idx:
            for name in distinctive[i]:
                counts[name] += 1
        ties = sorted((name for name, c in counts.items() if c >= 2), key=lambda name: (-counts[name], name))
        stories.append(Story(id=f"s{n}", articles=[articles[i].id for i in idx], shared=ties[:8]))
    return stories
