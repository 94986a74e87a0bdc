"""Stories across outlets: blocking by time and terms, pair scoring, average-link clustering, wire copy.

The matcher works on :class:`~compare.stories.vectors.Doc` objects and returns labels;
:mod:`compare.stories.assign` stores them.

- Vectors: hashed TF-IDF over content words (:mod:`compare.stories.vectors`), with document
  frequencies kept between runs so that a small incremental run weighs words as the whole
  corpus does.
- Candidates: only pairs published within ``window_days`` of each other that share
  distinctive terms (sparse products over time-sorted blocks), so cost grows near-linearly.
- Score: the probability that a pair reports one event (:mod:`compare.stories.pair_scores`), from
  what they share and what sets them apart: body and headline words, names weighted by
  rarity, names one article never mentions, years and figures, outlet and days apart.
- Clustering: average link over the candidate graph, so one strong pair cannot chain two
  events together, and two groups each about participants the other never names stay
  apart, and so do two groups each stating years or figures in their leads that the other
  hardly states (:class:`compare.stories.participants.GroupClash`). Existing stories are fixed clusters that
  new articles may join but that never merge with each other, which keeps story ids stable
  from run to run.
"""

from __future__ import annotations

import heapq
import logging
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import sparse

from compare.forking import map_forked
from compare.stories.boilerplate import SiteBoilerplate
from compare.stories.feature_cache import FeatureCache
from compare.stories.follow_ups import follow_up_pairs, join_follow_ups, rare_core_names
from compare.stories.pair_scores import PAIR_FEATURES, pair_features, probabilities
from compare.stories.participants import Participants
from compare.stories.roundups import read_roundup
from compare.stories.sparse_rows import row_products, top_per_row
from compare.stories.vectors import (
    N_FEATURES,
    Doc,
    TermStats,
    featurize,
    processes_for,
    tfidf_of_rows,
)

logger = logging.getLogger(__name__)

_BLOCK = 512  # rows per sparse product: bounds memory, not results
_MIN_COSINE = 0.08  # pairs below this body similarity are never candidates
_MAX_NEIGHBOURS = 20  # candidates kept per article: bounds the work on a crowded day


@dataclass(frozen=True)
class MatchParams:
    """The matcher's knobs (from the feeds.toml settings)."""

    threshold: float = 0.44  # mean same-event probability of their pairs needed to put two groups in one story
    window_days: float = 4.0  # articles further apart than this are never compared
    max_span_days: float = 10.0  # a story never grows longer than this (a long-running topic is many stories)
    wire_share: float = 0.5  # share of an article's text found in another's to call it wire copy
    group_clash: bool = True  # keep apart groups each about participants the other hardly names
    follow_up_days: float = 14.0  # a story stays open this long past the window to strong follow-ups

    @property
    def reach_days(self) -> float:
        """How long before a run's newest article an article may still be read by a later run: the
        window, the longest story and the follow-up time on both sides (a follow-up's story may
        itself have grown by one)."""
        return self.window_days + self.max_span_days + 2 * self.follow_up_days


