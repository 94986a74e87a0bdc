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


def test_many_pairs_at_once_read_each_pair_as_it_alone_would_be_read():
    """Set features (shared share, apart, shared) of every pair, computed at once, are each pair's own."""
    docs = [Doc(str(n), f"Outlet {n % 2}", n * 0.7, "Quake strikes", text)
            for n, text in enumerate([QUAKE, SAME_QUAKE, OTHER_QUAKE, "Nothing named here at all."])]
    counts, names = featurize(docs)
    stats = TermStats()
    stats.add(counts)
    participants = Participants.build(names, counts, stats.idf())
    low, high = np.array([0, 0, 0, 1, 1, 2]), np.array([1, 2, 3, 2, 3, 3])
    together = pair_features(docs, participants, low, high, np.full(6, 0.3), 4.0, workers=2)
    for k, (i, j) in enumerate(zip(low, high)):
        alone = pair_features([docs[i], docs[j]], Participants.build(names[[i, j]], counts[[i, j]], stats.idf()),
                              np.array([0]), np.array([1]), np.array([0.3]), 4.0)
        a, b = docs[i], docs[j]
        named = dict(zip(PAIR_FEATURES, together[k]))
        union = a.names | b.names
        assert named["shared_name_phrases"] == (len(a.names & b.names) / len(union) if union else 0.0)
        assert named["weekdays_apart"] == float(bool(a.weekdays and b.weekdays and not a.weekdays & b.weekdays))
        assert named["same_outlet"] == float(a.outlet == b.outlet)
        assert named["days_apart"] == max(0.0, abs(a.time - b.time) - 1.0) / 8.0
        for name in ("headline", "shared_name_phrases", "shared_figures", "years_apart", "dates_shared",
                     "weekdays_apart", "weekdays_shared", "same_outlet", "days_apart"):
            assert named[name] == alone[0, PAIR_FEATURES.index(name)], (k, name)


def test_docs_in_no_pair_change_nothing():
    """Only the docs of some pair are read: others beside them leave every feature as it was."""
    texts = [QUAKE, SAME_QUAKE, OTHER_QUAKE, "Nothing named here at all.", "Port Alsey mourns on Tuesday."]
    docs = [Doc(str(n), f"Outlet {n % 3}", n * 0.5, f"Quake {n}", text) for n, text in enumerate(texts)]
    counts, names = featurize(docs)
    stats = TermStats()
    stats.add(counts)
    participants = Participants.build(names, counts, stats.idf())
    low, high, cosine = np.array([1, 2]), np.array([2, 4]), np.array([0.4, 0.2])
    among_all = pair_features(docs, participants, low, high, cosine, 4.0)
    kept = [1, 2, 4]  # the docs of the pairs alone, their names weighed by all five's term statistics
    among_their_own = pair_features([docs[k] for k in kept], Participants.build(
        names[kept], counts[kept], stats.idf()), np.array([0, 1]), np.array([1, 2]), cosine, 4.0)
    assert np.array_equal(among_all, among_their_own)
