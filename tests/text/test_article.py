"""Article files that once lost letters or paragraphs: mixed encodings, and HTML that
trafilatura cuts short. Real files, read as the commands read them."""

from __future__ import annotations

import pytest

from newsdigest.text import article as article_io


@pytest.mark.parametrize("parts,expected", [
    # Latin-1 then UTF-8, about half and half: was decoded whole as cp775 ("Montrķal").
    ([("Le maire de Montréal a dit que le café était fermé. ", "latin-1"), ("Les résidents ont protesté.\n", "utf-8")],
     "Le maire de Montréal a dit que le café était fermé. Les résidents ont protesté.\n"),
    # Mostly UTF-8: the Latin-1 letters were each replaced by U+FFFD.
    ([("Residents of Montréal said the café closed. ", "latin-1"), ("The mayor of Zürich — said “yes” and “no”.\n", "utf-8")],
     "Residents of Montréal said the café closed. The mayor of Zürich — said “yes” and “no”.\n"),
    ([("São Paulo: a votação começou.\n", "latin-1"), ("“Sim”\n", "utf-8")], "São Paulo: a votação começou.\n“Sim”\n"),
    # A whole text in a legacy encoding is still detected as such, not read as pasted Latin-1.
    ([("Київ: міська рада ухвалила бюджет. Мер сказав, що він справедливий і потрібний.\n", "cp1251")],
     "Київ: міська рада ухвалила бюджет. Мер сказав, що він справедливий і потрібний.\n"),
])
def test_utf8_text_with_latin1_pasted_in_keeps_every_letter(tmp_path, parts, expected):
    (tmp_path / "mixed.txt").write_bytes(b"".join(text.encode(encoding) for text, encoding in parts))
    assert article_io.load(str(tmp_path / "mixed.txt")).text == expected


@pytest.mark.parametrize("layout", ["unclosed", "nested"])
def test_an_html_article_is_not_cut_short_by_unclosed_or_deeply_nested_elements(tmp_path, layout):
    pytest.importorskip("trafilatura")  # the built-in extractor never had the problem
    paragraphs = [f"Paragraph {n}: the council said on Tuesday that item {n} of the budget would rise by {n} percent."
                  for n in range(400)]
    body = "".join(f"<div><p>{p}</p>" for p in paragraphs)  # not one <div> closed
    if layout == "nested":
        body += "</div>" * len(paragraphs)  # closed, but 400 levels deep
    page = f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(page)
    text = article_io.load(str(tmp_path / "page.html")).text
    assert all(p in text for p in paragraphs)  # trafilatura alone kept 253 of the 400


def test_a_headline_cut_short_loses_its_dangling_punctuation():
    assert article_io.from_text("Lawmaker urges retaliation on Russia; \n\nThe body.\n").title == "Lawmaker urges retaliation on Russia"
    assert article_io.from_text(";\n\nThe body.\n").title is None
