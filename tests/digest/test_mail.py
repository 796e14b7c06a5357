"""Mailing the digest: a real SMTP server (aiosmtpd) on loopback, with TLS the test sets up."""

from __future__ import annotations

import datetime
import email
import email.policy
import ipaddress
import socket
import ssl

import pytest

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402

PASSWORD = "s3cret-pass-word"
ARTICLES = {
    "one": "Council passes budget\n\nThe city council approved a budget of $5 million on Tuesday, the mayor said.\n",
    "two": "Bridge reopens\n\nThe Elm Street bridge reopened on Friday after repairs, officials said.\n",
}


class Inbox:
    def __init__(self) -> None:
        self.envelopes = []
        self.tls = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        # Encrypted either way: upgraded by STARTTLS or TLS from the first byte.
        self.tls.append(session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None)
        return "250 OK"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = (auth_data.login, auth_data.password) == (b"me", PASSWORD.encode())
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1/localhost, made by the test."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(certificate):
    """STARTTLS required before AUTH, AUTH required before mail."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=_free_port(), tls_context=context, require_starttls=True,
        authenticator=_authenticate, auth_required=True, auth_require_tls=True,
    )
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _digest_args(tmp_path, llm_server, port, *extra):
    feed = tmp_path / "feed"
    feed.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (feed / f"{name}.txt").write_text(text)
    return ["digest", str(feed), "--base-url", llm_server.base_url, "--model", "m", "--no-cache", "-q",
            "--to", "desk@example.org", "--to", "editor@example.org", "--mail-from", "digest@example.org",
            "--smtp-host", "127.0.0.1", "--smtp-port", str(port), *extra]


def test_starttls_with_login_delivers_a_multipart_alternative_digest(run_cli, llm_server, smtp_server, certificate, tmp_path):
    inbox, port = smtp_server
    env = {"NEWSDIGEST_SMTP_PASSWORD": PASSWORD, "SSL_CERT_FILE": str(certificate[0])}
    result = run_cli(*_digest_args(tmp_path, llm_server, port, "--smtp-user", "me"), env=env)
    assert result.code == 0, result.stderr
    assert result.stderr == ""  # -q: the "digest mailed to" notice too
    assert result.stdout == ""  # with --to and no -o the digest is only mailed
    assert PASSWORD not in result.stdout + result.stderr
    (envelope,) = inbox.envelopes
    assert inbox.tls == [True]
    assert envelope.mail_from == "digest@example.org"
    assert envelope.rcpt_tos == ["desk@example.org", "editor@example.org"]
    msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.get_payload()] == ["text/plain", "text/html"]
    assert msg["Subject"].startswith("News digest ") and "2 articles" in msg["Subject"]
    for part in msg.get_payload():
        assert "Council passes budget" in part.get_content() and "Bridge reopens" in part.get_content()


def test_a_wrong_password_is_a_delivery_error(run_cli, llm_server, smtp_server, certificate, tmp_path):
    _, port = smtp_server
    env = {"NEWSDIGEST_SMTP_PASSWORD": "wrong-password", "SSL_CERT_FILE": str(certificate[0])}
    result = run_cli(*_digest_args(tmp_path, llm_server, port, "--smtp-user", "me"), env=env)
    assert result.code == 8 and "rejected the login" in result.stderr
    assert "wrong-password" not in result.stderr and "Traceback" not in result.stderr


def test_an_untrusted_certificate_is_refused(run_cli, llm_server, smtp_server, tmp_path):
    inbox, port = smtp_server
    result = run_cli(*_digest_args(tmp_path, llm_server, port, "--smtp-user", "me"),
                     env={"NEWSDIGEST_SMTP_PASSWORD": PASSWORD})
    assert result.code == 8 and "TLS with the SMTP server" in result.stderr
    assert inbox.envelopes == []


def test_implicit_tls_with_smtp_ssl(run_cli, llm_server, certificate, tmp_path):
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(*map(str, certificate))
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), ssl_context=server_context)
    controller.start()
    try:
        result = run_cli(*_digest_args(tmp_path, llm_server, controller.port, "--smtp-ssl"),
                         env={"SSL_CERT_FILE": str(certificate[0])})
    finally:
        controller.stop()
    assert result.code == 0, result.stderr
    assert len(inbox.envelopes) == 1 and inbox.tls == [True]
