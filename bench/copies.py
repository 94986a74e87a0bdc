"""A built corpus copied within its own database, for page timings at a size too big to build.

Every table that holds articles, stories or what analysis found of them is copied ``copies - 1``
more times, each copy's article and story ids (and the columns that must stay unique per
article: url, guid, content hash) suffixed with ``~k``, at the same dates: the corpus becomes
``copies`` times as big and as dense (ten copies of 100k articles over a year are a million a
year). Outlets, feeds, the matcher's state and lease, and everything keyed by text (sentence
vectors, the matcher's kept readings) stay as they are, once. The full-text index follows the copied rows
(SQLite's triggers, PostgreSQL's expression index). What this cannot stand in for: matching and
analysis at that size, and bytes per article (the shared tables are not copied).
"""

from __future__ import annotations

from compare.store import Store
from compare.store.engines import SQLITE

SHARED_TABLES = frozenset({"outlets", "feeds", "schema_version", "match_state", "sentence_vectors",
                           "matcher_features", "job_leases"})
PER_COPY_COLUMNS = frozenset({"article_id", "story_id", "closest_article_id", "url", "url_key", "guid",
                              "content_hash", "wire_copy_of", "final_url"})
_IDS = {"articles": "id", "stories": "id"}  # tables whose own id is an article's or a story's


def copied_tables(store: Store) -> dict[str, list[str]]:
    """The tables a copy repeats, each with its columns."""
    if store.conn.engine == SQLITE:
        names = [r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'articles_fts%'").fetchall()]
        columns = {n: [r[1] for r in store.conn.execute(f"PRAGMA table_info({n})").fetchall()] for n in names}
    else:
        names = [r[0] for r in store.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'").fetchall()]
        columns = {n: [r[0] for r in store.conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (n,)).fetchall()] for n in names}
    return {n: columns[n] for n in sorted(names) if n not in SHARED_TABLES}


def copy_corpus(store: Store, copies: int) -> None:
    """Make the store's corpus ``copies`` times as big (see the module docstring)."""
    tables = copied_tables(store)
    sqlite = store.conn.engine == SQLITE
    # Whole tables are copied, one after another: their foreign keys hold once all are in.
    store.conn.execute("PRAGMA foreign_keys = OFF" if sqlite else "SET session_replication_role = replica")
    try:
        for table, columns in tables.items():
            store.conn.execute(f"CREATE TEMP TABLE copy_source AS SELECT * FROM {table}")
            quoted = ", ".join(f'"{c}"' for c in columns)
            for k in range(1, copies):
                values = ", ".join(
                    f"CASE WHEN \"{c}\" IS NULL THEN NULL ELSE \"{c}\" || '~{k}' END"
                    if c in PER_COPY_COLUMNS or _IDS.get(table) == c else f'"{c}"' for c in columns)
                store.conn.execute(f"INSERT INTO {table} ({quoted}) SELECT {values} FROM copy_source")
            store.conn.execute("DROP TABLE copy_source")
    finally:
        store.conn.execute("PRAGMA foreign_keys = ON" if sqlite else "SET session_replication_role = DEFAULT")
    store.settle_search()  # as an import would
    if not sqlite:
        store.conn.execute("ANALYZE")  # as autovacuum would after such a load
