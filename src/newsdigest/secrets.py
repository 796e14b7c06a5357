"""Keeping secrets (API keys, SMTP passwords) out of logs, errors and output."""

from __future__ import annotations

import logging
import os
import re
from urllib.parse import unquote_plus, urlsplit

SECRET_ENV_VARS = ("OPENAI_API_KEY", "NEWSDIGEST_SMTP_PASSWORD")
# Query parameters of a base URL that carry credentials (?api_key=, ?token=, ?sig=, ...).
_SECRET_PARAMETER = re.compile(r"key|token|secret|passw|auth|sig", re.IGNORECASE)
_found_in_urls: set[str] = set()


def secret_values() -> list[str]:
    values = {v for v in (os.environ.get(name) for name in SECRET_ENV_VARS) if v and len(v) >= 4}
    return sorted(values | _found_in_urls, key=len, reverse=True)  # a secret may hold a shorter one


def keep_url_secrets(url: str | None) -> None:
    """Treat the password and credential parameters of ``url`` (a base URL, which may come
    from the command line) as secrets from now on: redacted wherever they would be shown."""
    if not url:
        return
    parts = urlsplit(url)
    found = [parts.password or ""]
    for parameter in parts.query.split("&"):
        name, _, value = parameter.partition("=")
        if _SECRET_PARAMETER.search(name):
            found.append(value)
    # As written in the URL and decoded, as a client may log either.
    _found_in_urls.update(form for value in found for form in (value, unquote_plus(value)) if len(form) >= 4)


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
