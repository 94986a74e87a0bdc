"""Compare an article: stories a pasted article belongs to, and the comparison with it."""

from __future__ import annotations

import pytest
from test_views import talks_id

from compare.store import Store
from compare.ui import compared


@pytest.fixture
def demo(demo_db):
    with Store(demo_db) as store:
        yield store


def test_compare_a_pasted_article(demo):
    seed = ("The Trump of Veldoria... Veldoria and Karsk negotiators met in Saldenburg under Norlund's foreign "
            "minister Ingrid Halvorsen. Veldoria proposed an exchange of 300 prisoners, and Karsk demanded "
            "recognition of its control over Dorva. The talks lasted nine hours.")
    matches = compared.matching_stories(demo, "Saldenburg talks end without ceasefire", seed)
    assert matches["story_id"].iloc[0] == talks_id(demo)
    view = compared.compare_with_story(demo, matches["story_id"].iloc[0], "Saldenburg talks", seed)
    assert compared.PASTED in view.facts.columns
    assert (view.facts[compared.PASTED] != "").any()
    assert compared.PASTED in set(view.discrepancies["outlet"])
