"""A digest over a Ray cluster: shards of ``SHARD`` articles, each a Ray task writing its own JSONL part.

This process (the driver) reads the inputs and cuts them into shards. Each shard is one Ray
task, which builds the backend on its node and runs the local runner over its articles (the
offline engine on the task's one CPU; a model server ``concurrency`` requests at once),
caching each result in that node's cache, and writes the results in input order to its part,
``PARTS/part-NNNNN-KEY.jsonl``. Nothing but the task's completion travels back through Ray:
results stay out of the scheduler and the object store. The driver reads each part, in
order, as soon as it is written, and its results go on to the output like a local run's (for
json, md, html and eml through the cross-article step).

A part is written under a temporary name and renamed when complete, and ``KEY`` hashes the
shard's inputs (ids, sources, and each text's hash or file's size and modification time) and
what changes a result (the cache's fingerprint): a rerun skips every shard whose part exists,
and a shard task that runs again takes its finished articles from the cache.

On a real cluster the parts folder must be one that every node can write and the driver can
read (a shared filesystem), and every node needs newsdigest installed in the same version.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from newsdigest.digest import runner
from newsdigest.digest.inputs import Item
from newsdigest.digest.report import ErrorRecord
from newsdigest.errors import ConfigError, NewsdigestError, UsageError
from newsdigest.schema import ArticleDigest
from newsdigest.settings import Settings

SHARD = 1000
_AHEAD = 2  # shard tasks submitted per CPU of the cluster


@dataclass(frozen=True)
class Cluster:
    """Where a digest runs on Ray: the cluster's address (any that ``ray.init`` takes) and the
    folder the shard tasks write their parts to."""

    address: str
    parts: Path


@dataclass(frozen=True)
class Plan:
    """What a shard task needs to rebuild the job on its node (a model client does not travel)."""

    settings: Settings
    prompt_spec: str
    concurrency: int
    cache: Path | None
    fingerprint: dict[str, Any] | None


def parts_folder(output: Path | None) -> Path:
    """Where the shard tasks write: beside the output, so a rerun with the same -o resumes."""
    if output is None:
        raise UsageError("--ray writes each shard's results to a file beside the output", hint="give -o FILE")
    return output.with_name(output.name + ".parts")


def run(items: Iterable[Item], job: runner.Job, cluster: Cluster, *, keep_articles: bool,
        shard_size: int = SHARD) -> Iterator[runner.Outcome]:
    """Outcomes in input order, like ``runner.run``. ``keep_articles``: read each article again
    here too, for the cross-article step (JSONL needs only the results)."""
    ray = _import_ray()
    started = not ray.is_initialized()
    if started:
        try:
            ray.init(address=cluster.address, logging_level=logging.WARNING)
        except Exception as exc:  # Ray's own errors for an address it cannot use
            raise ConfigError(f"cannot use the Ray cluster at {cluster.address}: {str(exc).strip().splitlines()[0]}",
                              hint="check --ray ADDRESS ('local' starts one on this machine)") from exc
    plan = Plan(job.backend.settings, job.prompt_spec, 1 if job.processes else job.concurrency,
                job.cache.path if job.cache else None, job.fingerprint)
    task = ray.remote(num_cpus=1)(digest_shard)
    most_in_flight = _AHEAD * max(1, int(ray.cluster_resources().get("CPU", 1)))
    parts = cluster.parts.absolute()  # the tasks do not run in this folder
    parts.mkdir(parents=True, exist_ok=True)
    waiting: deque[tuple[int, list[Item], Path, Any]] = deque()  # first index, items, part, task or None
    try:
        first = 0
        for shard in _shards(map(_anywhere, items), shard_size):
            part = parts / f"part-{first // shard_size:05d}-{_shard_key(shard, plan)}.jsonl"
            waiting.append((first, shard, part, None if part.exists() else task.remote(shard, plan, str(part))))
            first += len(shard)
            while waiting and (len(waiting) >= most_in_flight or _done(waiting[0][3], ray)):
                yield from _merged(waiting.popleft(), ray, keep_articles)
        while waiting:
            yield from _merged(waiting.popleft(), ray, keep_articles)
    finally:
        for *_, ref in waiting:
            if ref is not None:
                ray.cancel(ref, force=True)
        if started:
            ray.shutdown()


def digest_shard(shard: list[Item], plan: Plan, part: str) -> None:
    """A Ray task, on some node: digest the shard with the local runner and write its part."""
    from newsdigest.backends import registry
    from newsdigest.digest.cache import Cache
    from newsdigest.prompts import PromptStore

    def warn(message: str) -> None:
        print(f"newsdigest: warning: {message}", file=sys.stderr)

    job = runner.Job(
        registry.create(plan.settings), PromptStore(), plan.prompt_spec, concurrency=plan.concurrency,
        cache=Cache(plan.cache, warn=warn) if plan.cache else None,
        fingerprint=plan.fingerprint,
    )
    written = f"{part}.{os.getpid()}.tmp"  # one name per attempt: a retried task never shares it
    with open(written, "w", encoding="utf-8") as out:
        for outcome in runner.run(shard, job):
            # Each result as the models dump it: the driver reads it back, and renders it as it does any.
            out.write((outcome.digest or outcome.error).model_dump_json() + "\n")  # type: ignore[union-attr]
    os.replace(written, part)


def _merged(entry: tuple[int, list[Item], Path, Any], ray: Any, keep_articles: bool) -> Iterator[runner.Outcome]:
    """A shard's outcomes from its part, once its task is done; a failed task fails its articles."""
    first, shard, part, ref = entry
    try:
        if ref is not None:
            ray.get(ref)
        with part.open(encoding="utf-8") as lines:
            results = [_result(line) for line in lines]
        if len(results) != len(shard):
            raise ValueError(f"{len(results)} results for {len(shard)} articles")
    except Exception as exc:  # noqa: BLE001 - a lost shard becomes its articles' error records
        why = (f"internal error: no results from {part.name} ({str(exc).strip().splitlines()[-1]}); "
               "delete that file, if it is there, and rerun to redo its shard")
        results = [ErrorRecord(id=item.id, source=item.source, error=why, kind="internal") for item in shard]
    for offset, (item, result) in enumerate(zip(shard, results)):
        outcome = runner.Outcome(first + offset, item)
        if isinstance(result, ErrorRecord):
            outcome.error = result
        else:
            outcome.digest = result
            if keep_articles:
                try:
                    outcome.article = item.load()
                except NewsdigestError as exc:  # changed or gone since the task read it
                    outcome.digest, outcome.error = None, runner.error_record(item, exc)
        yield outcome


