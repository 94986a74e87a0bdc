"""Speaker noun phrases before and after a verb."""

from __future__ import annotations

import pytest

from compare.analysis.speakers import (
    main_subject,
    speaker_after,
    strip_between,
    subject,
    trim_noun_phrase,
)


@pytest.mark.parametrize(("text", "speaker"), [
    ("Danek", "Danek"),
    ("The mayor has also", "The mayor"),
    ("the ministry last week", "the ministry"),
    ("Trump in his announcement speech", "Trump"),
    ("Dr Lena Fischer of the Institute for Security Studies in Tallinn", "Dr Lena Fischer"),
    ("a spokesman for the ministry", "a spokesman for the ministry"),
    ("the bill passed and Smith", "Smith"),
    ("This is a man who", ""),
    ("Nothing the putschists have", ""),
    ("The owner has so far", "The owner"),
    ("It came in a handwritten note", ""),
    ("Sorokina added", ""),
    ("In his speech", ""),
])
def test_the_subject_that_ends_the_text_before_a_verb(text, speaker):
    assert subject(text) == speaker


def test_empty_and_pronoun_phrases():
    assert trim_noun_phrase("Nobody") == "" and trim_noun_phrase("Some") == ""
    assert trim_noun_phrase("she") == "she"
    assert strip_between("Danek has repeatedly") == "Danek"


def test_the_speaker_after_a_verb_and_their_role():
    sentence = '"It is late," said Anna Lindqvist, an EU spokeswoman.'
    position = sentence.index("said") + len("said")
    assert speaker_after(sentence, sentence, position) == ("Anna Lindqvist", "an EU spokeswoman",
                                                           sentence.index("Anna"))
    sentence = '"Enough," fumed hotel owner Leif Berg, 63.'
    position = sentence.index("fumed") + len("fumed")
    assert speaker_after(sentence, sentence, position)[:2] == ("Leif Berg", "hotel owner")


def test_the_subject_of_the_clause_before_a_participle():
    left = "Early in his campaign, Trump attacked Romney, "
    assert main_subject(left) == ("Trump", left.index("Trump"))
