"""The matcher's reading of each article, kept in the store so that a later run reads only its new articles.

A run that adds articles compares them with every article of the stories still open around them:
at a million articles a year, some 25,000 stored articles for 1,000 new ones, and reading their
words, names and figures again took most of the run. Each entry is keyed by the text as the
matcher reads it (after site boilerplate and roundup leads), its language, and the source of the
code that reads it: a changed text, or a changed reader, is read afresh, never taken from a stale
entry. Entries of articles older than any later run compares are dropped (the matcher's
``MatchParams.reach_days`` before the newest article matched).
"""

from __future__ import annotations

import hashlib
import inspect
import struct
import sys
from collections.abc import Callable
from functools import cache
from typing import Protocol

import numpy as np
from scipy import sparse

Row = tuple[np.ndarray, np.ndarray]  # a sparse row: column indices (int32), values (float32)


class FeatureStore(Protocol):
    """Where entries are kept (:class:`compare.store.Store` is one)."""

    def matcher_features(self, keys: list[str]) -> dict[str, bytes]: ...

    def save_matcher_features(self, entries: list[tuple[str, float, bytes]], older_than: float) -> None: ...


@cache
def reader_version() -> str:
    """A fingerprint of the code that reads an article for the matcher: entries read by other code are never used."""
    from compare import language, stopwords, text
    from compare.stories import participants, vectors

    source = "".join(inspect.getsource(module) for module in (vectors, participants, text, language, stopwords))
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


def entry_key(kind: str, title: str, text: str, language: str | None) -> str:
    """The key of one reading (``kind``) of an article's headline and text."""
    content = "\x00".join((reader_version(), kind, language or "", title, text))
    return hashlib.sha1(content.encode("utf-8")).hexdigest()


def pack(rows: list[Row], features: tuple | None = None) -> bytes:
    """One entry: an article's sparse rows (term counts, name-word counts, ...) and its features
    (:data:`compare.stories.vectors.Features`) if given."""
    described = b"" if features is None else _describe(features)
    sizes = [len(indices) for indices, _ in rows]
    return b"".join([struct.pack(f"<{len(rows) + 2}I", len(rows), len(described), *sizes),
                     *(array.astype("<i4").tobytes() + values.astype("<f4").tobytes() for array, values in rows),
                     described])


def unpack_all(entries: list[bytes], widths: list[int]) -> tuple[list[sparse.csr_matrix], list[tuple | None]]:
    """What :func:`pack` kept in each of ``entries``, read at once: a matrix per kind of row
    (``widths`` gives each one's columns), with entry k's row in row k, and each entry's
    features (None where none were kept). A run reads tens of thousands of entries: their bytes
    are joined per kind and read by numpy in one go."""
    indices: list[list[bytes]] = [[] for _ in widths]
    values: list[list[bytes]] = [[] for _ in widths]
    sizes = np.zeros((len(widths), len(entries)), dtype=np.int64)
    features: list[tuple | None] = []
    for number, entry in enumerate(entries):
        n_rows, n_described = struct.unpack_from("<II", entry)
        at = 8 + 4 * n_rows
        for kind, size in enumerate(struct.unpack_from(f"<{n_rows}I", entry, 8)):
            sizes[kind, number] = size
            indices[kind].append(entry[at:at + 4 * size])
            values[kind].append(entry[at + 4 * size:at + 8 * size])
            at += 8 * size
        features.append(_features(entry[at:].decode("utf-8")) if n_described else None)
    matrices = []
    for kind, width in enumerate(widths):
        indptr = np.zeros(len(entries) + 1, dtype=np.int64)
        np.cumsum(sizes[kind], out=indptr[1:])
        matrices.append(sparse.csr_matrix((np.frombuffer(b"".join(values[kind]), dtype="<f4"),
                                           np.frombuffer(b"".join(indices[kind]), dtype="<i4"), indptr),
                                          shape=(len(entries), width)))
    return matrices, features


def _features(described: str) -> tuple:
    # Tens of thousands per run: plain splits, and one shared empty set.
    names, figures, title_key, years, dates, weekdays, numbers = described.split(_FIELD)
    return (frozenset(names.split(_ITEM)) if names else _NONE, frozenset(figures.split(_ITEM)) if figures else _NONE,
            title_key, frozenset(map(int, years.split(_ITEM))) if years else _NONE,
            frozenset(dates.split(_ITEM)) if dates else _NONE, frozenset(weekdays.split(_ITEM)) if weekdays else _NONE,
            tuple(map(sys.intern, numbers.split(_ITEM))) if numbers else ())


_NONE: frozenset = frozenset()


# ASCII record and unit separators between the features' fields and items: no name, figure, date
# or headline key holds a control character (each is made of word characters, digits and spaces).
_FIELD, _ITEM = "\x1e", "\x1f"


