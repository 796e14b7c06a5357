"""Markdown as a CommonMark viewer (GitHub's) reads it: the quoted evidence holds only the quote."""

from __future__ import annotations

from markdown_it import MarkdownIt

from newsdigest.backends.offline import OfflineBackend
from newsdigest import pipeline
from newsdigest.prompts import PromptStore
from newsdigest.render import markdown
from newsdigest.text import article as article_io

from conftest import EXAMPLE


def _blockquotes(tokens) -> list[str]:
    quoted, depth = [], 0
    for token in tokens:
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if depth and token.type == "inline":
            quoted.append(token.content)
    return quoted


def test_the_editorial_note_is_not_inside_the_quoted_evidence():
    digest = pipeline.summarize(article_io.load(str(EXAMPLE)), OfflineBackend(), PromptStore())
    tokens = MarkdownIt("commonmark").parse(markdown.render([digest]))
    quoted = "\n".join(_blockquotes(tokens))
    assert quoted
    for claim in digest.claims:
        assert claim.confidence_reason not in quoted
        for evidence in claim.evidence:
            assert markdown.escape(evidence.quote) in quoted
