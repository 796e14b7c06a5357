"""The real OpenAI backend against a real loopback server that fails on command.

Every case asserts the exit code, the one-line message, and how many requests the server
saw: transport retries and validation re-asks have separate budgets, shared by all the
requests for one article, so their worst case is their sum, never their product.
"""

from __future__ import annotations

import json

import pytest

ARTICLE = (
    "Council approves budget\n\n"
    "The council approved a budget of 5 million dollars on Tuesday. The mayor said it was fair.\n"
)
RETRIES, REASKS = 2, 2
TRANSIENT = {"429:0", "500", "502", "503", "reset", "hang"}  # the script's answers that are retried
# Small budgets and waits so the table runs in seconds; the defaults are 3 retries from 1 s.
FAST = ["--timeout", "0.5", "--retries", str(RETRIES), "--reasks", str(REASKS), "--retry-backoff", "0.01"]
FULL = ("--prompt", "extract@2")  # the full extraction, whose claims quote the article


@pytest.fixture
def summarize(run_cli, fake_llm, tmp_path):
    def run(*paths: str, extra: tuple[str, ...] = (), env: dict[str, str] | None = None):
        if not paths:
            (tmp_path / "article.txt").write_text(ARTICLE)
            paths = ("article.txt",)
        args = ["summarize", *paths, "--backend", "openai", "--base-url", fake_llm.base_url, "--model", "m",
                "--format", "json", *FAST, *extra]
        return run_cli(*args, env=env)

    return run


FAULTS = [
    # id, script, exit code, message, requests
    ("429-then-ok", ["429:0"], 0, None, 2),
    ("429-always", ["429:0"] * 9, 5, "kept refusing with HTTP 429 (rate limit)", 1 + RETRIES),
    ("500-then-ok", ["500"], 0, None, 2),
    ("500-always", ["500"] * 9, 5, "answered HTTP 500: upstream failure 500", 1 + RETRIES),
    ("502-always", ["502"] * 9, 5, "answered HTTP 502: upstream failure 502", 1 + RETRIES),
    ("503-always", ["503"] * 9, 5, "answered HTTP 503: upstream failure 503", 1 + RETRIES),
    ("reset-then-ok", ["reset"], 0, None, 2),
    ("reset-always", ["reset"] * 9, 5, "cannot reach the model server at 127.0.0.1", 1 + RETRIES),
    ("timeout-then-ok", ["hang"], 0, None, 2),
    ("timeout-always", ["hang"] * 9, 5, "did not answer in time (raise --timeout)", 1 + RETRIES),
    ("malformed-json", ["malformed"] * 9, 5, "sent a response that is not JSON", 1),
    ("schema-then-ok", ["bad_schema"], 0, None, 2),
    ("schema-always", ["bad_schema"] * 9, 6, f"gave no valid answer in {1 + REASKS} attempts", 1 + REASKS),
    # A cut-off answer is asked again once for each half of the article; the first half is cut off too.
    ("cut-off", ["length"] * 9, 6, "answer was cut off at 3000 tokens (raise --max-tokens", 2),
    # Re-asks and transport failures interleaved: one budget each for the whole article.
    ("mixed-repaired", ["bad_schema", "503", "bad_schema", "503"], 0, None, 5),
    ("mixed-transport-budget-spent", ["503", "bad_schema", "503", "bad_schema", "503"] + ["ok"] * 3, 5,
     "answered HTTP 503", 1 + RETRIES + 2),
    ("mixed-reask-budget-spent", ["bad_schema", "503", "bad_schema", "503", "bad_schema"] + ["ok"] * 3, 6,
     "gave no valid answer", 1 + REASKS + RETRIES),
]