def candidate_pairs(vectors: sparse.csr_matrix, times: np.ndarray, is_new: np.ndarray,
                    window_days: float, processes: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) within the time window, one of them new, with body cosine >= _MIN_COSINE;
    for each article only its ``_MAX_NEIGHBOURS`` most similar. Returned as arrays (i, j,
    cosine): at 100,000 articles a list of tuples would take hundreds of megabytes more.

    ``times`` must be sorted ascending. Only the new articles' rows are multiplied, in blocks,
    each against the articles within the window around it: every pair has a new article, so
    the work grows with the new articles and the articles per window, not with the stories
    already stored around them. An article already in a story keeps its closest new articles,
    as a new one keeps its closest articles of either kind. The blocks are shared out among
    ``processes`` processes for big runs.
    """
    n = len(times)
    new_rows = np.flatnonzero(is_new)
    context = {"vectors": vectors, "transposed": vectors.T.tocsc(), "times": times, "is_new": is_new,
               "new_rows": new_rows, "window": window_days}
    starts = range(0, len(new_rows), _BLOCK)
    workers = processes_for(n, processes)
    found = map_forked(_block_pairs, context, [(start,) for start in starts], workers,
                       chunksize=max(1, min(8, len(starts) // (4 * max(workers, 1)))))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    new_low, new_high, new_value, old_row, old_partner, old_value = (np.concatenate(arrays) for arrays in zip(*found))
    # Each block kept an old article's closest new articles among its own; the closest overall are among those.
    top = top_per_row(old_row, old_value, _MAX_NEIGHBOURS)
    low = np.concatenate([new_low, np.minimum(old_row[top], old_partner[top])])
    high = np.concatenate([new_high, np.maximum(old_row[top], old_partner[top])])
    value = np.concatenate([new_value, old_value[top]])
    # Each pair may be found from both ends; keep it once, in (i, j) order.
    _, first = np.unique(low.astype(np.int64) * n + high, return_index=True)
    return low[first], high[first], value[first]


def _block_pairs(context: dict[str, Any], start: int) -> tuple[np.ndarray, ...]:
    """The candidate pairs of the new articles ``new_rows[start:start + _BLOCK]``: (low, high,
    cosine) of each one's closest articles, then (old article, new article, cosine) of each
    old article's closest among these new ones."""
    times, is_new, window_days = context["times"], context["is_new"], context["window"]
    rows_here = context["new_rows"][start:start + _BLOCK]
    begin = bisect_left(times, times[rows_here[0]] - window_days)
    end = bisect_right(times, times[rows_here[-1]] + window_days)
    product = (context["vectors"][rows_here] @ context["transposed"][:, begin:end]).tocsr()
    # Most products are tiny: dropped first, so that the other tests read only what is left.
    similar = np.flatnonzero(product.data >= _MIN_COSINE)
    rows = rows_here[np.searchsorted(product.indptr, similar, side="right") - 1]
    columns, values = product.indices[similar].astype(np.int64) + begin, product.data[similar]
    keep = (columns != rows) & (np.abs(times[columns] - times[rows]) <= window_days)
    rows, columns, values = rows[keep], columns[keep], values[keep]
    # On a busy news day only an article's closest neighbours can be the same event.
    top = top_per_row(rows, values, _MAX_NEIGHBOURS)
    old = np.flatnonzero(~is_new[columns])
    old_top = old[top_per_row(columns[old], values[old], _MAX_NEIGHBOURS)]
    return (np.minimum(rows[top], columns[top]), np.maximum(rows[top], columns[top]), values[top],
            columns[old_top], rows[old_top], values[old_top])


def pair_score(a: Doc, b: Doc, cosine: float, window_days: float) -> float:
    """How surely two articles report the same event, 0-1, weighing their names as the pair alone does.

    In a corpus, :func:`cluster_docs` weighs names by how rare they are across it.

    >>> a = Doc("1", "A", 0.0, "Storm hits coast", "Storm Ciaran hit Brest, said Mayor Anne Roux.")
    >>> b = Doc("2", "B", 0.2, "Storm batters coast", "Storm Ciaran battered Brest, Mayor Anne Roux said.")
    >>> pair_score(a, b, 0.6, 4.0) > 0.5
    True
    """
    counts, names = featurize([a, b])
    participants = Participants.build(names, counts, np.ones(N_FEATURES, dtype=np.float32))
    pair = np.array([0]), np.array([1])
    return float(probabilities(pair_features([a, b], participants, *pair, np.array([cosine]), window_days))[0])


