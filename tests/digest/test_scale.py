"""Digests at scale: the offline engine in worker processes, input order, bounded memory, the
offline cache, a damaged or locked cache, and Ctrl-C with work in flight (real processes)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from fakellm import FakeLLM

from newsdigest.backends.offline import OfflineBackend
from newsdigest.digest import cache as cache_mod
from newsdigest.digest import inputs, runner
from newsdigest.prompts import PromptStore


def _feed(folder: Path, count: int) -> Path:
    """``count`` articles, each the example article with its own figures and name, so no two
    share a text (and a cache entry)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = EXAMPLE.read_text()
    for n in range(count):
        (folder / f"a{n:04d}.txt").write_text(base.replace("Tuesday", f"Tuesday, day {n},") + f"\nEdition number {n}.\n")
    return folder


def _job(concurrency: int, backend=None, cache=None) -> runner.Job:
    backend = backend or OfflineBackend()
    return runner.Job(backend, PromptStore(), "extract", concurrency=concurrency, cache=cache,
                      fingerprint=cache_mod.fingerprint(backend, PromptStore().get("extract")) if cache else None)


def _run(folder: Path, job: runner.Job) -> list[runner.Outcome]:
    return list(runner.run(inputs.expand([str(folder)], sys.stdin), job))


def _comparable(outcome: runner.Outcome) -> dict:
    assert outcome.digest is not None, outcome.error
    data = outcome.digest.model_dump(mode="json")
    data["provenance"].pop("created")
    return data


def test_worker_processes_give_the_same_results_as_one_worker_in_input_order(tmp_path):
    feed = _feed(tmp_path / "feed", 40)
    alone = _run(feed, _job(1))
    pooled = _run(feed, _job(3))
    assert [o.index for o in pooled] == list(range(40))
    assert [o.item.id for o in pooled] == [f"a{n:04d}" for n in range(40)]
    assert [_comparable(o) for o in pooled] == [_comparable(o) for o in alone]


def test_memory_is_bounded_whatever_the_input_size(tmp_path):
    """The runner reads ahead of what it has yielded by a fixed number of articles only."""
    feed = _feed(tmp_path / "feed", 300)
    pulled = 0

    def counted():
        nonlocal pulled
        for item in inputs.expand([str(feed)], sys.stdin):
            pulled += 1
            yield item

    job = _job(2)
    bound = runner._Workers(job).most_held
    ahead = []
    for yielded, _ in enumerate(runner.run(counted(), job), 1):
        ahead.append(pulled - yielded)
    assert yielded == 300 and max(ahead) <= bound < 300


class _DiesOn:
    """The offline engine, except that a worker process dies outright on one article."""

    name, model, base_url_host = "offline", "rules-test", None

    def analyze(self, article, prompts, prompt_spec):
        if "DIE-HERE" in article.text:
            os._exit(1)
        return OfflineBackend().analyze(article, prompts, prompt_spec)


def test_a_worker_that_dies_fails_only_the_articles_handed_to_it(tmp_path):
    feed = _feed(tmp_path / "feed", 30)
    (feed / "a0013.txt").write_text("A council member said DIE-HERE was the plan for the budget.\n")
    outcomes = _run(feed, _job(2, backend=_DiesOn()))
    assert [o.index for o in outcomes] == list(range(30))
    # The pool fails every article it held; each is tried again alone, so only the culprit fails.
    failed = [o for o in outcomes if o.error]
    assert [o.item.id for o in failed] == ["a0013"]
    assert failed[0].error.kind == "internal" and "worker process digesting this article died" in failed[0].error.error


def test_a_warm_offline_digest_takes_every_result_from_the_cache(tmp_path, monkeypatch):
    feed = _feed(tmp_path / "feed", 12)
    calls = []
    real = OfflineBackend.analyze
    monkeypatch.setattr(OfflineBackend, "analyze", lambda self, *a: calls.append(1) or real(self, *a))
    store = cache_mod.Cache(tmp_path / "cache.sqlite3")
    cold = _run(feed, _job(1, cache=store))
    assert len(calls) == 12 and not any(o.cached for o in cold)
    warm = _run(feed, _job(1, cache=store))
    assert len(calls) == 12 and all(o.cached for o in warm)
    assert [_comparable(o) for o in warm] == [_comparable(o) for o in cold]


def test_the_offline_cache_key_follows_the_rules_version_and_the_lexicons(monkeypatch):
    from newsdigest.offline import engine, lexicon

    prompt = PromptStore().get("extract")
    before = cache_mod.fingerprint(OfflineBackend(), prompt)
    assert before["lexicons"] == lexicon.fingerprint() and before["rules"] == engine.RULES_VERSION
    monkeypatch.setattr(engine, "RULES_VERSION", engine.RULES_VERSION + "-next")
    assert cache_mod.key("article", **cache_mod.fingerprint(OfflineBackend(), prompt)) != cache_mod.key("article", **before)


