"""`news-compare match` and `stories`: assign new articles to stories in the store, list stories.

Reads articles that have text but no story, the stories still open around them, runs
:mod:`compare.stories.match`, and writes assignments, story summaries and the matcher's term
statistics in one transaction: a run killed half-way changes nothing.
"""

from __future__ import annotations

import json
import logging
import os
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
from scipy import sparse

from compare.config import Settings
from compare.forking import map_forked
from compare.store import Lease, Store, utc_iso
from compare.store.engines import BULK_ROWS
from compare.store.leases import worker_name
from compare.stories.across_languages import join_across_languages
from compare.stories.feature_cache import FeatureCache
from compare.stories.follow_ups import (FOLLOW_UP_LEAD, NameRow, follow_up_targets, lead_name_counts, name_rows,
                                        names_reader, screened_names)
from compare.stories.match import MatchParams, cluster_docs
from compare.stories.vectors import Doc, TermStats, days
from compare.stories.wire import medoid, wire_copies

logger = logging.getLogger(__name__)

# Summarising stories (wire copy above all) is shared out among processes from this many.
_PARALLEL_STORIES = 2000
_ARTICLES_PER_RUN = 50_000  # matched at a time (about 3 GB of memory on two cores)
_STORIES_PER_TASK = 500
Summary = tuple[tuple[Any, ...], list[tuple[Any, ...]], int]  # story row, article updates, wire copies

_TERM_STATS = "term_df"  # the matcher's state: document frequencies of terms
# The tables a matching run writes to, and reads back in the next run.
_MATCH_TABLES = ("articles", "stories", "story_outlets", "matcher_features", "follow_up_names")


