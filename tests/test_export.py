"""CSV export: the files and columns of the contract, RFC 4180, formulas neutralised, pandas-readable."""

from __future__ import annotations

import csv
from datetime import datetime, timezone

import pandas as pd

from compare.analysis.run import analyse_changed_stories
from compare.stories.assign import match_new_articles
from compare.stories.match import MatchParams
from compare.ui.export import FILES, export_all, neutralise

NOW = datetime(2026, 3, 20, tzinfo=timezone.utc)
CONTRACT = {
    "stories.csv": "story_id, title, first_published, last_published, n_articles, n_outlets, outlets",
    "articles.csv": "article_id, story_id, outlet, url, title, published, word_count, wire_copy_of",
    "facts.csv": "story_id, fact_id, outlet, status, article_id, sentence, n_outlets_reporting",
    "discrepancies.csv": "story_id, fact_id, kind, outlet, value, sentence",
    "framing.csv": "story_id, outlet, article_id, category, term, sentence",
    "sources.csv": "story_id, outlet, article_id, source, kind, quote, sentence_index, speaker_canonical, cue",
    "labels.csv": "story_id, outlet, entity, label, sentence_index",
}
TRICKY = ('=HYPERLINK("http://evil.example","click")', "+1 555", "-2 is a number?", "@SUM(A1)",
          'He said "no", then left;\nnew line', "naïve café — “quotes”")


def import_two_outlets(store) -> None:
    texts = {
        "Wire": "The ferry Nordlys ran aground off Skerrow on Monday with 140 passengers aboard, the coastguard "
                "said. Captain Ola Brenn said the ship lost steering in fog. " + " ".join(TRICKY[:2]),
        "Tabloid": "The doomed ferry Nordlys smashed into rocks off Skerrow on Monday with 180 passengers aboard. "
                   "Captain Ola Brenn said the ship lost steering in fog. " + " ".join(TRICKY[2:]),
    }
    for n, (outlet, text) in enumerate(texts.items()):
        store.import_article({"outlet": outlet, "url": f"https://{outlet.lower()}.example/{n}", "text": text,
                              "title": TRICKY[0] if n == 0 else "Ferry Nordlys runs aground off Skerrow",
                              "published": "2026-03-02T08:00:00Z"}, when=NOW)
    match_new_articles(store, MatchParams(), now=NOW)
    analyse_changed_stories(store, now=NOW)


def test_files_and_contract_columns(store, tmp_path):
    import_two_outlets(store)
    counts = export_all(store, tmp_path / "out")
    assert set(counts) == set(FILES)
    for name, columns in CONTRACT.items():
        frame = pd.read_csv(tmp_path / "out" / name, dtype=str, keep_default_na=False)
        assert [c.strip() for c in columns.split(",")] == list(frame.columns[:len(columns.split(","))]), name
        assert len(frame) == counts[name]
    facts = pd.read_csv(tmp_path / "out" / "facts.csv", dtype=str, keep_default_na=False)
    assert set(facts["status"]) <= {"reported", "omitted"} and "reported" in set(facts["status"])
    discrepancies = pd.read_csv(tmp_path / "out" / "discrepancies.csv", dtype=str, keep_default_na=False)
    assert {"Wire", "Tabloid"} <= set(discrepancies["outlet"])
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str, keep_default_na=False)
    assert list(articles["language"]) == ["en", "en"]  # each article's language, read from its words


def test_rfc4180_and_formula_neutralisation(store, tmp_path):
    import_two_outlets(store)
    export_all(store, tmp_path)
    raw = (tmp_path / "articles.csv").read_bytes()
    assert b"\r\n" in raw and raw.decode("utf-8")
    rows = list(csv.reader((tmp_path / "articles.csv").open(encoding="utf-8", newline="")))
    titles = [r[4] for r in rows[1:]]
    assert "'" + TRICKY[0] in titles
    for path in tmp_path.glob("*.csv"):
        for row in csv.reader(path.open(encoding="utf-8", newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")) or is_number(cell), (path.name, cell)


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_neutralise_leaves_numbers_alone():
    assert neutralise(-0.5) == -0.5 and neutralise(None) == "" and neutralise("=1") == "'=1"


def test_labels_csv_holds_how_each_outlet_names_an_entity_and_which_labels_differ(store, tmp_path):
    texts = {"Wire": "In Pyongyang, veteran leader Kim Jong-un inspected a missile launch on Monday, state media said.",
             "Tabloid": "In Pyongyang, North Korean dictator Kim Jong-un inspected a missile launch on Monday, state "
                        "media said."}
    for n, (outlet, text) in enumerate(texts.items()):
        store.import_article({"outlet": outlet, "url": f"https://{outlet.lower()}.example/{n}", "text": text,
                              "title": "Missile launch inspected", "published": "2026-03-02T08:00:00Z"}, when=NOW)
    match_new_articles(store, MatchParams(), now=NOW)
    analyse_changed_stories(store, now=NOW)
    export_all(store, tmp_path / "out")
    labels = pd.read_csv(tmp_path / "out" / "labels.csv", dtype=str, keep_default_na=False)
    choices = labels[(labels["kind"] == "label") & (labels["differs"] == "1")]
    assert set(zip(choices["outlet"], choices["entity"], choices["label"])) == {
        ("Wire", "Kim Jong-un", "veteran leader"), ("Tabloid", "Kim Jong-un", "North Korean dictator")}
    # the names each outlet writes for what both name, which neither chose over the other
    names = labels[labels["kind"] == "name"]
    assert set(zip(names["outlet"], names["label"], names["differs"])) == {
        (outlet, name, "0") for outlet in texts for name in ("Kim Jong-un", "Pyongyang")}
    assert len(labels) == 6 and set(labels["sentence_index"]) == {"0"}
