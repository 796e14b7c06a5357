"""Plain text for a terminal: readable at a glance, everything checkable still shown."""

from __future__ import annotations

import shutil
import textwrap

from newsdigest.schema import ArticleDigest, Claim


_ORIGIN = {"engine": "read by the engine", "model": "read by the model", "model-corrected": "corrected by the model"}


def render(digests: list[ArticleDigest]) -> str:
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    return "\n\n".join(_one(d, width) for d in digests) + "\n"


def attribution_line(c: Claim) -> str:
    a = c.attribution
    parts = [f"{a.source} ({a.source_type})"]
    if a.cue:
        parts.append(f"cue {a.cue!r}")
    parts.append(a.mode.replace("_", " "))
    if c.hedges:
        parts.append("hedged: " + ", ".join(c.hedges))
    if a.origin:
        parts.append(_ORIGIN[a.origin])
    return " · ".join(parts)


def provenance_line(d: ArticleDigest) -> str:
    p = d.provenance
    where = f" @ {p.base_url_host}" if p.base_url_host else ""
    return (
        f"{p.backend}{where} · model {p.model} · prompt {p.prompt.name}@{p.prompt.version} · "
        f"{p.usage.prompt_tokens}+{p.usage.completion_tokens} tokens · {p.usage.attempts} attempt(s)"
    )


def _one(d: ArticleDigest, width: int) -> str:
    fill = lambda text, indent="  ": textwrap.fill(  # noqa: E731
        text, width, initial_indent=indent, subsequent_indent=indent + "  "
    )
    out = [d.article.title or d.article.id, f"({d.article.source}, {d.article.chars} chars)", "", "SUMMARY"]
    out.append(fill(d.summary))
    out += ["", f"CLAIMS ({len(d.claims)})"]
    for c in d.claims:
        mark = "" if c.grounded else "  [UNVERIFIED: evidence not found in the article]"
        out.append(fill(f"{c.id} [{c.confidence}] {c.text}{mark}"))
        out.append(fill(attribution_line(c), "       "))
        for e in c.evidence:
            out.append(fill(f"\u201c{e.quote}\u201d [{e.start}:{e.end}]", "       "))
    if d.contradictions:
        out += ["", "CONTRADICTIONS"]
        out += [fill(f"{' vs '.join(x.claims)} ({x.kind}): {x.explanation}") for x in d.contradictions]
    if d.warnings:
        out += ["", "WARNINGS"]
        out += [fill(f"{w.kind}: {w.message}") for w in d.warnings]
    out += ["", provenance_line(d)]
    return "\n".join(out)