def _describe(features: tuple) -> bytes:
    names, figures, title_key, years, dates, weekdays, numbers = features
    fields = [_ITEM.join(sorted(names)), _ITEM.join(sorted(figures)), title_key,
              _ITEM.join(str(year) for year in sorted(years)), _ITEM.join(sorted(dates)), _ITEM.join(sorted(weekdays)),
              _ITEM.join(numbers)]
    return _FIELD.join(fields).encode("utf-8")


class FeatureCache:
    """Entries read from and written to a :class:`FeatureStore`, for one matcher run.

    Entries are written for articles no more than ``keep_days`` older than the run's newest
    (the others no later run reads), and older ones are dropped then.
    """

    def __init__(self, store: FeatureStore, newest: float, keep_days: float):
        self._store = store
        self._oldest_kept = newest - keep_days

    def fetch(self, keys: list[str]) -> dict[str, bytes]:
        """The entries kept under these keys (missing keys are left out)."""
        return self._store.matcher_features(list(dict.fromkeys(keys)))

    def worth_keeping(self, time: float) -> bool:
        """Whether a later run may read the entry of an article of this time (in days)."""
        return time >= self._oldest_kept

    def keep(self, entries: list[tuple[str, float, bytes]]) -> None:
        """Keep entries (key, the article's time in days, entry); drop the expired ones."""
        self._store.save_matcher_features(entries, self._oldest_kept)


def row(matrix: sparse.csr_matrix, index: int) -> Row:
    """Row ``index`` of a CSR matrix as (column indices, values)."""
    start, stop = matrix.indptr[index], matrix.indptr[index + 1]
    return matrix.indices[start:stop], matrix.data[start:stop]


def stack_in_order(first: sparse.csr_matrix, first_at: list[int], second: sparse.csr_matrix,
                   second_at: list[int]) -> sparse.csr_matrix:
    """One matrix of the rows of both: row k of ``first`` at position ``first_at[k]``, row k of
    ``second`` at ``second_at[k]`` (the positions of both cover 0..n-1 once)."""
    n = len(first_at) + len(second_at)
    lengths = np.zeros(n, dtype=np.int64)
    lengths[first_at], lengths[second_at] = np.diff(first.indptr), np.diff(second.indptr)
    begins = np.zeros(n, dtype=np.int64)  # where each row's entries begin in the two matrices' entries, one after the other
    begins[first_at], begins[second_at] = first.indptr[:-1], first.nnz + second.indptr[:-1]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    taken = np.repeat(begins - indptr[:-1], lengths) + np.arange(indptr[-1])
    indices = np.concatenate([first.indices, second.indices]).astype(np.int32)[taken]
    data = np.concatenate([first.data, second.data]).astype(first.dtype)[taken]
    return sparse.csr_matrix((data, indices, indptr), shape=(n, first.shape[1]))


def read_through(keys: list[str], times: list[float], cache: FeatureCache | None,
                 read: Callable[[list[int]], tuple[list[sparse.csr_matrix], list[tuple] | None]],
                 seen: list[bool] | None = None) -> tuple[list[sparse.csr_matrix], list[tuple] | None]:
    """Sparse matrices (a row per key) and features (one per key, or None) of every key: those
    kept in ``cache`` taken from it, the others given by ``read`` (called with their positions,
    giving their rows and features in that order) and kept. Without a cache, ``read`` reads all.
    ``seen``: which keys an earlier run may have kept (None: any); the others are not looked up."""
    asked = keys if seen is None else [key for key, known in zip(keys, seen) if known]
    found = cache.fetch(asked) if cache is not None and asked else {}
    missing = [n for n, key in enumerate(keys) if key not in found] if found else list(range(len(keys)))
    matrices, features = read(missing)
    if cache is not None:
        cache.keep([(keys[n], times[n], pack([row(m, k) for m in matrices], None if features is None else features[k]))
                    for k, n in enumerate(missing) if cache.worth_keeping(times[n])])
    if len(missing) == len(keys):  # nothing was kept: the rows are in order already
        return matrices, features
    kept_at = [n for n, key in enumerate(keys) if key in found]
    kept, kept_features = unpack_all([found[keys[n]] for n in kept_at], [m.shape[1] for m in matrices])
    merged = [stack_in_order(fresh, missing, stored, kept_at) for fresh, stored in zip(matrices, kept)]
    if features is None:
        return merged, None
    every: list[tuple] = [()] * len(keys)
    for k, n in enumerate(missing):
        every[n] = features[k]
    for n, described in zip(kept_at, kept_features):
        every[n] = described  # type: ignore[assignment]
    return merged, every
