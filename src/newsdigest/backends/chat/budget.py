"""Token budgets: what a chat request takes of the model's context, and what is left to answer.

A request is its messages, plus what instructor adds (the tool definition in tools mode,
the JSON schema in the system message in json mode), plus what the model's chat template
wraps around them. Backends count with their own tokenizer where they have one (llama.cpp);
otherwise ``estimate_tokens`` over-counts on purpose: a request that is too long fails,
while one a little shorter than it could be only means a smaller chunk.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from pydantic import BaseModel

from newsdigest.errors import ContextFull

TokenCounter = Callable[[str], int]

# The context assumed for a server, whose real size an OpenAI-compatible API does not report.
DEFAULT_N_CTX = 8192
# Role markers, and the tool-use instructions some chat templates add (Qwen2.5's: ~130 tokens).
TEMPLATE_TOKENS = 200
PER_MESSAGE_TOKENS = 8
# The wording instructor's json mode puts around the schema.
SCHEMA_WRAPPER_TOKENS = 60
# An answer shorter than this cannot hold even one claim, so there is no point asking.
MIN_ANSWER_TOKENS = 256


def estimate_tokens(text: str) -> int:
    """An upper estimate without a tokenizer.

    BPE vocabularies give English news text about 4.5 characters per token; count 3. Count
    every non-ASCII character as a token of its own: scripts such as CJK come close to that.
    """
    ascii_chars = len(text.encode("ascii", "ignore"))
    return ascii_chars // 3 + (len(text) - ascii_chars) + 1


def schema_tokens(count: TokenCounter, response_model: type[BaseModel]) -> int:
    """The schema as instructor puts it in a request; json mode's indented form is the larger."""
    return count(json.dumps(response_model.model_json_schema(), indent=2)) + SCHEMA_WRAPPER_TOKENS


def request_tokens(count: TokenCounter, messages: list[dict[str, Any]], tools: Any = None) -> int:
    """Tokens of a request's prompt, re-ask turns (a previous answer and the error) included."""
    total = TEMPLATE_TOKENS
    for message in messages:
        total += PER_MESSAGE_TOKENS
        content = message.get("content")
        if isinstance(content, str):
            total += count(content)
        elif content:
            total += count(json.dumps(content, default=str))
        if message.get("tool_calls"):
            total += count(json.dumps(message["tool_calls"], default=str))
    if tools:
        total += count(json.dumps(tools, default=str))
    return total


def fit(create: Callable[..., Any], count: TokenCounter, n_ctx: int) -> Callable[..., Any]:
    """``create`` with ``max_tokens`` cut to the room its prompt leaves in an ``n_ctx`` context.

    A request that would leave less than ``MIN_ANSWER_TOKENS`` (a re-ask carrying a long
    previous answer, say) raises ``ContextFull`` instead of being sent.
    """

    def fitted(**kwargs: Any) -> Any:
        need = request_tokens(count, kwargs.get("messages", []), kwargs.get("tools"))
        room = n_ctx - need
        if room < MIN_ANSWER_TOKENS:
            raise ContextFull(
                f"a request of about {need} tokens leaves no room to answer in a {n_ctx}-token context",
                hint="raise --n-ctx if the model supports it",
            )
        kwargs["max_tokens"] = min(kwargs.get("max_tokens") or room, room)
        return create(**kwargs)

    return fitted
