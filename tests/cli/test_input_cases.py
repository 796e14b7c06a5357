"""Every kind of input a user can hand ``summarize``: a correct result, or one line naming
the file and what to do, with the documented exit code (errors.py) and no traceback.

Bad input fails before any backend is built. Decoded inputs go through the offline engine
and HTML pages through the real OpenAI backend against a loopback server (tests/fakellm.py),
to see what the model is sent; both check that offsets index the text the output reports.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

from newsdigest.errors import InputError
from newsdigest.text import article, htmltext

ARTICLE = (
    "Café owners protest – “unfair” rules\n\n"
    "The city’s mayor said on Monday that the new rules for cafés would take effect in June. "
    "Owners called them unfair.\n"
)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Café owners protest – Daily Site</title>
<script>var tracking = "SCRIPT-TEXT";</script><style>p { color: red } /* STYLE-TEXT */</style></head>
<body><header><nav><a href="/">Home</a> <a href="/news">NAV-TEXT</a></nav></header>
<main><article><h1>Café owners protest</h1>
<p>The city’s mayor said on Monday that the new rules for cafés would take effect in June, after
a year of consultation with the owners of the city's two hundred cafés &amp; bars.</p>
<p>Owners called the rules unfair and said they would appeal against them in the courts before the summer.</p>
<p>The council is expected to vote on the final text of the rules at its meeting next month.</p>
</article></main>
<footer><p>FOOTER-TEXT © Daily Site</p></footer></body></html>
"""

BINARY = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
CONTROL_HEAVY = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"some words " * 20  # no NUL byte

