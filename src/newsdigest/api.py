"""The Python API: ``from newsdigest import summarize, digest``.

The same work as ``newsdigest summarize`` and ``newsdigest digest``, with keyword options
and typed results (the pydantic models of the output contract) in place of printed JSON.
Settings left out come from the environment, then the config file, as on the command line
(``NEWSDIGEST_MODEL``, ``NEWSDIGEST_BASE_URL``, ``OPENAI_API_KEY``, ...; ``config_file``); with
none, the built-in offline engine runs. Every failure a caller can fix is a ``NewsdigestError`` (``newsdigest.errors``); in a
digest, an article that fails is an error record beside the others' results.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from newsdigest.errors import UsageError

if TYPE_CHECKING:
    from newsdigest.digest.report import Digest
    from newsdigest.schema import ArticleDigest


def summarize(
    source: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    backend: str = "auto",
    model: str | None = None,
    base_url: str | None = None,
    prompt: str = "extract",
    include_text: bool = False,
    **settings: Any,
) -> ArticleDigest:
    """One article's summary, attributed claims with verbatim evidence, and contradictions.

    ``source`` is a file path, a URL (fetched) or ``"-"`` (stdin); or give the article's
    ``text`` instead. ``backend`` is ``auto``, ``openai``, ``llamacpp`` or ``offline``;
    ``settings`` are any other of ``Settings``' options: ``model_path``, ``n_ctx``,
    ``threads``, ``mode``, ``reasks``, ``max_tokens``, ``timeout_s``, ``transport_retries``.
    """
    from newsdigest import jobs, pipeline
    from newsdigest.prompts import PromptStore
    from newsdigest.text import article as article_io
    from newsdigest.text import fetch

    if (source is None) == (text is None):
        raise UsageError("summarize needs one article", hint="give its path or URL, or its text=")
    article = fetch.load(os.fspath(source)) if source is not None else article_io.from_text(text or "")
    prompts = PromptStore()
    _, chosen = jobs.backend(
        jobs.settings(backend=backend, model=model, base_url=base_url, prompt=prompt, **settings), prompts)
    return pipeline.summarize(article, chosen, prompts, prompt=prompt, include_text=include_text)


def digest(
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    feeds: Iterable[str] = (),
    cache: str | os.PathLike[str] | None = None,
    concurrency: int | None = None,
    crosscheck_limit: int = 20,
    ray: str | None = None,
    ray_parts: str | os.PathLike[str] | None = None,
    jsonl_root: str | os.PathLike[str] | None = None,
    backend: str = "auto",
    model: str | None = None,
    base_url: str | None = None,
    prompt: str = "extract",
    **settings: Any,
) -> Digest:
    """Many articles: each one's result, the stories they share and the contradictions between them.

    ``inputs`` are what ``newsdigest digest`` takes: files, directories, globs, URLs, JSONL
    files, ``"-"`` (stdin). ``feeds`` are RSS or Atom feeds (URLs or files). ``cache`` is a
    SQLite file for model results, and for the feed entries digested so far, which are then
    skipped; without one nothing is written anywhere. A JSONL record's "path" must lead to a
    file under ``jsonl_root``, by default the JSONL file's own folder. ``ray``: a Ray cluster's
    address, as for ``--ray`` (``pip install 'newsdigest[ray]'``); each shard's results are
    written to a file in the folder ``ray_parts``, and a rerun with the same folder skips the
    shards written. Other options as for ``summarize``.
    """
    from newsdigest import jobs
    from newsdigest.digest import assemble, crosscheck, ray_shards
    from newsdigest.digest import cache as cache_mod
    from newsdigest.prompts import PromptStore

    cluster = None
    if ray:
        if ray_parts is None:
            raise UsageError("a digest on Ray writes each shard's results to a folder", hint="give ray_parts=FOLDER")
        cluster = ray_shards.Cluster(ray, Path(ray_parts))
    prompts = PromptStore()
    _, chosen = jobs.backend(
        jobs.settings(backend=backend, model=model, base_url=base_url, prompt=prompt, **settings), prompts)
    store = cache_mod.Cache(Path(cache)) if cache is not None else None
    try:
        job = jobs.digest_job(chosen, prompts, prompt, store, concurrency)
        outcomes = jobs.digest_outcomes(
            [os.fspath(i) for i in inputs], feeds, job, sys.stdin, cluster=cluster,
            jsonl_root=Path(jsonl_root) if jsonl_root is not None else None)
        checker = crosscheck.Checker(chosen, prompts, store, job.concurrency, crosscheck_limit)
        return assemble.assemble(outcomes, checker, lambda _outcome: None)
    finally:
        if store:
            store.close()
