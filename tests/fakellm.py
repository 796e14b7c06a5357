"""A real OpenAI-compatible HTTP server on loopback that answers like a careful model or misbehaves on command.

It is for what the shared model server cannot do: faults on demand, throughput at a known latency,
counting and inspecting requests. Every request waits ``delay_s``, then takes the next behaviour from
a script (``will(...)``), then the default, ``ok``:

- ``ok``: a valid ``Extraction`` (a tool call in TOOLS mode, JSON content otherwise): one author-voice
  claim per numbered sentence of the article it was sent, up to ``max_claims``, each citing its
  sentence by number (found in the request, as a real model would read it); a hybrid request (its
  schema asks for ``corrections``) is answered "the draft is right" with the first sentence as the
  summary; a ``CrossCheck`` request is answered "no contradiction"; an article containing
  ``REJECT-ME`` is answered with HTTP 400;
- ``429``/``429:N``: Too Many Requests, with ``Retry-After: N`` when N is given;
- ``500``, ``502``, ``503``: server errors;
- ``401:TEXT``: an authentication error whose body echoes TEXT (as OpenAI echoes a key);
- ``echo_auth``: HTTP 400 whose error message echoes the request's ``Authorization`` header, as a
  careless proxy does;
- ``reset``: the connection is reset before any answer;
- ``hang``: no answer at all until the client gives up;
- ``trickle``: a valid answer, status line and headers included, sent one byte every
  ``trickle_s`` (each read gets a byte long before any per-read timeout); ``trickled`` counts
  the bytes sent before the client hung up;
- ``malformed``: HTTP 200 with a body that is not JSON;
- ``html``: HTTP 200 with an HTML page, as a web server answers at a wrong base URL;
- ``huge:N``, ``huge_chunked:N``: HTTP 200 with a well-formed completion of N bytes, its
  length announced, or sent in chunks of unannounced total length;
- ``bad_schema``: a completion whose arguments lack the required ``claims``;
- ``bad_quote``: a well-formed answer whose claim quotes words that are not in the article (to a
  request with no numbered sentences, the combining one, an answer without a summary);
- ``bad_source``: a well-formed hybrid answer that names for sentence 1 a source the article does not;
- ``length``: a completion cut off by the token limit (``finish_reason: "length"``).

Used by tests (the ``fake_llm`` and ``llm_server`` fixtures in conftest.py) and by ``benchmarks/``,
which run it in its own process: ``python tests/fakellm.py --delay 1.0`` prints its base URL.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_SENTENCE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
REJECT_MARKER = "REJECT-ME"


@dataclass
class Seen:
    at: float
    body: dict
    headers: dict[str, str]  # names lower-cased


class FakeLLM:
    def __init__(self, delay_s: float = 0.0, max_claims: int = 3) -> None:
        self.delay_s = delay_s
        self.max_claims = max_claims
        self.script: deque[str] = deque()
        self.requests: list[Seen] = []
        self.trickle_s = 0.05
        self.trickled = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def will(self, *behaviours: str) -> FakeLLM:
        self.script.extend(behaviours)
        return self

    def next_behaviour(self, body: dict, headers: dict[str, str]) -> str:
        with self._lock:
            self.requests.append(Seen(time.monotonic(), body, headers))
            return self.script.popleft() if self.script else "ok"

    def gaps(self) -> list[float]:
        """Seconds between consecutive requests."""
        times = [r.at for r in self.requests]
        return [b - a for a, b in zip(times, times[1:])]

    def answer(self, body: dict) -> dict:
        """Arguments a careful model would give, cited by sentence number."""
        if body.get("tools") and body["tools"][0]["function"]["name"] == "CrossCheck":
            return {"contradicts": False, "kind": None, "explanation": ""}
        sentences = _SENTENCE.findall(article(body))
        if is_hybrid(body):
            return {"corrections": [], "missed": [], "texts": [], "contradictions": [],
                    "summary": sentences[0][1] if sentences else ""}
        return {
            "summary": sentences[0][1] if sentences else "",
            "claims": [
                {"id": f"c{n}", "text": text, "sentences": [int(n)], "quote": "", "source": "author",
                 "source_type": "author", "cue": "", "mode": "author_assertion", "hedges": []}
                for n, text in sentences[: self.max_claims]
            ],
            "contradictions": [],
        }

    def __enter__(self) -> FakeLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


def is_hybrid(body: dict) -> bool:
    """Does the request's schema (a tool, or in JSON mode the system message) ask for corrections?"""
    schema = json.dumps(body["tools"]) if body.get("tools") else body["messages"][0]["content"]
    return '"corrections"' in schema


