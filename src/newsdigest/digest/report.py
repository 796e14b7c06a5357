"""The digest's own output: per-article results plus what only a set of articles shows.

Each article keeps the per-article contract (``schema.ArticleDigest``) unchanged; a digest
adds error records, stories and contradictions between articles. Its ``schema_version``
moves with ``schema.SCHEMA_VERSION``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from newsdigest.schema import SCHEMA_VERSION, ArticleDigest, ContradictionKind, Warning


class ErrorRecord(BaseModel):
    """An article that could not be digested, and why; the others are unaffected."""

    id: str
    source: str
    error: str = Field(description="one line: what went wrong and what to do")
    kind: str = Field(description="input, config, backend, model_output or internal")


class Side(BaseModel):
    """One article's side of a cross-article contradiction: a verbatim span of its text."""

    article: str = Field(description="the article's id")
    headline: str | None = Field(default=None, description="the article's headline, by which a reader knows it")
    claim: str | None = Field(default=None, description="the claim id in that article, when one covers the quote")
    quote: str
    start: int
    end: int


class CrossContradiction(BaseModel):
    kind: ContradictionKind
    explanation: str
    a: Side
    b: Side
    found_by: str = Field(description="'figures' (offline comparison) or the crosscheck prompt, e.g. 'crosscheck@1'")


class Story(BaseModel):
    id: str
    label: str = Field(default="", description="the story in a few words a reader recognises: the names its articles share most")
    articles: list[str] = Field(description="ids of the articles covering it")
    shared: list[str] = Field(description="the names and figures that tie them together")


class Digest(BaseModel):
    schema_version: str = SCHEMA_VERSION
    created: str
    contradictions: list[CrossContradiction] = []
    stories: list[Story] = []
    articles: list[ArticleDigest] = []
    errors: list[ErrorRecord] = []
    warnings: list[Warning] = Field(default=[], description="cross-article checks that could not be made")
