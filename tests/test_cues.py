"""Reporting verbs: every form of a lemma is a cue, and nothing else is."""

from __future__ import annotations

from compare.analysis.cues import CUE_LEMMA, cue_matches


def test_regular_and_irregular_forms_lead_to_their_lemma():
    assert CUE_LEMMA["said"] == CUE_LEMMA["says"] == CUE_LEMMA["saying"] == "say"
    assert CUE_LEMMA["denied"] == CUE_LEMMA["denies"] == "deny"
    assert CUE_LEMMA["noted"] == CUE_LEMMA["noting"] == "note"
    assert CUE_LEMMA["sought"] == "seek" and CUE_LEMMA["wrote"] == "write"


def test_the_cue_pattern_finds_whole_words_and_according_to():
    text = "According to aides, she tweeted, then resaid nothing and pointed out the sayings."
    assert [m.group(0) for m in cue_matches(text)] == ["According to", "tweeted", "pointed out"]


def test_cues_in_any_case_tell_a_verb_from_a_phrase():
    matches = list(cue_matches("Officials SAID it was over, according to the memo; said2 and _said are not words."))
    assert [(m.group(0), bool(m.group("verb")), bool(m.group("phrase"))) for m in matches] == [
        ("SAID", True, False), ("according to", False, True)]
