"""Fact alignment measured on ECB+: which sentences of different articles report the same event.

A story's articles are all about one event, but ECB+ also annotates the sub-events inside it
(an arrest, a charge, a court date), and sentences of different events must never share a fact.
Precision is that requirement: of the pairs of annotated sentences put in one fact, the share
that mention the same event chain; recall (of the article pairs sharing a chain, the share with
a sentence of each in one fact) is only a floor.

The topics are split in two: the odd-numbered ones are where the thresholds of
``compare/analysis/align.py`` were checked, the even-numbered ones are held out. The same-claim
model itself (``compare/analysis/claims.py``) is fitted by ``bench/claims.py`` on the cases and
the demo's truth, not on ECB+. (The former ``--fit`` refitted the event pair model of
``compare/stories/pairs.py``, which facts no longer use; it is gone.) For each half:

- end to end, as a user would: ``import`` (the import fields only), ``match``, ``analyse``,
  ``export``, then ``facts_score.py`` (``tools/`` beside ``--data``) on the export;
- on the true stories (ECB+'s own grouping) through ``align.align_story``, so that matching
  errors do not count;
- beside two baselines on the true stories: each sentence with its best TF-IDF match in every
  other article, and the same with the sentence model's cosine.

Run: python bench/facts.py [--data ../shared/data] [--half odd|even|both] [--no-e2e]
     [--min-recall 0.40 --min-precision 0.90]  (exit 1 when an end-to-end run falls below them)
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from databases import database  # noqa: E402  (beside this file)
from sklearn.feature_extraction.text import TfidfVectorizer

from compare import embed
from compare.analysis import align
from compare.analysis.parse import parse_article


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
IMPORT_FIELDS = ("outlet", "url", "title", "published", "text")


def load_half(data: Path, half: str, folder: Path) -> tuple[Path, Path, list[dict]]:
    """Articles and event chains of one half, written to ``folder`` for the scorer."""
    def wanted(topic: int) -> bool:
        return half == "all" or (topic % 2 == 1) == (half == "odd")
    articles = [r for r in map(json.loads, (data / "ecbplus" / "articles.jsonl").open(encoding="utf-8"))
                if wanted(int(r["topic"]))]
    chains = [line for line in (data / "ecbplus" / "event_chains.jsonl").open(encoding="utf-8")
              if wanted(int(json.loads(line)["gold_story"].split("_")[0]))]
    articles_path, chains_path = folder / f"articles-{half}.jsonl", folder / f"chains-{half}.jsonl"
    articles_path.write_text("".join(json.dumps(r) + "\n" for r in articles), encoding="utf-8")
    chains_path.write_text("".join(chains), encoding="utf-8")
    return articles_path, chains_path, articles


def scorer(data: Path) -> Path:
    return data.parent / "tools" / "facts_score.py"


def score(data: Path, articles_path: Path, chains_path: Path, export: Path, bars: tuple[float, float] = (0.0, 0.0),
          ) -> tuple[str, bool]:
    """The scorer's summary line (its last), and whether recall and precision reach ``bars``."""
    result = subprocess.run([sys.executable, str(scorer(data)), str(articles_path), str(chains_path), str(export),
                             *map(str, bars)], capture_output=True, text=True)
    line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()
    return line, result.returncode == 0


def run_cli(articles: list[dict], folder: Path, stages: list[str], engine: str = "sqlite") -> Path:
    """Import the articles (the import fields only) into a new database of ``engine`` (its file
    in ``folder``), run the CLI ``stages`` on it, then export; returns the export folder."""
    folder.mkdir(parents=True, exist_ok=True)
    imported = folder / "import.jsonl"
    imported.write_text("".join(json.dumps({k: r[k] for k in IMPORT_FIELDS}) + "\n" for r in articles),
                        encoding="utf-8")
    out = folder / "export"
    with database(engine, folder, "run") as db:
        for command in (["import", str(imported)], *([stage] for stage in stages), ["export", "--out", str(out)]):
            subprocess.run([sys.executable, "-m", "compare", "--db", db, "-q", *command], check=True, cwd=ROOT,
                           stdout=subprocess.DEVNULL)
    return out


def end_to_end(data: Path, articles: list[dict], articles_path: Path, chains_path: Path, folder: Path,
               engine: str, bars: tuple[float, float]) -> tuple[str, bool]:
    started = time.perf_counter()
    out = run_cli(articles, folder, ["match", "analyse"], engine)
    line, passed = score(data, articles_path, chains_path, out, bars)
    return f"{line}  [{time.perf_counter() - started:.0f} s]", passed


