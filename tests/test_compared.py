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


def test_contrasts_number_the_facts_of_the_comparison(demo_db):
    from compare.ui.compared import compare_with_story

    with Store(demo_db) as store:
        story_id = store.conn.execute("SELECT story_id FROM story_outlets GROUP BY story_id "
                                      "ORDER BY COUNT(*) DESC, story_id LIMIT 1").fetchone()[0]
        article = store.conn.execute("SELECT title, text FROM articles WHERE story_id = ? ORDER BY id LIMIT 1",
                                     (story_id,)).fetchone()
        view = compare_with_story(store, story_id, article["title"], article["text"])
    assert not view.contrasts.empty
    shown = view.facts.set_index("fact_id")
    for row in view.contrasts.itertuples():
        # every contrast points at a fact of this page, and its words are in that outlet's sentences there
        said = str(shown.loc[row.fact_id, row.outlet]).lower()
        assert all(term.split()[0] in said for term in row.terms.split(", ")), (row.terms, said)