def test_ray_needs_an_output_file_for_its_parts(run_cli, tmp_path):
    result = run_cli("digest", str(_feed(tmp_path / "feed", 2)), "-f", "jsonl", "--ray", "local")
    assert result.code == 2 and "give -o FILE" in result.stderr


def _cli(*args: str, cwd: Path, **popen: object) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.Popen([sys.executable, "-m", "newsdigest", "digest", *args, "-q"], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **{"text": True, **popen})


def _first_line(proc: subprocess.Popen) -> str:
    """The first line of a running digest's output (unbuffered: communicate() reads the rest,
    and would not see what a buffered readline had read past the line)."""
    return proc.stdout.readline().decode()


def _lines(stdout: str) -> list[dict]:
    docs = [json.loads(line) for line in stdout.splitlines()]
    for doc in docs:
        doc.get("provenance", {}).pop("created", None)
    return docs


def test_a_damaged_cache_entry_is_recomputed_and_replaced(tmp_path):
    feed = _feed(tmp_path / "feed", 6)
    args = [str(feed), "-f", "jsonl", "--cache", str(tmp_path / "c.sqlite3"), "--concurrency", "1"]
    first = _cli(*args, cwd=tmp_path).communicate(timeout=120)[0]
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        db.execute("UPDATE results SET value = '{\"schema_version\": \"1\", \"claims\": [' WHERE rowid = 3")
    proc = _cli(*args, cwd=tmp_path)
    second, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert _lines(second) == _lines(first)
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        values = [v for (v,) in db.execute("SELECT value FROM results")]
    assert len(values) == 6 and all(json.loads(v)["claims"] for v in values)


