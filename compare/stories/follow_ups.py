"""Developing stories: follow-ups that come after the matching window (an arrest, a charge, a name).

A shooting's first reports come within a day or two; the arrest, the charge, the victim's
funeral come a week or three later, centred on a name the first reports lacked. They still name
the same place and the same victims. Past ``window_days`` the matcher compares no pair by its
words (that would cost the whole corpus); instead, a story stays open to follow-ups for
``follow_up_days`` more:

- **candidates**: pairs published between ``window_days`` and ``window_days + follow_up_days``
  apart (one of them new) that share at least :data:`MIN_SHARED` rare core names: names that
  stand among the heaviest of few articles (:data:`RARE_SHARE`), such as a victim, a street or
  a small town, never a president or a big city. The store keeps each matched article's rare
  core names (:func:`name_rows`), so that a run finds the stored articles that share
  names with its new ones through an index instead of reading every story of the follow-up time;
- **strong**: the pair model scores them as if they were ``window_days`` apart, and only a score
  of :data:`STRONG` or more counts;
- **joining**: a group whose articles came after an earlier story's joins it when at least half
  of its articles have a strong pair with that story, and more than half of the story's articles
  a strong pair with the group (the story with most such articles wins): a later shooting on
  the same street, of other people, meets some of the story's reports, not most. Existing
  stories never merge; a new group may join one.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from compare.stories.feature_cache import reader_version
from compare.stories.participants import Participants, core_names, name_counts

if TYPE_CHECKING:
    from compare.stories.vectors import Doc, TermStats

MIN_SHARED = 2  # rare core names a follow-up pair must share (a victim and a place, say)
RARE_SHARE = 0.002  # a core name of more than this share of articles (and more than RARE_MIN) is common
RARE_MIN = 10
STRONG = 0.7  # the pair model's score a follow-up pair needs, read as if it were within the window
FOLLOW_UP_LEAD = 1500  # characters of an article's text screened for follow-ups: its lead names victim and place
_BLOCK = 2048

NameRow = tuple[str, float, int]  # article id, its time in days, a hashed name
# Stored articles holding some of these names within [first, last) days: article id, time, name, story.
StoredNames = Callable[[list[int], float, float], list[tuple[str, float, int, str]]]


def rare_core_names(participants: Participants) -> sparse.csr_matrix:
    """A 0/1 row per article of its core names that few articles hold as core names."""
    core = participants.core
    held = np.bincount(core.indices, minlength=core.shape[1])
    rare = held <= max(RARE_MIN, RARE_SHARE * core.shape[0])
    found = core[:, np.flatnonzero(rare)].tocsr()
    found.data = np.ones_like(found.data)
    return found


def rare_names(core: sparse.csr_matrix, stats: TermStats) -> sparse.csr_matrix:
    """A 0/1 row per article of its core names (hashed columns) that few of the articles matched
    so far (``stats``) hold: a victim, a street, a small town; never a president or a big city."""
    found = core.copy()
    found.data = (stats.df[found.indices] <= max(RARE_MIN, RARE_SHARE * stats.n_docs)).astype(np.float32)
    found.eliminate_zeros()
    return found


def lead_name_counts(docs: list[Doc], processes: int = 1) -> sparse.csr_matrix:
    """Hashed counts of the name words of each article's headline and lead (:data:`FOLLOW_UP_LEAD`)."""
    return name_counts([f"{d.title}. {d.text[:FOLLOW_UP_LEAD]}" for d in docs], processes)


def screened_names(counts: sparse.csr_matrix, stats: TermStats) -> sparse.csr_matrix:
    """The rare core names (:func:`rare_names`) of each row of :func:`lead_name_counts`."""
    return rare_names(core_names(counts, stats.idf()), stats)


@cache
def names_reader() -> str:
    """A fingerprint of the code that reads the names the store keeps: names read by other code
    are read again (the matcher's reader, and this module's screen)."""
    source = reader_version() + inspect.getsource(sys.modules[__name__])
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def name_rows(docs: list[Doc], names: sparse.csr_matrix) -> list[NameRow]:
    """The rows the store keeps of each article's rare core names: (article id, time in days, name)."""
    articles = np.repeat(np.arange(names.shape[0]), np.diff(names.indptr))
    return [(docs[a].id, docs[a].time, name) for a, name in zip(articles.tolist(), names.indices.tolist())]


