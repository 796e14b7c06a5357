"""A real OpenAI-compatible HTTP server on loopback, answering after a fixed delay.

It is for what the shared model server cannot do: throughput at a known latency, faults on
demand, and counting requests. It answers ``/v1/chat/completions`` with a valid
``Extraction`` (tool call in TOOLS mode, JSON content otherwise): one author-voice claim per
numbered sentence of the article, citing the sentence by number; a ``CrossCheck`` request
is answered "no contradiction". An article containing
``REJECT-ME`` is answered with HTTP 400. Used by tests and by ``benchmarks/``.

Run standalone: ``python tests/loopback_llm.py --delay 1.0`` prints its base URL.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_SENTENCE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
REJECT_MARKER = "REJECT-ME"


class LoopbackLLM:
    def __init__(self, delay_s: float = 0.0, max_claims: int = 3) -> None:
        self.delay_s = delay_s
        self.max_claims = max_claims
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> LoopbackLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, body: dict) -> tuple[int, dict]:
        user = body["messages"][-1]["content"]
        if REJECT_MARKER in user:
            return 400, {"error": {"message": "this article is rejected on purpose", "type": "invalid_request_error"}}
        if body.get("tools") and body["tools"][0]["function"]["name"] == "CrossCheck":
            return 200, self._completion(body, user, json.dumps({"contradicts": False, "kind": None, "explanation": ""}))
        sentences = _SENTENCE.findall(user)
        extraction = {
            "summary": sentences[0][1] if sentences else "",
            "claims": [
                {"id": f"c{n}", "text": text, "sentences": [int(n)], "quote": "", "source": "author",
                 "source_type": "author", "cue": "", "mode": "author_assertion", "hedges": []}
                for n, text in sentences[: self.max_claims]
            ],
            "contradictions": [],
        }
        return 200, self._completion(body, user, json.dumps(extraction))

    def _completion(self, body: dict, user: str, arguments: str) -> dict:
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}]}
        else:
            message = {"role": "assistant", "content": arguments}
        return {
            "id": f"chatcmpl-{len(self.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", ""),
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if body.get("tools") else "stop"}],
            "usage": {"prompt_tokens": len(user) // 4, "completion_tokens": len(arguments) // 4,
                      "total_tokens": (len(user) + len(arguments)) // 4},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                with server._lock:
                    server.requests.append(body)
                time.sleep(server.delay_s)
                status, payload = server.answer(body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0)
    args = parser.parse_args()
    with LoopbackLLM(args.delay) as llm:
        print(llm.base_url, flush=True)
        threading.Event().wait()
