"""Story matching: accuracy on BASIL (and a dense variant), ECB+ and the gun-violence incidents; cost at scale.

Accuracy: B-cubed precision, recall and F1 against the true events, with default settings,
beside plain baselines measured in the same run: TF-IDF cosine over pairs within the time
window with connected components, and TF-IDF average-link clustering within a 3-day window,
each at its best threshold chosen on the test data itself. The dense variant moves BASIL's
100 events into 30 days. ECB+ (topics 1-22, two look-alike events each, on overlapping days)
is reported per half: odd topics (which the pair model is fitted on) and even ones (held out).

Fit: ``--fit`` fits the pair model of compare/stories/pair_scores.py (logistic regression over
PAIR_FEATURES) on the candidate pairs of every development corpus (ECB+ 1-22, BASIL, the
gun-violence incidents) and prints the weights and the threshold to put there; ``--loco`` holds
each corpus out in turn (bench/match_loco.py) and prints the table of held-out figures.

Scale: a synthetic corpus recombined from BASIL's real sentences, spread over a year, is
imported into SQLite and matched by `match_new_articles` (the code `news-compare match`
runs), in a child process so that its peak memory is its own (reported alone, and with
the worker processes it forks, sampled four times a second in a second run on a copy of the
database: reading a process's memory stalls it, so the timed run is not read); then 1,000 more
articles are added and matched incrementally.

Day by day: ``--daily`` matches each corpus with real dates (the gun-violence sets, ECB+ 1-22,
BASIL) through the store a day at a time, as a collector's daily runs would, beside one run for
all of it.

Run: python bench/match.py [--data ../shared/data] [--sizes 10000 30000 100000] [--skip-scale] [--fit] [--loco]
     [--daily] [--e2e [sqlite] [postgresql]]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from compare.store import Store
from compare.stories.match import MatchParams, cluster_docs
from compare.stories.vectors import Doc, TermStats, days
from match_loco import gun_docs

WINDOW = MatchParams().window_days


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ecb_docs(rows: list[dict]) -> tuple[list[Doc], list[str]]:
    """ECB+ texts as matcher docs, in time order, with their true events."""
    docs = [Doc(str(n), r["outlet"], days(r["published"]), r["title"], r["text"]) for n, r in enumerate(rows)]
    order = sorted(range(len(docs)), key=lambda n: (docs[n].time, docs[n].id))
    return [docs[n] for n in order], [rows[int(docs[n].id)]["gold_story"] for n in order]


def ecb_half(rows: list[dict], odd: bool | None) -> list[dict]:
    """The odd or even ECB+ topics (None: all)."""
    return [r for r in rows if odd is None or (r["topic"] % 2 == 1) == odd]


def basil_docs(rows: list[dict], dense_seed: int | None = None) -> tuple[list[Doc], list[str]]:
    """BASIL as matcher docs; with ``dense_seed``, every event moved to a random day of one month."""
    times = {}
    if dense_seed is None:
        times = {n: days(r["published"]) + 0.5 for n, r in enumerate(rows)}
    else:
        rng = random.Random(dense_seed)
        by_event: dict[str, list[int]] = defaultdict(list)
        for n, r in enumerate(rows):
            by_event[r["gold_story"]].append(n)
        for members in by_event.values():
            base = rng.uniform(0, 30)
            start = min(days(rows[n]["published"]) for n in members)
            for n in members:  # keep each event's own spread, at most two days
                times[n] = 20_000 + base + min(days(rows[n]["published"]) - start, 2.0) + rng.uniform(0, 0.5)
    docs = [Doc(str(n), r["outlet"], times[n], r["title"], r["text"]) for n, r in enumerate(rows)]
    order = sorted(range(len(docs)), key=lambda n: (docs[n].time, docs[n].id))
    return [docs[n] for n in order], [rows[int(docs[n].id)]["gold_story"] for n in order]


def b_cubed(labels: list, gold: list[str]) -> tuple[float, float, float]:
    predicted: dict = defaultdict(set)
    truth: dict = defaultdict(set)
    for n, (label, event) in enumerate(zip(labels, gold)):
        predicted[label].add(n)
        truth[event].add(n)
    p = sum(len(predicted[c] & truth[g]) / len(predicted[c]) for c, g in zip(labels, gold)) / len(gold)
    r = sum(len(predicted[c] & truth[g]) / len(truth[g]) for c, g in zip(labels, gold)) / len(gold)
    return p, r, 2 * p * r / (p + r)


def ours(docs: list[Doc]) -> list[int]:
    labels, _ = cluster_docs(docs, TermStats(), MatchParams())
    return labels


def _tfidf_similarity(docs: list[Doc]) -> np.ndarray:
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        f"{d.title}\n{d.text}" for d in docs)
    return (vectors @ vectors.T).toarray()


def average_link_baseline(docs: list[Doc], threshold: float, window: float = 3.0) -> list[int]:
    """TF-IDF average-link agglomerative clustering (scipy); pairs more than ``window`` days apart count as 0."""
    similarity = _tfidf_similarity(docs)
    times = np.array([d.time for d in docs])
    similarity[np.abs(times[:, None] - times[None, :]) > window] = 0.0
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance").tolist()


def best_baseline(docs: list[Doc], gold: list[str], method, thresholds) -> tuple[float, ...]:
    """The baseline's B-cubed figures at its best threshold on this data, and that threshold."""
    return max((b_cubed(method(docs, t), gold) + (t,) for t in thresholds), key=lambda x: x[2])


