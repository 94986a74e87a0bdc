"""Quantities: numbers with their units, scales, qualifiers and ranges."""

from __future__ import annotations

import pytest

from compare.quantities import quantities


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
