"""Markdown, for notes and issue trackers."""

from __future__ import annotations

from urllib.parse import quote

from newsdigest.render.text import attribution_line, no_contradictions_line, provenance_line, visible_controls, warning_lines
from newsdigest.schema import ArticleDigest


def render(digests: list[ArticleDigest]) -> str:
    return visible_controls("\n---\n\n".join(_one(d) for d in digests))


def _one(d: ArticleDigest) -> str:
    out = [f"# {escape(d.article.title or d.article.id)}", "", f"*{escape(d.article.source)}*", "", "## Summary", ""]
    out += [escape(d.summary), "", f"## Claims ({len(d.claims)})", ""]
    for c in d.claims:
        flag = "" if c.grounded else " **(unverified)**"
        out.append(f"- **{escape(c.id)}** [{c.confidence}] {escape(c.text)}{flag}  ")
        out.append(f"  {escape(attribution_line(c))}  ")
        # The note goes before the quotes: after them, a Markdown viewer reads it as quoted text.
        out.append(f"  *{escape(c.confidence_reason)}*")
        out.append("")
        for e in c.evidence:
            out.append(f"  > {escape(e.quote)} `[{e.start}:{e.end}]`  ")
        out.append("")
    out += ["", "## Contradictions", ""]
    out += [f"- {escape(' vs '.join(x.claims))} ({x.kind}): {escape(x.explanation)}" for x in d.contradictions] or [
        no_contradictions_line(d)
    ]
    if d.warnings:
        out += ["", "## Warnings", ""]
        out += [f"- `{kind}`: {escape(message)}" for kind, message in warning_lines(d)]
    out += ["", f"<sub>{provenance_line(d)}</sub>", ""]
    return "\n".join(out)


def escape(text: str) -> str:
    # Article text is untrusted: keep it from opening HTML or links in a Markdown viewer. The
    # backslash goes first, or "\\[" in the text would escape the escape and open a link.
    return (text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
            .replace("[", "\\[").replace("]", "\\]"))


def url(link: str) -> str:
    """An http(s) URL for a Markdown autolink ``<...>``: what could end it or open markup is percent-encoded."""
    return quote(link, safe="/:?#@!$&'*+,;=%-._~")
