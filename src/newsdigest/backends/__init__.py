"""Backends: what turns an article into an ``Analysis``.

``base.Backend`` is the whole interface. Chat backends (``openai_http``, and later an
in-process one) share ``chat.ChatBackend``; the offline engine implements ``analyze``
directly. ``factory.create`` picks and builds one from settings, importing lazily.
"""
