"""One structured-output exchange with a chat model, through instructor.

Shared by every chat backend (HTTP and in-process): the backend supplies a plain
``create(**kwargs)`` that returns an OpenAI-shaped chat completion; this module patches it
with instructor, runs the validation re-asks, sums token usage over all attempts, and, when
the re-ask budget runs out, salvages the last answer leniently so that no claim is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from pydantic import BaseModel, ValidationError

from newsdigest.errors import AnswerCutOff, ContextFull, ModelOutputError, NewsdigestError, first_line
from newsdigest.schema import Usage
from newsdigest.settings import Settings

M = TypeVar("M", bound=BaseModel)

MODES = ("tools", "json")


@dataclass
class Result:
    value: BaseModel
    usage: Usage
    exhausted: bool  # the re-ask budget ran out and ``value`` was salvaged leniently


def structured(
    create: Callable[..., Any],
    settings: Settings,
    *,
    messages: list[dict[str, str]],
    response_model: type[M],
    context: dict[str, Any],
    reasks: int,
) -> Result:
    """The model's answer to ``messages`` as ``response_model``, re-asked at most ``reasks``
    times when it fails validation."""
    import instructor
    from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
    from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

    mode = _mode(settings.mode)
    if settings.mode == "json" and settings.schema_in_response_format:
        create = _with_schema(create, response_model.model_json_schema())
    patched = instructor.patch(create=create, mode=mode)
    attempts = Retrying(
        stop=stop_after_attempt(reasks + 1),
        retry=retry_if_exception_type((ValidationError, json.JSONDecodeError)),
        reraise=True,
    )
    try:
        value = patched(
            messages=messages,
            response_model=response_model,
            context=context,
            max_retries=attempts,
            **_sampling(settings),
        )
    except IncompleteOutputException as exc:
        raise AnswerCutOff(
            f"the model's answer was cut off at {settings.max_tokens} tokens",
            hint="raise --max-tokens, or --n-ctx if the context was full",
            usage=_usage(getattr(exc.last_completion, "usage", None), 1),
        ) from exc
    except InstructorRetryException as exc:
        # A re-ask that no longer fits the context ends the re-asks like an exhausted budget.
        no_room = isinstance(exc.__cause__, ContextFull) and exc.last_completion is not None
        if isinstance(exc.__cause__, NewsdigestError) and not no_room:  # not a bad answer
            raise exc.__cause__ from None
        usage = _usage(exc.total_usage, exc.n_attempts - (1 if no_room else 0))
        # The last answer validated leniently: ungroundable claims kept and flagged.
        salvaged = _validated(exc.last_completion, response_model, {**context, "strict": False})
        if salvaged is None:
            cause = exc.__cause__ or exc
            raise ModelOutputError(
                f"the model gave no valid answer in {exc.n_attempts} attempts: "
                f"{first_line(cause, 300) or type(cause).__name__}",
                hint="try a larger model or another --prompt version",
            ) from exc
        return Result(salvaged, usage, exhausted=True)
    return Result(value, _usage(getattr(value, "_total_usage", None), attempts.statistics["attempt_number"]), False)


def _with_schema(create: Callable[..., Any], schema: dict[str, Any]) -> Callable[..., Any]:
    def create_with_schema(**kwargs: Any) -> Any:
        if kwargs.get("response_format", {}).get("type") == "json_object":
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        return create(**kwargs)

    return create_with_schema


class _Captured(NewsdigestError):
    """Carries a request out of ``structured``; a NewsdigestError so it passes through unchanged."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__("request captured")
        self.body = body


def request_body(
    settings: Settings, *, messages: list[dict[str, str]], response_model: type[BaseModel], context: dict[str, Any]
) -> dict[str, Any]:
    """The first request ``structured`` sends, for batch APIs: captured from the same code path,
    so it is exactly what a live call would send (pass the same ``context``: instructor's
    JSON mode words the request differently without one)."""

    def capture(**body: Any) -> Any:
        raise _Captured(body)

    try:
        structured(capture, settings, messages=messages, response_model=response_model, context=context,
                   reasks=settings.reasks)
    except _Captured as captured:
        return captured.body
    raise AssertionError("unreachable: the capturing create function always raises")


def parse_completion(completion: Any, response_model: type[M], context: dict[str, Any]) -> Result:
    """Validate a completion received elsewhere (a batch result): strictly, else leniently.

    There is no re-ask here; an answer that only passes leniently is marked ``exhausted``.
    """
    for strict in (True, False):
        value = _validated(completion, response_model, {**context, "strict": strict})
        if value is not None:
            usage = getattr(completion, "usage", None)
            return Result(value, _usage(usage, 1), exhausted=not strict)
    raise ModelOutputError(
        "the model's answer does not match the schema", hint="no re-ask is possible for a batch result"
    )


def _mode(name: str) -> Any:
    import instructor

    return {"tools": instructor.Mode.TOOLS, "json": instructor.Mode.JSON}[name]


def _sampling(settings: Settings) -> dict[str, Any]:
    return {
        "model": settings.model,
        "max_tokens": settings.max_tokens,
        "temperature": settings.temperature,
        "seed": settings.seed,
    }


def _validated(completion: Any, response_model: type[M], context: dict[str, Any]) -> M | None:
    """A completion's answer validated with ``context`` (strict or lenient), or None if it cannot be."""
    try:
        message = completion.choices[0].message
        if message.tool_calls:
            raw = message.tool_calls[0].function.arguments
        else:
            raw = _strip_fences(message.content or "")
        return response_model.model_validate_json(raw, context=context)
    except (AttributeError, IndexError, TypeError, ValueError):
        return None


def _strip_fences(content: str) -> str:
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if start >= 0 else content


def _usage(total: Any, attempts: int) -> Usage:
    return Usage(
        prompt_tokens=getattr(total, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(total, "completion_tokens", 0) or 0,
        attempts=attempts,
    )
