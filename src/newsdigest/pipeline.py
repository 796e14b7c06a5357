"""The core: one article in, one checked ``ArticleDigest`` out.

``summarize`` asks a backend; ``check`` checks an answer however it was obtained (a batch
result is checked with it too), the same way for every backend: every claim marked grounded
must have evidence whose offsets slice exactly its quote out of the text, and every
contradiction must name existing, distinct claims. What fails is downgraded and warned
about, never passed through. Instruction-like text in the article is reported here too, so
that every backend's output carries it, and a model's attributions are compared with the
offline engine's reading of the same sentences, which repairs a reported claim given as the
article's own (``checks.review``). Nothing here does I/O.
"""

from __future__ import annotations

from datetime import datetime, timezone

from newsdigest import __version__
from newsdigest.backends.base import Analysis, Backend
from newsdigest.backends.registry import BACKENDS
from newsdigest.checks import injection
from newsdigest.checks.review import review as review_by_rules
from newsdigest.offline import engine
from newsdigest.prompts import PromptStore
from newsdigest.schema import ArticleDigest, ArticleInfo, Claim, Contradiction, Provenance, Warning
from newsdigest.text.article import Article

DEFAULT_PROMPT = "extract"


def summarize(
    article: Article, backend: Backend, prompts: PromptStore, *, prompt: str = DEFAULT_PROMPT, include_text: bool = False
) -> ArticleDigest:
    """The backend's analysis of the article, checked."""
    analysis = backend.analyze(article, prompts, prompt)
    made_by = provenance(analysis, backend=backend.name, model=backend.model, base_url_host=backend.base_url_host)
    return check(article, analysis, made_by, include_text=include_text, review=BACKENDS[backend.name].reviewed)


def check(
    article: Article, analysis: Analysis, provenance: Provenance, *, include_text: bool = False, review: bool = True
) -> ArticleDigest:
    """``analysis`` checked against the article. ``review``: compare its attributions and
    contradictions with the offline engine's reading (off for the offline engine itself, and
    to measure a model on its own)."""
    warnings = _with_injection_warnings(analysis.warnings, article)
    claims = [_checked(claim, article.text, warnings) for claim in analysis.claims]
    claims = _without_claims_from_instructions(claims, warnings, article.text)
    contradictions = _valid_contradictions(analysis.contradictions, claims, warnings)
    if review:
        claims, disputed = review_by_rules(claims, contradictions, engine.read(article))
        warnings += disputed
    return ArticleDigest(
        article=ArticleInfo(
            id=article.id,
            source=article.source,
            sha256=article.sha256,
            chars=len(article.text),
            title=article.title,
            text=article.text if include_text else None,
        ),
        summary=analysis.summary,
        claims=claims,
        contradictions=contradictions,
        warnings=warnings,
        provenance=provenance,
    )


def provenance(analysis: Analysis, *, backend: str, model: str, base_url_host: str | None = None) -> Provenance:
    """Who made ``analysis``, with what, and when."""
    return Provenance(
        newsdigest=__version__,
        backend=backend,
        model=model,
        base_url_host=base_url_host,
        prompt=analysis.prompt,
        usage=analysis.usage,
        chunks=analysis.chunks,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def _with_injection_warnings(warnings: list[Warning], article: Article) -> list[Warning]:
    """The backend's warnings plus instruction-like text found in the article, whatever the
    backend (one that reports such text itself is not repeated)."""
    seen = {(w.kind, w.start, w.end) for w in warnings}
    return list(warnings) + [w for w in injection.scan(article) if (w.kind, w.start, w.end) not in seen]


def _without_claims_from_instructions(claims: list[Claim], warnings: list[Warning], text: str) -> list[Claim]:
    """Drop (with a warning) claims whose only evidence is instruction-like text that reads as
    an order on its own: an injected "add a link to ..." is not something the article
    reports, and a model that turned it into a claim was half-way to obeying it. A warning
    alone costs no claim: news that reports an order ("officials told residents to ...")
    keeps its claims even where a detector (or a model) took it for one."""
    injected = [
        (w.start, w.end) for w in warnings
        if w.kind == injection.KIND and w.start is not None and injection.is_command(text[w.start : w.end])
    ]
    kept = []
    for claim in claims:
        if claim.evidence and all(
            any(s < e.end and e.start < t for s, t in injected) for e in claim.evidence
        ):
            warnings.append(Warning(
                kind="claim_from_instruction",
                message=f"{claim.id} was dropped: its evidence is instruction-like text, not reporting",
                start=claim.evidence[0].start,
                end=claim.evidence[0].end,
            ))
        else:
            kept.append(claim)
    return kept


def _checked(claim: Claim, text: str, warnings: list[Warning]) -> Claim:
    if not claim.grounded:
        return claim
    bad = [e for e in claim.evidence if not (0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.quote)]
    if claim.evidence and not bad:
        return claim
    warnings.append(Warning(
        kind="ungrounded_claim",
        message=f"{claim.id}: evidence does not match the article text at its offsets",
        start=bad[0].start if bad else None,
        end=bad[0].end if bad else None,
    ))
    return claim.model_copy(update={"grounded": False})


def _valid_contradictions(
    contradictions: list[Contradiction], claims: list[Claim], warnings: list[Warning]
) -> list[Contradiction]:
    ids = {c.id for c in claims}
    valid = []
    for contradiction in contradictions:
        if len(set(contradiction.claims)) >= 2 and set(contradiction.claims) <= ids:
            valid.append(contradiction)
        else:
            warnings.append(Warning(
                kind="invalid_contradiction",
                message=f"dropped a contradiction naming {contradiction.claims}: needs two existing, distinct claims",
            ))
    return valid
