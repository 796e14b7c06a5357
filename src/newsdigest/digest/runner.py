"""Run many articles through ``pipeline.summarize`` concurrently, with the cache.

Backends are synchronous, so a thread pool gives the concurrency with one code path for
every backend. Reading articles and the cache happen on the calling thread (one SQLite
connection, no locking of our own); only the model calls run in the pool. Results are
yielded as they finish and each is cached at once, so an interrupted run loses only the
articles in flight. Any failure of one article becomes its ``ErrorRecord``.
"""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from newsdigest import errors, pipeline
from newsdigest.backends.base import Backend
from newsdigest.digest import cache as cache_mod
from newsdigest.digest.inputs import Item
from newsdigest.digest.report import ErrorRecord
from newsdigest.prompts import PromptStore
from newsdigest.schema import ArticleDigest
from newsdigest.text.article import Article

_ERROR_KINDS = {
    errors.InputError: "input",
    errors.ConfigError: "config",
    errors.BackendError: "backend",
    errors.ModelOutputError: "model_output",
}


@dataclass
class Job:
    backend: Backend
    prompts: PromptStore
    prompt_spec: str
    concurrency: int = 1
    cache: cache_mod.Cache | None = None
    fingerprint: dict[str, Any] | None = None  # None: results of this backend are not cached


@dataclass
class Outcome:
    index: int  # position among the inputs, for output in input order
    item: Item
    article: Article | None = None
    digest: ArticleDigest | None = None
    error: ErrorRecord | None = None
    cached: bool = False


def run(items: Iterable[Item], job: Job) -> Iterator[Outcome]:
    """Outcomes in completion order; at most ``2 * concurrency`` articles are held in flight."""
    pool = ThreadPoolExecutor(max_workers=job.concurrency, thread_name_prefix="newsdigest")
    in_flight: dict[Future[ArticleDigest], Outcome] = {}
    try:
        for index, item in enumerate(items):
            outcome = _start(Outcome(index, item), job)
            if outcome.digest or outcome.error:
                yield outcome
                continue
            assert outcome.article is not None
            future = pool.submit(pipeline.summarize, outcome.article, job.backend, job.prompts, prompt=job.prompt_spec)
            in_flight[future] = outcome
            while len(in_flight) >= 2 * job.concurrency:
                yield from _finished(in_flight, job)
        while in_flight:
            yield from _finished(in_flight, job)
    finally:
        # On Ctrl-C: drop what has not started; what is running is abandoned, not awaited.
        pool.shutdown(wait=False, cancel_futures=True)


def error_record(item: Item, exc: BaseException) -> ErrorRecord:
    kind = next((name for cls, name in _ERROR_KINDS.items() if isinstance(exc, cls)), None)
    message = str(exc) if kind else f"internal error: {type(exc).__name__}: {exc}"
    message = message.removeprefix(f"{item.source}: ")  # the record names its source already
    return ErrorRecord(id=item.id, source=item.source, error=message, kind=kind or "internal")


def with_metadata(digest: ArticleDigest, item: Item) -> ArticleDigest:
    """The digest under this input's id and source, with the title/url/published it gave."""
    info = digest.article.model_copy(update={
        "id": item.id,
        "source": item.source,
        "title": item.title or digest.article.title,
        "url": item.url,
        "published": item.published,
    })
    return digest.model_copy(update={"article": info})


def _start(outcome: Outcome, job: Job) -> Outcome:
    try:
        outcome.article = outcome.item.load()
    except errors.NewsdigestError as exc:
        outcome.error = error_record(outcome.item, exc)
        return outcome
    cached = job.cache.get(_key(outcome.article, job)) if job.cache and job.fingerprint else None
    if cached is not None:
        outcome.digest = with_metadata(ArticleDigest.model_validate_json(cached), outcome.item)
        outcome.cached = True
    return outcome


def _finished(in_flight: dict[Future[ArticleDigest], Outcome], job: Job) -> Iterator[Outcome]:
    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
    for future in done:
        outcome = in_flight.pop(future)
        exc = future.exception()
        if exc is not None:
            outcome.error = error_record(outcome.item, exc)
        else:
            digest = future.result()
            if job.cache and job.fingerprint:
                assert outcome.article is not None
                job.cache.put(_key(outcome.article, job), "article", digest.model_dump_json())
            outcome.digest = with_metadata(digest, outcome.item)
        yield outcome


def _key(article: Article, job: Job) -> str:
    return cache_mod.key("article", text_sha256=article.sha256, **(job.fingerprint or {}))
