"""Articles from URLs (text.fetch), against a real HTTP server on loopback."""

from __future__ import annotations

import gzip
import socket

import pytest

from newsdigest.text.article import MAX_HTML_BYTES
from newsdigest.errors import FetchError, InputError
from newsdigest.text import fetch

PAGE = """<!doctype html>
<html><head><title>Council passes budget</title><script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article><h1>Council passes budget</h1>
<p>The city council approved a budget of 12 million euros on Tuesday.</p>
<p>"This budget protects every library," Mayor Ana Pereira said.</p>
</article><footer>Copyright the Gazette</footer></body></html>
"""


def _fails(url: str, **options: object) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch.fetch(url, **options)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value) and str(caught.value).startswith(url)
    assert caught.value.exit_code == 3
    return caught.value


def test_an_html_page_becomes_its_main_text_with_the_url_as_source(web):
    url = web.page("/news/council-budget.html?ref=rss", PAGE)
    article = fetch.fetch(url)
    assert article.source == url
    assert article.id == "council-budget"
    assert article.title == "Council passes budget"
    assert "approved a budget of 12 million euros" in article.text
    assert "Mayor Ana Pereira said." in article.text
    assert "tracking" not in article.text and "Politics" not in article.text and "Copyright" not in article.text
    path, headers = web.requests[0]
    assert path == "/news/council-budget.html?ref=rss"
    assert headers["user-agent"].startswith("newsdigest/") and "text/html" in headers["accept"]


def test_plain_text_is_kept_as_it_is_and_load_takes_urls_and_paths(web, tmp_path):
    body = "Plain report.\n\nThe <b>tags</b> here are text, not markup.\n"
    url = web.page("/report.txt", body, content_type="text/plain; charset=utf-8")
    assert fetch.fetch(url).text == body
    saved = tmp_path / "saved.txt"
    saved.write_text(body)
    assert fetch.load(url).text == fetch.load(str(saved)).text == body


def test_a_page_without_a_content_type_is_judged_by_its_content(web):
    assert "12 million euros" in fetch.fetch(web.page("/untyped", PAGE, content_type=None)).text


def test_the_charset_the_server_declares_is_honoured(web):
    # Latin-1 bytes, declared only in the header (no <meta>): é, ü, and cp1252's curly quotes,
    # which the web writes under the Latin-1 name.
    body = "<html><body><p>\x93Caf\xe9 in Z\xfcrich\x94 is open again, the owner said.</p></body></html>"
    data = body.encode("latin-1")
    latin = fetch.fetch(web.page("/latin1", data, content_type="text/html; charset=ISO-8859-1")).text
    assert latin == "\u201cCaf\u00e9 in Z\u00fcrich\u201d is open again, the owner said."
    # The same letters declared as Greek decode as Greek: the header decides, not a guess.
    data = data.replace(b"\x93", b"").replace(b"\x94", b"")  # C1 controls in ISO-8859-7
    greek = fetch.fetch(web.page("/greek", data, content_type="text/html; charset=iso-8859-7")).text
    assert greek == "Caf\u03b9 in Z\u03ccrich is open again, the owner said."


def test_utf8_is_read_as_utf8_whatever_charset_the_server_declares(web):
    url = web.page("/mislabelled", "<p>Na\u00efve caf\u00e9 owners agreed.</p>".encode(), content_type="text/html; charset=us-ascii")
    assert fetch.fetch(url).text == "Na\u00efve caf\u00e9 owners agreed."


def test_redirects_are_followed_and_the_given_url_stays_the_source(web):
    final = web.page("/2024/budget", PAGE)
    first = web.redirect("/short", "/moved", status=302)
    web.redirect("/moved", final)
    article = fetch.fetch(first)
    assert article.source == first and "12 million euros" in article.text
    assert [path for path, _ in web.requests] == ["/short", "/moved", "/2024/budget"]


def test_a_redirect_loop_stops_after_the_limit(web):
    loop = web.redirect("/loop", "/loop")
    err = _fails(loop)
    assert f"more than {fetch.MAX_REDIRECTS} redirects" in str(err)
    assert len(web.requests) == fetch.MAX_REDIRECTS + 1


@pytest.mark.parametrize(("status", "words", "hint"), [
    (404, "HTTP 404 Not Found", "check the link"),
    (403, "HTTP 403 Forbidden", "needs a login"),
    (503, "HTTP 503 Service Unavailable", "try again later"),
])
def test_an_error_status_is_named(web, status, words, hint):
    url = web.page("/answer", "<p>nothing here</p>", status=status)
    err = _fails(url)
    assert words in str(err) and hint in str(err) and err.status == status


def test_a_missing_page_is_a_404(web):
    assert _fails(web.url("/nowhere")).status == 404


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf", "application/octet-stream"])
def test_content_that_is_not_html_or_text_is_refused_unread(web, content_type):
    err = _fails(web.page("/file", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, content_type=content_type))
    assert f"the server sent {content_type}, not an HTML page or text" in str(err)


def test_binary_bytes_sent_as_html_are_refused(web):
    with pytest.raises(InputError, match="binary"):
        fetch.fetch(web.page("/lies", bytes(range(256)) * 40, content_type="text/html"))


def test_a_body_over_the_limit_is_refused_whether_or_not_its_length_is_declared(web):
    huge = b"<p>" + b"a" * MAX_HTML_BYTES + b"</p>"
    for path, declared in (("/declared", True), ("/undeclared", False)):
        err = _fails(web.page(path, huge, send_length=declared))
        assert f"larger than the {MAX_HTML_BYTES:,}-byte limit" in str(err)


def test_the_limit_holds_for_the_decompressed_body(web):
    bomb = gzip.compress(b"<p>" + b" " * (MAX_HTML_BYTES + 1))
    assert len(bomb) < 100_000
    err = _fails(web.page("/bomb", bomb, headers={"Content-Encoding": "gzip"}))
    assert "byte limit" in str(err)


def test_a_compressed_page_is_read(web):
    url = web.page("/gz", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    assert "12 million euros" in fetch.fetch(url).text


def test_an_unreachable_server_is_one_line(web):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = _fails(f"http://127.0.0.1:{port}/article")
    assert "cannot be reached" in str(err) and err.status is None


def test_a_slow_server_times_out(web):
    err = _fails(web.page("/slow", PAGE, delay_s=3), timeout=0.3)
    assert "no complete answer within 0.3 s" in str(err)


def test_a_server_that_trickles_is_held_to_the_total_time(web):
    # Each byte comes well within the read timeout; the whole page does not come within the total.
    err = _fails(web.page("/drip", PAGE, trickle_s=0.02), timeout=0.5)
    assert "no complete answer within 0.5 s" in str(err)


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "http://", "notaurl"])
def test_what_is_not_an_http_url_is_refused(url):
    with pytest.raises(FetchError, match="URL"):
        fetch.download(url, accept=fetch.HTML_TYPES, what="a page")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/news/council-budget.html", "council-budget"),
    ("https://example.org/2024/05/12345/", "12345"),
    ("https://example.org/", "example.org"),
    ("https://example.org/a%20b.htm?x=1#top", "a b"),
])
def test_ids_come_from_the_url(url, expected):
    assert fetch.id_for(url) == expected