def follow_up_targets(new: list[Doc], names: sparse.csr_matrix, stored: StoredNames, window_days: float,
                      follow_up_days: float) -> set[str]:
    """The stories that one of ``new`` may follow up: an article of theirs shares
    :data:`MIN_SHARED` or more rare core names with it (``names``, from :func:`screened_names`)
    and lies past the window and within the follow-up time before it. ``stored`` gives the
    stored articles that hold some of the names (:meth:`compare.store.Store.follow_up_names`).
    A screen on names alone, so that only these stories are read whole, not every story of
    the follow-up time."""
    if not new or not names.nnz:
        return set()
    times = np.array([d.time for d in new])
    found = stored(np.unique(names.indices).tolist(), float(times.min()) - window_days - follow_up_days,
                   float(times.max()) - window_days)
    if not found:
        return set()
    article_of: dict[str, int] = {}
    rows, columns, ended_times, stories = [], [], [], []
    for article, time, name, story in found:
        if article not in article_of:
            article_of[article] = len(article_of)
            ended_times.append(time)
            stories.append(story)
        rows.append(article_of[article])
        columns.append(name)
    ended = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, columns)),
                              shape=(len(article_of), names.shape[1]))
    ended.data = np.ones_like(ended.data)  # a name held twice counts once
    shared = (names @ ended.T).tocoo()
    gap = times[shared.row] - np.array(ended_times)[shared.col]
    keep = (shared.data >= MIN_SHARED) & (gap > window_days) & (gap <= window_days + follow_up_days)
    return {stories[j] for j in shared.col[keep].tolist()}


def follow_up_pairs(rare: sparse.csr_matrix, times: np.ndarray, is_new: np.ndarray, window_days: float,
                    follow_up_days: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of time-sorted articles more than ``window_days`` and at most ``window_days +
    follow_up_days`` apart, one of them new, sharing :data:`MIN_SHARED` rare core names or more."""
    lows, highs = [], []
    transposed = rare.T.tocsc()
    reach = window_days + follow_up_days
    for start in range(0, len(times), _BLOCK):
        stop = min(start + _BLOCK, len(times))
        end = bisect_right(times, times[stop - 1] + reach, lo=stop)
        begin = bisect_left(times, times[start] + window_days, lo=start)
        if begin >= end:
            continue
        product = (rare[start:stop] @ transposed[:, begin:end]).tocoo()
        rows, columns = product.row + start, product.col + begin
        gap = times[columns] - times[rows]
        keep = (product.data >= MIN_SHARED) & (columns > rows) & (gap > window_days) & (gap <= reach) \
            & (is_new[rows] | is_new[columns])
        lows.append(rows[keep])
        highs.append(columns[keep])
    if not lows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(lows).astype(np.int64), np.concatenate(highs).astype(np.int64)


def join_follow_ups(times: list[float], story_ids: list[str | None], labels: list[int], low: np.ndarray,
                    high: np.ndarray, scores: np.ndarray, max_span_days: float) -> None:
    """Let later groups join the earlier story their follow-up pairs point to (``labels`` changed
    in place); see the module's docstring."""
    strong = scores >= STRONG
    if not strong.any():
        return
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    story = {label: next((story_ids[m] for m in group if story_ids[m]), None) for label, group in members.items()}
    # For each later group and each earlier group, the articles of each side with a strong pair
    # into the other side.
    pointing: dict[int, dict[int, tuple[set[int], set[int]]]] = {}
    for i, j in zip(low[strong].tolist(), high[strong].tolist()):
        earlier, later = (i, j) if times[i] <= times[j] else (j, i)
        a, b = labels[earlier], labels[later]
        if a != b:
            sides = pointing.setdefault(b, {}).setdefault(a, (set(), set()))
            sides[0].add(earlier)
            sides[1].add(later)
    root = {label: label for label in members}

    def find(label: int) -> int:
        while root[label] != label:
            label = root[label]
        return label

    for later in sorted(pointing, key=lambda b: min(times[m] for m in members[b])):
        if story[later] is not None:
            continue  # a stored story never merges into another
        chosen = max(pointing[later].items(), key=lambda item: (len(item[1][1]), len(item[1][0]), -item[0]))
        earlier, (reached, articles) = find(chosen[0]), chosen[1]
        # Half of the group, most of the story: the follow-up names whom most of its reports name.
        if len(articles) * 2 < len(members[later]) or len(reached) * 2 <= len(members[chosen[0]]) \
                or earlier == find(later):
            continue
        span = [times[m] for m in members[earlier] + members[later]]
        if max(span) - min(span) > max_span_days:
            continue
        root[later] = earlier
        members[earlier] = members[earlier] + members[later]
        story[earlier] = story[earlier] or story[later]
    for index, label in enumerate(labels):
        labels[index] = find(label)
