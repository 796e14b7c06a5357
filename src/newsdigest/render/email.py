"""The digest as an e-mail: multipart/alternative, plain text (Markdown) first, HTML second.

Mail clients show the last alternative they can render, so HTML goes second and the
plain part is for everything else. The subject is built from the date and counts only,
never from article text.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from newsdigest.digest.report import Digest
from newsdigest.render import digest_md, html
from newsdigest.render.templating import subject
from newsdigest.secrets import redact

DEFAULT_SENDER = "newsdigest@localhost"


def message(digest: Digest, *, sender: str = DEFAULT_SENDER, recipients: list[str] | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = subject(digest)
    msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    # Redacted here, not on the way out: a part's transfer encoding (base64) would hide a secret.
    msg.set_content(redact(digest_md.render(digest)))
    msg.add_alternative(redact(html.render(digest)), subtype="html")
    return msg


def render(digest: Digest) -> str:
    return message(digest).as_string()
