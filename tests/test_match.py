"""The matcher on hand-written cases: same event, same kind of event, wire copy, follow-ups."""

from __future__ import annotations

import random
from dataclasses import replace

import incidents
import numpy as np
import pytest
from scipy import sparse
from builders import (
    BRIDGE,
    DAY,
    ELECTION,
    FERRY_A,
    FERRY_B,
    FERRY_FOLLOW,
    FERRY_OTHER,
    STORM,
)

from compare.stories import match
from compare.stories.match import MatchParams, candidate_pairs, cluster_docs, pair_score
from compare.stories.vectors import Doc, TermStats


def cluster(docs: list[Doc], params: MatchParams = MatchParams()) -> list[set[str]]:
    ordered = sorted(docs, key=lambda d: (d.time, d.id))
    labels, _ = cluster_docs(ordered, TermStats(), params)
    groups: dict[int, set[str]] = {}
    for doc, label in zip(ordered, labels):
        groups.setdefault(label, set()).add(doc.id)
    return sorted(groups.values(), key=min)


def background() -> list[Doc]:
    """Unrelated articles, so that term statistics look like a real day's news."""
    return [Doc(f"bg{n}", "Paper", DAY + n * 0.2, s.title, s.text) for n, s in enumerate((BRIDGE, ELECTION, STORM))]


def test_same_event_in_different_words_is_one_story():
    groups = cluster([FERRY_A, FERRY_B, *background()])
    assert {"a1", "b1"} in groups


def test_same_kind_of_event_in_the_same_week_stays_apart():
    groups = cluster([FERRY_A, FERRY_B, FERRY_OTHER, *background()])
    assert not any({"c1", "a1"} <= g for g in groups)


def test_follow_up_two_days_later_joins_its_story():
    groups = cluster([FERRY_A, FERRY_B, FERRY_FOLLOW, FERRY_OTHER, *background()])
    assert {"a1", "b1", "a2"} in groups


def test_groups_are_regrouped_before_follow_ups_are_read():
    # The stories across languages are joined between average link and follow-ups: what
    # regrouping returns is what the later steps and the result build on.
    ordered = sorted([FERRY_A, FERRY_B, FERRY_OTHER, *background()], key=lambda d: (d.time, d.id))
    seen: list[list[int]] = []

    def regroup(labels: list[int]) -> list[int]:
        seen.append(list(labels))
        return [0] * len(labels)

    labels, _ = cluster_docs(ordered, TermStats(), MatchParams(), regroup=regroup)
    assert len(seen) == 1 and len(set(seen[0])) > 1
    assert set(labels) == {0}


def test_same_outlet_and_distance_lower_the_score():
    base = pair_score(FERRY_A, FERRY_B, 0.5, 4.0)
    same_outlet = Doc("x", "Wire", FERRY_B.time, FERRY_B.title, FERRY_B.text)
    later = Doc("y", "Broadcaster", FERRY_B.time + 3.5, FERRY_B.title, FERRY_B.text)
    assert pair_score(FERRY_A, same_outlet, 0.5, 4.0) < base
    assert pair_score(FERRY_A, later, 0.5, 4.0) < base
    assert pair_score(FERRY_A, FERRY_B, 0.9, 4.0) > base


def closest_pairs_by_hand(vectors: np.ndarray, times: np.ndarray, is_new: np.ndarray, window: float,
                          keep: int) -> set[tuple[int, int]]:
    """Every article's ``keep`` most similar partners (in the window, one of the pair new, cosine
    at least the matcher's floor), as pairs (i < j): what candidate_pairs must find."""
    cosine = vectors @ vectors.T
    pairs = set()
    for i in range(len(times)):
        partners = [j for j in range(len(times)) if j != i and abs(times[j] - times[i]) <= window
                    and (is_new[i] or is_new[j]) and cosine[i, j] >= match._MIN_COSINE]
        for j in sorted(partners, key=lambda j: -cosine[i, j])[:keep]:
            pairs.add((min(i, j), max(i, j)))
    return pairs


@pytest.mark.parametrize("new_share", [0.0, 0.05, 0.3, 1.0])
def test_candidate_pairs_are_each_articles_closest_partners(monkeypatch, new_share):
    # Small blocks and few neighbours, so that an old article's partners come from several blocks.
    monkeypatch.setattr(match, "_BLOCK", 7)
    monkeypatch.setattr(match, "_MAX_NEIGHBOURS", 3)
    rng = np.random.default_rng(4)
    dense = rng.random((120, 30)) * (rng.random((120, 30)) < 0.2)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    times = np.sort(rng.uniform(0, 20, 120))
    is_new = rng.random(120) < new_share
    low, high, cosine = candidate_pairs(sparse.csr_matrix(dense), times, is_new, 4.0)
    assert set(zip(low.tolist(), high.tolist())) == closest_pairs_by_hand(dense, times, is_new, 4.0, 3)
    assert np.allclose(cosine, (dense[low] * dense[high]).sum(axis=1))


