"""What the matcher reads from an article: lead features, term counts, TF-IDF rows, its clock."""

from __future__ import annotations

import numpy as np
import pytest
from builders import DAY, FERRY_A, FERRY_B, STORM
from scipy import sparse

from compare.stories.vectors import (
    N_FEATURES,
    Doc,
    TermStats,
    _stack_rows,
    days,
    featurize,
    term_counts,
    tfidf,
    tfidf_of_rows,
)


def test_features_come_from_the_lead():
    doc = Doc("x", "Paper", DAY, "Port strike enters third day",
              "Dock workers in Velmora walked out on Monday, 14 March 2025, after talks with Harlan Shipping "
              "broke down. The union said 1,250 members had joined. Two cranes stood idle.")
    featurize([doc])
    assert "harlan shipping" in doc.names
    assert "1,250" in doc.figures and "14" not in doc.figures  # two-digit numbers are everywhere
    assert 2025 in doc.years and "monday" in doc.weekdays
    assert "mar-14" in doc.dates
    assert doc.title_key == "port strike enters day"  # content words only


def test_features_are_not_recomputed_for_a_doc_that_has_them():
    doc = Doc("x", "Paper", DAY, "Port strike", "Dock workers walked out.")
    doc.names = frozenset({"kept as given"})
    featurize([doc])
    assert doc.names == frozenset({"kept as given"})


def test_term_stats_accumulate_documents_not_occurrences():
    stats = TermStats()
    counts = term_counts([FERRY_A, FERRY_B])
    stats.add(counts)
    assert stats.n_docs == 2
    assert stats.df.max() <= 2
    assert stats.idf().dtype == np.float32 and stats.idf().min() >= 1.0
    stats.add(term_counts([STORM]), rows=np.array([False]))  # masked out: nothing counted
    assert stats.n_docs == 2


def test_tfidf_rows_are_unit_length_and_share_the_event_words():
    docs = [FERRY_A, FERRY_B, STORM]
    counts = term_counts(docs)
    stats = TermStats()
    stats.add(counts)
    vectors = tfidf(counts, stats)
    assert vectors.shape[0] == 3 and vectors.shape[1] <= N_FEATURES
    np.testing.assert_allclose(sparse.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    cosine = (vectors @ vectors.T).toarray()
    assert cosine[0, 1] > cosine[0, 2] and cosine[0, 1] > cosine[1, 2]


def test_tfidf_drops_words_in_over_a_third_of_many_documents():
    common = [Doc(f"c{n}", "Paper", DAY, f"Headline {n}", f"the council met again topic{n} quietly")
              for n in range(60)]
    counts = term_counts(common)
    stats = TermStats()
    stats.add(counts)
    vectors = tfidf(counts, stats)
    # Every word but each one's own topic word is in every document.
    assert all(vectors[row].nnz == 1 for row in range(60))


def test_tfidf_of_some_rows_gives_those_rows_as_tfidf_of_all_does_and_leaves_the_others_empty():
    docs = [FERRY_A, FERRY_B, STORM]
    counts = term_counts(docs)
    stats = TermStats()
    stats.add(counts)
    every, some = tfidf(counts, stats), tfidf_of_rows(counts, stats, np.array([True, False, True]))
    assert some.shape[0] == 3 and some[1].nnz == 0
    assert np.isclose((some[0] @ some[2].T).toarray(), (every[0] @ every[2].T).toarray()).all()
    assert np.isclose(sparse.linalg.norm(some[[0, 2]], axis=1), 1.0).all()


def test_stacked_rows_equal_vstack():
    rng = np.random.default_rng(3)
    parts = [sparse.random(rows, 50, density=0.2, format="csr", dtype=np.float32, random_state=rng)
             for rows in (3, 0, 5)]
    expected = sparse.vstack(parts).toarray()
    assert np.array_equal(_stack_rows(list(parts), 50).toarray(), expected)
    assert _stack_rows([], N_FEATURES).shape == (0, N_FEATURES)


@pytest.mark.parametrize("moment", ["2025-03-14T12:00:00+00:00", "2025-03-14T12:00:00", "2025-03-14T14:00:00+02:00"])
def test_days_reads_naive_times_as_utc(moment):
    assert days(moment) == pytest.approx(days("2025-03-14T12:00:00Z"))


def test_listing_stories_loads_no_scikit_learn():
    """scikit-learn (most of a second to import) loads when articles are counted, not with the modules."""
    import subprocess
    import sys

    code = ("import sys, compare.stories.assign, compare.stories.vectors, compare.stories.participants, compare.text; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
    assert term_counts([Doc("x", "Paper", DAY, "Port strike", "Dock workers walked out.")]).nnz > 0


def test_token_pattern_finds_the_words_of_the_plain_word_boundary_pattern():
    import random
    import re

    from compare.stories.vectors import TOKEN_PATTERN

    plain = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b")
    fast = re.compile(TOKEN_PATTERN)
    rng = random.Random(5)
    alphabet = "ab Zé_1²'-.,\n\t'’ΩЖ中"
    texts = ["rock'n'roll -a- a-b 'tis x2 2x _ab ab_ é1 ²a a² it's -- ' word' Über-Größe 中文 Ж"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert fast.findall(text) == plain.findall(text), text


def test_function_words_of_an_article_in_another_language_are_not_terms():
    text = "Il consiglio della città ha approvato il bilancio della regione per il prossimo anno."
    plain, italian = (Doc(str(n), "Gazzetta", 0.0, "Bilancio approvato", text, language=language)
                      for n, language in enumerate((None, "it")))
    counts = term_counts([plain, italian])
    assert counts[1].sum() < counts[0].sum()  # "il", "della", "per" ... no longer counted
    english = Doc("en", "Wire", 0.0, "Budget approved", "The council of the city approved the budget.")
    assert (term_counts([english]) != term_counts([Doc("en", "Wire", 0.0, english.title, english.text,
                                                       language="en")])).nnz == 0
