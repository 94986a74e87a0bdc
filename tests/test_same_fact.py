"""The same-fact scorer on two bare sentences (compare.stories.pairs, compare.align)."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

import compare.align
from compare.stories import pairs
from compare.stories.pairs import (
    FEATURES,
    MODEL_FEATURES,
    SAME_FACT_THRESHOLD,
    fact_features,
    fact_similarity,
    model_texts,
    pair_model_features,
    same_fact,
)

PARAPHRASES = [
    ("The ferry ran aground off Dover on Monday with 140 passengers aboard.",
     "On Monday the ferry ran aground near Dover carrying 140 passengers."),
    ("Three people died in the fire, police said.", "Police said the fire killed three people."),
]
UNRELATED = [
    ("The ferry ran aground off Dover on Monday.", "Inflation rose to 6.1 percent in March."),
    ("The bridge will close for six weeks.", "The minister resigned after the vote."),
]


@pytest.mark.parametrize("module", [pairs, compare.align])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_features_have_their_documented_order_and_the_weights_fit_them():
    assert len(fact_features("a b", "a c")) == len(FEATURES)
    assert pairs._LEXICAL["w1"].shape == (len(FEATURES), 8)
    assert pairs._WITH_MODEL["w1"].shape == (len(FEATURES) + len(MODEL_FEATURES), 8)
    for params in (pairs._LEXICAL, pairs._WITH_MODEL):
        assert len(params["mean"]) == len(params["scale"]) == params["w1"].shape[0]
        assert params["b1"].shape == params["w2"].shape == (8,)
    extra = pair_model_features("Ukraine freed 400 prisoners.", "Kyiv released 400 captives.")
    assert extra is None or len(extra) == len(MODEL_FEATURES)


def test_numbers_agree_by_value_and_word_numbers_count():
    named = dict(zip(FEATURES, fact_features("Three people died.", "3 people were killed.")))
    assert named["values_equal"] == 1.0 and named["values_differ"] == 0.0
    named = dict(zip(FEATURES, fact_features("1,200 people died.", "1200 people died.")))
    assert named["values_equal"] == 1.0
    named = dict(zip(FEATURES, fact_features("Three people died.", "Four people died.")))
    assert named["values_equal"] == 0.0 and named["values_differ"] == 1.0


def test_negation_and_an_unshared_run_of_words_are_seen():
    named = dict(zip(FEATURES, fact_features("The mayor said she will run again.",
                                             "The mayor said she will not run again.")))
    assert named["negation_clash"] == 1.0
    named = dict(zip(FEATURES, fact_features("The plant closed on Friday.",
                                             "The plant closed on Friday after a fire gutted its warehouse.")))
    assert named["run_max"] == 6 and named["run_min"] == 0 and named["run_of_three"] == 1.0


def test_the_features_do_not_depend_on_the_order_of_the_sentences_beyond_the_first_block():
    a, b = PARAPHRASES[0]
    first, second = fact_features(a, b), fact_features(b, a)
    assert first[FEATURES.index("unigram_min"):] == second[FEATURES.index("unigram_min"):]


def test_model_texts_hold_what_each_sentence_adds_and_mask_what_both_name():
    only_a, only_b, masked_a, masked_b = model_texts("Police in Kyiv arrested 12 people.",
                                                     "Officers in Kyiv detained 12 people on Sunday.")
    assert only_a == "police arrested"
    assert only_b == "officers detained sunday"
    assert "Kyiv" not in masked_a and "12" not in masked_b and "someone" in masked_a and "several" in masked_b


@pytest.mark.parametrize("lexical_only", [False, True])
def test_paraphrases_pass_and_unrelated_sentences_do_not(monkeypatch, lexical_only):
    if lexical_only:
        monkeypatch.setattr(pairs, "_embedder", lambda: None)
    for a, b in PARAPHRASES:
        assert same_fact(a, b), (a, b)
        assert compare.align.same_fact(b, a)
    for a, b in UNRELATED:
        assert fact_similarity(a, b) < SAME_FACT_THRESHOLD / 2, (a, b)


def test_the_score_is_deterministic_bounded_and_honours_the_cutoff():
    a, b = PARAPHRASES[0]
    score = fact_similarity(a, b)
    assert score == fact_similarity(a, b)
    assert 0.0 <= score <= 100.0
    assert fact_similarity(a, b, score_cutoff=score + 1e-9) == 0.0
    assert fact_similarity(a, b, processor=str.lower) == pytest.approx(fact_similarity(a.lower(), b.lower()))
    assert fact_similarity("", "") == 0.0 and not same_fact("   ", "  ") and not same_fact("42", "43")
    assert np.isfinite(fact_similarity("4" * 300, "x"))
