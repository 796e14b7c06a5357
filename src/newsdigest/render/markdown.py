"""Markdown, for notes and issue trackers."""

from __future__ import annotations

from newsdigest.render.text import attribution_line, provenance_line, warning_lines
from newsdigest.schema import ArticleDigest


def render(digests: list[ArticleDigest]) -> str:
    return "\n---\n\n".join(_one(d) for d in digests)


def _one(d: ArticleDigest) -> str:
    out = [f"# {escape(d.article.title or d.article.id)}", "", f"*{d.article.source}*", "", "## Summary", "", d.summary, ""]
    out += [f"## Claims ({len(d.claims)})", ""]
    for c in d.claims:
        flag = "" if c.grounded else " **(unverified)**"
        out.append(f"- **{c.id}** [{c.confidence}] {escape(c.text)}{flag}  ")
        out.append(f"  {attribution_line(c)}  ")
        # The note goes before the quotes: after them, a Markdown viewer reads it as quoted text.
        out.append(f"  *{c.confidence_reason}*")
        out.append("")
        for e in c.evidence:
            out.append(f"  > {escape(e.quote)} `[{e.start}:{e.end}]`  ")
        out.append("")
    if d.contradictions:
        out += ["", "## Contradictions", ""]
        out += [f"- {' vs '.join(x.claims)} ({x.kind}): {escape(x.explanation)}" for x in d.contradictions]
    if d.warnings:
        out += ["", "## Warnings", ""]
        out += [f"- `{kind}`: {escape(message)}" for kind, message in warning_lines(d)]
    out += ["", f"<sub>{provenance_line(d)}</sub>", ""]
    return "\n".join(out)


def escape(text: str) -> str:
    # Article text is untrusted: keep it from opening HTML or links in a Markdown viewer.
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")
