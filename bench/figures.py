"""Conflicting figures measured on the fact-level cases (``../shared/data/cases``), alignment aside.

For each case, the event articles are split into sentences by :func:`compare.analysis.parse.parse_article`,
the fact rows are built from the gold ``facts`` (each outlet's sentences holding its gold
substrings), and :func:`compare.analysis.figures.story_discrepancies` runs on those rows. The
disputes are scored like ``../shared/tools/cases/grade.py`` scores ``discrepancies.csv`` (its
own functions, imported from there): gold conflicts found, traps flagged, disputes holding no
gold conflict. A wrong alignment cannot cost anything here; the end-to-end figures come from
``grade.py`` on an export.

niger and pensions are where the rules were tuned; keybridge and chandrayaan are held out and
reported on their own line.

Run: python bench/figures.py [--cases ../shared/data/cases] [--tools ../shared/tools/cases] [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from compare.analysis.align import Sentence
from compare.analysis.figures import Discrepancy, story_discrepancies
from compare.analysis.parse import parse_article

TUNED = ("niger", "pensions")
HELD_OUT = ("keybridge", "chandrayaan")
ROOT = Path(__file__).resolve().parent.parent


def fact_rows(case, norm) -> list[tuple[int, list[tuple[str, Sentence, tuple]]]]:
    """The gold facts as fact rows of (outlet, sentence, quantities), numbered from 1 in gold order."""
    parsed = {a["outlet"]: parse_article(a["file"], a["outlet"], a["title"], a["body"]) for a in case.event_articles}
    rows = []
    for number, spec in enumerate(case.facts.values(), start=1):
        row = []
        for outlet, substrings in spec["sentences"].items():
            article = parsed[outlet]
            for s in article.sentences:
                if any(norm(sub) in norm(s.text) for sub in substrings):
                    row.append((outlet, Sentence(article.id, outlet, s.index, s.text), s.quantities))
        rows.append((number, row))
    return rows


def csv_rows(disputes: list[Discrepancy]) -> list[dict[str, str]]:
    """The disputes as ``discrepancies.csv`` rows, which the grader reads."""
    return [{"story_id": "s", "fact_id": str(d.fact_id), "kind": d.kind, "unit": d.unit, "outlet": outlet,
             "article_id": sentence.article_id, "value": quantity.text, "number": str(float(quantity.value)),
             "sentence": sentence.text}
            for d in disputes for outlet, (quantity, sentence) in d.values.items()]


def score(case, grade, norm, verbose: bool) -> dict[str, int]:
    disputes = story_discrepancies(fact_rows(case, norm))
    aid_of = {a["outlet"]: a["file"] for a in case.event_articles}
    groups = defaultdict(list)
    for r in csv_rows(disputes):
        groups[(r["story_id"], r["fact_id"], r["kind"], r["unit"])].append(r)
    found, explained = [], set()
    for name, spec in case.gold.get("discrepancies", {}).items():
        keys = grade.conflict_found(spec, groups, aid_of)
        explained.update(keys)
        if keys:
            found.append(name)
        elif verbose:
            print(f"  {case.name}: conflict missed: {name} {spec['outlets']}")
    flagged = [name for name, spec in case.gold.get("traps", {}).items() if grade.trap_flagged(spec, groups, aid_of)]
    if verbose:
        for name in flagged:
            print(f"  {case.name}: trap flagged: {name} {case.gold['traps'][name]['outlets']}")
        for key in sorted(set(groups) - explained):
            print(f"  {case.name}: dispute with no gold conflict: fact {key[1]} {key[3]}: "
                  + "; ".join(f"{r['outlet']} {r['value']!r}" for r in groups[key]))
    result = {"found": len(found), "conflicts": len(case.gold.get("discrepancies", {})), "flagged": len(flagged),
              "traps": len(case.gold.get("traps", {})), "disputes": len(groups),
              "unplanned": len(set(groups) - explained)}
    print(f"{case.name:12s} conflicts {result['found']}/{result['conflicts']}  traps flagged "
          f"{result['flagged']}/{result['traps']}  disputes {result['disputes']}, "
          f"{result['unplanned']} without a gold conflict")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=ROOT.parent / "shared" / "data" / "cases")
    parser.add_argument("--tools", type=Path, default=ROOT.parent / "shared" / "tools" / "cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="every miss, flagged trap and extra dispute")
    args = parser.parse_args()
    sys.path.insert(0, str(args.tools))
    import grade  # noqa: PLC0415  (the graders' own scoring, from --tools)
    from casefiles import Case, norm  # noqa: PLC0415

    for label, names in (("tuned on", TUNED), ("held out", HELD_OUT)):
        totals: dict[str, int] = defaultdict(int)
        for name in names:
            for key, value in score(Case(args.cases / name), grade, norm, args.verbose).items():
                totals[key] += value
        print(f"{label} {'+'.join(names)}: conflicts {totals['found']}/{totals['conflicts']}, traps flagged "
              f"{totals['flagged']}/{totals['traps']}, disputes without a gold conflict "
              f"{totals['unplanned']}/{totals['disputes']}\n")


if __name__ == "__main__":
    main()
