"""The SQLite store on disk: migrations, WAL, idempotent upserts, merges."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest
from builders import BRIDGE

from compare.config import Config, Outlet
from compare.errors import StoreError
from compare.models import ArticleStatus, Extracted, ParsedEntry
from compare.store import MIGRATIONS, Lease, Store, search

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
CONFIG = Config(outlets=(Outlet("Daily", ("https://d.example/rss",), country="GB", tags=("tabloid",)),))


def entry(link: str | None, guid: str | None = None, title: str = BRIDGE.title) -> ParsedEntry:
    return ParsedEntry(link=link, guid=guid, title=title, summary="<p>Summary</p>", content="",
                       published=BRIDGE.published, author="", raw={"title": title})


def test_new_database_is_migrated_and_in_wal_mode(tmp_path):
    with Store(tmp_path / "x.db") as db:
        assert db.schema_version == len(MIGRATIONS)
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA page_size").fetchone()[0] == 8192
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
    assert a["feed_summary"] == "" and a["feed_content"] == ""  # the page's text is the text: stored once


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


def test_leases_share_feeds_and_pages_between_workers_and_expire(store):
    """Two collectors never get the same feed or page while a lease holds; a lost one's expire."""
    store.sync_config(Config(outlets=(Outlet("Daily", tuple(f"https://d.example/{n}.rss" for n in range(5))),)))
    first, second = Lease("a", round_start=NOW, seconds=60), Lease("b", round_start=NOW, seconds=60)
    mine = store.claim_feeds(first, 3, now=NOW)
    assert store.feeds_held_by_others(second, now=NOW) == 3 and store.feeds_held_by_others(first, now=NOW) == 0
    theirs = store.claim_feeds(second, 10, now=NOW)
    assert len(mine) == 3 and len(theirs) == 2
    assert not {f.id for f in mine} & {f.id for f in theirs}
    assert store.claim_feeds(second, 10, now=NOW) == []  # every feed is held or done
    for feed in mine:
        for n in range(4):
            store.add_entry(feed, entry(f"{feed.url}/{n}"), when=NOW)
        store.record_feed_poll(feed.id, when=NOW, ok=True, http_status=200, error=None)
    pages_a = store.fetch_tasks(3, lease=first, now=NOW, limit=5)
    pages_b = store.fetch_tasks(3, lease=second, now=NOW)
    assert len(pages_a) == 5 and len(pages_b) == 7
    assert store.pages_per_collector() == {"a": 5, "b": 7}
    assert store.feeds_held_by_others(second, now=NOW) == 0  # polled: given back
    assert not {t.id for t in pages_a} & {t.id for t in pages_b}
    # "a" is killed: once its lease has run out, a third worker takes its pages over.
    later = NOW + timedelta(seconds=61)
    third = Lease("c", round_start=later, seconds=60)
    assert {t.id for t in store.fetch_tasks(3, lease=third, now=NOW)} == set()
    assert {t.id for t in store.fetch_tasks(3, lease=third, now=later)} == {t.id for t in pages_a} | {
        t.id for t in pages_b}  # b's too: its lease ran out as well
    # A page stored is done: nobody gets it again in this round.
    store.save_extracted(pages_a[0].id, Extracted(text="Body text"), when=later, http_status=200, final_url=None)
    fourth = Lease("d", round_start=later, seconds=60)
    assert pages_a[0].id not in {t.id for t in store.fetch_tasks(3, lease=fourth, now=later + timedelta(hours=1))}


def test_the_store_names_a_server_without_its_password():
    from compare.store import describe_target

    assert describe_target("postgresql://news:secret@db.example:5432/news") == \
        "postgresql://news:***@db.example:5432/news"
    assert describe_target("compare.db") == "compare.db"


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        Store("postgresql://nobody@127.0.0.1:1/none")


def test_a_busy_database_is_reported_in_words(tmp_path, monkeypatch):
    from compare.errors import StoreBusyError
    from compare.store import engines

    monkeypatch.setattr(engines, "BUSY_TIMEOUT", 0.2)
    path = tmp_path / "busy.db"
    with Store(path) as first, Store(path) as second:
        with first.transaction():
            first.ensure_outlet("Holder")
            with pytest.raises(StoreBusyError, match="busy"):
                second.ensure_outlet("Waiter")


def _two_stories(store):
    texts = {"https://w.example/1": ("Sanctions relief explored", "Officials weighed easing sanctions on exports."),
             "https://w.example/2": ("Ferry runs aground", "The ferry's 40 passengers were brought ashore.")}
    for url, (title, text) in texts.items():
        store.import_article({"outlet": "Wire", "url": url, "title": title, "text": text}, when=NOW)
    rows = [(f"s-{n}", title, "2026-03-02T12:00:00+00:00", "2026-03-02T12:00:00+00:00", 1, 1, 1, '["Wire"]', "x")
            for n, (title, _) in enumerate(texts.values())]
    ids = {a["url"]: a["id"] for a in store.iter_articles()}
    store.save_stories(rows, [("s-0", None, None, ids["https://w.example/1"]),
                              ("s-1", None, None, ids["https://w.example/2"])], {})


