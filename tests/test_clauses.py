"""A sentence's claims: cut at a clause of its own, never inside a list, a quote or one speaker's claim."""

from __future__ import annotations

import pytest

from compare.analysis.clauses import clause_spans


def pieces(sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in clause_spans(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The ministry says 14 drones were shot down, but several struck a school near the station.",
     ["The ministry says 14 drones were shot down", "several struck a school near the station."]),
    ("Veldoria says at least 1,200 civilians have been killed; the other side has published no figure.",
     ["Veldoria says at least 1,200 civilians have been killed", "the other side has published no figure."]),
    ("The talks ended without a deal on Tuesday night, as the fighting continued along the river front.",
     ["The talks ended without a deal on Tuesday night", "the fighting continued along the river front."]),
])
def test_two_claims_are_cut_at_the_clause_that_starts_the_second(sentence, expected):
    assert pieces(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # a list of things, not a clause
    "The storm closed schools, roads and airports across the north, and power lines in three provinces.",
    # one speaker's two statements: "and that" goes on with the same subject
    "The mayor said the bridge would reopen within a month, and that the repairs would cost two million.",
    # the second side opens with a verb: the same subject goes on
    "The central bank raised its key rate to 4.25 percent on Thursday, and said further rises might follow soon.",
    # "as well as" joins things, not claims
    "The company cut its prices in every market, as well as the fees it charges for late deliveries.",
    # inside a quotation
    '"We will rebuild the bridge, and we will do it faster than anyone expects," the governor said on Tuesday.',
    # too short to hold a claim on each side
    "Prices rose, but wages did not.",
])
def test_a_sentence_with_one_claim_stays_whole(sentence):
    assert pieces(sentence) == [sentence]


def test_spans_cover_each_side_without_its_joining_word():
    sentence = "Officials counted 81,000 marchers in the capital, while the unions said 700,000 people marched."
    (a, b), (c, d) = clause_spans(sentence)
    assert sentence[a:b].endswith("capital") and sentence[c:d].startswith("the unions")
    assert "while" not in sentence[a:b] + sentence[c:d]


def test_a_by_phrase_after_a_comma_is_a_claim_of_its_own():
    sentence = "Five of the seven board members backed the plan, drafted by deputy mayor Ilse Varga."
    assert [sentence[a:b] for a, b in clause_spans(sentence)] == [
        "Five of the seven board members backed the plan", "drafted by deputy mayor Ilse Varga."]
    # Not inside the subject it describes, nor without a named agent.
    kept = "The plan, drafted by deputy mayor Ilse Varga, was backed by five of the seven members."
    assert clause_spans(kept) == [(0, len(kept))]
    plain = "Five of the seven board members backed the plan, signed by most of them last week."
    assert clause_spans(plain) == [(0, len(plain))]
    going_on = "Five of the seven board members backed the plan, drafted by Ilse Varga, and the mayor signed it on Friday."
    assert [going_on[a:b] for a, b in clause_spans(going_on)] == [
        "Five of the seven board members backed the plan, drafted by Ilse Varga", "the mayor signed it on Friday."]
