"""collect: feeds.toml -> poll feeds -> fetch pages -> extract text -> store, with progress callbacks.

HTTP runs in threads (it waits on the network); text extraction runs in processes (it
needs the CPU; see :mod:`compare.collect.extraction_pool`). A feed's pages are fetched as soon as
the feed is stored, while slower feeds are still being polled. Only this module's calling
thread writes to the store, one transaction per feed or article, so a run killed at any
point can simply be run again.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import zip_longest
from queue import SimpleQueue
from typing import TYPE_CHECKING, Any, TypeVar

from compare.collect.extract import extract_page, feed_text
from compare.collect.extraction_pool import extraction_pool
from compare.collect.feeds import PollResult, poll_feed
from compare.collect.fetch import HttpClient
from compare.config import Config, Settings
from compare.errors import FetchError
from compare.models import ArticleStatus, CollectReport, Extracted
from compare.store import FeedRow, FetchTask, Lease, Store
from compare.store.leases import worker_name
from compare.urls import host_of

if TYPE_CHECKING:
    from compare.analysis.run import AnalyseReport
    from compare.stories.assign import MatchReport

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Clock = Callable[[], datetime]
T = TypeVar("T")

_WAIT_FOR_OTHERS = 0.25  # seconds between looks at the feeds other collectors are polling
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class _Page:
    """A fetched page waiting for extraction, or the reason there is none."""

    task: FetchTask
    body: bytes = b""
    content_type: str = ""
    final_url: str | None = None
    http_status: int | None = None
    error: str | None = None
    retryable: bool = False


def collect(config: Config, store: Store, client: HttpClient, *, progress: Progress | None = None,
            now: Clock = utc_now) -> CollectReport:
    """Poll every feed of ``config``; fetch and extract every article not yet done."""
    report = CollectReport()
    store.sync_config(config)
    with extraction_pool(config.settings) as extractors:
        _CollectRun(store, client, config.settings, report, extractors, progress, now).run()
    store.settle_search()  # what was collected is searched at full speed at once
    return report


def update(config: Config, store: Store, client: HttpClient, *, progress: Progress | None = None,
           now: Clock = utc_now) -> tuple[CollectReport, MatchReport, AnalyseReport]:
    """Every stage in order: collect, match what was collected into stories, analyse them."""
    # Imported here: the later stages load scikit-learn (over a second), which collecting
    # alone, and every extraction worker that re-imports its main module, can do without.
    from compare.analysis.framing import load_lexicon
    from compare.analysis.run import analyse_changed_stories
    from compare.stories.assign import match_new_articles, params_from

    collected = collect(config, store, client, progress=progress, now=now)
    matched = match_new_articles(store, params_from(config.settings), now=now(),
                                 lease_seconds=config.settings.lease_seconds)
    analysed = analyse_changed_stories(store, lexicon=load_lexicon(config.settings.lexicon or None), now=now(),
                                       progress=progress, embedder=config.settings.embedding_model,
                                       lease_seconds=config.settings.lease_seconds)
    return collected, matched, analysed


def _poll_one(client: HttpClient, feed: FeedRow) -> PollResult:
    try:
        return poll_feed(client, feed.url, etag=feed.etag, last_modified=feed.last_modified)
    except Exception as exc:  # a defect of ours on one feed is that feed's recorded error, not a failed run
        logger.exception("polling %s failed", feed.url)
        return PollResult(feed.url, None, None, error=f"internal error while reading the feed: "
                                                       f"{type(exc).__name__}: {exc}")


def _store_poll(store: Store, feed: FeedRow, result: PollResult, report: CollectReport, when: datetime) -> None:
    if result.error:
        report.feeds_failed += 1
        report.feed_errors.append((feed.url, result.error))
        logger.info("feed %s (%s): %s", feed.url, feed.outlet, result.error)  # and in the report
        store.record_feed_poll(feed.id, when=when, ok=False, http_status=result.http_status, error=result.error)
        return
    if result.feed is None:  # 304 Not Modified
        report.feeds_not_modified += 1
        store.record_feed_poll(feed.id, when=when, ok=True, http_status=result.http_status, error=None)
        return
    with store.transaction():  # a feed's entries and its new ETag are stored together, or not at all
        new = sum(store.add_entry(feed, entry, when=when) for entry in result.feed.entries)
        store.record_feed_poll(feed.id, when=when, ok=True, http_status=result.http_status,
                               error=result.feed.warning, etag=result.etag, last_modified=result.last_modified,
                               title=result.feed.title, entries_seen=len(result.feed.entries), new_articles=new)
    report.feeds_ok += 1
    report.new_articles += new
    if result.feed.warning:
        logger.info("feed %s read despite a defect: %s", feed.url, result.feed.warning)


class _CollectRun:
    """One run's loop: feed polls, page fetches and extractions in flight at once, each stored
    by the calling thread as soon as it finishes."""

    def __init__(self, store: Store, client: HttpClient, settings: Settings, report: CollectReport,
                 extractors: Executor, progress: Progress | None, now: Clock):
        self.store, self.client, self.settings, self.report = store, client, settings, report
        self.extractors, self.progress, self.now = extractors, progress, now
        self.tasks = _HostQueues(per_host=settings.per_host_connections)
        self.queued: set[str] = set()  # every article id this run has queued
        self.polling: dict[Future[PollResult], FeedRow] = {}
        self.fetching: dict[Future[_Page], FetchTask] = {}
        self.extracting: dict[Future[Extracted | None], _Page] = {}
        # Futures report here as they finish: cheaper than wait() over all of them each time.
        self.finished: SimpleQueue[Future[Any]] = SimpleQueue()
        self.feeds_total = self.feeds_done = self.pages_done = 0
        self.more_pages = True  # pages may be waiting to be claimed
        self.lease = Lease(worker=worker_name(), round_start=now(), seconds=settings.lease_seconds)

    def run(self) -> None:
        # Feeds and pages are taken on a batch at a time under a lease, so that collectors
        # sharing one database share the work and take over a stopped one's share.
        in_flight_limit = self.settings.workers * 2  # bounds the pages held in memory at once
        batch = in_flight_limit * 2
        self.feeds_total = len(self.store.active_feeds())
        if self.store.release_dead_leases(now=self.now()):
            logger.info("took over the work of a stopped collector on this machine")
        more_feeds = True
        with ThreadPoolExecutor(max_workers=self.settings.workers, thread_name_prefix="http") as http:
            while True:
                if more_feeds and len(self.polling) < self.settings.workers:
                    feeds = self.store.claim_feeds(self.lease, batch, now=self.now())
                    more_feeds = len(feeds) == batch
                    for feed in _interleave_by_host(feeds, key=lambda f: f.url):
                        self._watch(self.polling, http.submit(_poll_one, self.client, feed), feed)
                # Pages a batch at a time whenever this collector runs short: those of feeds
                # polled beyond what _polled took, left by earlier runs or by a stopped collector.
                if self.more_pages and not self.tasks:
                    self.more_pages = self._queue(self._claim_pages(limit=batch)) > 0
                if not (self.polling or self.tasks or self.fetching or self.extracting):
                    if not self.store.feeds_left_this_round(self.lease, now=self.now()):
                        # A feed given back since the claim above has its pages stored: take them.
                        if self._queue(self._claim_pages(limit=batch)):
                            continue
                        break
                    # Another collector is polling feeds whose pages this one can share; a
                    # feed whose holder died is taken over when its lease runs out.
                    time.sleep(_WAIT_FOR_OTHERS)
                    self.store.release_dead_leases(now=self.now())
                    more_feeds = self.more_pages = True
                    continue
                while (len(self.fetching) + len(self.extracting) < in_flight_limit
                       and (task := self.tasks.take()) is not None):
                    self._watch(self.fetching, http.submit(_fetch_page, self.client, task), task)
                future = self.finished.get()
                if future in self.polling:
                    self._polled(future)
                elif future in self.fetching:
                    self._fetched(future)
                else:
                    self._extracted(future)

    def _watch(self, in_flight: dict[Future[Any], Any], future: Future[Any], what: object) -> None:
        in_flight[future] = what
        future.add_done_callback(self.finished.put)

    def _claim_pages(self, *, feed_id: int | None = None, limit: int | None = None) -> list[FetchTask]:
        return self.store.fetch_tasks(self.settings.max_attempts, feed_id=feed_id, lease=self.lease,
                                      now=self.now(), limit=limit)

    def _queue(self, tasks: list[FetchTask]) -> int:
        """Queue the tasks not queued yet; returns how many were new."""
        fresh = 0
        for task in tasks:
            if task.id not in self.queued:  # an article listed by several feeds is fetched once
                self.queued.add(task.id)
                self.tasks.add(task)
                fresh += 1
        return fresh

    def _polled(self, future: Future[PollResult]) -> None:
        # Stored as each feed completes, so that a slow or dead feed holds up no other. (When
        # two feeds list one article under different URLs, the first to arrive names it.)
        feed = self.polling.pop(future)
        _store_poll(self.store, feed, future.result(), self.report, self.now())
        # A few of the feed's pages at once, so that they start now; the rest are claimed a
        # batch at a time, so that collectors sharing the database share a big feed's pages.
        first = self.settings.per_host_connections * 2
        if self._queue(self._claim_pages(feed_id=feed.id, limit=first)) >= first:
            self.more_pages = True
        self.feeds_done += 1
        if self.progress:
            self.progress("feeds", self.feeds_done, self.feeds_total)

    def _fetched(self, future: Future[_Page]) -> None:
        self.tasks.finished(self.fetching.pop(future))
        page = future.result()
        if page.error is None:
            extraction = self.extractors.submit(extract_page, page.body, page.content_type, url=page.final_url,
                                                min_words=self.settings.min_words)
            self._watch(self.extracting, extraction, page)
            return
        _store_failure(self.store, page, page.error, page.retryable, self.report, self.now())
        self._page_done()

    def _extracted(self, future: Future[Extracted | None]) -> None:
        page = self.extracting.pop(future)
        _store_extraction(self.store, page, _extraction_result(future, page), self.report, self.now())
        self._page_done()

    def _page_done(self) -> None:
        self.pages_done += 1
        if self.progress:
            self.progress("articles", self.pages_done, len(self.queued))


def _fetch_page(client: HttpClient, task: FetchTask) -> _Page:
    try:
        return _fetch_page_unsafely(client, task)
    except Exception as exc:  # a defect of ours on one page is that page's recorded error, retried next run
        logger.exception("fetching %s failed", task.url)
        return _Page(task, error=f"internal error while fetching the page: {type(exc).__name__}: {exc}",
                     retryable=True)


def _fetch_page_unsafely(client: HttpClient, task: FetchTask) -> _Page:
    if not task.url:
        return _Page(task, error="the feed entry has no link to fetch")
    try:
        response = client.get(task.url, obey_robots=True,
                              headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
    except FetchError as exc:
        return _Page(task, http_status=exc.status, error=exc.message, retryable=exc.retryable)
    content_type = response.content_type.split(";")[0].strip().lower()
    if content_type and content_type not in _HTML_TYPES:
        return _Page(task, final_url=response.final_url, http_status=response.status,
                     error=f"not an HTML page (Content-Type {content_type})")
    return _Page(task, body=response.body, content_type=response.content_type, final_url=response.final_url,
                 http_status=response.status)


def _extraction_result(future: Future[Extracted | None], page: _Page) -> Extracted | None:
    try:
        return future.result()
    except Exception:  # a crashed extraction worker is one failed page, not a failed run
        logger.exception("extraction failed for %s", page.final_url)
        return None


def _store_extraction(store: Store, page: _Page, extracted: Extracted | None, report: CollectReport,
                      when: datetime) -> None:
    if extracted is None:
        _store_failure(store, page, "the page holds no article text (not an article, a paywall or a video?)",
                       False, report, when)
        return
    feed_words = len(feed_text(page.task.feed_text_html).split())
    if extracted.word_count * 2 < feed_words:
        # A teaser or paywall stub: the feed itself carries more of the story than the page.
        _store_failure(store, page, f"the page shows only {extracted.word_count} words of the article "
                       f"(the feed has {feed_words}): a paywall or a teaser?", False, report, when)
        return
    store.save_extracted(page.task.id, extracted, when=when, http_status=page.http_status,
                         final_url=page.final_url)
    report.extracted += 1


def _store_failure(store: Store, page: _Page, error: str, retryable: bool, report: CollectReport,
                   when: datetime) -> None:
    fallback = feed_text(page.task.feed_text_html)
    status = store.save_failure(page.task.id, error=error, retryable=retryable, when=when,
                                http_status=page.http_status, fallback_text=fallback)
    where = page.task.url or f"{page.task.outlet}'s entry {page.task.title or page.task.id!r}"
    report.article_errors.append((where, error))
    logger.info("article %s: %s", where, error)
    if status == ArticleStatus.FALLBACK:
        report.fallback += 1
    else:
        report.failed += 1


class _HostQueues:
    """The pages still to fetch, handed out host by host in turn, never more than ``per_host``
    at a time to one host.

    A host that makes requests wait (a robots.txt Crawl-delay, a slow server) so holds at most
    ``per_host`` fetching threads; the others go on with the other hosts.
    """

    def __init__(self, *, per_host: int):
        self.per_host = max(1, per_host)
        self._waiting: dict[str, deque[FetchTask]] = defaultdict(deque)  # hosts in turn order
        self._fetching: Counter[str] = Counter()

    def add(self, task: FetchTask) -> None:
        self._waiting[self._host(task)].append(task)

    def __bool__(self) -> bool:
        """True while any task waits (a host whose queue empties leaves the turn order)."""
        return bool(self._waiting)

    def take(self) -> FetchTask | None:
        """The next task of the first host in turn with room, or None when every host is full."""
        for host, queue in self._waiting.items():
            if host and self._fetching[host] >= self.per_host:
                continue
            task = queue.popleft()
            del self._waiting[host]
            if queue:
                self._waiting[host] = queue  # to the back of the turn order
            self._fetching[host] += 1
            return task
        return None

    def finished(self, task: FetchTask) -> None:
        """Free the room ``task`` took at its host."""
        self._fetching[self._host(task)] -= 1

    @staticmethod
    def _host(task: FetchTask) -> str:
        return host_of(task.url) if task.url else ""  # no link, nothing to fetch: no host to spare


def _interleave_by_host(items: list[T], *, key: Callable[[T], str]) -> list[T]:
    """Reorder so that consecutive items go to different hosts (keeps every host busy)."""
    by_host: dict[str, list[T]] = defaultdict(list)
    for item in items:
        by_host[host_of(key(item))].append(item)
    return [item for group in zip_longest(*by_host.values()) for item in group if item is not None]

