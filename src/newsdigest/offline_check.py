"""A model's answer checked against the offline engine's reading of the same article.

Attributions:
Small models often give a reported claim as the article's own voice, or name the wrong
speaker. The offline engine reads attribution cues ("said", "according to", quotation
marks) by rule, in milliseconds, and is rarely wrong when it does name a source (precision
0.94 on PolNeAR dev) though it misses some. So where it names a source for the sentence a
model's claim rests on, and the model named nobody or someone else, the claim gets a
warning of kind ``attribution_disagrees`` naming both readings and the cue; where the engine
names nobody, nothing is said. The model's answer itself is left as it is: the reader sees
which attributions to check, and neither reading is passed off as the other.

Figures: where the engine finds two sentences giving incompatible figures for the same thing
("500,000 soldiers" against "millions of soldiers") and the model has claims on both but no
contradiction between them, a warning of kind ``contradiction_missed`` names the two claims
and the engine's explanation.
"""

from __future__ import annotations

import re

from newsdigest.offline import lexicon
from newsdigest.backends.base import Analysis
from newsdigest.schema import Claim, Contradiction, Warning

ATTRIBUTION = "attribution_disagrees"
CONTRADICTION = "contradiction_missed"
_OWN_VOICE = frozenset({"author", "unattributed"})
_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]*")
_ARTICLES = frozenset({"the", "a", "an"})
_CLAIM_ID = re.compile(r"\bc\d+\b")


def check(claims: list[Claim], contradictions: list[Contradiction], reference: Analysis) -> list[Warning]:
    """Warnings where ``reference`` (the offline engine's analysis of the same article)
    disputes a model's attributions or finds a contradiction the model did not list."""
    return _attributions(claims, reference.claims) + _missed_contradictions(claims, contradictions, reference)


def _attributions(claims: list[Claim], reference: list[Claim]) -> list[Warning]:
    """One warning per grounded claim whose attribution the reference claims contradict."""
    warnings = []
    for claim in claims:
        if not claim.grounded or not claim.evidence:
            continue
        other = _best_overlap(claim, reference)
        if other is None or other.attribution.source_type in _OWN_VOICE:
            continue
        said = f"{other.attribution.source!r}" + (f" ({other.attribution.cue!r})" if other.attribution.cue else "")
        if claim.attribution.source_type in _OWN_VOICE or claim.attribution.mode == "author_assertion":
            message = f"{claim.id} is given as the article's own claim, but its sentence attributes it to {said}"
        elif not _same_source(claim.attribution.source, other.attribution.source):
            message = (f"{claim.id} is attributed to {claim.attribution.source!r}, but the cue in its sentence "
                       f"points to {said}")
        else:
            continue
        evidence = claim.evidence[0]
        warnings.append(Warning(kind=ATTRIBUTION, message=message + "; check the attribution against the text",
                                start=evidence.start, end=evidence.end))
    return warnings


def _missed_contradictions(
    claims: list[Claim], contradictions: list[Contradiction], reference: Analysis
) -> list[Warning]:
    listed = {frozenset(c.claims) for c in contradictions}
    by_id = {claim.id: claim for claim in reference.claims}
    warnings = []
    for found in reference.contradictions:
        ours = [_best_overlap(by_id[ref], claims) for ref in found.claims]
        if None in ours or len({claim.id for claim in ours}) != 2 or frozenset(c.id for c in ours) in listed:
            continue
        a, b = ours
        # The engine's explanation names its own claim ids; the reader knows the model's.
        ids = dict(zip(found.claims, (a.id, b.id), strict=True))
        explanation = _CLAIM_ID.sub(lambda m: ids.get(m.group(), m.group()), found.explanation)
        evidence = a.evidence[0]
        warnings.append(Warning(
            kind=CONTRADICTION, start=evidence.start, end=evidence.end,
            message=f"{a.id} and {b.id} may contradict each other, which the model did not list "
            f"({found.kind}: {explanation})",
        ))
    return warnings


def _best_overlap(claim: Claim, candidates: list[Claim]) -> Claim | None:
    """The grounded candidate whose evidence shares the most characters with the claim's; of
    equals, the one with the least evidence besides (a claim on that sentence alone, rather
    than one citing the whole lead)."""
    best, key = None, (0, 0)
    for other in (c for c in candidates if c.grounded):
        shared = sum(
            max(0, min(a.end, b.end) - max(a.start, b.start)) for a in claim.evidence for b in other.evidence
        )
        candidate = (shared, -sum(e.end - e.start for e in other.evidence))
        if shared and (best is None or candidate > key):
            best, key = other, candidate
    return best


def _same_source(ours: str, theirs: str) -> bool:
    """Could two source phrases name the same source? Yes when they share a name ("Mr. Trump",
    "Donald Trump"), or when either names nobody ("he", "officials"): then there is nothing
    to tell them apart by."""
    a, b = _names(ours), _names(theirs)
    return not a or not b or bool(a & b)


def _names(phrase: str) -> set[str]:
    """The capitalised words of a source phrase, titles and articles aside."""
    return {
        word.casefold() for word in _CAPITALISED.findall(phrase)
    } - lexicon.words("titles") - _ARTICLES
