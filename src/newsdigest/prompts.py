"""Versioned prompt files.

A prompt is a Markdown file ``prompts/<name>.v<version>.md``: front matter (``name``,
``version``, ``description``) between ``---`` lines, then one ``## system`` and one
``## user`` section. ``{{placeholder}}`` marks what the pipeline fills in. The optional
``method`` says what the model is asked for: ``full`` (the default: every claim, restated)
or ``hybrid`` (corrections to the offline engine's draft, shown with the sentences). The file's
SHA-256 goes into every output; ``prompts/versions.lock`` records the hash of every
released version so that a test fails when a prompt's text changes without a version bump.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from newsdigest.errors import UsageError

_FILE = re.compile(r"^(?P<name>[a-z0-9_-]+)\.v(?P<version>\d+)\.md$")
_SECTION = re.compile(r"^## (system|user)[ \t]*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
METHODS = ("full", "hybrid")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    description: str
    system: str
    user: str
    sha256: str
    method: str = "full"

    def render(self, **values: str) -> list[dict[str, str]]:
        """Chat messages with every ``{{placeholder}}`` replaced; a missing value is a bug."""
        return [
            {"role": "system", "content": _fill(self.system, values)},
            {"role": "user", "content": _fill(self.user, values)},
        ]


def _fill(template: str, values: dict[str, str]) -> str:
    # One pass, so text substituted in (the article) is never scanned for placeholders.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def default_dir() -> Path:
    """``prompts/`` inside an installed wheel, else the source checkout's ``prompts/``."""
    packaged = Path(__file__).parent / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "prompts"


class PromptStore:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_dir()

    def all(self) -> list[Prompt]:
        return [self._read(p) for p in sorted(self.directory.glob("*.md")) if _FILE.match(p.name)]

    def get(self, spec: str) -> Prompt:
        """``name`` (newest version) or ``name@version``."""
        name, _, version = spec.partition("@")
        versions = {p.version: p for p in self.all() if p.name == name}
        if not versions:
            known = sorted({p.name for p in self.all()})
            raise UsageError(f"no prompt named {name!r}", hint=f"known prompts: {', '.join(known) or 'none'}")
        if not version:
            return versions[max(versions, key=int)]
        if version not in versions:
            raise UsageError(
                f"prompt {name!r} has no version {version!r}",
                hint=f"versions: {', '.join(sorted(versions, key=int))}",
            )
        return versions[version]

    def _read(self, path: Path) -> Prompt:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        meta, body = _front_matter(text, path)
        parts = _SECTION.split(body)
        sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
        name_match = _FILE.match(path.name)
        assert name_match, path
        if meta.get("name") != name_match["name"] or meta.get("version") != name_match["version"]:
            raise UsageError(f"{path}: front matter name/version do not match the file name")
        if set(sections) != {"system", "user"}:
            raise UsageError(f"{path}: needs one '## system' and one '## user' section")
        method = meta.get("method", "full")
        if method not in METHODS:
            raise UsageError(f"{path}: method {method!r} is not one of {', '.join(METHODS)}")
        return Prompt(
            name=meta["name"],
            version=meta["version"],
            description=meta.get("description", ""),
            system=sections["system"],
            user=sections["user"],
            sha256=hashlib.sha256(raw).hexdigest(),
            method=method,
        )


def _front_matter(text: str, path: Path) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        raise UsageError(f"{path}: a prompt file starts with '---' front matter")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise UsageError(f"{path}: front matter is not closed with '---'")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta, body
