"""Facts across outlets: the same-fact scorer, alignment, omissions, conflicting figures, names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import ArticleText, align_story, fact_similarity, names_table, same_fact
from compare.demo.corpus import load_corpus

CORPUS = load_corpus()


def test_same_fact_scorer_on_paraphrases_and_unrelated_sentences():
    assert same_fact("The ferry ran aground off Skerrow on Monday with 140 passengers aboard.",
                     "On Monday the ferry ran aground near Skerrow carrying 140 passengers.")
    assert not same_fact("The ferry ran aground off Skerrow on Monday.", "Inflation rose to 6.1 percent in March.")
    assert fact_similarity("a b c", "a b c", score_cutoff=200) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120))
def test_fact_similarity_is_a_bounded_score(a, b):
    score = fact_similarity(a, b)
    assert 0.0 <= score <= 100.0


def articles(story: str) -> list[ArticleText]:
    return [ArticleText(a.id, a.outlet, a.title, a.text) for a in CORPUS.by_story()[story]]


def fact_holding(alignment, outlet: str, evidence: str):
    return next((f for f in alignment.facts for s in f.sentences if s.outlet == outlet and evidence in s.text), None)


def test_a_fact_takes_at_most_one_sentence_per_article():
    alignment = align_story(articles("talks"))
    for fact in alignment.facts:
        ids = [s.article_id for s in fact.sentences]
        assert len(ids) == len(set(ids))


def test_planted_fact_is_aligned_across_outlets():
    alignment = align_story(articles("talks"))
    fact = fact_holding(alignment, "cws", "mediated by Norlund's foreign minister Ingrid Halvorsen")
    assert fact is not None and {"cws", "karsk-today"} <= fact.outlets


def test_omission_of_one_sides_perspective():
    alignment = align_story(articles("talks"))
    fact = fact_holding(alignment, "cws", "Veldoria says at least 1,200 civilians have been killed in Dorva")
    assert fact is not None and "karsk-today" not in fact.outlets and len(fact.outlets) >= 3
    assert (fact, "karsk-today") in alignment.omissions()


@pytest.mark.parametrize(("story", "unit", "outlets"), [
    ("talks", "prisoner", {"cws", "karsk-today"}),
    ("talks", "hour", {"cws", "karsk-today"}),
    ("storm-mara", "home", {"courier", "vpr"}),
    ("lebed", "year", {"cws", "karsk-today"}),
    ("sanctions", "euro", {"cws", "karsk-today", "ledger"}),
])
def test_conflicting_figures_are_found_with_both_sentences(story, unit, outlets):
    alignment = align_story(articles(story))
    found = [d for d in alignment.discrepancies if d.unit == unit and outlets <= set(d.values)]
    assert found, [(d.unit, set(d.values)) for d in alignment.discrepancies]
    for outlet, (quantity, sentence) in found[0].values.items():
        assert quantity.text in sentence.text


def test_agreeing_figures_are_not_conflicts():
    texts = ["At least three people died in the storm, police said.", "Four people died in the storm, police said."]
    alignment = align_story([ArticleText(str(n), f"O{n}", "Storm", t) for n, t in enumerate(texts)])
    assert alignment.discrepancies == []


def test_names_table_counts_mentions_and_folds_surnames():
    table = names_table([ArticleText("1", "A", "Talks", "Petra Danek spoke. Later Danek left. Then Orsov said no."),
                         ArticleText("2", "B", "Talks", "Mikhail Orsov spoke.")])
    assert table["Petra Danek"] == {"A": 2}
    assert table["Mikhail Orsov"] == {"A": 1, "B": 1}


def test_unique_facts_have_substance():
    alignment = align_story(articles("strike"))
    unique = alignment.unique_facts()
    assert unique and all(len(f.outlets) == 1 for f in unique)
