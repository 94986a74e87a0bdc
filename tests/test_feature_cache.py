"""The matcher's kept readings of articles: the same rows and features as reading afresh, never stale."""

from __future__ import annotations

import numpy as np
from builders import DAY, FERRY_A, FERRY_B, FERRY_OTHER
from scipy import sparse

from compare.stories import feature_cache, vectors
from compare.stories.feature_cache import FeatureCache, entry_key, pack, read_through, unpack_all
from compare.stories.match import MatchParams
from compare.stories.vectors import Doc, featurize

KEEP_DAYS = MatchParams().reach_days  # what the matcher keeps with its default settings
FEATURED = Doc("x", "Paper", DAY, "Port strike enters third day",
               "Dock workers in Velmora walked out on Monday, 14 March 2025, after talks with Harlan Shipping "
               "broke down. The union said 1,250 members had joined; 2024 saw a shorter strike.")


def fresh(doc: Doc) -> Doc:
    """The doc as a stored article, already in a story: one an earlier run read."""
    return Doc(doc.id, doc.outlet, doc.time, doc.title, doc.text, story_id="s1", language=doc.language)


def read(docs: list[Doc], cache: FeatureCache | None = None):
    docs = [fresh(d) for d in docs]
    counts, names = featurize(docs, cache=cache)
    features = [(d.names, d.figures, d.title_key, d.years, d.dates, d.weekdays, d.lead_numbers) for d in docs]
    return counts.toarray(), names.toarray(), features


def test_an_entry_gives_back_the_rows_and_features_it_was_made_of():
    counts, names = featurize([doc := fresh(FEATURED)])
    features = (doc.names, doc.figures, doc.title_key, doc.years, doc.dates, doc.weekdays, doc.lead_numbers)
    rows = [(m.indices, m.data) for m in (counts, names)]
    plain = [(np.array([3, 1], dtype=np.int32), np.array([2.0, 1.0], dtype=np.float32)), (np.zeros(0), np.zeros(0))]
    kept, kept_features = unpack_all([pack(rows, features), pack(plain)], [counts.shape[1], names.shape[1]])
    assert kept_features[0] == features and 2025 in features[3] and "1,250" in features[1]
    assert kept_features[1] is None
    for matrix, stored in zip((counts, names), kept):
        assert np.array_equal(stored[0].toarray(), matrix.toarray())
    assert stored[1].nnz == 0 and kept[0][1, 3] == 2.0 and kept[0][1, 1] == 1.0


def test_featurize_with_a_store_reads_each_text_once_and_gives_what_reading_afresh_gives(store, monkeypatch):
    docs = [FERRY_A, FERRY_B, FERRY_OTHER, FEATURED]
    expected = read(docs)
    first = read(docs, FeatureCache(store, newest=DAY, keep_days=KEEP_DAYS))
    assert store.conn.execute("SELECT COUNT(*) FROM matcher_features").fetchone()[0] == 4

    reading = vectors._featurize_all

    def read_none(docs: list[Doc], processes: int):
        assert not docs, "a kept article was read again"
        return reading(docs, processes)

    monkeypatch.setattr(vectors, "_featurize_all", read_none)
    second = read(docs, FeatureCache(store, newest=DAY, keep_days=KEEP_DAYS))
    for got in (first, second):
        assert np.array_equal(got[0], expected[0]) and np.array_equal(got[1], expected[1])
        assert got[2] == expected[2]


def test_a_changed_text_language_or_reader_is_read_afresh(monkeypatch):
    key = entry_key("doc", FEATURED.title, FEATURED.text, "en")
    assert key != entry_key("doc", FEATURED.title, FEATURED.text + " More.", "en")
    assert key != entry_key("doc", FEATURED.title, FEATURED.text, "es")
    assert key != entry_key("lead names", FEATURED.title, FEATURED.text, "en")
    monkeypatch.setattr(feature_cache, "reader_version", lambda: "another reader")
    assert key != entry_key("doc", FEATURED.title, FEATURED.text, "en")


def test_entries_of_articles_no_later_run_reads_are_not_kept_and_expire(store):
    old, recent = DAY - KEEP_DAYS - 1, DAY - 1

    def read_rows(positions: list[int]):
        return [_identity_rows(positions)], None

    cache = FeatureCache(store, newest=DAY, keep_days=KEEP_DAYS)
    read_through(["old", "recent"], [old, recent], cache, read_rows)
    assert [r[0] for r in store.conn.execute("SELECT key FROM matcher_features")] == ["recent"]
    later = DAY + KEEP_DAYS
    read_through(["later"], [later], FeatureCache(store, newest=later, keep_days=KEEP_DAYS), read_rows)
    assert [r[0] for r in store.conn.execute("SELECT key FROM matcher_features")] == ["later"]


def test_kept_and_fresh_rows_come_back_in_the_order_asked(store):
    cache = FeatureCache(store, newest=DAY, keep_days=KEEP_DAYS)
    read_through(["b", "d"], [DAY, DAY], cache, lambda positions: ([_identity_rows([1, 3])], None))
    asked: list[list[int]] = []

    def read_rows(positions: list[int]):
        asked.append(positions)
        return [_identity_rows(positions)], None

    (matrix,), _ = read_through(["a", "b", "c", "d"], [DAY] * 4, cache, read_rows)
    assert asked == [[0, 2]]
    assert np.array_equal(matrix.toarray(), np.eye(4, dtype=np.float32))
    # Keys no earlier run can have kept are not looked up.
    read_through(["a", "b", "c", "d"], [DAY] * 4, cache, read_rows, seen=[True, False, False, False])
    assert asked[-1] == [1, 2, 3]


def _identity_rows(positions: list[int]) -> sparse.csr_matrix:
    """Row k holds a 1 in column positions[k]: which article a row came from shows in it."""
    return sparse.csr_matrix((np.ones(len(positions), dtype=np.float32), (range(len(positions)), positions)),
                             shape=(len(positions), 4))
