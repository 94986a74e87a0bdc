"""The two database engines behind :class:`compare.store.Store`: SQLite (embedded, the default)
and PostgreSQL (a server several collectors can share).

Both are wrapped in one small connection interface (:class:`Database`): ``execute`` and
``executemany`` with ``?`` placeholders, rows readable by position and by column name, and
re-entrant transactions. The SQL the store writes is the subset both engines understand;
where they differ, the store asks :attr:`Database.engine`.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from compare.errors import StoreBusyError, StoreError

logger = logging.getLogger(__name__)

SQLITE, POSTGRES = "sqlite", "postgresql"
# A change of this many rows at once (a big import, a first match) leaves PostgreSQL's planner
# statistics behind until autovacuum catches up: the store has them read again at once.
BULK_ROWS = 10_000
# How long a write waits for another process's write before it is reported as busy.
BUSY_TIMEOUT = 30.0


def is_server_url(target: str | Path) -> bool:
    """True for a PostgreSQL address (``postgresql://…``), False for a file path."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def describe_target(target: str | Path) -> str:
    """The database named for messages, without a password."""
    return re.sub(r"://([^:@/]+):[^@/]*@", r"://\1:***@", str(target))


class Cursor(Protocol):
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """One connection, used from one thread."""

    engine: str
    name: str

    def execute(self, sql: str, params: Sequence[Any] = (), binary: bool = False) -> Cursor:
        """Run ``sql``; ``binary``: results in the engine's binary format, where it has one (bytes
        arrive as they are, not hex-encoded: half the data to read and decode)."""
        ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Add plain rows to ``table`` in bulk (no conflict handling)."""
        ...

    def transaction(self) -> Any: ...

    @property
    def in_transaction(self) -> bool: ...

    def close(self) -> None: ...


class StorePart:
    """What every part of :class:`compare.store.Store` works with: one connection and its
    transactions (``with self.transaction():`` groups writes into one atomic commit; re-entrant)."""

    conn: Database

    def transaction(self) -> Any:
        return self.conn.transaction()

    def refresh_statistics(self, tables: Sequence[str]) -> None:
        """Have PostgreSQL's planner read ``tables`` afresh (ANALYZE), after a change of at least
        :data:`BULK_ROWS` rows to them. Until autovacuum runs, the planner knows nothing of the new
        rows: at 1M articles it read the whole articles table for a story's 30 articles. SQLite's
        plans do not depend on statistics here (the store names the index where it matters)."""
        if self.conn.engine != POSTGRES:
            return
        started = time.perf_counter()
        self.conn.execute(f"ANALYZE {', '.join(tables)}")
        logger.info("statistics of %s read again in %.1f s", ", ".join(tables), time.perf_counter() - started)

    def blobs_by_key(self, table: str, column: str, keys: list[str]) -> dict[str, bytes]:
        """``column`` of the rows of ``table`` whose ``key`` is one of ``keys`` (missing keys are
        left out), asked for 500 keys at a time so that no statement grows without bound."""
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found.update((r[0], bytes(r[1])) for r in self.conn.execute(
                f"SELECT key, {column} FROM {table} WHERE key IN ({', '.join('?' * len(chunk))})", chunk,
                binary=True))
        return found


def connect(target: str | Path) -> Database:
    """A connection to the database ``target``: a PostgreSQL URL, else an SQLite file path."""
    if is_server_url(target):
        return PostgresDatabase(str(target))
    return SqliteDatabase(Path(target))


# -- SQLite ---------------------------------------------------------------------------------


class SqliteDatabase:
    """An SQLite file in WAL mode; writes take the write lock at BEGIN (BEGIN IMMEDIATE)."""

    engine = SQLITE

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)
        try:
            self.raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                       check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database: {exc}") from None
        self.raw.row_factory = sqlite3.Row
        self._depth = 0
        try:
            # 8 KB pages for a new database (an existing one keeps its own): an article's row of
            # 2-3 KB wastes much of a 4 KB page; measured: 16 % less space in all.
            self.raw.execute("PRAGMA page_size=8192")
            self._use_wal()
            self.raw.execute("PRAGMA synchronous=NORMAL")
            # 64 MB of page cache (the default is 2 MB): a big matching run rewrites every
            # article row in one transaction, and a small cache spills it to disk twice.
            self.raw.execute("PRAGMA cache_size=-65536")
            self.raw.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            self.raw.close()
            raise StoreError(f"{path}: not a usable SQLite database: {exc}") from None

    def _use_wal(self) -> None:
        # Switching a new database to WAL fails at once, without the busy timeout, while another
        # connection is switching it too (two commands started together): wait and try again.
        for attempt in range(100):
            try:
                self.raw.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == 99:
                    raise
                time.sleep(0.05)

    def execute(self, sql: str, params: Sequence[Any] = (), binary: bool = False) -> sqlite3.Cursor:
        try:
            return self.raw.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self.raw.executemany(sql, rows)
        except sqlite3.OperationalError as exc:
            raise self._busy(exc) from None

    def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         rows)

    def executescript(self, script: str) -> None:
        self.raw.executescript(script)

    def _busy(self, exc: sqlite3.OperationalError) -> Exception:
        if exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return StoreBusyError(f"{self.path}: the database is busy: another process has been writing to it "
                                  f"for over {BUSY_TIMEOUT:.0f} s; try again when it has finished")
        return exc

    @property
    def in_transaction(self) -> bool:
        return self.raw.in_transaction

    def transaction(self) -> _SqliteTransaction:
        return _SqliteTransaction(self)

    def close(self) -> None:
        self.raw.close()


class _SqliteTransaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception; re-entrant (inner ones join)."""

    def __init__(self, db: SqliteDatabase):
        self.db = db
        self.outer = False

    def __enter__(self) -> SqliteDatabase:
        self.outer = not self.db.raw.in_transaction
        if self.outer:
            self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.raw.execute("ROLLBACK")


# -- PostgreSQL -----------------------------------------------------------------------------


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position and by column name, like :class:`sqlite3.Row`."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    description = cursor.description
    if description is None:
        return tuple
    index = {column.name: n for n, column in enumerate(description)}
    return lambda values: Row(values, index)


# The store's SQL, as a list of tokens: each kind of text whose characters mean something else.
# A string or quoted name left open runs to the end (the engine reports the error itself);
# comments do not nest (SQLite's reading; the store writes no nested ones).
STRING, NAME, COMMENT, WORD, SPACE, OTHER = "string", "name", "comment", "word", "space", "other"
_SQL_TOKEN = re.compile(r"""
      (?P<string>'(?:[^']|'')*'?)          # 'text', with '' for a quotation mark inside
    | (?P<name>"(?:[^"]|"")*"?)            # "a quoted name", with "" inside
    | (?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))  # to the end of the line, or /* to */
    | (?P<word>[^\W\d]\w*)                   # a keyword or a bare name
    | (?P<space>\s+)
    | (?P<other>.)                         # one character of anything else: ? % ( ) , . ; digits
    """, re.VERBOSE | re.DOTALL)


def sql_tokens(sql: str) -> list[tuple[str, str]]:
    """``sql`` as (kind, text) tokens, kind one of STRING, NAME, COMMENT, WORD, SPACE, OTHER;
    their texts joined are ``sql`` again.

    >>> sql_tokens("SELECT 'it''s' -- what?")
    [('word', 'SELECT'), ('space', ' '), ('string', "'it''s'"), ('space', ' '), ('comment', '-- what?')]
    """
    return [(match.lastgroup, match.group()) for match in _SQL_TOKEN.finditer(sql)]  # type: ignore[misc]


@lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s``; a ``?`` in a string, a quoted name or a comment
    is text. psycopg reads ``%`` everywhere, so every literal ``%`` is doubled.

    >>> to_pyformat("SELECT * FROM t WHERE a = ? AND b LIKE 'x%?' -- isn't ?")
    "SELECT * FROM t WHERE a = %s AND b LIKE 'x%%?' -- isn't ?"
    """
    return "".join("%s" if kind == OTHER and text == "?" else text.replace("%", "%%")
                   for kind, text in sql_tokens(sql))


class PostgresDatabase:
    """A PostgreSQL connection (psycopg 3) in autocommit mode; ``transaction()`` groups writes."""

    engine = POSTGRES

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL needs the psycopg package: pip install 'psycopg[binary]'") from None
        self.name = describe_target(url)
        self._psycopg = psycopg
        try:
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{self.name}: cannot connect to PostgreSQL: {str(exc).strip()}") from None
        # No JIT compiling: it pays off for long analytical queries only, and the store's are short
        # lookups whose cost estimates still cross its threshold on big tables (each compile
        # costs a few hundred milliseconds).
        self.raw.execute("SET jit = off")
        self._transactions: list[Any] = []

    def execute(self, sql: str, params: Sequence[Any] = (), binary: bool = False) -> Any:
        try:
            return self.raw.execute(to_pyformat(sql) if params else sql, tuple(params) if params else None,
                                    binary=binary)
        except self._psycopg.errors.LockNotAvailable as exc:
            raise StoreBusyError(f"{self.name}: the database is busy: {exc}") from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            with self.raw.cursor() as cursor:
                cursor.executemany(to_pyformat(sql), rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        # COPY: one stream instead of a statement per row (a story's analysis is hundreds of rows).
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    @property
    def in_transaction(self) -> bool:
        return bool(self._transactions)

    def transaction(self) -> _PostgresTransaction:
        return _PostgresTransaction(self)

    def lock(self, name: str) -> None:
        """Hold a lock named ``name`` until the current transaction ends (other holders wait)."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (name,))

    def close(self) -> None:
        self.raw.close()


class _PostgresTransaction:
    """One transaction; an inner ``with`` joins the outer one, as with SQLite."""

    def __init__(self, db: PostgresDatabase):
        self.db = db
        self.outer = False

    def __enter__(self) -> PostgresDatabase:
        self.outer = not self.db._transactions
        if self.outer:
            transaction = self.db.raw.transaction()
            transaction.__enter__()
            self.db._transactions.append(transaction)
        return self.db

    def __exit__(self, exc_type: Any, exc: Any, traceback: Any) -> None:
        if self.outer:
            self.db._transactions.pop().__exit__(exc_type, exc, traceback)
