"""Contradictions inside one article: two claims giving incompatible figures (or dates) for one quantity.

What counts as one quantity is ``figures.same_quantity``'s rule. Candidate pairs come from
``figures.candidates``: figures grouped by what they measure, each compared with a bounded
number of earlier ones, so a long article costs time linear in its figures.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass

from newsdigest.offline import figures
from newsdigest.schema import Contradiction

_WORD = re.compile(r"[\w'\u2019-]+")


@dataclass(frozen=True)
class Stated:
    """A claim's id, who it is attributed to, and the figures its evidence gives."""

    claim_id: str
    source: str
    figures: list[figures.Figure]


@dataclass(frozen=True)
class Conflict:
    a: Stated
    b: Stated
    figure_a: figures.Figure
    figure_b: figures.Figure

    def contradiction(self) -> Contradiction:
        return Contradiction(
            claims=[self.a.claim_id, self.b.claim_id],
            kind="temporal" if self.figure_a.date else "numeric",
            explanation=(
                f"{self.a.claim_id} ({self.a.source}) says {said(self.figure_a)}, {self.b.claim_id} "
                f"({self.b.source}) says {said(self.figure_b)}: {measure(self.figure_a, self.figure_b)}"
            ),
        )

    def sentence(self) -> str:
        """The conflict in words for a reader, without claim ids."""
        what = "dates" if self.figure_a.date else "figures"
        return (
            f"The {what} disagree: {said(self.figure_a)} ({self.a.source}) against "
            f"{said(self.figure_b)} ({self.b.source})."
        )


def numeric(claims: list[Stated]) -> list[Conflict]:
    """The first conflicting pair of figures for each pair of claims that has one."""
    # Figures are paired only within their key (``figures.candidates``), and only two different
    # values (or dates) can conflict: the figures of a key that gives one value, as every key no
    # other figure shares does, are left out unread (``figures.Figure.reading``). In a long article
    # that is most of the figures that repeat. Figures that count nothing pair with none.
    values: defaultdict[tuple[str | None, str | None], set[tuple[object, ...]]] = defaultdict(set)
    for claim in claims:
        for fig in claim.figures:
            values[fig.key].add((fig.value, fig.low, fig.high, fig.date))
    items = [
        (claim, unsaid(fig, claim.source)) for claim in claims for fig in claim.figures
        if fig.key != (None, None) and len(values[fig.key]) > 1
    ]
    found: dict[tuple[str, str], Conflict] = {}
    for (claim_a, fig_a), (claim_b, fig_b) in figures.candidates(items):
        pair = (claim_a.claim_id, claim_b.claim_id)
        if claim_a is not claim_b and pair not in found and figures.conflict(fig_a, fig_b):
            found[pair] = Conflict(claim_a, claim_b, fig_a, fig_b)
    return sorted(found.values(), key=lambda c: (c.figure_a.start, c.figure_b.start))


def unsaid(fig: figures.Figure, source: str) -> figures.Figure:
    """The figure without its speaker's name among the names it concerns: "Smith said 40 died"
    and "Jones said 60 died" are about the same dead."""
    speaker = fig.names.intersection(_WORD.findall(source))
    if not speaker:
        return fig
    reading = fig.reading._replace(names=fig.names - speaker)
    return dataclasses.replace(fig, read=lambda: reading)


def said(fig: figures.Figure) -> str:
    """'millions of soldiers', '$5 million', 'on Tuesday': the figure as a reader recognises it."""
    return f"'{fig.text} {fig.counts}'" if fig.counts and fig.counts not in fig.text else f"'{fig.text}'"


def measure(a: figures.Figure, b: figures.Figure) -> str:
    """What the two figures both measure, in words."""
    shared = [w for w in a.context if w in b.context and w != a.counts]
    about = f" ({' '.join(shared)})" if shared else ""
    if a.date:
        return f"two dates for one event{about}"
    return f"incompatible figures for {a.counts or a.unit}{about}"
