"""Row-wise sparse helpers: the largest entries of each row, and products of chosen row pairs."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from compare.stories.sparse_rows import keep_top_per_row, row_products, top_per_row


def test_top_per_row_keeps_the_largest_values_of_each_row_in_order():
    rows = np.array([0, 0, 0, 1, 1])
    values = np.array([0.1, 0.9, 0.5, 0.3, 0.2])
    assert top_per_row(rows, values, 2).tolist() == [1, 2, 3, 4]
    assert top_per_row(rows[:0], values[:0], 2).tolist() == []


def test_keep_top_per_row_and_row_products():
    matrix = sparse.csr_matrix(np.array([[1.0, 3.0, 2.0], [0.0, 1.0, 0.0]]))
    top = keep_top_per_row(matrix, 2).toarray()
    assert top.tolist() == [[0.0, 3.0, 2.0], [0.0, 1.0, 0.0]]
    products = row_products(matrix, matrix, np.array([0, 0, 1]), np.array([0, 1, 1]))
    assert products.tolist() == [14.0, 3.0, 1.0]