def test_full_text_search_finds_words_and_their_starts_in_titles_and_texts(store):
    _two_stories(store)
    found = lambda text: [s["story_id"] for s in store.find_stories(text=text)]  # noqa: E731
    assert found("sanction") == ["s-0"]  # the start of a word
    assert found("EASING exports") == ["s-0"]  # every word, in the text, any case
    assert found("ferry passengers") == ["s-1"]
    assert found("ferry sanctions") == []
    assert found('"; DROP TABLE stories; -- OR * NEAR(') == []  # search syntax is only words
    assert {s["story_id"] for s in store.find_stories(text="")} == {"s-0", "s-1"}
    store.import_article({"outlet": "Wire", "url": "https://w.example/1", "title": "Talks on relief",
                          "text": "Nothing about boats."}, when=NOW)  # the index follows edits
    assert found("easing") == [] and found("boats") == ["s-0"]


def test_an_article_gone_from_the_store_is_gone_from_the_search_and_a_new_story_keeps_it(store):
    _two_stories(store)
    found = lambda text: [s["story_id"] for s in store.find_stories(text=text)]  # noqa: E731
    ids = {a["url"]: a["id"] for a in store.iter_articles()}
    with store.transaction():  # an article moved to another story is found there, as written
        store.conn.execute("UPDATE articles SET story_id = 's-1' WHERE id = ?", (ids["https://w.example/1"],))
    assert set(found("sanctions")) == {"s-1"}
    with store.transaction():
        store.conn.execute("DELETE FROM articles WHERE id = ?", (ids["https://w.example/1"],))
    assert found("sanctions") == [] and found("ferry") == ["s-1"]


def test_an_older_postgresql_database_keeps_its_articles_searchable_when_upgraded():
    from conftest import postgres_database

    from compare.store.engines import PostgresDatabase

    with postgres_database() as url:
        with Store(url) as store:
            _two_stories(store)
        # Back to the schema before the words moved to a table of their own: an index on articles.
        db = PostgresDatabase(url)
        db.execute("DROP TRIGGER article_words_kept ON articles")
        db.execute("DROP FUNCTION article_words_keep")
        db.execute("DROP TABLE article_words")
        db.execute(search.POSTGRES_INDEX)
        db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS) - 1,))
        db.close()
        with Store(url) as store:
            assert store.schema_version == len(MIGRATIONS)
            assert [s["story_id"] for s in store.find_stories(text="sanctions")] == ["s-0"]


@pytest.mark.parametrize("many", [False, True])
def test_a_search_finds_the_same_stories_whether_its_word_is_rare_or_common(store, monkeypatch, many):
    # Twelve one-article stories a day apart: some say "quake" in the headline, some only in the text.
    titles = ["Quake shakes the coast" if n % 3 == 0 else f"Town news {n}" for n in range(12)]
    for n, title in enumerate(titles):
        text = "A quake was felt." if n % 2 == 0 or n % 3 == 0 else "Nothing shook."
        store.import_article({"outlet": "Wire", "url": f"https://w.example/{n}", "title": title, "text": text}, when=NOW)
    ids = {a["url"]: a["id"] for a in store.iter_articles()}
    store.save_stories([(f"s-{n:02}", title, f"2026-03-{n + 1:02}T12:00:00+00:00", f"2026-03-{n + 1:02}T12:00:00+00:00",
                         1, 1, 1, '["Wire"]', "x") for n, title in enumerate(titles)],
                       [(f"s-{n:02}", None, None, ids[f"https://w.example/{n}"]) for n in range(12)], {})
    # Either plan: count every match's story, or walk the stories from the latest back.
    monkeypatch.setattr(search, "MANY_HITS", 0 if many else 10_000)
    found = lambda limit: [s["story_id"] for s in store.find_stories(text="quake", limit=limit)]  # noqa: E731
    headline_first = ["s-09", "s-06", "s-03", "s-00", "s-10", "s-08", "s-04", "s-02"]
    assert found(100) == headline_first
    assert found(3) == headline_first[:3] and found(6) == headline_first[:6]
    assert [s["story_id"] for s in store.find_stories(text="quake coast", limit=2)] == ["s-09", "s-06"]


def test_articles_mentioning_any_of_some_phrases(store):
    _two_stories(store)
    titles = lambda phrases: sorted(a["title"] for a in store.articles_mentioning(phrases, 10))  # noqa: E731
    assert titles(["easing sanctions", "Nobody Here"]) == ["Sanctions relief explored"]
    assert titles(["sanctions easing"]) == []  # a phrase, in its order
    assert len(titles([])) == 2  # no names: the latest articles


