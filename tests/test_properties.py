"""Property-based: whatever bytes, text and quotes come in, the loader and the grounding
locator either give a correct answer or (the loader only) an InputError; offsets always
slice the text they claim to. HYPOTHESIS_EXAMPLES=5000 makes a longer search."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdigest.backends.chat import grounding
from newsdigest.checks import injection
from newsdigest.errors import InputError
from newsdigest.text import article
from newsdigest.text.segment import Span

# Text that looks like articles sometimes: words, punctuation, quotes, dashes, odd spaces
# and case pairs whose lower-casing changes length.
ALPHABET = st.sampled_from(list("abc XYZ.,;!?\"'\n\r\t-") + ["\u2019", "\u201c", "\u201d", "\u2014", "\u00a0",
                                                               "\u0130", "\u00df", "\u2026", "\u00e9", "\ufeff"])
TEXTY = st.text(ALPHABET, max_size=300) | st.text(max_size=200)
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", 300)), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_article(doc: article.Article) -> None:
    assert doc.text.strip()
    assert "\r" not in doc.text
    for span in doc.sentences:
        assert 0 <= span.start < span.end <= len(doc.text)
    for warning in injection.scan(doc):
        assert 0 <= warning.start < warning.end <= len(doc.text)


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")  # a UTF-16 byte-order mark and nothing else
@example(b"<html>")
def test_loader_takes_any_bytes(data):
    try:
        doc = article.from_bytes(data, source="x", article_id="x")
    except InputError as err:
        assert str(err).startswith("x: ")
        return
    _check_article(doc)


@SETTINGS
@given(TEXTY)
def test_loader_takes_any_text(text):
    try:
        doc = article.from_text(text)
    except InputError:
        return
    _check_article(doc)


@st.composite
def text_and_quote(draw):
    text = draw(TEXTY)
    how = draw(st.sampled_from(["slice", "changed-slice", "anything"]))
    if how == "anything" or not text:
        return text, draw(TEXTY)
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, len(text)))
    quote = text[i:j]
    if how == "changed-slice":  # what a model does to a quote: case, quote marks, spacing
        quote = draw(st.sampled_from([quote.upper(), quote.lower(), quote.replace("\u2019", "'"),
                                      " ".join(quote.split()), quote.replace(" ", "  ")]))
    return text, quote


@SETTINGS
@given(text_and_quote(), st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=3))
@example(("\u0130stanbul is large", "stanbul"), [])
@example(("I said \u201chello\u201d now", '"hello"'), [])
def test_locate_returns_real_spans(case, within):
    text, quote = case
    spans = [Span(min(a, b), max(a, b)) for a, b in within]
    match = grounding.locate(text, quote, spans)
    if match is None:
        return
    assert 0 <= match.start <= match.end <= len(text)
    assert match.start < match.end  # an empty quote is never found
    found = text[match.start : match.end]
    if match.method == "exact":
        assert found == quote.strip()
    elif match.method == "normalized":
        assert grounding._normalize(found)[0] == grounding._normalize(quote.strip())[0]


@SETTINGS
@given(TEXTY)
def test_every_slice_of_the_text_is_found_exactly(text):
    for i in range(0, len(text), 7):
        quote = text[i : i + 12]
        match = grounding.locate(text, quote)
        if quote.strip():
            assert match is not None and match.method == "exact"
            assert text[match.start : match.end] == quote.strip()
