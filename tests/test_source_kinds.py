"""Source kinds: one kind per speaker from its own words, its roles and its first mention."""

from __future__ import annotations

import pytest

from compare.analysis.source_kinds import classify, is_organisation


def test_classify_by_introduction():
    text = "Kristin Aalto, a forecaster at the National Weather Office, spoke."
    assert classify("Kristin Aalto", text) == "expert"
    assert classify("three people familiar with the matter", "") == "anonymous"


def test_bodies_are_told_from_people_by_their_names():
    assert is_organisation("Foreign Ministry")
    assert is_organisation("Harbour Tug Group")
    assert not is_organisation("Petra Danek")


@pytest.mark.parametrize("role, kind", [
    ("la ministra de Pesca de Arvenia", "official"),
    ("Der Sprecher", "official"),
    ("Пресс-секретарь", "official"),
    ("l'économiste de la banque", "expert"),
    ("un vecino del barrio", "witness"),
    ("woordvoerder van het bedrijf", "official"),
])
def test_roles_in_other_languages_give_the_kind(role, kind):
    assert classify("Arne Vollmer", "Arne Vollmer spoke.", roles=[role]) == kind
