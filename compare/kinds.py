"""What kind of piece an article is: a news report, an opinion piece or an analysis.

Opinion and analysis pieces about an event belong in its story, but a reader must see them
apart, and an outlet that ran only a column has not "omitted" the facts of the reports.
The kind comes from what the page itself declares where it does (schema.org JSON-LD
``@type``, the ``article:section`` meta tag, a feed entry's categories, an import's ``kind``
field), then from the URL's path (``/opinion/``, ``/commentisfree/``, ``/analysis/``), then
from the text (a headline labelled "Opinion:" or "Analysis |", an opinion disclaimer).
Anything else is a report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urlsplit

REPORT, OPINION, ANALYSIS = "report", "opinion", "analysis"
KINDS = (REPORT, OPINION, ANALYSIS)

# schema.org's NewsArticle subtypes that say what a piece is (a plain NewsArticle says nothing).
_SCHEMA_TYPES = {
    "opinionnewsarticle": OPINION, "reviewnewsarticle": OPINION, "analysisnewsarticle": ANALYSIS,
    "backgroundnewsarticle": ANALYSIS, "reportagenewsarticle": REPORT,
}
# Section names and category labels, as words (matched whole, in any case).
_OPINION_WORDS = r"opinions?|comment(?:ary|aries)?|commentisfree|op-?eds?|editorials?|columns?|columnists?|" \
                 r"viewpoints?|perspectives?|letters|voices|ideas"
_ANALYSIS_WORDS = r"analysis|analyses|news[- ]analysis|explainers?|explained|fact[- ]?checks?|in[- ]depth|" \
                  r"background(?:er)?"
# A label that opens with such a word: "Opinion", "Opinion | Columnists", "Comment is free".
_OPINION_LABEL = re.compile(rf"^\s*(?:{_OPINION_WORDS})\b(?!-)", re.I)
_ANALYSIS_LABEL = re.compile(rf"^\s*(?:{_ANALYSIS_WORDS})\b(?!-)", re.I)
# URL path segments ("/opinion/", "/2024/05/op-ed-the-plan", "/news/analysis/").
_OPINION_PATH = re.compile(rf"(?:^|/)(?:{_OPINION_WORDS})(?:/|$)", re.I)
_ANALYSIS_PATH = re.compile(rf"(?:^|/)(?:{_ANALYSIS_WORDS})(?:/|$)", re.I)
# A headline's own label: "Opinion: ...", "OPINION | ...", "Analysis - ...", "Editorial: ...".
_OPINION_TITLE = re.compile(r"^\s*(?:opinion|op-ed|editorial|commentary|comment|column|view(?:point)?|"
                            r"letters?(?: to the editor)?)\s*[:|\-–—]\s", re.I)
_ANALYSIS_TITLE = re.compile(r"^\s*(?:analysis|news analysis|explainer|fact check|factbox|q&a)\s*[:|\-–—]\s",
                             re.I)
# What opinion pages print under a column.
_OPINION_TEXT = re.compile(
    r"\b(?:the views expressed (?:here |in this (?:article|column|piece) )?are (?:those of the author|the author's|"
    r"(?:his|her|their) own)|(?:is|are) (?:a|an) (?:contributing )?(?:opinion )?columnist|"
    r"this is an opinion (?:piece|column|article)|opinion pieces? (?:reflect|represent))\b", re.I)


def kind_of_label(label: str) -> str:
    """The kind a section name, category or declared kind names ("Opinion", "Comment is free",
    "Analysis", "report"), or "" when it names none."""
    text = " ".join(label.split())
    lowered = text.lower()
    if lowered in KINDS:
        return lowered
    if _OPINION_LABEL.match(text):
        return OPINION
    if _ANALYSIS_LABEL.match(text):
        return ANALYSIS
    return ""


def kind_of_labels(labels: Iterable[str]) -> str:
    """The first kind any of ``labels`` names ("" when none does)."""
    return next((kind for kind in map(kind_of_label, labels) if kind), "")


def kind_of_json_ld(scripts: Iterable[str]) -> str:
    """The kind schema.org JSON-LD blocks declare, by ``@type`` or ``articleSection`` ("" when none).

    >>> kind_of_json_ld(['{"@context": "https://schema.org", "@type": "OpinionNewsArticle"}'])
    'opinion'
    """
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue  # a broken block says nothing
        for node in _nodes(data):
            types = node.get("@type", [])
            for kind in (_SCHEMA_TYPES.get(str(t).lower(), "") for t in (types if isinstance(types, list) else [types])):
                if kind:
                    return kind
            sections = node.get("articleSection", [])
            kind = kind_of_labels(str(s) for s in (sections if isinstance(sections, list) else [sections]))
            if kind:
                return kind
    return ""


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document (top level, lists and ``@graph``)."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def kind_of_url(url: str | None) -> str:
    """The kind a URL's path names ("" when none does).

    >>> kind_of_url("https://news.example/opinion/2024/05/01/the-plan")
    'opinion'
    >>> kind_of_url("https://news.example/world/2024/05/01/opinion-polls-show-a-lead")
    ''
    """
    if not url:
        return ""
    path = unquote(urlsplit(url).path)
    if _OPINION_PATH.search(path):
        return OPINION
    if _ANALYSIS_PATH.search(path):
        return ANALYSIS
    return ""


def kind_of_text(title: str, text: str) -> str:
    """The kind a headline's own label or an opinion disclaimer in the text names ("" when none)."""
    if _OPINION_TITLE.match(title):
        return OPINION
    if _ANALYSIS_TITLE.match(title):
        return ANALYSIS
    if _OPINION_TEXT.search(text[:600]) or _OPINION_TEXT.search(text[-600:]):
        return OPINION
    return ""


def article_kind(*, declared: str = "", url: str | None = None, title: str = "", text: str = "") -> str:
    """An article's kind: what its page, feed or import declares, else its URL, else its text, else a report."""
    return kind_of_label(declared) or kind_of_url(url) or kind_of_text(title, text) or REPORT
