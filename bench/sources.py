"""Sources on PolNeAR: speaker recall and precision, and the share found with its quote.

    python bench/sources.py [--half tune|held|all] [--e2e] [--show N]

Articles at even positions of ``train.jsonl`` are the tuning half, odd positions the held-out
half. Without ``--e2e`` the extractor runs in process and is scored the way
``../shared/tools/sources_score.py`` scores an export (same word matching); with ``--e2e``
the half is imported, matched, analysed and exported through the command line, timed, and
scored by that scorer itself. ``--show N`` prints N missed gold sources and N wrong rows.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from databases import database  # noqa: E402  (beside this file)

from compare.analysis.parse import parse_article
from compare.analysis.sources import article_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "data" / "polnear" / "train.jsonl"
SCORER = SHARED / "tools" / "sources_score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("sources_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def load(half: str) -> list[dict]:
    rows = [json.loads(line) for line in POLNEAR.open(encoding="utf-8")]
    if half == "all":
        return rows
    return rows[0::2] if half == "tune" else rows[1::2]


def score_in_process(rows: list[dict], show: int) -> None:
    scorer = _scorer()
    words = scorer.words
    total = hit = strict = listed = right = 0
    misses, wrong = [], []
    started = time.perf_counter()
    for row in rows:
        parsed = parse_article(row["url"], row["outlet"], row["title"], row["text"])
        mine = [(words(s.source), words(s.quote), s) for s in article_sources(parsed)]
        golds = [words(a["source"]["text"]) for a in row["attributions"] if (a.get("source") or {}).get("text")]
        for attribution in row["attributions"]:
            source = (attribution.get("source") or {}).get("text", "").strip()
            if not source or source.lower() in scorer.PRONOUNS or not words(source):
                continue
            total += 1
            named = [q for m, q, _ in mine if words(source) & m]
            hit += bool(named)
            content = words((attribution.get("content") or {}).get("text", ""))
            strict += any(content and len(q & content) >= 0.5 * min(len(q), len(content)) for q in named)
            if not named:
                misses.append((source, (attribution.get("cue") or {}).get("text", ""),
                               (attribution.get("content") or {}).get("text", "")[:90]))
        for m, _, found in mine:
            listed += 1
            if any(m & g for g in golds):
                right += 1
            else:
                wrong.append((found.source, found.cue, found.sentence[:120]))
    elapsed = time.perf_counter() - started
    recall, precision = hit / max(1, total), right / max(1, listed)
    print(f"{len(rows)} articles, {elapsed:.1f} s: speaker recall {recall:.3f} ({hit}/{total}), with its quote "
          f"{strict / max(1, total):.3f}; precision {precision:.3f} ({right}/{listed}); "
          f"F1 {2 * recall * precision / max(1e-9, recall + precision):.3f}; "
          f"{listed / max(1, len(rows)):.1f} per article")
    rng = random.Random(0)
    for label, items in (("missed", misses), ("wrong", wrong)):
        for item in rng.sample(items, min(show, len(items))):
            print(label, "|", " | ".join(item))


def score_end_to_end(rows: list[dict], engine: str = "sqlite") -> None:
    cli = [sys.executable, "-m", "compare"]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles.jsonl"
        gold = Path(tmp) / "gold.jsonl"
        with articles.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({k: row[k] for k in ("outlet", "url", "title", "published", "text")}) + "\n")
        with gold.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")
        with database(engine, Path(tmp), "polnear") as db:
            for step in (["import", str(articles)], ["match"]):
                subprocess.run([*cli, "--db", db, *step], check=True, capture_output=True)
            started = time.perf_counter()
            subprocess.run([*cli, "--db", db, "analyse"], check=True, capture_output=True)
            print(f"{engine}: analyse {time.perf_counter() - started:.1f} s for {len(rows)} articles")
            subprocess.run([*cli, "--db", db, "export", "--out", str(Path(tmp) / "out")], check=True,
                           capture_output=True)
        subprocess.run([sys.executable, str(SCORER), str(gold), str(Path(tmp) / "out")])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "held", "all"), default="tune")
    parser.add_argument("--e2e", action="store_true")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the database of the end-to-end run (PostgreSQL: a schema in $NEWS_COMPARE_TEST_PG)")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    if not POLNEAR.exists():
        sys.exit(f"{POLNEAR} is missing")
    rows = load(args.half)
    if args.e2e:
        score_end_to_end(rows, args.engine)
    else:
        score_in_process(rows, args.show)


if __name__ == "__main__":
    main()