def _done(ref: Any, ray: Any) -> bool:
    return ref is None or bool(ray.wait([ref], timeout=0)[0])


def _anywhere(item: Item) -> Item:
    """The item with its file's absolute path: the task reading it runs in another folder."""
    return dataclasses.replace(item, path=item.path.absolute()) if item.path is not None else item


def _result(line: str) -> ArticleDigest | ErrorRecord:
    data = json.loads(line)
    return ErrorRecord.model_validate(data) if "error" in data else ArticleDigest.model_validate(data)


def _shards(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    shard: list[Item] = []
    for item in items:
        shard.append(item)
        if len(shard) == size:
            yield shard
            shard = []
    if shard:
        yield shard


def _shard_key(shard: list[Item], plan: Plan) -> str:
    """A hash of what the shard's results depend on; cheap (a stat per file, no reading)."""
    h = hashlib.sha256(json.dumps(plan.fingerprint or [plan.settings.backend, plan.settings.model], sort_keys=True).encode())
    h.update(plan.prompt_spec.encode())
    for item in shard:
        h.update(json.dumps([item.id, item.source, item.title, item.url, item.published, item.problem]).encode())
        if item.text is not None:
            h.update(hashlib.sha256(item.text.encode()).digest())
        elif item.path is not None:
            try:
                stat = item.path.stat()
                h.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
            except OSError:
                h.update(b"unreadable")  # the task reports why, as the article's error record
    return h.hexdigest()[:16]


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise UsageError("--ray needs Ray", hint="pip install 'newsdigest[ray]'") from exc
    return ray
