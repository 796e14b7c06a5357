"""A real HTTP server on loopback that speaks the OpenAI chat API and misbehaves on command.

Each request takes the next behaviour from a script (then the default, ``ok``):

- ``ok``: a well-formed tool-call completion that grounds one claim in sentence 1 of the
  article it was sent (found in the request, as a real model would read it);
- ``429``/``429:N``: Too Many Requests, with ``Retry-After: N`` when N is given;
- ``500``, ``502``, ``503``: server errors;
- ``401:TEXT``: an authentication error whose body echoes TEXT (as OpenAI echoes a key);
- ``reset``: the connection is reset before any answer;
- ``hang``: no answer at all until the client gives up;
- ``malformed``: HTTP 200 with a body that is not JSON;
- ``bad_schema``: a completion whose arguments lack the required ``claims``;
- ``bad_quote``: a well-formed answer whose claim quotes words that are not in the article;
- ``length``: a completion cut off by the token limit (``finish_reason: "length"``).
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

_SENTENCE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)


@dataclass
class Seen:
    at: float
    body: dict
    headers: dict[str, str]  # names lower-cased


class FakeLLM:
    def __init__(self) -> None:
        self.script: deque[str] = deque()
        self.requests: list[Seen] = []
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

    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


def completion(body: dict, arguments: dict | str, finish_reason: str = "tool_calls") -> dict:
    """An OpenAI chat completion calling the tool the request offered."""
    tool = body["tools"][0]["function"]["name"]
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": body.get("model", "m"),
        "choices": [{
            "index": 0,
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [{
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": tool, "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)},
                }],
            },
            "finish_reason": finish_reason,
        }],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def grounded_answer(body: dict) -> dict:
    """Arguments a careful model would give: one claim, cited by sentence number."""
    article = next(m["content"] for m in body["messages"] if m["role"] == "user")  # re-asks come after it
    first = _SENTENCE.search(article)
    sentence = first.group(2) if first else ""
    return {
        "summary": f"The article reports: {sentence[:200]}",
        "claims": [{
            "id": "c1", "text": sentence[:200], "sentences": [1], "quote": "",
            "source": "author", "source_type": "author", "cue": "", "mode": "author_assertion", "hedges": [],
        }],
        "contradictions": [],
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
            if behaviour == "ok":
                self._json(200, completion(body, grounded_answer(body)))
            elif behaviour == "bad_schema":
                self._json(200, completion(body, {"summary": "no claims key"}))
            elif behaviour == "bad_quote":
                answer = grounded_answer(body)
                answer["claims"][0]["quote"] = "words the article never used"
                self._json(200, completion(body, answer))
            elif behaviour == "length":
                cut = json.dumps(grounded_answer(body))[:40]
                self._json(200, completion(body, cut, finish_reason="length"))
            elif behaviour == "malformed":
                self._send(200, b'{"id": "chatcmpl-fake", "choices": [', "application/json")
            elif behaviour == "429":
                self._json(429, _error("rate limited"), {"Retry-After": arg} if arg else {})
            elif behaviour == "401":
                self._json(401, _error(f"Incorrect API key provided: {arg}"))
            elif behaviour in ("500", "502", "503"):
                self._json(int(behaviour), _error(f"upstream failure {behaviour}"))
            elif behaviour == "reset":
                # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
            elif behaviour == "hang":
                fake._stop.wait(30)
                self.close_connection = True
            else:
                raise AssertionError(f"unknown behaviour {behaviour!r}")

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


def _error(message: str) -> dict:
    return {"error": {"message": message, "type": "fake_error", "code": None}}


@pytest.fixture
def fake_llm():
    server = FakeLLM().start()
    yield server
    server.stop()
