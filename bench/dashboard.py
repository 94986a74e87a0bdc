"""Dashboard speed: the story page rendered server-side (Streamlit AppTest) with 100,000 articles stored.

Builds a database with the demo corpus plus synthetic articles recombined from BASIL's real
sentences (see bench/match.py), matches everything, analyses the demo's stories, then times
the story page of the demo's largest story: first render (cold cache) and again (warm).

Run: python bench/dashboard.py [--articles 100000] [--db PATH to keep the database]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match import fill, load_rows, synthetic_articles  # noqa: E402  (the benchmark beside this one)

from compare.analysis.run import analyse_changed_stories  # noqa: E402
from compare.demo.corpus import load_corpus  # noqa: E402
from compare.store import Store  # noqa: E402
from compare.stories.assign import list_stories, match_new_articles  # noqa: E402
from compare.stories.match import MatchParams  # noqa: E402

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")


def build(db: Path, articles: int, basil: Path) -> str:
    corpus = load_corpus()
    demo = [{"outlet": corpus.outlets[a.outlet].name, "url": f"https://{a.outlet}.example/{a.id}", "title": a.title,
             "text": a.text, "published": a.published.isoformat()} for a in corpus.articles]
    synthetic = synthetic_articles(load_rows(basil / "articles.jsonl"), articles - len(demo), seed=1, start_day=0, span_days=365)
    fill(db, demo + synthetic)
    with Store(db) as store:
        started = time.perf_counter()
        match_new_articles(store, MatchParams())
        print(f"  matched {articles:,} articles in {time.perf_counter() - started:.1f} s")
        demo_stories = {a["story_id"] for a in store.iter_articles() if "--" in (a["url"] or "")}
        analyse_changed_stories(store, only=demo_stories)
        return max((s for s in list_stories(store) if s.id in demo_stories), key=lambda s: s.n_articles).id


def render(db: Path, story_id: str) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["NEWS_COMPARE_DB"] = str(db)
    test = AppTest.from_file(APP, default_timeout=120)
    test.query_params["page"] = "Story"
    test.query_params["story"] = story_id
    started = time.perf_counter()
    test.run()
    cold = time.perf_counter() - started
    assert not test.exception, test.exception
    started = time.perf_counter()
    test.run()
    warm = time.perf_counter() - started
    return cold, warm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--basil", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/basil")
    parser.add_argument("--db", type=Path, help="build (or reuse) the database here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "dashboard.db"
        if not db.exists():
            print(f"building a database of {args.articles:,} articles ...")
            story_id = build(db, args.articles, args.basil)
        else:
            with Store(db) as store:
                analysed = store.analysis_signatures()
                story_id = max((s for s in store.stories() if s["id"] in analysed), key=lambda s: s["n_articles"])["id"]
        with Store(db) as store:
            count = store.counts()["articles"]
        cold, warm = render(db, story_id)
        print(f"story page with {count:,} articles stored: {cold:.2f} s cold cache, {warm:.2f} s warm "
              f"({datetime.now(timezone.utc):%Y-%m-%d})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
