"""The built-in offline engine: attributed claims, hedges, figures and contradictions by rules.

It needs no model, key or network, runs in milliseconds and gives the same answer every
time. ``engine.read`` reads a whole article (``backends.offline`` presents it as a backend);
the other modules each detect one thing and can be used on their own (``figures`` serves
cross-article checks too). Nothing here imports a backend or a prompt.
"""
