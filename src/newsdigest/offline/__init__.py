"""The built-in offline engine: attributed claims, hedges, figures and contradictions by rules.

It needs no model, key or network, runs in milliseconds and gives the same answer every
time. ``engine.OfflineEngine`` is the backend; the other modules each detect one thing and
can be used on their own (``figures`` serves cross-article checks too).
"""
