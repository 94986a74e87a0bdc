"""Text units: words, proper names, numbers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.text import content_words, numbers, proper_names


def test_names_drop_job_titles_and_keep_organisations():
    text = ("Foreign Minister Petra Danek said the Bank of Veldoria and the Foreign Ministry agreed. "
            "President Tomas Reiner spoke. Mr. Steele said the U.S. Senate voted on Feb. 12.")
    assert proper_names(text) == ["Petra Danek", "Bank of Veldoria", "Foreign Ministry", "Tomas Reiner", "Steele",
                                  "U.S. Senate"]


def test_sentence_initial_capitals_are_not_names_unless_seen_inside_a_sentence():
    assert proper_names("Talks collapsed. Storms are rare.") == []
    assert proper_names("Danek spoke. Later, Danek left.") == ["Danek", "Danek"]


def test_names_after_quotes_and_datelines():
    assert proper_names('"We came," said Ingrid Halvorsen.') == ["Ingrid Halvorsen"]
    assert proper_names("SALDENBURG, March 10 (CWS) - Delegations met.") == ["CWS"]
    assert proper_names("Norlund's envoy met Karsk's. He left Norlund.") == ["Norlund", "Karsk", "Norlund"]


def test_numbers_as_written():
    assert numbers("About 1,200 people, 4.25 percent, in 2026 and 3 days.") == ["1,200", "4.25", "2026", "3"]


def test_content_words_drop_stop_words():
    assert content_words("The talks in Saldenburg were long") == ["talks", "saldenburg", "long"]


@given(st.text(max_size=300))
def test_names_never_raise_and_are_capitalised(text):
    for name in proper_names(text):
        assert name and name[0].isupper()