def baseline(docs: list[Doc], threshold: float) -> list[int]:
    """TF-IDF cosine over pairs within the time window, then connected components."""
    similarity = _tfidf_similarity(docs)
    times = np.array([d.time for d in docs])
    close = np.abs(times[:, None] - times[None, :]) <= WINDOW
    graph = sparse.csr_matrix((similarity >= threshold) & close)
    return connected_components(graph, directed=False)[1].tolist()


def accuracy(basil: list[dict], ecb: list[dict], gun: dict[str, list[dict]]) -> None:
    print("accuracy, B-cubed precision / recall / F1 (default settings); baselines at their best threshold "
          "on each set:")
    variants = []
    if basil:
        variants += [("BASIL, real dates", basil_docs(basil))] + [
            (f"BASIL dense, 30 days (seed {seed})", basil_docs(basil, dense_seed=seed)) for seed in range(3)]
    if ecb:
        variants += [(f"ECB+ {name} topics", ecb_docs(ecb_half(ecb, odd)))
                     for name, odd in (("odd (fitted)", True), ("even (held out)", False), ("1-22, all", None))]
    for part, rows in sorted(gun.items()):
        variants.append((f"gun violence {part}", gun_docs(rows)))
    for name, (docs, gold) in variants:
        started = time.perf_counter()
        mine = b_cubed(ours(docs), gold)
        seconds = time.perf_counter() - started
        components = best_baseline(docs, gold, baseline, (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5))
        average = best_baseline(docs, gold, average_link_baseline, (0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25))
        print(f"  {name:34s} news-compare {_prf(mine)} ({seconds:.2f} s) | components best@{components[3]} "
              f"{_prf(components)} | average link best@{average[3]} {_prf(average)}", flush=True)


def _prf(values: tuple[float, ...]) -> str:
    return " / ".join(f"{v:.3f}" for v in values[:3])


# -- scale ---------------------------------------------------------------------------------

def synthetic_articles(rows: list[dict], count: int, seed: int, start_day: float = 0.0,
                       span_days: float = 365.0) -> list[dict]:
    """``count`` articles recombined from BASIL sentences: events of 2-4 outlets over ``span_days``.

    Each event mixes the sentences of two BASIL events (a main one and a related one), so that
    events share topics the way a year of news does without being copies of each other.
    """
    rng = random.Random(seed)
    pools: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        pools[r["gold_story"]].extend(r["sentences"])
    events = list(pools)
    every_sentence = [s for pool in pools.values() for s in pool]
    outlets = [f"Outlet {n}" for n in range(40)]
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    articles: list[dict] = []
    while len(articles) < count:
        main_event, side_event = rng.sample(events, 2)
        main = rng.sample(pools[main_event], min(12, len(pools[main_event])))
        side = rng.sample(pools[side_event], min(6, len(pools[side_event])))
        day = start_day + rng.uniform(0, span_days)
        for outlet in rng.sample(outlets, rng.randint(2, 4)):
            body = rng.sample(main, min(7, len(main))) + rng.sample(side, min(4, len(side))) \
                + rng.sample(every_sentence, 3)
            rng.shuffle(body)
            when = base + timedelta(days=day + rng.uniform(0, 1.5))
            articles.append({"outlet": outlet, "url": f"https://synthetic.example/{seed}/{len(articles)}",
                             "title": rng.choice(main)[:120], "text": " ".join(body),
                             "published": when.isoformat()})
            if len(articles) == count:
                break
    return articles


