"""The README's command-line examples, run as written: each line of a section's ``sh`` block in
bash, with ``newsdigest`` this checkout, ``https://example.org`` a real HTTP server on loopback
serving the pages and the feed, and ``smtp.example.org`` a real SMTP server on loopback.
(The Python API's example is run by tests/test_api.py.)"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys

import pytest

from conftest import EXAMPLE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECOND = "Bridge reopens\n\nThe Elm Street bridge reopened on Friday after repairs, officials said.\n"
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Gazette</title><link>{base}/</link><description>News</description>
<item><title>Council approves budget</title><link>{base}/news/council-budget.html</link><guid>g-1</guid></item>
<item><title>Bridge reopens</title><link>{base}/b.html</link><guid>g-2</guid></item>
</channel></rss>
"""


def _block(heading: str, language: str = "sh") -> str:
    section = README.split(f"\n### {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{language}\n(.*?)```", section, re.DOTALL).group(1)


def _page(text: str) -> str:
    title, body = text.split("\n\n", 1)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


class Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def shell(tmp_path, web, smtp):
    """Runs one README line in bash where the README's names lead to real loopback servers."""
    (tmp_path / "article.txt").write_text(EXAMPLE.read_text())
    (tmp_path / "a.txt").write_text(EXAMPLE.read_text())
    (tmp_path / "b.txt").write_text(SECOND)
    web.page("/news/council-budget.html", _page(EXAMPLE.read_text()))
    web.page("/a.html", _page(EXAMPLE.read_text()))
    web.page("/b.html", _page(SECOND))
    base = web.url("")
    web.page("/feed.xml", FEED.format(base=base), content_type="application/rss+xml")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "newsdigest").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsdigest "$@"\n')
    (bin_dir / "newsdigest").chmod(0o755)
    _, smtp_port = smtp

    def run(line: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        line = line.replace("https://example.org", base)
        line = line.replace("--smtp-host smtp.example.org", f"--smtp-host 127.0.0.1 --smtp-port {smtp_port} --no-smtp-starttls")
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
        # A fresh cache for each line: the feed's entries are new to every example.
        cache = tmp_path / f"cache-{len(os.listdir(tmp_path))}"
        full_env.update(PYTHONPATH=str(ROOT / "src"), PATH=f"{bin_dir}:{full_env['PATH']}",
                        XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(cache), **(env or {}))
        return subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=tmp_path, env=full_env,
                              capture_output=True, text=True, timeout=120)

    return run


def _lines(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_using_it(shell, tmp_path):
    for line in _lines(_block_top("Using it")):
        result = shell(line)
        assert result.returncode == 0, (line, result.stderr)
    assert (tmp_path / "digest.md").read_text().startswith("# Riverton council approves budget")


def _block_top(heading: str) -> str:
    section = README.split(f"\n## {heading}\n", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def test_web_pages_and_feeds(shell, tmp_path, smtp):
    inbox, _ = smtp
    results = [(line, shell(line)) for line in _lines(_block("Web pages and feeds"))]
    for line, result in results:
        assert result.returncode == 0, (line, result.stderr)
    url_result = json.loads(results[0][1].stdout)
    assert url_result["article"]["source"].endswith("/news/council-budget.html")
    ab = (tmp_path / "ab.md").read_text()
    assert "Riverton council approves budget" in ab and "Bridge reopens" in ab
    today = (tmp_path / "today.md").read_text()
    assert "Council approves budget" in today and "Bridge reopens" in today  # the feed names its entries
    (envelope,) = inbox.envelopes  # the cron line mailed the digest, quietly
    assert envelope.rcpt_tos == ["desk@example.org"] and results[-1][1].stderr == ""


def test_the_article_annotated(shell, tmp_path):
    (line,) = _lines(_block("The article, annotated (HTML)"))
    assert shell(line).returncode == 0
    page = (tmp_path / "article.html").read_text()
    assert page.lower().startswith("<!doctype html>") and "<mark" in page and "Mayor Ana Pereira" in page


def test_one_json_shape_for_scripts(shell, tmp_path):
    first, *schemas = _lines(_block("One JSON shape for scripts"))
    result = shell(first)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"id": "a", "claims": 11}, {"id": "b", "claims": json.loads(result.stdout.splitlines()[1])["claims"]}]
    for line in schemas:
        assert shell(line).returncode == 0
    for name in ("article", "digest", "line"):
        schema = json.loads((tmp_path / f"{name}.schema.json").read_text())
        assert schema["$schema"].endswith("2020-12/schema")


def test_a_config_file(shell, tmp_path):
    config = tmp_path / "config" / "newsdigest" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(_block("A config file", "toml"))
    (line,) = _lines(_block("A config file"))
    result = shell(line)
    assert result.returncode == 0, result.stderr
    shown = {name: rest.rsplit(None, 1) for name, rest in (row.split(None, 1) for row in result.stdout.splitlines())}
    assert shown["model"] == ["qwen2.5-7b-instruct", "file"]
    assert shown["timeout_s"] == ["300", "file"]
    assert shown["cache"][0] == os.path.expanduser("~/news/results.sqlite3")
    assert shown["smtp.to"] == ["['desk@example.org']", "file"]
    assert shown["threads"] == ["-", "default"] and shown["n_ctx"] == ["-", "default"]
    assert shown["OPENAI_API_KEY"] == ["not set", "env"]


def test_the_readme_gives_one_timeout_default_the_one_the_code_has():
    from newsdigest.settings import Settings

    said = re.findall(r"`--timeout[^`]*`[^\n]*?(\d+) s\b", README) + re.findall(r"`--timeout`[^.]*?\(default (\d+) s\)", README)
    assert said and {float(s) for s in said} == {Settings.timeout_s}, said


def test_the_readme_has_no_placeholders():
    for placeholder in ("(filled in below)", "TODO", "TBD", "XXX"):
        assert placeholder not in README
