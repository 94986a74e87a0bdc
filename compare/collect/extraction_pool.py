"""Where the collector's text extraction runs: worker processes, chosen for how this process runs.

Extraction needs the CPU, so it runs in processes. Forked from this one at the start of a
run when nothing else runs in it (a fork is instant and inherits the imported trafilatura);
else (the dashboard, tests with server threads) started from a forkserver, which imports
and warms trafilatura once and must never be forked from a process with threads running.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from typing import Any, TypeVar

from compare.collect.extract import warm_up
from compare.config import Settings
from compare.forking import forked_pool, prepare_worker

T = TypeVar("T")

# Below this many pages, starting processes from the forkserver costs more than it saves.
_MIN_PAGES_FOR_PROCESSES = 8


@contextmanager
def extraction_pool(settings: Settings) -> Iterator[Executor]:
    """The executor a collect run extracts pages on, shut down when the run ends."""
    with forked_extraction_pool(settings) as forked:
        if forked is not None:
            yield forked
            return
        # The forkserver takes a moment to import and warm up trafilatura: let it do so while
        # the feeds are polled.
        threading.Thread(target=_start_extraction_server, name="warm-up", daemon=True).start()
        with _GrowingExtractors(extraction_processes(settings)) as growing:
            yield growing


def forked_extraction_pool(settings: Settings) -> AbstractContextManager[Executor | None]:
    """Extraction processes forked from this one now, each warmed up; None when forking is not
    safe (another thread runs)."""
    return forked_pool(extraction_processes(settings), initializer=warm_up)


def extraction_processes(settings: Settings) -> int:
    """How many extraction processes ``settings`` asks for (0 there: one per CPU core)."""
    return settings.extract_processes or os.cpu_count() or 1


class _GrowingExtractors(Executor):
    """Extraction while the number of pages is not known yet: a thread for the first few
    pages, then processes from the forkserver.

    A run that meets only a handful of new pages never waits for processes to start. Past
    that, even one process beats the thread, whose extraction holds the GIL that the HTTP
    threads need for every chunk they read.
    """

    def __init__(self, processes: int):
        self._processes = processes
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        self._pool: ProcessPoolExecutor | None = None
        self._submitted = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        self._submitted += 1
        if self._submitted <= _MIN_PAGES_FOR_PROCESSES:
            return self._thread.submit(fn, *args, **kwargs)
        if self._pool is None:
            # Workers fork from the server, which ends with this process; they end with the server.
            self._pool = ProcessPoolExecutor(max_workers=self._processes, mp_context=_extraction_context(),
                                             initializer=prepare_worker)
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._thread.shutdown(wait=wait, cancel_futures=cancel_futures)
        if self._pool is not None:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


def _extraction_context() -> multiprocessing.context.BaseContext:
    # The server preloads and warms trafilatura once, so each worker forked from it starts warm.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["compare.collect.extract_worker"])
    return context


def _start_extraction_server() -> None:
    _extraction_context()
    multiprocessing.forkserver.ensure_running()
