"""How much a reader should trust a claim, from how the article sources and hedges it.

The same rule serves every backend so that confidence means one thing in all outputs: a
claim starts from the strength of its sourcing (high only for a named, specific source on the
record) and loses a level for hedging and another for being contradicted. ``confidence_reason`` spells out each step.
"""

from __future__ import annotations

from newsdigest.offline import sources
from newsdigest.schema import Confidence, Contradiction, Mode, SourceType

_LEVELS: tuple[Confidence, ...] = ("low", "medium", "high")

_SOURCING: dict[SourceType, tuple[int, str]] = {
    "person": (2, "attributed to a named person"),
    "organization": (2, "attributed to a named organization"),
    "government": (2, "attributed to a government body"),
    "document": (2, "attributed to a document"),
    "media": (1, "attributed to media reports"),
    "author": (1, "asserted in the article's own voice without a source"),
    "anonymous": (0, "attributed to an anonymous source"),
    "unattributed": (0, "attributed to nobody identifiable"),
}


def assess(
    source_type: SourceType, mode: Mode, hedges: list[str], contradicted_by: list[str], source: str = ""
) -> tuple[Confidence, str]:
    """``source``: the source's name as given, so that only a named, specific source ("Mayor Ana
    Ruiz", "the Tax Foundation") rates high, and a vague one ("Western countries", "a report",
    "sources") medium at most."""
    level, reason = _SOURCING[source_type]
    if level > 1 and source and not sources.is_specific(source):
        level, reason = 1, f"attributed to {source!r}, a vague or unnamed source"
    reasons = [reason + (" in a direct quote" if mode == "direct_quote" else "")]
    if hedges:
        level -= 1
        reasons.append("hedged (" + ", ".join(repr(h) for h in hedges) + ")")
    if contradicted_by:
        level -= 1
        reasons.append("contradicted by " + ", ".join(contradicted_by))
    return _LEVELS[max(level, 0)], "; ".join(reasons)


def opponents(contradictions: list[Contradiction]) -> dict[str, list[str]]:
    """For each claim id, the claims it is contradicted by: ``assess``'s last argument."""
    against: dict[str, list[str]] = {}
    for contradiction in contradictions:
        for a in contradiction.claims:
            against.setdefault(a, []).extend(b for b in contradiction.claims if b != a)
    return against
