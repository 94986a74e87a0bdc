"""Facts and omissions on the hand-written cases and the demo, one corpus left out at a time.

For each corpus left out (each case of ``../shared/data/cases/``, and the demo), the claim
model is refitted on the others (bench/claims.py), the thresholds (JOIN, LINK in
compare/analysis/align.py; DOUBT, DOUBT_ANY in compare/analysis/omissions.py) are chosen on the others,
and the left-out corpus is scored with them, as ``../shared/tools/cases/grade.py`` scores a
case: fact pair recall and precision, omission recall, false omissions, omissions listed.
The demo is scored the same way from its truth (its planted facts; a cell crediting an outlet
with a planted fact whose evidence it lacks is wrong). The shipped settings are scored too.

Run: python bench/facts_cases.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims import DATA, CachedVectors, LabelledStory, case_stories, demo_stories, story_pairs  # noqa: E402

from compare import embed  # noqa: E402
from compare.analysis import align, claims, omissions  # noqa: E402

JOINS = (0.45, 0.55, 0.65)
LINKS = (0.05, 0.1, 0.2)
DOUBTS = (0.3, 0.4, 0.5)
DOUBT_ANYS = (0.6, 0.8)


def score_story(story: LabelledStory, alignment: align.Alignment) -> dict[str, int]:
    """The grader's counts for one story (see ../shared/tools/cases/grade.py)."""
    outlets = sorted({a.outlet for a in story.articles})
    gold: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))  # fact -> outlet -> (aid, index)
    outlet_of = {a.id: a.outlet for a in story.articles}
    for key, facts in story.facts_of.items():
        for f in facts:
            gold[f][outlet_of[key[0]]].add(key)
    rows = []
    omitted_by_fact: dict[int, set[str]] = defaultdict(set)
    for o in alignment.omission_list:
        omitted_by_fact[o.fact.id].add(o.outlet)
    for fact in alignment.facts:
        reported: dict[str, set] = defaultdict(set)
        for s in fact.sentences:
            reported[s.outlet].add((s.article_id, s.index))
        rows.append((reported, omitted_by_fact[fact.id]))
    counts = dict(hit=0, total=0, right=0, wrong=0, om_found=0, om_gold=0, om_false=0, om_listed=0,
                  om_listed_exhaustive=0, om_gold_exhaustive=0)
    for f, by_outlet in gold.items():
        reps = sorted(by_outlet)
        for a, b in itertools.combinations(reps, 2):
            counts["total"] += 1
            counts["hit"] += any(r[a] & by_outlet[a] and r[b] & by_outlet[b] for r, _ in rows)
    for reported, omitted in rows:
        anchors = {(f, o) for f, by_outlet in gold.items() for o in by_outlet if reported.get(o, set()) & by_outlet[o]}
        if not anchors:
            continue
        for o, keys in reported.items():
            fs = {f for f, a in anchors if a != o}
            for key in keys if fs else ():
                if story.corpus == "demo" and key not in story.known and not any(o in gold[f] for f in fs):
                    counts["wrong"] += 1  # an outlet credited with a planted fact it does not report
                elif story.corpus == "demo" and key not in story.known:
                    continue  # unknown: that outlet reports the fact, maybe in this sentence too
                elif any(key in gold[f].get(o, ()) for f in fs):
                    counts["right"] += 1
                else:
                    counts["wrong"] += 1
    reporting = outlets
    for f, by_outlet in gold.items():
        reps = set(by_outlet)
        if len(reps) < 2 or len(reps) < len(reporting) / 2:
            continue
        for x in set(reporting) - reps:
            counts["om_gold"] += 1
            counts["om_found"] += any(x in om and sum(bool(r.get(o, set()) & gold[f][o]) for o in reps) >= 2
                                      for r, om in rows)
    for reported, omitted in rows:
        counts["om_listed"] += len(omitted)
        for x in omitted:
            if any(x in by_outlet and any(reported.get(o, set()) & by_outlet[o] for o in by_outlet if o != x)
                   for by_outlet in gold.values()):
                counts["om_false"] += 1
    if story.corpus != "demo":  # the demo's truth holds its planted omissions, not every one
        counts["om_listed_exhaustive"], counts["om_gold_exhaustive"] = counts["om_listed"], counts["om_gold"]
    return counts


def evaluate(stories: list[LabelledStory], vectors, join: float, link: float, doubt: float,
             doubt_any: float) -> dict[str, int]:
    align.JOIN, align.LINK, omissions.DOUBT, omissions.DOUBT_ANY = join, link, doubt, doubt_any
    total: dict[str, int] = defaultdict(int)
    for story in stories:
        for k, v in score_story(story, align.align_story(story.articles, vectors=vectors)).items():
            total[k] += v
    return total


def line(c: dict[str, int]) -> str:
    return (f"align R {c['hit'] / max(1, c['total']):.2f} P {c['right'] / max(1, c['right'] + c['wrong']):.2f}; "
            f"omissions R {c['om_found'] / max(1, c['om_gold']):.2f} ({c['om_found']}/{c['om_gold']}), "
            f"false {c['om_false']}, listed {c['om_listed']}")


def objective(c: dict[str, int]) -> float:
    """Precision before recall: pairs and omissions found, a wrong cell or false omission costing more,
    and more omissions listed than 1.4 per real one where the truth holds every omission."""
    recall = c["hit"] / max(1, c["total"])
    precision = c["right"] / max(1, c["right"] + c["wrong"])
    omission_recall = c["om_found"] / max(1, c["om_gold"])
    false_share = c["om_false"] / max(1, c["om_listed"])
    return recall + omission_recall - 3 * max(0.0, 0.92 - precision) - 3 * max(0.0, false_share - 0.08) \
        - 0.5 * max(0.0, c["om_listed_exhaustive"] / max(1, c["om_gold_exhaustive"]) - 1.4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    if not (args.data / "cases").exists():
        sys.exit(f"no cases in {args.data}")
    embedder = embed.load_embedder("auto")
    vectors = CachedVectors(embedder) if embedder else None
    stories = case_stories(args.data) + demo_stories()
    corpora = sorted({s.corpus for s in stories})
    pairs = {c: [story_pairs(s, vectors) for s in stories if s.corpus == c] for c in corpora}
    shipped = (claims.CLAIM_WEIGHTS, claims.CLAIM_BIAS, align.JOIN, align.LINK, omissions.DOUBT, omissions.DOUBT_ANY)
    for held in corpora:
        x = np.vstack([x for c in corpora if c != held for x, _ in pairs[c]])
        y = np.concatenate([y for c in corpora if c != held for _, y in pairs[c]])
        model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
        claims.CLAIM_WEIGHTS, claims.CLAIM_BIAS = model.coef_[0], float(model.intercept_[0])
        train = [s for s in stories if s.corpus != held]
        best = max(itertools.product(JOINS, LINKS, DOUBTS, DOUBT_ANYS),
                   key=lambda p: objective(evaluate(train, vectors, *p)))
        test = evaluate([s for s in stories if s.corpus == held], vectors, *best)
        print(f"{held:12s} left out, chosen JOIN {best[0]} LINK {best[1]} DOUBT {best[2]} DOUBT_ANY {best[3]}: {line(test)}", flush=True)
    claims.CLAIM_WEIGHTS, claims.CLAIM_BIAS = shipped[0], shipped[1]
    for held in corpora:
        print(f"{held:12s} shipped: {line(evaluate([s for s in stories if s.corpus == held], vectors, *shipped[2:]))}")
    print(f"{'all':12s} shipped: {line(evaluate(stories, vectors, *shipped[2:]))}")


if __name__ == "__main__":
    main()
