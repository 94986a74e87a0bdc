"""Conflicting figures: the same counted thing, read as ranges, of the story's own time."""

from __future__ import annotations

import csv
import json

import pytest

from compare.analysis.figures import fact_discrepancies, story_discrepancies
from compare.cli import main
from compare.quantities import quantities


def disputes(*sentences: str) -> list[tuple[str, dict[str, str]]]:
    found = fact_discrepancies(1, [(f"O{n}", s, quantities(s)) for n, s in enumerate(sentences)])
    return [(d.unit, {o: q.text for o, (q, _) in d.values.items()}) for d in found]


@pytest.mark.parametrize(("a", "b"), [
    ("The air force will buy F-16 fighters.", "The air force will buy F-35 fighters."),
    ("An A320 landed.", "An A330 landed."),
    ("COVID-19 cases rose at the G7 summit.", "COVID-18 cases rose at the G8 summit."),
    ("At least 3 people died.", "At least 4 people died."),
    ("Thousands of people marched.", "About 5,000 people marched."),
    ("Hundreds of homes were damaged.", "About 400 homes were damaged."),
    ("Six people were killed on Sunday.", "Six people were killed, after 11 people were killed last autumn."),
    ("Six people were killed on Sunday.", "Six people were killed; 11 people died there in 2014."),
    ("The bank put its key rate at 4.25 percent.", "Growth slowed to 0.6 percent."),
    ("At least three people died.", "Four people died."),
    ("Nearly 500 prisoners could be freed.", "Up to 500 prisoners could be freed."),
])
def test_figures_that_can_both_be_true_are_not_disputed(a, b):
    assert disputes(a, b) == []


@pytest.mark.parametrize(("a", "b", "unit"), [
    ("Inflation rose to 6.1 percent in March, while the key rate stayed at 4.25 percent.",
     "Inflation reached 6.4 percent in March; the key rate is 4.25 percent.", "percent"),
    ("The meeting lasted nine hours.", "The meeting lasted more than 12 hours.", "hour"),
    ("Ukraine proposed an exchange of 400 prisoners.", "Ukraine offered to swap nearly 500 prisoners.", "prisoner"),
    ("Thousands of people marched.", "About 300 people marched.", "people"),
    ("The package is worth $1.8 billion.", "The package is worth $2.5 billion.", "dollar"),
])
def test_figures_that_cannot_both_be_true_are_disputed(a, b, unit):
    found = disputes(a, b)
    assert [u for u, _ in found] == [unit], found
    assert set(found[0][1]) == {"O0", "O1"}


def test_one_row_per_disputed_quantity_with_every_outlets_value():
    found = disputes("Talks lasted nine hours.", "Talks lasted 12 hours.", "Talks lasted nine hours.")
    assert found == [("hour", {"O0": "nine hours", "O1": "12 hours", "O2": "nine hours"})]


def story(*rows: list[str]) -> list[tuple[str, dict[str, str]]]:
    """story_discrepancies on fact rows of sentences, outlet On for the n-th sentence of a row."""
    facts = [(n, [(f"O{k}", s, quantities(s)) for k, s in enumerate(row) if s]) for n, row in enumerate(rows, 1)]
    return [(d.unit, {o: q.text for o, (q, _) in d.values.items()}) for d in story_discrepancies(facts)]


@pytest.mark.parametrize(("a", "b"), [
    ("Nearly 40 percent of voters backed the plan.", "39.6 percent of voters backed the plan."),
    ("About 1.3 million people marched.", "Police said 1,280,000 people marched."),
    ("1.3 million people marched on Tuesday.", "1,280,000 people marched on Tuesday."),
    ("More than 30 people were hurt.", "35 people were hurt."),
    ("The deal is worth 6.15 billion rupees.", "The deal is worth Rs 615 crore."),
])
def test_rounding_other_scales_and_open_wording_agree(a, b):
    assert disputes(a, b) == []


@pytest.mark.parametrize(("a", "b", "unit"), [
    ("About 25 million people live in the country.", "A country of 26 million people.", "people"),
    ("The trip took 40 days.", "The trip took 41 days.", "day"),
    ("Nearly 2,000 French soldiers are based there.", "France keeps about 1,500 troops there.", "troop"),
    ("In Lyon, police counted 30,000 marchers.", "In Lyon, 245,000 marched.", "people"),
])
def test_close_or_differently_worded_counts_of_one_thing_are_disputed(a, b, unit):
    assert [u for u, _ in disputes(a, b)] == [unit]


