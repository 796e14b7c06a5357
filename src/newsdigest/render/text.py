"""Plain text for a terminal: readable at a glance, everything checkable still shown."""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from typing import Callable

from newsdigest.schema import ArticleDigest, Claim

# Control characters but tab and line feed, each to a visible symbol of one character (offsets
# shown beside quotes still count right): ESC and BEL in an article would otherwise start
# terminal sequences that retitle the window, write the clipboard or hide text.
_VISIBLE_CONTROLS = {
    **{code: 0x2400 + code for code in range(32) if chr(code) not in "\t\n"},  # C0: their Control Pictures
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},  # C1: no pictures exist
}


_ORIGIN = {"engine": "found by the rules", "model": "found by the model", "model-corrected": "corrected by the model"}


def render(digests: list[ArticleDigest], *, colour: bool = False) -> str:
    """``colour``: ANSI colours for a terminal (headings bold, confidence and unverified claims
    coloured); the caller decides, honouring NO_COLOR and --no-color."""
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    paint = _paint if colour else _plain
    # A full-width rule between articles, so that where one ends is plain at a glance.
    rule = paint("=" * width, "2")
    return f"\n\n{rule}\n\n".join(_one(d, width, paint) for d in digests) + "\n"


_CONFIDENCE_COLOURS = {"high": "32", "medium": "33", "low": "31"}  # green, yellow, red


def visible_controls(text: str) -> str:
    """``text`` for a terminal or a Markdown viewer: each control character shown, not obeyed."""
    return text.translate(_VISIBLE_CONTROLS)


def _paint(text: str, style: str) -> str:
    return f"\x1b[{style}m{text}\x1b[0m"


def _plain(text: str, _style: str) -> str:
    return text


def warning_lines(d: ArticleDigest) -> list[tuple[str, str]]:
    """(kind, message) once each, counted: a loaded word used three times is one line, not three
    (the JSON keeps every occurrence with its offsets)."""
    counts = Counter((w.kind, w.message) for w in d.warnings)
    return [(kind, message if n == 1 else f"{message} ({n} times)") for (kind, message), n in counts.items()]


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
    line = f"{p.backend}{where} · model {p.model} · prompt {p.prompt.name}@{p.prompt.version}"
    if not p.usage.attempts:  # the rules ask no model: no tokens to count
        return line
    return f"{line} · {p.usage.prompt_tokens}+{p.usage.completion_tokens} tokens · {p.usage.attempts} attempt(s)"


def no_contradictions_line(d: ArticleDigest) -> str:
    """What an empty contradictions list means, so that "none found" is not read as "not checked"."""
    if d.provenance.backend == "offline":
        return "None found. The offline rules compare the figures and dates of the claims; a model backend also looks for other kinds."
    return "None found."


def _one(d: ArticleDigest, width: int, paint: Callable[[str, str], str]) -> str:
    # What came from the article or a server is made visible_controls before any colour is
    # painted on, so that only the colour's own escape codes reach the terminal.
    fill = lambda text, indent="  ": textwrap.fill(  # noqa: E731
        visible_controls(text), width, initial_indent=indent, subsequent_indent=indent + "  "
    )
    bold = lambda text: paint(visible_controls(text), "1")  # noqa: E731
    source = visible_controls(f"({d.article.source}, {d.article.chars} chars)")
    out = [bold(d.article.title or d.article.id), source, "", bold("SUMMARY")]
    out.append(fill(d.summary))
    out += ["", bold(f"CLAIMS ({len(d.claims)})")]
    for c in d.claims:
        mark = "" if c.grounded else "  [UNVERIFIED: evidence not found in the article]"
        # Colour goes on after wrapping, so that escape codes do not count as width.
        line = fill(f"{c.id} [{c.confidence}] {c.text}{mark}")
        line = line.replace(f"[{c.confidence}]", paint(f"[{c.confidence}]", _CONFIDENCE_COLOURS[c.confidence]), 1)
        out.append(line.replace("[UNVERIFIED:", paint("[UNVERIFIED:", "1;31")))
        out.append(fill(attribution_line(c), "       "))
        for e in c.evidence:
            out.append(fill(f"\u201c{e.quote}\u201d [{e.start}:{e.end}]", "       "))
    out += ["", bold("CONTRADICTIONS")]
    out += [fill(f"{' vs '.join(x.claims)} ({x.kind}): {x.explanation}") for x in d.contradictions] or [fill(no_contradictions_line(d))]
    if d.warnings:
        out += ["", bold("WARNINGS")]
        out += [fill(f"{kind}: {message}") for kind, message in warning_lines(d)]
    out += ["", visible_controls(provenance_line(d))]
    return "\n".join(out)
