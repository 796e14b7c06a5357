"""Digests of many articles: inputs, a cached concurrent runner, cross-article checks, mail, batch.

``inputs`` expands what the user names into articles; ``runner`` sends each through
``pipeline.summarize`` (the one per-article core) with a thread pool and the ``cache``;
``crosscheck`` groups articles into stories and finds contradictions between them;
``report`` holds the digest's own models; ``mail`` sends it; ``batch`` writes and reads
OpenAI Batch API files.
"""

from pathlib import Path

# Word lists of ``stories`` and ``crosscheck``, read with ``offline.lexicon.words(name, DATA)``.
DATA = Path(__file__).parent / "data"
