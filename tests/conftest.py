"""Shared fixtures: a loopback HTTP server, fast collector settings, a store on disk."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the helper modules beside this file

from loopback import LoopbackServer  # noqa: E402

from compare.collect.fetch import HttpClient  # noqa: E402
from compare.config import Settings  # noqa: E402
from compare.store import Store  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data; skips the test when that data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (public evaluation data, not part of the repository)")
    return path


# Tests must not wait: no politeness delay, short timeouts, near-instant backoff.
FAST = Settings(timeout=1.0, connect_timeout=1.0, total_timeout=3.0, host_delay=0.0, backoff=0.01,
                max_retry_after=2.0, retries=2, workers=4, extract_processes=1, max_bytes=200_000)


@pytest.fixture
def settings() -> Settings:
    return FAST


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


@pytest.fixture
def client(settings: Settings) -> Iterator[HttpClient]:
    with HttpClient(settings) as http:
        yield http


# PostgreSQL for the store tests: a server at $NEWS_COMPARE_TEST_PG, each test in a schema of its own.
TEST_PG = os.environ.get("NEWS_COMPARE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
_PG_HOW = ("start one (e.g. `apt-get install postgresql && service postgresql start`, or "
           "`docker run -e POSTGRES_HOST_AUTH_METHOD=trust -p 5432:5432 postgres`) or point "
           "$NEWS_COMPARE_TEST_PG at one")


@contextmanager
def postgres_database() -> Iterator[str]:
    """The address of an empty PostgreSQL database (a new schema, dropped afterwards); skips
    the test, saying how to start a server, when none answers at $NEWS_COMPARE_TEST_PG."""
    try:
        import psycopg

        admin = psycopg.connect(TEST_PG, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 -- any failure to connect means: no server here
        pytest.skip(f"no PostgreSQL at {TEST_PG} ({str(exc).strip()[:120]}); {_PG_HOW}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in TEST_PG else "?"
    try:
        yield f"{TEST_PG}{joiner}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """A new empty database of each engine: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        yield tmp_path / "test.db"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def store(db_target: str | Path) -> Iterator[Store]:
    with Store(db_target) as db:
        yield db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus built through the whole pipeline, once per test session. Read it only;
    copy it (see ``demo_copy``) to change it."""
    from compare.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as db:
        build_demo(db)
    return path


def demo_copy(source: Path, target: Path) -> Path:
    """A private copy of the demo database (SQLite's backup, so the WAL is included)."""
    import sqlite3

    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
