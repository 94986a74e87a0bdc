"""Participants: name words, years, dates and weekdays, and the group clash of two look-alike events."""

from __future__ import annotations

import numpy as np

from compare.stories.participants import Participants, name_words, time_marks
from compare.stories.vectors import Doc, TermStats, featurize


def test_name_words_skip_sentence_openers_calendar_words_and_headline_capitals():
    text = ("Quake Hits Coast. Rescuers said Maria Okafor was found alive in Portvale on Sunday. "
            "The quake hit the coast at dawn.")
    words = name_words(text)
    assert "maria" in words and "okafor" in words and "portvale" in words
    assert "rescuers" not in words and "the" not in words  # sentence openers
    assert "sunday" not in words
    assert "coast" not in words  # a headline's capital: the text writes "coast" in lower case


def test_years_dates_and_weekdays_as_written():
    marks = time_marks("Posted 11/27/2005. On Sunday, March 11, the court sat; on 3 Dec. it did not, as in May 2008.")
    assert marks.years == {2005, 2008}
    assert marks.dates == {"mar-11", "dec-3"}
    assert marks.weekdays == {"sunday"}
    assert time_marks("In May 2008 the rules changed.").dates == frozenset()
    assert time_marks("The 1,999 delegates and 2,050 guests").years == frozenset()


def _participants(docs: list[Doc]) -> Participants:
    counts, names = featurize(docs)
    stats = TermStats()
    stats.add(counts)
    return Participants.build(names, counts, stats.idf())


def _doc(n: int, text: str) -> Doc:
    return Doc(str(n), f"Outlet {n}", 0.0, "Title", text)


FIGHT_A = [_doc(0, "The champion Ivo Marek beat Sam Redford in Lisbon. Marek stopped Redford in the sixth round."),
           _doc(1, "Ivo Marek kept his belts by stopping Sam Redford. Redford was down twice in Lisbon.")]
FIGHT_B = [_doc(2, "The champion Ivo Marek beat Tomas Quill in Oslo. Marek stopped Quill in the ninth round."),
           _doc(3, "Ivo Marek kept his belts by stopping Tomas Quill. Quill was down three times in Oslo.")]


def test_names_missing_is_high_only_when_each_article_names_someone_the_other_does_not():
    participants = _participants([*FIGHT_A, *FIGHT_B])
    low, high = np.array([0, 0]), np.array([1, 2])
    same_fight, other_fight = participants.names_missing(low, high)
    assert same_fight < 0.2 < 0.4 < other_fight
    assert participants.name_cosine(low, high)[0] > participants.name_cosine(low, high)[1]


def test_groups_about_different_opponents_clash_and_halves_of_one_event_do_not():
    clash = _participants([*FIGHT_A, *FIGHT_B]).clash()
    assert clash([0, 1], [2, 3])
    assert not clash([0], [2])  # single articles are left to the pair scores
    same = _participants([*FIGHT_A, *FIGHT_A]).clash()
    assert not same([0, 1], [2, 3])


# Two look-alike quakes on one island: the same names, their own magnitude and toll.
QUAKE_A = [_doc(0, "A 5.4 quake hit Varnholm island, hurting 7 people, officials in Kessia said."),
           _doc(1, "Officials in Kessia said the 5.4 quake on Varnholm island hurt 7 people.")]
QUAKE_B = [_doc(2, "A 6.2 quake hit Varnholm island, killing 12 people, officials in Kessia said."),
           _doc(3, "Officials in Kessia said the 6.2 quake on Varnholm island killed 12 people.")]


def _marks(docs: list[Doc]) -> list[tuple[frozenset[int], tuple[str, ...]]]:
    return [d.event_marks() for d in docs]


def test_groups_stating_their_own_figures_clash_and_halves_of_one_event_do_not():
    docs = [*QUAKE_A, *QUAKE_B]
    assert not _participants(docs).clash()([0, 1], [2, 3])  # the names alone are alike
    clash = _participants(docs).clash(_marks(docs))
    assert clash([0, 1], [2, 3])
    assert not clash([0], [2])  # single articles are left to the pair scores
    same = [*QUAKE_A, *QUAKE_A]
    assert not _participants(same).clash(_marks(same))([0, 1], [2, 3])


def test_a_later_figure_does_not_split_an_event_whose_first_reports_share_theirs():
    later = [_doc(2, "The toll of the 5.4 quake on Varnholm island rose to 9, officials in Kessia said."),
             _doc(3, "Officials in Kessia said 9 people were hurt by the 5.4 quake on Varnholm island.")]
    docs = [*QUAKE_A, *later]
    assert not _participants(docs).clash(_marks(docs))([0, 1], [2, 3])


def test_groups_naming_their_own_year_clash():
    docs = [_doc(0, "Voters in Norvaland chose a parliament in 2011, officials said."),
            _doc(1, "The 2011 vote in Norvaland was called a sham by critics."),
            _doc(2, "Voters in Norvaland chose a parliament in 2016, officials said."),
            _doc(3, "The 2016 vote in Norvaland was called a sham by critics.")]
    assert _participants(docs).clash(_marks(docs))([0, 1], [2, 3])


def test_ages_and_spans_of_years_are_no_event_marks():
    # One arrest in an old case: some reports give the year, others count the years since.
    docs = [_doc(0, "Police in Dunmere charged a 70-year-old in the 1981 killing of Ada Brill."),
            _doc(1, "The 1981 killing of Ada Brill led to a charge in Dunmere, police said."),
            _doc(2, "Police in Dunmere charged a 71-year-old in the killing of Ada Brill 43 years ago."),
            _doc(3, "Ada Brill was killed 43 years ago; police in Dunmere made a charge on Friday.")]
    assert docs[2].event_marks()[1] == ()
    assert not _participants(docs).clash(_marks(docs))([0, 1], [2, 3])


def test_name_counts_are_the_same_in_one_process_and_in_several():
    from compare.stories.participants import _PARALLEL_NAMES, name_counts

    texts = [f"Officials said Mayor Anne Roux{n % 7} visited Brest and Quimper on day {n}."
             for n in range(_PARALLEL_NAMES)]
    alone, shared = name_counts(texts), name_counts(texts, processes=2)
    assert shared.shape == alone.shape and (shared != alone).nnz == 0
    assert name_counts([]).shape == (0, alone.shape[1])
