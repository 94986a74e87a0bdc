"""Facts across outlets: the same-fact scorer, alignment, omissions, conflicting figures, names."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.analysis import align
from compare.analysis.align import (
    ArticleText,
    align_story,
    fact_similarity,
    names_table,
    same_fact,
)
from compare.demo.corpus import load_corpus
from compare.embed import load_embedder
from compare.text import words

CORPUS = load_corpus()
EMBEDDER = load_embedder("auto")
VECTORS = EMBEDDER.embed if EMBEDDER else None


def test_same_fact_scorer_on_paraphrases_and_unrelated_sentences():
    assert same_fact("The ferry ran aground off Dover on Monday with 140 passengers aboard.",
                     "On Monday the ferry ran aground near Dover carrying 140 passengers.")
    assert not same_fact("The ferry ran aground off Dover on Monday.", "Inflation rose to 6.1 percent in March.")
    assert fact_similarity("a b c", "a b c", score_cutoff=200) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_fact_similarity_is_a_score_that_honours_its_cutoff(a, b):
    score = fact_similarity(a, b)
    assert 0.0 <= score <= 100.0
    if not words(a) or not words(b):
        assert score == 0.0  # nothing stated on one side: nothing is the same
    assert fact_similarity(a, b, score_cutoff=score) == score
    assert fact_similarity(a, b, score_cutoff=score + 1.0) == 0.0


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=120))
def test_a_sentence_states_the_same_fact_as_itself(a):
    assert same_fact(a, a) == bool(words(a))


def test_the_scripts_scorer_loads_no_scikit_learn():
    """``import compare.align`` stays quick: scikit-learn (most of a second) is not among its imports."""
    import subprocess
    import sys

    code = "import sys, compare.align; print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def articles(story: str) -> list[ArticleText]:
    return [ArticleText(a.id, a.outlet, a.title, a.text) for a in CORPUS.by_story()[story]]


def facts_holding(alignment, outlet: str, evidence: str):
    return [f for f in alignment.facts for s in f.sentences if s.outlet == outlet and evidence in s.text]


def test_every_sentence_stands_in_exactly_one_fact():
    group = articles("talks")
    alignment = align_story(group, vectors=VECTORS)
    placed = [(s.article_id, s.index, s.clause) for f in alignment.facts for s in f.sentences]
    assert len(placed) >= 20 and len(placed) == len(set(placed))
    from compare.analysis.parse import parse_article
    every = {(a.id, s.index) for a in group for s in parse_article(a.id, a.outlet, a.title, a.text).fact_sentences}
    assert {(a, i) for a, i, _ in placed} == every
    # A sentence cut into clauses stands once per clause, in the rows of their claims.
    cut = [p for p in placed if p[2] is not None]
    assert cut and all(sum(q[:2] == p[:2] for q in cut) >= 2 for p in cut)


def test_a_sentence_making_two_claims_stands_in_the_row_of_each():
    others = ("Schools in the town will stay closed on Monday, the mayor said. "
              "The railway line to the capital reopened in the afternoon after repairs. ")
    texts = [others + "The air force says 14 drones were shot down, but several struck an apartment block near "
             "the station.",
             "Officials said 14 drones were shot down overnight by the air defences. " + others,
             others + "Several drones struck an apartment block near the railway station, officials said."]
    alignment = align_story(story(*texts), vectors=VECTORS)
    rows = {s.text: f for f in alignment.facts for s in f.sentences
            if s.outlet == "Outlet 0" and ("drones" in s.text or s.text.startswith("several"))}
    assert set(rows) == {"The air force says 14 drones were shot down",
                         "several struck an apartment block near the station."}
    assert rows["The air force says 14 drones were shot down"].outlets == {"Outlet 0", "Outlet 1"}
    assert rows["several struck an apartment block near the station."].outlets == {"Outlet 0", "Outlet 2"}


def test_an_outlet_stating_a_claim_twice_has_both_sentences_in_its_row():
    texts = ["Six workers were missing on Tuesday night. The mayor praised the rescuers. "
             "By nightfall the six missing workers were presumed dead, the Coast Guard said.",
             "Six construction workers remained missing Tuesday night and were presumed dead, the Coast Guard said."]
    alignment = align_story(story(*texts), vectors=VECTORS)
    row = next(f for f in alignment.facts if "Outlet 1" in f.outlets)
    assert [s.outlet for s in row.sentences].count("Outlet 0") == 2, [s.text for s in row.sentences]
    assert not any("mayor" in s.text for s in row.sentences)


def test_sentences_of_one_event_that_state_different_claims_are_different_facts():
    texts = ["The ship lost power and its crew radioed a mayday minutes before the crash. "
             "Two people were pulled from the water alive. The governor declared a state of emergency.",
             "Rescuers pulled two people from the river. Governor Moore declared a state of emergency on Tuesday. "
             "The vessel lost propulsion and sent a mayday call shortly before it hit the bridge."]
    alignment = align_story(story(*texts), vectors=VECTORS)
    shared = [f for f in alignment.facts if len(f.outlets) == 2]
    assert len(shared) == 3, [[s.text for s in f.sentences] for f in alignment.facts]
    for fact in shared:
        words = [set(re.findall(r"\w+", s.text.lower())) for s in fact.sentences]
        assert len(words[0] & words[1] & {"mayday", "two", "emergency"}) == 1


def test_an_outlet_with_two_articles_is_one_column():
    story = articles("talks")
    assert len({a.id for a in story if a.outlet == "cws"}) == 2
    alignment = align_story(story, vectors=VECTORS)
    assert alignment.outlets.count("cws") == 1
    second = {a.id for a in story if a.outlet == "cws"} - {story[0].id}
    assert any(s.article_id in second for f in alignment.facts for s in f.sentences)


def test_planted_fact_is_aligned_across_outlets():
    alignment = align_story(articles("talks"), vectors=VECTORS)
    found = facts_holding(alignment, "cws", "mediated by Norlund's foreign minister Ingrid Halvorsen")
    assert any({"cws", "vpr", "trumpet"} <= f.outlets for f in found), [f.outlets for f in found]


def test_planted_omissions_are_found_and_every_omission_follows_the_rule():
    planted = found = checked = 0
    for story_id, truth in CORPUS.truth["stories"].items():
        group = articles(story_id)
        alignment = align_story(group, vectors=VECTORS)
        for fact, outlet in alignment.omissions():
            assert len(fact.outlets) >= 2 and len(fact.outlets) >= 0.5 * len(alignment.outlets)
            assert outlet not in fact.outlets and outlet in alignment.outlets
            checked += 1
        for fact in truth["facts"]:
            holding = [f for o, e in fact["evidence"].items() for f in facts_holding(alignment, o, e)]
            for outlet in {a.outlet for a in group} - set(fact["evidence"]):
                planted += 1
                found += any((f, outlet) in alignment.omissions() for f in holding)
    assert checked, "no omission found to check the rule on"
    assert planted >= 15 and found / planted >= 0.3, (found, planted)


def story(*texts: str) -> list[ArticleText]:
    return [ArticleText(str(n), f"Outlet {n}", "Headline", t) for n, t in enumerate(texts)]


def test_omissions_follow_the_documented_rule():
    # A fact two of five outlets report is not "omitted" by the other three (half of five is 2.5).
    shared = "The central bank raised its key rate to 4.25 percent on Thursday, its first rise in a year."
    other = "Officials in the capital met trade union leaders to discuss pensions and the retirement age."
    texts = [f"{shared} {other}", f"{shared}", other, other, other]
    alignment = align_story(story(*texts), vectors=VECTORS)
    rate = [f for f in alignment.facts if any("key rate" in s.text for s in f.sentences)]
    assert rate and all(len(f.outlets) == 2 for f in rate)
    assert not any(f in rate for f, _ in alignment.omissions())
    # Four outlets of five: the fifth omits it, and the omission names its closest sentence.
    alignment = align_story(story(f"{shared} {other}", shared, shared, shared, other), vectors=VECTORS)
    omitted = [o for o in alignment.omission_list if o.outlet == "Outlet 4"]
    assert omitted and omitted[0].closest is not None and "pensions" in omitted[0].closest.text


def test_omissions_count_news_reports_only():
    shared = "The central bank raised its key rate to 4.25 percent on Thursday, its first rise in a year."
    other = "Officials in the capital met trade union leaders to discuss pensions and the retirement age."
    articles = story(f"{shared} {other}", shared, shared, other, other)
    # Outlet 4 ran only a column: it chose what to discuss, so it omits nothing.
    articles[4] = ArticleText("4", "Outlet 4", "Opinion: pensions", other, kind="opinion")
    alignment = align_story(articles, vectors=VECTORS)
    omitting = {o.outlet for o in alignment.omission_list}
    assert "Outlet 3" in omitting and "Outlet 4" not in omitting
    # A fact that only columns give is not one the reports leave out.
    columns = [ArticleText(a.id, a.outlet, a.title, a.text, kind="opinion") for a in articles[:3]]
    assert align_story([*columns, *articles[3:]], vectors=VECTORS).omission_list == []


def test_no_chaining_through_a_middle_sentence():
    a = "Police arrested three men after a shooting outside a nightclub in Leeds on Saturday night."
    b = "Three men were arrested in Leeds, and the city council voted to cut the library budget by a fifth."
    c = "The city council voted on Tuesday to cut the budget of the public libraries by a fifth."
    alignment = align_story(story(a, b, c), vectors=VECTORS)
    # The middle sentence shares a claim with each side, and the two sides share no fact.
    shared = sorted(sorted(f.outlets) for f in alignment.facts if len(f.outlets) > 1)
    assert shared == [["Outlet 0", "Outlet 1"], ["Outlet 1", "Outlet 2"]], shared


def test_bylines_datelines_and_credits_are_not_facts():
    texts = ["By Jane Smith and Tom Brown\nLONDON (Reuters) - Britain's economy grew by 0.6 percent in the third "
             "quarter, official figures showed.\n(Reporting by Jane Smith; Editing by Tom Brown)",
             "Photo: Getty Images\nBritain's economy expanded 0.6 percent in the third quarter, the statistics "
             "office said.\n(Reporting by Jane Smith; Editing by Tom Brown)"]
    alignment = align_story(story(*texts), vectors=VECTORS)
    every = [s.text for f in alignment.facts for s in f.sentences]
    assert not any("Reporting by" in t or t.startswith(("By ", "Photo")) for t in every)
    assert any(len(f.outlets) == 2 and any("0.6 percent" in s.text for s in f.sentences) for f in alignment.facts)


@pytest.mark.parametrize(("story_id", "unit", "outlets"), [
    ("talks", "prisoner", {"cws", "karsk-today"}),
    ("lebed", "year", {"cws", "karsk-today"}),
    ("sanctions", "euro", {"cws", "karsk-today"}),
])
def test_conflicting_figures_are_found_with_both_sentences(story_id, unit, outlets):
    alignment = align_story(articles(story_id), vectors=VECTORS)
    found = [d for d in alignment.discrepancies if d.unit == unit and outlets <= set(d.values)]
    assert found, [(d.unit, set(d.values)) for d in alignment.discrepancies]
    for quantity, sentence in found[0].values.values():
        assert quantity.text in sentence.text


def test_agreeing_figures_are_not_conflicts():
    texts = ["At least three people died in the storm, police said.", "Four people died in the storm, police said."]
    alignment = align_story(story(*texts), vectors=VECTORS)
    assert alignment.discrepancies == []


def test_lexical_fallback_aligns_without_a_model():
    texts = ["Ukraine and Russia swapped 200 prisoners of war on Friday, both sides said.",
             "Russia and Ukraine exchanged 200 prisoners of war on Friday, officials on both sides said."]
    alignment = align_story(story(*texts), vectors=None)
    assert any(len(f.outlets) == 2 for f in alignment.facts)


def test_vectors_are_asked_for_fact_sentences_only_once():
    asked: list[list[str]] = []

    def vectors(texts: list[str]) -> np.ndarray:
        asked.append(texts)
        return np.eye(len(texts), dtype=np.float32)

    align_story(story("One two three four five six.", "Seven eight nine ten eleven twelve."), vectors=vectors)
    assert len(asked) == 1 and len(asked[0]) == 2


def test_names_table_counts_mentions_and_folds_surnames():
    table = names_table([ArticleText("1", "A", "Talks", "Sergei Lavrov spoke. Later Lavrov left. Then Rubio said no."),
                         ArticleText("2", "B", "Talks", "Marco Rubio spoke.")])
    assert table["Sergei Lavrov"] == {"A": 2}
    assert table["Marco Rubio"] == {"A": 1, "B": 1}


def test_names_only_in_headings_are_not_counted():
    from compare.analysis.parse import parse_article

    text = ("Live Updates From The Capital\nThe mayor met Anna Lindqvist on Monday. Lindqvist said the port "
            "would reopen.\nWhat Happens Next For Lindqvist")
    table = names_table([parse_article("1", "A", "Big Week Ahead", text)])
    assert table == {"Anna Lindqvist": {"A": 2}}  # "Lindqvist said" joins the full name; headings add nothing


def test_unique_facts_are_reported_by_one_outlet_and_name_someone_or_give_a_number():
    alignment = align_story(articles("strike"), vectors=VECTORS)
    unique = alignment.unique_facts()
    assert unique
    for fact in unique:
        assert len(fact.outlets) == 1
        text = fact.sentences[0].text
        assert align.numbers(text) or align.proper_names(text)
    # A sentence with neither is never counted as a unique fact, even when no other outlet has it.
    plain = align_story(story("The weather was mild and the streets were quiet all day long.",
                              "Ministers argued for hours about money for schools and hospitals."), vectors=VECTORS)
    assert plain.unique_facts() == []


def test_a_fact_told_in_two_languages_is_named_by_its_english_sentence():
    # A stand-in multilingual model: a sentence and its translation share one vector.
    claims = {"rescu": 0, "rescat": 0, "emergen": 1}

    def vectors(texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 4), dtype=np.float32)
        for i, text in enumerate(texts):
            claim = next((c for stem, c in claims.items() if stem in text.lower()), 2 + i % 2)
            rows[i, claim] = 1.0
        return rows

    spanish = ArticleText("a", "A Diario", "Se derrumba el puente de Dorval",
                          "Los rescatistas sacaron con vida a dos personas del río Dorval el martes. "
                          "El gobernador declaró el estado de emergencia en la ciudad de Dorval.")
    english = ArticleText("b", "Zenith Wire", "Dorval bridge collapses",
                          "Rescuers pulled two people alive from the Dorval river on Tuesday. "
                          "The governor declared a state of emergency in the city of Dorval.")
    alignment = align_story([spanish, english], vectors=vectors)
    shared = [f for f in alignment.facts if f.outlets == {"A Diario", "Zenith Wire"}]
    assert shared, [(f.outlets, [s.text for s in f.sentences]) for f in alignment.facts]
    assert all(f.sentences[0].outlet == "Zenith Wire" for f in shared)


def test_rows_one_dispute_spans_become_one_row_unless_an_outlet_stands_in_both():
    from compare.analysis.align import Fact, Sentence, _rows_linked_by_disputes
    from compare.analysis.figures import Discrepancy
    from compare.quantities import quantities

    sentences = [Sentence("a", "Wire", 0, "France keeps about 1,500 troops in Niger."),
                 Sentence("b", "Daily", 3, "Nearly 2,000 French soldiers remain on Nigerien soil."),
                 Sentence("a", "Wire", 5, "France has 1,500 troops there, officials said."),
                 Sentence("c", "Review", 2, "Some 1,600 French troops are based in Niamey.")]
    outlet_of = np.array([0, 1, 0, 2])
    groups = [[0], [1], [2, 3]]
    facts = [Fact(n + 1, [sentences[k] for k in g]) for n, g in enumerate(groups)]

    def dispute(*ks: int) -> Discrepancy:
        return Discrepancy(1, "number", "troop", {sentences[k].outlet: (quantities(sentences[k].text)[0], sentences[k])
                                                  for k in ks})
    assert _rows_linked_by_disputes(groups, [dispute(0, 1)], facts, outlet_of) == [[0, 1], [2, 3]]
    # the wire stands in both rows: its two sentences are two claims, not one
    assert _rows_linked_by_disputes(groups, [dispute(0, 3)], facts, outlet_of) is None
    assert _rows_linked_by_disputes(groups, [], facts, outlet_of) is None


def test_counts_that_open_on_two_different_places_are_two_facts():
    texts = ["In Paris, police counted 81,000 marchers. In Marseille, 30,000 people marched, police said.",
             "In Lyon, 22,000 marched, according to the police. In Paris alone, 700,000 took to the streets."]
    alignment = align_story(story(*texts), vectors=VECTORS)
    for fact in alignment.facts:
        places = {re.match(r"In (\w+)", s.text).group(1) for s in fact.sentences}
        assert len(places) == 1, [s.text for s in fact.sentences]


@pytest.mark.parametrize("a, b, other", [("Paris", "Marseille", True), ("Texas", "Oklahoma", True),
                                         ("Kyiv", "Kiev", False), ("Paris", "Greater Paris", False),
                                         ("Gaza", "Gaza City", False)])
def test_a_place_spelt_two_ways_or_named_within_another_is_one_place(a, b, other):
    assert align._other_place(a, b) is other


def test_the_clauses_of_one_sentence_in_one_row_stand_there_once_as_that_sentence():
    from compare.analysis.align import _row_sentences, story_units
    from compare.analysis.parse import parse_article

    text = ("The storm killed four people on the coast on Monday, and it cut power to 60,000 homes "
            "across the province overnight. Rescue teams worked through the night.")
    units = story_units([parse_article("a", "Wire", "Storm", text)])
    clauses = [k for k, u in enumerate(units) if u.sentence.index == 0]
    assert len(clauses) == 2  # the sentence makes two claims
    [(sentence, first, figures)] = _row_sentences(clauses, units)
    assert sentence.clause is None and sentence.text == units[0].sentence.text
    assert first == clauses[0] and sorted(q.value for q in figures) == [4, 60_000]
    # One clause alone stays the clause.
    [(alone, _, _)] = _row_sentences(clauses[1:], units)
    assert alone.clause is not None and alone.text.startswith("it cut power")
