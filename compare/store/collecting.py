"""What collecting and importing store: outlets, feeds and their health, articles, and the
leases that let several collectors share the work without doing any of it twice."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator

from compare.config import Config
from compare.kinds import REPORT, article_kind, kind_of_labels
from compare.language import detect_language
from compare.models import (
    ArticleStatus,
    Extracted,
    FeedHealth,
    ParsedEntry,
    content_hash,
)
from compare.store.engines import POSTGRES
from compare.store.leases import Lease, LeasingStore, utc_iso
from compare.store.search import SETTLE_SEARCH
from compare.urls import canonical_url, url_id, without_tracking

logger = logging.getLogger(__name__)

_FETCHABLE = (ArticleStatus.PENDING, ArticleStatus.FALLBACK, ArticleStatus.FAILED)
# Feed fields kept from feedparser's raw entry: the summary and content are stored once, in
# their own columns, not again inside the raw entry.
_RAW_LEFT_OUT = frozenset({"summary", "summary_detail", "content", "title_detail"})


def article_language(title: str, text: str, declared: str = "") -> str:
    """The language an article is written in: read from its words, else as its page or import
    declared it, as an ISO 639-1 code ("en" of "en-US"; "" when neither says or the declaration
    is not such a code)."""
    primary = declared.strip().lower().replace("_", "-").split("-")[0]
    return detect_language(f"{title}\n{text}") or (primary if re.fullmatch(r"[a-z]{2}", primary) else "")


@dataclass(frozen=True)
class FeedRow:
    """A feed to poll, with its conditional-GET validators."""

    id: int
    outlet_id: int
    outlet: str
    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class FetchTask:
    """An article whose page is still to be fetched."""

    id: str
    url: str | None
    outlet: str
    title: str
    feed_text_html: str  # the feed's own content, else its summary: the fallback text
    attempts: int


class CollectingStore(LeasingStore):
    """The store's collecting half (mixed into :class:`compare.store.Store`)."""

    def settle_search(self) -> None:
        """Move the articles just written into the full-text index proper (PostgreSQL's pending
        list, which every search reads through; see compare.store.search). Called at the end of
        each import and collection; SQLite's index needs nothing."""
        if self.conn.engine != POSTGRES:
            return
        import psycopg

        try:
            self.conn.execute(SETTLE_SEARCH).fetchall()
        except psycopg.Error as exc:  # only the index's owner may; the list's bound still holds
            logger.info("the search index's pending list was left to autovacuum: %s", str(exc).strip())

    # -- outlets and feeds ----------------------------------------------------------------

    def sync_config(self, config: Config) -> None:
        """Store the outlets and feeds of ``config``; feeds no longer listed become inactive."""
        with self.transaction():
            self._lock("feeds")  # two collectors starting together apply the config one after the other
            self.conn.execute("UPDATE feeds SET active = 0 WHERE active = 1")
            for outlet in config.outlets:
                outlet_id = self.ensure_outlet(outlet.name, **outlet.labels())
                for url in outlet.feeds:
                    self.conn.execute(
                        "INSERT INTO feeds (outlet_id, url, active) VALUES (?, ?, 1) "
                        "ON CONFLICT(url) DO UPDATE SET outlet_id = excluded.outlet_id, active = 1",
                        (outlet_id, url))

    def ensure_outlet(self, name: str, **labels: Any) -> int:
        """Id of the outlet ``name``, created if new; given labels overwrite stored ones."""
        if not labels:  # an import's outlet: read, and written only when new (no row rewritten per article)
            row = self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
            if row is not None:
                return int(row[0])
        if "tags" in labels:
            labels["tags"] = json.dumps(list(labels["tags"]))
        columns = ["name", *labels]
        updates = ", ".join(f"{c} = excluded.{c}" for c in labels) or "name = excluded.name"
        self.conn.execute(
            f"INSERT INTO outlets ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT(name) DO UPDATE SET {updates}",
            (name, *labels.values()))
        return int(self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0])

    def outlet_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM outlets ORDER BY name")]

    def outlets_with_articles(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT o.name FROM outlets o WHERE EXISTS (SELECT 1 FROM articles a WHERE a.outlet_id = o.id) "
            "ORDER BY o.name")]

    def active_feeds(self) -> list[FeedRow]:
        return self._feeds("f.active = 1", [])

    def claim_feeds(self, lease: Lease, limit: int, *, now: datetime) -> list[FeedRow]:
        """Up to ``limit`` active feeds for this worker to poll: none another worker holds, none
        polled since the round began. Each stays leased until polled or until the lease expires."""
        ids = self._claim("feeds", "f", "f.active = 1", [], done="last_attempt", order="f.id", limit=limit,
                          lease=lease, now=now)
        return self._feeds(f"f.id IN ({', '.join('?' * len(ids))})", ids) if ids else []

    def _feeds(self, where: str, params: list[Any]) -> list[FeedRow]:
        rows = self.conn.execute(
            "SELECT f.id, f.outlet_id, o.name AS outlet, f.url, f.etag, f.last_modified "
            f"FROM feeds f JOIN outlets o ON o.id = f.outlet_id WHERE {where} ORDER BY f.id", params)
        return [FeedRow(**dict(row)) for row in rows]

    def record_feed_poll(self, feed_id: int, *, when: datetime, ok: bool, http_status: int | None,
                         error: str | None, etag: str | None = None, last_modified: str | None = None,
                         title: str = "", entries_seen: int = 0, new_articles: int = 0) -> None:
        """Store the outcome of one poll (feed health), and give back the feed's lease.
        ``ok`` includes 304 Not Modified."""
        now = utc_iso(when)
        if ok:
            self.conn.execute(
                "UPDATE feeds SET last_attempt = ?, last_success = ?, http_status = ?, error = ?, "
                "consecutive_failures = 0, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                "title = CASE WHEN ? <> '' THEN ? ELSE title END, "
                "entries_seen = CASE WHEN ? THEN entries_seen ELSE ? END, new_articles = ?, "
                "lease_until = NULL WHERE id = ?",
                (now, now, http_status, error, etag, last_modified, title, title, http_status == 304, entries_seen,
                 new_articles, feed_id))
        else:
            self.conn.execute(
                "UPDATE feeds SET last_attempt = ?, http_status = ?, error = ?, "
                "consecutive_failures = consecutive_failures + 1, new_articles = 0, lease_until = NULL "
                "WHERE id = ?",
                (now, http_status, error, feed_id))

    def feed_health(self) -> list[FeedHealth]:
        rows = self.conn.execute(
            "SELECT o.name AS outlet, f.url, f.last_attempt, f.last_success, f.http_status, f.error, "
            "f.consecutive_failures, f.entries_seen, f.new_articles "
            "FROM feeds f JOIN outlets o ON o.id = f.outlet_id WHERE f.active = 1 ORDER BY o.name, f.url")
        return [FeedHealth(**dict(row)) for row in rows]

    # -- articles -------------------------------------------------------------------------

    def find_article(self, url: str | None, *, outlet_id: int | None = None, guid: str | None = None) -> str | None:
        """Id of the article known under ``url`` (any tracking variant) or this outlet's ``guid``."""
        if url:
            found = self._article_by_key(canonical_url(url))
            if found:
                return found
        if guid and outlet_id is not None:
            row = self.conn.execute("SELECT id FROM articles WHERE outlet_id = ? AND guid = ? LIMIT 1",
                                    (outlet_id, guid)).fetchone()
            if row:
                return str(row[0])
        return None

    def _article_by_key(self, key: str) -> str | None:
        row = self.conn.execute("SELECT article_id FROM article_urls WHERE url_key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def add_entry(self, feed: FeedRow, entry: ParsedEntry, *, when: datetime) -> bool:
        """Store one feed entry as an article (or link it to the one it repeats). True when new."""
        with self.transaction():
            # An entry without a link is still a row, keyed by its feed and its guid or title.
            key = canonical_url(entry.link) if entry.link else (
                f"entry:{feed.url}:{entry.guid or entry.title or entry.summary[:200]}")
            existing = self._article_by_key(key) or self.find_article(None, outlet_id=feed.outlet_id,
                                                                      guid=entry.guid)
            if existing:
                self._link_feed(existing, feed.id)
                self.conn.execute("INSERT INTO article_urls VALUES (?, ?) ON CONFLICT DO NOTHING", (key, existing))
                return False
            article_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
            now = utc_iso(when)
            kind = article_kind(declared=kind_of_labels(entry.categories), url=entry.link, title=entry.title)
            raw = {k: v for k, v in entry.raw.items() if k not in _RAW_LEFT_OUT}
            # ON CONFLICT: another collector stored the same page from another feed a moment ago.
            inserted = self.conn.execute(
                "INSERT INTO articles (id, outlet_id, source, url, guid, title, published, author, status, "
                "feed_title, feed_summary, feed_content, feed_published, feed_raw, kind, first_seen, updated_at) "
                "VALUES (?, ?, 'feed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                # Without tracking parameters: the same page whichever feed's link arrives first.
                (article_id, feed.outlet_id, without_tracking(entry.link) if entry.link else None, entry.guid,
                 entry.title, utc_iso(entry.published), entry.author, ArticleStatus.PENDING, entry.title,
                 entry.summary, entry.content, utc_iso(entry.published),
                 json.dumps(raw, ensure_ascii=False, default=str), kind, now, now)).rowcount
            self.conn.execute("INSERT INTO article_urls VALUES (?, ?) ON CONFLICT DO NOTHING", (key, article_id))
            self._link_feed(article_id, feed.id)
            return inserted == 1

    def _link_feed(self, article_id: str, feed_id: int) -> None:
        self.conn.execute("INSERT INTO article_feeds VALUES (?, ?) ON CONFLICT DO NOTHING", (article_id, feed_id))

    def _add_alias(self, article_id: str, url: str) -> None:
        self.conn.execute("INSERT INTO article_urls VALUES (?, ?) ON CONFLICT DO NOTHING",
                          (canonical_url(url), article_id))

    def fetch_tasks(self, max_attempts: int, *, feed_id: int | None = None, lease: Lease | None = None,
                    now: datetime | None = None, limit: int | None = None) -> list[FetchTask]:
        """Articles still to fetch: new ones, and failed ones that may succeed on a retry.

        With ``feed_id``, only the articles that feed lists. With ``lease``, only articles no
        other worker holds or fetched this round, and they become this worker's until fetched
        or until the lease expires.
        """
        conditions = [f"a.status IN ({', '.join('?' * len(_FETCHABLE))})",
                      "(a.status = 'pending' OR (a.retryable = 1 AND a.attempts < ?))"]
        params: list[Any] = [*_FETCHABLE, max_attempts]
        if feed_id is not None:
            conditions.append("EXISTS (SELECT 1 FROM article_feeds f WHERE f.article_id = a.id AND f.feed_id = ?)")
            params.append(feed_id)
        if lease is None:
            return self._tasks(" AND ".join(conditions), params, limit)
        ids = self._claim("articles", "a", " AND ".join(conditions), params, done="fetched_at",
                          order="a.first_seen, a.id", limit=limit, lease=lease, now=now or datetime.now(timezone.utc))
        if not ids:
            return []
        by_id = {t.id: t for t in self._tasks(f"a.id IN ({', '.join('?' * len(ids))})", ids, None)}
        return [by_id[i] for i in ids if i in by_id]

    def _tasks(self, where: str, params: list[Any], limit: int | None) -> list[FetchTask]:
        rows = self.conn.execute(
            "SELECT a.id, a.url, o.name AS outlet, a.title, "
            "CASE WHEN a.feed_content <> '' THEN a.feed_content ELSE a.feed_summary END AS feed_text_html, "
            f"a.attempts FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE {where} "
            "ORDER BY a.first_seen, a.id" + (f" LIMIT {int(limit)}" if limit else ""), params)
        return [FetchTask(**dict(row)) for row in rows]

    def save_extracted(self, article_id: str, extracted: Extracted, *, when: datetime,
                       http_status: int | None, final_url: str | None) -> str:
        """Store text extracted from the article's page. Returns the id the article now has.

        When the page turns out to be one already stored under another URL (a redirect or a
        rel=canonical link), the two rows are merged into the older one.
        """
        with self.transaction():
            article_id = self._merge_aliases(article_id, [final_url, extracted.canonical_url])
            row = self.conn.execute("SELECT feed_title, feed_published, url, kind FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
            title = row["feed_title"] or extracted.title
            published = row["feed_published"] or _page_date(extracted.published)
            # The page's own declaration first, then what the feed entry said, then the URL and text.
            kind = article_kind(declared=extracted.kind or (row["kind"] if row["kind"] != REPORT else ""),
                                url=final_url or row["url"], title=title, text=extracted.text)
            self.conn.execute(
                "UPDATE articles SET status = ?, error = NULL, retryable = 0, attempts = attempts + 1, "
                "http_status = ?, final_url = ?, text = ?, word_count = ?, content_hash = ?, title = ?, "
                "published = ?, author = CASE WHEN author = '' THEN ? ELSE author END, language = ?, "
                "page_title = ?, page_published = ?, kind = ?, fetched_at = ?, updated_at = ?, "
                # The feed's own text was kept only as a fallback for the page's: stored once.
                "feed_summary = '', feed_content = '', lease_until = NULL WHERE id = ?",
                (ArticleStatus.EXTRACTED, http_status, final_url, extracted.text, extracted.word_count,
                 extracted.content_hash, title, published, extracted.author,
                 article_language(title, extracted.text, extracted.language),
                 extracted.title, extracted.published, kind, utc_iso(when), utc_iso(when), article_id))
            return article_id

    def save_failure(self, article_id: str, *, error: str, retryable: bool, when: datetime,
                     http_status: int | None = None, fallback_text: str = "") -> ArticleStatus:
        """Record that the page could not be used; keep the feed's own text if there is any."""
        status = ArticleStatus.FALLBACK if fallback_text.strip() else ArticleStatus.FAILED
        with self.transaction():
            row = self.conn.execute("SELECT feed_title, title FROM articles WHERE id = ?", (article_id,)).fetchone()
            title = (row["feed_title"] or row["title"] or "") if row else ""
            self.conn.execute(
                "UPDATE articles SET status = ?, error = ?, retryable = ?, attempts = attempts + 1, "
                "http_status = ?, text = ?, word_count = ?, content_hash = ?, fetched_at = ?, updated_at = ?, "
                "language = ?, lease_until = NULL WHERE id = ?",
                (status, error, int(retryable), http_status, fallback_text, len(fallback_text.split()),
                 content_hash(fallback_text) if fallback_text else None, utc_iso(when), utc_iso(when),
                 article_language(title, fallback_text) if fallback_text.strip() else "", article_id))
        return status

    def _merge_aliases(self, article_id: str, urls: list[str | None]) -> str:
        """Register ``urls`` for the article; merge it into another row that already owns one."""
        for url in filter(None, urls):
            owner = self.find_article(url)
            if owner is None:
                self._add_alias(article_id, url)
            elif owner != article_id:
                logger.info("article %s is the same page as %s (%s); merging", article_id, owner, url)
                self.conn.execute("INSERT INTO article_feeds SELECT ?, feed_id FROM article_feeds "
                                  "WHERE article_id = ? ON CONFLICT DO NOTHING", (owner, article_id))
                self.conn.execute("DELETE FROM article_feeds WHERE article_id = ?", (article_id,))
                self.conn.execute("UPDATE article_urls SET article_id = ? WHERE article_id = ?",
                                  (owner, article_id))
                self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                article_id = owner
        return article_id

    def import_article(self, record: dict[str, Any], *, when: datetime) -> bool:
        """Insert or update one imported article (validated by the importer). True when new."""
        with self.transaction():
            outlet_id = self.ensure_outlet(record["outlet"])
            existing = self.find_article(record["url"])
            article_id = existing or url_id(record["url"])
            text = record["text"]
            now = utc_iso(when)
            kind = article_kind(declared=record.get("kind") or record.get("section") or "", url=record["url"],
                                title=record["title"], text=text)
            self.conn.execute(
                "INSERT INTO articles (id, outlet_id, source, url, title, published, author, language, text, "
                "word_count, content_hash, status, retryable, html, kind, first_seen, updated_at) "
                "VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET outlet_id = excluded.outlet_id, title = excluded.title, "
                "published = COALESCE(excluded.published, articles.published), author = excluded.author, "
                "language = excluded.language, text = excluded.text, word_count = excluded.word_count, "
                "content_hash = excluded.content_hash, status = excluded.status, error = NULL, retryable = 0, "
                "html = COALESCE(excluded.html, articles.html), kind = excluded.kind, "
                "updated_at = excluded.updated_at",
                (article_id, outlet_id, record["url"], record["title"], record.get("published"),
                 record.get("author", ""), article_language(record["title"], text, record.get("language", "")),
                 text, len(text.split()),
                 content_hash(text), ArticleStatus.IMPORTED, record.get("html"), kind, now, now))
            self._add_alias(article_id, record["url"])
            return existing is None

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT a.*, o.name AS outlet FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
            (article_id,)).fetchone()
        return dict(row) if row else None

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every article with its outlet name, oldest first."""
        for row in self.conn.execute(
                "SELECT a.*, o.name AS outlet FROM articles a JOIN outlets o ON o.id = a.outlet_id "
                "ORDER BY COALESCE(a.published, a.first_seen), a.id").fetchall():
            yield dict(row)

    def status_counts(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.conn.execute("SELECT status, COUNT(*) FROM articles GROUP BY 1")}

    def pages_per_collector(self) -> dict[str, int]:
        """How many articles each collector (by the name it leases under) last held: how
        collectors sharing the database split the pages."""
        return {row[0]: row[1] for row in self.conn.execute(
            "SELECT leased_by, COUNT(*) FROM articles WHERE leased_by IS NOT NULL GROUP BY 1")}



def _page_date(value: str) -> str | None:
    """A page's own date (``YYYY-MM-DD`` or full ISO) as stored ISO text, or None."""
    if not value:
        return None
    try:
        return utc_iso(datetime.fromisoformat(value))
    except ValueError:
        return None
