"""Extraction quality and collector speed on real news pages (../shared/data/extraction).

Serves the 181 saved pages over loopback HTTP from four "hosts" (ports), runs the real
collector on them serially and in parallel, and compares with bare trafilatura.extract on
the same pages in memory:

- token F1 of the stored text against the true article body, beside bare trafilatura at
  each of its settings, and on how many pages the stored text is bare trafilatura's own;
- pages per second: bare trafilatura (serial, and in one process per core: the ceiling of
  what more cores give), the collector serial, the collector parallel;
- the collector's overhead over bare trafilatura (serial against serial).

Run: python bench/extract.py [--data ../shared/data/extraction] [--limit N]
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import trafilatura

from compare.collect.extract import EXTRACT_OPTIONS, extract_page, tidy_text
from compare.collect.fetch import HttpClient
from compare.collect.pipeline import collect
from compare.collect.replay import ReplayServer
from compare.config import Config, Outlet, Settings
from compare.store import Store

HOSTS = 4
TRAFILATURA_SETTINGS = {
    "default": {},
    "no comments": {"include_comments": False},
    "favor_precision": {"favor_precision": True},
    "favor_precision, no comments": {"favor_precision": True, "include_comments": False},
    "favor_recall": {"favor_recall": True},
    "favor_recall, no comments": {"favor_recall": True, "include_comments": False},
    "fast": {"fast": True},
}


def tokens(text: str | None) -> Counter[str]:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def token_f1(got: str | None, want: str) -> float:
    g, w = tokens(got), tokens(want)
    common = sum((g & w).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def load(folder: Path, limit: int | None) -> tuple[dict[str, bytes], dict[str, dict[str, str]]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    pages = {i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    return pages, {i: truth[i] for i in ids}


def bare(pages: dict[str, bytes], truth: dict[str, dict[str, str]], options: dict[str, object]) -> tuple[float, float]:
    """Mean F1 and seconds of bare trafilatura.extract over the pages, serially."""
    started = time.perf_counter()
    texts = {i: trafilatura.extract(html, url=truth[i]["url"], **options) for i, html in pages.items()}
    seconds = time.perf_counter() - started
    return sum(token_f1(texts[i], truth[i]["articleBody"]) for i in pages) / len(pages), seconds


def bare_in_processes(pages: dict[str, bytes], truth: dict[str, dict[str, str]], processes: int) -> float:
    """Seconds for bare trafilatura.extract over the pages shared out among forked processes:
    the most that extraction alone gains from this machine's cores."""
    ids = sorted(pages)
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    workers = [context.Process(target=_bare_share, args=(pages, truth, ids[n::processes])) for n in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def _bare_share(pages: dict[str, bytes], truth: dict[str, dict[str, str]], ids: list[str]) -> None:
    for i in ids:
        trafilatura.extract(pages[i], url=truth[i]["url"], **EXTRACT_OPTIONS)


def serve_hosts(pages: dict[str, bytes]) -> tuple[multiprocessing.Process, list[str], Any]:
    """Serve the pages from HOSTS loopback servers in a child process, as remote sites would be.

    In the benchmark's own process the servers would compete for the GIL with the collector's
    threads and slow it down in a way no real site does.
    """
    ids = sorted(pages)
    shares = [[i for k, i in enumerate(ids) if k % HOSTS == n] for n in range(HOSTS)]
    resources = []
    for n, mine in enumerate(shares):
        items = "".join(f"<item><title>Page {i}</title><link>/p/{i}</link></item>" for i in mine)
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Host {n}</title>{items}'
                "</channel></rss>").encode()
        resources.append({"/feed.xml": ("application/rss+xml", feed),
                          **{f"/p/{i}": ("text/html", pages[i]) for i in mine}})
    context = multiprocessing.get_context("fork")  # before any thread starts; nothing to pickle
    ready, stop = context.Queue(), context.Event()
    process = context.Process(target=_serve, args=(resources, ready, stop), daemon=True)
    process.start()
    return process, ready.get(timeout=30), stop


def _serve(resources: list[dict[str, tuple[str, bytes]]], ready: Any, stop: Any) -> None:
    servers = [ReplayServer(r).start() for r in resources]
    ready.put([s.base_url for s in servers])
    stop.wait()
    for server in servers:
        server.stop()


