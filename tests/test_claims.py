"""The same-claim scorer: features of sentence pairs inside one story, and the fitted probability."""

from __future__ import annotations

import numpy as np

from compare.analysis.claims import CLAIM_FEATURES, ClaimSentence, claim_features, claim_probabilities


def sentence(text: str, names: tuple[str, ...] = (), values: tuple[float, ...] = (),
             position: float = 0.0) -> ClaimSentence:
    return ClaimSentence(text, names, values, False, position)


STORY = [
    sentence("Rescuers pulled two people alive from the river on Tuesday.", values=(2.0,)),
    sentence("The governor declared a state of emergency in the city.", position=1.0),
    sentence("Two people were pulled alive from the water by rescuers on Tuesday.", values=(2.0,)),
    sentence("A state of emergency was declared in the city by the governor.", position=1.0),
]
OUTLETS = [0, 0, 1, 1]


def test_features_have_one_value_per_named_feature_and_are_symmetric():
    features = claim_features(STORY, OUTLETS, None)
    assert features.shape == (4, 4, len(CLAIM_FEATURES))
    assert np.allclose(features, features.transpose(1, 0, 2))


def test_the_closest_sentence_of_each_outlet_is_marked_both_ways():
    features = claim_features(STORY, OUTLETS, None)
    best_both = features[..., CLAIM_FEATURES.index("best_both")]
    assert best_both[0, 2] == 1.0 and best_both[1, 3] == 1.0
    assert best_both[0, 3] == 0.0 and best_both[1, 2] == 0.0


def test_the_same_claim_scores_above_a_different_claim_of_the_same_event():
    probabilities = claim_probabilities(claim_features(STORY, OUTLETS, None))
    assert probabilities[0, 2] > 0.5 and probabilities[1, 3] > 0.5
    assert probabilities[0, 3] < 0.2 and probabilities[1, 2] < 0.2


def test_numbers_that_clash_lower_the_score():
    same = [sentence("Police counted 81,000 marchers in the capital.", values=(81000.0,)),
            sentence("Police counted 81,000 marchers in the capital city.", values=(81000.0,))]
    clash = [same[0], sentence("Police counted 30,000 marchers in the capital city.", values=(30000.0,))]
    agree = claim_probabilities(claim_features(same, [0, 1], None))[0, 1]
    differ = claim_probabilities(claim_features(clash, [0, 1], None))[0, 1]
    assert agree > differ


def test_scores_one_feature_at_a_time_equal_the_full_features():
    from compare.analysis.claims import story_claim_scores

    assert np.allclose(story_claim_scores(STORY, OUTLETS, None),
                       claim_probabilities(claim_features(STORY, OUTLETS, None)), atol=1e-5)


def test_each_sentence_model_reads_its_scores_with_its_own_weights():
    from compare.analysis.claims import CLAIM_BIAS, CLAIM_WEIGHTS, MODEL_WEIGHTS, claim_weights, story_claim_scores

    assert claim_weights(None) == (CLAIM_WEIGHTS, CLAIM_BIAS)
    assert claim_weights("a-model-of-ones-own") == (CLAIM_WEIGHTS, CLAIM_BIAS)
    multilingual = next(iter(MODEL_WEIGHTS))
    assert claim_weights(multilingual) is MODEL_WEIGHTS[multilingual]
    vectors = np.eye(4, dtype=np.float32)[[0, 1, 0, 1]]  # each claim's two sentences have one vector
    default = story_claim_scores(STORY, OUTLETS, vectors)
    other = story_claim_scores(STORY, OUTLETS, vectors, model=multilingual)
    assert not np.allclose(default, other)
    assert other[0, 2] > 0.5 and other[0, 3] < 0.2
    # Without vectors the TF-IDF stands in, read with the default weights whatever model is named.
    assert np.allclose(story_claim_scores(STORY, OUTLETS, None, model=multilingual), story_claim_scores(STORY, OUTLETS, None))
