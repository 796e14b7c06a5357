"""Backends: what turns an article into an ``Analysis``.

``base.Backend`` is the whole interface; ``registry`` lists every backend and builds the one
the settings name. Chat-model backends (``openai_http``, ``llamacpp``) share ``chat/``;
``offline`` presents the rules engine (``newsdigest.offline``) as a backend.
"""
