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


def test_a_surname_that_is_also_a_title_abbreviation_is_no_title():
    # "Sen." before a name is a senator; the surname Sen is not
    assert classify("Amartya Sen", "Amartya Sen spoke.", roles=["who teaches economics at Harvard University"]) \
        == "expert"
    assert classify("Elizabeth Warren", "Sen. Elizabeth Warren spoke.", speakers=["Sen. Elizabeth Warren"]) \
        == "official"


def test_someone_who_works_a_machine_is_a_worker_and_a_company_running_a_plant_is_not():
    assert classify("Luc Morel", "Luc Morel spoke.", roles=["a process operator who has worked there for 20 years"]) \
        == "witness"
    assert classify("Maersk", "Maersk spoke.", roles=["the operator of the ship"]) == "official"


@pytest.mark.parametrize("speaker, kind", [
    ("Some historians", "expert"),
    ("inspectors", "official"),
    ("The mountain rescue service", "official"),
    ("the head of the delegation", "official"),
    ("The airline", "official"),
    ("traders", "witness"),
    ("the constitution", "document"),
    ("television footage", "document"),
])
def test_plural_roles_and_public_services_give_the_kind(speaker, kind):
    assert classify(speaker, f"{speaker} spoke.", speakers=[speaker]) == kind
