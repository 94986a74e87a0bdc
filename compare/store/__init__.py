"""The store: every query the stages, the dashboard and export need, behind one interface.

``Store(target)`` opens SQLite for a file path (the embedded default) and PostgreSQL for a
``postgresql://`` address. Nothing outside this package writes SQL. Each unit of work (a
feed's entries, one article's fetch result, one story's analysis) is its own transaction, so
a run killed at any point leaves a consistent database and the next run picks up what is left.
"""

from __future__ import annotations

from pathlib import Path

from compare.store.analysed import ANALYSIS_TABLES, AnalysedStore, StoryAnalysis
from compare.store.collecting import CollectingStore, FeedRow, FetchTask
from compare.store.engines import (
    POSTGRES,
    SQLITE,
    Database,
    connect,
    describe_target,
    is_server_url,
)
from compare.store.leases import Lease, utc_iso
from compare.store.matching import MatchingStore
from compare.store.reading import EXPORT_TABLES, ReadingStore
from compare.store.schema import MIGRATIONS, migrate, schema_version

__all__ = ["ANALYSIS_TABLES", "EXPORT_TABLES", "MIGRATIONS", "POSTGRES", "SQLITE", "FeedRow", "FetchTask",
           "Lease", "Store", "StoryAnalysis", "describe_target", "is_server_url", "utc_iso"]


class Store(CollectingStore, MatchingStore, AnalysedStore, ReadingStore):
    """The database. Use as a context manager or call :meth:`close`."""

    def __init__(self, target: str | Path):
        self.target = target
        self.path: str | Path = target if is_server_url(target) else Path(target)
        self.conn: Database = connect(target)
        try:
            migrate(self.conn)
        except BaseException:
            self.conn.close()
            raise

    @property
    def name(self) -> str:
        """The database named for messages (a server address without its password)."""
        return describe_target(self.target)

    @property
    def engine(self) -> str:
        return self.conn.engine

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)
