"""The offline engine's work is bounded on pathological input (issue 16, item 5).

Work is counted, not timed: the tokens the attribution rules read while walking back from
each cue to its subject, which was the quadratic spot (every cue re-read its whole sentence).
benchmarks/long_paragraph.py prints the time.
"""

from __future__ import annotations

import re

import pytest

from newsdigest.text import article, segment
from newsdigest.offline import attribution
from newsdigest.backends.offline import OfflineBackend
from newsdigest.prompts import PromptStore

CUES = "officials said the mayor told reporters that critics say the council had claimed and "


class CountingTokens:
    """Stands in for attribution's token pattern and records how many tokens each scan read."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scans: list[int] = []

    def finditer(self, text: str, start: int, end: int):
        self.scans.append(0)
        for match in self.pattern.finditer(text, start, end):
            self.scans[-1] += 1
            yield match


@pytest.fixture
def counted(monkeypatch) -> CountingTokens:
    counter = CountingTokens(attribution._TOKEN)
    monkeypatch.setattr(attribution, "_TOKEN", counter)
    return counter


def analyze(text: str) -> None:
    OfflineBackend().analyze(article.from_text("Council vote\n\n" + text + "\n"), PromptStore(), "extract")


def test_each_cue_reads_a_window_not_its_whole_sentence(counted):
    sentence = "Then " + (CUES * 25)[: segment.MAX_ANALYSED_CHARS - 10].rstrip() + "."
    analyze(sentence)
    assert len(counted.scans) > 50  # every cue was tried
    assert max(counted.scans) <= attribution._WINDOW // 2  # a token and a space: two characters at least
    assert max(counted.scans) < len(sentence.split()) / 2


def test_work_grows_in_proportion_to_the_article(counted):
    sentence = "Then " + CUES.strip() + " the vote was close. "
    analyze(sentence * 20)
    small = sum(counted.scans)
    counted.scans.clear()
    analyze(sentence * 200)
    assert small > 0 and sum(counted.scans) <= 10 * small * 1.05


def test_a_paragraph_with_no_sentence_end_is_not_read_cue_by_cue(counted):
    analyze((CUES * 1200).strip())  # about 100 KB, one "sentence"
    assert sum(counted.scans) == 0


def test_a_run_on_unit_is_left_unattributed_but_still_a_grounded_claim():
    text = "Council vote\n\n" + (CUES * 40).strip() + "\n"
    claims = OfflineBackend().analyze(article.from_text(text), PromptStore(), "extract").claims
    assert len(claims) == 1 and claims[0].attribution.source_type == "author"
    e = claims[0].evidence[0]
    assert text[e.start : e.end] == e.quote
