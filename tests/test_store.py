"""The SQLite store on disk: migrations, WAL, idempotent upserts, merges."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timezone

import pytest
from builders import BRIDGE

from compare.config import Config, Outlet
from compare.errors import StoreError
from compare.models import ArticleStatus, Extracted, ParsedEntry
from compare.store import MIGRATIONS, Store

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(outlets=(Outlet("Daily", ("https://d.example/rss",), country="GB", tags=("tabloid",)),))


def entry(link: str | None, guid: str | None = None, title: str = BRIDGE.title) -> ParsedEntry:
    return ParsedEntry(link=link, guid=guid, title=title, summary="<p>Summary</p>", content="",
                       published=BRIDGE.published, author="", raw={"title": title})


def test_new_database_is_migrated_and_in_wal_mode(tmp_path):
    with Store(tmp_path / "x.db") as db:
        assert db.schema_version == len(MIGRATIONS)
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(tmp_path / "x.db") as again:  # reopening migrates nothing twice
        assert again.schema_version == len(MIGRATIONS)


def test_processes_opening_a_new_database_at_once_migrate_it_once(tmp_path):
    """Two commands started together (a cron job and a person) both find the database new."""
    for attempt in range(10):
        path = tmp_path / f"race{attempt}.db"
        start = threading.Barrier(4)
        errors: list[Exception] = []

        def open_store() -> None:
            start.wait()
            try:
                Store(path).close()
            except Exception as exc:  # noqa: BLE001 -- collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=open_store) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with Store(path) as store:
            assert store.schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(path)


def test_sync_config_stores_outlets_with_labels_and_retires_feeds(store):
    store.sync_config(CONFIG)
    [outlet] = store.conn.execute("SELECT * FROM outlets").fetchall()
    assert outlet["country"] == "GB" and outlet["tags"] == '["tabloid"]'
    assert [f.url for f in store.active_feeds()] == ["https://d.example/rss"]
    store.sync_config(Config(outlets=(Outlet("Daily", ("https://d.example/new",)),)))
    assert [f.url for f in store.active_feeds()] == ["https://d.example/new"]
    assert len(store.conn.execute("SELECT * FROM feeds").fetchall()) == 2  # history kept


def test_add_entry_is_idempotent_across_tracking_variants_and_guids(store):
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    assert store.add_entry(feed, entry("https://d.example/a?utm_source=rss", guid="g1"), when=NOW)
    assert not store.add_entry(feed, entry("https://d.example/a"), when=NOW)
    assert not store.add_entry(feed, entry("https://d.example/a-moved", guid="g1"), when=NOW)
    assert len(list(store.iter_articles())) == 1
    assert store.find_article("https://d.example/a-moved") is not None


def test_entry_without_link_is_a_row_keyed_by_guid(store):
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    assert store.add_entry(feed, entry(None, guid="tag:1"), when=NOW)
    assert not store.add_entry(feed, entry(None, guid="tag:1"), when=NOW)
    assert store.add_entry(feed, entry(None, guid="tag:2"), when=NOW)
    assert len(list(store.iter_articles())) == 2


def test_fetch_tasks_and_results(store):
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    store.add_entry(feed, entry("https://d.example/a"), when=NOW)
    store.add_entry(feed, entry("https://d.example/b", title="B"), when=NOW)
    tasks = store.fetch_tasks(max_attempts=2)
    assert [t.url for t in tasks] == ["https://d.example/a", "https://d.example/b"]
    assert tasks[0].feed_text_html == "<p>Summary</p>"
    store.save_extracted(tasks[0].id, Extracted(text="Body text here", title="Page title", language="en"),
                         when=NOW, http_status=200, final_url="https://d.example/a")
    status = store.save_failure(tasks[1].id, error="HTTP 503", retryable=True, when=NOW, fallback_text="Summary")
    assert status == ArticleStatus.FALLBACK
    assert [t.url for t in store.fetch_tasks(max_attempts=2)] == ["https://d.example/b"]
    store.save_failure(tasks[1].id, error="HTTP 503", retryable=True, when=NOW)
    assert store.fetch_tasks(max_attempts=2) == []  # gave up after max_attempts
    a = store.article(tasks[0].id)
    assert a["status"] == "extracted" and a["title"] == BRIDGE.title and a["word_count"] == 3
    assert a["content_hash"] and a["language"] == "en"


def test_extracted_canonical_url_merges_into_the_known_article(store):
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    store.add_entry(feed, entry("https://d.example/story"), when=NOW)
    store.add_entry(feed, entry("https://d.example/amp/story", title="AMP"), when=NOW)
    amp = store.find_article("https://d.example/amp/story")
    kept = store.save_extracted(amp, Extracted(text="words", canonical_url="https://d.example/story"),
                                when=NOW, http_status=200, final_url="https://d.example/amp/story")
    assert kept == store.find_article("https://d.example/story") != amp
    assert len(list(store.iter_articles())) == 1
    assert store.find_article("https://d.example/amp/story") == kept


def test_an_article_kind_is_declared_or_inferred_on_every_path_in(store):
    base = {"outlet": "Wire", "title": "Talks", "text": "one two three"}
    store.import_article({**base, "url": "https://w.example/1", "kind": "opinion"}, when=NOW)
    store.import_article({**base, "url": "https://w.example/2", "section": "News analysis"}, when=NOW)
    store.import_article({**base, "url": "https://w.example/opinion/3"}, when=NOW)
    store.import_article({**base, "url": "https://w.example/world/4"}, when=NOW)
    kinds = {a["url"].rsplit("/", 1)[-1]: a["kind"] for a in store.iter_articles()}
    assert kinds == {"1": "opinion", "2": "analysis", "3": "opinion", "4": "report"}
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    entry = ParsedEntry(link="https://d.example/world/5", guid=None, title="Talks", summary="", content="",
                        published=NOW, author="", categories=("World", "Comment"))
    store.add_entry(feed, entry, when=NOW)
    [task] = [t for t in store.fetch_tasks(3) if t.url.endswith("/5")]
    assert store.article(task.id)["kind"] == "opinion"  # the feed said so; the page declares nothing
    store.save_extracted(task.id, Extracted(text="one two three"), when=NOW, http_status=200, final_url=None)
    assert store.article(task.id)["kind"] == "opinion"
    store.save_extracted(task.id, Extracted(text="one two three", kind="analysis"), when=NOW, http_status=200,
                         final_url=None)
    assert store.article(task.id)["kind"] == "analysis"  # the page's own word wins


def test_import_article_upserts(store):
    record = {"outlet": "Wire", "url": "https://w.example/1", "title": "T", "text": "one two three"}
    assert store.import_article(record, when=NOW)
    assert not store.import_article({**record, "text": "one two three four"}, when=NOW)
    [article] = store.iter_articles()
    assert article["word_count"] == 4 and article["status"] == "imported" and article["outlet"] == "Wire"