def write_export(folder: Path, articles: list[dict], facts: list[list[tuple[str, str]]]) -> Path:
    """facts.csv and articles.csv in the export's shape, for facts made here (url, sentence)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "url"])
        writer.writerows((r["url"], r["url"]) for r in articles)
    with open(folder / "facts.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["story_id", "fact_id", "outlet", "status", "article_id", "sentence"])
        for n, fact in enumerate(facts):
            writer.writerows(("s", n, url, "reported", url, sentence) for url, sentence in fact)
    return folder


class CachedVectors:
    """Sentence vectors kept in memory across the runs of this bench."""

    def __init__(self, embedder: embed.Embedder) -> None:
        self.embedder, self.cache = embedder, {}

    @property
    def name(self) -> str:
        return self.embedder.name

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.embed(missing)))
        return np.array([self.cache[t] for t in texts])


def gold_stories(articles: list[dict]) -> list[list[dict]]:
    by_story: dict[str, list[dict]] = defaultdict(list)
    for r in articles:
        by_story[r["gold_story"]].append(r)
    return list(by_story.values())


def project_facts(stories: list[list[dict]], vectors: CachedVectors | None) -> list[list[tuple[str, str]]]:
    facts = []
    for story in stories:
        alignment = align.align_story([align.ArticleText(r["url"], r["outlet"], r["title"], r["text"]) for r in story],
                                      vectors=vectors)
        facts += [[(s.article_id, s.text) for s in f.sentences] for f in alignment.facts if len(f.sentences) > 1]
    return facts


def best_match_facts(stories: list[list[dict]], vectors: CachedVectors | None,
                     threshold: float) -> list[list[tuple[str, str]]]:
    """Baseline: every sentence with its most similar sentence in each other article, above ``threshold``."""
    facts = []
    for story in stories:
        sentences = [(r["url"], s.core) for r in story
                     for s in parse_article(r["url"], "", "", r["text"]).fact_sentences]
        texts = [t for _, t in sentences]
        if vectors is None:
            matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
            similarity = (matrix @ matrix.T).toarray()
        else:
            v = vectors(texts)
            similarity = v @ v.T
        urls = np.array([u for u, _ in sentences])
        for i, (url, text) in enumerate(sentences):
            for other in set(urls) - {url}:
                candidates = np.flatnonzero(urls == other)
                j = int(candidates[np.argmax(similarity[i, candidates])])
                if similarity[i, j] >= threshold:
                    facts.append([(url, text), sentences[j]])
    return facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--half", choices=("odd", "even", "both", "all"), default="both")
    parser.add_argument("--no-e2e", action="store_true", help="skip the end-to-end runs through the CLI")
    parser.add_argument("--engines", nargs="+", default=["sqlite"], choices=("sqlite", "postgresql"),
                        help="databases of the end-to-end runs (PostgreSQL: a schema in $NEWS_COMPARE_TEST_PG)")
    parser.add_argument("--min-recall", type=float, default=0.0, help="end to end: fail below this recall")
    parser.add_argument("--min-precision", type=float, default=0.0, help="end to end: fail below this precision")
    args = parser.parse_args()
    bars = (args.min_recall, args.min_precision)
    if not (args.data / "ecbplus").exists() or not scorer(args.data).exists():
        print(f"{args.data / 'ecbplus'} or {scorer(args.data)} is absent; nothing to measure", file=sys.stderr)
        return 0
    embedder = embed.load_embedder("auto")
    vectors = CachedVectors(embedder) if embedder else None
    print(f"similarity: {embed.describe(embedder)}")
    passed = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for half in (("odd", "even") if args.half == "both" else (args.half,)):
            role = {"odd": "tuned on", "even": "held out", "all": "all topics"}[half]
            articles_path, chains_path, articles = load_half(args.data, half, folder)
            print(f"\nECB+ {half} topics ({role}): {len(articles)} texts")
            stories = gold_stories(articles)
            for name, facts in (("news-compare on the true stories", project_facts(stories, vectors)),
                                ("baseline TF-IDF best match >= 0.3", best_match_facts(stories, None, 0.3)),
                                ("baseline model best match >= 0.5", best_match_facts(stories, vectors, 0.5)
                                 if vectors else [])):
                if facts:
                    export = write_export(folder / name[:8], articles, facts)
                    print(f"  {name:40} {score(args.data, articles_path, chains_path, export)[0]}")
            for engine in ([] if args.no_e2e else args.engines):
                line, ok = end_to_end(args.data, articles, articles_path, chains_path, folder / half / engine,
                                      engine, bars)
                passed &= ok
                print(f"  {'news-compare end to end, ' + engine:40} {line}", flush=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
