"""Databases of either engine for a benchmark run: an empty one (an SQLite file, or a PostgreSQL
schema), or a corpus kept between runs (:class:`KeptCorpus`)."""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

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


class KeptCorpus:
    """A benchmark corpus kept between runs at two stages, ``imported`` and ``matched`` (a corpus
    of 1M articles takes hours to build): an SQLite file copied, or a PostgreSQL database made
    from another as its template. Each run works on its own copy, so that what it adds (1,000
    more articles) never reaches the kept corpus."""

    STAGES = ("matched", "imported")

    def __init__(self, engine: str, folder: Path, keep: Path, name: str, pg: str = DEFAULT_PG):
        self.engine, self.keep, self.pg = engine, keep, pg
        self.stem = f"bench_{name}".lower().replace("-", "_")
        self.target = str(folder / f"{name}.db") if engine == "sqlite" else _database_url(pg, f"{self.stem}_run")

    def _kept(self, stage: str) -> str:
        return str(self.keep / f"{self.stem}-{stage}.db") if self.engine == "sqlite" else f"{self.stem}_{stage}"

    def restore(self) -> str | None:
        """Make the working copy from the furthest stage kept; that stage (None: nothing kept, an empty database)."""
        if self.engine == "sqlite":
            for stage in self.STAGES:
                if Path(self._kept(stage)).exists():
                    shutil.copyfile(self._kept(stage), self.target)
                    return stage
            return None
        with _admin(self.pg) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.stem}_run" WITH (FORCE)')
            for stage in self.STAGES:
                if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self._kept(stage),)).fetchone():
                    admin.execute(f'CREATE DATABASE "{self.stem}_run" TEMPLATE "{self._kept(stage)}" '
                                  "STRATEGY FILE_COPY")
                    return stage
            admin.execute(f'CREATE DATABASE "{self.stem}_run"')
        return None

    def save(self, stage: str) -> None:
        """Keep the working copy as it is now as ``stage`` (no connection to it may be open)."""
        if self.engine == "sqlite":
            self.keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.target, self._kept(stage))
            return
        with _admin(self.pg) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self._kept(stage)}"')
            admin.execute(f'CREATE DATABASE "{self._kept(stage)}" TEMPLATE "{self.stem}_run" STRATEGY FILE_COPY')

    def discard(self) -> None:
        """Remove the working copy (the kept stages stay)."""
        if self.engine == "sqlite":
            Path(self.target).unlink(missing_ok=True)
            return
        with _admin(self.pg) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.stem}_run" WITH (FORCE)')


def _database_url(pg: str, name: str) -> str:
    """``pg``'s address with another database's name."""
    parts = urlsplit(pg)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def _admin(pg: str) -> Iterator[object]:
    import psycopg

    with psycopg.connect(pg, autocommit=True) as admin:
        yield admin
