"""The output contract, schema_version "1".

Other tools and ``benchmarks/polnear-dev/score.py`` read these names: renaming or removing a
field is a breaking change and needs a new ``SCHEMA_VERSION``. Every backend, the offline
engine included, produces an ``ArticleDigest``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"

SourceType = Literal[
    "person", "organization", "government", "media", "document", "anonymous", "author", "unattributed"
]
Mode = Literal["direct_quote", "reported", "author_assertion"]
Confidence = Literal["high", "medium", "low"]
ContradictionKind = Literal["numeric", "factual", "temporal", "framing"]

# The source of a claim the article makes in its own voice, whatever the backend.
AUTHOR = "the article"
# Source types that name nobody besides the article itself.
OWN_VOICE: frozenset[SourceType] = frozenset({"author", "unattributed"})


class ArticleInfo(BaseModel):
    id: str
    source: str = Field(description="the path the article was read from, or '-' for stdin")
    sha256: str = Field(description="SHA-256 of the decoded text that offsets index")
    chars: int
    title: str | None = None
    text: str | None = Field(default=None, description="the decoded text, with --include-text")
    url: str | None = Field(default=None, description="given with the article in a digest's JSONL input")
    published: str | None = Field(default=None, description="given with the article in a digest's JSONL input")


class Attribution(BaseModel):
    source: str
    source_type: SourceType
    cue: str = ""
    mode: Mode


class Evidence(BaseModel):
    quote: str
    start: int
    end: int


class Claim(BaseModel):
    id: str
    text: str
    attribution: Attribution
    evidence: list[Evidence]
    hedges: list[str] = []
    confidence: Confidence
    confidence_reason: str
    grounded: bool


class Contradiction(BaseModel):
    claims: list[str]
    kind: ContradictionKind
    explanation: str


class Warning(BaseModel):  # noqa: A001 - the contract's name for it
    kind: str
    message: str
    start: int | None = None
    end: int | None = None


class PromptInfo(BaseModel):
    name: str
    version: str
    sha256: str


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    attempts: int = 0


class Provenance(BaseModel):
    newsdigest: str
    backend: str
    model: str
    base_url_host: str | None = None
    prompt: PromptInfo
    usage: Usage = Usage()
    chunks: int = 1
    created: str


class ArticleDigest(BaseModel):
    schema_version: Literal["1"] = SCHEMA_VERSION
    article: ArticleInfo
    summary: str
    claims: list[Claim]
    contradictions: list[Contradiction] = []
    warnings: list[Warning] = []
    provenance: Provenance
