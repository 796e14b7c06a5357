"""Work on each of several items where one item's failure must not lose the others' results."""

from __future__ import annotations

from typing import Callable, TypeVar

from newsdigest.errors import NewsdigestError

T = TypeVar("T")
R = TypeVar("R")


def run(
    items: list[T],
    work: Callable[[T], R],
    failures: list[NewsdigestError],
    *,
    fail_fast: bool,
    name: Callable[[T], str],
    report: Callable[[str], None],
) -> list[R]:
    """``work`` on every item, the results in item order. Unless ``fail_fast``, an item's
    ``NewsdigestError`` is added to ``failures`` and reported at once as one line naming the
    item, and the rest go on; any other exception is a bug and stops the run."""
    results = []
    for item in items:
        try:
            results.append(work(item))
        except NewsdigestError as err:
            if fail_fast:
                raise
            failures.append(err)
            label, message = name(item), str(err)
            report(message if message.startswith(label) else f"{label}: {message}")
    return results
