"""User-facing errors.

Every failure a user can cause or fix is a ``NewsdigestError`` subclass carrying a one-line
message and the process exit code; ``cli.py`` prints the message and exits with the code in
one place. Exit codes are documented in README.md ("Exit codes"); keep the two in step.
"""

from __future__ import annotations

from newsdigest.secrets import redact


class NewsdigestError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        # Messages quote what servers answered, and a server may echo the API key back: an
        # error is shown, logged, put in error records and cached, so it never holds a secret.
        message, hint = redact(message), hint and redact(hint)
        self.message = message
        self.hint = hint
        super().__init__(message if not hint else f"{message} ({hint})")


class UsageError(NewsdigestError):
    """Options that contradict each other or name something that does not exist."""

    exit_code = 2


class InputError(NewsdigestError):
    """An article that cannot be read: missing, a directory, empty, binary, too large."""

    exit_code = 3


class ConfigError(NewsdigestError):
    """The backend is misconfigured: no model named, missing optional extra, bad model file."""

    exit_code = 4


class ContextFull(ConfigError):
    """A request to the model would leave no room for its answer in the context window."""


class BackendError(NewsdigestError):
    """The model server failed after retries: unreachable, timing out, rejecting requests."""

    exit_code = 5


class ModelOutputError(NewsdigestError):
    """The model's answers never matched the schema within the re-ask budget."""

    exit_code = 6


class AnswerCutOff(ModelOutputError):
    """The model's answer reached the token limit before it was complete."""

    def __init__(self, message: str, *, hint: str | None = None, usage: object = None) -> None:
        super().__init__(message, hint=hint)
        self.usage = usage  # what the cut-off attempt cost, for the usage total


class PartialFailure(NewsdigestError):
    """Some articles of several failed; the others' results were written."""

    exit_code = 7


class DeliveryError(NewsdigestError):
    """The digest was made but could not be sent: SMTP server unreachable, refused, TLS failed."""

    exit_code = 8


class OutputError(NewsdigestError):
    """The output could not be written: a full disk, a closed stdout, a directory named as the file."""

    exit_code = 9
