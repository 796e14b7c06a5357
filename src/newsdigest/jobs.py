"""Setting up the work, shared by the command line and the Python API: the backend the
settings name, and a digest's job and its stream of outcomes."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TextIO
from urllib.parse import urlsplit

from newsdigest.errors import UsageError

if TYPE_CHECKING:
    from newsdigest.backends.base import Backend
    from newsdigest.config import Config
    from newsdigest.digest.cache import Cache
    from newsdigest.digest.inputs import Item
    from newsdigest.digest.runner import Job, Outcome
    from newsdigest.prompts import PromptStore


def backend(prompts: PromptStore, prompt: str, **settings: Any) -> tuple[Config, Backend]:
    """The configured backend; a bad setting, mode, base URL or prompt fails here, before any work.
    ``settings`` are ``config.resolve``'s arguments: ``backend``, ``model``, ``base_url``, and
    ``Config``'s other fields but the API key (from the environment only)."""
    from newsdigest import config, config_file
    from newsdigest.backends import registry
    from newsdigest.backends.chat import llm

    # What the caller left out, the config file may give (the command line has passed it all).
    settings = {**config_file.config_defaults(config_file.load()), **settings}
    known = {"backend"} | {f.name for f in dataclasses.fields(config.Config)} - {"api_key"}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise UsageError(f"unknown setting {unknown[0]!r}", hint=f"choose from: {', '.join(sorted(known))}")
    mode = settings.get("mode", "tools")
    if mode not in llm.MODES:
        raise UsageError(f"unknown mode {mode!r}", hint=f"choose one of: {', '.join(llm.MODES)}")
    cfg = config.resolve(**settings)
    check_base_url(cfg.base_url)
    prompts.get(prompt)
    return cfg, registry.create(cfg)


def check_base_url(url: str | None) -> None:
    """A base URL that is not one is a usage mistake, not a server to retry for half a minute."""
    if url is None:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"the base URL {url!r} is not an http(s) URL", hint="give one like http://127.0.0.1:8080/v1")


def digest_job(
    cfg: Config, chosen: Backend, prompts: PromptStore, prompt: str, store: Cache | None, concurrency: int | None,
) -> Job:
    from newsdigest.digest import cache as cache_mod
    from newsdigest.digest import runner

    return runner.Job(
        backend=chosen, prompts=prompts, prompt_spec=prompt, cache=store,
        fingerprint=cache_mod.fingerprint(chosen, prompts.get(prompt)),
        # Only a server answers several requests at once; in this process they would queue.
        concurrency=concurrency or (4 if cfg.backend == "openai" else 1),
    )


def digest_outcomes(
    inputs: Iterable[str], feeds: Iterable[str], job: Job, stdin: TextIO,
    *, counted: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """Every input's and every new feed entry's outcome. Feed entries the cache remembers
    from an earlier run are skipped, and those digested now are remembered. ``counted``:
    the inputs are listed first and their number given to it (for a progress total)."""
    from newsdigest.digest import feeds as feeds_mod
    from newsdigest.digest import inputs as inputs_mod
    from newsdigest.digest import runner

    memory = feeds_mod.Memory(job.cache, job.fingerprint) if job.cache else None
    entries = (item for feed in feeds for item in feeds_mod.read(feed, seen=memory.holds if memory else None))
    items: Iterable[Item] = inputs_mod.expand(list(inputs), stdin, also=entries)
    if counted:
        items = list(items)
        counted(len(items))
    outcomes = runner.run(items, job)
    return memory.remembering(outcomes) if memory else outcomes
