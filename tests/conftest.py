"""Shared fixtures: paths to shared data, and running the real CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_3bc6c6f3a626bfad.txt"
POLNEAR = SHARED / "benchmarks" / "polnear-dev"
BIPIA = SHARED / "benchmarks" / "bipia" / "text_attack_train.json"
EXAMPLE = ROOT / "examples" / "council-budget.txt"


def need(path: Path) -> Path:
    """Skip (with the reason) where third-party data in ../shared/ is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: tests that read ../shared/ need the team's shared folder")
    return path


@pytest.fixture
def sample_path() -> Path:
    return need(SAMPLE)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(tmp_path):
    """Run ``python -m newsdigest`` as a user would, from this checkout's ``src``."""

    def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> CliResult:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "NEWSDIGEST_"))}
        full_env["PYTHONPATH"] = str(ROOT / "src")
        # The user's own config file must not change what a test sees.
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
        full_env.update(env or {})
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [sys.executable, "-m", "newsdigest", *args],
            input=data, capture_output=True, env=full_env, cwd=tmp_path, timeout=120,
        )
        return CliResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())

    return run


# --- Recorded HTTP -------------------------------------------------------------------------
# Cassettes are recorded against the real test model server (see README, "Re-recording
# cassettes") and replayed offline. Requests match on method, URI and body, so a changed
# prompt, schema or option fails loudly instead of replaying a stale answer.
TEST_SERVER = "http://127.0.0.1:8765/v1"
TEST_MODEL = "qwen2.5-coder-1.5b-instruct"
_SECRET_HEADERS = ["authorization", "api-key", "openai-organization", "openai-project", "cookie", "set-cookie"]


def _scrub_response(response):
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SECRET_HEADERS:
            del headers[name]
    return response


@pytest.fixture(scope="module")
def vcr_config():
    return {
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "filter_headers": _SECRET_HEADERS,
        "before_record_response": _scrub_response,
        "decode_compressed_response": True,
    }


@pytest.fixture
def cli_inprocess(monkeypatch, capsys):
    """Run the CLI in this process (so vcrpy can replay its HTTP); returns a CliResult."""
    import io

    from newsdigest import cli

    def run(*args: str, input: str | None = None) -> CliResult:
        for name in [k for k in os.environ if k.startswith(("OPENAI_", "NEWSDIGEST_"))]:
            monkeypatch.delenv(name)
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(input.encode())))
        try:
            cli.main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run


@pytest.fixture
def llm_server():
    """A real OpenAI-compatible server on loopback (see fakellm.py), answering at once."""
    from fakellm import FakeLLM

    with FakeLLM() as server:
        yield server


@pytest.fixture
def fake_llm():
    """Like ``llm_server``, but one claim an article, so a test can follow it through re-asks."""
    from fakellm import FakeLLM

    with FakeLLM(max_claims=1) as server:
        yield server


@pytest.fixture
def web():
    """A real HTTP server on loopback serving the pages a test puts on it (see webserver.py)."""
    from webserver import Site

    with Site() as site:
        yield site
