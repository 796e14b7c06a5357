"""Every dependency has an upper bound, and the versions the tests run with are inside the bounds
(so the bounds are the tested ones: a fresh install on the newest allowed versions is what CI runs)."""

from __future__ import annotations

import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
REQUIREMENTS = [Requirement(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["html"]
                + PROJECT["optional-dependencies"]["dev"] if not r.startswith("newsdigest")]


@pytest.mark.parametrize("requirement", REQUIREMENTS, ids=str)
def test_bounded_and_installed_inside_the_bounds(requirement):
    assert any(spec.operator in ("<", "<=", "~=", "==") for spec in requirement.specifier), f"{requirement} has no upper bound"
    try:
        installed = metadata.version(requirement.name)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{requirement.name} is not installed here")
    assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed} is outside {requirement}"
