"""A real HTTP server on loopback serving the pages a test puts on it: http.server in a thread.

A test says what each path answers (``site.page(path, body, content_type=...)``, or
``site.redirect(path, to)``, or a whole ``Reply``); every other path is a 404. It records the
requests it answered. Used by the fetch and feed tests through the ``web`` fixture in conftest.py.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"  # None: no Content-Type header
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: the body ends when the connection closes
    delay_s: float = 0.0  # before the answer
    trickle_s: float = 0.0  # between the body's bytes


class Site:
    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []  # (path, headers with lower-cased names)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def page(self, path: str, body: str | bytes, content_type: str | None = "text/html; charset=utf-8", **reply: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.replies[path] = Reply(data, content_type=content_type, **reply)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        self.replies[path] = Reply(status=status, content_type=None, headers={"Location": to})
        return self.url(path)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            reply = site.replies.get(self.path, Reply(b"not here", status=404, content_type="text/plain"))
            time.sleep(reply.delay_s)
            self.send_response(reply.status)
            if reply.content_type is not None:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.send_length:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading: what a size limit does

        def _send(self, reply: Reply) -> None:
            if not reply.trickle_s:
                self.wfile.write(reply.body)
                return
            for byte in reply.body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(reply.trickle_s)

        def log_message(self, *args: object) -> None:
            pass

    return Handler
