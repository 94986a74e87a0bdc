"""SQLite storage: schema, migrations, idempotent upserts and the queries the stages need.

One :class:`Store` wraps one connection, used from one thread. Each unit of work (a feed's
entries, one article's fetch result, one imported line) is its own transaction, so a run
killed at any point leaves a consistent database and the next run picks up what is left.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from compare.config import Config
from compare.errors import StoreError
from compare.kinds import REPORT, article_kind, kind_of_labels
from compare.models import (
    ArticleStatus,
    Extracted,
    FeedHealth,
    ParsedEntry,
    content_hash,
)
from compare.urls import canonical_url, url_id, without_tracking

logger = logging.getLogger(__name__)

# Ordered migrations; PRAGMA user_version holds how many have run. Append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE outlets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        country TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        ownership TEXT NOT NULL DEFAULT '',
        lean TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        outlet_id INTEGER NOT NULL REFERENCES outlets(id),
        url TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        title TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        last_attempt TEXT,
        last_success TEXT,
        http_status INTEGER,
        error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        entries_seen INTEGER NOT NULL DEFAULT 0,
        new_articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,                 -- url_id() of the first URL seen
        outlet_id INTEGER NOT NULL REFERENCES outlets(id),
        source TEXT NOT NULL,                -- 'feed' or 'import'
        url TEXT,                            -- absolute link; NULL when the entry had none
        guid TEXT,
        title TEXT NOT NULL DEFAULT '',
        published TEXT,                      -- ISO 8601, UTC when known
        author TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT,
        status TEXT NOT NULL,
        error TEXT,
        retryable INTEGER NOT NULL DEFAULT 1,
        attempts INTEGER NOT NULL DEFAULT 0,
        http_status INTEGER,
        final_url TEXT,
        html TEXT,
        feed_title TEXT NOT NULL DEFAULT '',
        feed_summary TEXT NOT NULL DEFAULT '',
        feed_content TEXT NOT NULL DEFAULT '',
        feed_published TEXT,
        feed_raw TEXT NOT NULL DEFAULT '{}',
        page_title TEXT NOT NULL DEFAULT '',
        page_published TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL,
        fetched_at TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_by_status ON articles(status);
    CREATE INDEX articles_by_outlet_guid ON articles(outlet_id, guid);
    CREATE INDEX articles_by_published ON articles(published);
    -- every URL (canonical form) an article is known under: links, redirects, rel=canonical
    CREATE TABLE article_urls (
        url_key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_urls_by_article ON article_urls(article_id);
    CREATE TABLE article_feeds (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        feed_id INTEGER NOT NULL REFERENCES feeds(id),
        PRIMARY KEY (article_id, feed_id)
    );
    """,
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,                 -- 's-' + id of the story's first article; never changes
        title TEXT NOT NULL,
        first_published TEXT NOT NULL,
        last_published TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,
        n_independent INTEGER NOT NULL,      -- outlets, counting wire copy once
        outlets TEXT NOT NULL,               -- JSON list of outlet names
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_by_last ON stories(last_published);
    ALTER TABLE articles ADD COLUMN story_id TEXT REFERENCES stories(id);
    ALTER TABLE articles ADD COLUMN wire_copy_of TEXT;
    ALTER TABLE articles ADD COLUMN wire_share REAL;
    CREATE INDEX articles_by_story ON articles(story_id);
    -- state the matcher keeps between runs (document frequencies of terms)
    CREATE TABLE match_state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    """
    -- what `analyse` found; rows of a story are replaced whenever the story changes
    CREATE TABLE analysed_stories (
        story_id TEXT PRIMARY KEY REFERENCES stories(id),
        signature TEXT NOT NULL,             -- the story's articles and their text, hashed
        analysed_at TEXT NOT NULL
    );
    CREATE TABLE facts (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,
        summary TEXT NOT NULL,               -- one of its sentences, to name the fact
        PRIMARY KEY (story_id, fact_id)
    );
    CREATE TABLE fact_sentences (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX fact_sentences_by_story ON fact_sentences(story_id, fact_id);
    CREATE TABLE discrepancies (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        unit TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        value TEXT NOT NULL,
        number REAL NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX discrepancies_by_story ON discrepancies(story_id);
    CREATE TABLE cues (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        category TEXT NOT NULL,
        term TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,     -- -1: the headline
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX cues_by_story ON cues(story_id);
    CREATE INDEX cues_by_article ON cues(article_id);
    CREATE TABLE sources (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        quote TEXT NOT NULL,
        sentence_index INTEGER NOT NULL
    );
    CREATE INDEX sources_by_story ON sources(story_id);
    CREATE TABLE tone (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        headline REAL NOT NULL,
        text REAL NOT NULL
    );
    CREATE TABLE names (
        story_id TEXT NOT NULL,
        name TEXT NOT NULL,
        outlet TEXT NOT NULL,
        mentions INTEGER NOT NULL
    );
    CREATE INDEX names_by_story ON names(story_id);
    CREATE TABLE contrasts (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        terms TEXT NOT NULL                  -- JSON list of the words only this outlet used
    );
    CREATE INDEX contrasts_by_story ON contrasts(story_id);
    """,
    """
    -- sentence vectors of a sentence model, kept so that re-analysing embeds only new sentences
    CREATE TABLE sentence_vectors (
        key TEXT PRIMARY KEY,                -- compare.embed.text_key(sentence, model)
        model TEXT NOT NULL,
        vector BLOB NOT NULL                 -- float32, unit length
    );
    -- facts an outlet of the story leaves out, by the README's rule, with its nearest sentence
    CREATE TABLE omissions (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        closest_article_id TEXT,
        closest_sentence_index INTEGER,
        closest_sentence TEXT NOT NULL DEFAULT '',
        closeness REAL NOT NULL
    );
    CREATE INDEX omissions_by_story ON omissions(story_id, fact_id);
    CREATE INDEX tone_by_story ON tone(story_id);
    -- which similarity analysed the story (a sentence model's name, or "lexical")
    ALTER TABLE analysed_stories ADD COLUMN similarity TEXT NOT NULL DEFAULT '';
    """,
    """
    -- report, opinion or analysis (compare.kinds): declared by the page, feed or import, else inferred
    ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';
    """,
    """
    -- one row per attribution, joined to its speaker: the canonical name, the cue verb, and
    -- the speaker as written ("she", "Mr. Rubio")
    ALTER TABLE sources ADD COLUMN speaker_canonical TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN cue TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN speaker_as_written TEXT NOT NULL DEFAULT '';
    CREATE INDEX sources_by_outlet ON sources(outlet);
    """,
]

