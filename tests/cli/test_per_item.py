"""One item's failure is noted, named, and does not lose the others' results (unless fail-fast)."""

import pytest

from newsdigest.cli import per_item
from newsdigest.errors import InputError


def halve(n: int) -> int:
    if n % 2:
        raise InputError(f"{n}: is odd" if n == 3 else "is odd")
    return n // 2


def test_failures_are_reported_once_naming_the_item():
    lines: list[str] = []
    results = per_item.run([2, 1, 4, 3, 6], halve, fail_fast=False, name=str,
                           report=lambda label, err: lines.append(per_item.line(label, err)))
    assert results == [1, 2, 3]
    # The item's name is added where the message does not already start with it.
    assert lines == ["1: is odd", "3: is odd"]


def test_fail_fast_raises_the_first_failure_and_reports_nothing():
    lines: list[str] = []
    with pytest.raises(InputError, match="is odd"):
        per_item.run([2, 1, 3], halve, fail_fast=True, name=str, report=lambda label, err: lines.append(label))
    assert lines == []


def test_an_error_that_is_not_a_newsdigest_error_stops_the_run():
    def broken(n: int) -> int:
        raise KeyError(n)

    lines: list[str] = []
    with pytest.raises(KeyError):
        per_item.run([1, 2], broken, fail_fast=False, name=str, report=lambda label, err: lines.append(label))
    assert lines == []