def run_collector(bases: list[str], settings: Settings, db_path: Path) -> tuple[float, dict[str, str]]:
    """Collect every page through the loopback feeds; returns seconds and stored text by page id."""
    outlets = tuple(Outlet(f"Host {n}", (f"{base}/feed.xml",)) for n, base in enumerate(bases))
    config = Config(settings=settings, outlets=outlets)
    started = time.perf_counter()
    with Store(db_path) as store, HttpClient(settings) as client:
        collect(config, store, client)
        seconds = time.perf_counter() - started
        stored = {a["url"].rsplit("/", 1)[-1]: a["text"] for a in store.iter_articles()}
    return seconds, stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/extraction")
    parser.add_argument("--limit", type=int, help="use only the first N pages")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each kind; the median counts")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"{args.data} is absent; nothing to measure", file=sys.stderr)
        return 1
    pages, truth = load(args.data, args.limit)
    n = len(pages)
    print(f"{n} real news pages, {sum(map(len, pages.values())) / 1e6:.1f} MB of HTML, {os.cpu_count()} CPU cores\n")

    print("bare trafilatura.extract, serial, in memory:")
    best = ("", 0.0)
    for name, options in TRAFILATURA_SETTINGS.items():
        f1, seconds = bare(pages, truth, options)
        best = max(best, (name, f1), key=lambda x: x[1])
        print(f"  {name:32s} F1 {f1:.4f}   {n / seconds:6.1f} pages/s")
    fast = Settings(host_delay=0.0, respect_robots=True)
    serial = dataclasses.replace(fast, workers=1, extract_processes=1)
    parallel = dataclasses.replace(fast, workers=8, extract_processes=0)
    # The three kinds of run take turns, so that the machine's drifting speed (a shared
    # virtual machine here) affects them alike; medians are compared.
    bare_times: list[float] = []
    bare_parallel_times: list[float] = []
    step_times: list[float] = []
    serial_times: list[float] = []
    parallel_times: list[float] = []
    process, bases, stop = serve_hosts(pages)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(args.repeat):
                bare_times.append(bare(pages, truth, EXTRACT_OPTIONS)[1])
                bare_parallel_times.append(bare_in_processes(pages, truth, os.cpu_count() or 1))
                started = time.perf_counter()
                for i, html in pages.items():
                    extract_page(html, url=truth[i]["url"])
                step_times.append(time.perf_counter() - started)
                seconds, stored = run_collector(bases, serial, Path(tmp) / f"serial{k}.db")
                serial_times.append(seconds)
                seconds, stored_parallel = run_collector(bases, parallel, Path(tmp) / f"parallel{k}.db")
                parallel_times.append(seconds)
    finally:
        stop.set()
        process.join(timeout=10)
    bare_s, bare_parallel_s, step_s, serial_s, parallel_s = (
        statistics.median(t) for t in (bare_times, bare_parallel_times, step_times, serial_times, parallel_times))
    f1 = sum(token_f1(stored.get(i, ""), truth[i]["articleBody"]) for i in pages) / n
    f1_parallel = sum(token_f1(stored_parallel.get(i, ""), truth[i]["articleBody"]) for i in pages) / n

    def runs(times: list[float]) -> str:
        return ", ".join(f"{t:.2f}" for t in times)

    print(f"\nmedian of {args.repeat} interleaved runs:")
    print(f"  bare trafilatura.extract, news-compare's options {n / bare_s:6.1f} pages/s ({runs(bare_times)} s)")
    print(f"  bare trafilatura.extract in {os.cpu_count()} processes {n / bare_parallel_s:6.1f} pages/s "
          f"({runs(bare_parallel_times)} s): {bare_s / bare_parallel_s:.2f}x, the ceiling of this machine's cores")
    print(f"  news-compare's extraction step   {n / step_s:6.1f} pages/s ({runs(step_times)} s): "
          f"{(step_s / bare_s - 1) * 100:+.1f}% over bare (decoding, trafilatura, page metadata)")
    print(f"  collect, serial   {n / serial_s:6.1f} pages/s ({runs(serial_times)} s)")
    print(f"  collect, parallel {n / parallel_s:6.1f} pages/s ({runs(parallel_times)} s)")
    print(f"  parallel speed-up {serial_s / parallel_s:.2f}x; "
          f"collector overhead over bare extraction {(serial_s / bare_s - 1) * 100:+.1f}%")
    print("  (collect = loopback feeds, HTTP, robots.txt, decoding, extraction, metadata, SQLite)")
    # The fastest run of each kind is the one least disturbed by other work on the machine
    # (timeit's reasoning): a second view, steadier than the medians on a shared machine.
    bare_best, bare_parallel_best, serial_best, parallel_best = (
        min(t) for t in (bare_times, bare_parallel_times, serial_times, parallel_times))
    print(f"\nbest of {args.repeat}: bare {n / bare_best:.1f}, bare in {os.cpu_count()} processes "
          f"{n / bare_parallel_best:.1f} ({bare_best / bare_parallel_best:.2f}x), collect serial "
          f"{n / serial_best:.1f}, parallel {n / parallel_best:.1f} pages/s")
    print(f"  parallel speed-up {serial_best / parallel_best:.2f}x; "
          f"collector overhead over bare extraction {(serial_best / bare_best - 1) * 100:+.1f}%")
    print(f"\nstored text F1 {f1:.4f} (parallel run {f1_parallel:.4f}); "
          f"best bare trafilatura setting: {best[0]} {best[1]:.4f}")
    bare_texts = {i: trafilatura.extract(html, url=truth[i]["url"], **EXTRACT_OPTIONS) or ""
                  for i, html in pages.items()}
    same = sum(stored.get(i, "") == tidy_text(text) for i, text in bare_texts.items())
    print(f"stored text identical to bare trafilatura's with the same options on {same}/{n} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
