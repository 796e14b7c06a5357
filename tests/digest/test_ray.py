"""`digest --ray` on a real local Ray cluster that the test starts (2 CPUs): the same results as
a local run, shards written as parts and skipped when a rerun finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import EXAMPLE, ROOT

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'newsdigest[ray]' (CI installs it)")

from newsdigest.backends.offline import OfflineBackend  # noqa: E402
from newsdigest.digest import cache as cache_mod  # noqa: E402
from newsdigest.digest import inputs, ray_shards, runner  # noqa: E402
from newsdigest.prompts import PromptStore  # noqa: E402

ARTICLES = 7


@pytest.fixture(scope="module")
def cluster():
    # The workers import newsdigest from this checkout, as the driver does.
    context = ray.init(num_cpus=2, include_dashboard=False, configure_logging=False,
                       runtime_env={"env_vars": {"PYTHONPATH": str(ROOT / "src")}})
    yield context.address_info["address"]
    ray.shutdown()


@pytest.fixture
def feed(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    base = EXAMPLE.read_text()
    for n in range(ARTICLES):
        (folder / f"a{n}.txt").write_text(base.replace("Tuesday", f"Tuesday, day {n},"))
    (folder / "empty.txt").write_text("")  # an error record travels through a part too
    return folder


def _job(cache=None) -> runner.Job:
    backend = OfflineBackend()
    return runner.Job(backend, PromptStore(), "extract", concurrency=2, cache=cache,
                      fingerprint=cache_mod.fingerprint(backend, PromptStore().get("extract")))


def _comparable(outcomes) -> list[dict]:
    out = []
    for outcome in outcomes:
        data = (outcome.digest or outcome.error).model_dump(mode="json")
        data.get("provenance", {}).pop("created", None)
        out.append(data)
    return out


def test_ray_shards_give_the_local_results_and_a_rerun_skips_written_parts(cluster, feed, tmp_path):
    items = list(inputs.expand([str(feed)], sys.stdin))
    local = _comparable(runner.run(items, _job()))
    parts = tmp_path / "out.jsonl.parts"
    store = cache_mod.Cache(tmp_path / "cache.sqlite3")

    def on_ray():
        return list(ray_shards.run(items, _job(store), ray_shards.Cluster(cluster, parts), keep_articles=True,
                                   shard_size=3))

    first = on_ray()
    assert _comparable(first) == local
    assert [o.index for o in first] == list(range(ARTICLES + 1))
    assert all(o.article is not None for o in first if o.digest)  # for the cross-article step
    written = sorted(parts.iterdir())
    assert len(written) == 3 and all(p.name.startswith(f"part-{n:05d}-") for n, p in enumerate(written))
    assert sum(len(p.read_text().splitlines()) for p in written) == ARTICLES + 1

    # The tasks cached each article on this (their only) node.
    assert store.stats()["kinds"]["article"]["entries"] == ARTICLES

    kept = {p: p.stat().st_mtime_ns for p in written[1:]}
    written[0].unlink()
    again = on_ray()
    assert _comparable(again) == local
    assert {p: p.stat().st_mtime_ns for p in written[1:]} == kept  # not redone
    assert written[0].exists()

    # A changed input changes its shard's name: that shard is done again, not reused.
    (feed / "a4.txt").write_text(EXAMPLE.read_text().replace("Tuesday", "Wednesday"))
    changed = on_ray()
    assert len(list(parts.iterdir())) == 4
    assert _comparable(changed)[4] != local[4] and _comparable(changed)[:3] == local[:3]


def test_the_cli_on_the_cluster_writes_what_a_local_run_writes(cluster, feed, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
    env["PYTHONPATH"] = str(ROOT / "src")

    def digest(*extra: str) -> list[dict]:
        done = subprocess.run([sys.executable, "-m", "newsdigest", "digest", str(feed), "-f", "jsonl", "-q",
                               "--no-cache", *extra], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
        assert done.returncode == 7, done.stderr  # the empty article is an error record
        lines = [json.loads(line) for line in (tmp_path / extra[extra.index("-o") + 1]).read_text().splitlines()]
        for line in lines:
            line.get("provenance", {}).pop("created", None)
        return lines

    assert digest("--ray", cluster, "-o", "ray.jsonl") == digest("-o", "local.jsonl")
    assert (tmp_path / "ray.jsonl.parts").is_dir()


def test_the_python_api_on_the_cluster_gives_the_local_digest(cluster, feed, tmp_path):
    from newsdigest import api

    local = api.digest([feed], backend="offline")
    on_ray = api.digest([feed], backend="offline", ray=cluster, ray_parts=tmp_path / "parts")
    assert len(list((tmp_path / "parts").iterdir())) == 1  # one shard of 8 articles
    for digest in (local, on_ray):
        for article in digest.articles:
            article.provenance.created = ""
    assert on_ray.articles == local.articles and on_ray.errors == local.errors
    assert on_ray.stories == local.stories and on_ray.contradictions == local.contradictions


def test_a_damaged_part_fails_its_own_articles_only(cluster, feed, tmp_path):
    items = list(inputs.expand([str(feed)], sys.stdin))
    parts = tmp_path / "out.jsonl.parts"

    def on_ray():
        return list(ray_shards.run(items, _job(), ray_shards.Cluster(cluster, parts), keep_articles=False,
                                   shard_size=3))

    on_ray()
    middle = sorted(parts.iterdir())[1]
    middle.write_text("".join(middle.read_text().splitlines(keepends=True)[:2]))  # a line lost
    outcomes = on_ray()
    assert [o.index for o in outcomes] == list(range(ARTICLES + 1))
    failed = [o for o in outcomes if o.error and o.error.kind == "internal"]
    assert [o.index for o in failed] == [3, 4, 5]
    assert "2 results for 3 articles" in failed[0].error.error and middle.name in failed[0].error.error
