"""How surely two articles report the same event: features of a pair and a fitted logistic model.

What the two articles share (body words, headline words, name phrases, name words weighted
by rarity, figures, dates and weekdays named in the text) counts for a merge; what sets them
apart counts against it: each about people the other never names, years or weekdays that
do not meet, the same outlet's house style, days apart.

The weights were fitted (logistic regression, C=1) on the candidate pairs of the odd ECB+
topics and of half of BASIL's events, and are the same for every corpus. ``python
bench/match.py --loco`` holds each development corpus (ECB+ halves, BASIL, the gun-violence
parts) out in turn: on the parts these weights never saw (even ECB+ topics, both gun-violence
parts) they score higher than a model fitted on every other corpus does (``--fit`` prints
that one), so they are kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Set as AbstractSet
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cpdist
from scipy import sparse

from compare.stories.participants import Participants
from compare.stories.sparse_rows import row_products

if TYPE_CHECKING:
    from compare.stories.vectors import Doc

PAIR_FEATURES = ("cosine", "headline", "shared_name_phrases", "shared_figures", "name_cosine", "years_apart",
                 "dates_shared", "weekdays_apart", "weekdays_shared", "same_outlet", "days_apart", "names_missing")
# Fitted on the odd ECB+ topics and BASIL (logistic regression, C=1); see the module docstring.
PAIR_WEIGHTS = np.array([2.35, 0.50, 5.08, 4.29, 5.90, -1.15, 2.13, -0.61, 0.91, -1.07, -1.48, -1.80])
PAIR_BIAS = -1.66


def pair_features(docs: list[Doc], participants: Participants, low: np.ndarray, high: np.ndarray,
                  cosine: np.ndarray, window_days: float, workers: int = 0) -> np.ndarray:
    """One row of :data:`PAIR_FEATURES` per pair (low[k], high[k]) of ``docs``, whose body cosine is ``cosine[k]``.

    Every feature is computed for all pairs at once: the headlines' likeness by rapidfuzz (in
    ``workers`` threads; 0: one), what the pair's sets share (name phrases, figures, years,
    dates, weekdays) as products of sparse rows. A loop over pairs in Python took most of a run
    adding 1,000 articles to a large database.
    """
    if not len(low):
        return np.zeros((0, len(PAIR_FEATURES)))
    # Only the docs of some pair are read: a run adding 1,000 articles holds some 25,000 docs,
    # most of them in no pair.
    used, pairs = np.unique(np.concatenate([low, high]), return_inverse=True)
    doc_low, doc_high = low, high  # participants are indexed by every doc
    low, high = pairs[:len(low)], pairs[len(low):]
    docs = [docs[k] for k in used.tolist()]
    for doc in docs:
        doc.fill_features()
    titles = np.array([d.title_key for d in docs], dtype=object)
    headline = cpdist(titles[low].tolist(), titles[high].tolist(),
                      scorer=fuzz.token_set_ratio, dtype=np.float64, workers=max(workers, 1)) / 100.0
    names = _SetRows([d.names or frozenset() for d in docs], low, high)
    figures = _SetRows([d.figures or frozenset() for d in docs], low, high)
    years = _SetRows([d.years or frozenset() for d in docs], low, high)
    dates = _SetRows([d.dates or frozenset() for d in docs], low, high)
    weekdays = _SetRows([d.weekdays or frozenset() for d in docs], low, high)
    outlets = np.array([d.outlet for d in docs], dtype=object)
    times = np.array([d.time for d in docs], dtype=np.float64)
    # Days apart beyond the first, as a share of twice the window: same-day coverage is alike.
    days_apart = np.maximum(0.0, np.abs(times[low] - times[high]) - 1.0) / (2 * window_days)
    return np.column_stack([cosine, headline, names.jaccard(), figures.jaccard(),
                            participants.name_cosine(doc_low, doc_high),
                            years.apart(), dates.shared(), weekdays.apart(), weekdays.shared(),
                            outlets[low] == outlets[high], days_apart,
                            participants.names_missing(doc_low, doc_high)]).astype(np.float64)


class _SetRows:
    """One kind of set of each doc (its names, its years, ...), compared over pairs (low[k], high[k])."""

    def __init__(self, sets: list[AbstractSet[Hashable]], low: np.ndarray, high: np.ndarray):
        columns: dict[Hashable, int] = {}
        indices = [columns.setdefault(item, len(columns)) for items in sets for item in items]
        sizes = np.fromiter((len(items) for items in sets), dtype=np.int64, count=len(sets))
        indptr = np.zeros(len(sets) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        rows = sparse.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64), indptr),
                                 shape=(len(sets), max(len(columns), 1)))
        self.shared_count = row_products(rows, rows, low, high)
        self.union = sizes[low] + sizes[high] - self.shared_count
        self.both = (sizes[low] > 0) & (sizes[high] > 0)

    def jaccard(self) -> np.ndarray:
        """|a & b| / |a | b| (0 when both are empty), as :func:`compare.text.jaccard`."""
        return np.divide(self.shared_count, self.union, out=np.zeros(len(self.union)), where=self.union > 0)

    def shared(self) -> np.ndarray:
        """Both give some, and some alike."""
        return self.both & (self.shared_count > 0)

    def apart(self) -> np.ndarray:
        """Both give some, and none alike."""
        return self.both & (self.shared_count == 0)


def probabilities(features: np.ndarray) -> np.ndarray:
    """The fitted model's probability that each pair of ``features`` rows reports one event."""
    return 1.0 / (1.0 + np.exp(-(features @ PAIR_WEIGHTS + PAIR_BIAS)))