def average_link(docs: list[Doc], edges: dict[tuple[int, int], float], params: MatchParams,
                 clash: Callable[[list[int], list[int]], bool] | None = None) -> list[int]:
    """Cluster ``docs`` (sorted by time); returns a cluster index per doc.

    The link between two groups is the mean score over their pairs published within the
    window of each other (pairs that are not candidates score 0). Groups holding articles of
    two different existing stories never merge, and no group grows longer in time than
    ``max_span_days``: without that bound, a topic in the news every day would chain into one
    story a year long.

    A group is known by its root (the index of one member); its state is kept in lists
    indexed by root, since this loop runs millions of times on a big corpus.
    """
    n = len(docs)
    window, max_span, threshold = params.window_days, params.max_span_days, params.threshold
    members: list[list[int] | None] = [[i] for i in range(n)]
    times: list[list[float]] = [[d.time] for d in docs]  # sorted
    story: list[str | None] = [d.story_id for d in docs]
    version = [0] * n
    owner = list(range(n))
    by_story: dict[str, int] = {}
    for index, doc in enumerate(docs):
        if doc.story_id is None:
            continue
        root = by_story.setdefault(doc.story_id, index)
        if root != index:  # an existing story is one group from the start
            owner[index] = root
            members[root].append(index)  # type: ignore[union-attr]
            times[root].append(doc.time)
            members[index] = None
    for root in by_story.values():
        times[root].sort()
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), score in edges.items():
        a, b = owner[i], owner[j]
        if a != b:
            links[a][b] = links[a].get(b, 0.0) + score
            links[b][a] = links[b].get(a, 0.0) + score

    def mean_link(a: int, b: int, total: float) -> float:
        """The mean score between groups a and b (0 when they may not merge)."""
        if story[a] is not None and story[b] is not None:
            return 0.0
        times_a, times_b = times[a], times[b]
        first = times_a[0] if times_a[0] < times_b[0] else times_b[0]
        last = times_a[-1] if times_a[-1] > times_b[-1] else times_b[-1]
        if last - first > max_span:
            return 0.0
        if last - first <= window:  # every pair is within the window of each other
            return total / (len(times_a) * len(times_b))
        if len(times_a) > len(times_b):
            times_a, times_b = times_b, times_a
        comparable = 0
        for t in times_a:
            comparable += bisect_right(times_b, t + window) - bisect_left(times_b, t - window)
        return total / (comparable or 1)

    # A mean over at least one comparable pair is at most the sum of the scores: a sum below
    # the threshold needs no closer look (most links, at scale). The first links wait in a
    # sorted list, and only links recomputed after a merge go through a heap: most first
    # links are never merged along (one side merges elsewhere first), and popping them from
    # a heap of millions was the loop's largest cost.
    waiting = sorted((-mean, a, b, 0, 0) for a in range(n) for b, total in links[a].items()
                     if a < b and total >= threshold and (mean := mean_link(a, b, total)) >= threshold)
    waiting.reverse()  # best last: popped from the end
    heap: list[tuple[float, int, int, int, int]] = []
    while waiting or heap:
        if heap and (not waiting or heap[0] < waiting[-1]):
            _, a, b, version_a, version_b = heapq.heappop(heap)
        else:
            _, a, b, version_a, version_b = waiting.pop()
        if version[a] != version_a or version[b] != version_b or members[a] is None or members[b] is None:
            continue  # stale: one side has changed since this entry was pushed
        if clash is not None and clash(members[a], members[b]):  # type: ignore[arg-type]
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)  # type: ignore[arg-type]
        members[keep] += members[gone]  # type: ignore[operator]
        members[gone] = None
        times[keep] = sorted(times[keep] + times[gone])
        story[keep] = story[keep] or story[gone]
        version[keep] += 1
        kept = links[keep]
        for neighbour, score in links[gone].items():
            links[neighbour].pop(gone, None)
            if neighbour != keep:
                kept[neighbour] = total = kept.get(neighbour, 0.0) + score
                links[neighbour][keep] = total
        links[gone] = {}
        kept.pop(gone, None)
        for neighbour, total in kept.items():
            if total >= threshold and (mean := mean_link(keep, neighbour, total)) >= threshold:
                low, high = (keep, neighbour) if keep < neighbour else (neighbour, keep)
                heapq.heappush(heap, (-mean, low, high, version[low], version[high]))
    labels = [0] * n
    for root, group in enumerate(members):
        for member in group or ():
            labels[member] = root
    return labels


def as_matched(docs: list[Doc]) -> list[Doc]:
    """``docs`` as the matcher reads them: without each outlet's recurring lines and title suffix
    (learnt from the outlet's pages among ``docs``: furniture every page of a site carries is no
    shared content), and a roundup by its lead alone (``roundup`` is set on the doc given too).
    A doc that loses nothing is itself."""
    site = SiteBoilerplate.learn((d.outlet, d.title, d.text) for d in docs)
    cleaned = []
    for doc in docs:
        title, text = site.clean(doc.outlet, doc.title, doc.text)
        roundup = read_roundup(text)
        doc.roundup = roundup is not None
        if roundup is not None:
            text = roundup.lead
        cleaned.append(doc if title is doc.title and text is doc.text
                       else replace(doc, title=title, text=text, names=None))
    return cleaned


@dataclass
class Candidates:
    """The candidate pairs (low[k] < high[k]) of a run, their body cosine and :data:`PAIR_FEATURES` rows."""

    low: np.ndarray
    high: np.ndarray
    cosine: np.ndarray
    features: np.ndarray
    participants: Participants
    # Follow-up pairs past the window (compare.stories.follow_ups), their features read as if
    # they were ``window_days`` apart.
    follow_low: np.ndarray
    follow_high: np.ndarray
    follow_features: np.ndarray
    # Each article's event marks (Doc.event_marks), for the group clash.
    marks: list[tuple[frozenset[int], tuple[str, ...]]] | None = None


