"""Setting up the work, shared by the command line and the Python API: the backend the
settings name, and a digest's job and its stream of outcomes."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator, TextIO
from urllib.parse import urlsplit

from newsdigest.errors import UsageError
from newsdigest.settings import Settings

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.digest.cache import Cache
    from newsdigest.digest.inputs import Item
    from newsdigest.digest.ray_shards import Cluster
    from newsdigest.digest.runner import Job, Outcome
    from newsdigest.prompts import PromptStore


def settings(**given: Any) -> Settings:
    """``Settings`` from keyword arguments (the Python API, which has no command line), with what
    they leave out taken from the config file."""
    from newsdigest import config_file

    known = {f.name for f in dataclasses.fields(Settings) if "help" in f.metadata}
    unknown = sorted(set(given) - known)
    if unknown:
        raise UsageError(f"unknown setting {unknown[0]!r}", hint=f"choose from: {', '.join(sorted(known))}")
    return Settings(**{**config_file.config_defaults(config_file.load()), **given})


def backend(settings: Settings, prompts: PromptStore) -> tuple[Settings, Backend]:
    """The backend the settings name, and the settings it was built from (``config.resolve``'s);
    a bad setting, mode, base URL or prompt fails here, before any work."""
    from newsdigest import config
    from newsdigest.backends import registry
    from newsdigest.backends.chat import llm

    if settings.mode not in llm.MODES:
        raise UsageError(f"unknown mode {settings.mode!r}", hint=f"choose one of: {', '.join(llm.MODES)}")
    resolved = config.resolve(settings)
    check_base_url(resolved.base_url)
    prompts.get(settings.prompt)
    return resolved, registry.create(resolved)


def check_base_url(url: str | None) -> None:
    """A base URL that is not one is a usage mistake, not a server to retry for half a minute."""
    if url is None:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"the base URL {url!r} is not an http(s) URL", hint="give one like http://127.0.0.1:8080/v1")


def digest_job(chosen: Backend, prompts: PromptStore, prompt: str, store: Cache | None, concurrency: int | None) -> Job:
    """``concurrency`` None: the workers that suit the backend (``runner.Job``)."""
    from newsdigest.digest import cache as cache_mod
    from newsdigest.digest import runner

    return runner.Job(
        backend=chosen, prompts=prompts, prompt_spec=prompt, cache=store,
        fingerprint=cache_mod.fingerprint(chosen, prompts.get(prompt)), concurrency=concurrency,
    )


def digest_outcomes(
    inputs: Iterable[str], feeds: Iterable[str], job: Job, stdin: TextIO | None,
    *, outputs: Collection[Path | None] = (), jsonl_root: Path | None = None,
    counted: Callable[[int], None] | None = None, cluster: Cluster | None = None, keep_articles: bool = True,
) -> Iterator[Outcome]:
    """Every input's and every new feed entry's outcome, in input order. Feed entries the
    cache remembers from an earlier run are skipped, and those digested now are remembered.
    ``stdin`` is None when the process's is closed; an input or feed file that is one of
    ``outputs`` is refused, and JSONL "path" fields must stay under ``jsonl_root``
    (``inputs.expand``). ``counted``: the inputs are listed first and their number given to
    it (for a progress total). ``cluster``: the work runs there in shards, not in this
    machine's workers; ``keep_articles`` False spares reading each article here again (only
    the cross-article step needs it). Close the iterator to stop the workers at once."""
    from newsdigest import outfile
    from newsdigest.digest import feeds as feeds_mod
    from newsdigest.digest import inputs as inputs_mod
    from newsdigest.digest import runner
    from newsdigest.text import fetch

    feeds = list(feeds)
    outfile.refuse_overwrite(outputs, [Path(feed) for feed in feeds if not fetch.is_url(feed)])
    memory = feeds_mod.Memory(job.cache, job.fingerprint) if job.cache else None
    entries = (item for feed in feeds for item in feeds_mod.read(feed, seen=memory.holds if memory else None))
    items: Iterable[Item] = inputs_mod.expand(
        list(inputs), stdin and stdin.buffer, also=entries, outputs=outputs, jsonl_root=jsonl_root)
    if counted:
        items = list(items)
        counted(len(items))
    if cluster:
        from newsdigest.digest import ray_shards

        outcomes = ray_shards.run(items, job, cluster, keep_articles=keep_articles)
    else:
        outcomes = runner.run(items, job)
    return memory.remembering(outcomes) if memory else outcomes
