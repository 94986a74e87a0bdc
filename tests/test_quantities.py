"""Quantities: numbers with their units, scales, qualifiers and ranges."""

from __future__ import annotations

import pytest

from compare.quantities import quantities, same_counted


@pytest.mark.parametrize(("text", "expected"), [
    ("F-16 jets, an A320, the G7, COVID-19 and the 1990s", []),
    ("10 m high waves", [(10.0, "metre")]),
    ("a $10m grant and 3 million people", [(1e7, "dollar"), (3e6, "people")]),
    ("thousands of people", [(2000.0, "people")]),
    ("as many as 12 Russian entities and 400 Ukrainian prisoners", [(12.0, "entity"), (400.0, "prisoner")]),
])
def test_quantities_stand_alone_and_read_their_scale(text, expected):
    assert [(q.value, q.unit) for q in quantities(text)] == expected


def test_qualified_and_vague_quantities_are_ranges():
    at_least, = quantities("at least 3 people")
    thousands, = quantities("thousands of people")
    about, = quantities("about 5,000 people")
    assert at_least.low == 3 and at_least.high == float("inf")
    assert thousands.agrees_with(about) and not thousands.agrees_with(quantities("300 people")[0])


def test_a_figure_about_another_time_is_marked():
    now, before = quantities("Six people were killed on Sunday, after 11 people were killed last autumn.")
    assert not now.other_time and before.other_time


@pytest.mark.parametrize("text", [
    "the 2014 annexation of Crimea", "the Nord Stream 2 pipeline", "a Boeing 737 jet", "since 2008, NATO said",
    "one U.S. official",
])
def test_numbers_that_name_rather_than_count_are_not_quantities(text):
    assert quantities(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("In Lyon, 245,000 marched, by the unions' count.", [(245000.0, "people", "245,000 marched")]),
    ("two rescued and six missing", [(2.0, "people", "two rescued"), (6.0, "people", "six missing")]),
    ("six construction workers are missing", [(6.0, "people", "six construction workers")]),
    ("four high-speed trains and eight main unions", [(4.0, "train", "four high-speed trains"),
                                                      (8.0, "union", "eight main unions")]),
    ("from 62 to 64, still low", []),
    ("the number of protesters nationwide at 1.28 million.", [(1.28e6, "people", "1.28 million")]),
    ("Rs 615 crore and 80 lakh viewers", [(6.15e9, "rupee", "Rs 615 crore"), (8e6, "viewer", "80 lakh viewers")]),
])
def test_what_a_number_counts(text, expected):
    assert [(q.value, q.unit, q.text) for q in quantities(text)] == expected


def test_plain_numbers_are_rounded_at_their_last_digit():
    rounded, exact, nine = (quantities(t)[0] for t in ("1.3 million people", "1,280,000 people", "nine hours"))
    assert rounded.agrees_with(exact) and nine.low > 8.5 and nine.high < 9.5
    about, plain = quantities("about 25 million people")[0], quantities("26 million people")[0]
    assert not about.agrees_with(plain)  # 24.5-25.5 million and 25.5-26.5 million only touch


def test_a_size_is_marked_with_what_it_measures():
    chamber, seats = quantities("the 577-seat chamber, where the party holds 250 seats")
    capacity, = quantities("Built to carry 10,000 containers, it sailed.")
    assert (chamber.of, seats.of, capacity.of) == ("chamber", "", "capacity")


def test_words_that_say_the_same_thing_give_the_same_context():
    (journey,) = quantities("The probe landed after a 40-day journey through space.")
    (voyage,) = quantities("The probe landed after a 41-day voyage through space.")
    assert journey.context & voyage.context


@pytest.mark.parametrize("language, sentence, expected", [
    ("es", "Murieron 1.200 personas y la reparación costará 2,5 millones de euros.",
     [("1.200 personas", 1200.0), ("2,5 millones de euros", 2_500_000.0)]),
    ("fr", "Quelque 1 200 personnes ont été évacuées.", [("1 200 personnes", 1200.0)]),
    ("de", "Die Gespräche dauerten neun Stunden und kosteten 2,5 Mio. Euro.",
     [("neun Stunden", 9.0), ("2,5 Mio. Euro", 2_500_000.0)]),
    ("ru", "Переговоры длились девять часов, погибли 1200 человек.", [("девять часов", 9.0), ("1200 человек", 1200.0)]),
    ("es", "Una persona resultó herida.", []),  # "una": an article, not a count
    # English keeps its own reading: a point is a decimal point.
    ("en", "Some 1.2 million people marched.", [("Some 1.2 million people", 1_200_000.0)]),
])
def test_numbers_are_read_as_the_sentence_s_language_writes_them(language, sentence, expected):
    assert [(q.text, q.value) for q in quantities(sentence, language)] == expected


