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


def test_the_comparison_follows_the_settings(demo, monkeypatch, tmp_path):
    from compare.config import Settings

    lexicon = tmp_path / "mine.toml"
    lexicon.write_text('[categories.label]\nterms = ["negotiators"]\n', encoding="utf-8")
    models: list[str] = []
    lexicons: list[str] = []
    monkeypatch.setattr(compared, "load_embedder", lambda name: models.append(name))  # None: the lexical scorer
    real = compared.load_lexicon
    monkeypatch.setattr(compared, "load_lexicon", lambda path=None: lexicons.append(str(path)) or real(path))
    text = "Veldoria and Karsk negotiators met in Saldenburg. Veldoria proposed an exchange of 300 prisoners."
    story_id = talks_id(demo)
    compared.compare_with_story(demo, story_id, "Talks", text)
    assert models == ["auto"] and lexicons == []  # the defaults: the shipped model and lexicon
    mine = Settings(embedding_model="none", lexicon=str(lexicon))
    view = compared.compare_with_story(demo, story_id, "Talks", text, settings=mine)
    assert models == ["auto", "none"] and lexicons == [str(lexicon)]
    assert compared.PASTED in view.facts.columns
    windows: list[float] = []
    features = compared.pair_features
    monkeypatch.setattr(compared, "pair_features", lambda *a, window_days: windows.append(window_days)
                        or features(*a, window_days=window_days))
    assert compared.matching_stories(demo, "Talks", text)["story_id"].iloc[0] == story_id
    wide = compared.matching_stories(demo, "Talks", text, settings=Settings(match_window_days=30))
    assert wide["story_id"].iloc[0] == story_id and windows == [4.0, 30.0]
