"""Dashboard data: the tables the pages show, computed from the demo database."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from compare.demo.corpus import load_corpus
from compare.store import Store
from compare.ui import views

CORPUS = load_corpus()


@pytest.fixture
def demo(demo_db):
    with Store(demo_db) as store:
        yield store


def talks_id(store: Store) -> str:
    frame = views.stories_table(store, text="Saldenburg")
    return frame["story_id"].iloc[0]


def test_stories_filters(demo):
    everything = views.stories_table(demo)
    assert len(everything) == len(CORPUS.by_story())
    assert len(views.stories_table(demo, min_outlets=2)) == len(CORPUS.truth["stories"])
    # Each filter keeps some stories and drops others, and every story it keeps fits it.
    storms = views.stories_table(demo, text="storm")  # in headlines or texts, headlines first
    assert 0 < len(storms) < len(everything)
    in_title = storms["title"].str.lower().str.contains("storm").tolist()
    assert in_title[0] and in_title == sorted(in_title, reverse=True)
    for story_id in storms["story_id"]:
        words = " ".join(f"{r[0]} {r[1]}" for r in demo.conn.execute(
            "SELECT title, COALESCE(text, '') FROM articles WHERE story_id = ?", (story_id,)))
        assert "storm" in words.lower(), story_id
    state = views.stories_table(demo, label=("ownership", "state-controlled"))
    assert 0 < len(state) < len(everything) and state["outlets"].str.contains("Karsk Today").all()
    dated = views.stories_table(demo, start=date(2026, 3, 14), end=date(2026, 3, 15))
    assert 0 < len(dated) < len(everything)  # stories that overlap those two days
    assert ((dated["first_published"].str[:10] <= "2026-03-15") & (dated["last_published"].str[:10] >= "2026-03-14")
            ).all()
    kept = set(dated["story_id"])
    outside = everything[~everything["story_id"].isin(kept)]
    assert ((outside["first_published"].str[:10] > "2026-03-15") | (outside["last_published"].str[:10] < "2026-03-14")
            ).all()
    courier = views.stories_table(demo, outlets=["The Harbour Courier"])
    assert 0 < len(courier) < len(everything) and courier["outlets"].str.contains("The Harbour Courier").all()


def test_story_view_holds_the_comparison(demo):
    view = views.story_view(demo, talks_id(demo))
    assert set(view.articles["outlet"]) == {o.name for o in CORPUS.outlets.values() if o.slug != "courier"}
    assert {"fact_id", "fact", "n_outlets_reporting"} <= set(view.facts.columns)
    assert view.facts["n_outlets_reporting"].is_monotonic_decreasing
    assert "Karsk Today" in set(view.omissions["outlet"])
    assert {"prisoner", "hour"} <= set(view.discrepancies["unit"])
    assert not view.sources.empty and not view.cues.empty and not view.names.empty
    assert view.timeline["after_first"].iloc[0] == "first"
    # The matrix marks each stored omission in its outlet's cell, and nothing else.
    marked = {(f, o) for o in view.story["outlets"] for f, cell in zip(view.facts["fact_id"], view.facts[o])
              if cell == views.OMITTED}
    assert marked == set(zip(view.omissions["fact_id"], view.omissions["outlet"]))
    assert "all-MiniLM" in view.similarity or view.similarity == "lexical"
    figures = view.figures
    assert len(figures) == len(view.discrepancies[["fact_id", "unit"]].drop_duplicates())
    # Every article's sentences, where they stand in its text: what its cues are highlighted by.
    assert set(view.sentences["article_id"]) == set(view.articles["article_id"])
    texts = dict(zip(view.articles["article_id"], view.articles["text"]))
    placed = view.sentences.dropna(subset=["start"])
    assert len(placed) > len(view.articles) and (placed["sentence_index"] >= 0).all()
    assert all(texts[a][int(s):int(e)].strip() == texts[a][int(s):int(e)] != ""
               for a, s, e in zip(placed["article_id"], placed["start"], placed["end"]))


def test_sources_tab_lists_each_speaker_once_per_outlet_and_the_download_each_attribution(demo):
    view = views.story_view(demo, talks_id(demo))
    assert list(view.sources.columns) == ["outlet", "source", "kind", "attributions", "quotes"]
    assert len(view.sources) >= 5 and view.sources["outlet"].nunique() >= 3
    assert not view.sources.duplicated(["outlet", "source"]).any()
    assert view.sources["attributions"].sum() == len(view.attributions)
    assert {"speaker_canonical", "cue", "sentence_index", "story_id"} <= set(view.attributions.columns)
    for row in view.sources.itertuples():  # one kind per speaker in each article, the commonest shown
        rows = view.attributions[(view.attributions["outlet"] == row.outlet)
                                 & (view.attributions["speaker_canonical"] == row.source)]
        assert row.kind in set(rows["kind"])
        assert (rows.groupby("article_id")["kind"].nunique() == 1).all()


def test_outlets_profile_and_blindspots(demo):
    profile = views.outlets_profile(demo)
    assert len(profile) == len(CORPUS.outlets)
    courier = profile.set_index("outlet").loc["The Harbour Courier"]
    assert courier["blindspots"] >= 1
    blind = views.blindspot_stories(demo, "The Harbour Courier")
    assert len(blind) == courier["blindspots"]
    assert not blind["title"].str.contains("Brannock").any()  # a story the courier covered


def test_feeds_table(demo):
    frame = views.feeds_table(demo)
    assert len(frame) == len(CORPUS.outlets) and set(frame["state"]) == {"ok"}


def test_database_state_changes_with_the_file(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as store:
        before = views.database_state(path)
        store.import_article({"outlet": "A", "url": "https://a.example/1", "title": "T", "text": "Words."},
                             when=__import__("datetime").datetime.now())
    assert views.database_state(path) != before


def test_outlets_without_articles_do_not_change_blindspots(demo_db, tmp_path):
    from conftest import demo_copy

    with Store(demo_copy(demo_db, tmp_path / "demo.db")) as store:
        before = views.outlets_profile(store).set_index("outlet")["blindspots"]
        for n in range(20):  # feeds added from a feeds.toml that have not delivered anything yet
            store.ensure_outlet(f"New Outlet {n}")
        after = views.outlets_profile(store).set_index("outlet")["blindspots"]
        assert (after[before.index] == before).all() and before.sum() > 0
        assert len(views.blindspot_stories(store, "Karsk Today")) == before["Karsk Today"]


def test_story_downloads_are_the_export_files_rows_of_that_story(demo, tmp_path):
    import io

    from compare.ui.export import FILES, export_all

    story_id = talks_id(demo)
    downloads = views.story_view(demo, story_id).downloads
    export_all(demo, tmp_path)
    for name, columns in FILES.items():
        frame = pd.read_csv(io.BytesIO(views.to_csv(downloads[name])), keep_default_na=False, dtype=str)
        assert list(frame.columns) == columns, name
        exported = pd.read_csv(tmp_path / name, keep_default_na=False, dtype=str)
        key = "story_id" if "story_id" in exported else None
        if key and name != "articles.csv":
            assert len(frame) == (exported[key] == story_id).sum() > 0, name
            assert set(frame[key]) == {story_id}
    names = pd.read_csv(io.BytesIO(views.to_csv(downloads["names.csv"])), dtype=str)
    assert len(names) > 0
    assert not names["mentions"].str.contains(r"\.").any()  # counts, not 7.0
    assert "✔" not in views.to_csv(downloads["facts.csv"]).decode()


def test_blindspots_of_an_outlet_with_accents_and_quotes(store):
    from datetime import datetime, timezone

    from compare.stories.assign import match_new_articles
    from compare.stories.match import MatchParams

    now = datetime(2026, 3, 2, tzinfo=timezone.utc)
    text = ("The ferry Nordlys ran aground off Skerrow on Monday with 140 passengers aboard, the coastguard said. "
            "Captain Ola Brenn said the ship lost steering in fog near the harbour entrance.")
    for n, outlet in enumerate(["El País", 'The "Quoted" Times', "Süddeutsche Zeitung"]):
        store.import_article({"outlet": outlet, "url": f"https://o{n}.example/ferry", "title": "Ferry runs aground",
                              "text": text, "published": "2026-03-02T08:00:00Z"}, when=now)
    store.ensure_outlet("Le Monde")
    store.import_article({"outlet": "Le Monde", "url": "https://lm.example/other", "title": "Museum reopens",
                          "text": "The national museum reopened on Tuesday after four years of work on its halls.",
                          "published": "2026-03-02T09:00:00Z"}, when=now)
    match_new_articles(store, MatchParams(), now=now)
    profile = views.outlets_profile(store).set_index("outlet")["blindspots"]
    assert profile["El País"] == profile['The "Quoted" Times'] == profile["Süddeutsche Zeitung"] == 0
    assert profile["Le Monde"] == 1
    assert views.blindspot_stories(store, "El País").empty


def test_presence_grid_marks_each_outlet_per_fact(demo):
    view = views.story_view(demo, talks_id(demo))
    order = list(dict.fromkeys(view.articles["outlet"]))
    grid = views.presence_grid(view.facts, order)
    assert list(grid.columns) == ["fact", "reported by", *order]
    assert len(grid) == len(view.facts)
    assert set(grid[order].stack()) <= {views.REPORTED, views.OMITS, views.NOT_REPORTED}
    omitted = {(o, f) for o, f in zip(view.omissions["outlet"], view.omissions["fact_id"])}
    marked = {(o, f) for o in order for f, cell in zip(view.facts["fact_id"], grid[o]) if cell == views.OMITS}
    assert marked == omitted
    assert not grid["fact"].str.match(r"^[A-Z]{3,},").any()  # datelines are not the fact
    assert grid["fact"].str.len().max() <= 172  # three lines of a wrapped cell
    assert grid["fact"].duplicated().mean() < 0.05  # rows read differently (unless every sentence of one is used)


def test_the_story_view_holds_its_labels_side_by_side(demo_db):
    with Store(demo_db) as store:
        story_id = talks_id(store)
        view = views.story_view(store, story_id)
    assert not view.downloads["labels.csv"].empty, "the demo's busiest story has labels"
    assert list(view.labels.columns[:1]) == ["entity"] and not view.labels.empty
    for record in view.labels.to_dict("records"):
        cells = [v for k, v in record.items() if k != "entity" and v]
        assert len(cells) >= 2 and len(set(cells)) > 1  # labelled by two outlets, differently


def test_the_story_view_holds_every_way_each_outlet_names_the_same_people(demo_db):
    with Store(demo_db) as store:
        view = views.story_view(store, talks_id(store))
    assert not view.naming.empty
    named = view.naming.set_index("entity")
    # the envoy whom one outlet sneers at and the others name plainly
    orsov = named.loc["Mikhail Orsov"]
    assert any("smirking envoy" in cell for cell in orsov) and any("Mikhail Orsov" in cell for cell in orsov)
