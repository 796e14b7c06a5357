"""digest as the daily cron job runs it: feeds (nothing new is fine), inputs that do not exist,
a mail server that is down (the digest is kept), and the progress line."""

from __future__ import annotations

import json
import re
import socket

from conftest import EXAMPLE
from newsdigest.digest.inputs import Item
from newsdigest.digest.progress import Progress
from newsdigest.digest.runner import Outcome

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Gazette</title><link>http://gazette.invalid/</link><description>News</description>
<item><title>Council passes budget</title><link>http://gazette.invalid/budget</link><guid>gazette-1</guid>
  <content:encoded><![CDATA[<p>The council approved a budget of 12 million euros, Mayor Ana Pereira said.</p>]]></content:encoded></item>
<item><title>Bridge reopens</title><link>http://gazette.invalid/bridge</link><guid>gazette-2</guid>
  <content:encoded><![CDATA[<p>The old bridge reopened on Monday, the transport office said.</p>]]></content:encoded></item>
</channel></rss>
"""


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_feed_is_digested_once_and_a_feed_with_nothing_new_is_not_a_failure(run_cli, tmp_path, web):
    url = web.page("/rss.xml", FEED, content_type="application/rss+xml")
    cache = str(tmp_path / "cache.db")
    first = run_cli("digest", "--feed", url, "--cache", cache, "-f", "jsonl")
    assert first.code == 0, first.stderr
    assert sorted(json.loads(line)["article"]["title"] for line in first.stdout.splitlines()) == [
        "Bridge reopens", "Council passes budget"]
    again = run_cli("digest", "--feed", url, "--cache", cache, "-f", "md")
    assert again.code == 0, again.stderr
    assert again.stdout == "" and "nothing new to digest" in again.stderr
    assert run_cli("digest", "--feed", url, "--cache", cache, "-q").stderr == ""


def test_feeds_and_files_together(run_cli, tmp_path):
    (tmp_path / "feed.xml").write_text(FEED)
    result = run_cli("digest", str(EXAMPLE), "--feed", "feed.xml", "--feed", "feed.xml", "--no-cache", "-f", "jsonl")
    assert result.code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 2 + 2


def test_nothing_to_digest_is_a_usage_mistake(run_cli):
    result = run_cli("digest")
    assert result.code == 2 and "nothing to digest" in result.stderr


def test_no_input_that_exists_fails_like_summarize(run_cli, tmp_path):
    result = run_cli("digest", "/nope", "--no-cache", "-f", "md")
    assert result.code == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == "newsdigest: error: /nope: no such file (check the path)"
    several = run_cli("digest", "/nope", "/nada", "--no-cache", "-f", "jsonl")
    assert several.code == 3 and "none of the 2 inputs could be read" in several.stderr
    # One input that exists among missing ones: the usual partial failure.
    assert run_cli("digest", "/nope", str(EXAMPLE), "--no-cache", "-f", "md").code == 7


def test_a_failed_mail_keeps_the_digest_in_a_file_the_error_names(run_cli, tmp_path):
    result = run_cli("digest", str(EXAMPLE), "--no-cache", "--to", "desk@example.org", "--smtp-host", "127.0.0.1",
                     "--smtp-port", str(_closed_port()), "--no-smtp-starttls",
                     env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.code == 8, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    kept = re.search(r"the digest is kept in (\S+\.eml)", line)
    assert kept and "cannot reach the SMTP server" in line, line
    text = open(kept.group(1), encoding="utf-8").read()
    assert kept.group(1).startswith(str(tmp_path / "cache"))
    assert "To: desk@example.org" in text and "Riverton" in text


def test_a_failed_mail_with_an_output_file_names_that_file(run_cli, tmp_path):
    out = tmp_path / "digest.eml"
    result = run_cli("digest", str(EXAMPLE), "--no-cache", "--to", "desk@example.org", "--smtp-host", "127.0.0.1",
                     "--smtp-port", str(_closed_port()), "--no-smtp-starttls", "-o", str(out))
    assert result.code == 8 and f"the digest is kept in {out}" in result.stderr
    assert "Riverton" in out.read_text()


def test_the_progress_line_shows_total_share_and_time_left():
    progress = Progress(enabled=False)
    assert progress.line().startswith("0 done")  # no total known (stdin)
    progress.set_total(4)
    assert progress.line().startswith("0/4 done (0%, ETA -)")
    for _ in range(3):
        progress.update(Outcome(index=0, item=Item(id="a", source="a")))
    assert re.match(r"3/4 done \(75%, ETA \d+:\d\d:\d\d\) · 0 failed · 0 cached", progress.line())