def fill(db_path: Path, articles: list[dict]) -> None:
    now = datetime.now(timezone.utc)
    with Store(db_path) as store, store.transaction():
        for article in articles:
            store.import_article(article, when=now)


def timed_match(db_path: Path) -> tuple[float, float, float]:
    """Run matching in a child process; returns its seconds, its own peak memory (MB), and the
    peak of the memory of it and its worker processes together (MB, PSS: pages shared
    between them after a fork are counted once).

    Reading a process's PSS stalls it (about 20 ms for a process of 1 GB), so the memory is
    sampled, every quarter second, in a second run on a copy of the database, and the seconds
    come from a run nothing reads."""
    spare = db_path.with_suffix(".sampled.db")
    shutil.copyfile(db_path, spare)
    try:
        seconds, peak, _ = _match_in_child(db_path, sample=False)
        _, _, peak_total = _match_in_child(spare, sample=True)
    finally:
        spare.unlink(missing_ok=True)
    # A short run can end between two samples; the total is never below the parent's own peak.
    return seconds, peak, max(peak_total, peak)


def _match_in_child(db_path: Path, sample: bool) -> tuple[float, float, float]:
    """One child process's run: its seconds, its own peak (MB), and (``sample``) the sampled peak
    PSS of it and its workers (MB; 0 when not sampled)."""
    code = ("import sys, time, resource; from compare.store import Store; "
            "from compare.stories.assign import match_new_articles; from compare.stories.match import MatchParams; "
            "s = Store(sys.argv[1]); t = time.perf_counter(); r = match_new_articles(s, MatchParams()); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
            "r.new_articles)")
    child = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True)
    peak_total = 0.0
    while child.poll() is None:
        if sample:
            peak_total = max(peak_total, _tree_pss_mb(child.pid))
        time.sleep(0.25)
    out = child.stdout.read() if child.stdout else ""
    if child.returncode:
        raise RuntimeError(f"matching failed with exit status {child.returncode}")
    seconds, peak, _ = out.split()
    return float(seconds), float(peak), peak_total


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and all its descendants, in MB (Linux)."""
    total_kb, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # the process ended while being read
    return total_kb / 1024


def scale(rows: list[dict], sizes: list[int]) -> None:
    print("\nscale: synthetic articles recombined from BASIL sentences, spread over a year")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = Path(tmp) / f"scale{size}.db"
            fill(db, synthetic_articles(rows, size, seed=size))
            seconds, peak, peak_total = timed_match(db)
            line = (f"  {size:>7,} articles: full match {seconds:6.1f} s, peak memory {peak:6.0f} MB "
                    f"(with its worker processes {peak_total:6.0f} MB)")
            if size == max(sizes):
                fill(db, synthetic_articles(rows, 1000, seed=7, start_day=365.0, span_days=3.0))
                more_seconds, more_peak, more_total = timed_match(db)
                line += (f"; +1,000 new articles: {more_seconds:.2f} s, peak {more_peak:.0f} MB "
                         f"(with workers {more_total:.0f} MB)")
            print(line, flush=True)


def end_to_end(ecb: list[dict], engines: list[str]) -> None:
    """ECB+ through the CLI (import with the import fields only, match, export), on each engine."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from databases import database

    print("\nend to end through the CLI, B-cubed of articles.csv's stories:")
    for name, odd in (("odd (fitted)", True), ("even (held out)", False)):
        rows = ecb_half(ecb, odd)
        gold = {r["url"]: r["gold_story"] for r in rows}
        for engine in engines:
            with tempfile.TemporaryDirectory() as tmp, database(engine, Path(tmp), "match") as db:
                imported = Path(tmp) / "import.jsonl"
                imported.write_text("".join(json.dumps({k: r[k] for k in ("outlet", "url", "title", "published",
                                                                            "text")}) + "\n" for r in rows))
                for command in (["import", str(imported)], ["match"], ["export", "--out", str(Path(tmp) / "out")]):
                    subprocess.run([sys.executable, "-m", "compare", "--db", db, "-q", *command], check=True,
                                   stdout=subprocess.DEVNULL)
                with open(Path(tmp) / "out" / "articles.csv", encoding="utf-8") as handle:
                    stories = {r["url"]: r["story_id"] for r in csv.DictReader(handle)}
            urls = sorted(gold)
            print(f"  ECB+ {name:16} {engine:10} {_prf(b_cubed([stories[u] for u in urls], [gold[u] for u in urls]))}")


