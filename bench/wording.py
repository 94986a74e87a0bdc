"""Word choice against the cases' gold: precision, recall and F1 of each outlet's wording terms.

Usage: python bench/wording.py EXPORT_DIR CASE_DIR... [-v] [--own-words] [--choices]

With --own-words, each outlet's own words (framing.csv rows of category own_word) are listed
terms too; with --choices, only the labels that are a choice (labels.csv rows of kind label with
differs 1, as the story page's grid shows them), not every name, label and mention of labels.csv.
EXPORT_DIR is what `news-compare export` wrote for the cases (see the cases' README for the
import, match and analyse steps). An outlet's listed terms are its labels (labels.csv) and its
contrast terms (contrasts.csv) in the story holding the case's event articles. A listed term is
right when it contains, or is contained in, one of the outlet's gold wording terms, as whole
words either way; a gold term is found when a listed term is right for it. Precision counts
distinct listed terms per outlet; -v prints every listed and missed term.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TypeVar

K = TypeVar("K")


def read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / name
    return list(csv.DictReader(open(path, newline="", encoding="utf-8"))) if path.exists() else []


def matches(listed: str, gold: str) -> bool:
    """Whether one term contains the other as whole words (case aside)."""
    a, b = " ".join(listed.lower().split()), " ".join(gold.lower().split())
    if not a or not b:
        return False
    return bool(re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a) or re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b))


def case_terms(case: Path, out: Path, own_words: bool = False, choices: bool = False,
               ) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Listed terms per outlet in the case's story, and the gold terms per outlet; with
    ``own_words``, each outlet's own words (framing.csv, category own_word) count too; with
    ``choices``, only the labels.csv rows that are a choice (differs 1: the story page's grid),
    not every name and label."""
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    event = Counter(a["event"] for a in gold["articles"]).most_common(1)[0][0]
    urls = {a["url"] for a in gold["articles"] if a["event"] == event}
    stories = {r["story_id"] for r in read_csv(out, "articles.csv") if r["url"] in urls}
    listed: dict[str, set[str]] = defaultdict(set)
    for row in read_csv(out, "labels.csv"):
        if row["story_id"] in stories and (not choices or row.get("differs", "1") == "1"
                                           and row.get("kind", "label") == "label"):
            listed[row["outlet"]].add(row["label"].lower())
    for row in read_csv(out, "contrasts.csv"):
        if row["story_id"] in stories:
            listed[row["outlet"]].update(t.lower() for t in json.loads(row["terms"]))
    for row in read_csv(out, "framing.csv") if own_words else ():
        if row["story_id"] in stories and row["category"] == "own_word":
            listed[row["outlet"]].add(row["term"].lower())
    return listed, gold.get("wording", {})


def score(listed: Mapping[K, Collection[str]], gold: Mapping[K, Collection[str]]) -> tuple[int, int, int, int]:
    """(right listed, all listed, gold found, all gold) over the keys of the gold (outlets, or
    (story, outlet) pairs)."""
    right = total = found = wanted = 0
    for outlet, terms in gold.items():
        mine = listed.get(outlet, set())
        right += sum(any(matches(t, g) for g in terms) for t in mine)
        total += len(mine)
        found += sum(any(matches(t, g) for t in mine) for g in terms)
        wanted += len(terms)
    return right, total, found, wanted


def line(name: str, right: int, total: int, found: int, wanted: int) -> str:
    precision, recall = right / max(total, 1), found / max(wanted, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (f"{name:12s} precision {right}/{total} = {precision:.2f}  recall {found}/{wanted} = {recall:.2f}  "
            f"F1 {f1:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("export")
    parser.add_argument("cases", nargs="+")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--own-words", action="store_true", help="count each outlet's own words (framing.csv) too")
    parser.add_argument("--choices", action="store_true", help="only the labels that are a choice (differs 1), "
                                                                  "not every name and label of labels.csv")
    args = parser.parse_args()
    totals = [0, 0, 0, 0]
    for case in map(Path, args.cases):
        listed, gold = case_terms(case, Path(args.export), args.own_words, args.choices)
        counts = score(listed, gold)
        totals = [a + b for a, b in zip(totals, counts)]
        print(line(case.name, *counts))
        if args.verbose:
            for outlet, terms in gold.items():
                mine = sorted(listed.get(outlet, set()))
                print(f"  {outlet}: right {[t for t in mine if any(matches(t, g) for g in terms)]}")
                print(f"  {'':{len(outlet)}}  wrong {[t for t in mine if not any(matches(t, g) for g in terms)]}")
                print(f"  {'':{len(outlet)}}  missed {[g for g in terms if not any(matches(t, g) for t in mine)]}")
    print(line("all", *totals))


if __name__ == "__main__":
    main()
