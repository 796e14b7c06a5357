"""Checks every backend's answer goes through (``pipeline``): instruction-like text planted in
the article (``injection``, with its cheap ``prefilter``), and a model's attributions and
contradictions reviewed against the offline engine's reading (``review``)."""