def day_by_day(sets: dict[str, list[dict]]) -> None:
    """Each set matched through the store a day at a time, as a collector's daily runs would
    (later reports meet stored stories, follow-ups past the window go through the stored names'
    screen, young single-article stories are matched again), beside all of it matched at once."""
    from compare.stories.assign import match_new_articles

    print("\nday by day: each set through the store, a run per day against one run for all (B-cubed P / R / F1)")
    for name, rows in sets.items():
        rows = sorted(rows, key=lambda r: (r["published"], r["url"]))
        urls = [r["url"] for r in rows]
        for mode in ("one run", "a run a day"):
            days: dict[str, list[dict]] = defaultdict(list)
            for row in rows:
                days[row["published"][:10] if mode == "a run a day" else ""].append(row)
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "daily.db") as store:
                for day in sorted(days):
                    for row in days[day]:
                        store.import_article({k: row[k] for k in ("outlet", "url", "title", "published", "text")},
                                             when=datetime.now(timezone.utc))
                    match_new_articles(store, MatchParams())
                stories = {r[0]: r[1] for r in store.conn.execute("SELECT url, story_id FROM articles")}
            kept = [u for u in urls if u in stories]  # an import refuses an article without a title
            gold = {r["url"]: str(r["gold_story"]) for r in rows}
            print(f"  {name:22} {mode:12} ({len(days):3} runs) "
                  f"{_prf(b_cubed([stories[u] for u in kept], [gold[u] for u in kept]))}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--fit", action="store_true", help="fit the pair model on every corpus and stop")
    parser.add_argument("--loco", action="store_true",
                        help="hold each corpus out in turn: fit on the others, score it, and stop")
    parser.add_argument("--daily", action="store_true",
                        help="match each corpus through the store a day at a time, and stop")
    parser.add_argument("--e2e", nargs="*", choices=("sqlite", "postgresql"), default=None,
                        help="also match ECB+ end to end through the CLI on these engines, and stop")
    args = parser.parse_args()
    basil_path, ecb_path = args.data / "basil/articles.jsonl", args.data / "ecbplus/articles.jsonl"
    if not basil_path.exists():
        print(f"{basil_path} is absent; nothing to measure", file=sys.stderr)
        return 1
    basil = load_rows(basil_path)
    ecb = load_rows(ecb_path) if ecb_path.exists() else []
    if args.fit or args.loco:
        import match_loco

        found = match_loco.units(args.data, basil, ecb, load_rows, ecb_docs, ecb_half, basil_docs)
        (match_loco.fit_all if args.fit else match_loco.loco)(found, MatchParams())
        return 0
    if args.e2e is not None:
        end_to_end(ecb, args.e2e or ["sqlite", "postgresql"])
        return 0
    gun_path = args.data / "gunviolence/articles.jsonl"
    gun: dict[str, list[dict]] = defaultdict(list)
    for row in load_rows(gun_path) if gun_path.exists() else []:
        gun[row["source"]].append(row)
    if args.daily:
        day_by_day({**{f"gun violence {part}": part_rows for part, part_rows in sorted(gun.items())},
                    "ECB+ 1-22": ecb, "BASIL": basil})
        return 0
    accuracy(basil, ecb, gun)
    if not args.skip_scale:
        scale(basil, args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