def test_leases_of_stopped_collectors_on_this_machine_are_given_back_at_once(store):
    import os
    import socket

    store.sync_config(Config(outlets=(Outlet("Daily", tuple(f"https://d.example/{n}.rss" for n in range(3))),)))
    host = socket.gethostname()
    holders = [f"{host}:{os.getpid()}:alive", f"{host}:999999999:gone", "elsewhere.example:1:remote"]
    for number, holder in enumerate(holders):
        assert len(store.claim_feeds(Lease(holder, round_start=NOW, seconds=600), 1, now=NOW)) == 1
    assert store.release_dead_leases(now=NOW) == 1
    free = store.claim_feeds(Lease("new", round_start=NOW, seconds=600), 10, now=NOW)
    assert len(free) == 1  # only the stopped local collector's feed; the others are still held


def test_an_older_database_is_upgraded_with_its_sentences_kept_once(tmp_path):
    """A database of schema 8 (sentences copied into every analysis table) keeps their text."""
    from compare.store.schema import for_engine

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, migration in enumerate(MIGRATIONS[:8], start=1):
        conn.executescript(for_engine(migration, "sqlite"))
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO fact_sentences VALUES ('s', 1, 'Wire', 'a1', 2, 'Forty people were rescued.')")
    conn.execute("INSERT INTO cues (story_id, outlet, article_id, category, term, sentence_index, start, \"end\", "
                 "sentence) VALUES ('s', 'Wire', 'a1', 'emotive', 'horror', -1, 0, 6, 'Horror at sea')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        rows = store.conn.execute("SELECT article_id, sentence_index, text FROM sentences ORDER BY 2").fetchall()
        assert [tuple(r) for r in rows] == [("a1", -1, "Horror at sea"), ("a1", 2, "Forty people were rescued.")]
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(cues)")]
        assert "sentence" not in columns


@pytest.mark.parametrize("title, text, declared, expected", [
    ("Se derrumba un puente", "Los rescatistas sacaron con vida a dos personas del río el martes por la mañana.", "",
     "es"),
    # The words win over a declaration that does not fit them.
    ("Bridge collapses", "Rescuers pulled two people alive from the river on Tuesday morning, officials said.", "fr",
     "en"),
    # Too few words to tell: the declaration stands, as its primary language, if it is a code.
    ("Live", "Updates", "de-DE", "de"),
    ("Live", "Updates", "", ""),
    ("Live", "Updates", "English", ""),
])
def test_an_imported_article_is_stored_with_its_language(store, title, text, declared, expected):
    record = {"outlet": "Wire", "url": "https://wire.example/a", "title": title, "text": text}
    if declared:
        record["language"] = declared
    store.import_article(record, when=NOW)
    assert store.conn.execute("SELECT language FROM articles").fetchone()[0] == expected


def test_feeds_left_this_round_count_those_held_or_unpolled_by_others(store):
    """A collector with nothing to do waits while feeds of this round are still to be polled,
    held by another collector or not yet claimed by anyone; polled ones no longer count."""
    store.sync_config(Config(outlets=(Outlet("Daily", tuple(f"https://d.example/{n}.rss" for n in range(3))),)))
    first, second = Lease("a", round_start=NOW, seconds=60), Lease("b", round_start=NOW, seconds=60)
    assert store.feeds_left_this_round(second, now=NOW) == 3  # none claimed yet
    mine = store.claim_feeds(first, 2, now=NOW)
    assert store.feeds_left_this_round(second, now=NOW) == 3  # two held by "a", one unclaimed
    assert store.feeds_left_this_round(first, now=NOW) == 1
    later = NOW + timedelta(seconds=1)
    for feed in mine:
        store.record_feed_poll(feed.id, when=later, ok=True, http_status=200, error=None)
    assert store.feeds_left_this_round(second, now=later) == 1


def test_an_article_kept_with_its_feed_text_has_that_text_s_language(store):
    store.sync_config(CONFIG)
    feed = store.active_feeds()[0]
    store.add_entry(feed, entry("https://d.example/es", title="Se derrumba un puente"), when=NOW)
    [task] = store.fetch_tasks(max_attempts=2)
    spanish = "Los rescatistas sacaron con vida a dos personas del río el martes, según las autoridades."
    store.save_failure(task.id, error="HTTP 503", retryable=True, when=NOW, fallback_text=spanish)
    assert store.article(task.id)["language"] == "es"


def test_kept_readings_come_back_byte_for_byte_on_each_engine(store):
    """Blobs are read in the engine's binary format: every byte value, a NUL included, arrives as written."""
    every_byte = bytes(range(256)) * 3
    store.save_matcher_features([("a", 10.0, every_byte), ("b", 10.0, b"")], older_than=0.0)
    assert store.matcher_features(["a", "b", "missing"]) == {"a": every_byte, "b": b""}
