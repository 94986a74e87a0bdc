"""What the dashboard shows, as plain tables: every figure on screen comes from here.

Functions take an open :class:`Store` and return pandas DataFrames or small dataclasses, so
that the Streamlit app only lays them out, and tests can check them without a browser.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from compare.align import align_story
from compare.analysis import StoredVectors, story_articles
from compare.embed import load_embedder
from compare.export import FILES, export_rows, fact_matrix_rows, neutralise
from compare.match import Doc, featurize, tfidf
from compare.pair_scores import pair_features, probabilities
from compare.parse import parse_article, without_dateline
from compare.participants import Participants
from compare.pasted import PASTED, analyse_pasted
from compare.store import Store, is_server_url
from compare.stories import candidate_docs, load_term_stats
from compare.text import name_phrases, split_sentences


def database_state(target: str | Path) -> tuple[Any, ...]:
    """Changes whenever the database does: the dashboard's cache key.

    For an SQLite file, its and its WAL's times and sizes (no query needed); for a server,
    what :meth:`Store.state` reads."""
    if is_server_url(target):
        with Store(target) as store:
            return store.state()
    stamps = []
    for suffix in ("", "-wal"):
        candidate = Path(f"{target}{suffix}")
        if candidate.exists():
            stat = candidate.stat()
            stamps.append((stat.st_mtime, stat.st_size))
    return (max((s[0] for s in stamps), default=0.0), sum(s[1] for s in stamps))


def counts(store: Store) -> dict[str, int]:
    return store.counts()


def outlet_labels(store: Store) -> pd.DataFrame:
    frame = pd.DataFrame(store.outlet_label_rows(),
                         columns=["outlet", "country", "language", "ownership", "lean", "tags"])
    frame["tags"] = frame["tags"].map(lambda t: ", ".join(json.loads(t or "[]")))
    return frame


_STORY_COLUMNS = ["story_id", "title", "first_published", "last_published", "n_articles", "n_outlets",
                  "independent_outlets", "outlets"]


def stories_table(store: Store, *, text: str = "", start: date | None = None, end: date | None = None,
                  outlets: list[str] | None = None, label: tuple[str, str] | None = None,
                  min_outlets: int = 1, limit: int = 500, every_outlet: bool = True) -> pd.DataFrame:
    """Stories matching the filters, most recent first.

    ``outlets``: stories covered by every one of them (``every_outlet``), or by any of them.

    ``label`` is (column, value) of the outlet labels, e.g. ("ownership", "public broadcaster"):
    only stories covered by at least one outlet with that label.
    """
    frame = pd.DataFrame(store.find_stories(text=text, start=start, end=end, outlets=outlets,
                                            every_outlet=every_outlet, label=label, min_outlets=min_outlets,
                                            limit=limit), columns=_STORY_COLUMNS)
    frame["outlets"] = frame["outlets"].map(lambda o: ", ".join(json.loads(o)))
    return frame


def coverage_timeline(store: Store, story_ids: list[str]) -> pd.DataFrame:
    """Articles per day and outlet across the given stories (for the timeline chart)."""
    return pd.DataFrame(store.coverage_by_day(story_ids), columns=["day", "outlet", "articles"])


@dataclass
class StoryView:
    """Everything the story page shows."""

    story: dict[str, Any]
    articles: pd.DataFrame  # one row per article: outlet, headline, time, url, lead, tone
    facts: pd.DataFrame  # fact matrix: fact, n_outlets, one column per outlet (the sentence or "")
    omissions: pd.DataFrame
    unique: pd.DataFrame
    discrepancies: pd.DataFrame
    sources: pd.DataFrame  # one row per source per outlet: kind, attributions, quotes
    cues: pd.DataFrame
    contrasts: pd.DataFrame
    names: pd.DataFrame
    timeline: pd.DataFrame  # who reported first and when the others followed
    similarity: str = ""  # which similarity aligned the facts (a model's name, or compare.embed.LEXICAL)
    attributions: pd.DataFrame = field(default_factory=pd.DataFrame)  # sources.csv's rows for this story
    downloads: dict[str, pd.DataFrame] = field(default_factory=dict)  # export file name -> this story's rows

    @property
    def figures(self) -> pd.DataFrame:
        """Conflicting figures side by side: one row per disputed quantity, one column per outlet."""
        if self.discrepancies.empty:
            return pd.DataFrame(columns=["fact_id", "unit"])
        frame = self.discrepancies.pivot_table(index=["fact_id", "unit"], columns="outlet", values="value",
                                               aggfunc="first").reset_index().fillna("")
        frame.columns.name = None
        return frame

    @property
    def disputed(self) -> pd.DataFrame:
        """The figures for reading: "what" (the quantity and its fact), then each outlet's figure."""
        frame = self.figures
        if frame.empty:
            return pd.DataFrame(columns=["what"])
        facts = dict(zip(self.facts["fact_id"], self.facts["fact"])) if "fact" in self.facts else {}
        what = [f"{unit}: {short(without_dateline(str(facts.get(f, ''))), 80)}" for f, unit in
                zip(frame["fact_id"], frame["unit"])]
        return frame.drop(columns=["fact_id", "unit"]).assign(what=what).pipe(
            lambda f: f[["what", *[c for c in f.columns if c != "what"]]])

    @property
    def cue_rates(self) -> pd.DataFrame:
        """Framing cues per 1,000 words by category and outlet (for a bar chart)."""
        words = self.articles.assign(words=self.articles["text"].fillna("").str.split().str.len()).groupby(
            "outlet")["words"].sum()
        if self.cues.empty:
            return pd.DataFrame(columns=["outlet", "category", "per 1,000 words"])
        counts = self.cues.groupby(["outlet", "category"]).size().rename("cues").reset_index()
        counts["per 1,000 words"] = (1000 * counts["cues"] / counts["outlet"].map(words).clip(lower=1)).round(1)
        return counts[["outlet", "category", "per 1,000 words"]]


