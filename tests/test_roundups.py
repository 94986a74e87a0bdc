"""Roundups: an article that reports several separate incidents, read by its lead.

Expect: three paragraphs each naming a new place with a victim or time of their own make a
roundup, whose lead stops before its second incident; one incident told across paragraphs, or
text without paragraphs, is no roundup.
"""

from __future__ import annotations

from incidents import ELM, HARBOR, ROUNDUP

from compare.stories.roundups import is_roundup, read_roundup


def test_a_roundup_of_three_incidents_is_read_by_its_lead():
    found = read_roundup(ROUNDUP[1])
    assert found is not None and found.incidents == 3
    assert "Elm Street" in found.lead and "Harbor Road" not in found.lead and "Mill Lane" not in found.lead
    assert found.lead.endswith("Police said the neighbour fled before officers arrived.")


def test_one_incident_with_several_places_is_no_roundup():
    assert not is_roundup(ELM[1])  # Elm Street, a crossing and a hospital: one shooting
    assert not is_roundup(HARBOR[1])
    moving = ("A man was shot in the 400 block of Pine Street about 1 a.m.\nHe ran to a store on Oak Avenue, where a "
              "clerk called 911.\nOfficers later found the gunman's car on Route 9.")
    assert not is_roundup(moving)  # one victim followed from place to place: new places, no new victim


def test_text_without_paragraphs_is_no_roundup():
    assert not is_roundup(ROUNDUP[1].replace("\n", " "))


def test_two_incidents_are_not_yet_a_roundup():
    two = "\n".join(ROUNDUP[1].split("\n")[:4])
    assert not is_roundup(two)