@pytest.mark.parametrize("script,code,message,requests", [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_fault(summarize, fake_llm, script, code, message, requests):
    fake_llm.will(*script)
    # Answers that never validate fail the article on the full extraction (exit 6); the hybrid
    # falls back on the engine's reading instead (test_an_unusable_hybrid_answer_...).
    result = summarize(extra=("--prompt", "extract@2") if code == 6 else ())
    assert result.code == code, result.stderr
    assert len(fake_llm.requests) == requests
    assert len(fake_llm.requests) <= 1 + RETRIES + REASKS  # never (1 + retries) * (1 + reasks)
    assert "Traceback" not in result.stderr
    # Every transport retry says so on stderr, one line each.
    notices = [line for line in result.stderr.splitlines() if line.startswith("newsdigest: retrying in ")]
    retried = [answer for answer in script[: requests - 1] if answer in TRANSIENT]
    assert len(notices) == len(retried), result.stderr
    if code == 0:
        digest = json.loads(result.stdout)
        assert digest["claims"][0]["grounded"] is True
        assert result.stderr.splitlines() == notices
    else:
        lines = [line for line in result.stderr.strip().splitlines() if line not in notices]
        assert len(lines) == 1 and lines[0].startswith("newsdigest: error: "), result.stderr
        assert message in lines[0]
        assert result.stdout == ""


def test_reask_tells_the_model_what_failed_and_counts_attempts(summarize, fake_llm):
    fake_llm.will("bad_schema")
    result = summarize()
    assert result.code == 0, result.stderr
    usage = json.loads(result.stdout)["provenance"]["usage"]
    assert usage["attempts"] == 2
    assert usage["prompt_tokens"] == 200 and usage["completion_tokens"] == 40  # summed over both
    reask = json.dumps(fake_llm.requests[1].body["messages"][2:])
    assert "corrections" in reask and "Field required" in reask


def test_a_reask_repairs_an_ungrounded_quote(summarize, fake_llm):
    fake_llm.will("bad_quote", "ok")
    result = summarize(extra=FULL)
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["provenance"]["usage"]["attempts"] == 2
    reask = json.dumps(fake_llm.requests[1].body["messages"][2:])
    assert "quote 'words the article never used' is not in sentence(s) [1]" in reask
    assert [c["grounded"] for c in doc["claims"]] == [True]


def test_an_ungrounded_quote_after_the_reask_budget_is_kept_as_unverified(summarize, fake_llm):
    fake_llm.will("bad_quote", "bad_quote", "bad_quote")
    result = summarize(extra=FULL)
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [c["grounded"] for c in doc["claims"]] == [False]
    assert {"reask_budget_exhausted", "ungrounded_claim"} <= {w["kind"] for w in doc["warnings"]}


def test_a_source_the_article_lacks_is_asked_again_with_the_reason(summarize, fake_llm):
    fake_llm.will("bad_source", "ok")
    result = summarize()
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["provenance"]["usage"]["attempts"] == 2
    reask = json.dumps(fake_llm.requests[1].body["messages"][2:])
    assert "source 'Someone Nobody Named' is not in the article" in reask
    assert {c["attribution"]["origin"] for c in doc["claims"]} == {"engine"}
    assert "model_reading_rejected" not in {w["kind"] for w in doc["warnings"]}


def test_a_source_rejected_twice_leaves_the_engines_reading_with_a_warning(summarize, fake_llm):
    fake_llm.will("bad_source", "bad_source", "bad_source")
    result = summarize()
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(fake_llm.requests) == 2  # asked again once, not until the re-ask budget runs out
    assert "Someone Nobody Named" not in {c["attribution"]["source"] for c in doc["claims"]}
    assert all(c["grounded"] and c["attribution"]["origin"] == "engine" for c in doc["claims"])
    rejected = [w for w in doc["warnings"] if w["kind"] == "model_reading_rejected"]
    assert len(rejected) == 1 and "the engine's reading stands" in rejected[0]["message"]


def test_retry_after_is_honoured(summarize, fake_llm):
    fake_llm.will("429:1")
    result = summarize()
    assert result.code == 0, result.stderr
    (gap,) = fake_llm.gaps()
    assert gap >= 0.95  # the server asked for 1 s; the backoff alone would wait 0.01-0.02 s


def test_backoff_grows_between_retries(summarize, fake_llm):
    fake_llm.will("500", "500")
    result = summarize(extra=("--retry-backoff", "0.3"))
    assert result.code == 0, result.stderr
    first, second = fake_llm.gaps()
    assert 0.3 <= first < 0.6 + 0.3  # 0.3 s plus up to 0.3 s of jitter (plus process slack)
    assert 0.6 <= second


def test_budgets_are_per_article_and_a_failed_article_does_not_lose_the_others(summarize, fake_llm, tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE.replace("Council", f"Council {name}"))
    # a: one retry; b: fails after its own full budget; c: one retry, from a fresh budget.
    fake_llm.will("503", "ok", *["503"] * (1 + RETRIES), "503", "ok")
    result = summarize("a.txt", "b.txt", "c.txt")
    assert result.code == 7, result.stderr
    assert len(fake_llm.requests) == 2 + (1 + RETRIES) + 2
    digests = json.loads(result.stdout)
    assert [d["article"]["source"] for d in digests] == ["a.txt", "c.txt"]
    lines = result.stderr.strip().splitlines()
    assert lines.count("newsdigest: retrying in 0.0 s: HTTP 503") == 1 + RETRIES + 1  # a: 1, b: 2, c: 1
    assert [line for line in lines if "retrying" not in line] == [
        "newsdigest: error: b.txt: the model server at 127.0.0.1 answered HTTP 503: upstream failure 503",
        "newsdigest: error: 1 of 3 articles failed; the others were written",
    ]


def test_a_key_echoed_by_the_server_never_reaches_the_user(summarize, fake_llm):
    key = "sk-test-0123456789abcdefSECRET"
    for debug in ((), ("--debug",)):
        fake_llm.will(f"401:{key}")
        result = summarize(extra=debug, env={"OPENAI_API_KEY": key})
        assert result.code == 5
        assert "rejected the API key" in result.stderr
        assert key not in result.stderr + result.stdout
    assert all(r.headers.get("authorization") == f"Bearer {key}" for r in fake_llm.requests)  # it was sent


def test_debug_logs_and_traceback_redact_the_key(summarize, fake_llm):
    key = "sk-test-0123456789abcdefSECRET"
    fake_llm.will(*["500"] * 9)
    result = summarize(extra=("--debug",), env={"OPENAI_API_KEY": key})
    assert result.code == 5
    assert "Traceback" in result.stderr  # --debug shows it ...
    assert "HTTP Request: POST" in result.stderr or "Request options" in result.stderr  # ... and debug logs
    assert key not in result.stderr + result.stdout


# Long enough to be read in several chunks within a small context.
LONG_ARTICLE = "Council approves budget\n\n" + "\n\n".join(
    f"The council approved item {n} of the budget, worth {n} million dollars, on Tuesday. "
    f"The mayor said item {n} was fair to every district of the city." for n in range(60)) + "\n"
CHUNKED = ("--n-ctx", "4096", "--max-tokens", "400")


def _chunks_read(summarize, fake_llm, tmp_path, prompt: tuple[str, ...] = ()) -> int:
    """How many requests the long article takes from a server that answers well at once."""
    (tmp_path / "long.txt").write_text(LONG_ARTICLE)
    result = summarize("long.txt", extra=(*CHUNKED, *prompt))
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["provenance"]["chunks"] > 2, "the article must be read in chunks for this test"
    return len(fake_llm.requests)


@pytest.mark.parametrize("failure", ["bad_schema", "length"])
def test_an_unusable_hybrid_answer_leaves_the_engines_reading_with_a_warning(summarize, fake_llm, failure):
    """A hybrid answer that is cut off (a runaway model) or never valid costs the article its
    model corrections, not its claims: the engine's draft stands, said in a warning."""
    offline = summarize(extra=("--backend", "offline"))
    fake_llm.will(*[failure] * 9)
    result = summarize()
    assert result.code == 0, result.stderr
    analysis = json.loads(result.stdout)
    assert [w["kind"] for w in analysis["warnings"]].count("model_answer_unused") == 1
    claims = analysis["claims"]
    assert claims and {c["attribution"]["origin"] for c in claims} == {"engine"}
    assert [c["evidence"] for c in claims] == [c["evidence"] for c in json.loads(offline.stdout)["claims"]]
    assert len(fake_llm.requests) == (1 if failure == "length" else 1 + REASKS)  # a runaway is not asked again


# Each failing answer with the prompt that can give it: an ungrounded quote is the full
# extraction's (extract@2), a source the article lacks the hybrid's. A broken schema fails the
# full extraction's article; the hybrid's falls back on the engine's reading (tested above).
@pytest.mark.parametrize(("failure", "prompt", "code"), [
    ("bad_quote", ("--prompt", "extract@2"), 0),  # ungrounded quotes are kept, marked
    ("bad_source", (), 0),  # the engine's reading stands, with a warning
    ("bad_schema", ("--prompt", "extract@2"), 6),  # answers that never validate leave the article nothing
])
def test_a_chunked_article_shares_one_reask_budget_over_its_chunks(summarize, fake_llm, tmp_path, failure, prompt, code):
    """Every answer fails validation: the article costs one request per piece (chunks and the
    combining request) plus the article's re-asks, not (1 + reasks) requests per piece."""
    pieces = _chunks_read(summarize, fake_llm, tmp_path, prompt)
    fake_llm.requests.clear()
    fake_llm.will(*[failure] * 200)
    result = summarize("long.txt", extra=(*CHUNKED, *prompt))
    assert len(fake_llm.requests) <= pieces + REASKS, result.stderr
    assert result.code == code, result.stderr


def test_a_chunked_article_against_a_trickling_server_costs_one_retry_budget(summarize, fake_llm, tmp_path):
    """Each chunk's answer trickles past --timeout: the article ends when its retries are
    spent, after 1 + retries requests of at most --timeout each, not that many per chunk."""
    (tmp_path / "long.txt").write_text(LONG_ARTICLE)
    fake_llm.trickle_s = 0.01
    fake_llm.will(*["trickle"] * 50)
    result = summarize("long.txt", extra=(*CHUNKED, "--timeout", "0.3"))
    assert result.code == 5 and "did not answer in time" in result.stderr, result.stderr
    assert len(fake_llm.requests) == 1 + RETRIES
