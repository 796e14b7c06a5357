"""Sending the digest e-mail over SMTP.

STARTTLS by default, implicit TLS (``ssl``) as the alternative, plain only when asked (a
local relay). Certificates are verified against the system's trust store (``SSL_CERT_FILE``
points elsewhere). The password comes from ``NEWSDIGEST_SMTP_PASSWORD`` only, never from a
flag (flags end up in shell history and process lists), and is never sent unencrypted.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr

from newsdigest.errors import DeliveryError, UsageError

PASSWORD_ENV = "NEWSDIGEST_SMTP_PASSWORD"
SECURITY = ("starttls", "ssl", "none")
_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout_s: float = 60.0

    @classmethod
    def resolve(cls, *, host: str | None, port: int | None, security: str, user: str | None, timeout_s: float = 60.0) -> SmtpSettings:
        if not host:
            raise UsageError("--to needs an SMTP server", hint="pass --smtp-host HOST")
        password = os.environ.get(PASSWORD_ENV) or None
        if user and not password:
            raise UsageError(f"--smtp-user {user} needs a password", hint=f"set {PASSWORD_ENV}")
        if password and security == "none":
            raise UsageError("refusing to send the SMTP password unencrypted", hint="drop --no-smtp-starttls or use --smtp-ssl")
        return cls(host=host, port=port, security=security, user=user, password=password, timeout_s=timeout_s)


def check_addresses(addresses: list[str]) -> list[str]:
    """Plain addresses only: a newline or a missing '@' is a mistake (or header injection)."""
    for address in addresses:
        _, parsed = parseaddr(address)
        if "@" not in parsed or any(c in address for c in "\r\n"):
            raise UsageError(f"{address!r} is not an e-mail address", hint="use a plain address like news@example.org")
    return addresses


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    port = settings.port or _DEFAULT_PORTS[settings.security]
    where = f"{settings.host}:{port}"
    context = ssl.create_default_context()
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout_s, context=context)
        else:
            client = smtplib.SMTP(settings.host, port, timeout=settings.timeout_s)
        with client:
            if settings.security == "starttls":
                client.starttls(context=context)
            if settings.user and settings.password:
                client.login(settings.user, settings.password)
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"the SMTP server {where} rejected the login", hint=f"check --smtp-user and {PASSWORD_ENV}") from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"the SMTP server {where} does not offer STARTTLS", hint="try --smtp-ssl") from exc
    except ssl.SSLError as exc:
        raise DeliveryError(f"TLS with the SMTP server {where} failed: {exc.reason or exc}",
                            hint="check the certificate (SSL_CERT_FILE) and --smtp-ssl/--smtp-starttls") from exc
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"the SMTP server {where} refused the message: {exc}") from exc
    except OSError as exc:
        raise DeliveryError(f"cannot reach the SMTP server {where}: {exc.strerror or exc}", hint="check --smtp-host and --smtp-port") from exc
    if refused:
        raise DeliveryError(f"the SMTP server {where} refused some recipients: {', '.join(sorted(refused))}")
