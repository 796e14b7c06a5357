"""A model's answer checked against the offline engine's reading of the same article.

Attributions:
Small models often give a reported claim as the article's own voice, or name the wrong
speaker. The offline engine reads attribution cues ("said", "according to", quotation
marks) by rule, in milliseconds, and is rarely wrong when it does name a source (precision
0.94 on PolNeAR dev) though it misses some. So where it names a source for the sentence a
model's claim rests on:

- the model gave the claim as the article's own voice, and the engine's claim covers most
  of its evidence: a sentence such as "X said ..." is not the author's assertion, so the
  attribution (and the confidence that follows from it) is taken from the engine, with a
  warning of kind ``attribution_repaired`` saying what the model had;
- otherwise, where the model named nobody or someone else, a warning of kind
  ``attribution_disagrees`` names both readings and the cue, and the model's answer stands.

Where the engine names nobody, nothing is said or changed.

Figures: where the engine finds two sentences giving incompatible figures for the same thing
("500,000 soldiers" against "millions of soldiers") and the model has claims on both but no
contradiction between them, a warning of kind ``contradiction_missed`` names the two claims
and the engine's explanation.
"""

from __future__ import annotations

import re

from newsdigest.offline import confidence
from newsdigest.offline import sources
from newsdigest.offline.engine import Reading
from newsdigest.schema import OWN_VOICE, Claim, Contradiction, Warning
from newsdigest.text.segment import shared_chars

ATTRIBUTION = "attribution_disagrees"
REPAIRED = "attribution_repaired"
CONTRADICTION = "contradiction_missed"
_CLAIM_ID = re.compile(r"\bc\d+\b")


def review(
    claims: list[Claim], contradictions: list[Contradiction], reference: Reading
) -> tuple[list[Claim], list[Warning]]:
    """The claims, own-voice attributions repaired where ``reference`` (the offline engine's
    analysis of the same article) reads a cue, and warnings for what it disputes."""
    reviewed, warnings = [], []
    opponents = confidence.opponents(contradictions)
    for claim in claims:
        claim, warning = _attribution(claim, reference.claims, opponents.get(claim.id, []))
        reviewed.append(claim)
        warnings += [warning] if warning else []
    return reviewed, warnings + _missed_contradictions(reviewed, contradictions, reference)


def _attribution(claim: Claim, reference: list[Claim], contradicted_by: list[str]) -> tuple[Claim, Warning | None]:
    # A model that corrected the engine's draft saw the engine's reading and overruled it.
    if not claim.grounded or not claim.evidence or claim.attribution.origin == "model-corrected":
        return claim, None
    other = _best_overlap(claim, reference)
    if other is None or other.attribution.source_type in OWN_VOICE:
        return claim, None
    found = other.attribution
    said = f"{found.source!r}" + (f" ({found.cue!r})" if found.cue else "")
    evidence = claim.evidence[0]

    def warning(kind: str, message: str) -> Warning:
        return Warning(kind=kind, message=message, start=evidence.start, end=evidence.end)

    own_voice = claim.attribution.source_type in OWN_VOICE or claim.attribution.mode == "author_assertion"
    if own_voice and _overlap(claim, other) * 2 >= _length(claim):
        level, reason = confidence.assess(found.source_type, found.mode, claim.hedges, contradicted_by, found.source)
        repaired = claim.model_copy(update={"attribution": found, "confidence": level, "confidence_reason": reason})
        return repaired, warning(REPAIRED, f"{claim.id} was given by the model as the article's own claim, but its "
                                 f"sentence attributes it to {said}; the attribution is taken from the sentence")
    if own_voice:
        return claim, warning(ATTRIBUTION, f"{claim.id} is given as the article's own claim, but its sentence "
                              f"attributes it to {said}; check the attribution against the text")
    if not _same_source(claim.attribution.source, found.source):
        return claim, warning(ATTRIBUTION, f"{claim.id} is attributed to {claim.attribution.source!r}, but the cue "
                              f"in its sentence points to {said}; check the attribution against the text")
    return claim, None


def _missed_contradictions(
    claims: list[Claim], contradictions: list[Contradiction], reference: Reading
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
        shared = _overlap(claim, other)
        candidate = (shared, -_length(other))
        if shared and (best is None or candidate > key):
            best, key = other, candidate
    return best


def _overlap(a: Claim, b: Claim) -> int:
    """Characters of evidence the two claims share."""
    return shared_chars(a.evidence, b.evidence)


def _length(claim: Claim) -> int:
    return sum(e.end - e.start for e in claim.evidence)


def _same_source(ours: str, theirs: str) -> bool:
    """Could two source phrases name the same source? Yes when they share a name ("Mr. Trump",
    "Donald Trump"), or when either names nobody ("he", "officials"): then there is nothing
    to tell them apart by."""
    a, b = sources.name_words(ours), sources.name_words(theirs)
    return not a or not b or bool(a & b)
