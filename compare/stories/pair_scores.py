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

from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz

from compare.forking import map_forked, slices
from compare.stories.participants import Participants
from compare.text import jaccard

if TYPE_CHECKING:
    from compare.stories.vectors import Doc

PAIR_FEATURES = ("cosine", "headline", "shared_name_phrases", "shared_figures", "name_cosine", "years_apart",
                 "dates_shared", "weekdays_apart", "weekdays_shared", "same_outlet", "days_apart", "names_missing")
# Fitted on the odd ECB+ topics and BASIL (logistic regression, C=1); see the module docstring.
PAIR_WEIGHTS = np.array([2.35, 0.50, 5.08, 4.29, 5.90, -1.15, 2.13, -0.61, 0.91, -1.07, -1.48, -1.80])
PAIR_BIAS = -1.66
_PER_PAIR = 9  # features computed pair by pair (the rest are row products)


def pair_features(docs: list[Doc], participants: Participants, low: np.ndarray, high: np.ndarray,
                  cosine: np.ndarray, window_days: float, workers: int = 0) -> np.ndarray:
    """One row of :data:`PAIR_FEATURES` per pair (low[k], high[k]) of ``docs``, whose body cosine is ``cosine[k]``.

    The features read per pair (headline, name phrases, years, figures) are shared out among
    ``workers`` forked processes (0: computed here).
    """
    for doc in docs:
        doc.fill_features()
    context = {"docs": docs, "low": low, "high": high, "window": window_days}
    parts = map_forked(_per_pair_slice, context, slices(len(low), max(workers, 1) * 4), workers)
    if not len(low):
        return np.zeros((0, len(PAIR_FEATURES)))
    per_pair = np.vstack(parts)
    return np.column_stack([cosine, per_pair[:, :3], participants.name_cosine(low, high), per_pair[:, 3:],
                            participants.names_missing(low, high)])


def _per_pair_slice(context: dict[str, Any], start: int, stop: int) -> np.ndarray:
    docs, window = context["docs"], context["window"]
    low, high = context["low"][start:stop].tolist(), context["high"][start:stop].tolist()
    ratio = fuzz.token_set_ratio
    # One tuple per pair, made into an array at the end: this loop runs millions of times.
    rows = []
    for i, j in zip(low, high):
        a, b = docs[i], docs[j]
        years = _apart_and_shared(a.years, b.years)
        rows.append((
            ratio(a.title_key, b.title_key) / 100.0,  # keys are processed once, by featurize
            jaccard(a.names, b.names),  # type: ignore[arg-type]
            jaccard(a.figures, b.figures),  # type: ignore[arg-type]
            years[0],
            _apart_and_shared(a.dates, b.dates)[1],
            *_apart_and_shared(a.weekdays, b.weekdays),
            a.outlet == b.outlet,
            abs(a.time - b.time),
        ))
    features = np.array(rows, dtype=np.float64).reshape(len(rows), _PER_PAIR)
    # Days apart beyond the first, as a share of twice the window: same-day coverage is alike.
    features[:, 8] = np.maximum(0.0, features[:, 8] - 1.0) / (2 * window)
    return features


def _apart_and_shared(a: frozenset | None, b: frozenset | None) -> tuple[bool, bool]:
    """(none alike, some alike) for two articles' marks (years, dates); both False unless both give some."""
    if not a or not b:
        return False, False
    shared = bool(a & b)
    return not shared, shared


def probabilities(features: np.ndarray) -> np.ndarray:
    """The fitted model's probability that each pair of ``features`` rows reports one event."""
    return 1.0 / (1.0 + np.exp(-(features @ PAIR_WEIGHTS + PAIR_BIAS)))
