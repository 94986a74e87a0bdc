"""Each outlet's own words against BASIL's loaded-wording annotations, at several limits.

Usage: python bench/own_words.py [--data ../shared/data] [--limits 5 8 10 12 15]

BASIL tells 100 events by three US outlets each and marks, in every article, the spans its
annotators read as loaded wording ("lexical" bias: "bombastic", "doubled down", "far cry").
Each event's three articles are one story here; :func:`story_own_words` lists each outlet's own
words, and a listed word is right when it overlaps one of the article's lexical spans (in the
same sentence or the headline). For each limit per outlet: precision (listed words that are
right), the share of spans that a listed word hits, and the same for a plain baseline that lists
an outlet's rarest words (wordfreq) without the own-word rules. Events are split into two halves by
a hash of their name: choose on half A, report half B.

BASIL's spans are few (about five an article) and many are clauses, so precision here is a floor:
a telling word that its annotators left unmarked counts as wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from compare.analysis.own_words import story_own_words  # noqa: E402
from compare.analysis.parse import ParsedArticle, parse_article  # noqa: E402
from compare.analysis.wording import content_tokens  # noqa: E402
from halves import half  # noqa: E402  (beside this file)

DATA = HERE.parents[1] / "shared" / "data"


def spans_of(data: Path) -> dict[str, list[tuple[int, str]]]:
    """Each article's lexical spans as (sentence index, -1 for the headline; span text)."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in map(json.loads, (data / "basil" / "annotations.jsonl").open(encoding="utf-8")):
        if row["bias"] == "lexical":
            found[row["url"]].append((-1 if row["in_title"] else row["sentence_index"], row["text"]))
    return found


def sentence_of(article: ParsedArticle, index: int) -> str:
    return article.title if index == -1 else article.sentences[index].text


def hits(term_sentence: str, term: str, spans: list[tuple[int, str]]) -> set[int]:
    """The spans (by position) that the listed term overlaps: the term's sentence holds the
    span's text, and they share a word."""
    words = set(re.findall(r"\w+", term.lower()))
    lowered = term_sentence.lower()
    return {k for k, (_, text) in enumerate(spans)
            if text and text.lower() in lowered and words & set(re.findall(r"\w+", text.lower()))}


def rarest(article: ParsedArticle, limit: int) -> list[tuple[int, str]]:
    """The baseline: the article's rarest plain content words, (sentence index, word)."""
    seen: dict[str, tuple[float, int]] = {}
    for index in [-1] + list(range(len(article.sentences))):
        for word, plain, _, _ in content_tokens(sentence_of(article, index)):
            if plain and word not in seen:
                seen[word] = (zipf_frequency(word, "en"), index)
    ranked = sorted(seen.items(), key=lambda item: item[1][0])[:limit]
    return [(index, word) for word, (_, index) in ranked]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limits", type=int, nargs="+", default=[5, 8, 10, 12, 15])
    args = parser.parse_args()
    path = args.data / "basil" / "articles.jsonl"
    if not path.exists():
        print(f"{path} is absent; nothing to measure", file=sys.stderr)
        return 1
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    spans = spans_of(args.data)
    events: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        events[row["gold_story"]].append(row)
    parsed = {row["url"]: parse_article(row["url"], row["outlet"], row["title"], row["text"], language="en")
              for row in rows}
    biggest = max(args.limits)
    listed = {event: story_own_words([parsed[r["url"]] for r in group], limit=biggest)
              for event, group in events.items()}
    for part in ("A", "B"):
        print(f"half {part} ({'choose on' if part == 'A' else 'held out'}):")
        for limit in args.limits:
            counts = {"own words": [0, 0, 0, 0], "rarest words": [0, 0, 0, 0]}  # right, listed, spans hit, spans
            for event, group in events.items():
                if half(event) != part:
                    continue
                for row in group:
                    article, mine = parsed[row["url"]], spans.get(row["url"], [])
                    own = [(w.sentence_index, w.term) for w in listed[event] if w.article_id == row["url"]][:limit]
                    for name, terms in (("own words", own), ("rarest words", rarest(article, limit))):
                        hit_spans: set[int] = set()
                        for index, term in terms:
                            found = hits(sentence_of(article, index), term, mine)
                            counts[name][0] += bool(found)
                            hit_spans |= found
                        counts[name][1] += len(terms)
                        counts[name][2] += len(hit_spans)
                        counts[name][3] += len(mine)
            print(f"  limit {limit:2d}: " + "; ".join(
                f"{name} precision {c[0]}/{c[1]} = {c[0] / max(c[1], 1):.2f}, spans hit {c[2]}/{c[3]} = "
                f"{c[2] / max(c[3], 1):.2f}" for name, c in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
