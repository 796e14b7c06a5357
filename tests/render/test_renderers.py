"""Every renderer on a real digest (the offline engine's, of an article written for these
tests): what each format must show, what untrusted article text must not do in it, and
that the JSON forms keep the contract."""

from __future__ import annotations

import email
import email.policy
import json

import pytest

from newsdigest import pipeline
from newsdigest.backends.offline import OfflineBackend
from newsdigest.digest.report import Digest, ErrorRecord
from newsdigest.offline.engine import RULES_VERSION
from newsdigest.prompts import PromptStore
from newsdigest.render import digest_renderer, renderer
from newsdigest.render.email import message
from newsdigest.render.jsonl import line
from newsdigest.schema import ArticleDigest
from newsdigest.text.article import from_text

ARTICLE = (
    "Harbour wall <b>approved</b>\n\n"
    "The council approved a new harbour wall on Monday after a long debate.\n"
    "Mayor Dana Ruiz said the wall would cost 12 million dollars [see](javascript:alert(1)).\n"
    "Critics said the plan <script>steal()</script> ignores the fishing fleet entirely.\n"
)


@pytest.fixture(scope="module")
def digest() -> ArticleDigest:
    result = pipeline.summarize(from_text(ARTICLE, article_id="harbour"), OfflineBackend(), PromptStore())
    assert len(result.claims) >= 3, "the article gives the renderers claims to show"
    return result


@pytest.fixture(scope="module")
def unverified(digest) -> ArticleDigest:
    """The same digest with its first claim's evidence not found in the article."""
    first = digest.claims[0].model_copy(update={"grounded": False})
    return digest.model_copy(update={"claims": [first, *digest.claims[1:]]})


@pytest.fixture(scope="module")
def many(digest) -> Digest:
    linked = digest.model_copy(update={"article": digest.article.model_copy(
        update={"url": "javascript:alert(1)", "published": "2024-05-06"})})
    return Digest(created="2024-05-07T08:00:00+00:00", articles=[linked],
                  errors=[ErrorRecord(id="broken", source="broken.txt", error="broken.txt: empty file", kind="input")])


def test_text_shows_every_claim_with_its_evidence_offsets_and_the_provenance(unverified):
    out = renderer("text")([unverified])
    for claim in unverified.claims:
        assert f"{claim.id} [{claim.confidence}]" in out
        evidence = claim.evidence[0]
        assert f"[{evidence.start}:{evidence.end}]" in out
    assert out.count("[UNVERIFIED:") == 1  # the rest of the mark may wrap to the next line
    assert f"offline · model rules-{RULES_VERSION} · prompt offline-rules@{RULES_VERSION}" in out


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_an_empty_contradiction_list_says_none_were_found_and_what_was_compared(digest, fmt):
    assert digest.contradictions == []
    out = renderer(fmt)([digest.model_copy(update={"article": digest.article.model_copy(update={"text": ARTICLE})})])
    assert "None found. The offline rules compare the figures and dates of the claims" in " ".join(out.split())
    assert "tokens" not in out and "attempt(s)" not in out  # the rules ask no model


def test_markdown_keeps_the_claims_article_text_from_opening_html_or_links(unverified):
    out = renderer("md")([unverified])
    claims = out[out.index("## Claims") :]
    assert "<script>" not in claims and "&lt;script&gt;" in claims and "\\[see\\]" in claims
    assert out.startswith("# Harbour wall &lt;b&gt;approved&lt;/b&gt;\n")
    assert out.count("**(unverified)**") == 1


def test_json_is_one_document_for_one_article_and_an_array_for_several(digest):
    one = json.loads(renderer("json")([digest]))
    assert ArticleDigest.model_validate(one) == digest
    assert "text" not in one["article"] and "url" not in one["article"]  # optional fields only when given
    several = json.loads(renderer("json", several=True)([digest]))
    assert isinstance(several, list) and several[0] == one


def test_a_jsonl_line_is_one_line_for_a_result_or_an_error(digest):
    result, error = line(digest), line(ErrorRecord(id="x", source="x.txt", error="x.txt: empty", kind="input"))
    assert result.endswith("\n") and result.count("\n") == 1 and error.count("\n") == 1
    assert json.loads(result)["article"]["id"] == "harbour"
    assert json.loads(error) == {"id": "x", "source": "x.txt", "error": "x.txt: empty", "kind": "input"}


def test_the_digest_as_json_keeps_each_article_in_the_per_article_form(many):
    out = json.loads(digest_renderer("json")(many))
    assert out["errors"][0]["id"] == "broken"
    assert out["articles"][0]["article"]["url"] == "javascript:alert(1)"
    assert "text" not in out["articles"][0]["article"]


def test_the_digest_as_html_escapes_article_text_and_links_only_http_urls(many):
    out = digest_renderer("html")(many)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'href="javascript' not in out
    assert "Articles that failed (1)" in out and "broken.txt: empty file" in out


def test_the_digest_as_markdown_lists_attributed_claims_before_the_articles_own(many):
    out = digest_renderer("md")(many)
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert 0 < out.index("- **Mayor Dana Ruiz** (said)") < out.index("- **the article**:")


def test_the_digest_email_has_a_plain_part_then_html_and_a_subject_of_counts_only(many):
    msg = email.message_from_string(message(many, recipients=["a@example.org"]).as_string(), policy=email.policy.default)
    assert [part.get_content_type() for part in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["Subject"] == "News digest 2024-05-07: 1 article, 1 failed"  # a count of none is left out
    assert msg["To"] == "a@example.org"


def test_the_digest_lists_key_claims_but_not_the_headlines_and_says_how_many_it_shows():
    speakers = ["Ana Ruiz", "Ben Okafor", "Carla Mendes", "Dev Patel", "Eva Lind", "Femi Ade", "Gus Berg"]
    body = "".join(f"{name} said the harbour wall would cost {i + 10} million dollars in all.\n" for i, name in enumerate(speakers))
    article = pipeline.summarize(from_text("Okafor says the harbour wall will cost millions\n\n" + body, article_id="wall"),
                                 OfflineBackend(), PromptStore())
    assert article.claims[0].evidence[0].start == 0, "the headline is read as a claim"
    md = digest_renderer("md")(Digest(created="2024-05-07T08:00:00+00:00", articles=[article], errors=[]))
    assert f"{len(article.claims)} claims, 5 shown" in md
    bullets = [line for line in md.splitlines() if line.startswith("- **")]
    assert len(bullets) == 5 and not any("millions" in line for line in bullets)
