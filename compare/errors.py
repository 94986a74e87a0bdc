"""The few exceptions the library raises; the CLI and UI turn them into messages."""

from __future__ import annotations


class CompareError(Exception):
    """Base class of every error news-compare raises on purpose."""


class ConfigError(CompareError):
    """feeds.toml is missing, unreadable, or holds an unknown key or a bad value."""


class StoreError(CompareError):
    """The database cannot be opened or is of a newer schema than this code knows."""


class FetchError(CompareError):
    """An HTTP fetch failed.

    ``retryable`` tells a temporary failure (timeout, 429, 5xx) from one that will
    not go away by itself (404, a page over the size cap, a disallowed scheme).
    """

    def __init__(self, message: str, *, url: str, status: int | None = None, retryable: bool = False):
        super().__init__(message)
        self.message = message
        self.url = url
        self.status = status
        self.retryable = retryable

    def __str__(self) -> str:
        return f"{self.message} ({self.url})"


class ImportFormatError(CompareError):
    """An import file cannot be read at all (not one bad line: those are reported and skipped)."""


class StoreBusyError(StoreError):
    """Another process held the database's write lock for longer than we wait; try again later."""
