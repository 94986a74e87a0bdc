"""Dataclasses shared by the stages. Third-party dicts (feedparser, trafilatura) stop at the edge."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ArticleStatus(StrEnum):
    """Where an article stands. Every feed entry is a row with one of these."""

    PENDING = "pending"  # known from a feed, page not fetched yet
    EXTRACTED = "extracted"  # text extracted from the article's own page
    FALLBACK = "fallback"  # page unusable; text taken from the feed's content or summary
    FAILED = "failed"  # no text at all yet; retried on the next run
    IMPORTED = "imported"  # loaded from a JSONL/CSV file


@dataclass(frozen=True)
class ParsedEntry:
    """One feed entry, typed. ``link`` is absolute or None when the entry has none."""

    link: str | None
    guid: str | None
    title: str
    summary: str  # HTML as the feed gave it
    content: str  # full content (content:encoded, atom:content) as HTML, often empty
    published: datetime | None  # UTC
    author: str
    raw: dict[str, Any] = field(default_factory=dict)  # JSON-safe copy of the entry's own fields
    categories: tuple[str, ...] = ()  # the entry's categories or tags, as written


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed document: its entries, or the reason it has none."""

    title: str
    version: str  # e.g. "rss20", "atom10", "json11"; "" when not a feed
    entries: list[ParsedEntry]
    error: str | None = None  # fatal: the document is not a readable feed
    warning: str | None = None  # recovered: entries were read despite a defect


@dataclass(frozen=True)
class Extracted:
    """What text extraction found in one page."""

    text: str
    title: str = ""
    author: str = ""
    published: str = ""  # ISO date as found in the page, "" when none
    language: str = ""
    canonical_url: str = ""
    kind: str = ""  # what the page declares itself (compare.kinds): "opinion", "analysis", "report" or ""
    # Computed once, where the text is made (an extraction worker), not in the process
    # that stores it.
    word_count: int = field(init=False)
    content_hash: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "word_count", len(self.text.split()))
        object.__setattr__(self, "content_hash", content_hash(self.text))


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace and case folded, to spot identical bodies."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeedHealth:
    """How one feed fared, for `news-compare feeds` and the dashboard."""

    outlet: str
    url: str
    last_attempt: str | None
    last_success: str | None
    http_status: int | None
    error: str | None
    consecutive_failures: int
    entries_seen: int
    new_articles: int


@dataclass
class CollectReport:
    """Summary of one collect run."""

    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    new_articles: int = 0
    extracted: int = 0
    fallback: int = 0
    failed: int = 0
    feed_errors: list[tuple[str, str]] = field(default_factory=list)  # (feed url, message)
    article_errors: list[tuple[str, str]] = field(default_factory=list)  # (article url, message)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        return [
            f"feeds: {self.feeds_ok} ok, {self.feeds_not_modified} not modified, {self.feeds_failed} failed",
            f"articles: {self.new_articles} new, {self.extracted} extracted, "
            f"{self.fallback} from feed text (page unusable), {self.failed} failed",
        ]
