"""The Python API (``from newsdigest import summarize, digest``) and its README example."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import EXAMPLE, ROOT

from newsdigest import digest, summarize
from newsdigest.digest.report import Digest
from newsdigest.errors import FetchError, UsageError
from newsdigest.schema import ArticleDigest

_MODEL_ENV = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "NEWSDIGEST_BASE_URL", "NEWSDIGEST_MODEL", "NEWSDIGEST_MODEL_PATH")


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """No model configured, whatever the machine has: the examples run the offline engine."""
    for name in _MODEL_ENV:
        monkeypatch.delenv(name, raising=False)


def _readme_block(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n### {heading}\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(_readme_block("Python API"), "README.md", "exec"), {})
    claims = summarize(EXAMPLE).claims[:3]
    assert capsys.readouterr().out.splitlines() == [
        "Riverton council approves budget amid dispute over library cuts",
        *(f"{c.id} [{c.confidence}] {c.attribution.source}: {c.text}" for c in claims),
        "1 digested, 0 failed",
    ]


def test_summarize_takes_a_path_a_url_or_text_and_returns_the_contract(web):
    from_path = summarize(EXAMPLE)
    assert isinstance(from_path, ArticleDigest) and from_path.article.source == str(EXAMPLE)
    url = web.page("/council.txt", EXAMPLE.read_bytes(), content_type="text/plain; charset=utf-8")
    from_url = summarize(url, include_text=True)
    assert from_url.article.source == url and from_url.article.text == EXAMPLE.read_text()
    from_text = summarize(text=EXAMPLE.read_text(), backend="offline")
    assert [c.model_dump() for c in from_text.claims] == [c.model_dump() for c in from_path.claims]
    with pytest.raises(FetchError, match="HTTP 404"):
        summarize(web.url("/nothing"))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: summarize(), "needs one article"),
    (lambda: summarize(EXAMPLE, text="both"), "needs one article"),
    (lambda: summarize(EXAMPLE, temperature=0.2), "unknown setting 'temperature'"),
    (lambda: summarize(EXAMPLE, api_key="sk-x"), "unknown setting 'api_key'"),
    (lambda: summarize(EXAMPLE, mode="yaml"), "unknown mode 'yaml'"),
    (lambda: summarize(EXAMPLE, backend="nope"), "unknown backend 'nope'"),
    (lambda: digest([EXAMPLE], prompt="nope"), "nope"),
    (lambda: digest([EXAMPLE], ray="local"), "give ray_parts"),
])
def test_mistakes_are_usage_errors(call, message):
    with pytest.raises(UsageError, match=message):
        call()


def test_digest_reads_feeds_and_skips_what_its_cache_has_seen(web, tmp_path):
    page = web.page("/council.html", "<html><body><article><p>" + EXAMPLE.read_text().replace("\n\n", "</p><p>")
                    + "</p></article></body></html>")
    feed = web.page("/feed.xml", f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>Budget</title><link>{page}</link><guid>b-1</guid></item></channel></rss>""",
                    content_type="application/rss+xml")
    cache = tmp_path / "results.sqlite3"
    first = digest([EXAMPLE], feeds=[feed], cache=cache)
    assert isinstance(first, Digest) and not first.errors
    assert [a.article.id for a in first.articles] == ["council-budget", "council"]
    assert first.articles[1].article.url == page
    again = digest(feeds=[feed], cache=cache)
    assert again.articles == [] and again.errors == []
    # Without a cache nothing is remembered: every entry is read each time.
    assert len(digest(feeds=[feed]).articles) == len(digest(feeds=[feed]).articles) == 1


def test_importing_the_package_loads_no_heavy_library():
    probe = ("import sys, newsdigest; from newsdigest import digest; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'httpx', 'feedparser', 'jinja2', 'openai'}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "src")}).stdout
    assert out.strip() == "[]"
    assert callable(digest) and digest.runner.__name__ == "newsdigest.digest.runner"


def test_settings_left_out_come_from_the_config_file(monkeypatch, tmp_path):
    from newsdigest import jobs
    from newsdigest.prompts import PromptStore

    config = tmp_path / "config.toml"
    config.write_text('backend = "offline"\nmodel = "m"\nbase_url = "http://127.0.0.1:9/v1"\ntimeout = 42\nreasks = 1\n')
    monkeypatch.setenv("NEWSDIGEST_CONFIG", str(config))
    cfg, _ = jobs.backend(jobs.settings(backend="openai"), PromptStore())
    assert (cfg.model, cfg.base_url, cfg.timeout_s, cfg.reasks) == ("m", "http://127.0.0.1:9/v1", 42, 1)
    given, _ = jobs.backend(jobs.settings(backend="openai", reasks=0, model="other"), PromptStore())
    assert (given.model, given.reasks) == ("other", 0)