_CARD_COLUMNS = ["article_id", "outlet", "headline", "published", "url", "text", "wire_copy_of", "wire_share",
                 "wire_copy_outlet", "kind", "headline_tone", "text_tone"]
_STORY_TABLES = {"discrepancies": ["fact_id", "unit", "outlet", "value", "sentence"],
                 "cues": ["outlet", "article_id", "category", "term", "sentence_index", "start", "end", "sentence"],
                 "contrasts": ["fact_id", "outlet", "terms", "fact"],
                 "names": ["name", "outlet", "mentions"],
                 "attributions": ["story_id", "outlet", "article_id", "source", "kind", "quote", "sentence_index",
                                  "speaker_canonical", "cue", "speaker_as_written"]}


def _story_table(store: Store, table: str, story_id: str) -> pd.DataFrame:
    return pd.DataFrame(store.story_table(table, story_id), columns=_STORY_TABLES[table])


def story_view(store: Store, story_id: str) -> StoryView | None:
    story = store.story(story_id)
    if story is None:
        return None
    articles = pd.DataFrame(store.story_cards(story_id), columns=_CARD_COLUMNS)
    articles["lead"] = articles["text"].map(lambda t: (t or "").split("\n", 1)[0][:400])
    matrix = pd.DataFrame(fact_matrix_rows(store, story_id),
                          columns=["story_id", "fact_id", "outlet", "status", "article_id", "sentence",
                                   "n_outlets_reporting", "n_outlets_in_story", "fact", "sentence_index", "closest"])
    facts = _fact_grid(matrix, story["outlets"])
    omissions = matrix[matrix["status"] == "omitted"][["outlet", "fact_id", "n_outlets_reporting", "fact", "closest"]]
    unique = matrix[(matrix["n_outlets_reporting"] == 1) & (matrix["status"] == "reported")][
        ["outlet", "fact_id", "sentence"]]
    discrepancies = _story_table(store, "discrepancies", story_id)
    attributions = story_attributions(store, story_id)
    sources = sources_by_speaker(attributions)
    cues = _story_table(store, "cues", story_id)
    contrasts = _story_table(store, "contrasts", story_id)
    contrasts["terms"] = contrasts["terms"].map(lambda t: ", ".join(json.loads(t)))
    names = names_grid(_story_table(store, "names", story_id))
    return StoryView(story, articles, facts, omissions, unique, discrepancies, sources, cues, contrasts, names,
                     _timeline(articles), store.story_similarity(story_id), attributions,
                     story_downloads(store, story_id))