def candidates(docs: list[Doc], stats: TermStats, params: MatchParams, processes: int = 1,
               cache: FeatureCache | None = None) -> Candidates:
    """Vectorise time-sorted ``docs``, find their candidate pairs and compute each pair's features.

    ``stats`` is updated with the documents that have no story yet (not with reopened ones,
    counted before). ``cache``: where the docs read before are taken from, and the others kept.
    """
    clock = time.perf_counter()
    docs = as_matched(docs)
    is_new = np.array([d.story_id is None for d in docs], dtype=bool)
    reopened = np.array([d.reopened_from is not None for d in docs], dtype=bool)
    fresh = is_new & ~reopened
    counts, names = featurize(docs, processes, cache)
    stats.add(counts, fresh)  # a reopened article was counted when it was new
    participants = Participants.build(names, counts, stats.idf())
    times = np.array([d.time for d in docs])
    follow_low, follow_high = follow_up_pairs(rare_core_names(participants), times, is_new, params.window_days,
                                              params.follow_up_days)
    vectors = tfidf_of_rows(counts, stats, _compared_rows(times, is_new, params.window_days, follow_low, follow_high))
    del counts, names  # the largest objects of a big run; nothing below needs them
    logger.info("matcher: %d documents vectorised in %.1f s", len(docs), time.perf_counter() - clock)
    clock = time.perf_counter()
    low, high, cosine = candidate_pairs(vectors, times, is_new, params.window_days, processes)
    low, high, cosine = _without_idle_reopened(low, high, cosine, fresh, reopened)
    follow_cosine = row_products(vectors, vectors, follow_low, follow_high)
    del vectors
    logger.info("matcher: %d candidate pairs in %.1f s", len(low), time.perf_counter() - clock)
    clock = time.perf_counter()
    features = pair_features(docs, participants, low, high, cosine, params.window_days,
                             processes_for(len(docs), processes))
    follow_features = pair_features(docs, participants, follow_low, follow_high, follow_cosine, params.window_days)
    # Read as if at the window's edge: only what they share and what sets them apart decides.
    days_apart = PAIR_FEATURES.index("days_apart")
    at_edge = max(0.0, params.window_days - 1.0) / (2 * params.window_days)
    follow_features[:, days_apart] = np.minimum(follow_features[:, days_apart], at_edge)
    logger.info("matcher: pairs scored in %.1f s (%d follow-up pairs)", time.perf_counter() - clock, len(follow_low))
    marks = [d.event_marks() for d in docs]
    return Candidates(low, high, cosine, features, participants, follow_low, follow_high, follow_features, marks)


def _compared_rows(times: np.ndarray, is_new: np.ndarray, window_days: float, follow_low: np.ndarray,
                   follow_high: np.ndarray) -> np.ndarray:
    """Which docs (time-sorted) any pair of this run can hold: those within ``window_days`` of a
    new one, and those of follow-up pairs. A run adding articles to open stories reads every
    article of those stories, and most of them are further than the window from every new one."""
    new_times = times[is_new]
    compared = np.zeros(len(times), dtype=bool)
    if len(new_times):
        after = np.clip(np.searchsorted(new_times, times), 0, len(new_times) - 1)
        before = np.clip(after - 1, 0, len(new_times) - 1)
        nearest = np.minimum(np.abs(new_times[after] - times), np.abs(new_times[before] - times))
        compared = nearest <= window_days
    compared[follow_low] = compared[follow_high] = True
    return compared


