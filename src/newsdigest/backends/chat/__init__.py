"""The chat-model path: what every backend that asks a model shares (``backend.ChatBackend``).

``llm`` runs one structured exchange (re-asks, usage, salvage); ``extraction`` is the
answer's schema and turns it into grounded claims with ``grounding``; ``budget`` and
``chunking`` fit an article into the model's context; ``retries`` is the transport budget.
"""