def _hold_lock(path: Path) -> subprocess.Popen:
    """Another process, holding an exclusive lock on the SQLite file until it is killed."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"), str(path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_damaged_model_and_crosscheck_entries_are_asked_again(tmp_path):
    feed = tmp_path / "feed"
    feed.mkdir()
    for name, place in (("quake-a", "Kathmandu, Nepal"), ("quake-b", "Kathmandu in Nepal")):
        (feed / f"{name}.txt").write_text(f"Quake\n\nAn earthquake struck {place} on Monday. Officials said 120 people died.\n")
    with FakeLLM() as server:
        args = [str(feed), "-f", "json", "--cache", str(tmp_path / "c.sqlite3"), "--base-url", server.base_url, "--model", "m"]
        first = _cli(*args, cwd=tmp_path).communicate(timeout=120)[0]
        asked = len(server.requests)
        with sqlite3.connect(tmp_path / "c.sqlite3") as db:
            kinds = {k for (k,) in db.execute("SELECT kind FROM results")}
            db.execute("UPDATE results SET value = 'not json at all'")
        assert kinds == {"article", "crosscheck"}
        proc = _cli(*args, cwd=tmp_path)
        second, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        assert len(server.requests) == 2 * asked
    assert json.loads(second)["articles"] and json.loads(second)["stories"] == json.loads(first)["stories"]


@pytest.fixture
def locked_cache(tmp_path):
    """A cache file that another process holds an exclusive lock on."""
    path = tmp_path / "locked.sqlite3"
    cache_mod.Cache(path).close()
    holder = _hold_lock(path)
    yield path
    holder.kill()
    holder.wait()


def test_a_cache_locked_by_another_process_is_no_cache_with_a_warning(tmp_path, locked_cache, monkeypatch):
    monkeypatch.setattr(cache_mod, "_BUSY_TIMEOUT_MS", 200)
    warnings: list[str] = []
    store = cache_mod.Cache(locked_cache, warn=warnings.append)
    outcomes = _run(_feed(tmp_path / "feed", 5), _job(1, cache=store))
    assert all(o.digest for o in outcomes)
    assert len(warnings) == 1 and "locked by another process" in warnings[0] and "continuing without it" in warnings[0]


def test_a_cache_that_gets_locked_during_a_digest_loses_no_result(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "c.sqlite3"
    warnings: list[str] = []
    store = cache_mod.Cache(path, warn=warnings.append)
    feed = _feed(tmp_path / "feed", 8)
    holder = None
    outcomes = []
    try:
        for outcome in runner.run(inputs.expand([str(feed)], sys.stdin), _job(1, cache=store)):
            outcomes.append(outcome)
            if len(outcomes) == 2:  # from now on another process holds the lock
                holder = _hold_lock(path)
    finally:
        if holder:
            holder.kill()
            holder.wait()
    assert len(outcomes) == 8 and all(o.digest for o in outcomes)
    assert len(warnings) == 1 and "locked by another process" in warnings[0]


def test_without_warn_a_locked_cache_is_still_an_error(locked_cache, monkeypatch):
    """The cache commands (stats, clear) say what is wrong instead of working on nothing."""
    from newsdigest.errors import ConfigError

    monkeypatch.setattr(cache_mod, "_BUSY_TIMEOUT_MS", 200)
    with pytest.raises(ConfigError, match="cannot be used"):
        cache_mod.Cache(locked_cache).put(cache_mod.key("article", n=1), "article", "{}")


def _running(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts worker processes through /proc (Linux)")
def test_ctrl_c_ends_the_worker_processes_at_once_and_keeps_finished_results(tmp_path):
    feed = _feed(tmp_path / "feed", 400)
    args = [str(feed), "-f", "jsonl", "--cache", str(tmp_path / "c.sqlite3"), "--concurrency", "2"]
    proc = _cli(*args, cwd=tmp_path, start_new_session=True, text=False, bufsize=0)
    first = _first_line(proc)  # work has started: a result is out, others are in flight
    workers = _children(proc.pid)
    assert len(workers) >= 2
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: to the whole process group
    time.sleep(0.05)
    try:
        os.killpg(proc.pid, signal.SIGINT)  # impatient users press it twice
    except ProcessLookupError:
        pass
    rest, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"newsdigest: interrupted" in stderr and b"Traceback" not in stderr
    assert not any(_running(pid) for pid in workers)
    written = _lines(first + rest.decode())
    assert 1 <= len(written) < 400
    rerun = _cli(*args, cwd=tmp_path)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _lines(out)[: len(written)] == written


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends orphaned workers on Linux only")
def test_workers_end_when_the_digest_is_killed_outright(tmp_path):
    proc = _cli(str(_feed(tmp_path / "feed", 400)), "-f", "jsonl", "--no-cache", "--concurrency", "2", cwd=tmp_path,
                text=False, bufsize=0)
    _first_line(proc)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    proc.kill()  # SIGKILL: no handler runs, no cleanup
    proc.wait()
    deadline = time.monotonic() + 30  # in practice at once; the bound only stops a hang
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in workers)


def test_ctrl_c_does_not_wait_for_a_model_server_that_never_answers(tmp_path):
    feed = _feed(tmp_path / "feed", 6)
    with FakeLLM() as server:
        server.will(*["hang"] * 12)
        proc = _cli(str(feed), "-f", "jsonl", "--no-cache", "--base-url", server.base_url, "--model", "m",
                    "--concurrency", "3", "--timeout", "600", cwd=tmp_path, start_new_session=True)
        while len(server.requests) < 3:  # three requests are waiting on the server
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.05)
        try:
            os.killpg(proc.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        out, stderr = proc.communicate(timeout=20)  # the server would hold them 30 s, the client 600 s
    assert proc.returncode == 130
    assert "newsdigest: interrupted" in stderr and "Traceback" not in stderr
    assert out == ""


def test_reading_digests_show_the_largest_stories_and_count_the_rest():
    from newsdigest import pipeline
    from newsdigest.digest.report import Digest, ErrorRecord, Story
    from newsdigest.render import digest_md, html
    from newsdigest.text import article

    one = pipeline.summarize(article.from_text(EXAMPLE.read_text()), OfflineBackend(), PromptStore())
    articles = [one.model_copy(update={"article": one.article.model_copy(update={"id": f"a{n}"})}) for n in range(340)]
    # 24 stories of 12 articles (the largest first, as stories.group orders them), 52 articles in none.
    stories = [Story(id=f"s{n}", articles=[f"a{n * 12 + k}" for k in range(12)], shared=[f"Place{n}"]) for n in range(24)]
    errors = [ErrorRecord(id=f"bad{n}", source=f"bad{n}.txt", error="is empty", kind="input") for n in range(35)]
    digest = Digest(created="2026-01-01T00:00:00+00:00", articles=articles, stories=stories, errors=errors)

    md = digest_md.render(digest)
    assert md.count("\n### ") == 20 * 10 + 30  # 10 of each of the first 20 stories, 30 others
    assert md.count("And 2 more articles in this story.") == 20
    assert "And 4 more stories of 48 articles" in md and "And 22 more articles" in md
    assert "## Articles that failed (35)" in md and "- and 5 more" in md
    assert "340 articles, 24 stories" in md  # the subject counts everything
    page = html.render(digest)
    assert page.count("<h3") == 20 * 10 + 30 and "And 4 more stories of 48 articles" in page
