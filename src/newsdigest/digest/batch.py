"""Scale-out through batch engines: OpenAI's Batch API, or ``vllm run-batch``.

``prepare`` writes one request line per article (``custom_id``, ``method``, ``url``,
``body``), the body being exactly what the chat backend sends first for that article, and
a manifest beside it: one JSON line per article with its ``custom_id``, id, source,
metadata, decoded text and the prompt (with its method) and settings used. A hybrid prompt's
request carries the offline engine's draft, which ``collect`` reads again with the same rules
to merge the answer into. ``collect`` reads the engine's results file with the manifest and
validates and grounds every answer with the same schema and grounding as a live run. There is
no re-ask in a batch: an answer that fails strict validation is kept leniently (ungroundable
claims marked ``grounded: false``) or, when even that fails, becomes an error record, as does
a request with no result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from pydantic import BaseModel, ValidationError

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
            "published": item.published, "text": article.text, "prompt": info, "method": prompt.method,
            "settings": settings.answer_settings(),
        }))
        outcome.article = article
        yield outcome


def collect(results: Path, manifest: Path) -> Iterator[Outcome]:
    """One Outcome per manifest line, in manifest order. A line that is not a manifest entry
    and an answer that is not a completion are error records; the other articles go on."""
    answers, unreadable = _read_results(results)
    for index, (where, entry) in enumerate(_read_jsonl(manifest)):
        outcome = Outcome(index, Item(id=where, source=where))
        try:
            item, prompt, method, model, custom_id = _manifest_entry(where, entry)
            outcome.item = item
            outcome.article = item.load()
            analysis = _analysis(answers.get(custom_id), outcome.article, prompt, method, unreadable)
            made_by = pipeline.provenance(analysis, backend=BACKEND, model=model)
            outcome.digest = with_metadata(pipeline.check(outcome.article, analysis, made_by), item)
        except NewsdigestError as exc:
            outcome.error = error_record(outcome.item, exc)
        yield outcome


class _ManifestSettings(BaseModel):
    """The settings a manifest line records; collecting needs only the model's name."""

    model: str


class _ManifestEntry(BaseModel):
    """One manifest line as 'batch prepare' writes it; a hand-edited one is checked against this."""

    custom_id: str
    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    prompt: PromptInfo
    # A manifest written before prompts had methods asked for the full extraction.
    method: str = "full"
    settings: _ManifestSettings


def _manifest_entry(where: str, entry: Any) -> tuple[Item, PromptInfo, str, str, str]:
    """The entry's article, prompt, method, model and custom_id; an InputError for a line that is not one."""
    if isinstance(entry, InputError):
        raise entry
    try:
        parsed = _ManifestEntry.model_validate(entry)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field = ".".join(str(part) for part in problem["loc"]) or "the line"
        raise InputError(f"{where}: not a manifest entry ({field}: {problem['msg']})",
                         hint="give the manifest 'batch prepare' wrote") from exc
    item = Item(id=parsed.id, source=parsed.source, text=parsed.text,
                title=parsed.title, url=parsed.url, published=parsed.published)
    return item, parsed.prompt, parsed.method, parsed.settings.model, parsed.custom_id


def _analysis(result: dict[str, Any] | None, article: Article, prompt: PromptInfo, method: str,
              unreadable: int) -> Analysis:
    from openai.types.chat import ChatCompletion

    if result is None:
        skipped = f" ({unreadable} of its lines are not JSON)" if unreadable else ""
        raise ModelOutputError(f"the results file has no answer for this article{skipped}", hint="resubmit its request")
    if result.get("error"):
        raise ModelOutputError(f"the batch engine reported a failure: {json.dumps(result['error'])[:300]}")
    response = result.get("response")
    if not isinstance(response, dict):
        raise ModelOutputError("the batch result holds no response object", hint="resubmit its request")
    body = response.get("body")
    if response.get("status_code") != 200:
        detail = (isinstance(body, dict) and body.get("error")) or response.get("status_code")
        raise ModelOutputError(f"the batch engine reported a failure: {json.dumps(detail)[:300]}")
    try:
        completion = ChatCompletion.model_validate(body)
    except ValueError as exc:
        raise ModelOutputError(f"the batch result is not a chat completion: {str(exc).splitlines()[0]}") from exc
    return chat.batch_answer(completion, article, prompt, method)


def _read_results(path: Path) -> tuple[dict[str, dict[str, Any]], int]:
    """The results by custom_id, and how many lines were not JSON (their articles' answers are missing)."""
    answers, unreadable = {}, 0
    for _, record in _read_jsonl(path):
        if isinstance(record, dict) and isinstance(record.get("custom_id"), str):
            answers[record["custom_id"]] = record
        unreadable += isinstance(record, InputError)
    return answers, unreadable


def _read_jsonl(path: Path) -> Iterator[tuple[str, Any]]:
    """``(where, value)`` for each non-blank line; the value of a line that is not JSON is the InputError saying so."""
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    where = f"{path}:{number}"
                    try:
                        yield where, json.loads(line)
                    except ValueError as exc:  # not UTF-8, or not JSON
                        yield where, InputError(f"{where}: not valid JSON ({exc})")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})", hint="check the path") from exc


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False) + "\n"