def _without_idle_reopened(low: np.ndarray, high: np.ndarray, cosine: np.ndarray, fresh: np.ndarray,
                           reopened: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs less those of reopened articles (matched again, see
    :mod:`compare.stories.assign`) that no new article is a candidate of: nothing has changed
    around them since they were stored, so they stay as they were."""
    if not reopened.any():
        return low, high, cosine
    with_fresh = fresh[low] | fresh[high]
    touched = np.zeros(len(fresh), dtype=bool)
    touched[low[with_fresh]] = touched[high[with_fresh]] = True
    idle = reopened & ~touched
    keep = ~idle[low] & ~idle[high]
    return low[keep], high[keep], cosine[keep]


def cluster_docs(docs: list[Doc], stats: TermStats, params: MatchParams, processes: int = 1,
                 regroup: Callable[[list[int]], list[int]] | None = None, cache: FeatureCache | None = None,
                 ) -> tuple[list[int], dict[tuple[int, int], float]]:
    """Cluster time-sorted ``docs``; those with a ``story_id`` are already placed and stay so.

    ``stats`` is updated with the new documents; ``cache`` keeps what was read of them
    (:mod:`compare.stories.feature_cache`). ``regroup`` (labels -> labels) may join the
    groups of average link before follow-ups are read (the stories across languages of
    :mod:`compare.stories.across_languages`). Returns a cluster label per doc and the body
    cosine of the candidate pairs (i < j) inside one cluster: all that later steps need to
    compare a story's members.
    """
    return cluster_candidates(docs, candidates(docs, stats, params, processes, cache), params, regroup=regroup)


def cluster_candidates(docs: list[Doc], found: Candidates, params: MatchParams,
                       model: Callable[[np.ndarray], np.ndarray] = probabilities,
                       regroup: Callable[[list[int]], list[int]] | None = None,
                       ) -> tuple[list[int], dict[tuple[int, int], float]]:
    """:func:`cluster_docs` from the candidate pairs already found (``model``: the probabilities of
    feature rows, by default the fitted model's)."""
    low, high = found.low, found.high
    scores = model(found.features)
    # Pairs far below the threshold barely move an average; leaving them out keeps the graph small.
    # A roundup takes no part in average link: it would bridge the stories of its incidents.
    roundup = np.array([d.roundup for d in docs], dtype=bool)
    strong = (scores >= params.threshold / 3) & ~roundup[low] & ~roundup[high]
    edges = dict(zip(zip(low[strong].tolist(), high[strong].tolist()), scores[strong].tolist()))
    clock = time.perf_counter()
    labels = average_link(docs, edges, params, found.participants.clash(found.marks)
                          if params.group_clash else None)
    del edges
    # A follow-up is read against whole stories: one event's versions in other languages are
    # joined first, or a later article would join the earlier story of its own language alone,
    # and its own event's versions in other languages could no longer join it.
    if regroup is not None:
        labels = regroup(labels)
    if len(found.follow_low):
        join_follow_ups([d.time for d in docs], [d.story_id for d in docs], labels, found.follow_low,
                        found.follow_high, model(found.follow_features), params.max_span_days + params.follow_up_days)
    if roundup.any():
        attach_roundups(docs, labels, low, high, scores, params)
    logger.info("matcher: clustered in %.1f s", time.perf_counter() - clock)
    label_of = np.asarray(labels)
    inside = label_of[low] == label_of[high]
    return labels, dict(zip(zip(low[inside].tolist(), high[inside].tolist()), found.cosine[inside].tolist()))


def attach_roundups(docs: list[Doc], labels: list[int], low: np.ndarray, high: np.ndarray, scores: np.ndarray,
                    params: MatchParams) -> None:
    """Put each new roundup into the one story its lead matches best on average (over that story's
    articles within the window of it, none a roundup), if that reaches the threshold; else it
    stands alone. ``labels`` is changed in place."""
    new_roundups = {i for i, d in enumerate(docs) if d.roundup and d.story_id is None}
    involved = np.isin(low, list(new_roundups)) | np.isin(high, list(new_roundups))
    partners: dict[int, list[tuple[int, float]]] = {}
    for i, j, score in zip(low[involved].tolist(), high[involved].tolist(), scores[involved].tolist()):
        if i in new_roundups and not docs[j].roundup:
            partners.setdefault(i, []).append((j, score))
        if j in new_roundups and not docs[i].roundup:
            partners.setdefault(j, []).append((i, score))
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        if not docs[index].roundup:
            members.setdefault(label, []).append(index)
    for roundup, found in partners.items():
        totals: dict[int, float] = {}
        for partner, score in found:
            totals[labels[partner]] = totals.get(labels[partner], 0.0) + score
        best, best_mean = None, params.threshold
        for label, total in totals.items():
            when = docs[roundup].time
            near = sum(abs(docs[m].time - when) <= params.window_days for m in members[label])
            if (mean := total / max(near, 1)) >= best_mean:
                best, best_mean = label, mean
        if best is not None:
            labels[roundup] = best