_FETCHABLE = (ArticleStatus.PENDING, ArticleStatus.FALLBACK, ArticleStatus.FAILED)


def utc_iso(moment: datetime | None) -> str | None:
    """ISO 8601 text of ``moment`` in UTC (naive datetimes are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


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


class Store:
    """The SQLite database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self._use_wal()
            self.conn.execute("PRAGMA synchronous=NORMAL")
            # 64 MB of page cache (the default is 2 MB): a big matching run rewrites every
            # article row in one transaction, and a small cache spills it to disk twice.
            self.conn.execute("PRAGMA cache_size=-65536")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable SQLite database: {exc}") from None

    def __enter__(self) -> Store:
        return self

    def _use_wal(self) -> None:
        # Switching a new database to WAL fails at once, without the busy timeout, while another
        # connection is switching it too (two commands started together): wait and try again.
        for attempt in range(100):
            try:
                self.conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == 99:
                    raise
                time.sleep(0.05)

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- schema ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        while (version := self.schema_version) < len(MIGRATIONS):
            try:
                # executescript commits first; BEGIN IMMEDIATE ... COMMIT makes each migration
                # all-or-nothing, and holds the write lock from its first statement.
                self.conn.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[version]}; "
                                        f"PRAGMA user_version = {version + 1}; COMMIT;")
            except sqlite3.OperationalError:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if self.schema_version == version:
                    raise
                continue  # another process opening the same new database applied it first
            logger.debug("migrated %s to schema version %d", self.path, version + 1)
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: schema version {version} is newer than this news-compare knows "
                             f"({len(MIGRATIONS)}); upgrade news-compare")

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` groups writes into one atomic commit."""
        return _Transaction(self.conn)

    # -- outlets and feeds ----------------------------------------------------------------

    def sync_config(self, config: Config) -> None:
        """Store the outlets and feeds of ``config``; feeds no longer listed become inactive."""
        with self.transaction():
            self.conn.execute("UPDATE feeds SET active = 0")
            for outlet in config.outlets:
                outlet_id = self.ensure_outlet(outlet.name, **outlet.labels())
                for url in outlet.feeds:
                    self.conn.execute(
                        "INSERT INTO feeds (outlet_id, url, active) VALUES (?, ?, 1) "
                        "ON CONFLICT(url) DO UPDATE SET outlet_id = excluded.outlet_id, active = 1",
                        (outlet_id, url))

    def ensure_outlet(self, name: str, **labels: Any) -> int:
        """Id of the outlet ``name``, created if new; given labels overwrite stored ones."""
        if "tags" in labels:
            labels["tags"] = json.dumps(list(labels["tags"]))
        columns = ["name", *labels]
        updates = ", ".join(f"{c} = excluded.{c}" for c in labels) or "name = excluded.name"
        self.conn.execute(
            f"INSERT INTO outlets ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT(name) DO UPDATE SET {updates}",
            (name, *labels.values()))
        return int(self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0])

    def active_feeds(self) -> list[FeedRow]:
        rows = self.conn.execute(
            "SELECT f.id, f.outlet_id, o.name AS outlet, f.url, f.etag, f.last_modified "
            "FROM feeds f JOIN outlets o ON o.id = f.outlet_id WHERE f.active = 1 ORDER BY f.id")
        return [FeedRow(**dict(row)) for row in rows]

    def record_feed_poll(self, feed_id: int, *, when: datetime, ok: bool, http_status: int | None,
                         error: str | None, etag: str | None = None, last_modified: str | None = None,
                         title: str = "", entries_seen: int = 0, new_articles: int = 0) -> None:
        """Store the outcome of one poll (feed health). ``ok`` includes 304 Not Modified."""
        now = utc_iso(when)
        if ok:
            self.conn.execute(
                "UPDATE feeds SET last_attempt = ?, last_success = ?, http_status = ?, error = ?, "
                "consecutive_failures = 0, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                "title = CASE WHEN ? != '' THEN ? ELSE title END, "
                "entries_seen = CASE WHEN ? = 304 THEN entries_seen ELSE ? END, new_articles = ? WHERE id = ?",
                (now, now, http_status, error, etag, last_modified, title, title, http_status, entries_seen,
                 new_articles, feed_id))
        else:
            self.conn.execute(
                "UPDATE feeds SET last_attempt = ?, http_status = ?, error = ?, "
                "consecutive_failures = consecutive_failures + 1, new_articles = 0 WHERE id = ?",
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
                self.conn.execute("INSERT OR IGNORE INTO article_feeds VALUES (?, ?)", (existing, feed.id))
                self.conn.execute("INSERT OR IGNORE INTO article_urls VALUES (?, ?)", (key, existing))
                return False
            article_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
            now = utc_iso(when)
            status = ArticleStatus.PENDING
            kind = article_kind(declared=kind_of_labels(entry.categories), url=entry.link, title=entry.title)
            self.conn.execute(
                "INSERT INTO articles (id, outlet_id, source, url, guid, title, published, author, status, "
                "feed_title, feed_summary, feed_content, feed_published, feed_raw, kind, first_seen, updated_at) "
                "VALUES (?, ?, 'feed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                # Without tracking parameters: the same page whichever feed's link arrives first.
                (article_id, feed.outlet_id, without_tracking(entry.link) if entry.link else None, entry.guid,
                 entry.title, utc_iso(entry.published), entry.author, status, entry.title, entry.summary,
                 entry.content, utc_iso(entry.published),
                 json.dumps(entry.raw, ensure_ascii=False, default=str), kind, now, now))
            self.conn.execute("INSERT INTO article_urls VALUES (?, ?)", (key, article_id))
            self.conn.execute("INSERT OR IGNORE INTO article_feeds VALUES (?, ?)", (article_id, feed.id))
            return True

    def _add_alias(self, article_id: str, url: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO article_urls VALUES (?, ?)", (canonical_url(url), article_id))

    def fetch_tasks(self, max_attempts: int, *, feed_id: int | None = None) -> list[FetchTask]:
        """Articles still to fetch: new ones, and failed ones that may succeed on a retry.

        With ``feed_id``, only the articles that feed lists.
        """
        in_feed = "" if feed_id is None else (
            "AND EXISTS (SELECT 1 FROM article_feeds f WHERE f.article_id = a.id AND f.feed_id = ?) ")
        rows = self.conn.execute(
            "SELECT a.id, a.url, o.name AS outlet, a.title, "
            "CASE WHEN a.feed_content != '' THEN a.feed_content ELSE a.feed_summary END AS feed_text_html, "
            "a.attempts FROM articles a JOIN outlets o ON o.id = a.outlet_id "
            f"WHERE a.status IN ({', '.join('?' * len(_FETCHABLE))}) "
            "AND (a.status = 'pending' OR (a.retryable = 1 AND a.attempts < ?)) "
            f"{in_feed}ORDER BY a.first_seen, a.id",
            (*_FETCHABLE, max_attempts, *([] if feed_id is None else [feed_id])))
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
                "page_title = ?, page_published = ?, kind = ?, fetched_at = ?, updated_at = ? WHERE id = ?",
                (ArticleStatus.EXTRACTED, http_status, final_url, extracted.text, extracted.word_count,
                 extracted.content_hash, title, published, extracted.author, extracted.language,
                 extracted.title, extracted.published, kind, utc_iso(when), utc_iso(when), article_id))
            return article_id

    def save_failure(self, article_id: str, *, error: str, retryable: bool, when: datetime,
                     http_status: int | None = None, fallback_text: str = "") -> ArticleStatus:
        """Record that the page could not be used; keep the feed's own text if there is any."""
        status = ArticleStatus.FALLBACK if fallback_text.strip() else ArticleStatus.FAILED
        with self.transaction():
            self.conn.execute(
                "UPDATE articles SET status = ?, error = ?, retryable = ?, attempts = attempts + 1, "
                "http_status = ?, text = ?, word_count = ?, content_hash = ?, fetched_at = ?, updated_at = ? "
                "WHERE id = ?",
                (status, error, int(retryable), http_status, fallback_text, len(fallback_text.split()),
                 content_hash(fallback_text) if fallback_text else None, utc_iso(when), utc_iso(when),
                 article_id))
        return status

    def _merge_aliases(self, article_id: str, urls: list[str | None]) -> str:
        """Register ``urls`` for the article; merge it into another row that already owns one."""
        for url in filter(None, urls):
            owner = self.find_article(url)
            if owner is None:
                self._add_alias(article_id, url)
            elif owner != article_id:
                logger.info("article %s is the same page as %s (%s); merging", article_id, owner, url)
                self.conn.execute("UPDATE OR IGNORE article_feeds SET article_id = ? WHERE article_id = ?",
                                  (owner, article_id))
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
                "published = COALESCE(excluded.published, published), author = excluded.author, "
                "language = excluded.language, text = excluded.text, word_count = excluded.word_count, "
                "content_hash = excluded.content_hash, status = excluded.status, error = NULL, retryable = 0, "
                "html = COALESCE(excluded.html, html), kind = excluded.kind, updated_at = excluded.updated_at",
                (article_id, outlet_id, record["url"], record["title"], record.get("published"),
                 record.get("author", ""), record.get("language", ""), text, len(text.split()),
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
                "ORDER BY COALESCE(a.published, a.first_seen), a.id"):
            yield dict(row)

    def sentence_vectors(self, keys: list[str]) -> dict[str, bytes]:
        """Stored vectors (float32 bytes) of these keys; missing keys are left out."""
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update(self.conn.execute(f"SELECT key, vector FROM sentence_vectors WHERE key IN "
                                           f"({','.join('?' * len(chunk))})", chunk).fetchall())
        return found

    def save_sentence_vectors(self, model: str, vectors: dict[str, bytes]) -> None:
        """Keep vectors (key -> float32 bytes) of ``model``; a key already stored is left as it is."""
        with self.transaction():
            self.conn.executemany("INSERT INTO sentence_vectors VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING",
                                  [(key, model, blob) for key, blob in vectors.items()])

    def status_counts(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.conn.execute("SELECT status, COUNT(*) FROM articles GROUP BY 1")}


def _page_date(value: str) -> str | None:
    """A page's own date (``YYYY-MM-DD`` or full ISO) as stored ISO text, or None."""
    if not value:
        return None
    try:
        return utc_iso(datetime.fromisoformat(value))
    except ValueError:
        return None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; re-entrant."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.outer = False

    def __enter__(self) -> sqlite3.Connection:
        self.outer = not self.conn.in_transaction
        if self.outer:
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