def article(body: dict) -> str:
    """The article as sent: the first user message (re-asks come after it)."""
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def completion(body: dict, arguments: dict | str, finish_reason: str | None = None) -> dict:
    """An OpenAI chat completion: a call of the tool the request offered, or JSON content without tools."""
    arguments = arguments if isinstance(arguments, str) else json.dumps(arguments)
    if body.get("tools"):
        tool = body["tools"][0]["function"]["name"]
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": tool, "arguments": arguments}}]}
    else:
        message = {"role": "assistant", "content": arguments}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": body.get("model", "m"),
        "choices": [{
            "index": 0,
            "message": message,
            "finish_reason": finish_reason or ("tool_calls" if body.get("tools") else "stop"),
        }],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def _handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            raw = self.rfile.read(int(self.headers.get("content-length", 0)))
            body = json.loads(raw)
            behaviour, _, arg = fake.next_behaviour(body, {k.lower(): v for k, v in self.headers.items()}).partition(":")
            time.sleep(fake.delay_s)
            if behaviour == "ok" and REJECT_MARKER in article(body):
                self._json(400, _error("this article is rejected on purpose", "invalid_request_error"))
            elif behaviour == "ok":
                self._json(200, completion(body, fake.answer(body)))
            elif behaviour == "bad_schema":
                self._json(200, completion(body, {"summary": "no claims key"}))
            elif behaviour == "bad_source":
                answer = fake.answer(body)
                answer["corrections"] = [{"sentence": 1, "source": "Someone Nobody Named"}]
                self._json(200, completion(body, answer))
            elif behaviour == "bad_quote" and not fake.answer(body).get("claims"):  # the combining request
                self._json(200, completion(body, {"contradictions": "none", "note": "no summary"}))
            elif behaviour == "bad_quote":
                answer = fake.answer(body)
                answer["claims"][0]["quote"] = "words the article never used"
                self._json(200, completion(body, answer))
            elif behaviour == "length":
                cut = json.dumps(fake.answer(body))[:40]
                self._json(200, completion(body, cut, finish_reason="length"))
            elif behaviour == "html":
                self._send(200, b"<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>", "text/html")
            elif behaviour in ("huge", "huge_chunked"):
                answer = completion(body, {"summary": "x" * int(arg), "claims": [], "contradictions": []})
                if behaviour == "huge":
                    self._json(200, answer)
                else:
                    self._chunked(json.dumps(answer).encode())
            elif behaviour == "malformed":
                self._send(200, b'{"id": "chatcmpl-fake", "choices": [', "application/json")
            elif behaviour == "429":
                self._json(429, _error("rate limited"), {"Retry-After": arg} if arg else {})
            elif behaviour == "401":
                self._json(401, _error(f"Incorrect API key provided: {arg}"))
            elif behaviour == "echo_auth":
                sent = self.headers.get("authorization", "")
                self._json(400, _error(f"malformed request (headers: Authorization: {sent})", "invalid_request_error"))
            elif behaviour in ("500", "502", "503"):
                self._json(int(behaviour), _error(f"upstream failure {behaviour}"))
            elif behaviour == "reset":
                # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
            elif behaviour == "trickle":
                self._trickle(completion(body, fake.answer(body)))
            elif behaviour == "hang":
                fake._stop.wait(30)
                self.close_connection = True
            else:
                raise AssertionError(f"unknown behaviour {behaviour!r}")

        def _trickle(self, payload: dict) -> None:
            data = json.dumps(payload).encode()
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
            self.close_connection = True
            for byte in head.encode() + data:
                if fake._stop.wait(fake.trickle_s):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the client gave up
                    return
                fake.trickled += 1

        def _chunked(self, data: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for start in range(0, len(data), 65536):
                    piece = data[start : start + 65536]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:  # the client stopped reading
                self.close_connection = True

        def _json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
            self._send(status, json.dumps(payload).encode(), "application/json", headers)

        def _send(self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


def _error(message: str, kind: str = "fake_error") -> dict:
    return {"error": {"message": message, "type": kind, "code": None}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args()
    with FakeLLM(args.delay) as llm:
        print(llm.base_url, flush=True)
        threading.Event().wait()
