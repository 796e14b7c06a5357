"""Scale-out through batch engines: OpenAI's Batch API, or ``vllm run-batch``.

``prepare`` writes one request line per article (``custom_id``, ``method``, ``url``,
``body``), the body being exactly what the chat backend sends first for that article, and
a manifest beside it: one JSON line per article with its ``custom_id``, id, source,
metadata, decoded text and the prompt and settings used. ``collect`` reads the engine's
results file with the manifest and validates and grounds every answer with the same
schema and grounding as a live run. There is no re-ask in a batch: an answer that fails
strict validation is kept leniently (ungroundable claims marked ``grounded: false``) or,
when even that fails, becomes an error record, as does a request with no result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from newsdigest import pipeline
from newsdigest.backends.base import Analysis
from newsdigest.backends.chat import backend as chat
from newsdigest.digest.inputs import Item
from newsdigest.digest.runner import Outcome, error_record, with_metadata
from newsdigest.errors import InputError, ModelOutputError, NewsdigestError
from newsdigest.prompts import Prompt
from newsdigest.schema import PromptInfo
from newsdigest.settings import Settings
from newsdigest.text.article import Article

ENDPOINT = "/v1/chat/completions"
BACKEND = "openai-batch"  # the provenance of a collected answer
_MANIFEST_KEYS = frozenset({"custom_id", "id", "source", "text", "prompt", "settings"})


def manifest_path(requests: Path) -> Path:
    """``requests.jsonl`` -> ``requests.manifest.jsonl``, next to it."""
    return requests.with_name(f"{requests.stem}.manifest.jsonl")


def prepare(items: Iterable[Item], settings: Settings, prompt: Prompt, requests: TextIO, manifest: TextIO) -> Iterator[Outcome]:
    """Write a request and a manifest line per article; yields an Outcome per input (errors included)."""
    info = {"name": prompt.name, "version": prompt.version, "sha256": prompt.sha256}
    for index, item in enumerate(items):
        outcome = Outcome(index, item)
        try:
            article = item.load()
        except NewsdigestError as exc:
            outcome.error = error_record(item, exc)
            yield outcome
            continue
        custom_id = f"{index}-{article.sha256[:16]}"
        body = chat.batch_request(settings, prompt, article)
        requests.write(_line({"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}))
        manifest.write(_line({
            "custom_id": custom_id, "id": item.id, "source": item.source, "title": item.title, "url": item.url,
            "published": item.published, "text": article.text, "prompt": info, "settings": settings.answer_settings(),
        }))
        outcome.article = article
        yield outcome


def collect(results: Path, manifest: Path) -> Iterator[Outcome]:
    """One Outcome per manifest line, in manifest order."""
    answers = _read_results(results)
    for index, entry in enumerate(_read_jsonl(manifest)):
        if not isinstance(entry, dict) or not _MANIFEST_KEYS <= entry.keys():
            raise InputError(f"{manifest}: line {index + 1} is not a manifest entry", hint="give the manifest 'batch prepare' wrote")
        item = Item(id=entry["id"], source=entry["source"], text=entry["text"],
                    title=entry.get("title"), url=entry.get("url"), published=entry.get("published"))
        outcome = Outcome(index, item)
        try:
            outcome.article = item.load()
            analysis = _analysis(answers.get(entry["custom_id"]), outcome.article, PromptInfo(**entry["prompt"]))
            made_by = pipeline.provenance(analysis, backend=BACKEND, model=entry["settings"]["model"])
            outcome.digest = with_metadata(pipeline.check(outcome.article, analysis, made_by), item)
        except NewsdigestError as exc:
            outcome.error = error_record(item, exc)
        yield outcome


def _analysis(result: dict[str, Any] | None, article: Article, prompt: PromptInfo) -> Analysis:
    from openai.types.chat import ChatCompletion

    if result is None:
        raise ModelOutputError("the results file has no answer for this article", hint="resubmit its request")
    response = result.get("response") or {}
    if result.get("error") or response.get("status_code") != 200:
        detail = result.get("error") or (response.get("body") or {}).get("error") or response.get("status_code")
        raise ModelOutputError(f"the batch engine reported a failure: {json.dumps(detail)[:300]}")
    try:
        completion = ChatCompletion.model_validate(response["body"])
    except (KeyError, ValueError) as exc:
        raise ModelOutputError(f"the batch result is not a chat completion: {str(exc).splitlines()[0]}") from exc
    return chat.batch_answer(completion, article, prompt)


def _read_results(path: Path) -> dict[str, dict[str, Any]]:
    answers = {}
    for record in _read_jsonl(path):
        if isinstance(record, dict) and isinstance(record.get("custom_id"), str):
            answers[record["custom_id"]] = record
    return answers


def _read_jsonl(path: Path) -> Iterator[Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})", hint="check the path") from exc


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"
