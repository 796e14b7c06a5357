"""Digests of many articles: inputs, a cached concurrent runner, cross-article checks, mail, batch.

``inputs`` expands what the user names into articles; ``runner`` sends each through
``pipeline.summarize`` (the one per-article core) with a thread pool and the ``cache``;
``crosscheck`` groups articles into stories and finds contradictions between them;
``report`` holds the digest's own models; ``mail`` sends it; ``batch`` writes and reads
OpenAI Batch API files. Called, the package is the Python API's ``digest`` (``newsdigest.api``).
"""

import sys
import types
from pathlib import Path
from typing import Any

# Word lists of ``stories`` and ``crosscheck``, read with ``offline.lexicon.words(name, DATA)``.
DATA = Path(__file__).parent / "data"


class _CallablePackage(types.ModuleType):
    """``from newsdigest import digest`` is this package, as Python imports it by that name;
    calling it runs ``newsdigest.api.digest``, the Python API's function of that name, while
    ``newsdigest.digest.runner`` and the other modules stay where they are."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from newsdigest.api import digest

        return digest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
