"""Leases: how several collectors sharing one database split feeds and pages between them,
several analysers its changed stories, and several matchers take turns.

A worker claims a batch of rows for a while (``lease_until``) under its name (``leased_by``:
host, process, a random part). Rows another worker holds are passed over (PostgreSQL: ``FOR
UPDATE SKIP LOCKED``; SQLite lets one writer claim at a time anyway). A lease ends when the
work is stored, when it runs out, or at once when its worker on this machine no longer runs.
A worker whose work on its batch outlasts half a lease renews it (:meth:`LeasingStore.renew_leases`),
so that a long batch is not handed to another worker halfway through.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from compare.store.engines import POSTGRES, StorePart

_MATCHING = "matching"  # the job_leases row of the one matcher at work


def utc_iso(moment: datetime | None) -> str | None:
    """ISO 8601 text of ``moment`` in UTC (naive datetimes are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def worker_name() -> str:
    """A worker's name in the leases it takes: host, process, and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Lease:
    """A worker's claim on feeds or pages: who holds it, until when, and the round it belongs to.

    ``round_start`` is when the worker's run began: a feed polled (or a page fetched) after
    then by any worker is done for this round and is not handed out again. A row keeps the
    name of the worker that last held it (``leased_by``), so a worker never takes back what it
    holds or has done; ``lease_until`` is cleared when the work is stored.
    """

    worker: str
    round_start: datetime
    seconds: float = 600.0

    def until(self, now: datetime) -> str:
        return utc_iso(now + timedelta(seconds=self.seconds)) or ""


class LeasingStore(StorePart):
    """Claiming and giving back leases (mixed into :class:`compare.store.Store`)."""

    def release_dead_leases(self, *, now: datetime) -> int:
        """Give back the leases of collectors and analysers on this machine that are no longer
        running (a killed run's share is taken over at once; other machines' leases run out by time)."""
        dead = []
        for table in ("feeds", "articles", "stories"):
            for (holder,) in self.conn.execute(f"SELECT DISTINCT leased_by FROM {table} WHERE lease_until >= ?",
                                               (utc_iso(now),)).fetchall():
                if _stopped_here(holder or ""):
                    dead.append((table, holder))
        for table, holder in dead:
            self.conn.execute(f"UPDATE {table} SET lease_until = NULL WHERE leased_by = ? AND lease_until >= ?",
                              (holder, utc_iso(now)))
        return len(dead)

    def feeds_held_by_others(self, lease: Lease, *, now: datetime) -> int:
        """Feeds another worker is polling now: their pages may yet be shared out."""
        row = self.conn.execute("SELECT COUNT(*) FROM feeds WHERE lease_until >= ? AND leased_by <> ?",
                                (utc_iso(now), lease.worker)).fetchone()
        return int(row[0])

    def feeds_left_this_round(self, lease: Lease, *, now: datetime) -> int:
        """Feeds this worker neither holds nor has polled that are still to be polled this round:
        held by another worker, or being claimed by one right now (PostgreSQL passes over rows
        being claimed, so a claim can find nothing while another's is not yet committed)."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM feeds WHERE (leased_by IS NULL OR leased_by <> ?) AND (lease_until >= ? "
            "OR (active = 1 AND (last_attempt IS NULL OR last_attempt <= ?)))",
            (lease.worker, utc_iso(now), utc_iso(lease.round_start))).fetchone()
        return int(row[0])

    def _claim(self, table: str, alias: str, where: str, params: list[Any], *, done: str, order: str,
               limit: int | None, lease: Lease, now: datetime) -> list[Any]:
        """Ids of up to ``limit`` rows of ``table`` (as ``alias``) meeting ``where`` that no other
        worker holds and that nobody finished (the time column ``done``) after this worker's
        round began, now leased to this worker."""
        conditions = [where, f"({alias}.lease_until IS NULL OR {alias}.lease_until < ?)",
                      f"({alias}.leased_by IS NULL OR {alias}.leased_by <> ?)",
                      f"({alias}.{done} IS NULL OR {alias}.{done} <= ?)"]
        with self.transaction():
            ids = [r[0] for r in self.conn.execute(
                f"SELECT {alias}.id FROM {table} {alias} WHERE {' AND '.join(conditions)} ORDER BY {order}"
                + (f" LIMIT {int(limit)}" if limit else "") + self._skip_locked(),
                (*params, utc_iso(now), lease.worker, utc_iso(lease.round_start)))]
            if ids:
                self.conn.execute(f"UPDATE {table} SET lease_until = ?, leased_by = ? "
                                  f"WHERE id IN ({', '.join('?' * len(ids))})", (lease.until(now), lease.worker, *ids))
        return ids

    def renew_leases(self, table: str, lease: Lease, *, now: datetime) -> set[str]:
        """Extend this worker's leases on the rows of ``table`` it holds to ``lease.until(now)``;
        the ids of those it still holds. A row whose lease ran out and that another worker has
        since claimed (or is claiming right now) is not renewed: it is that worker's now."""
        with self.transaction():
            held = [r[0] for r in self.conn.execute(
                f"SELECT id FROM {table} WHERE leased_by = ? AND lease_until IS NOT NULL" + self._skip_locked(),
                (lease.worker,))]
            for start in range(0, len(held), 500):
                chunk = held[start:start + 500]
                self.conn.execute(f"UPDATE {table} SET lease_until = ? WHERE id IN ({', '.join('?' * len(chunk))})",
                                  (lease.until(now), *chunk))
        return set(held)

    def claim_matching(self, lease: Lease, *, now: datetime) -> bool:
        """Take (or renew) the lease on matching: one matcher at a time assigns a database's new
        articles, since two would each read them and write their own stories. False when
        another worker holds it (until its lease runs out, or at once when it was a process
        on this machine that no longer runs)."""
        with self.transaction():
            self._lock("news-compare matching")  # claims take turns (SQLite: BEGIN IMMEDIATE already)
            row = self.conn.execute("SELECT leased_by, lease_until FROM job_leases WHERE job = ?",
                                    (_MATCHING,)).fetchone()
            if row and row[0] != lease.worker and (row[1] or "") >= (utc_iso(now) or "") \
                    and not _stopped_here(row[0]):
                return False
            self.conn.execute("INSERT INTO job_leases VALUES (?, ?, ?) ON CONFLICT(job) DO UPDATE SET "
                              "leased_by = excluded.leased_by, lease_until = excluded.lease_until",
                              (_MATCHING, lease.worker, lease.until(now)))
        return True

    def release_matching(self, lease: Lease) -> None:
        """Give the lease on matching back, if this worker holds it."""
        with self.transaction():
            self.conn.execute("UPDATE job_leases SET lease_until = NULL WHERE job = ? AND leased_by = ?",
                              (_MATCHING, lease.worker))

    def _skip_locked(self) -> str:
        # PostgreSQL: rows another worker is claiming right now are passed over, not waited for.
        # SQLite: BEGIN IMMEDIATE already lets one writer claim at a time.
        return " FOR UPDATE SKIP LOCKED" if self.conn.engine == POSTGRES else ""

    def _lock(self, name: str) -> None:
        if self.conn.engine == POSTGRES:
            self.conn.lock(name)  # type: ignore[attr-defined]


def _stopped_here(holder: str) -> bool:
    """Whether a lease holder (a :func:`worker_name`) was a process on this machine that no longer runs."""
    name, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    return name == socket.gethostname() and pid.isdigit() and not _running(int(pid))


def _running(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
