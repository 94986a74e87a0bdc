"""`news-compare export --out DIR`: every table as CSV for spreadsheets and notebooks.

UTF-8, a header row, RFC 4180 quoting (CRLF line ends, quotes doubled). A text cell that
starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so that a
spreadsheet shows it instead of running it as a formula; numbers are written as numbers.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from compare.store import EXPORT_TABLES, Store

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FILES: dict[str, list[str]] = {
    "stories.csv": ["story_id", "title", "first_published", "last_published", "n_articles", "n_outlets",
                    "outlets", "n_independent_outlets"],
    "articles.csv": ["article_id", "story_id", "outlet", "url", "title", "published", "word_count", "wire_copy_of",
                     "wire_share", "status", "error", "kind", "roundup", "language"],
    "facts.csv": ["story_id", "fact_id", "outlet", "status", "article_id", "sentence", "n_outlets_reporting",
                  "n_outlets_in_story", "fact", "sentence_index", "closest", "clause"],
    "discrepancies.csv": ["story_id", "fact_id", "kind", "outlet", "value", "sentence", "unit", "number",
                          "article_id"],
    "framing.csv": ["story_id", "outlet", "article_id", "category", "term", "sentence", "sentence_index", "start",
                    "end"],
    "sources.csv": ["story_id", "outlet", "article_id", "source", "kind", "quote", "sentence_index",
                    "speaker_canonical", "cue", "speaker_as_written"],
    "names.csv": ["story_id", "name", "outlet", "mentions"],
    "contrasts.csv": ["story_id", "fact_id", "outlet", "terms"],
    "labels.csv": ["story_id", "outlet", "entity", "label", "sentence_index", "article_id", "kind", "differs"],
    "tone.csv": ["story_id", "article_id", "outlet", "headline_tone", "text_tone"],
}


def neutralise(value: Any) -> Any:
    """A cell as written: text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write one CSV file; returns the number of data rows."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(v) for v in row])
            count += 1
    return count


def export_rows(store: Store, name: str, story_id: str | None = None) -> Iterable[Iterable[Any]]:
    """The rows of one export file (``FILES[name]`` columns), for all stories or for one."""
    if name in EXPORT_TABLES:
        return store.export_table(name, story_id)
    producers = {"stories.csv": _stories, "articles.csv": _articles, "facts.csv": fact_matrix_rows}
    return producers[name](store, story_id)


def export_all(store: Store, out: str | Path) -> dict[str, int]:
    """Write every file of FILES into ``out`` (created if needed); returns rows per file."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    return {name: write_csv(folder / name, FILES[name], export_rows(store, name)) for name in FILES}


def _stories(store: Store, story_id: str | None = None) -> Iterable[tuple[Any, ...]]:
    for row in store.stories_for_export(story_id):
        yield (row["id"], row["title"], row["first_published"], row["last_published"], row["n_articles"],
               row["n_outlets"], "; ".join(json.loads(row["outlets"])), row["n_independent"])


def _articles(store: Store, story_id: str | None = None) -> Iterable[tuple[Any, ...]]:
    for row in store.articles_for_export(story_id):
        yield tuple(row.values())


def fact_matrix_rows(store: Store, story_id: str | None = None) -> list[tuple[Any, ...]]:
    """facts.csv rows: each outlet that reports a fact is a "reported" row with its sentence, and
    each outlet that omits it (by the README's rule, as `analyse` found) an "omitted" row whose
    sentence column is empty; the closest sentence of the omitting outlet is in ``closest``."""
    found = store.fact_rows(story_id)
    n_outlets: Counter[str] = Counter(r["story_id"] for r in found["story_outlets"])
    sentences: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for r in found["fact_sentences"]:
        sentences[(r["story_id"], r["fact_id"])].append(r)
    omitted: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for r in found["omissions"]:
        omitted[(r["story_id"], r["fact_id"])].append(r)
    rows = []
    for fact in found["facts"]:
        key = (fact["story_id"], fact["fact_id"])
        in_story = n_outlets[fact["story_id"]]
        # A fact named by a clause is named by the clause, not by its whole two-claim sentence.
        naming = next((r for r in sentences[key] if r["article_id"] == fact["article_id"]
                       and r["sentence_index"] == fact["sentence_index"] and r["clause_start"] is not None), None)
        if naming is not None:
            fact = {**fact, "summary": (naming["sentence"] or "")[naming["clause_start"]:naming["clause_end"]]}
        for r in sentences[key]:
            clause = "" if r["clause_start"] is None else (r["sentence"] or "")[r["clause_start"]:r["clause_end"]]
            rows.append((fact["story_id"], fact["fact_id"], r["outlet"], "reported", r["article_id"], r["sentence"],
                         fact["n_outlets"], in_story, fact["summary"], r["sentence_index"], "", clause))
        rows += [(fact["story_id"], fact["fact_id"], r["outlet"], "omitted", "", "", fact["n_outlets"], in_story,
                  fact["summary"], "", r["closest_sentence"], "") for r in omitted[key]]
    return rows
