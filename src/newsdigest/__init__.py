"""newsdigest: what a news article says, and who says it."""

__version__ = "0.1.0"
