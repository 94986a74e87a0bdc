"""Wire copy: reprints found by shared word 6-grams."""

from __future__ import annotations

from builders import DAY, FERRY_A, FERRY_B, FERRY_FOLLOW, STORM

from compare.stories.vectors import Doc
from compare.stories.wire import shared_share, shingles, wire_copies


def test_wire_copy_with_edits_and_an_added_paragraph():
    original = Doc("w", "Wire", DAY, "Talks collapse", " ".join([FERRY_A.text, FERRY_FOLLOW.text, STORM.text]))
    edited = original.text.replace("Monday evening", "Monday night").replace("said.", "said on Monday.")
    reprint = Doc("r", "Paper", DAY + 0.2, "Talks collapse", edited + " Local traders fear for the summer season.")
    unrelated = Doc("u", "Other", DAY + 0.1, FERRY_B.title, FERRY_B.text)
    copies = wire_copies([reprint, original, unrelated], min_share=0.5)
    assert set(copies) == {"r"}
    source, share = copies["r"]
    assert source == "w" and 0.6 < share < 1.0


def test_a_copy_within_one_outlet_is_not_wire_copy():
    first = Doc("1", "Wire", DAY, "T", FERRY_A.text)
    update = Doc("2", "Wire", DAY + 0.1, "T", FERRY_A.text + " Updated with the operator's statement.")
    assert wire_copies([first, update], min_share=0.5) == {}


def test_shingles_ignore_case_and_spacing():
    assert shingles("One two three four five six seven").tolist() == \
        shingles("one  two three four five six\nSEVEN").tolist()
    assert len(shingles("a b c d e f a b c d e f")) == 6  # each distinct 6-gram once
    assert shared_share(shingles("a b c d e f g"), shingles("x a b c d e f y")) == 0.5