BINARY_MESSAGE = "looks like a binary file, not text (give a plain-text or HTML article)"
# name, file bytes, the message after "PATH: " (exit code 3 for all)
ERRORS = [
    ("empty", b"", "is empty (give a file with article text)"),
    ("whitespace-only", b"  \n\t\r\n \n", "is empty (give a file with article text)"),
    ("binary-nul", BINARY, BINARY_MESSAGE),
    ("binary-controls", CONTROL_HEAVY, BINARY_MESSAGE),
    ("binary-high-bytes", bytes(range(128, 256)) * 40, BINARY_MESSAGE),
    ("too-large", b"word " * (article.MAX_ARTICLE_BYTES // 5 + 1),
     "larger than the 2,000,000-byte limit for one article (split it into articles)"),
    ("html-too-large", b"<html><body><p>" + b"word " * (article.MAX_HTML_BYTES // 5) + b"</p></body></html>",
     "larger than the 10,000,000-byte limit for one article (split it into articles)"),
    ("html-without-text", b"<!doctype html><html><head><script>x()</script><style>p {}</style></head><body> </body></html>",
     "an HTML page with no article text (give the article's own page)"),
    ("bad-utf16", codecs.BOM_UTF16_LE + b"a\x00b", "starts with a UTF-16 byte-order mark but is not valid UTF-16 (byte 4) (re-save it as UTF-8)"),
]


def _one_error_line(result, path: str, message: str) -> None:
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"newsdigest: error: {path}: {message}"], result.stderr


@pytest.mark.parametrize("data,message", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_bad_file(run_cli, tmp_path, data, message):
    (tmp_path / "in.txt").write_bytes(data)
    result = run_cli("summarize", "in.txt", "--backend", "offline")
    assert result.code == InputError.exit_code == 3
    _one_error_line(result, "in.txt", message)


def test_bad_stdin(run_cli):
    result = run_cli("summarize", "-", "--backend", "offline", input=BINARY)
    assert result.code == 3
    _one_error_line(result, "-", BINARY_MESSAGE)


def _fifo(tmp_path: Path) -> str:
    os.mkfifo(tmp_path / "pipe")
    return "pipe"


PATHS = [
    ("missing", lambda tmp: "nope.txt", "no such file (check the path)"),
    ("directory", lambda tmp: (tmp / "dir").mkdir() or "dir", "is a directory, not an article file (name the files inside it)"),
    ("parent-is-a-file", lambda tmp: (tmp / "f.txt").write_text("x") and "f.txt/article.txt",
     "a part of the path is a file, not a directory (check the path)"),
    # A regular file whose read fails: as root (CI) no permission bit stops a read, but the
    # kernel refuses reads of the start of a process's memory with EIO.
    ("read-fails", lambda tmp: "/proc/self/mem", "cannot be read (Input/output error) (give a regular file with article text)"),
]


@pytest.mark.parametrize("make,message", [p[1:] for p in PATHS], ids=[p[0] for p in PATHS])
def test_bad_path(run_cli, tmp_path, make, message):
    if not sys.platform.startswith("linux"):
        pytest.skip("the paths are Linux ones")
    path = make(tmp_path)
    result = run_cli("summarize", path, "--backend", "offline")
    assert result.code == 3
    _one_error_line(result, path, message)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions (see read-fails)")
def test_permission_denied(run_cli, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    result = run_cli("summarize", "secret.txt", "--backend", "offline")
    assert result.code == 3
    _one_error_line(result, "secret.txt", "permission denied (check the file's permissions)")


def test_debug_shows_the_traceback(run_cli):
    result = run_cli("summarize", "nope.txt", "--backend", "offline", "--debug")
    assert result.code == 3
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1] == "newsdigest: error: nope.txt: no such file (check the path)"


def test_a_bad_file_among_good_ones_loses_nothing(run_cli, tmp_path, fake_llm):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("summarize", "good.txt", "empty.txt", "missing.txt", "--base-url", fake_llm.base_url,
                     "--model", "m", "--format", "json")
    assert result.code == 7
    assert [d["article"]["source"] for d in json.loads(result.stdout)] == ["good.txt"]  # an array, as asked
    assert result.stderr.splitlines() == [
        "newsdigest: error: empty.txt: is empty (give a file with article text)",
        "newsdigest: error: missing.txt: no such file (check the path)",
        "newsdigest: error: 2 of 3 articles failed; the others were written",
    ]


# name, file name, bytes, the decoded text every offset indexes
DECODED = [
    ("utf-8", "a.txt", ARTICLE.encode(), ARTICLE),
    ("utf-8-bom", "a.txt", codecs.BOM_UTF8 + ARTICLE.encode(), ARTICLE),
    ("utf-16-bom", "a.txt", ARTICLE.encode("utf-16"), ARTICLE),
    ("cp1252", "a.txt", ARTICLE.encode("cp1252"), ARTICLE),
    ("latin-1", "a.txt", ARTICLE.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-").encode("latin-1"),
     ARTICLE.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-")),
    # A stray byte in UTF-8 text is read as Windows-1252 (0x96: an en dash pasted from a Windows editor).
    ("utf-8-stray-byte", "a.txt", ARTICLE.encode() + b"Owners \x96 angry.\n", ARTICLE + "Owners \u2013 angry.\n"),
    ("crlf", "a.txt", ARTICLE.replace("\n", "\r\n").encode(), ARTICLE),
    ("cr", "a.txt", ARTICLE.replace("\n", "\r").encode(), ARTICLE),
]


def _check_offsets(digest: dict) -> str:
    text = digest["article"]["text"]
    assert digest["article"]["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert digest["article"]["chars"] == len(text)
    evidence = [e for c in digest["claims"] for e in c["evidence"]]
    assert evidence
    for e in evidence:
        assert text[e["start"] : e["end"]] == e["quote"]
    return text


@pytest.mark.parametrize("name,data,expected", [d[1:] for d in DECODED], ids=[d[0] for d in DECODED])
def test_decoded(run_cli, tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    result = run_cli("summarize", name, "--backend", "offline", "--format", "json", "--include-text")
    assert result.code == 0, result.stderr
    digest = json.loads(result.stdout)
    assert _check_offsets(digest) == expected
    assert digest["article"]["title"] == expected.splitlines()[0]


def test_stdin_in_cp1252(run_cli):
    result = run_cli("summarize", "-", "--backend", "offline", "--format", "json", "--include-text",
                     input=ARTICLE.encode("cp1252"))
    assert result.code == 0, result.stderr
    assert _check_offsets(json.loads(result.stdout)) == ARTICLE


def test_text_is_left_out_unless_asked_for(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("summarize", "a.txt", "--backend", "offline", "--format", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["article"].get("text") is None


def _assert_main_text(text: str) -> None:
    assert text.splitlines()[0] == "Café owners protest"
    assert "two hundred cafés & bars" in text
    assert "appeal against them in the courts" in text
    for boilerplate in ("SCRIPT-TEXT", "STYLE-TEXT", "NAV-TEXT", "FOOTER-TEXT", "<p>"):
        assert boilerplate not in text


@pytest.mark.parametrize("name", ["page.html", "page.txt"], ids=["by-suffix", "by-content"])
def test_html_page(run_cli, tmp_path, fake_llm, name):
    (tmp_path / name).write_text(PAGE)
    result = run_cli("summarize", name, "--base-url", fake_llm.base_url, "--model", "m", "--format", "json",
                     "--include-text")
    assert result.code == 0, result.stderr
    digest = json.loads(result.stdout)
    text = _check_offsets(digest)
    _assert_main_text(text)
    assert digest["article"]["title"] == "Café owners protest"
    sent = fake_llm.requests[0].body["messages"][-1]["content"]
    assert "Owners called the rules unfair" in sent and "SCRIPT-TEXT" not in sent


def test_html_extraction_without_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now raises ImportError
    _assert_main_text(htmltext.extract(PAGE))


def test_html_extraction_with_the_extra():
    pytest.importorskip("trafilatura", reason="the optional 'html' extra is not installed")
    _assert_main_text(htmltext.extract(PAGE))


def test_plain_text_mentioning_html_is_not_extracted():
    text = "Browsers changed\n\nThe <html> tag, the reporter wrote, starts every page.\n"
    assert article.from_text(text).text == text


def test_plain_fallback_survives_broken_markup():
    page = "<html><body><article><p>Unclosed <b>bold <i>and</p><p>Second</div></article><p>Outside"
    assert htmltext._fallback(htmltext._parse(page)).splitlines() == ["Unclosed bold and", "", "Second"]