@pytest.mark.parametrize(("a", "b"), [
    ("The party won 250 seats in the 577-seat chamber.", "The party won 250 seats."),
    ("The 577-seat chamber votes on Friday.", "The party holds 250 seats."),
    ("Two children were rescued and six are missing.", "Six people were rescued and six are missing."),
    ("Two people were rescued and six missing.", "Six missing, officials said."),
    ("The ship was carrying 4,700 containers.", "Built to carry 10,000 containers, the ship sailed."),
    ("She won 39 percent in the first round in December 2020.", "She won 55.7 percent of the vote."),
])
def test_a_size_another_claim_or_another_time_is_not_the_same_quantity(a, b):
    assert disputes(a, b) == []


def test_an_outlet_stating_the_quantity_in_another_row_joins_the_dispute_once():
    found = story(
        ["In Lyon, police counted 30,000 marchers.", "In Lyon, 245,000 marched, the unions said.", ""],
        ["", "", "Police counted 30,000 marchers in Lyon on Tuesday."],
        ["In Lyon, police counted 30,000 marchers.", "In Lyon, 245,000 marched, the unions said."],
    )
    assert found == [("people", {"O0": "30,000 marchers", "O1": "245,000 marched", "O2": "30,000 marchers"})]


def test_a_value_of_another_place_does_not_join():
    found = story(["In Lyon, police counted 30,000 marchers.", "In Lyon, 245,000 marched."],
                  ["", "", "In Nantes, police counted 12,000 marchers."])
    assert found == [("people", {"O0": "30,000 marchers", "O1": "245,000 marched"})]


