"""`analyse` on the store: incremental, replaces a story's rows, finds what the demo planted."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from compare.analysis.run import analyse_changed_stories
from compare.demo.corpus import load_corpus
from compare.store import Store
from compare.store.reading import OWN_WORD
from compare.stories.assign import match_new_articles
from compare.stories.match import MatchParams

NOW = datetime(2026, 3, 20, tzinfo=timezone.utc)
CORPUS = load_corpus()


def demo_store(store: Store) -> None:
    for a in CORPUS.articles:
        store.import_article({"outlet": CORPUS.outlets[a.outlet].name, "url": f"https://{a.outlet}.example/{a.id}",
                              "title": a.title, "text": a.text, "published": a.published.isoformat()}, when=NOW)
    match_new_articles(store, MatchParams(), now=NOW)


def test_every_story_is_analysed_once_until_it_changes(store):
    demo_store(store)
    first = analyse_changed_stories(store, now=NOW)
    assert first.stories == len(CORPUS.by_story()) and first.facts and first.cues and first.sources
    assert analyse_changed_stories(store, now=NOW).stories == 0
    counts = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("facts", "cues", "sources")}
    store.conn.execute("UPDATE articles SET text = text || ' The harbour reopened on Friday.', "
                       "content_hash = 'changed' WHERE url LIKE '%storm-mara--vpr'")
    again = analyse_changed_stories(store, now=NOW)
    assert again.stories == 1
    after = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("facts", "cues", "sources")}
    assert abs(after["facts"] - counts["facts"]) <= 2  # replaced, not added twice
    # A piece found to be a column changes its story's omissions: the story is analysed again.
    store.conn.execute("UPDATE articles SET kind = 'opinion' WHERE url LIKE '%storm-mara--vpr'")
    assert analyse_changed_stories(store, now=NOW).stories == 1


def test_framing_and_sources_cover_single_outlet_stories(store):
    demo_store(store)
    analyse_changed_stories(store, now=NOW)
    single = store.conn.execute("SELECT id FROM stories WHERE n_outlets = 1").fetchall()
    assert single
    single_ids = "(SELECT id FROM stories WHERE n_outlets = 1)"
    with_tone = store.conn.execute(f"SELECT COUNT(DISTINCT story_id) FROM tone WHERE story_id IN {single_ids}")
    assert with_tone.fetchone()[0] == len(single)
    # Not every article uses loaded wording, but most of the demo's single-outlet stories do.
    with_cues = store.conn.execute(f"SELECT COUNT(DISTINCT story_id) FROM cues WHERE story_id IN {single_ids}")
    assert with_cues.fetchone()[0] >= len(single) - 1


def test_the_demo_sources_are_listed_with_their_kinds(store):
    """Every source the demo planted (officials, experts, witnesses, another outlet, a document,
    people familiar with the matter) is a row of its outlet with the planted kind."""
    import tomllib
    from importlib import resources

    truth = tomllib.loads((resources.files("compare.demo") / "truth.toml").read_text(encoding="utf-8"))
    demo_store(store)
    analyse_changed_stories(store, now=NOW, embedder=None)
    missing = []
    for story, planted in truth["stories"].items():
        for source in planted.get("sources", []):
            outlet = CORPUS.outlets[source["outlet"]].name
            rows = store.conn.execute("SELECT speaker_canonical, source, kind FROM sources WHERE outlet = ?",
                                      (outlet,)).fetchall()
            wanted = source["source"].lower()
            kinds = {r["kind"] for r in rows if wanted in r["source"].lower() or r["speaker_canonical"].lower()
                     in wanted and len(r["speaker_canonical"]) > 3}
            if source["kind"] not in kinds:
                missing.append((story, outlet, source["source"], source["kind"], kinds))
    assert not missing


def test_planted_loaded_terms_are_stored_as_cues(store):
    demo_store(store)
    analyse_changed_stories(store, now=NOW)
    rows = list(store.export_table("framing.csv"))  # outlet, term and sentence of every cue
    terms = {(r[1], r[4].lower()) for r in rows}
    sentences = {(r[1], r[5].lower()) for r in rows}
    for story in CORPUS.truth["stories"].values():
        for loaded in story.get("loaded", []):
            outlet = CORPUS.outlets[loaded["outlet"]].name
            term = loaded["term"].lower()
            assert (outlet, term) in terms or any(o == outlet and term in s for o, s in sentences), loaded


class CountingEmbedder:
    """A stand-in sentence model: counts what it is asked to embed."""

    name = "counting-test-model"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, sentences):
        import numpy as np

        self.embedded += sentences
        rng = np.random.default_rng(0)
        vectors = np.array([rng.standard_normal(16) + len(s) % 7 for s in sentences], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_sentence_vectors_are_stored_and_only_new_sentences_embedded(store):
    demo_store(store)
    model = CountingEmbedder()
    first = analyse_changed_stories(store, now=NOW, embedder=model)
    assert first.embedded == len(model.embedded) == len(set(model.embedded)) > 0
    assert "counting-test-model" in first.similarity
    # Another model means other vectors: every story is analysed again.
    assert analyse_changed_stories(store, now=NOW, embedder=None).stories == first.stories
    model.embedded.clear()
    again = analyse_changed_stories(store, now=NOW, embedder=model)
    assert again.stories == first.stories and model.embedded == []
    store.conn.execute("UPDATE articles SET text = text || ' The harbour reopened on Friday after the storm.', "
                       "content_hash = 'changed' WHERE url LIKE '%storm-mara--vpr'")
    changed = analyse_changed_stories(store, now=NOW, embedder=model)
    assert changed.stories == 1 and model.embedded == ["The harbour reopened on Friday after the storm."]


def test_omissions_are_stored_by_the_rule(store):
    demo_store(store)
    analyse_changed_stories(store, now=NOW)
    rows = store.conn.execute(
        "SELECT o.outlet, f.n_outlets, s.n_outlets AS in_story, o.closeness FROM omissions o "
        "JOIN facts f USING (story_id, fact_id) JOIN stories s ON s.id = o.story_id").fetchall()
    assert rows
    for row in rows:
        assert row["n_outlets"] >= 2 and row["n_outlets"] >= 0.5 * row["in_story"] and row["closeness"] < 0.75


def test_workers_in_processes_store_the_same_rows_as_one_process(db_target, monkeypatch):
    """Stories analysed side by side in forked workers give exactly the rows one process gives."""
    from compare.analysis import run
    from compare.forking import can_fork
    from compare.ui.export import FILES, export_rows

    if not can_fork():
        pytest.skip("another thread runs in this process: workers cannot be forked safely")
    in_processes = []
    real = run._analyse_in_processes
    monkeypatch.setattr(run, "_analyse_in_processes", lambda *a: in_processes.append(real(*a)) or in_processes[-1])

    def exported(store):
        return {name: sorted(map(tuple, export_rows(store, name))) for name in FILES if name != "stories.csv"}

    with Store(db_target) as store:
        demo_store(store)
        one = analyse_changed_stories(store, now=NOW, embedder=None, workers=1)
        alone = exported(store)
        store.forget_analyses()
        many = analyse_changed_stories(store, now=NOW, embedder=None, workers=2)
        assert in_processes == [True]
        assert many.stories == one.stories > 2
        assert exported(store) == alone


def test_a_story_analysed_again_recomputes_only_the_changed_articles_own_rows(store, monkeypatch):
    from compare.analysis import run

    demo_store(store)
    analyse_changed_stories(store, now=NOW, embedder=None)
    [changed] = [a for a in store.iter_articles() if (a["url"] or "").endswith("storm-mara--vpr")]
    story_id = changed["story_id"]
    # The articles' own cues (an outlet's own words are the story's: another outlet's words change them).
    before = sorted(r for r in map(tuple, store.export_table("framing.csv", story_id)) if r[3] != OWN_WORD)
    others = [r for r in before if r[2] != changed["id"]]
    seen: list[str] = []
    real = run.article_cues
    monkeypatch.setattr(run, "article_cues", lambda title, article, lexicon: seen.append(article.id) or
                        real(title, article, lexicon))
    store.conn.execute("UPDATE articles SET text = text || ' The harbour reopened on Friday in a storm.', "
                       "content_hash = 'changed' WHERE id = ?", (changed["id"],))
    assert analyse_changed_stories(store, now=NOW, embedder=None).stories == 1
    assert seen == [changed["id"]]  # the other articles' cues, sources and tone were kept
    after = sorted(r for r in map(tuple, store.export_table("framing.csv", story_id)) if r[3] != OWN_WORD)
    assert [r for r in after if r[2] != changed["id"]] == others
    assert any(r[2] == changed["id"] for r in after)
    store.forget_analyses()  # everything due again: every article's own rows recomputed
    seen.clear()
    analyse_changed_stories(store, now=NOW, embedder=None, only={story_id})
    assert len(seen) == len({a["id"] for a in store.iter_articles() if a["story_id"] == story_id})


def test_sentences_are_stored_as_places_in_the_text_unless_lines_were_joined():
    from compare.analysis.parse import parse_article
    from compare.analysis.run import sentence_rows

    text = "Forty people were rescued. The ferry ran aground at dawn.\nThe coastguard said the\nsea was calm."
    article = parse_article("a1", "Wire", "Ferry aground", text)
    rows = sentence_rows(article)
    assert rows[0] == ("a1", -1, None, None, None)  # the headline: read from the title
    for _, index, start, end, own in rows[1:]:
        sentence = article.sentences[index].text
        assert (text[start:end] == sentence and own is None) if own is None else (start is None and own == sentence)
    assert [r[4] for r in rows[1:]] == [None, None, "The coastguard said the sea was calm."]


def test_a_second_analyse_in_a_new_process_analyses_nothing(tmp_path):
    """Each `analyse` is a new process with its own string hashing (PYTHONHASHSEED): the
    signatures that decide what is analysed again must not depend on it."""
    import os
    import subprocess
    import sys

    target = tmp_path / "two.db"
    with Store(target) as store:
        for a in next(iter(CORPUS.by_story().values())):
            store.import_article({"outlet": CORPUS.outlets[a.outlet].name, "url": f"https://{a.outlet}.example/{a.id}",
                                  "title": a.title, "text": a.text, "published": a.published.isoformat()}, when=NOW)
        match_new_articles(store, MatchParams(), now=NOW)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[settings]\nembedding_model = "none"\n', encoding="utf-8")

    def analyse(seed: str) -> str:
        run = subprocess.run([sys.executable, "-m", "compare", "--db", str(target), "-q", "analyse", "--feeds",
                              str(feeds)], env={**os.environ, "PYTHONHASHSEED": seed}, cwd=tmp_path,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-3000:]
        return run.stdout

    assert analyse("1").startswith("analysed 1 story:")
    assert analyse("2").startswith("analysed 0 stories:")


class NamedEmbedder(CountingEmbedder):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


ENGLISH_TEXT = ("Rescuers pulled two people alive from the river on Tuesday after the bridge collapsed. "
                "The governor declared a state of emergency in the city.")
SPANISH_TEXT = ("Los rescatistas sacaron con vida a dos personas del río el martes tras el derrumbe del puente. "
                "El gobernador declaró el estado de emergencia en la ciudad.")


def _models(monkeypatch, store: Store):
    from compare.analysis import run

    english, multilingual = NamedEmbedder("english-test-model"), NamedEmbedder("multilingual-test-model")
    monkeypatch.setattr(run, "load_embedder", lambda name, threads=None: english)
    monkeypatch.setattr(run, "multilingual_embedder", lambda threads=None: multilingual)
    return run.SentenceModels(store, "auto"), english, multilingual


def test_auto_aligns_a_story_in_several_languages_with_the_multilingual_model(store, monkeypatch):
    from compare.analysis.parse import parse_article

    models, english, multilingual = _models(monkeypatch, store)
    wire = parse_article("a", "Wire One", "Bridge collapse", ENGLISH_TEXT)
    diario = parse_article("b", "Diario Dos", "Se derrumba un puente", SPANISH_TEXT)
    assert models.for_story([wire]).name == english.name
    assert models.for_story([wire, diario]).name == multilingual.name
    assert models.for_story([diario]).name == multilingual.name
    assert models.signature == "english-test-model+multilingual-test-model"
    # A model named in the settings aligns every story, whatever its languages.
    from compare.analysis import run

    assert run.SentenceModels(store, english).for_story([wire, diario]).name == english.name


@pytest.mark.parametrize("text, expected", [(ENGLISH_TEXT, "english-test-model"),
                                            (SPANISH_TEXT, "multilingual-test-model")])
def test_the_model_that_aligned_a_story_is_stored_with_it(store, monkeypatch, text, expected):
    _models(monkeypatch, store)
    store.import_article({"outlet": "Wire One", "url": "https://wire.example/a", "title": "Bridge collapse",
                          "text": text, "published": NOW.isoformat()}, when=NOW)
    match_new_articles(store, MatchParams(), now=NOW)
    assert analyse_changed_stories(store, now=NOW, embedder="auto", workers=1).stories == 1
    story_id = store.conn.execute("SELECT story_id FROM articles").fetchone()[0]
    assert store.story_similarity(story_id) == expected
    # English wording cues and tone are read in English articles only.
    tones = store.conn.execute("SELECT COUNT(*) FROM tone").fetchone()[0]
    assert tones == (1 if expected == "english-test-model" else 0)
