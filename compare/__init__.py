"""news-compare: see how different outlets cover the same event, fact by fact."""

__version__ = "0.1.0"
