"""Plain text for a terminal: readable at a glance, everything checkable still shown."""

from __future__ import annotations

import shutil
import textwrap

from newsdigest.schema import ArticleDigest, Claim

# Control characters but tab and line feed, each to a visible symbol of one character (offsets
# shown beside quotes still count right): ESC and BEL in an article would otherwise start
# terminal sequences that retitle the window, write the clipboard or hide text.
_VISIBLE_CONTROLS = {
    **{code: 0x2400 + code for code in range(32) if chr(code) not in "\t\n"},  # C0: their Control Pictures
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1: no pictures exist
}


def render(digests: list[ArticleDigest]) -> str:
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    return visible_controls("\n\n".join(_one(d, width) for d in digests) + "\n")


def visible_controls(text: str) -> str:
    """``text`` for a terminal or a Markdown viewer: each control character shown, not obeyed."""
    return text.translate(_VISIBLE_CONTROLS)


def attribution_line(c: Claim) -> str:
    a = c.attribution
    parts = [f"{a.source} ({a.source_type})"]
    if a.cue:
        parts.append(f"cue {a.cue!r}")
    parts.append(a.mode.replace("_", " "))
    if c.hedges:
        parts.append("hedged: " + ", ".join(c.hedges))
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
