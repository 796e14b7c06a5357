"""Article text, file names, JSONL metadata and model answers are untrusted in every output.

Markdown is rendered to HTML with a real CommonMark parser (markdown-it-py, which rich
brings) to see what a viewer would make of it: no raw HTML, no javascript: link. Text for a
terminal must not carry the control characters that start terminal sequences.
"""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from markdown_it import MarkdownIt

# The fake model's summary and claim are its first sentence, the offline engine's the second.
HOSTILE = (
    "Council vote: read \\[the plan\\](javascript:alert(2)) and [the budget](javascript:alert(3)) "
    "<script>alert(1)</script>\n\n"
    "The mayor <img src=x onerror=alert(4)> said on Tuesday that \x1b]0;owned\x07the council "
    "\x1b[8mhid this\x1b[0m approved 5 million dollars, officials said.\n"
)
NAME = "<img src=x onerror=alert(5)>.txt"
URL = "https://news.example/a?b=1><script>alert(6)</script>"


def _as_html(markdown: str) -> str:
    """As the most permissive viewer would show it: raw HTML passed through, any link scheme kept."""
    parser = MarkdownIt("commonmark", {"html": True})
    parser.validateLink = lambda url: True
    return parser.render(markdown)


def _assert_inert(markdown: str) -> None:
    html = _as_html(markdown).lower()
    assert 'href="javascript' not in html and "<script" not in html and "<img" not in html, html


def _assert_no_controls(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x07\x9b"), repr(text)


@pytest.mark.parametrize("backend", ["offline", "openai"])
def test_summarize_markdown_and_text_are_inert(run_cli, fake_llm, tmp_path, backend):
    (tmp_path / NAME).write_text(HOSTILE)
    fake_llm.max_claims = 3  # every sentence a claim
    model = ["--backend", backend] + (["--base-url", fake_llm.base_url, "--model", "m"] if backend == "openai" else [])
    markdown = run_cli("summarize", NAME, "-f", "md", *model)
    assert markdown.code == 0, markdown.stderr
    assert "the plan" in markdown.stdout  # the summary is there, escaped
    _assert_inert(markdown.stdout)
    _assert_no_controls(markdown.stdout)
    text = run_cli("summarize", NAME, "-f", "text", *model)
    assert text.code == 0, text.stderr
    _assert_no_controls(text.stdout)
    assert "\u241b]0;owned\u2407" in text.stdout  # shown, not obeyed


def test_digest_markdown_and_email_are_inert(run_cli, tmp_path):
    records = [{"id": "a", "text": HOSTILE, "url": URL, "title": "<b>Title</b> [x](javascript:alert(7))"}]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    markdown = run_cli("digest", "feed.jsonl", "-f", "md", "--backend", "offline", "--quiet")
    assert markdown.code == 0, markdown.stderr
    assert "news.example" in markdown.stdout
    _assert_inert(markdown.stdout)
    _assert_no_controls(markdown.stdout)
    mail = run_cli("digest", "feed.jsonl", "-f", "eml", "--backend", "offline", "--quiet")
    assert mail.code == 0, mail.stderr
    message = email.message_from_string(mail.stdout, policy=email.policy.default)
    plain = message.get_body(("plain",)).get_content()
    _assert_inert(plain)
    _assert_no_controls(plain)
    assert "<script" not in message.get_body(("html",)).get_content()


def test_error_lines_on_stderr_show_controls_instead_of_obeying_them(run_cli, tmp_path):
    result = run_cli("summarize", "missing\x1b]0;owned\x07.txt", "--backend", "offline")
    assert result.code == 3
    assert "missing\u241b]0;owned\u2407.txt: no such file" in result.stderr
    _assert_no_controls(result.stderr)
