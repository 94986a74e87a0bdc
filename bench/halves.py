"""The two halves of a data set that the benchmarks choose on (A) and report on (B)."""

from __future__ import annotations

import hashlib


def half(key: str) -> str:
    """A stable half ("A" or "B") of a data set's items, by a hash of their key."""
    return "A" if int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"
