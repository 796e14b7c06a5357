"""Contradictions inside one article: two claims giving incompatible figures for one quantity."""

from __future__ import annotations

from dataclasses import dataclass

from newsdigest.offline import figures
from newsdigest.schema import Contradiction


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
        shared = ", ".join(sorted(set(self.figure_a.context) & set(self.figure_b.context)))
        return Contradiction(
            claims=[self.a.claim_id, self.b.claim_id],
            kind="numeric",
            explanation=(
                f"{self.a.claim_id} ({self.a.source}) says {_said(self.figure_a)}, {self.b.claim_id} "
                f"({self.b.source}) says {_said(self.figure_b)}: incompatible figures for "
                f"{self.figure_a.counts or self.figure_a.unit} ({shared})"
            ),
        )

    def sentence(self) -> str:
        """The conflict in words for a reader, without claim ids."""
        return (
            f"The figures disagree: {_said(self.figure_a)} ({self.a.source}) against "
            f"{_said(self.figure_b)} ({self.b.source})."
        )


def numeric(claims: list[Stated]) -> list[Conflict]:
    """The first conflicting pair of figures for each pair of claims that have one."""
    found = []
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            pair = next(((fa, fb) for fa in a.figures for fb in b.figures if figures.conflict(fa, fb)), None)
            if pair is not None:
                found.append(Conflict(a, b, *pair))
    return found


def _said(fig: figures.Figure) -> str:
    return f"'{fig.text} {fig.counts}'" if fig.counts and fig.counts not in fig.text else f"'{fig.text}'"
