"""The same-event probability of a pair: what it shares counts for it, what sets it apart against it."""

from __future__ import annotations

import numpy as np

from compare.stories.pair_scores import (
    PAIR_FEATURES,
    PAIR_WEIGHTS,
    pair_features,
    probabilities,
)
from compare.stories.participants import Participants
from compare.stories.vectors import Doc, TermStats, featurize

QUAKE = ("A magnitude 6.1 earthquake struck Verrano province on Sunday, killing 12 people, officials in the "
         "provincial capital Castel Mira said. Rescuers searched collapsed homes in Castel Mira.")
SAME_QUAKE = ("Rescuers in Castel Mira dug through rubble on Sunday after a 6.1 earthquake hit Verrano province. "
              "Officials said 12 people died.")
OTHER_QUAKE = ("A magnitude 5.2 earthquake struck Dunmoor province on Tuesday, injuring five people, officials in "
               "Port Alsey said. Rescuers searched damaged homes in Port Alsey.")


def _features(first: str, second: str, **changes: object) -> np.ndarray:
    a = Doc("a", "Outlet A", 0.0, "Earthquake strikes province", first)
    b = Doc("b", "Outlet B", 0.2, "Earthquake hits province", second)
    for name, value in changes.items():
        setattr(b, name, value)
    counts, names = featurize([a, b])
    stats = TermStats()
    stats.add(counts)
    participants = Participants.build(names, counts, stats.idf())
    return pair_features([a, b], participants, np.array([0]), np.array([1]), np.array([0.3]), 4.0)


def test_features_have_their_documented_order():
    row = _features(QUAKE, SAME_QUAKE)[0]
    named = dict(zip(PAIR_FEATURES, row))
    assert len(row) == len(PAIR_FEATURES) == len(PAIR_WEIGHTS)
    assert named["cosine"] == 0.3
    assert named["weekdays_shared"] == 1.0 and named["weekdays_apart"] == 0.0
    assert named["same_outlet"] == 0.0 and named["days_apart"] == 0.0


def test_a_look_alike_event_with_other_people_places_and_days_scores_lower():
    same = probabilities(_features(QUAKE, SAME_QUAKE))[0]
    other = probabilities(_features(QUAKE, OTHER_QUAKE))[0]
    assert same > 0.5 > other
    row = dict(zip(PAIR_FEATURES, _features(QUAKE, OTHER_QUAKE)[0]))
    assert row["weekdays_apart"] == 1.0 and row["names_missing"] > 0.5


def test_evidence_against_a_merge_lowers_the_probability_and_evidence_for_it_raises_it():
    base = _features(QUAKE, SAME_QUAKE)
    for name in ("years_apart", "weekdays_apart", "same_outlet", "days_apart", "names_missing"):
        changed = base.copy()
        changed[0, PAIR_FEATURES.index(name)] = 1.0
        assert probabilities(changed)[0] < probabilities(base)[0], name
    base = _features(QUAKE, OTHER_QUAKE)  # unlikely, so that evidence for a merge can show
    for name in ("shared_name_phrases", "name_cosine", "dates_shared", "shared_figures"):
        changed = base.copy()
        changed[0, PAIR_FEATURES.index(name)] = 1.0
        assert probabilities(changed)[0] > probabilities(base)[0], name
