"""What the dashboard shows, as plain tables: every figure on screen comes from here.

Functions take an open :class:`Store` and return pandas DataFrames or small dataclasses, so
that the Streamlit app only lays them out, and tests can check them without a browser.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from compare.analysis.parse import without_dateline
from compare.language import language_name
from compare.store import Store, is_server_url
from compare.store.reading import OWN_WORD
from compare.ui.export import FILES, export_rows, fact_matrix_rows
from compare.ui.label_grid import label_grids

# The reader-facing formatting lives in markup; the dashboard reaches it through this module.
from compare.ui.markup import counted, highlighted_html, link, plain, short, to_csv, when  # noqa: F401


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


def busiest_first(stories: pd.DataFrame) -> pd.DataFrame:
    """Stories (as :func:`stories_table` gives them) with the most independent outlets first,
    then the most outlets, then the latest: where a comparison has the most to show."""
    if stories.empty:
        return stories
    return stories.sort_values(["independent_outlets", "n_outlets", "last_published"], ascending=False,
                               kind="stable").reset_index(drop=True)


def coverage_timeline(store: Store, story_ids: list[str]) -> pd.DataFrame:
    """Articles per day and outlet across the given stories (for the timeline chart)."""
    return pd.DataFrame(store.coverage_by_day(story_ids), columns=["day", "outlet", "articles"])


@dataclass
class StoryView:
    """Everything the story page shows."""

    story: dict[str, Any]
    articles: pd.DataFrame  # one row per article: outlet, headline, time, url, lead, tone
    # fact matrix: fact_id, fact, n_outlets_reporting, one column per outlet (its sentences of the fact,
    # OMITTED or ""), position (the earliest sentence index any outlet gives the fact)
    facts: pd.DataFrame
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
    # each article's sentences: where they stand in its text, for highlighting its cues
    sentences: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_STORY_TABLES["sentences"]))
    # entity x outlet: the words each outlet attaches to the same person or group, where they differ
    labels: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["entity"]))
    # entity x outlet: every way each outlet names the same person or group, where they differ
    naming: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["entity"]))

    @property
    def languages(self) -> dict[str, str]:
        """Each outlet's language by name ("Spanish"), when the story is told in more than one
        language (else empty: nothing to mark)."""
        if "language" not in self.articles:
            return {}
        known = self.articles[self.articles["language"].fillna("") != ""]
        if known["language"].nunique() < 2:
            return {}
        return {str(o): language_name(str(code)) for o, code in zip(known["outlet"], known["language"])}

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
        cues = self.cues[self.cues["category"] != OWN_WORD]  # a few per outlet whatever it writes: no rate
        if cues.empty:
            return pd.DataFrame(columns=["outlet", "category", "per 1,000 words"])
        counts = cues.groupby(["outlet", "category"]).size().rename("cues").reset_index()
        counts["per 1,000 words"] = (1000 * counts["cues"] / counts["outlet"].map(words).clip(lower=1)).round(1)
        return counts[["outlet", "category", "per 1,000 words"]]

    @property
    def own_words(self) -> pd.DataFrame:
        """Each outlet's own words (those no other outlet of the story used), in the order they
        stand in its articles, headline first: one row per outlet."""
        mine = self.cues[self.cues["category"] == OWN_WORD].sort_values(["outlet", "sentence_index", "start"])
        if mine.empty:
            return pd.DataFrame(columns=["outlet", "its own words"])
        return mine.groupby("outlet", sort=False)["term"].agg(lambda t: ", ".join(dict.fromkeys(t))).rename(
            "its own words").reset_index()


_CARD_COLUMNS = ["article_id", "outlet", "headline", "published", "url", "text", "wire_copy_of", "wire_share",
                 "wire_copy_outlet", "kind", "headline_tone", "text_tone", "language"]
_STORY_TABLES = {"discrepancies": ["fact_id", "unit", "outlet", "value", "sentence"],
                 "cues": ["outlet", "article_id", "category", "term", "sentence_index", "start", "end", "sentence"],
                 "contrasts": ["fact_id", "outlet", "terms", "fact"],
                 "names": ["name", "outlet", "mentions"],
                 "attributions": ["story_id", "outlet", "article_id", "source", "kind", "quote", "sentence_index",
                                  "speaker_canonical", "cue", "speaker_as_written"],
                 "sentences": ["article_id", "sentence_index", "start", "end", "text"]}


def _story_table(store: Store, table: str, story_id: str) -> pd.DataFrame:
    return pd.DataFrame(store.story_table(table, story_id), columns=_STORY_TABLES[table])


def story_view(store: Store, story_id: str) -> StoryView | None:
    story = store.story(story_id)
    if story is None:
        return None
    articles = pd.DataFrame(store.story_cards(story_id), columns=_CARD_COLUMNS)
    articles["lead"] = articles["text"].map(lambda t: (t or "").split("\n", 1)[0][:400])
    matrix = pd.DataFrame(fact_matrix_rows(store, story_id), columns=FILES["facts.csv"])
    downloads = story_downloads(store, story_id, known={"facts.csv": matrix.copy()})
    # A sentence that makes two claims shows, in each claim's row, the clause that states it.
    matrix["sentence"] = matrix["clause"].where(matrix["clause"] != "", matrix["sentence"])
    facts = _fact_grid(matrix, story["outlets"], list(articles["article_id"]))
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
                     downloads, _story_table(store, "sentences", story_id),
                     *label_grids(downloads["labels.csv"]))


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


def story_downloads(store: Store, story_id: str, known: dict[str, pd.DataFrame] | None = None
                    ) -> dict[str, pd.DataFrame]:
    """One story's rows of every `export` file, in the same columns: what its downloads hold.
    ``known``: files already read for the page (the fact matrix), not read again."""
    known = known or {}
    return {name: known[name] if name in known else
            pd.DataFrame([tuple(r) for r in export_rows(store, name, story_id)], columns=columns)
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
    # One pass over the rows (a busy story has hundreds of attributions), in their order.
    groups: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    for outlet, speaker, kind, quote, index in zip(attributions["outlet"], attributions["speaker_canonical"],
                                                   attributions["kind"], attributions["quote"],
                                                   attributions["sentence_index"]):
        groups.setdefault((outlet, speaker), []).append((kind, quote, index))
    rows = []
    for (outlet, speaker), group in groups.items():
        quotes = list(dict.fromkeys(q for _, q, _ in group if q))
        kinds = Counter(k for k, _, _ in group if isinstance(k, str))
        top = max(kinds.values(), default=0)
        kind = min((k for k, n in kinds.items() if n == top), default="")  # the commonest; ties by name
        rows.append({"outlet": outlet, "source": speaker, "kind": kind,
                     "attributions": len(group), "quotes": " / ".join(f"“{q}”" for q in quotes[:5]),
                     "_first": min(i for _, _, i in group)})
    frame = pd.DataFrame(rows).sort_values(["outlet", "attributions", "_first"], ascending=[True, False, True])
    return frame[columns].reset_index(drop=True)


OMITTED = "(omits this fact)"  # a matrix cell: the outlet covers the story but not this fact (README's rule)


# Symbols, so that every outlet's column of the grid fits beside the facts (the caption says what each means)
REPORTED, OMITS, NOT_REPORTED = "●", "✘", "·"
PRESENCE_COLOURS = {REPORTED: "#b9e3c6", OMITS: "#f6b6b0", NOT_REPORTED: "#f1f1f1"}


def presence_grid(facts: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """The fact matrix at a glance: a fact's short text, how many report it, and per outlet
    (in the order given, e.g. publication order) whether it reports the fact, omits it (the
    README's rule: most outlets report it), or does not report it."""
    if facts.empty:
        return pd.DataFrame(columns=["fact", "reported by", *outlets])
    grid = pd.DataFrame({"fact": facts["fact"].map(lambda f: short(without_dateline(str(f)) or f, 170)),
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


SENTENCE_BREAK = "\n"  # between an outlet's sentences of one fact, in its cell of the fact matrix


def _fact_grid(matrix: pd.DataFrame, outlets: list[str], published: list[str] | None = None) -> pd.DataFrame:
    """One row per fact, most reported first: its text, how many outlets report it, the earliest
    place any outlet gives it (``position``, a sentence index), and per outlet its sentences of
    the fact (several joined by :data:`SENTENCE_BREAK`, its articles in the order of
    ``published`` (article ids), each article's in its order), :data:`OMITTED`, or ""."""
    reported = matrix[matrix["status"] == "reported"].copy()
    reported["sentence_index"] = pd.to_numeric(reported["sentence_index"], errors="coerce")
    rank = {article: n for n, article in enumerate(published or [])}
    reported["article_rank"] = reported["article_id"].map(lambda a: rank.get(a, len(rank)))
    reported = reported.sort_values(["fact_id", "outlet", "article_rank", "sentence_index"])
    keys = ["fact_id", "fact", "n_outlets_reporting"]
    if reported.empty:
        grid = pd.DataFrame(columns=[*keys, "position"])
    else:
        # An outlet may carry one fact in two sentences (or two articles): its cell holds both.
        grid = reported.pivot_table(index=keys, columns="outlet", values="sentence",
                                    aggfunc=lambda s: SENTENCE_BREAK.join(dict.fromkeys(x for x in s if x)))
        grid = grid.join(reported.groupby(keys)["sentence_index"].min().rename("position")).reset_index()
    for outlet in outlets:
        if outlet not in grid.columns:
            grid[outlet] = None
    grid = grid[[*keys, *outlets, "position"]]
    grid[outlets] = grid[outlets].fillna("")
    grid = grid.sort_values(["n_outlets_reporting", "fact_id"], ascending=[False, True]).reset_index(drop=True)
    grid["fact"] = _distinct_names(grid, outlets)
    omitted = set(zip(*(matrix.loc[matrix["status"] == "omitted", column] for column in ("fact_id", "outlet"))))
    for outlet in outlets:
        grid[outlet] = [OMITTED if (fact_id, outlet) in omitted else cell
                        for fact_id, cell in zip(grid["fact_id"], grid[outlet])]
    return grid


def _distinct_names(grid: pd.DataFrame, outlets: list[str]) -> list[str]:
    """Each row's name: its fact's first sentence, or, when an earlier row is named by that
    already (one sentence can stand in two facts), another of its sentences that none is."""
    named: set[str] = set()
    names = []
    for name, *cells in zip(grid["fact"], *(grid[o] for o in outlets)):
        sentences = [s for cell in cells for s in str(cell).split(SENTENCE_BREAK) if s]
        if name in named:
            name = next((s for s in sentences if s not in named), name)
        named.add(name)
        names.append(name)
    return names


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
    threshold = _blindspot_threshold(store.outlets_publishing(start, end), min_share)
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