def names_grid(mentions: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Names x outlets from (name, outlet, mentions) rows, with a total, most mentioned first;
    the outlet columns in the order of ``outlets`` when given."""
    if mentions.empty:
        return mentions
    grid = mentions.pivot_table(index="name", columns="outlet", values="mentions", fill_value=0,
                                aggfunc="sum").astype(int).reset_index()
    grid.columns.name = None
    if outlets is not None:
        grid = grid[["name", *[o for o in outlets if o in grid.columns]]]
    grid["total"] = grid.drop(columns="name").sum(axis=1)
    return grid.sort_values(["total", "name"], ascending=[False, True])


def story_downloads(store: Store, story_id: str) -> dict[str, pd.DataFrame]:
    """One story's rows of every `export` file, in the same columns: what its downloads hold."""
    return {name: pd.DataFrame([tuple(r) for r in export_rows(store, name, story_id)], columns=columns)
            for name, columns in FILES.items()}


def story_attributions(store: Store, story_id: str) -> pd.DataFrame:
    """A story's attributions, one row each, as ``sources.csv`` has them."""
    return _story_table(store, "attributions", story_id)


def sources_by_speaker(attributions: pd.DataFrame) -> pd.DataFrame:
    """One row per source per outlet, from :func:`story_attributions`: kind, how often the outlet cites it, quotes.

    An outlet with two articles in the story lists a speaker once, with both articles' quotes.
    """
    columns = ["outlet", "source", "kind", "attributions", "quotes"]
    if attributions.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (outlet, speaker), group in attributions.groupby(["outlet", "speaker_canonical"], sort=False):
        quotes = list(dict.fromkeys(q for q in group["quote"] if q))
        rows.append({"outlet": outlet, "source": speaker, "kind": group["kind"].mode().iat[0],
                     "attributions": len(group), "quotes": " / ".join(f"“{q}”" for q in quotes[:5]),
                     "_first": group["sentence_index"].min()})
    frame = pd.DataFrame(rows).sort_values(["outlet", "attributions", "_first"], ascending=[True, False, True])
    return frame[columns].reset_index(drop=True)


# Characters that start Markdown, HTML, maths or emoji codes: written as character references,
# which Markdown shows as the characters and never reads as syntax.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~<:$@&]")
# Streamlit turns bare addresses into links after decoding those references ("https://...",
# "www.", "name@host"): an invisible word joiner inside each keeps it plain text.
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?=@)")
_JOINER = "\u2060"


def plain(text: object) -> str:
    """Text from a page or an import, for a call that renders Markdown: shown as written.

    A headline holding "[click](https://...)" or "![](https://.../pixel.png)" shows those
    characters and makes no link and fetches no image. Raw HTML needs nothing more: without
    ``unsafe_allow_html`` Streamlit shows tags as text.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    joined = _BARE_LINK.sub(_JOINER, str(text))
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", joined)


def when(moment: object) -> str:
    """A stored ISO time as a reader reads it: "2026-03-11 08:20 UTC" ("" when unknown)."""
    if moment is None or (isinstance(moment, float) and math.isnan(moment)) or not str(moment).strip():
        return ""
    stamp = pd.Timestamp(str(moment))
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "3 stories": a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def link(url: object, label: str) -> str:
    """A Markdown link to an article's own address, or "" when it is not http(s)."""
    address = "" if url is None or isinstance(url, float) else str(url)
    if not re.match(r"https?://[^\s]+$", address):
        return ""
    return f"[{plain(label)}](<{address.replace('<', '%3C').replace('>', '%3E')}>)"


OMITTED = "(omits this fact)"  # a matrix cell: the outlet covers the story but not this fact (README's rule)


REPORTED, OMITS, NOT_REPORTED = "● reports", "✘ omits", "·"
PRESENCE_COLOURS = {REPORTED: "#b9e3c6", OMITS: "#f6b6b0", NOT_REPORTED: "#f1f1f1"}


