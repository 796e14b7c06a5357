"""One item's failure is noted, named, and does not lose the others' results (unless fail-fast)."""

import pytest

from newsdigest.cli import per_item
from newsdigest.errors import InputError, NewsdigestError


def halve(n: int) -> int:
    if n % 2:
        raise InputError(f"{n}: is odd" if n == 3 else "is odd")
    return n // 2


def test_failures_are_collected_and_reported_once_naming_the_item():
    failures: list[NewsdigestError] = []
    lines: list[str] = []
    results = per_item.run([2, 1, 4, 3, 6], halve, failures, fail_fast=False, name=str, report=lines.append)
    assert results == [1, 2, 3]
    assert [str(f) for f in failures] == ["is odd", "3: is odd"]
    # The item's name is added where the message does not already start with it.
    assert lines == ["1: is odd", "3: is odd"]


def test_fail_fast_raises_the_first_failure_and_reports_nothing():
    failures: list[NewsdigestError] = []
    lines: list[str] = []
    with pytest.raises(InputError, match="is odd"):
        per_item.run([2, 1, 3], halve, failures, fail_fast=True, name=str, report=lines.append)
    assert failures == [] and lines == []


def test_an_error_that_is_not_a_newsdigest_error_stops_the_run():
    def broken(n: int) -> int:
        raise KeyError(n)

    failures: list[NewsdigestError] = []
    with pytest.raises(KeyError):
        per_item.run([1, 2], broken, failures, fail_fast=False, name=str, report=lambda line: None)
    assert failures == []
