"""From the runner's outcomes to a ``Digest``: input order, cross-article analysis, errors."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Iterable

from newsdigest.digest import crosscheck
from newsdigest.digest.report import Digest
from newsdigest.digest.runner import Outcome


def assemble(outcomes: Iterable[Outcome], checker: crosscheck.Checker, on_result: Callable[[Outcome], None]) -> Digest:
    done = []
    for outcome in outcomes:
        on_result(outcome)
        done.append(outcome)
    done.sort(key=lambda o: o.index)
    results = [(o.article, o.digest) for o in done if o.article is not None and o.digest is not None]
    stories, contradictions, warnings = crosscheck.analyze(results, checker)
    return Digest(
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        contradictions=contradictions,
        stories=stories,
        articles=[digest for _, digest in results],
        errors=[o.error for o in done if o.error is not None],
        warnings=warnings,
    )
