"""Forked worker pools: used only when safe, same results either way."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from compare.forking import can_fork, forked_pool, map_forked

ROOT = Path(__file__).resolve().parents[1]


def _scaled_sum(context: dict[str, list[int]], start: int, stop: int) -> tuple[int, int]:
    return sum(context["numbers"][start:stop]) * context["factor"][0], os.getpid()


def test_map_forked_falls_back_to_this_process_while_a_thread_runs():
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)
    waiter.start()
    try:
        assert not can_fork()
        with forked_pool(2) as pool:
            assert pool is None
        context = {"numbers": list(range(10)), "factor": [3]}
        results = map_forked(_scaled_sum, context, [(0, 5), (5, 10)], processes=2)
    finally:
        stop.set()
    assert [total for total, _ in results] == [30, 105]
    assert {pid for _, pid in results} == {os.getpid()}


_FORKED = """
import os, sys
sys.path.insert(0, {tests!r})
from test_forking import _scaled_sum
from compare.forking import can_fork, map_forked
assert can_fork()
numbers = list(range(100_000))
tasks = [(start, start + 10_000) for start in range(0, 100_000, 10_000)]
results = map_forked(_scaled_sum, {{"numbers": numbers, "factor": [2]}}, tasks, processes=2)
print(",".join(str(total) for total, _ in results), len({{pid for _, pid in results}} - {{os.getpid()}}))
print(map_forked(_scaled_sum, {{"numbers": numbers, "factor": [2]}}, [(0, 10)], processes=1)[0][1] == os.getpid())
"""


def test_map_forked_shares_the_context_with_forked_workers_in_order():
    # A process of its own: pytest's process may run threads, which rules forking out.
    code = _FORKED.format(tests=str(ROOT / "tests"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    totals, workers, single = result.stdout.split()
    assert [int(t) for t in totals.split(",")] == [2 * sum(range(s, s + 10_000)) for s in range(0, 100_000, 10_000)]
    assert int(workers) >= 1  # the work ran in processes other than the caller's
    assert single == "True"  # one process asked for: the caller does the work


_KILLED = """
import os, signal
from compare.forking import forked_pool
with forked_pool(2) as pool:
    pool.submit(int).result()
    print(" ".join(str(pid) for pid in pool._processes), flush=True)  # the workers' process ids
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie waiting to be reaped is dead


def test_workers_end_when_their_parent_is_killed():
    result = subprocess.run([sys.executable, "-c", _KILLED], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == -9
    workers = [int(pid) for pid in result.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(pid) for pid in workers)
