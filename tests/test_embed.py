"""Sentence vectors from the packaged model: unit vectors, meaning over wording, no network."""

from __future__ import annotations

import numpy as np
import pytest

from compare.embed import describe, load_embedder, text_key
from compare.errors import ConfigError

EMBEDDER = load_embedder("auto")
needs_model = pytest.mark.skipif(EMBEDDER is None, reason="no sentence model installed")


@needs_model
def test_vectors_are_unit_length_in_input_order():
    sentences = ["Russia launched a full-scale invasion of Ukraine.", "It rained.", ""]
    vectors = EMBEDDER.embed(sentences)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-4)
    assert np.allclose(EMBEDDER.embed(sentences[1:2])[0], vectors[1], atol=1e-4)


@needs_model
def test_a_paraphrase_is_closer_than_a_sentence_that_shares_its_words():
    a, b, c = EMBEDDER.embed(["The ferry ran aground off Dover with 140 passengers aboard.",
                              "A ship carrying 140 people got stuck near Dover.",
                              "Dover council approved plans for 140 new homes aboard former ferry sites."])
    assert a @ b > a @ c


def test_none_means_the_lexical_scorer_and_bad_names_are_config_errors(tmp_path):
    assert load_embedder("none") is None
    assert "lexical" in describe(None)
    with pytest.raises(ConfigError, match="model.onnx and tokenizer.json"):
        load_embedder(str(tmp_path))


def test_keys_depend_on_model_and_text():
    assert text_key("a", "m1") != text_key("a", "m2") != text_key("b", "m1")
    assert text_key("a", "m1") == text_key("a", "m1")