@dataclass
class MatchReport:
    new_articles: int = 0
    new_stories: int = 0
    joined_existing: int = 0
    wire_copies: int = 0
    busy_elsewhere: bool = False  # another matcher held the database: its new articles were left to it

    def add(self, other: MatchReport) -> None:
        """Count another batch's matches in."""
        for name in ("new_articles", "new_stories", "joined_existing", "wire_copies"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _lead_vectors(store: Store) -> Callable[[list[str]], np.ndarray] | None:
    """The multilingual model's vectors of headlines and leads, kept in the store's vector
    cache (each article embedded once); None when no multilingual model is installed."""
    from compare.analysis.run import StoredVectors
    from compare.embed import multilingual_embedder

    embedder = multilingual_embedder()
    return StoredVectors(store, embedder) if embedder else None


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    first_published: str
    last_published: str
    n_articles: int
    n_outlets: int
    n_independent: int
    outlets: list[str]


def params_from(settings: Settings) -> MatchParams:
    return MatchParams(threshold=settings.match_threshold, window_days=settings.match_window_days,
                       wire_share=settings.wire_copy_share, follow_up_days=settings.match_follow_up_days)


def match_new_articles(store: Store, params: MatchParams, *, now: datetime | None = None,
                       lease_seconds: float = 600.0) -> MatchReport:
    """Assign every article that has text but no story yet; existing stories keep their ids.

    Articles are matched oldest first, ``_ARTICLES_PER_RUN`` at a time, each batch against the
    stories (stored by the batches before) open in its period: memory stays bounded however
    many articles wait (a million at once needed over 20 GB). One matcher works on a database
    at a time, under a lease of ``lease_seconds`` renewed between batches: while another holds
    it, nothing is matched here (``report.busy_elsewhere``)."""
    report = MatchReport()
    lease = Lease(worker_name(), datetime.now(timezone.utc), lease_seconds)
    if not store.claim_matching(lease, now=datetime.now(timezone.utc)):
        report.busy_elsewhere = True
        return report
    try:
        while True:
            rows = store.unmatched_articles(limit=_ARTICLES_PER_RUN)
            if not rows:
                return report
            found = _match_batch(store, params, _docs(rows), now)
            report.add(found)
            if found.new_articles >= BULK_ROWS:  # the next batch's queries are planned on what this one wrote
                store.refresh_statistics(_MATCH_TABLES)
            if len(rows) < _ARTICLES_PER_RUN or not found.new_articles:
                return report
            if not store.claim_matching(lease, now=datetime.now(timezone.utc)):  # ran out: another took over
                report.busy_elsewhere = True
                return report
    finally:
        store.release_matching(lease)


def _match_batch(store: Store, params: MatchParams, new: list[Doc], now: datetime | None) -> MatchReport:
    """Match these new articles (oldest first) with each other and with the open stories."""
    report = MatchReport()
    clock = time.perf_counter()
    start, end = min(d.time for d in new), max(d.time for d in new)
    existing = _load_open_stories(store, start - params.window_days, end + params.window_days)
    stats = load_term_stats(store)
    cache = FeatureCache(store, newest=end, keep_days=params.reach_days)
    lead_counts = None
    if params.follow_up_days > 0:
        followed, lead_counts = _follow_up_stories(store, new, stats, params, start, {d.story_id for d in existing})
        existing += followed
    elif store.follow_up_names_reader():  # names not kept while follow-ups are off: read anew if turned on
        store.save_follow_up_names([], older_than=end, reader="")
    reopened = _reopen_young_single_stories(existing, start - params.window_days)
    docs = sorted(existing + new, key=lambda d: (d.time, d.id))
    is_new = [d.previous_story is None for d in docs]
    logger.info("matcher: %d articles loaded in %.1f s (%d alone in a young story, matched again)", len(docs),
                time.perf_counter() - clock, reopened)
    labels, cosines = cluster_docs(
        docs, stats, params, processes=os.cpu_count() or 1,
        regroup=lambda found: join_across_languages(docs, found, params.window_days, lambda: _lead_vectors(store)),
        cache=cache)
    # Kept after matching, so that the new articles count in what is rare.
    names = _names_to_keep(new, lead_counts, stats, end - params.reach_days) if params.follow_up_days > 0 else []
    groups: dict[int, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        groups[label].append(index)
    when = utc_iso(now or datetime.now(timezone.utc))
    clock = time.perf_counter()
    # A story changes when it gains a new article or when stories merge (a reopened article
    # joining another); a reopened article that stays alone leaves its story as it was.
    changed = [members for members in groups.values()
               if any(is_new[m] for m in members) or len({docs[m].previous_story for m in members}) > 1]
    context = _SummaryContext(docs, cosines, params.wire_share, when)
    workers = (os.cpu_count() or 1) if len(changed) >= _PARALLEL_STORIES else 0
    batches = [(changed[start:start + _STORIES_PER_TASK],) for start in range(0, len(changed), _STORIES_PER_TASK)]
    story_rows: list[tuple[Any, ...]] = []
    article_rows: list[tuple[Any, ...]] = []
    summaries = (summary for batch in map_forked(_summarise_groups, context, batches, workers) for summary in batch)
    gone: set[str] = set()
    for members, (story, updates, copies) in zip(changed, summaries, strict=True):
        fresh = sum(is_new[m] for m in members)
        report.new_articles += fresh
        if any(docs[m].previous_story for m in members):
            report.joined_existing += fresh
        else:
            report.new_stories += 1
        gone |= {docs[m].reopened_from for m in members if docs[m].reopened_from not in (None, story[0])}
        story_rows.append(story)
        article_rows += updates
        report.wire_copies += copies
    logger.info("matcher: %d stories summarised in %.1f s", len(changed), time.perf_counter() - clock)
    clock = time.perf_counter()
    roundups = [d.id for d, fresh in zip(docs, is_new) if fresh and d.roundup]
    with store.transaction():
        store.save_stories(story_rows, article_rows, {_TERM_STATS: _term_stats_blob(stats)}, roundups)
        store.drop_stories(sorted(gone - {row[0] for row in story_rows}))
        store.save_follow_up_names(names, older_than=end - params.reach_days)
    logger.info("matcher: %d stories written in %.1f s", len(story_rows), time.perf_counter() - clock)
    return report


@dataclass(frozen=True)
class _SummaryContext:
    """What summarising a story needs beside its members: shared by every story of a run."""

    docs: list[Doc]
    cosines: dict[tuple[int, int], float]
    wire_share: float
    when: str


def _reopen_young_single_stories(existing: list[Doc], since: float) -> int:
    """Match again the articles that stand alone in a story begun at ``since`` (days) or later:
    stored stories never merge, so a report that was too different from another of the same
    event to join it when both were new could not join it later, when a third report links
    the two. Such an article may now join another story, and its own story then goes."""
    sizes = Counter(d.story_id for d in existing)
    reopened = 0
    for doc in existing:
        if doc.story_id is not None and sizes[doc.story_id] == 1 and doc.time >= since:
            doc.reopened_from, doc.story_id = doc.story_id, None
            reopened += 1
    return reopened


def _summarise_groups(context: _SummaryContext, groups: list[list[int]]) -> list[Summary]:
    """The :func:`_summarise` result of each group of doc indices (a story, in time order)."""
    summaries = []
    for members in groups:
        # A stored story keeps its id; else the story of a reopened article; else a new story,
        # named after its first article.
        story_id = next((context.docs[m].story_id for m in members if context.docs[m].story_id), None) \
            or next((context.docs[m].reopened_from for m in members if context.docs[m].reopened_from), None) \
            or "s-" + context.docs[members[0]].id
        similarity = np.eye(len(members))
        for x, i in enumerate(members):
            for y in range(x + 1, len(members)):
                similarity[x, y] = similarity[y, x] = context.cosines.get((i, members[y]), 0.0)
        summaries.append(_summarise(story_id, [context.docs[m] for m in members], similarity, context.wire_share,
                                    context.when))
    return summaries


def _summarise(story_id: str, docs: list[Doc], similarity: np.ndarray, wire_share: float,
               when: str | None) -> Summary:
    """A story's row, its articles' updates, and how many of them are wire copies."""
    outlets = sorted({d.outlet for d in docs})
    copies = wire_copies(docs, wire_share, similarity, min_cosine=0.6) if len(outlets) > 1 else {}
    copied_only = {o for o in outlets if all(d.id in copies for d in docs if d.outlet == o)}
    originals = [n for n, d in enumerate(docs) if d.id not in copies] or [0]
    face = docs[medoid(similarity, originals)]
    first = min(docs, key=lambda d: d.time)
    last = max(docs, key=lambda d: d.time)
    story = (story_id, face.title, _iso(first.time), _iso(last.time), len(docs), len(outlets),
             len(outlets) - len(copied_only), json.dumps(outlets), when)
    updates = []
    for d in docs:  # only the articles whose placing changed: most of a growing story's keep theirs
        placing = copies.get(d.id, (None, None))
        if (story_id, placing) != (d.story_id, d.stored_wire):
            updates.append((story_id, *placing, d.id))
    return story, updates, len(copies)


def _iso(day_number: float) -> str:
    return datetime.fromtimestamp(round(day_number * 86400.0), tz=timezone.utc).isoformat(timespec="seconds")


def _docs(rows: list[dict[str, Any]]) -> list[Doc]:
    return [Doc(id=r["id"], outlet=r["outlet"], time=days(r["moment"]), title=r["title"], text=r["text"],
                story_id=r["story_id"], language=r["language"], stored_wire=(r["wire_copy_of"], r["wire_share"]))
            for r in rows]


def _load_open_stories(store: Store, start: float, end: float) -> list[Doc]:
    """Every article of the stories that overlap [start, end] (in days)."""
    return _docs(store.open_story_articles(_iso(start), _iso(end)))


def _follow_up_stories(store: Store, new: list[Doc], stats: TermStats, params: MatchParams, start: float,
                       loaded: set[str | None]) -> tuple[list[Doc], sparse.csr_matrix | None]:
    """Every article of the stories not ``loaded`` yet that one of ``new`` (from ``start`` on,
    in days) may follow up: only those are read in full
    (:func:`compare.stories.follow_ups.follow_up_targets`); and the name counts of the new
    articles' leads, when they were read."""
    _keep_names_of_recent_articles(store, stats, params, start)
    end = max(d.time for d in new)
    if not store.has_follow_up_names(start - params.window_days - params.follow_up_days, end - params.window_days):
        return [], None  # nothing to follow up (a first run): the new articles' names need not be read yet
    counts = lead_name_counts(new, os.cpu_count() or 1)
    wanted = follow_up_targets(new, screened_names(counts, stats), store.follow_up_names, params.window_days,
                               params.follow_up_days) - loaded
    return (_docs(store.story_docs(sorted(s for s in wanted if s))) if wanted else []), counts


def _names_to_keep(articles: list[Doc], counts: sparse.csr_matrix | None, stats: TermStats,
                   since: float) -> list[NameRow]:
    """The rows of the rare core names of the articles from ``since`` on (days; older ones no
    later run reads), from their lead ``counts`` when these were read already."""
    recent = [n for n, d in enumerate(articles) if d.time >= since]
    if not recent:
        return []
    docs = [articles[n] for n in recent]
    counts = counts[recent] if counts is not None else lead_name_counts(docs, os.cpu_count() or 1)
    return name_rows(docs, screened_names(counts, stats))


def _keep_names_of_recent_articles(store: Store, stats: TermStats, params: MatchParams, start: float) -> None:
    """Read and keep the rare core names of every stored article a follow-up from ``start`` on
    may meet, when those kept were read by other code (or never: a database matched before
    names were kept). Later runs keep their new articles' names as they match them."""
    reader = names_reader()
    if store.follow_up_names_reader() == reader:
        return
    first = start - params.window_days - params.follow_up_days
    rows = _names_to_keep(_docs(store.stories_since(_iso(first), FOLLOW_UP_LEAD)), None, stats, first)
    store.save_follow_up_names(rows, older_than=first, reader=reader)
    logger.info("matcher: the names of %d stored articles kept for follow-ups", len({r[0] for r in rows}))


def candidate_docs(store: Store, phrases: list[str], limit: int) -> list[Doc]:
    """The latest stored articles in a story that mention one of ``phrases``, as matcher docs."""
    return _docs(store.articles_mentioning(phrases, limit))


def load_term_stats(store: Store) -> TermStats:
    data = store.match_state(_TERM_STATS)
    if data is None:
        return TermStats()
    data = zlib.decompress(data)
    n_docs = int.from_bytes(data[:8], "little")
    return TermStats(np.frombuffer(data[8:], dtype=np.int32).copy(), n_docs)


def _term_stats_blob(stats: TermStats) -> bytes:
    return zlib.compress(stats.n_docs.to_bytes(8, "little") + stats.df.astype(np.int32).tobytes(), 6)


def list_stories(store: Store, *, min_outlets: int = 1, limit: int | None = None) -> list[StoryRow]:
    """Stories, most recent first."""
    return [StoryRow(id=r["id"], title=r["title"], first_published=r["first_published"],
                     last_published=r["last_published"], n_articles=r["n_articles"], n_outlets=r["n_outlets"],
                     n_independent=r["n_independent"], outlets=r["outlets"])
            for r in store.stories(min_outlets=min_outlets, limit=limit)]


def story_articles(store: Store, story_id: str) -> list[dict[str, Any]]:
    """A story's articles with their outlets, in publication order."""
    return store.story_article_rows(story_id)
