"""Wire copy: articles that reprint an earlier article of another outlet, found by shared word
6-grams; and the article that best stands for a story (its medoid)."""

from __future__ import annotations

import numpy as np

from compare.stories.vectors import Doc

_SHINGLE_PRIME = np.uint64(1_000_003)


def shingles(text: str, size: int = 6) -> np.ndarray:
    """Sorted unique hashes of every run of ``size`` words, for measuring copied text.

    Hashes are combined in arrays (a polynomial over the words' hashes): building a tuple
    per 6-gram cost seconds per thousand stories. Python's string hash varies between
    processes, so compare shingles only within one.
    """
    tokens = text.lower().split()
    words = np.fromiter((hash(t) for t in tokens), dtype=np.int64, count=len(tokens)).view(np.uint64)
    if len(words) < size:
        return np.unique(np.array([hash(tuple(tokens))], dtype=np.int64).view(np.uint64))
    count = len(words) - size + 1
    combined = words[:count].copy()
    with np.errstate(over="ignore"):  # wrapping around 2**64 is the point
        for offset in range(1, size):
            combined = combined * _SHINGLE_PRIME + words[offset:offset + count]
    return np.unique(combined)


def shared_share(part: np.ndarray, whole: np.ndarray) -> float:
    """Share of the shingles ``part`` that also occur in ``whole``."""
    return len(np.intersect1d(part, whole, assume_unique=True)) / max(len(part), 1)


def wire_copies(docs: list[Doc], min_share: float, similarity: np.ndarray | None = None,
                min_cosine: float = 0.3) -> dict[str, tuple[str, float]]:
    """Within one story: article id -> (id of the earlier article it reprints, share of its text copied).

    An article reprints another when at least ``min_share`` of its word 6-grams appear in an
    earlier article from a different outlet. With a ``similarity`` matrix (cosines, in the
    order of ``docs``), pairs below ``min_cosine`` are not even compared: copies are alike.
    """
    order = sorted(range(len(docs)), key=lambda n: (docs[n].time, docs[n].id))
    grams: dict[int, np.ndarray] = {}
    found: dict[str, tuple[str, float]] = {}
    for position, later in enumerate(order):
        best: tuple[str, float] | None = None
        for earlier in order[:position]:
            if docs[earlier].outlet == docs[later].outlet or docs[earlier].id in found:
                continue
            if similarity is not None and similarity[earlier, later] < min_cosine:
                continue
            for n in (earlier, later):
                if n not in grams:
                    grams[n] = shingles(docs[n].text)
            share = shared_share(grams[later], grams[earlier])
            if share >= min_share and (best is None or share > best[1]):
                best = (docs[earlier].id, share)
        if best:
            found[docs[later].id] = (best[0], round(best[1], 3))
    return found


def medoid(similarity: np.ndarray, candidates: list[int]) -> int:
    """Of ``candidates``, the index most similar on average to all: the article that best stands for the story."""
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda n: (float(similarity[n].sum()), -n))
