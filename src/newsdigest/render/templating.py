"""What the digest templates (HTML, Markdown, e-mail) share: the Jinja2 environment and the view.

Templates are package data in ``render/templates/``. HTML templates are autoescaped:
article text, titles and ids are untrusted and must never become markup. Links are kept
only for http(s) URLs, so an input cannot smuggle in ``javascript:`` links.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsdigest.digest.report import Digest
from newsdigest.render import markdown
from newsdigest.schema import OWN_VOICE, ArticleDigest, Claim

KEY_CLAIMS = 5
# A digest meant for reading stays readable whatever the number of articles: the largest
# stories with a few articles each, the first of every other list, and counts of the rest
# (the json and jsonl formats carry everything).
MAX_STORIES = 20
MAX_PER_STORY = 10
MAX_LISTED = 30  # other articles, contradictions, failed articles, warnings


@lru_cache(maxsize=None)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = markdown.escape
    env.filters["md_url"] = markdown.url
    env.filters["http_url"] = http_url
    env.filters["plural"] = plural
    return env


def render(template: str, digest: Digest) -> str:
    return environment().get_template(template).render(view(digest))


def view(digest: Digest) -> dict[str, Any]:
    by_id = {a.article.id: a for a in digest.articles}
    in_story = {article_id for story in digest.stories for article_id in story.articles}
    others = [a for a in digest.articles if a.article.id not in in_story]
    hidden_stories = digest.stories[MAX_STORIES:]
    return {
        "digest": digest,
        "subject": subject(digest),
        "stories": [
            (s, [by_id[i] for i in s.articles[:MAX_PER_STORY] if i in by_id], max(0, len(s.articles) - MAX_PER_STORY))
            for s in digest.stories[:MAX_STORIES]
        ],
        "more_stories": len(hidden_stories),
        "articles_in_more_stories": sum(len(s.articles) for s in hidden_stories),
        "others": others[:MAX_LISTED],
        "more_others": max(0, len(others) - MAX_LISTED),
        "contradictions": digest.contradictions[:MAX_LISTED],
        "more_contradictions": max(0, len(digest.contradictions) - MAX_LISTED),
        "errors": digest.errors[:MAX_LISTED],
        "more_errors": max(0, len(digest.errors) - MAX_LISTED),
        "warnings": digest.warnings[:MAX_LISTED],
        "more_warnings": max(0, len(digest.warnings) - MAX_LISTED),
        "key_claims": key_claims,
        "claims_note": claims_note,
    }


def subject(digest: Digest) -> str:
    """Counts only (no article text goes into a mail header); a count of none is left out."""
    parts = [plural(len(digest.articles), "article")]
    if digest.stories:
        parts.append(f"{len(digest.stories)} stor{'ies' if len(digest.stories) != 1 else 'y'} told by several articles")
    if digest.contradictions:
        parts.append(f"{plural(len(digest.contradictions), 'contradiction')} between articles")
    if digest.errors:
        parts.append(f"{len(digest.errors)} failed")
    return f"News digest {digest.created[:10]}: {', '.join(parts)}"


def key_claims(article: ArticleDigest) -> list[Claim]:
    """The attributed, grounded claims first (who says what is the point), then the rest, in
    article order; a claim read from the headline is left out, as the headline is shown above."""
    ranked = sorted(
        (c for c in article.claims if not _from_headline(c, article)),
        key=lambda c: (c.attribution.source_type in OWN_VOICE, not c.grounded),
    )
    return ranked[:KEY_CLAIMS]


def claims_note(article: ArticleDigest) -> str:
    """'9 claims, 5 shown' where the digest lists only the key ones."""
    shown = len(key_claims(article))
    total = plural(len(article.claims), "claim")
    return total if shown == len(article.claims) else f"{total}, {shown} shown"


def _from_headline(claim: Claim, article: ArticleDigest) -> bool:
    title = article.article.title
    return bool(title and claim.evidence and claim.evidence[0].start < len(title) and claim.evidence[0].quote in title)


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def http_url(url: str | None) -> str | None:
    return url if url and urlparse(url).scheme in ("http", "https") else None
