"""Where extraction runs: forked workers when this process may fork, else a thread, then forkserver processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from compare.collect.extract import extract_page
from compare.collect.extraction_pool import extraction_pool
from compare.config import Settings

PAGE = (b"<html><body><article><p>" + b"Enough plain words to make an article of this page here. " * 3
        + b"</p></article></body></html>")

_FORK_PROBE = """
import threading
from compare.config import Settings
from compare.collect.extraction_pool import forked_extraction_pool
from compare.collect.extract import extract_page
with forked_extraction_pool(Settings(extract_processes=2)) as pool:
    print(pool._mp_context.get_start_method())
    page = (b"<html><body><article><p>" + b"Enough plain words to make an article of this page here. " * 3
            + b"</p></article></body></html>")
    print(pool.submit(extract_page, page).result().word_count)
threading.Thread(target=threading.Event().wait, daemon=True).start()
with forked_extraction_pool(Settings()) as pool:
    print(pool)
"""


def test_extraction_workers_are_forked_only_while_no_other_thread_runs():
    # A process of its own: pytest's process may already run server threads.
    result = subprocess.run([sys.executable, "-c", _FORK_PROBE], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["fork", "33", "None"]


def _where_it_ran() -> tuple[int, str]:
    return os.getpid(), threading.current_thread().name


def test_with_threads_running_a_thread_extracts_the_first_pages_then_processes():
    blocker = threading.Thread(target=threading.Event().wait, daemon=True)
    blocker.start()  # forking is unsafe now, as in the dashboard
    with extraction_pool(Settings(extract_processes=1)) as pool:
        first = [pool.submit(_where_it_ran).result() for _ in range(8)]
        later = pool.submit(_where_it_ran).result()
        assert pool.submit(extract_page, PAGE).result().word_count == 33
    assert {pid for pid, _ in first} == {os.getpid()}
    assert all(name.startswith("extract") for _, name in first)
    assert later[0] != os.getpid()
