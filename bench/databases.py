"""An empty database of either engine for a benchmark run: an SQLite file, or a PostgreSQL schema."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

DEFAULT_PG = os.environ.get("NEWS_COMPARE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def database(engine: str, folder: Path, name: str, pg: str = DEFAULT_PG) -> Iterator[str]:
    """A new empty database: the file ``folder/name.db``, or a schema of its own in ``pg`` (dropped after)."""
    if engine == "sqlite":
        yield str(folder / f"{name}.db")
        return
    import psycopg

    schema = f"bench_{name}_{uuid.uuid4().hex[:6]}".lower()
    with psycopg.connect(pg, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
