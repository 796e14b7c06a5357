"""Articles from the web: one bounded HTTP GET per page.

A page is fetched with httpx within a total time limit, following at most
``MAX_REDIRECTS`` redirects and reading at most ``article.MAX_HTML_BYTES`` (checked as the
body arrives, so a huge or endless body costs no more than the limit). The server's content
type decides what is read: an HTML page is reduced to its main text as a saved page is
(``htmltext``), plain text is kept as it is, anything else is refused. The charset the server
declares is honoured (``article.decode``). The URL the user gave stays the article's
``source``. Every failure is a one-line ``FetchError`` naming the URL.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from newsdigest import __version__
from newsdigest.text import article as article_io
from newsdigest.text.article import Article
from newsdigest.errors import FetchError

if TYPE_CHECKING:
    import httpx

DEFAULT_TIMEOUT_S = 30.0
MAX_REDIRECTS = 5
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_USER_AGENT = f"newsdigest/{__version__}"


@dataclass(frozen=True)
class Page:
    data: bytes
    media_type: str  # e.g. "text/html"; "" when the server did not say
    charset: str | None  # as the server declared it
    content_type: str  # the whole header, for parsers that read it themselves


def is_url(spec: str) -> bool:
    return urlsplit(spec).scheme.lower() in ("http", "https")


def id_for(url: str) -> str:
    """A short article id from a URL: the last path segment without its suffix, else the host."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        return parts.hostname or url
    return PurePosixPath(segments[-1]).stem or segments[-1]


def load(source: str) -> Article:
    """An article from a URL, a path, or stdin when ``source`` is ``-``."""
    return fetch(source) if is_url(source) else article_io.load(source)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT_S, article_id: str | None = None) -> Article:
    """The article at ``url``: an HTML page's main text, or a plain-text page as it is."""
    page = download(url, accept=HTML_TYPES | TEXT_TYPES, what="an HTML page or text", timeout=timeout)
    return article_io.from_bytes(
        page.data,
        source=url,
        article_id=article_id or id_for(url),
        suffix=".html" if page.media_type in HTML_TYPES else "",
        charset=page.charset,
    )


def download(
    url: str,
    *,
    accept: frozenset[str],
    what: str,
    timeout: float = DEFAULT_TIMEOUT_S,
    limit: int = article_io.MAX_HTML_BYTES,
) -> Page:
    """The body at ``url`` if the server sends one of the ``accept`` media types (or none),
    ``what`` naming them for the error message; at most ``limit`` bytes within ``timeout`` s."""
    import httpx

    if not is_url(url):
        raise FetchError(f"{url}: not an http(s) URL", hint="give a link starting with http:// or https://")
    headers = {"User-Agent": _USER_AGENT, "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"}
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers
        ) as client, client.stream("GET", url) as response:
            _check_status(url, response)
            media_type, charset = _media_type(response)
            if media_type and media_type not in accept:
                raise FetchError(f"{url}: the server sent {media_type}, not {what}", hint="give the link to the page itself")
            data = _body(url, response, limit, deadline)
            return Page(data, media_type, charset, response.headers.get("content-type", ""))
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", hint="give the page's final address") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(
            f"{url}: no complete answer within {timeout:g} s", hint="try again later, or save the page and give the file"
        ) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"{url}: not a usable URL ({exc})", hint="check the link") from exc
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise FetchError(f"{url}: cannot be reached ({reason})", hint="check the address and the network") from exc


def _check_status(url: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    if response.status_code in (401, 403):
        hint = "the page needs a login or refuses this client; save it from a browser and give the file"
    elif response.status_code >= 500:
        hint = "the server failed; try again later"
    else:
        hint = "check the link"
    raise FetchError(f"{url}: the server answered {status}", hint=hint, status=response.status_code)


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media_type = header.partition(";")[0].strip().lower()
    return media_type, response.charset_encoding


def _body(url: str, response: httpx.Response, limit: int, deadline: float) -> bytes:
    import httpx

    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit)
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # decompressed: the limit holds for what is read
        size += len(chunk)
        if size > limit:
            raise _too_large(url, limit)
        # httpx's timeout bounds each read; a server that trickles bytes is held to the total.
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the total time limit passed", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(f"{url}: larger than the {limit:,}-byte limit for one page", hint="give the link to one article")
