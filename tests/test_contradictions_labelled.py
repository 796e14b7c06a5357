"""The offline rules against a labelled set of true conflicts and look-alikes (tests/contradiction_cases.py).

Within one article the engine's own contradictions are read; across two articles, the digest's
cross-article check. A conflict is found when one contradiction pairs the two claims named by
the case; a look-alike is flagged when any contradiction is reported for it. The figures are
printed (``pytest -s``): found / conflicts and flagged / look-alikes, per set.

Measured when each set was written (see tests/contradiction_cases.py): the labelled set, on the
rules before this work, 7/25 found and 5/26 flagged; the first held-out set, on the rules tuned
on the labelled one, 8/12 and 1/12 (its misses then prompted fixes, so it is held out no longer);
the second held-out set, 7/8 and 0/8.
"""

from __future__ import annotations

import pytest
from contradiction_cases import (
    HELD_OUT_CONFLICTS,
    HELD_OUT_LOOKALIKES,
    LABELLED_CONFLICTS,
    LABELLED_LOOKALIKES,
    SECOND_HELD_OUT_CONFLICTS,
    SECOND_HELD_OUT_LOOKALIKES,
)

from newsdigest import pipeline
from newsdigest.text.article import from_text
from newsdigest.digest import crosscheck
from newsdigest.backends.offline import OfflineBackend
from newsdigest.prompts import PromptStore

MIN_FOUND = 0.8
MAX_FLAGGED = 1


def reported(texts: tuple[str, ...]) -> list[tuple[str, str]]:
    """The two quoted sides of every contradiction the offline rules report for these articles."""
    prompts = PromptStore()
    results = []
    for n, text in enumerate(texts):
        art = from_text(text, article_id=f"art{n}")
        results.append((art, pipeline.summarize(art, OfflineBackend(), prompts)))
    if len(texts) == 1:
        (_, digest), = results
        quotes = {c.id: c.evidence[0].quote for c in digest.claims}
        return [(quotes[x.claims[0]], quotes[x.claims[1]]) for x in digest.contradictions]
    _, found, _ = crosscheck.analyze(results, crosscheck.Checker(backend=None, prompts=prompts))
    return [(x.a.quote, x.b.quote) for x in found]


def found(case) -> bool:
    return any((case.a in x and case.b in y) or (case.a in y and case.b in x) for x, y in reported(case.texts))


def score(conflicts, lookalikes) -> tuple[list[str], list[str]]:
    missed = [c.name for c in conflicts if not found(c)]
    flagged = [c.name for c in lookalikes if reported(c.texts)]
    print(f"\nconflicts found {len(conflicts) - len(missed)}/{len(conflicts)}, missed: {missed}"
          f"\nlook-alikes flagged {len(flagged)}/{len(lookalikes)}: {flagged}")
    return missed, flagged


@pytest.mark.parametrize(
    ("conflicts", "lookalikes"),
    [
        (LABELLED_CONFLICTS, LABELLED_LOOKALIKES),
        (HELD_OUT_CONFLICTS, HELD_OUT_LOOKALIKES),
        (SECOND_HELD_OUT_CONFLICTS, SECOND_HELD_OUT_LOOKALIKES),
    ],
    ids=["labelled", "held-out", "second-held-out"],
)
def test_most_true_conflicts_are_found_and_look_alikes_are_not(conflicts, lookalikes):
    missed, flagged = score(conflicts, lookalikes)
    assert len(conflicts) - len(missed) >= MIN_FOUND * len(conflicts), missed
    assert len(flagged) <= MAX_FLAGGED, flagged


def test_the_set_is_as_large_as_the_issue_asks_and_covers_both_scopes():
    for scope in (1, 2):
        assert sum(len(c.texts) == scope for c in LABELLED_CONFLICTS) >= 8
        assert sum(len(c.texts) == scope for c in LABELLED_LOOKALIKES) >= 5
    assert len(LABELLED_CONFLICTS) >= 20 and len(LABELLED_LOOKALIKES) >= 20
    for case in LABELLED_CONFLICTS + HELD_OUT_CONFLICTS + SECOND_HELD_OUT_CONFLICTS:
        joined = "\n".join(case.texts)
        assert joined.count(case.a) == 1 and joined.count(case.b) == 1, case.name
