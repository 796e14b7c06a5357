"""User-facing errors.

Every failure a user can cause or fix is a ``NewsdigestError`` subclass carrying a one-line
message and the process exit status; ``cli.main`` prints the message and exits with the status
in one place. Exit statuses are documented in README.md ("Exit codes"); keep the two in step.
"""

from __future__ import annotations

from enum import IntEnum

from newsdigest.secrets import redact


class ExitStatus(IntEnum):
    """Every exit status of the command line."""

    OK = 0
    INTERNAL = 1  # a bug: the traceback is one --debug away
    USAGE = 2
    INPUT = 3
    CONFIG = 4
    BACKEND = 5
    MODEL_OUTPUT = 6
    PARTIAL = 7
    DELIVERY = 8
    OUTPUT = 9
    INTERRUPTED = 130


class NewsdigestError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""

    exit_code = ExitStatus.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        # Messages quote what servers answered, and a server may echo the API key back: an
        # error is shown, logged, put in error records and cached, so it never holds a secret.
        message, hint = redact(message), hint and redact(hint)
        self.message = message
        self.hint = hint
        super().__init__(message if not hint else f"{message} ({hint})")


class UsageError(NewsdigestError):
    """Options that contradict each other or name something that does not exist."""

    exit_code = ExitStatus.USAGE


class InputError(NewsdigestError):
    """An article that cannot be read: missing, a directory, empty, binary, too large."""

    exit_code = ExitStatus.INPUT


class FetchError(InputError):
    """A web page or feed that cannot be read: an HTTP error status, too large, not HTML or
    text, too many redirects, unreachable or timing out."""

    def __init__(self, message: str, *, hint: str | None = None, status: int | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status  # the HTTP status the server answered, when it answered


class ConfigError(NewsdigestError):
    """The backend is misconfigured: no model named, missing optional extra, bad model file."""

    exit_code = ExitStatus.CONFIG


class ContextFull(ConfigError):
    """A request to the model would leave no room for its answer in the context window."""


class BackendError(NewsdigestError):
    """The model server failed after retries: unreachable, timing out, rejecting requests."""

    exit_code = ExitStatus.BACKEND


class ModelOutputError(NewsdigestError):
    """The model's answers never matched the schema within the re-ask budget."""

    exit_code = ExitStatus.MODEL_OUTPUT


class AnswerCutOff(ModelOutputError):
    """The model's answer reached the token limit before it was complete."""

    def __init__(self, message: str, *, hint: str | None = None, usage: object = None) -> None:
        super().__init__(message, hint=hint)
        self.usage = usage  # what the cut-off attempt cost, for the usage total


class PartialFailure(NewsdigestError):
    """Some articles of several failed; the others' results were written."""

    exit_code = ExitStatus.PARTIAL


class DeliveryError(NewsdigestError):
    """The digest was made but could not be sent: SMTP server unreachable, refused, TLS failed."""

    exit_code = ExitStatus.DELIVERY


class OutputError(NewsdigestError):
    """The output could not be written: a full disk, a closed stdout, a directory named as the file."""

    exit_code = ExitStatus.OUTPUT


def first_line(value: object, limit: int = 200) -> str:
    """The first line of ``value``'s text, at most ``limit`` characters: enough of a server's or
    a library's message for a one-line error ("" if it says nothing)."""
    text = str(value).strip()
    return text.splitlines()[0][:limit] if text else ""
