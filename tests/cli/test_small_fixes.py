"""Small things a new user tripped over (issue 14), each as the user met it."""

from __future__ import annotations

from conftest import EXAMPLE
from newsdigest.render import text as text_render
from newsdigest.render.templating import plural
from newsdigest.schema import Warning


def test_one_claim_is_not_one_claims(run_cli, tmp_path):
    article = tmp_path / "short.txt"
    article.write_text("Bridge reopens\n\nThe bridge reopened on Monday, the transport office said.\n")
    for fmt in ("md", "html"):
        result = run_cli("digest", str(article), "--no-cache", "-f", fmt, "-q")
        assert result.code == 0, result.stderr
        assert "1 claim" in result.stdout and "1 claims" not in result.stdout
    assert plural(1, "claim") == "1 claim" and plural(0, "claim") == "0 claims"


def test_a_warning_repeated_in_the_article_is_one_line_with_a_count(run_cli, tmp_path):
    article = tmp_path / "loaded.txt"
    article.write_text("Crime wave\n\nThe reckless plan failed. Critics said the reckless plan would cost jobs.\n"
                       "The reckless spending went on.\n")
    result = run_cli("summarize", str(article), "-f", "text", "-q")
    warnings = result.stdout.split("WARNINGS\n")[1].split("\n\n")[0].splitlines()
    assert len(warnings) == len(set(warnings))
    assert any("(2 times)" in line or "(3 times)" in line for line in warnings), warnings


def test_warning_lines_count_repeats_and_keep_distinct_ones():
    from newsdigest import pipeline
    from newsdigest.backends.offline import OfflineBackend
    from newsdigest.prompts import PromptStore
    from newsdigest.text import article as article_io

    digest = pipeline.summarize(article_io.load(str(EXAMPLE)), OfflineBackend(), PromptStore())
    same = Warning(kind="loaded_language", message="loaded word 'x'", start=1, end=2)
    digest = digest.model_copy(update={"warnings": [same, same.model_copy(update={"start": 5, "end": 6}),
                                                    Warning(kind="other", message="y")]})
    assert text_render.warning_lines(digest) == [("loaded_language", "loaded word 'x' (2 times)"), ("other", "y")]


def test_several_articles_in_text_are_separated_by_a_rule(run_cli):
    result = run_cli("summarize", str(EXAMPLE), str(EXAMPLE), "-f", "text", "-q")
    first, second = result.stdout.split("\n" + "=" * 100 + "\n")
    assert first.startswith("Riverton council") and second.strip().startswith("Riverton council")


def test_looking_at_a_cache_that_is_not_there_does_not_create_it(run_cli, tmp_path):
    missing = tmp_path / "nowhere" / "cache.sqlite3"
    for command in ("stats", "clear"):
        result = run_cli("cache", command, "--cache", str(missing))
        assert result.code == 3 and f"no cache at {missing}" in result.stderr
    assert not missing.exists() and not missing.parent.exists()
