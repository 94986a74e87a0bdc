"""Conflicting figures: the same counted thing, read as ranges, of the story's own time."""

from __future__ import annotations

import pytest

from compare.analysis.figures import fact_discrepancies
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
