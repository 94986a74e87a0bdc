"""Quotation marks across sentences: spans, whole quotes, apostrophes."""

from __future__ import annotations

from compare.analysis.quotes import quoted_parts


def test_a_quote_spanning_sentences_is_whole_where_it_closes_and_where_it_opens():
    sentences = ['She said: "We will not give in.', "Never.", 'Not this year," and left.']
    parts = quoted_parts(sentences)
    whole = "We will not give in. Never. Not this year,"
    assert parts[2].quotes[0].text == whole
    assert parts[0].opens_quote is not None and parts[0].opens_quote.text == whole
    assert parts[1].spans == [(0, len("Never."))]  # all of the middle sentence is quoted
    assert parts[2].quotes[0].sentences == (0, 1, 2)


def test_curly_single_and_straight_marks_and_apostrophes():
    (curly,) = quoted_parts(["‘We will never surrender,’ Danek said, and didn’t stay."])
    assert [q.text for q in curly.quotes] == ["We will never surrender,"]
    (straight,) = quoted_parts(["'It is over,' she said of the players' union."])
    assert [q.text for q in straight.quotes] == ["It is over,"]
    (doubled,) = quoted_parts(["''Some staffer screwed up,'' said Curt Smith."])
    assert [q.text for q in doubled.quotes] == ["Some staffer screwed up,"]


def test_masked_text_keeps_offsets_and_hides_quoted_words():
    sentence = '"He said no," Vogel said.'
    (parts,) = quoted_parts([sentence])
    masked = parts.masked(sentence)
    assert len(masked) == len(sentence)
    assert "He said" not in masked and masked.endswith("Vogel said.")
    assert parts.inside(2) and not parts.inside(len(sentence) - 3)


def test_a_stray_mark_does_not_swallow_the_article():
    sentences = ['He measured 6" of snow.', *(f"Sentence {n} is plain." for n in range(10))]
    parts = quoted_parts(sentences)
    assert not parts[-1].spans
