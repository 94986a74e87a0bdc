"""Report, opinion or analysis: from declared metadata, the URL, and the headline or text."""

from __future__ import annotations

import pytest

from compare.kinds import (
    ANALYSIS,
    OPINION,
    REPORT,
    article_kind,
    kind_of_json_ld,
    kind_of_label,
    kind_of_labels,
    kind_of_text,
    kind_of_url,
)


@pytest.mark.parametrize("label, kind", [
    ("Opinion", OPINION), ("OPINION | Columnists", OPINION), ("Comment is free", OPINION), ("Op-Ed", OPINION),
    ("Editorials", OPINION), ("Letters", OPINION), ("Analysis", ANALYSIS), ("News analysis", ANALYSIS),
    ("Explainer", ANALYSIS), ("report", REPORT), ("World", ""), ("Politics", ""), ("Columbia", ""),
    ("Opinion-polls", ""),
])
def test_section_names_and_categories(label, kind):
    assert kind_of_label(label) == kind


def test_the_first_label_that_names_a_kind_wins():
    assert kind_of_labels(["World", "Europe", "Analysis"]) == ANALYSIS
    assert kind_of_labels(["World"]) == ""


def test_json_ld_type_graph_lists_and_sections():
    assert kind_of_json_ld(['{"@type": ["NewsArticle", "OpinionNewsArticle"]}']) == OPINION
    assert kind_of_json_ld(['{"@graph": [{"@type": "WebPage"}, {"@type": "AnalysisNewsArticle"}]}']) == ANALYSIS
    assert kind_of_json_ld(['{"@type": "NewsArticle", "articleSection": ["Commentary"]}']) == OPINION
    assert kind_of_json_ld(['{"@type": "NewsArticle", "articleSection": "World"}']) == ""
    assert kind_of_json_ld(["{not json", '{"@type": "ReportageNewsArticle"}']) == REPORT


@pytest.mark.parametrize("url, kind", [
    ("https://paper.example/opinion/2026/03/02/the-talks", OPINION),
    ("https://paper.example/commentisfree/2026/mar/02/talks", OPINION),
    ("https://paper.example/news/analysis/why-the-talks-failed", ANALYSIS),
    ("https://paper.example/world/2026/03/02/opinion-polls-show-lead", ""),
    ("https://paper.example/world/europe/talks-collapse", ""),
    (None, ""),
])
def test_url_paths(url, kind):
    assert kind_of_url(url) == kind


def test_headline_labels_and_disclaimers():
    assert kind_of_text("Opinion: The talks were doomed", "") == OPINION
    assert kind_of_text("ANALYSIS | Why the talks failed", "") == ANALYSIS
    assert kind_of_text("Talks fail", "The talks failed. The views expressed are the author's own.") == OPINION
    assert kind_of_text("Opinion polls show a lead", "Polls show a lead.") == ""


def test_declared_kind_wins_then_url_then_text_else_report():
    assert article_kind(declared="Opinion", url="https://p.example/analysis/x") == OPINION
    assert article_kind(url="https://p.example/analysis/x", title="Opinion: x") == ANALYSIS
    assert article_kind(title="Analysis: why", text="") == ANALYSIS
    assert article_kind(declared="news", url="https://p.example/world/x", title="Talks fail") == REPORT