def test_articles_outside_the_window_are_never_compared():
    far = Doc("far", "Broadcaster", FERRY_A.time + 10, FERRY_B.title, FERRY_B.text)
    groups = cluster([FERRY_A, far, *background()], MatchParams(follow_up_days=0.0))
    assert {"a1"} in groups and {"far"} in groups
    farther = Doc("far", "Broadcaster", FERRY_A.time + 4 + 14.5, FERRY_B.title, FERRY_B.text)
    groups = cluster([FERRY_A, farther, *background()])  # past the window and the follow-up time
    assert {"a1"} in groups and {"far"} in groups


def test_clustering_does_not_depend_on_the_order_articles_arrive_in():
    # The matcher sorts by time itself; what can differ is which articles a first run saw
    # before the others came: those are placed in stories, and a second run adds the rest.
    docs = [FERRY_A, FERRY_B, FERRY_FOLLOW, FERRY_OTHER, *background()]
    reference = cluster(docs)
    for seed in range(5):
        arrived = docs[:]
        random.Random(seed).shuffle(arrived)
        first = sorted(arrived[:4], key=lambda d: (d.time, d.id))
        labels, _ = cluster_docs(first, TermStats(), MatchParams())
        placed = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id=f"s{label}") for d, label in zip(first, labels)]
        ordered = sorted([*placed, *arrived[4:]], key=lambda d: (d.time, d.id))
        labels, _ = cluster_docs(ordered, TermStats(), MatchParams())
        groups: dict[int, set[str]] = {}
        for doc, label in zip(ordered, labels):
            groups.setdefault(label, set()).add(doc.id)
        assert sorted(groups.values(), key=min) == reference, seed


def test_existing_stories_never_merge_and_keep_their_members():
    placed = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id=sid)
              for d, sid in ((FERRY_A, "s-ferry"), (FERRY_OTHER, "s-other"))]
    ordered = sorted([*placed, FERRY_B, FERRY_FOLLOW], key=lambda d: d.time)
    labels, _ = cluster_docs(ordered, TermStats(), MatchParams())
    by_id = dict(zip([d.id for d in ordered], labels))
    assert by_id["b1"] == by_id["a1"] == by_id["a2"]
    assert by_id["c1"] != by_id["a1"]


def _climb(n: int, outlet: str, day: float, title: str, text: str) -> Doc:
    return Doc(f"m{n}", outlet, DAY + day, title, text)


# Two rescues of climbers on the same days: the same vocabulary, other people, peaks and weekdays.
RESCUE_ONE = [
    _climb(1, "Wire", 0.1, "Climbers rescued after night on mountain",
           "Mountain rescue teams brought two climbers down from Mount Arvel on Saturday after a night in a snow "
           "hole. Guide Lena Okonkwo said the pair, from Dresvik, were cold but unhurt. A helicopter from Tarrow "
           "base lifted them off the ridge."),
    _climb(2, "Broadcaster", 0.3, "Two climbers safe after night on Mount Arvel",
           "Two climbers from Dresvik spent a night in a snow hole on Mount Arvel before rescuers reached them on "
           "Saturday. Lena Okonkwo, the guide who raised the alarm, said they were unhurt. The Tarrow helicopter "
           "crew flew them to hospital for checks."),
    _climb(3, "Paper", 0.6, "Helicopter lifts stranded climbers off ridge",
           "The Tarrow rescue helicopter lifted two climbers off a ridge of Mount Arvel on Saturday. Their guide, "
           "Lena Okonkwo, said the Dresvik pair had dug a snow hole for the night and were unhurt."),
]
RESCUE_TWO = [
    _climb(4, "Wire", 0.4, "Climbers rescued after fall on mountain",
           "Mountain rescue teams brought two climbers down from Pic Soleran on Sunday after one of them fell on "
           "ice. Team leader Piet Varga said the injured climber, from Hollin, broke a leg. A helicopter from "
           "Marrow base lifted them off the glacier."),
    _climb(5, "Broadcaster", 0.7, "Injured climber airlifted from Pic Soleran",
           "An injured climber from Hollin was airlifted from Pic Soleran on Sunday after a fall on ice. Piet "
           "Varga, who led the rescue team, said he had broken a leg. The Marrow helicopter crew flew both "
           "climbers to hospital."),
    _climb(6, "Paper", 0.9, "Helicopter lifts injured climber off glacier",
           "The Marrow rescue helicopter lifted two climbers off a glacier of Pic Soleran on Sunday. Team leader "
           "Piet Varga said the Hollin climber who fell on the ice had broken a leg."),
]


def test_look_alike_events_on_the_same_days_stay_two_stories():
    groups = cluster([*RESCUE_ONE, *RESCUE_TWO, *background()])
    assert {"m1", "m2", "m3"} in groups
    assert {"m4", "m5", "m6"} in groups