def short(text: str, limit: int = 110) -> str:
    """The start of a sentence, cut at a word, for a cell that must stay narrow."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def presence_grid(facts: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """The fact matrix at a glance: a fact's short text, how many report it, and per outlet
    (in the order given, e.g. publication order) whether it reports the fact, omits it (the
    README's rule: most outlets report it), or does not report it."""
    if facts.empty:
        return pd.DataFrame(columns=["fact", "reported by", *outlets])
    grid = pd.DataFrame({"fact": facts["fact"].map(lambda f: short(without_dateline(str(f)) or f)),
                         "reported by": facts["n_outlets_reporting"].map(
                             lambda n: f"{int(n)} of {len(outlets)}")})
    for outlet in outlets:
        grid[outlet] = facts[outlet].map(lambda cell: OMITS if cell == OMITTED else REPORTED if cell else
                                         NOT_REPORTED)
    return grid


def omissions_by_outlet(omissions: pd.DataFrame) -> dict[str, list[str]]:
    """Outlet -> the facts it left out (each fact's text), in the order of the matrix."""
    grouped: dict[str, list[str]] = {}
    for row in omissions.itertuples():
        grouped.setdefault(row.outlet, []).append(str(row.fact))
    return grouped


def _fact_grid(matrix: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    reported = matrix[matrix["status"] == "reported"]
    grid = reported.pivot_table(index=["fact_id", "fact", "n_outlets_reporting"], columns="outlet",
                                values="sentence", aggfunc="first").reset_index() if not reported.empty else \
        pd.DataFrame(columns=["fact_id", "fact", "n_outlets_reporting"])
    for outlet in outlets:
        if outlet not in grid.columns:
            grid[outlet] = None
    grid = grid[["fact_id", "fact", "n_outlets_reporting", *outlets]].fillna("")
    grid = grid.sort_values(["n_outlets_reporting", "fact_id"], ascending=[False, True]).reset_index(drop=True)
    omitted = set(zip(*(matrix.loc[matrix["status"] == "omitted", column] for column in ("fact_id", "outlet"))))
    for outlet in outlets:
        # A sentence that reports two facts stands in both rows: the second time, say where it was.
        first_row: dict[str, int] = {}
        cells = []
        for fact_id, sentence in zip(grid["fact_id"], grid[outlet]):
            if (fact_id, outlet) in omitted:
                cells.append(OMITTED)
            elif sentence in first_row:
                cells.append(f"(same sentence as fact {first_row[sentence]})")
            else:
                if sentence:
                    first_row[sentence] = fact_id
                cells.append(sentence)
        grid[outlet] = cells
    return grid


def _timeline(articles: pd.DataFrame) -> pd.DataFrame:
    if articles.empty:
        return pd.DataFrame(columns=["outlet", "first_article", "after_first"])
    first = articles.groupby("outlet")["published"].min().sort_values()
    start = pd.to_datetime(first.iloc[0])
    delays = (pd.to_datetime(first) - start).map(lambda d: _hours(d.total_seconds()))
    return pd.DataFrame({"outlet": first.index, "first_article": first.values, "after_first": delays.values})


def _hours(seconds: float) -> str:
    if seconds <= 0:
        return "first"
    hours = seconds / 3600
    return f"+{hours:.1f} h" if hours < 48 else f"+{hours / 24:.1f} days"


def _html_text(text: str) -> str:
    return plain(text).replace('"', "&quot;").replace("'", "&#x27;")


def highlighted_html(text: str, cues: pd.DataFrame) -> str:
    """The article's text as HTML with each cue in a <mark> of its category. Every piece of
    the article is escaped for HTML and for Markdown (see :func:`plain`: Streamlit still reads
    bare addresses in HTML as links): no markup from a page can reach the browser."""
    by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
    for cue in cues.itertuples():
        by_sentence.setdefault(int(cue.sentence_index), []).append((int(cue.start), int(cue.end), cue.category,
                                                                     cue.term))
    paragraphs, index = [], 0
    for line in text.splitlines():
        parts = []
        for sentence in split_sentences(line):
            cursor, pieces = 0, []
            for start, end, category, _ in sorted(by_sentence.get(index, [])):
                if start < cursor or end > len(sentence):
                    continue
                pieces.append(_html_text(sentence[cursor:start]))
                pieces.append(f'<mark class="cue cue-{html.escape(category)}" title="{html.escape(category)}">'
                              f"{_html_text(sentence[start:end])}</mark>")
                cursor = end
            pieces.append(_html_text(sentence[cursor:]))
            parts.append("".join(pieces))
            index += 1
        if parts:
            paragraphs.append("<p>" + " ".join(parts) + "</p>")
    return "\n".join(paragraphs)


_CUE_CATEGORIES = ("label", "emotive", "loaded_verb", "intensifier", "euphemism", "hedge", "unattributed")
_SOURCE_KINDS = ("official", "expert", "witness", "anonymous", "outlet", "document", "other")


def _blindspot_threshold(outlets_publishing: int, min_share: float) -> int:
    """Outlets a story needs to count as a blindspot of the others: at least two, and
    ``min_share`` of the outlets that published in the period (a feed added today counts not)."""
    return max(2, math.ceil(min_share * max(outlets_publishing, 1) - 1e-9))


def outlets_profile(store: Store, min_share: float = 0.5, *, start: date | None = None,
                    end: date | None = None) -> pd.DataFrame:
    """Per outlet, over the period (every article without one): stories covered, blindspots,
    framing cues per 1,000 words, tone, mix of sources. Each figure is one aggregate query."""
    outlets = outlet_labels(store)
    totals = store.outlet_totals(start, end)
    eligible, covered_eligible = store.blindspot_counts(
        _blindspot_threshold(totals["outlets_publishing"], min_share), start, end)
    rows = []
    for outlet in outlets.itertuples():
        stories, words = totals["covered"].get(outlet.outlet, (0, 0))
        cues = totals["cues"].get(outlet.outlet, {})
        kinds = totals["kinds"].get(outlet.outlet, {})
        tone = totals["tone"].get(outlet.outlet)
        words = max(words, 1)
        rows.append({"outlet": outlet.outlet, "country": outlet.country, "ownership": outlet.ownership,
                     "lean": outlet.lean, "stories": stories,
                     "share_of_stories": round(stories / max(totals["stories"], 1), 3),
                     "blindspots": eligible - covered_eligible.get(outlet.outlet, 0),
                     "tone": round(float(tone), 3) if tone is not None else None,
                     **{f"{c} per 1k words": round(1000 * cues.get(c, 0) / words, 2) for c in _CUE_CATEGORIES},
                     **{f"sources: {k}": kinds.get(k, 0) for k in _SOURCE_KINDS}})
    return pd.DataFrame(rows)


def blindspot_stories(store: Store, outlet: str, min_share: float = 0.5, *, start: date | None = None,
                      end: date | None = None) -> pd.DataFrame:
    """Stories of the period most other outlets covered and this one did not."""
    threshold = _blindspot_threshold(store.outlet_totals(start, end)["outlets_publishing"], min_share)
    return pd.DataFrame(store.blindspot_rows(outlet, threshold, start, end),
                        columns=["story_id", "title", "first_published", "n_outlets"])


def feeds_table(store: Store) -> pd.DataFrame:
    frame = pd.DataFrame([vars(h) for h in store.feed_health()])
    if frame.empty:
        return frame
    frame["state"] = frame.apply(lambda r: "never polled" if r["last_attempt"] is None else (
        "ok" if r["consecutive_failures"] == 0 else f"failing ({r['consecutive_failures']} in a row)"), axis=1)
    return frame[["outlet", "url", "state", "error", "http_status", "last_attempt", "last_success",
                  "consecutive_failures", "entries_seen", "new_articles"]]


def readable_feeds(frame: pd.DataFrame) -> pd.DataFrame:
    """The feeds table for reading: failing feeds first, times as "2026-03-11 08:20 UTC", no "None"."""
    shown = frame.sort_values(["consecutive_failures", "outlet"], ascending=[False, True]).copy()
    for column in ("last_attempt", "last_success"):
        shown[column] = shown[column].map(when)
    shown["error"] = shown["error"].fillna("")
    shown["http_status"] = shown["http_status"].map(lambda v: "" if v is None or v != v else str(int(v)))
    return shown.rename(columns={"http_status": "HTTP status", "last_attempt": "last polled",
                                 "last_success": "last read", "consecutive_failures": "failures in a row",
                                 "entries_seen": "entries seen", "new_articles": "new articles"})


def to_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes for a download button, as `export` writes: formula cells and headers
    neutralised, whole numbers without ".0", nothing for a missing value."""
    shown = frame.copy()
    shown.columns = [neutralise(str(c)) for c in shown.columns]
    for column in shown.columns:
        values = shown[column]
        if values.dtype.kind == "f" and values.dropna().map(float.is_integer).all():
            shown[column] = values.map(lambda v: "" if v != v else int(v))
    return shown.map(neutralise).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


# -- compare an article --------------------------------------------------------------------

_MAX_CANDIDATES = 5000  # stored articles compared with a pasted one


def matching_stories(store: Store, title: str, text: str, *, limit: int = 5) -> pd.DataFrame:
    """Stories the given article most likely belongs to, best first (score 0-1).

    Only stored articles that mention one of the pasted article's names (or, without names,
    the most recent ones) are compared, weighted by the corpus's own term statistics, so
    the cost does not grow with the whole database.
    """
    names = list(dict.fromkeys(name_phrases(f"{title}. {text[:2500]}")))[:8]
    candidates = candidate_docs(store, names, _MAX_CANDIDATES)
    if not candidates:
        return pd.DataFrame(columns=["story_id", "title", "score"])
    pasted = Doc("pasted", "Your article", 0.0, title, text)
    for doc in candidates:
        doc.time = 0.0  # a pasted article has no date of its own: time plays no part here
    docs = [pasted, *candidates]
    counts, names = featurize(docs)
    stats = load_term_stats(store)
    if stats.n_docs == 0:
        stats.add(counts)
    vectors = tfidf(counts, stats)
    participants = Participants.build(names, counts, stats.idf())
    cosine = (vectors[1:] @ vectors[0].T).toarray().ravel()
    close = np.flatnonzero(cosine > 0.05) + 1  # rows of docs alike enough to score
    scores = probabilities(pair_features(docs, participants, np.zeros(len(close), dtype=np.int64), close,
                                         cosine[close - 1], window_days=4.0))
    best: dict[str, float] = {}
    for row, score in zip(close.tolist(), scores.tolist()):
        story = docs[row].story_id
        best[story] = max(best.get(story, 0.0), score)  # type: ignore[index,arg-type]
    ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
    titles = store.story_titles([s for s, _ in ranked])
    return pd.DataFrame([{"story_id": s, "title": titles.get(s, ""), "score": round(v, 3)} for s, v in ranked])


def compare_with_story(store: Store, story_id: str, title: str, text: str) -> StoryView:
    """The story's comparison with the pasted article as its first column (nothing is stored)."""
    view = story_view(store, story_id)
    assert view is not None
    pasted = parse_article("pasted", PASTED, title, text)
    articles = [*story_articles(store, story_id), pasted]
    embedder = load_embedder("auto")
    alignment = align_story(articles, vectors=StoredVectors(store, embedder) if embedder else None)
    outlets = [PASTED, *sorted({a.outlet for a in articles} - {PASTED})]
    records = []
    for fact in alignment.facts:
        if len(fact.outlets) < 2 and PASTED not in fact.outlets:
            continue
        records.append({"fact_id": fact.id, "fact": fact.sentences[0].text, "n_outlets_reporting": len(fact.outlets),
                        **{o: (fact.sentence_of(o).text if fact.sentence_of(o) else "") for o in outlets}})
    omitted = {(o.outlet, o.fact.id) for o in alignment.omission_list}
    for record in records:
        for outlet in outlets:
            if (outlet, record["fact_id"]) in omitted:
                record[outlet] = OMITTED
    view.facts = pd.DataFrame(records).sort_values(["n_outlets_reporting", "fact_id"], ascending=[False, True]) \
        if records else pd.DataFrame(columns=["fact_id", "fact", "n_outlets_reporting", *outlets])
    view.omissions = pd.DataFrame([{"outlet": o.outlet, "fact_id": o.fact.id,
                                    "n_outlets_reporting": len(o.fact.outlets), "fact": o.fact.sentences[0].text,
                                    "closest": o.closest.text if o.closest else ""}
                                   for o in alignment.omission_list],
                                  columns=["outlet", "fact_id", "n_outlets_reporting", "fact", "closest"])
    view.discrepancies = pd.DataFrame([{"fact_id": d.fact_id, "unit": d.unit, "outlet": o, "value": q.text,
                                        "sentence": s.text} for d in alignment.discrepancies
                                       for o, (q, s) in d.values.items()],
                                      columns=["fact_id", "unit", "outlet", "value", "sentence"])
    mine = analyse_pasted(title, text, frozenset(outlet_labels(store)["outlet"]), parsed=pasted)
    view.cues = pd.concat([mine.cues.assign(outlet=PASTED, article_id="pasted"), view.cues], ignore_index=True)
    view.sources = pd.concat([mine.sources.assign(outlet=PASTED)[view.sources.columns], view.sources],
                             ignore_index=True)
    names = pd.DataFrame([(name, outlet, count) for name, counts in alignment.names.items()
                          for outlet, count in counts.items()], columns=["name", "outlet", "mentions"])
    if not names.empty:
        view.names = names_grid(names, outlets)
    view.articles = pd.concat([pd.DataFrame([{
        "article_id": "pasted", "outlet": PASTED, "headline": title, "published": "", "url": "", "text": text,
        "kind": "report", "lead": text.split("\n", 1)[0][:400], "headline_tone": mine.headline_tone,
        "text_tone": mine.text_tone}]), view.articles], ignore_index=True)
    view.story = {**view.story, "outlets": outlets, "n_articles": len(view.articles),
                  "n_independent": int(view.story.get("n_independent") or len(outlets) - 1) + 1}
    view.downloads = {}  # the pasted article is not stored: downloads show what the screen shows
    return view


def default_db_path() -> str:
    return os.environ.get("NEWS_COMPARE_DB", "compare.db")
