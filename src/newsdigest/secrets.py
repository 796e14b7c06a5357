"""Keeping secrets (API keys, SMTP passwords) out of logs, errors and output."""

from __future__ import annotations

import logging
import os

SECRET_ENV_VARS = ("OPENAI_API_KEY", "NEWSDIGEST_SMTP_PASSWORD")


def secret_values() -> list[str]:
    return [v for v in (os.environ.get(name) for name in SECRET_ENV_VARS) if v and len(v) >= 4]


def mask(value: str | None) -> str:
    """``sk-...abcd`` for a long key, ``set`` for a short one (its ends would give too much away)."""
    if not value:
        return "not set"
    if len(value) < 20:
        return "set"
    return f"{value[:3]}...{value[-4:]}"


def redact(text: str) -> str:
    for value in secret_values():
        text = text.replace(value, "***")
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with every secret replaced by ``***``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
