"""The demo corpus and its ground truth: complete, and consistent with the articles."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from rapidfuzz import fuzz

from compare.demo.corpus import load_corpus, parse_article

CORPUS = load_corpus()
STORIES = CORPUS.by_story()
TRUTH = CORPUS.truth


def story_text(story: str, outlet: str) -> str:
    return "\n".join(f"{a.title}\n{a.text}" for a in STORIES[story] if a.outlet == outlet)


def outlets_in(story: str) -> set[str]:
    return {a.outlet for a in STORIES[story]}


def test_outlets_have_distinct_voices_and_labels():
    assert len(CORPUS.outlets) >= 6
    ownerships = Counter(o.ownership for o in CORPUS.outlets.values())
    assert {"news agency", "public broadcaster", "state-controlled"} <= set(ownerships)
    styles = {o.style for o in CORPUS.outlets.values()}
    assert {"wire", "broadcaster", "state", "tabloid", "regional", "magazine"} <= styles
    assert {o.feed for o in CORPUS.outlets.values()} == {"rss", "atom"}


def test_articles_are_long_enough_and_span_a_week():
    assert len(CORPUS.articles) >= 40
    for article in CORPUS.articles:
        assert 300 <= article.word_count <= 900, (article.id, article.word_count)
        assert article.outlet in CORPUS.outlets, article.id
    days = {a.published.date() for a in CORPUS.articles}
    assert min(days) == CORPUS.start and max(days) - min(days) <= timedelta(days=6)
    assert len(days) >= 6


def test_story_mix():
    multi = [s for s in STORIES if len(outlets_in(s)) >= 2]
    single = [s for s in STORIES if len(outlets_in(s)) == 1]
    assert len(multi) >= 8 and len(single) >= 3
    assert set(TRUTH["stories"]) == set(multi), "every multi-outlet story has its ground truth"


@pytest.mark.parametrize("story", sorted(TRUTH["stories"]))
def test_every_planted_fact_is_in_the_articles_it_names(story):
    truth = TRUTH["stories"][story]
    present = outlets_in(story)
    assert len(truth["facts"]) >= 3
    for fact in truth["facts"]:
        assert len(fact["evidence"]) >= 2, fact["id"]
        for outlet, evidence in fact["evidence"].items():
            assert outlet in present, (fact["id"], outlet)
            assert evidence in story_text(story, outlet), (fact["id"], outlet, evidence)


def test_omissions_are_planted_including_one_sides_perspective():
    omitted = [(story, fact["id"], present - set(fact["evidence"]))
               for story, truth in TRUTH["stories"].items()
               for fact in truth["facts"]
               for present in [outlets_in(story)] if present - set(fact["evidence"])]
    assert len(omitted) >= 8
    assert any(story == "talks" and fact == "civilian-toll" and "karsk-today" in who for story, fact, who in omitted)
    assert any(story == "strike" and fact == "union-voice" and "trumpet" in who for story, fact, who in omitted)


@pytest.mark.parametrize("story", sorted(TRUTH["stories"]))
def test_each_story_has_a_conflicting_figure_worded_differently(story):
    figures = TRUTH["stories"][story]["figures"]
    assert figures
    for figure in figures:
        values = {v["value"] for v in figure["value"].values()}
        assert len(values) >= 2, figure["what"]
        for outlet, value in figure["value"].items():
            assert value["evidence"] in story_text(story, outlet), (figure["what"], outlet)


def test_loaded_terms_hedges_and_sources_appear_where_planted():
    checked = 0
    for story, truth in TRUTH["stories"].items():
        for key in ("loaded", "hedges", "sources"):
            for item in truth.get(key, []):
                needle = item.get("term") or item["source"]
                assert needle.lower() in story_text(story, item["outlet"]).lower(), (story, key, needle)
                checked += 1
    assert checked >= 60
    kinds = {s["kind"] for t in TRUTH["stories"].values() for s in t["sources"]}
    assert {"official", "expert", "witness", "anonymous", "outlet", "document"} <= kinds
    categories = {t["category"] for story in TRUTH["stories"].values() for t in story.get("loaded", [])}
    assert {"label", "emotive", "euphemism", "intensifier"} <= categories


def test_loaded_and_neutral_wording_for_the_same_thing():
    talks_kt = story_text("talks", "karsk-today")
    assert "special security operation" in talks_kt and "invasion" not in talks_kt
    assert "invasion" in story_text("talks", "vpr")
    assert "Estmark regime" in talks_kt


def test_wire_copy_is_a_lightly_edited_reprint_with_an_added_paragraph():
    for copy in TRUTH["wire_copy"]:
        reprint, original = CORPUS.article(copy["article"]), CORPUS.article(copy["copy_of"])
        assert reprint.outlet != original.outlet and reprint.story == original.story
        kept = [p for p in original.paragraphs if max(fuzz.ratio(p, q) for q in reprint.paragraphs) >= 90]
        assert len(kept) >= len(original.paragraphs) * 0.45  # reprints drop the tail, as real ones do
        assert set(reprint.paragraphs) != set(original.paragraphs)  # edited
        assert copy["added"] in reprint.text and copy["added"] not in original.text


def test_hard_negatives_and_follow_ups():
    for a, b in TRUTH["hard_negatives"]:
        assert a in STORIES and b in STORIES and a != b
    for follow in TRUTH["follow_ups"]:
        later, earlier = CORPUS.article(follow["article"]), CORPUS.article(follow["follows"])
        assert later.story == earlier.story and later.outlet == earlier.outlet
        assert later.published - earlier.published >= timedelta(days=1)


def test_article_header_is_checked():
    with pytest.raises(ValueError, match="header lacks"):
        parse_article("x", "outlet: cws\n\nBody.", CORPUS.start)
    with pytest.raises(ValueError, match="bad header line"):
        parse_article("x", "outlet: cws\ncolour: red\n\nBody.", CORPUS.start)
