"""Worker processes forked from this one, for CPU work, when forking is safe.

A forked worker starts at once and inherits everything the parent holds: imported
libraries, and the large inputs handed to ``initializer`` (which are not pickled). But a
process that runs other threads must not fork (a child can inherit a lock some thread
holds, and hang), so a pool is only made when the calling thread is alone, on Linux,
where fork is the norm. Callers do the work themselves when they get no pool.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # prctl(2), Linux


def can_fork() -> bool:
    """True when worker processes may be forked from this process now."""
    return sys.platform == "linux" and threading.active_count() == 1


@contextmanager
def forked_pool(processes: int, initializer: Callable[..., None] | None = None,
                initargs: tuple[Any, ...] = ()) -> Iterator[ProcessPoolExecutor | None]:
    """``processes`` forked workers, each having run ``initializer(*initargs)``; None when
    forking is not safe now (or ``processes`` is 0)."""
    if processes < 1 or not can_fork():
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))
    try:
        # With fork, the first submit starts every worker, before the pool's own manager
        # thread and before the caller starts any thread. Frozen, the parent's objects are
        # left out of the workers' garbage collections, which would otherwise touch, and so
        # copy, every page of them.
        gc.freeze()
        try:
            pool.submit(int)
        finally:
            gc.unfreeze()
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    prepare_worker()
    if os.getppid() != parent:  # the parent died before prepare_worker took effect
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def prepare_worker() -> None:
    """Make this worker process leave interruptions and endings to its parent.

    Ctrl-C reaches every process of the terminal's group: the parent reports it and shuts
    its pool down, so a worker ignores it rather than print a traceback. And a worker blocks
    reading tasks from a pipe that its siblings also hold open, so it would never notice a
    parent killed outright: the kernel is asked to end it with its parent (Linux).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: a killed parent leaves its idle workers behind
        pass


# In a forked worker: the function and context given to map_forked (inherited, never pickled).
_installed: dict[str, Any] = {}


def _install(function: Callable[..., Any], context: Any) -> None:
    _installed["function"], _installed["context"] = function, context


def _run(task: tuple[Any, ...]) -> Any:
    return _installed["function"](_installed["context"], *task)


def map_forked(function: Callable[..., T], context: Any, tasks: Iterable[tuple[Any, ...]], processes: int,
               chunksize: int = 1) -> list[T]:
    """``function(context, *task)`` for each task, in order.

    Runs in ``processes`` forked workers that inherit ``context`` (however large: it is not
    pickled; only tasks and results are), or in this process when ``processes`` is below 2
    or forking is not safe now. ``function`` must be a module-level function.
    """
    with forked_pool(processes if processes > 1 else 0, _install, (function, context)) as pool:
        if pool is None:
            return [function(context, *task) for task in tasks]
        return list(pool.map(_run, tasks, chunksize=chunksize))


def slices(length: int, parts: int) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges cutting ``length`` items into at most ``parts`` tasks of about equal size."""
    size = max(1, -(-length // parts))
    return [(start, min(start + size, length)) for start in range(0, length, size)]
