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
    from compare.analysis import run

    # None: the lexical scorer
    monkeypatch.setattr(run, "load_embedder", lambda name, threads=None: models.append(name))
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


def test_an_article_in_another_language_finds_its_story_and_lines_up_with_it(demo):
    spanish = ("SALDENBURG, 12 de marzo - Un segundo día de contactos entre Veldoria y la Federación de Karsk en "
               "Saldenburg terminó el jueves sin alto el fuego, pero las dos partes acordaron intercambiar listas de "
               "prisioneros, dijo la ministra de Asuntos Exteriores de Norlund, Ingrid Halvorsen. "
               "Halvorsen dijo que los equipos técnicos se reunieron durante cuatro horas el jueves por la mañana, "
               "tras la sesión de nueve horas de las delegaciones el martes, y que las listas se entregarán a través "
               "de la embajada de Norlund en Korvgrad en un plazo de diez días. "
               "«Es un paso pequeño, pero es un paso que cambia vidas», dijo Halvorsen en una rueda de prensa.")
    title = "Las conversaciones de Saldenburg se suspenden; se intercambiarán listas de prisioneros"
    matches = compared.matching_stories(demo, title, spanish)
    assert matches["story_id"].iloc[0] == talks_id(demo)
    view = compared.compare_with_story(demo, talks_id(demo), title, spanish)
    shared = view.facts[(view.facts[compared.PASTED] != "") & (view.facts["n_outlets_reporting"] > 1)]
    # Its Spanish sentences stand in the rows of the English outlets' sentences of the same claims.
    rows = {cell: row for cell, row in zip(shared[compared.PASTED], shared.to_dict("records"))}
    technical = next(row for cell, row in rows.items() if "cuatro horas" in cell)
    assert "four hours" in technical["Continental Wire Service"]
    assert len(shared) >= 2
    # Whom it quotes, read from its Spanish: the minister named after "dijo", between commas with her role.
    assert "Ingrid Halvorsen" in set(view.sources[view.sources["outlet"] == compared.PASTED]["source"])
