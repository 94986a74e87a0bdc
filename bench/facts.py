"""Fact alignment measured on ECB+: which sentences of different articles report the same event.

The topics are split in two: the odd-numbered ones are where the pair model and the
thresholds of ``compare/stories/pairs.py`` and ``compare/analysis/align.py`` were chosen (``--fit`` refits the
model there), the even-numbered ones are held out. For each half:

- end to end, as a user would: ``import`` (the import fields only), ``match``, ``analyse``,
  ``export``, then ``../shared/tools/facts_score.py`` on the export;
- on the true stories (ECB+'s own grouping), so that matching errors do not count;
- beside two baselines on the true stories: each sentence with its best TF-IDF match in every
  other article, and the same with the sentence model's cosine.

Run: python bench/facts.py [--data ../shared/data] [--half odd|even|both] [--fit] [--no-e2e]
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
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from databases import database  # noqa: E402  (beside this file)
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from compare import embed
from compare.analysis import align
from compare.analysis.parse import parse_article
from compare.stories import pairs
from compare.text import numbers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SCORER = ROOT.parent / "shared" / "tools" / "facts_score.py"
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


def score(articles_path: Path, chains_path: Path, export: Path) -> str:
    result = subprocess.run([sys.executable, str(SCORER), str(articles_path), str(chains_path), str(export)],
                            capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()


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


def end_to_end(articles: list[dict], articles_path: Path, chains_path: Path, folder: Path,
               engine: str = "sqlite") -> str:
    started = time.perf_counter()
    out = run_cli(articles, folder, ["match", "analyse"], engine)
    return f"{score(articles_path, chains_path, out)}  [{time.perf_counter() - started:.0f} s]"


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


def matched_stories(articles: list[dict], folder: Path) -> list[list[dict]]:
    """The articles grouped as news-compare's matcher groups them (import, match, export)."""
    out = run_cli(articles, folder, ["match"])
    by_url = {r["url"]: r for r in articles}
    by_story: dict[str, list[dict]] = defaultdict(list)
    for row in csv.DictReader(open(out / "articles.csv", encoding="utf-8", newline="")):
        by_story[row["story_id"]].append(by_url[row["url"]])
    return list(by_story.values())


def fit(stories: list[list[dict]], chains_path: Path, vectors: CachedVectors) -> None:
    """Refit the story pair model on these stories and print its weights.

    The stories are the matcher's own, not ECB+'s: where it joins two look-alike events, the
    model learns that sentences about the one are not facts of the other."""
    validated: dict[tuple[str, int], set[str]] = defaultdict(set)
    for chain in map(json.loads, chains_path.open(encoding="utf-8")):
        for m in chain["mentions"]:
            if m.get("validated"):
                validated[(m["url"], m["sent"])].add(chain["chain_id"])
    features, labels = [], []
    for story in stories:
        items = []
        for number, r in enumerate(story):
            gold = [set(s.lower().split()) for s in r["sentences"]]
            for s in parse_article(r["url"], r["outlet"], r["title"], r["text"]).fact_sentences:
                words = set(s.core.lower().split())
                overlaps = [len(words & g) / max(1, min(len(words), len(g))) for g in gold]
                best = int(np.argmax(overlaps)) if overlaps else -1
                items.append((r["url"], s, number, validated.get((r["url"], best), set()) if best >= 0 and
                              overlaps[best] >= 0.6 else set()))
        texts = [s.core for _, s, _, _ in items]
        matrix = pairs.story_pair_features(texts, [s.names for _, s, _, _ in items], [numbers(t) for t in texts],
                                           [s.headline_like for _, s, _, _ in items], vectors(texts),
                                           [n for _, _, n, _ in items])
        for i, j in combinations(range(len(items)), 2):
            if items[i][0] != items[j][0] and items[i][3] and items[j][3]:
                features.append(matrix[i, j])
                labels.append(bool(items[i][3] & items[j][3]))
    model = LogisticRegression(max_iter=2000).fit(np.array(features), np.array(labels))
    print(f"# {len(labels)} labelled pairs, {np.mean(labels):.3f} of them the same event")
    print(f"STORY_WEIGHTS = np.array({np.round(model.coef_[0], 5).tolist()})")
    print(f"STORY_BIAS = {round(float(model.intercept_[0]), 5)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--half", choices=("odd", "even", "both", "all"), default="both")
    parser.add_argument("--fit", action="store_true", help="refit the pair model on the odd half and print it")
    parser.add_argument("--no-e2e", action="store_true", help="skip the end-to-end runs through the CLI")
    parser.add_argument("--engines", nargs="+", default=["sqlite"], choices=("sqlite", "postgresql"),
                        help="databases of the end-to-end runs (PostgreSQL: a schema in $NEWS_COMPARE_TEST_PG)")
    args = parser.parse_args()
    if not (args.data / "ecbplus").exists() or not SCORER.exists():
        print(f"{args.data / 'ecbplus'} or {SCORER} is absent; nothing to measure", file=sys.stderr)
        return 0
    embedder = embed.load_embedder("auto")
    vectors = CachedVectors(embedder) if embedder else None
    print(f"similarity: {embed.describe(embedder)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.fit:
            _, chains_path, articles = load_half(args.data, "odd", folder)
            fit(matched_stories(articles, folder / "fit"), chains_path,
                vectors or CachedVectors(embed.load_embedder("minilm")))  # type: ignore[arg-type]
            return 0
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
                    print(f"  {name:40} {score(articles_path, chains_path, export)}")
            for engine in ([] if args.no_e2e else args.engines):
                print(f"  {'news-compare end to end, ' + engine:40} "
                      f"{end_to_end(articles, articles_path, chains_path, folder / half / engine, engine)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
