"""Work on each of several items where one item's failure must not lose the others' results."""

from __future__ import annotations

from typing import Callable, TypeVar

from newsdigest.errors import NewsdigestError

T = TypeVar("T")
R = TypeVar("R")


def run(
    items: list[T],
    work: Callable[[T], R],
    *,
    fail_fast: bool,
    name: Callable[[T], str],
    report: Callable[[str, NewsdigestError], None],
) -> list[R]:
    """``work`` on every item, the results in item order. Unless ``fail_fast``, an item's
    ``NewsdigestError`` is reported at once with the item's name, and the rest go on; any
    other exception is a bug and stops the run."""
    results = []
    for item in items:
        try:
            results.append(work(item))
        except NewsdigestError as err:
            if fail_fast:
                raise
            report(name(item), err)
    return results


def line(label: str, err: NewsdigestError) -> str:
    """The error as one line that names the item once."""
    message = str(err)
    return message if message.startswith(label) else f"{label}: {message}"
