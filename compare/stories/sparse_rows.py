"""Row-wise operations on sparse matrices that scipy lacks, vectorised for corpora of 100,000 rows."""

from __future__ import annotations

import numpy as np
from scipy import sparse

_PAIR_CHUNK = 100_000  # pairs whose row products are computed at a time: bounded temporaries


def top_per_row(rows: np.ndarray, values: np.ndarray, keep: int) -> np.ndarray:
    """Indices of the ``keep`` largest ``values`` of each row (``rows`` gives each value's row), ascending."""
    if len(values) == 0:
        return np.arange(0)
    scale = float(values.max()) + 1.0
    order = np.argsort(rows.astype(np.float64) * scale - values, kind="stable")
    sorted_rows = rows[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_rows, sorted_rows, side="left")
    return np.sort(order[rank < keep])


def keep_top_per_row(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """``matrix`` with only the ``keep`` largest (non-negative) entries of each row."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    chosen = top_per_row(rows, matrix.data, keep)
    return sparse.csr_matrix((matrix.data[chosen], (rows[chosen], matrix.indices[chosen])), shape=matrix.shape,
                             dtype=matrix.dtype)


def row_products(a: sparse.csr_matrix, b: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """``a[rows_a[k]] · b[rows_b[k]]`` for every k, computed in chunks of pairs."""
    out = np.zeros(len(rows_a), dtype=np.float64)
    for start in range(0, len(rows_a), _PAIR_CHUNK):
        stop = start + _PAIR_CHUNK
        product = a[rows_a[start:stop]].multiply(b[rows_b[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out
