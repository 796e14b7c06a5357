"""newsdigest: what a news article says, and who says it.

The Python API is ``from newsdigest import summarize, digest`` (``newsdigest.api``). Both are
imported when first used, so that ``import newsdigest`` (and ``newsdigest --help``) stays fast.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "digest", "summarize"]


def __getattr__(name: str) -> Any:
    # ``digest`` needs no entry here: it is the ``newsdigest.digest`` package, which can be
    # called (see its ``__init__``).
    if name == "summarize":
        from newsdigest.api import summarize

        return summarize
    raise AttributeError(f"module 'newsdigest' has no attribute {name!r}")