@pytest.mark.parametrize("language, sentence, expected", [
    ("fr", "Le chômage a atteint 7,5 pour cent.", [("7,5 pour cent", 7.5, "percent")]),
    ("it", "La disoccupazione è al 7,5 per cento.", [("7,5 per cento", 7.5, "percent")]),
    ("ru", "Безработица составила 7,5 процента.", [("7,5 процента", 7.5, "percent")]),
    ("es", "Costará 3 mil millones de dólares.", [("3 mil millones de dólares", 3e9, "dólare")]),
    ("uk", "Загинули п’ять людей.", [("п’ять людей", 5.0, "людей")]),
    ("fr", "Quelque 12\u2009000 personnes ont marché.", [("12\u2009000 personnes", 12000.0, "personne")]),
    # A figure given twice keeps its own words each time.
    ("es", "Murieron 1.200 personas el lunes y otras 1 200 personas el martes.",
     [("1.200 personas", 1200.0, "persona"), ("1 200 personas", 1200.0, "persona")]),
])
def test_percent_scale_and_number_words_of_other_languages(language, sentence, expected):
    assert [(q.text, q.value, q.unit) for q in quantities(sentence, language)] == expected


@pytest.mark.parametrize(("text", "places"), [
    ("Police counted 12,000 marchers in Lyon.", [{"lyon"}]),
    ("In Lyon, where police counted 12,000 marchers, the unions claimed more.", [{"lyon"}]),
    ("About 800 soldiers remain on Chilean soil.", [{"chile"}]),
    ("Some 40,000 people marched in New York's streets on Tuesday.", [{"new york"}]),
    ("About 300 people marched on Tuesday in March.", [set()]),
    ("In Lyon, 12,000 marched, and 4,000 in Nantes.", [{"lyon"}, {"nante"}]),
])
def test_a_figure_keeps_the_place_it_is_given_for(text, places):
    assert [set(q.where) for q in quantities(text)] == places


def test_a_bare_figure_after_a_count_goes_on_counting_it():
    assert [(q.text, q.unit) for q in quantities("Police counted 9,000 marchers in Lyon and 4,500 in Nantes.")] == [
        ("9,000 marchers", "people"), ("4,500", "people")]
    assert [q.unit for q in quantities("On May 4, 12,000 were counted.")] == ["date"]


@pytest.mark.parametrize(("text", "places"), [
    ("Police in Lyon counted 12,000 marchers.", [{"lyon"}]),
    ("They booked $400,000 of airtime in Lyon, Nantes and Saint Malo.", [{"lyon", "nante", "saint malo"}]),
    ("The ad, to air in Lyon and Nantes, is costing the group $1 million.", [set()]),
])
def test_a_place_is_the_figures_own_or_its_clauses(text, places):
    assert [set(q.where) for q in quantities(text)] == places


@pytest.mark.parametrize(("text", "tally"), [
    ("The judges decided by seven votes to two.", (7, 2)),
    ("In a 6-3 ruling the court sided with the city.", (6, 3)),
    ("It passed by a vote of 52 to 48.", (52, 48)),
    ("Five of the board's seven directors backed the bid.", (5, 2)),
    ("Two of the nine justices dissented.", (7, 2)),  # the larger side first, whichever is named
])
def test_a_vote_tally_is_one_quantity(text, tally):
    found = quantities(text)
    assert [(q.unit, q.tally) for q in found] == [("vote tally", tally)]


def test_a_count_of_votes_is_not_a_tally():
    assert [(q.unit, q.tally) for q in quantities("She won 5,200 votes.")] == [("vote", ())]


@pytest.mark.parametrize(("text", "unit"), [
    ("At least nine Ruritanians were killed.", "people"),
    ("About 3,000 steelworkers walked out.", "people"),
    ("5,000 strikers marched.", "people"),
    ("12 Russian entities were listed.", "entity"),
    ("Two children were rescued.", "children"),
])
def test_nouns_of_people_count_people(text, unit):
    assert [q.unit for q in quantities(text)] == [unit]


def test_compound_nouns_count_what_their_head_counts():
    assert same_counted("airstrike", "strike") and same_counted("worker", "worker")
    assert not same_counted("strike", "striker") and not same_counted("ship", "worship")


def test_two_stated_maxima_agree_only_when_equal():
    two, less, same, plain = (quantities(t)[0] for t in (
        "fines of up to 2 million zlotys", "fines of up to 1.5 million zlotys", "fines of up to 2 million zlotys",
        "fines of 1.5 million zlotys"))
    assert not two.agrees_with(less) and two.agrees_with(same) and two.agrees_with(plain)


def test_a_figure_is_given_for_every_place_of_its_own_clause():
    found = quantities("About 3,000 steelworkers at the Acme Steel plant in Port Nowhere walked out.")
    assert set(found[0].where) == {"acme steel", "port nowhe"}
    assert [set(q.where) for q in quantities("81,000 marched in Lyon against 24,000 in Nantes.")] == [
        {"lyon"}, {"nante"}]


@pytest.mark.parametrize("text", [
    "Three of the five members of the family were hurt.", "Two of the five members were struck by a car.",
    "Three of the nine members to vote against it spoke.", "One of the nine members voted against it.",
])
def test_part_of_a_body_that_did_not_vote_is_no_tally(text):
    assert [q.unit for q in quantities(text)] == ["member"]
