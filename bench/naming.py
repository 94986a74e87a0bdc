"""How each outlet names the same people, organisations and places, measured on ECB+'s entity mentions.

ECB+ annotates, in the real news texts of each of its stories, the mentions of the people,
organisations, countries, places and vehicles that take part in its events
(``ecbplus/entity_chains.jsonl``: each mention's words, as "Mark Teixeira", "the Angels",
"slugger"). Each article stands for an outlet. The corpus goes end to end through ``import``,
``match``, ``analyse`` and ``export``; an outlet's listed terms in a story are its
``labels.csv`` rows (labels, names and mentions) and its ``contrasts.csv`` terms, and its gold terms the words of
the mentions annotated in its articles of that story. A listed term is right when it contains,
or is contained in, one of the outlet's gold terms as whole words (bench/wording.py's rule); a
gold term is found when a listed term is right for it. Beside it, the baseline of every word of
the sentences that hold an annotated mention, and the export's labels alone (without the names and
mentions) and its labels that differ alone (the story page's grid). ECB+ annotates only some
sentences of each article, so a name listed from another sentence counts as wrong although nobody
judged it: the line "in annotated sentences only" keeps the listed terms that stand in a sentence
it annotates (the precision a fully annotated corpus would give, if its other sentences are alike).

Nothing is fitted on ECB+ here; the odd and the even topics are reported apart.

Run: python bench/naming.py [--data ../shared/data] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facts import run_cli  # noqa: E402  (beside this file)
from wording import line, read_csv, score  # noqa: E402  (the same rule as the cases' word choice)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# ECB+'s entity tags of those who or what a story names: people, organisations, countries,
# places, vehicles (not times, nor body parts or objects).
NAMED = frozenset({"HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE", "HUMAN_PART_VEH", "HUMAN_PART_GENERIC",
                   "HUMAN_PART_MET", "LOC_GEO"})

Key = tuple[str, str]  # (story id, outlet)


def gold_terms(data: Path, outlet_of: dict[str, Key], topics: Callable[[int], bool]
               ) -> tuple[dict[Key, set[str]], dict[Key, set[str]]]:
    """Per (story, outlet): the annotated mentions' words, and the sentences that hold them."""
    gold: dict[Key, set[str]] = defaultdict(set)
    sentences: dict[Key, set[str]] = defaultdict(set)
    for chain in map(json.loads, (data / "ecbplus" / "entity_chains.jsonl").open(encoding="utf-8")):
        if chain["tag"] not in NAMED or not topics(int(chain["gold_story"].split("_")[0])):
            continue
        for mention in chain["mentions"]:
            key = outlet_of.get(mention["url"])
            if key:
                gold[key].update(w.lower() for w in mention["words"])
                sentences[key].add(mention["sentence"])
    return gold, sentences


def listed_terms(out: Path, keep: Callable[[dict[str, str]], bool]) -> dict[Key, set[str]]:
    """Per (story, outlet): the labels.csv rows ``keep`` takes, and the contrasts.csv terms."""
    listed: dict[Key, set[str]] = defaultdict(set)
    for row in read_csv(out, "labels.csv"):
        if keep(row):
            listed[(row["story_id"], row["outlet"])].add(row["label"].lower())
    for row in read_csv(out, "contrasts.csv"):
        listed[(row["story_id"], row["outlet"])].update(t.lower() for t in json.loads(row["terms"]))
    return listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--keep", type=Path, help="keep the database and export in this folder")
    args = parser.parse_args()
    if not (args.data / "ecbplus" / "entity_chains.jsonl").exists():
        print(f"skipped: {args.data / 'ecbplus'} is absent")
        return
    articles = [json.loads(line) for line in (args.data / "ecbplus" / "articles.jsonl").open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        out = run_cli(articles, folder, ["match", "analyse"])
        outlet_of = {r["url"]: (r["story_id"], r["outlet"]) for r in read_csv(out, "articles.csv")}
        variants = {
            "labels.csv (every row) + contrasts": lambda row: True,
            "labels only + contrasts": lambda row: row.get("kind", "label") == "label",
            "labels that differ + contrasts": lambda row: row.get("kind", "label") == "label"
                                                          and row.get("differs", "1") == "1",
        }
        for half, topics in (("odd topics", lambda t: t % 2 == 1), ("even topics", lambda t: t % 2 == 0)):
            gold, sentences = gold_terms(args.data, outlet_of, topics)
            print(f"ECB+ {half}: {len(gold)} outlets in stories, {sum(map(len, gold.values()))} gold terms")
            for name, keep in variants.items():
                print(f"  {name:42s} {line('', *score(listed_terms(out, keep), gold)).strip()}")
            # ECB+ annotates a few sentences of each article: a name in another sentence counts as
            # wrong although nobody judged it. Where it did judge, what was listed is read here.
            judged = {k: {t for t in terms if any(re.search(rf"\b{re.escape(t)}\b", s.lower())
                                                  for s in sentences.get(k, ()))}
                      for k, terms in listed_terms(out, lambda row: True).items()}
            print(f"  {'  every row, in annotated sentences only':42s} {line('', *score(judged, gold)).strip()}")
            every_word = {k: {w.lower() for s in v for w in re.findall(r"[\w'’-]+", s)} for k, v in sentences.items()}
            print(f"  {'baseline: every word of the sentences':42s} {line('', *score(every_word, gold)).strip()}")


if __name__ == "__main__":
    main()