def test_a_new_article_joins_the_story_whose_participants_it_names():
    placed = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id=sid)
              for docs, sid in ((RESCUE_ONE[:2], "s-one"), (RESCUE_TWO[:2], "s-two")) for d in docs]
    ordered = sorted([*placed, RESCUE_ONE[2], RESCUE_TWO[2], *background()], key=lambda d: (d.time, d.id))
    labels, _ = cluster_docs(ordered, TermStats(), MatchParams())
    by_id = dict(zip([d.id for d in ordered], labels))
    assert by_id["m3"] == by_id["m1"] != by_id["m4"] == by_id["m6"]


def _site_page(n: int, day: float, title: str, text: str) -> Doc:
    furniture = ("\nAnyone with information is asked to call the Rivertown tip line at 555-0100."
                 "\nDownload the Channel 9 app for breaking news alerts."
                 "\nCopyright 2017 Channel 9. All rights reserved.")
    return Doc(f"site{n}", "Channel 9", DAY + day, f"{title} - Channel 9 News | Rivertown", text + furniture)


def test_one_sites_boilerplate_never_joins_two_of_its_stories():
    pages = [
        _site_page(1, 0.1, "Man shot outside bar on Elm Street", "A 31-year-old man was shot outside a bar on Elm "
                   "Street early Saturday. Officers found him wounded in the leg."),
        _site_page(2, 0.4, "Teen wounded in drive-by on Oak Avenue", "A 16-year-old boy was wounded when someone "
                   "fired from a passing car on Oak Avenue on Saturday night."),
        _site_page(3, 0.9, "Council votes on road repairs", "The council approved repairs to Harbor Road."),
    ]
    groups = cluster([*pages, *background()])
    assert {"site1"} in groups and {"site2"} in groups


def test_a_roundup_joins_the_story_it_leads_with_and_bridges_no_other():
    docs = [*incidents.evening(), *background()]
    groups = cluster(docs)
    assert {"e1", "e2", "r1"} in groups
    assert {"h1", "h2"} in groups and {"m1", "m2"} in groups
    assert [d.roundup for d in docs if d.id == "r1"] == [True]
    assert not any(d.roundup for d in docs if d.id != "r1")


def test_a_roundup_matching_no_story_stands_alone():
    docs = [d for d in incidents.evening() if d.id not in ("e1", "e2")]
    groups = cluster([*docs, *background()])
    assert {"r1"} in groups and {"h1", "h2"} in groups


def test_a_roundup_never_bridges_two_single_reports():
    docs = [d for d in incidents.evening() if d.id in ("e1", "m1", "r1")]
    groups = cluster([*docs, *background()])
    assert {"e1", "r1"} in groups and {"m1"} in groups


def test_a_follow_up_past_the_window_naming_the_same_victim_and_place_joins_its_story():
    reports = [d for d in incidents.evening() if d.id in ("e1", "e2", "h1", "h2")]
    charged = incidents.doc("e3", "Courier", 24 * 12, incidents.ELM_CHARGED)  # twelve days later
    groups = cluster([*reports, charged, *background()])
    assert {"e1", "e2", "e3"} in groups and {"h1", "h2"} in groups
    groups = cluster([*reports, charged, *background()], MatchParams(follow_up_days=5.0))
    assert {"e3"} in groups  # past the window and the follow-up time set


def test_a_later_look_alike_with_other_names_stays_apart():
    reports = [d for d in incidents.evening() if d.id in ("e1", "e2")]
    other = incidents.doc("x1", "Courier", 24 * 10, incidents.OTHER_ELM)
    groups = cluster([*reports, other, *background()])
    assert {"x1"} in groups


def test_articles_no_pair_can_hold_are_not_vectorised_and_the_stories_are_the_same(monkeypatch):
    """A run adding articles reads whole open stories; members further than the window from every
    new article take part in no pair, and leaving their TF-IDF rows empty changes nothing."""
    old = [Doc(d.id, d.outlet, d.time - 6.0, d.title, d.text, story_id=f"s-{d.id}") for d in background()]
    placed = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id="s-ferry") for d in (FERRY_A,)]
    ordered = sorted([*old, *placed, FERRY_B, FERRY_FOLLOW, FERRY_OTHER], key=lambda d: (d.time, d.id))
    times = np.array([d.time for d in ordered])
    is_new = np.array([d.story_id is None for d in ordered])
    compared = match._compared_rows(times, is_new, MatchParams().window_days, np.zeros(0, int), np.zeros(0, int))
    assert not compared[[d.id.startswith("bg") for d in ordered]].any() and compared[is_new].all()
    labels, cosines = cluster_docs([replace(d) for d in ordered], TermStats(), MatchParams())
    monkeypatch.setattr(match, "_compared_rows", lambda times, *_: np.ones(len(times), dtype=bool))
    assert cluster_docs([replace(d) for d in ordered], TermStats(), MatchParams()) == (labels, cosines)
