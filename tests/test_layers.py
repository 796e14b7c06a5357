"""No module imports a module of a layer above its own.

``LAYERS`` is the architecture, bottom up, and the one place it is written: a module belongs
to the layer of the longest name in it that its own name starts with, and may import from
its layer and the layers below. Every import counts, also those inside functions and under
``TYPE_CHECKING``: a lazy import is still an arrow.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "newsdigest"

LAYERS: list[tuple[str, ...]] = [
    # the output contract, settings, errors: what everything speaks
    ("newsdigest", "newsdigest.errors", "newsdigest.secrets", "newsdigest.schema", "newsdigest.settings"),
    ("newsdigest.outfile",),  # where results are written: stdout or a file, never over an input
    ("newsdigest.text",),  # an article's text, paragraphs and sentences
    ("newsdigest.offline",),  # the rules library
    ("newsdigest.checks",),  # checks of any backend's answer
    ("newsdigest.prompts",),  # the prompts models are asked with
    ("newsdigest.backends",),  # what turns an article into an analysis
    ("newsdigest.config", "newsdigest.config_file"),  # options over environment over the file over defaults
    ("newsdigest.pipeline",),  # one article in, one checked digest out
    ("newsdigest.digest",),  # many articles: runner, cache, cross-article checks, mail, batch
    ("newsdigest.render", "newsdigest.contract"),  # output formats and their JSON Schemas
    ("newsdigest.jobs",),  # the work set up from settings, for the command line and the API alike
    ("newsdigest.cli", "newsdigest.api", "newsdigest.__main__"),  # the command line and the Python API
]

# ``from newsdigest import summarize, digest``: the package, and the digest package when called,
# hand over to the Python API on first use. These are its front doors, not dependencies.
FRONT_DOORS = {"newsdigest -> newsdigest.api", "newsdigest.digest -> newsdigest.api"}


def layer(module: str) -> int:
    matches = [(len(prefix), index) for index, prefixes in enumerate(LAYERS) for prefix in prefixes
               if module == prefix or module.startswith(prefix + ".")]
    assert matches, f"{module} is in no layer: add it to LAYERS"
    return max(matches)[1]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """The newsdigest modules ``path`` imports (``from a import b`` imports a.b where b is a module)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module for a in node.names}
    return {name for name in names if name == "newsdigest" or name.startswith("newsdigest.")}


def arrows_up() -> list[str]:
    known = modules()
    return sorted(
        f"{module} -> {target}"
        for module, path in known.items()
        for target in imported(path, known)
        if layer(target) > layer(module) and f"{module} -> {target}" not in FRONT_DOORS
    )


def test_no_module_imports_a_layer_above_its_own():
    assert arrows_up() == []


def test_the_check_sees_an_arrow_up(tmp_path, monkeypatch):
    """The test above can fail: a rules module that imported a backend would be caught."""
    package = tmp_path / "newsdigest"
    (package / "offline").mkdir(parents=True)
    (package / "backends").mkdir()
    (package / "offline" / "rules.py").write_text("def read():\n    from newsdigest.backends import base\n")
    (package / "backends" / "base.py").write_text("from newsdigest.offline import rules\n")
    monkeypatch.setitem(globals(), "PACKAGE", package)
    assert arrows_up() == ["newsdigest.offline.rules -> newsdigest.backends.base"]
