"""What differs between a story's outlets: the list the story page leads with, from the demo database."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from compare.store import Store
from compare.ui import differences, views
from compare.ui.differences import FIGURES, LEFT_OUT, ONLY_ONE, OutletSide


@pytest.fixture(scope="module")
def talks(demo_db):
    with Store(demo_db) as store:
        story_id = views.stories_table(store, text="Saldenburg")["story_id"].iloc[0]
        view = views.story_view(store, story_id)
    outlets = list(dict.fromkeys(view.articles["outlet"]))
    return view, outlets, differences.story_facts(view, outlets)


def test_omissions_and_disputes_lead_most_reported_first(talks):
    view, outlets, grouped = talks
    # Every stored omission is listed, with its outlet named and its closest sentence beside it.
    by_id = {f.fact_id: f for f in grouped.differs}
    for row in view.omissions.itertuples():
        fact = by_id[row.fact_id]
        assert LEFT_OUT in fact.kinds and row.outlet in fact.left_out_by
        side = next(s for s in fact.sides if s.outlet == row.outlet)
        assert not side.reports and side.closest == row.closest
    # The demo's Daily Trumpet leaves out the second round in two weeks (truth.toml: not among its facts).
    next_round = next(f for f in grouped.differs if "two weeks" in f.fact and LEFT_OUT in f.kinds)
    assert "The Daily Trumpet" in next_round.left_out_by
    # Every disputed quantity, with every outlet's value as stored.
    for fact_id, rows in view.discrepancies.groupby("fact_id"):
        fact = by_id[int(fact_id)]
        assert FIGURES in fact.kinds
        assert {v for _, given in fact.disputes for v in given} == set(zip(rows["outlet"], rows["value"]))
    assert {"nine hours", "more than 12 hours"} <= {v for f in grouped.differs for _, g in f.disputes for _, v in g}
    # Most widely reported first, then the earliest; the facts one outlet alone reports after the others.
    keys = [(-f.n_outlets, f.position) for f in grouped.differs]
    assert keys == sorted(keys)
    assert grouped.differs[0].n_outlets == len(outlets) and FIGURES in grouped.differs[0].kinds
    alone = [f for f in grouped.differs if ONLY_ONE in f.kinds]
    assert alone and all(f.n_outlets == 1 and len(f.reported_by) == 1 for f in alone)
    assert not any(f.fact.startswith("Karsk Today will continue") for f in alone)  # an outlet naming itself
    assert not any(f.fact.startswith("Tell us what you think") for f in alone)  # a call to readers


def test_every_fact_is_in_one_group_and_the_shared_ones_are_every_outlets(talks):
    view, outlets, grouped = talks
    listed = [f.fact_id for group in (grouped.differs, grouped.shared, grouped.others) for f in group]
    assert sorted(listed) == sorted(view.facts["fact_id"])
    assert all(f.n_outlets == len(outlets) and not f.kinds for f in grouped.shared)
    assert all(f.n_outlets < len(outlets) and not f.left_out_by for f in grouped.others)
    # Sides are in the page's order, one per outlet.
    assert all([s.outlet for s in f.sides] == outlets for f in grouped.differs)


def test_an_outlet_with_two_sentences_in_one_fact_keeps_both(demo_db):
    columns = views.FILES["facts.csv"]
    with Store(demo_db) as store:
        rows = pd.DataFrame(views.fact_matrix_rows(store), columns=columns)
        # The page shows a clause where the sentence makes two claims (see views.story_view).
        rows["sentence"] = rows["clause"].where(rows["clause"] != "", rows["sentence"])
        reported = rows[rows["status"] == "reported"]
        doubled = reported[reported.duplicated(["story_id", "fact_id", "outlet"], keep=False)]
        distinct = doubled.groupby(["story_id", "fact_id", "outlet"])["sentence"].transform("nunique") > 1
        assert distinct.any(), "the demo has an outlet with two sentences in one fact"
        story_id = doubled.loc[distinct, "story_id"].iloc[0]
        view = views.story_view(store, story_id)
    outlets = list(dict.fromkeys(view.articles["outlet"]))
    grouped = differences.story_facts(view, outlets)
    facts = {f.fact_id: f for group in (grouped.differs, grouped.shared, grouped.others) for f in group}
    for (fact_id, outlet), group in doubled[doubled["story_id"] == story_id].groupby(["fact_id", "outlet"]):
        # Its articles in publication order, each one's sentences in order; a sentence twice (two of
        # its clauses in the fact) shown once.
        rank = {a: n for n, a in enumerate(view.articles["article_id"])}
        group = group.assign(rank=group["article_id"].map(rank), index=group["sentence_index"].astype(int))
        ordered = list(dict.fromkeys(group.sort_values(["rank", "index"])["sentence"]))
        cell = view.facts.loc[view.facts["fact_id"] == fact_id, outlet].iloc[0]
        assert cell.split(views.SENTENCE_BREAK) == ordered
        side = next(s for s in facts[int(fact_id)].sides if s.outlet == outlet)
        assert list(side.sentences) == ordered


def test_marked_html_marks_whole_words_and_escapes_the_rest():
    sentence = 'At least 9 <b>innocent</b> people were "slaughtered" [here](https://x.example), said Innocenti.'
    marked = differences.marked_html(sentence, ("innocent", "slaughtered"), ("9",))
    assert marked.count('<mark class="differs">') == 2 and marked.count('<mark class="figure">') == 1
    assert '<mark class="differs">innocent</mark>' in marked and "Innocenti" in marked  # a word, not a part of one
    assert "<b>" not in marked and "](https" not in marked and '"' not in marked.replace('class="differs"', "") \
        .replace('class="figure"', "")
    unmarked = html.unescape(marked.replace('<mark class="differs">', "").replace('<mark class="figure">', "")
                             .replace("</mark>", "")).replace("\u2060", "")
    assert unmarked == sentence


def test_side_html_says_not_reported_and_shows_the_closest_sentence_in_grey():
    left_out = differences.side_html(OutletSide("The <i>Trumpet</i>", left_out=True, closest="Vote <now>."))
    assert "not reported (left out)" in left_out and 'class="side-closest"' in left_out
    assert "<i>" not in left_out and "<now>" not in left_out
    silent = differences.side_html(OutletSide("Karsk Today"))
    assert "not reported" in silent and "left out" not in silent and "side-closest" not in silent
    reported = differences.side_html(OutletSide("CWS", ("One.", "Two killed."), terms=("killed",)))
    assert reported.index("One&#46;") < reported.index("Two") and '<mark class="differs">killed</mark>' in reported


def test_an_outlet_whose_figure_stands_in_another_sentence_shows_it_and_is_not_called_silent():
    elsewhere = OutletSide("Karsk Today", elsewhere=("They raised an exchange of 250 prisoners.",),
                           figures=("400 prisoners", "250 prisoners"))
    shown = differences.side_html(elsewhere)
    assert "its figure, in another sentence:" in shown and '<mark class="figure">250 prisoners</mark>' in shown
    fact = differences.FactRow(1, "Veldoria proposed an exchange of 400 prisoners.", 1, 0.0,
                               (OutletSide("CWS", ("Veldoria proposed an exchange of 400 prisoners.",)), elsewhere),
                               (FIGURES,), (("prisoner", (("CWS", "400 prisoners"), ("Karsk Today", "250 prisoners"))),))
    assert fact.silent == []
    assert differences.who(fact) == ("Reported by CWS. Karsk Today gives a figure of it in another sentence. "
                                      "Figures differ: CWS 400 prisoners, Karsk Today 250 prisoners.")


def test_a_side_names_its_language_only_when_the_story_mixes_languages(talks):
    view, outlets, grouped = talks
    assert view.languages == {}  # the demo's outlets all write in English: nothing to mark
    assert all(not side.language for f in grouped.differs for side in f.sides)
    mixed = views.StoryView(**{**view.__dict__, "articles": view.articles.assign(
        language=["es" if o == outlets[0] else "en" for o in view.articles["outlet"]])})
    assert mixed.languages[outlets[0]] == "Spanish" and mixed.languages[outlets[1]] == "English"
    regrouped = differences.story_facts(mixed, outlets)
    side = next(f for f in regrouped.differs if f.sides[0].reports).sides[0]
    assert side.language == "Spanish"
    assert '<span class="side-language">Spanish</span>' in differences.side_html(side)
