"""``summarize -f html``: the article itself, annotated, as one self-contained page.

Every claim's evidence is highlighted where it stands in the text, coloured by who says it
(a legend lists the speakers); hovering over or focusing a highlight (each takes the
keyboard focus) shows the claim's attribution, confidence and its reason, hedges and any
contradiction, in a panel (a sidebar on wide screens, at the bottom on a phone). Warnings
with offsets (loaded words, instruction-like text) are marked in place. Lists of the
claims, contradictions and warnings follow the text, linked to each other both ways.

The page has no script and loads nothing: the panels are shown by CSS alone (``:has``),
and everything taken from the article or the model is escaped by the template engine.
The text is written out exactly, so the page's text is the article's and each highlight
covers ``text[start:end]``; only evidence that is verbatim at its offsets is highlighted.
Where highlights overlap, the text is cut at every boundary and each piece is marked with
all the claims and warnings covering it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from newsdigest.render.templating import environment
from newsdigest.render.text import no_contradictions_line, provenance_line
from newsdigest.schema import ArticleDigest, Claim, Warning

# Light backgrounds that dark text stays readable on, distinct from one another and from
# the article's own voice.
PALETTE = ("#ffd8a8", "#a5d8ff", "#b2f2bb", "#eebefa", "#ffec99", "#99e9f2", "#ffc9c9", "#d0bfff", "#c0eb75", "#fcc2d7")
OWN_VOICE = "#dee2e6"
_SELF_VOICE = ("author", "unattributed")
_INSTRUCTION_KINDS = ("instruction_in_article", "claim_from_instruction")


@dataclass
class Speaker:
    label: str
    colour: str
    claims: list[int] = field(default_factory=list)  # indexes into the digest's claims


@dataclass(frozen=True)
class Piece:
    """A stretch of the text and the claims and warnings (their indexes) that cover it."""

    start: int
    end: int
    claims: tuple[int, ...]
    warnings: tuple[int, ...]


def render(digests: list[ArticleDigest]) -> str:
    """One page for the articles; each digest must carry its text (``include_text``)."""
    missing = [d.article.id for d in digests if d.article.text is None]
    if missing:
        raise ValueError(f"the HTML view needs each article's text; none for {', '.join(missing)}")
    articles = [_article_view(d, f"a{n}") for n, d in enumerate(digests)]
    title = (digests[0].article.title or digests[0].article.id) if len(digests) == 1 else f"{len(digests)} articles"
    return environment().get_template("article.html").render(title=title, articles=articles)


def speakers(claims: list[Claim]) -> tuple[list[Speaker], list[int]]:
    """The distinct speakers of the claims, each with a colour, and each claim's speaker (an index).

    A source named by fewer of the same name words ("Okafor") is the same speaker as the one
    fuller name that contains them ("Council member Tom Okafor"); a partial name that fits
    several ("Smith" beside "Ann Smith" and "Bo Smith") stays apart. Claims in the article's
    own voice share one grey.
    """
    from newsdigest.offline.sources import name_words

    names: dict[str, frozenset[str]] = {}
    for claim in claims:
        if claim.attribution.source_type not in _SELF_VOICE:
            source = claim.attribution.source
            names.setdefault(source, frozenset(name_words(source)) or frozenset([source.casefold()]))
    # The fullest form of a name stands for the others, so visit the longest names first.
    canonical: dict[str, str] = {}
    for source in sorted(names, key=lambda s: (-len(names[s]), -len(s))):
        fuller = {canonical[other] for other in canonical if names[source] <= names[other]}
        canonical[source] = fuller.pop() if len(fuller) == 1 else source
    found: dict[str, Speaker] = {}
    order: list[int] = []
    for index, claim in enumerate(claims):
        voice = claim.attribution.source_type in _SELF_VOICE
        key = "" if voice else canonical[claim.attribution.source]
        if key not in found:
            colour = OWN_VOICE if voice else PALETTE[sum(1 for k in found if k) % len(PALETTE)]
            found[key] = Speaker("the article's own voice" if voice else key, colour)
        found[key].claims.append(index)
        order.append(list(found).index(key))
    return list(found.values()), order


def pieces(length: int, spans: list[tuple[int, int, str, int]]) -> list[Piece]:
    """The text ``[0, length)`` cut at every boundary of the ``(start, end, "claim" | "warning",
    index)`` spans, each piece with the spans covering it."""
    cuts = sorted({0, length, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(kind, index) for s, e, kind, index in spans if s <= start and end <= e]
        out.append(Piece(
            start, end,
            claims=tuple(sorted({i for kind, i in covering if kind == "claim"})),
            warnings=tuple(sorted({i for kind, i in covering if kind == "warning"})),
        ))
    return out


def _article_view(digest: ArticleDigest, anchor: str) -> dict[str, Any]:
    text = digest.article.text or ""
    cast, speaker_of = speakers(digest.claims)
    spans = [
        (e.start, e.end, "claim", index)
        for index, claim in enumerate(digest.claims) if claim.grounded
        for e in claim.evidence if e.start < e.end and text[e.start : e.end] == e.quote
    ]
    spans += [
        (w.start, w.end, "warning", index)
        for index, w in enumerate(digest.warnings) if _in_text(w, len(text))
    ]
    cut = pieces(len(text), spans)
    marked = [piece for piece in cut if piece.claims or piece.warnings]
    # Where the text links go: each claim's and warning's first highlighted piece.
    first: dict[str, int] = {}
    for piece in marked:
        for tip in _tips(piece):
            first.setdefault(tip, piece.start)
    return {
        "anchor": anchor,
        "digest": digest,
        "text": _annotated(text, cut, anchor, digest, cast, speaker_of),
        "speakers": cast,
        "speaker_of": speaker_of,
        "first": first,
        "warnings_placed": any(tip.startswith("w") for tip in first),
        "index_of": {claim.id: index for index, claim in enumerate(digest.claims)},
        "opponents": _opponents(digest),
        "provenance": provenance_line(digest),
        "no_contradictions": no_contradictions_line(digest),
    }


def _tips(piece: Piece) -> list[str]:
    """The panels a piece shows: ``c<index>`` for claims, ``w<index>`` for warnings."""
    return [f"c{i}" for i in piece.claims] + [f"w{i}" for i in piece.warnings]


def _in_text(warning: Warning, length: int) -> bool:
    return warning.start is not None and warning.end is not None and 0 <= warning.start < warning.end <= length


def _opponents(digest: ArticleDigest) -> dict[int, list[tuple[int, str]]]:
    """For each claim (by index), the claims contradicting it and how: both ways."""
    index_of = {claim.id: index for index, claim in enumerate(digest.claims)}
    found: dict[int, list[tuple[int, str]]] = {}
    for contradiction in digest.contradictions:
        ids = [index_of[c] for c in contradiction.claims if c in index_of]
        for one in ids:
            found.setdefault(one, []).extend((other, contradiction.kind) for other in ids if other != one)
    return found


def _annotated(
    text: str, cut: list[Piece], anchor: str, digest: ArticleDigest, cast: list[Speaker], speaker_of: list[int]
) -> Markup:
    """The text as HTML: each covered piece a focusable ``<mark>`` naming its offsets, claims,
    warnings and the panels it shows."""
    out = []
    for piece in cut:
        words = escape(text[piece.start : piece.end])
        if not piece.claims and not piece.warnings:
            out.append(words)
            continue
        # A piece several speakers' claims cover takes the first one's colour.
        colour = cast[speaker_of[piece.claims[0]]].colour if piece.claims else "transparent"
        kinds = {digest.warnings[i].kind for i in piece.warnings}
        classes = "hl instruction" if kinds & set(_INSTRUCTION_KINDS) else "hl flagged" if kinds else "hl"
        tips = _tips(piece)
        out.append(Markup(
            '<mark id="{anchor}-at-{start}" class="{classes}" style="--hl:{colour}" tabindex="0" '
            'data-start="{start}" data-end="{end}" data-claims="{claims}" data-warnings="{warnings}" '
            'data-tips="{tips}" aria-describedby="{described}">{words}</mark>'
        ).format(
            anchor=anchor, start=piece.start, end=piece.end, classes=classes, colour=colour,
            claims=" ".join(map(str, piece.claims)), warnings=" ".join(map(str, piece.warnings)),
            tips=" ".join(tips), described=" ".join(f"{anchor}-tip-{t}" for t in tips), words=words,
        ))
    return Markup("").join(out)