def test_the_readme_example_through_an_import(tmp_path):
    """Two outlets, one story: "nine hours" against "more than 12 hours" is one conflicting figure."""
    common = ("Surgeons at the Northfield hospital separated the twin girls on Monday, the hospital said. "
              "The girls were born joined at the hip in March. Their parents thanked the medical team. ")
    articles = [{"outlet": "First Outlet", "url": "https://first.example/twins", "title": "Twins separated",
                 "published": "2024-05-06T10:00:00Z", "text": common + "The operation took nine hours."},
                {"outlet": "Second Outlet", "url": "https://second.example/twins", "title": "Twins separated",
                 "published": "2024-05-06T11:00:00Z", "text": common + "The operation lasted more than 12 hours."}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    db = str(tmp_path / "t.db")
    for command in (["import", str(source)], ["match"], ["analyse"], ["export", "--out", str(tmp_path / "out")]):
        assert main(["--db", db, *command]) == 0
    with open(tmp_path / "out" / "discrepancies.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["outlet"], r["value"], r["unit"]) for r in rows} == {
        ("First Outlet", "nine hours", "hour"), ("Second Outlet", "more than 12 hours", "hour")}
    assert len({r["fact_id"] for r in rows}) == 1


def test_a_dispute_is_filed_under_the_row_it_was_found_in():
    from compare.quantities import quantities as found_in

    first = [("C", "C1", found_in("Officials said 300 prisoners could be exchanged under the plan."))]
    second = [("A", "A2", found_in("The plan would exchange 400 prisoners.")),
              ("B", "B2", found_in("The plan would exchange 250 prisoners."))]
    disputes = story_discrepancies([(1, first), (2, second)], near=lambda a, b: True)
    assert [d.fact_id for d in disputes] == [2]
    assert set(disputes[0].values) == {"A", "B", "C"}  # C joined from row 1, which does not make it row 1's


def test_two_places_counts_in_one_row_are_two_disputes():
    found = story(["In Lyon, police counted 9,000 marchers.", "In Nantes, where police counted 4,000 marchers, "
                   "the unions saw more.", "In Nantes, 30,000 marched, the unions said."],
                  ["", "", "In Lyon alone, 60,000 people took to the streets."])
    assert found == [("people", {"O1": "4,000 marchers", "O2": "30,000 marched"}),
                     ("people", {"O0": "9,000 marchers", "O2": "60,000 people"})]
    facts = [(n, [(f"O{k}", s, quantities(s)) for k, s in enumerate(row) if s]) for n, row in enumerate(
        [["In Lyon, police counted 9,000 marchers.", "In Nantes, police counted 4,000 marchers.",
          "In Nantes, 30,000 marched."], ["", "", "In Lyon alone, 60,000 people marched."]], 1)]
    assert sorted(d.fact_id for d in story_discrepancies(facts)) == [1, 2]  # each its own row


def test_one_sentence_giving_two_places_counts_disputes_each_place_apart():
    found = story(["Police counted 9,000 marchers in Lyon and 4,000 in Nantes.", "In Nantes, 30,000 marched."])
    assert found == [("people", {"O0": "4,000", "O1": "30,000 marched"})]


def test_counts_of_one_place_that_alignment_left_apart_are_disputed():
    found = story(["About 800 soldiers are stationed in Chile."], ["", "Nearly 1,200 troops remain on Chilean soil."])
    assert found == [("troop", {"O0": "About 800 soldiers", "O1": "Nearly 1,200 troops"})]


@pytest.mark.parametrize(("first", "second"), [
    # what befell them: those arrested are not those who marched
    ("In Lyon, 22 people were arrested.", "In Lyon, 60 people marched."),
    # orders of magnitude apart: not one count
    ("In Lyon, 9 people marched.", "In Lyon, 60,000 people took to the streets."),
    # a bare unit says nothing of what is counted
    ("In Lyon, turnout was 40 percent.", "Unemployment in Lyon stands at 8 percent."),
])
def test_counts_of_one_place_in_other_claims_are_not_disputed(first, second):
    assert story([first], ["", second]) == []


def test_an_outlet_giving_one_place_two_counts_starts_no_dispute_across_rows():
    found = story(["In Lyon, 9,000 people marched.", ""], ["", "In Lyon, 60,000 people marched."],
                  ["In Lyon, 400 people joined a second march.", ""])
    assert found == []


@pytest.mark.parametrize(("a", "b", "unit"), [
    # a compound's head and a noun of people on strike count one crowd
    ("About 3,200 dockworkers walked out at the Zenith yard in Eastwick.", "5,000 strikers gathered in Eastwick.",
     "people"),
    # people named by where they are from, and one fate in other words
    ("A drone strike on the village killed six people.", "At least nine innocent Ruritanians were slaughtered.",
     "people"),
    ("Two workers were rescued and six are missing.", "Six people were rescued and six are missing.", "people"),
    # two stated maxima of one penalty
    ("The law allowed fines of up to 2 million zlotys.", "It let officials impose fines of up to 1.5 million zlotys.",
     "zloty"),
    # a vote's tally, written two ways
    ("The council approved the plan by five votes to four.", "Six of the nine councillors voted for the plan.",
     "vote tally"),
])
def test_one_count_named_or_worded_differently_is_disputed(a, b, unit):
    assert [u for u, _ in disputes(a, b)] == [unit]


@pytest.mark.parametrize(("a", "b"), [
    ("Two children were killed in the strike.", "Six people were killed in the strike."),  # a part of the count
    ("The law allowed fines of up to 2 million zlotys.", "A fine of 1.5 million zlotys was imposed."),
    ("The law allowed fines of up to 2 million zlotys.", "Fines could reach up to 2 million zlotys."),
    ("The council approved the plan by five votes to four.", "Five of the nine councillors backed the plan."),
    ("The council approved the plan by five votes to four.", "Four of the nine councillors opposed the plan."),
    ("The court ruled 6-3 in her favour.", "The justices split six votes to three."),
])
def test_the_same_count_in_other_words_is_not_disputed(a, b):
    assert disputes(a, b) == []


def test_a_vote_tally_that_alignment_left_apart_is_disputed():
    found = story(["The judges decided by seven votes to two.", ""], ["", "By six votes to three, the judges agreed."],
                  ["", "", "Seven of the nine judges backed the ruling."])
    assert found == [("vote tally", {"O0": "seven votes to two", "O1": "six votes to three",
                                     "O2": "Seven of the nine judges"})]


@pytest.mark.parametrize("rows", [
    # two bodies: a committee of nine and a chamber of 100
    [["The committee backed it by seven votes to two.", ""], ["", "The Senate passed it 52-48."]],
    # an outlet giving two tallies of one size tells of two votes
    [["The first amendment passed by seven votes to two.", ""], ["", "The judges split six votes to three."],
     ["", "A second amendment passed by six votes to three, after one failed by seven votes to two."]],
])
def test_tallies_of_other_votes_are_not_disputed_across_rows(rows):
    assert story(*rows) == []


def test_one_fate_in_other_words_at_one_place_across_rows_is_disputed():
    found = story(["In Eastwick, six people were killed.", ""], ["", "In Eastwick, nine people died overnight."])
    assert found == [("people", {"O0": "six people", "O1": "nine people"})]
