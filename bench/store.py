"""The store at scale, on SQLite and PostgreSQL: matching, analysis, the dashboard's pages,
bytes per article, and several collectors sharing one database.

Corpora: synthetic articles recombined from BASIL's real sentences, spread over a year (see
bench/match.py), imported through the store in the order they were published, as collectors
store them (a PostgreSQL corpus is then vacuumed, as autovacuum would after so many writes).
For each engine and size:

- import, then ``match`` from scratch, then 1,000 more articles matched incrementally (and, at
  the end, 1,000 more a day later: the run after, as a collector's runs follow each other);
- ``analyse`` from scratch (sizes up to ``--analyse-up-to``), then after the 1,000 new articles;
- the stories page (the default list, and a full-text search) and the story page of the
  busiest story, as the dashboard's views compute them (server side, no browser);
- the database's size per article, and its largest tables.

Collectors (``--collectors N``): a loopback site of N pages in 20 feeds; one ``collect`` process,
then two at once against one fresh database of each engine; pages stored per second; with
each collector extracting in a process per core, then in one process each (as two one-core
machines would).

Analysers (``--analysers N``): a corpus of N synthetic articles, imported and matched; one
``analyse`` process, then (every analysis forgotten) two at once against the same database;
stories analysed per second, the stories each analyser took, and whether their sum is the
number of stories (each analysed once).

Corpora too large to analyse from scratch here (over ``--analyse-up-to``) have their 100 busiest
stories analysed, so that the story page is timed on a story with its facts.

Run: python bench/store.py [--engines sqlite postgresql] [--sizes 10000 100000]
     [--analyse-up-to 10000] [--collectors 2000] [--analysers 2000] [--pg postgresql://postgres@127.0.0.1:5432/test]
     [--keep FOLDER]  (corpora kept once imported, and again once matched, and reused: 1M takes long;
                       SQLite files in FOLDER, PostgreSQL databases of their own beside --pg's)
     [--per-year N]  (each corpus as thinly spread as N articles a year: --sizes 50000 --per-year 1000000
                      times matching +1,000 at 1M's density in minutes, not hours; pages and bytes
                      per article still need the full size)
     [--copies N]  (then each corpus copied within its database until N times as big, at the same
                    dates, and the pages timed again: --sizes 100000 --copies 10 times the pages at
                    1M on both engines in minutes; see bench/copies.py for what it stands in for;
                    then 1,000 more articles matched in it, and the stories they are in analysed
                    by one analyser, then by two at once)
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from copies import copy_corpus  # noqa: E402
from databases import DEFAULT_PG, KeptCorpus, database  # noqa: E402  (helpers beside this file)
from match import load_rows, synthetic_articles  # noqa: E402

from compare.analysis.run import analyse_changed_stories  # noqa: E402
from compare.collect.importer import import_files  # noqa: E402
from compare.store import Store  # noqa: E402
from compare.stories.assign import match_new_articles  # noqa: E402
from compare.stories.match import MatchParams  # noqa: E402
from compare.ui import views  # noqa: E402

DATA = HERE.parents[1] / "shared" / "data"


def say(line: str) -> None:
    """Print a measurement with the machine's load averages beside it: other work may share the cores."""
    one, five, fifteen = os.getloadavg()
    print(f"{line}  [load {one:.2f} {five:.2f} {fifteen:.2f}]")


def timed(action, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = action(*args, **kwargs)
    return time.perf_counter() - started, result


def size_of(store: Store) -> tuple[int, list[tuple[str, int]]]:
    """Bytes the database takes on disk, and its five largest tables (with their indexes)."""
    if store.engine == "sqlite":
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = sum(os.path.getsize(f"{store.path}{s}") for s in ("", "-wal") if os.path.exists(f"{store.path}{s}"))
        try:
            rows = store.conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC "
                                      "LIMIT 8").fetchall()
        except Exception:  # noqa: BLE001 -- SQLite built without the dbstat table
            rows = []
        return total, [(r[0], int(r[1])) for r in rows]
    rows = store.conn.execute(
        "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 2 DESC").fetchall()
    return sum(int(r[1]) for r in rows), [(r[0], int(r[1])) for r in rows[:8]]


def busy(story: dict) -> tuple[int, int]:
    return story["n_outlets"], story["n_articles"]


def pages(store: Store) -> tuple[float, float, float]:
    """Seconds for the stories page, full-text searches (the slowest of a rare, a common and a very
    common query), and the busiest story's page (each the best of 3)."""
    listing = min(timed(views.stories_table, store)[0] for _ in range(3))
    search = max(min(timed(views.stories_table, store, text=query)[0] for _ in range(3))
                 for query in ("health care reform", "senate vote", "trump"))
    busiest = max(store.stories(), key=busy)["id"]
    story = min(timed(views.story_view, store, busiest)[0] for _ in range(3))
    return listing, search, story


def scale(engine: str, size: int, analyse_up_to: int, rows: list[dict], folder: Path, pg: str,
          keep: Path | None = None, budget: float | None = None, per_year: int | None = None,
          copies: int = 1) -> None:
    """Import, match, analyse and time one corpus. ``keep``: a folder (SQLite) or a mark
    (PostgreSQL: databases of their own) under which the corpus is kept once imported and
    again once matched, and reused on later runs (the 1M corpus takes hours to build): a run
    cut off while matching starts from the import. ``per_year``: the corpus is spread as thinly
    as this many articles a year would be (default: ``size``, over a year), so that matching
    can be timed at the density of a corpus too big to build."""
    span = 365.0 * size / (per_year or size)
    name = f"s{size}" + (f"-{per_year}a-year" if per_year else "")
    now = datetime.now(timezone.utc)
    if keep is None:
        with database(engine, folder, f"s{size}", pg) as target:
            _build(engine, size, rows, now, span, target, None)
            _measure(engine, size, analyse_up_to, rows, now, span, target, budget, copies)
        return
    kept = KeptCorpus(engine, folder, keep, name, pg)
    try:
        stage = kept.restore()
        if stage:
            say(f"  {engine:10} {size:>9,} articles: {stage} before, copied from the kept corpus ({kept.stem})")
        if stage != "matched":
            _build(engine, size, rows, now, span, kept.target, kept, imported=stage == "imported")
        _measure(engine, size, analyse_up_to, rows, now, span, kept.target, budget, copies)
    finally:
        kept.discard()


def _build(engine: str, size: int, rows: list[dict], now: datetime, span: float, target: str,
           kept: KeptCorpus | None, imported: bool = False) -> None:
    """Import (unless ``imported``) and match the corpus, each stage kept when ``kept`` is given."""
    if not imported:
        with Store(target) as store:
            import_corpus(store, engine, size, rows, now, span)
        if kept:  # a run cut off while matching need not import again
            kept.save("imported")
    with Store(target) as store:
        match_corpus(store, engine)
        if engine == "postgresql":  # what autovacuum does after so many writes, done at once
            seconds, _ = timed(store.conn.execute, "VACUUM ANALYZE")
            say(f"  {'':10} {'':>9}  vacuumed in {seconds:.0f} s")
    if kept:
        kept.save("matched")


def _measure(engine: str, size: int, analyse_up_to: int, rows: list[dict], now: datetime, span: float,
             target: str, budget: float | None, copies: int) -> None:
    """Everything timed on a matched corpus: +1,000, analysis, pages, bytes, then its copies."""
    with Store(target) as store:
        grow_and_time(store, target, engine, size, size <= analyse_up_to, rows, now, budget, span)
        if copies > 1:
            seconds, _ = timed(copy_corpus, store, copies)
            counts = store.counts()
            listing, search, story = pages(store)
            say(f"  {'':10} {'':>9}  copied to {copies} times the corpus in {seconds:.0f} s "
                f"({counts['articles']:,} articles, {counts['stories']:,} stories, as dense): stories page "
                f"{listing:.3f} s, search (slowest of three) {search:.3f} s, story page {story:.3f} s")
            touched = match_more_timed(store, rows, now, span + 2.0, seed=9, label=" in the copied corpus")
            analysers_on(store, target, engine, touched)


def match_more_timed(store: Store, rows: list[dict], now: datetime, start_day: float, seed: int,
                     label: str) -> set[str]:
    """Import and match 1,000 more articles from ``start_day`` on, timed; the stories they made or joined."""
    before = store.story_contents()
    seconds = import_timed(store, synthetic_articles(rows, 1000, seed=seed, start_day=start_day, span_days=3.0), now)
    say(f"  {'':10} {'':>9}  import +1,000{label} {seconds:7.1f} s ({1000 / seconds:,.0f}/s)")
    seconds, _ = timed(match_new_articles, store, MatchParams())
    say(f"  {'':10} {'':>9}  match +1,000{label} {seconds:7.1f} s")
    return {s for s, a in store.story_contents().items() if before.get(s) != a}


_ANALYSER = """
import json, sys
from compare.analysis.run import analyse_changed_stories
from compare.store import Store
with Store(sys.argv[1]) as store:
    print(analyse_changed_stories(store, only=set(json.loads(sys.argv[2]))).stories)
"""


def analysers_on(store: Store, target: str, engine: str, stories: set[str]) -> None:
    """``stories`` analysed by one analyser process, then (their analyses forgotten) by two at once,
    each reading the whole database for what changed as ``analyse`` does: seconds, each one's
    share, and whether each story was analysed once. A first run embeds the new sentences (kept
    for the runs after), so that one and two analysers are compared on equal terms."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    chosen = json.dumps(sorted(stories))
    for count, first in ((1, True), (1, False), (2, False)):
        with store.transaction():  # due again: what the other run wrote is forgotten
            store.conn.executemany("DELETE FROM analysed_stories WHERE story_id = ?", [(s,) for s in stories])
        started = time.perf_counter()
        running = [subprocess.Popen([sys.executable, "-c", _ANALYSER, str(target), chosen], env=env,
                                    stdout=subprocess.PIPE, text=True) for _ in range(count)]
        shares = [int(process.communicate()[0].split()[-1]) for process in running]
        seconds = time.perf_counter() - started
        stored = int(store.conn.execute("SELECT COUNT(*) FROM analysed_stories WHERE story_id IN "
                                        f"({', '.join('?' * len(stories))})", sorted(stories)).fetchone()[0])
        say(f"  {engine:10} {count} analyser{'s' if count > 1 else ' '} on the {len(stories):,} stories the new "
            f"articles are in{' (first: embedding their sentences)' if first else ''}: {seconds:.1f} s ({sum(shares) / seconds:.1f} stories/s); stories per analyser "
            f"{shares}" + ("" if sum(shares) == stored == len(stories) else f" (NOT each once: {stored:,} stored)"))


def recent_stories(store: Store, days: int) -> set[str]:
    """The stories with an article in the last ``days`` days of the corpus."""
    stories = store.stories(limit=100_000)
    latest = datetime.fromisoformat(stories[0]["last_published"])
    return {s["id"] for s in stories
            if s["last_published"] and datetime.fromisoformat(s["last_published"]) >= latest - timedelta(days=days)}


def import_timed(store: Store, articles: list[dict], now: datetime) -> float:
    """Seconds the ``import`` command takes for these articles, from a JSON Lines file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(a) + "\n" for a in articles)
        logging.getLogger("compare.collect.importer").setLevel(logging.ERROR)
        seconds, report = timed(import_files, store, [path], now=now)
    if report.skipped:  # a few of BASIL's articles have no headline, which a real import refuses
        say(f"  {'':10} {'':>9}  ({len(report.skipped)} articles without a title skipped)")
    return seconds


def import_corpus(store: Store, engine: str, size: int, rows: list[dict], now: datetime, span: float = 365.0) -> None:
    """Import ``size`` synthetic articles over ``span`` days, timed, in the order they were
    published, as collectors store them: a database's latest articles stand together on disk,
    where the matcher and the analyser read them (imported in random order, the open stories'
    articles of a 1M corpus were spread over the whole table)."""
    articles = sorted(synthetic_articles(rows, size, seed=size, span_days=span), key=lambda a: a["published"])
    seconds = import_timed(store, articles, now)
    say(f"  {engine:10} {size:>9,} articles: imported in {seconds:7.1f} s ({size / seconds:,.0f}/s)")
    if engine == "sqlite":
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds everything


def match_corpus(store: Store, engine: str) -> None:
    """Match the imported articles from scratch, timed."""
    seconds, report = timed(match_new_articles, store, MatchParams())
    say(f"  {'':10} {'':>9}  match from scratch {seconds:7.1f} s ({report.new_stories:,} stories)")
    if engine == "sqlite":
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds everything


class OutOfTime(Exception):
    """The analysis ran past the time it was given (``--analyse-budget``)."""


def analyse_within(store: Store, budget: float | None, **options: object
                   ) -> tuple[float, int, int, bool, float]:
    """Analyse the changed stories, stopping once ``budget`` seconds have passed (None: never);
    seconds taken, stories analysed, stories that were due, whether all were, and the stories
    per second of the last two minutes (the first minutes embed most of the sentences, so the
    rate grows). Every two minutes a line tells how far it got."""
    started = time.perf_counter()
    done, due = 0, 0
    marks = [(0.0, 0)]  # (seconds, stories analysed) every two minutes

    def progress(_: str, count: int, total: int) -> None:
        nonlocal done, due
        done, due = count, total
        elapsed = time.perf_counter() - started
        if elapsed - marks[-1][0] >= 120:
            marks.append((elapsed, count))
            say(f"  {'':10} {'':>9}    ... {count:,} of {total:,} stories in {elapsed:.0f} s")
        if budget is not None and elapsed > budget:
            raise OutOfTime

    def recent_rate(seconds: float) -> float:
        since, then = marks[-2] if len(marks) > 1 and seconds - marks[-1][0] < 30 else marks[-1]
        return (done - then) / max(seconds - since, 1e-9)

    try:
        report = analyse_changed_stories(store, progress=progress, **options)  # type: ignore[arg-type]
    except OutOfTime:
        seconds = time.perf_counter() - started
        return seconds, done, due, False, recent_rate(seconds)
    seconds = time.perf_counter() - started
    return seconds, report.stories, max(due, report.stories), True, recent_rate(seconds)


def grow_and_time(store: Store, target: str, engine: str, size: int, analysed: bool, rows: list[dict],
                  now: datetime, budget: float | None = None, span: float = 365.0) -> None:
    """Analyse from scratch (when ``analysed``; stopped after ``budget`` seconds, and the time
    for all extrapolated), add 1,000 articles, match and analyse them (a corpus not analysed from
    scratch: by one analyser, then by two at once), then time the pages and measure the size."""
    if analysed:
        seconds, done, due, finished, rate = analyse_within(store, budget)
        if finished:
            say(f"  {'':10} {'':>9}  analyse from scratch {seconds:7.1f} s ({done:,} stories, "
                f"{os.cpu_count()} workers)")
        else:
            say(f"  {'':10} {'':>9}  analyse from scratch STOPPED after {seconds:7.1f} s: {done:,} of {due:,} "
                f"stories ({done / seconds:.1f}/s, lately {rate:.1f}/s); all would take about "
                f"{due * seconds / max(done, 1) / 60:.0f} min at the mean rate, "
                f"{(seconds + (due - done) / max(rate, 1e-9)) / 60:.0f} min at the latest")
            analysed = False  # the rest as for a corpus too large to analyse from scratch
    else:  # analysed as a running collector would have them: the latest stories
        seconds, report = timed(analyse_changed_stories, store, only=recent_stories(store, days=10))
        say(f"  {'':10} {'':>9}  analyse the stories of the last 10 days {seconds:7.1f} s "
            f"({report.stories:,} stories)")
    touched = match_more_timed(store, rows, now, span, seed=7, label="")
    # Not analysed from scratch: the stories the new articles made or joined are what an
    # analysed corpus would analyse again, so they alone are (the run still reads every story;
    # the new articles can only join the latest stories, analysed above).
    seconds, report = timed(analyse_changed_stories, store, only=None if analysed else touched)
    say(f"  {'':10} {'':>9}  analyse after +1,000 {seconds:7.1f} s ({report.stories:,} stories"
          + ("" if analysed else ", those the new articles are in") + ")")
    if not analysed:
        analysers_on(store, target, engine, touched)
        # The busiest stories too, so that the story page has something to show.
        busiest = {s["id"] for s in sorted(store.stories(), key=busy, reverse=True)[:100]}
        seconds, report = timed(analyse_changed_stories, store, only=busiest)
        say(f"  {'':10} {'':>9}  analyse the 100 busiest stories {seconds:7.1f} s")
    # The run after: what a collector's every run costs once the first has read the latest stories.
    later = synthetic_articles(rows, 1000, seed=8, start_day=span + 1.0, span_days=3.0)
    import_timed(store, later, now)
    seconds, _ = timed(match_new_articles, store, MatchParams())
    say(f"  {'':10} {'':>9}  match another +1,000 a day later {seconds:7.1f} s")
    listing, search, story = pages(store)
    say(f"  {'':10} {'':>9}  stories page {listing:.3f} s, search (slowest of three) {search:.3f} s, story page {story:.3f} s")
    total, tables = size_of(store)
    count = store.counts()["articles"]
    say(f"  {'':10} {'':>9}  {total / 1e6:,.1f} MB on disk, {total / count:,.0f} bytes per article; largest: "
          + ", ".join(f"{name} {nbytes / 1e6:.1f} MB" for name, nbytes in tables[:5]))


def cpu_times() -> tuple[int, int]:
    """The machine's busy and total CPU time so far, in clock ticks (Linux ``/proc/stat``)."""
    ticks = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and waiting for I/O
    return sum(ticks) - idle, sum(ticks)


def collectors(engine: str, pages_total: int, folder: Path, pg: str) -> None:
    """One collector, then two at once, over a loopback site; pages stored per second. Twice:
    each collector extracting in a process per core, then in one process."""
    from builders import Story, article_page, item_for, rss
    from loopback import LoopbackServer

    base = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)
    stories = [Story(f"p{n}", f"Report number {n} on the harbour works", (
        f"Officials said on Monday that section {n} of the harbour works would reopen after repairs. " * 3,
        f"The council said {n * 7} workers had been moved to other sites while inspectors checked the cables. " * 3,
        "Residents said the noise had gone on for weeks and asked for the work to end before the summer. " * 2),
        base) for n in range(pages_total)]
    with LoopbackServer() as server:
        for story in stories:
            server.add(f"/p/{story.slug}", article_page(story))
        feeds = {}
        for number in range(20):
            mine = stories[number::20]
            server.add(f"/f{number}.xml", rss([item_for(s, server.url(f"/p/{s.slug}")) for s in mine]),
                       content_type="application/rss+xml")
            feeds[f"Outlet {number}"] = [server.url(f"/f{number}.xml")]
        env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
        # Each collector extracts in one process per core; on this one machine a second collector
        # has no core to add, so the run is repeated with one extracting process per collector,
        # as collectors on separate one-core machines would be.
        for processes, label in ((0, "a process per core"), (1, "one process each")):
            config = folder / f"collectors-{processes}.toml"
            text = (f"[settings]\nhost_delay = 0\nper_host_connections = 8\nworkers = 8\nretries = 0\n"
                    f"extract_processes = {processes}\n")
            for name, urls in feeds.items():
                text += f'\n[[outlets]]\nname = "{name}"\nfeeds = ["{urls[0]}"]\n'
            config.write_text(text)
            for count in (1, 2):
                with database(engine, folder, f"c{count}p{processes}", pg) as target:
                    Store(target).close()  # the schema first, so that the collectors only collect
                    command = [sys.executable, "-m", "compare", "--db", target, "-q", "collect", "--feeds",
                               str(config)]
                    started, cpu_before = time.perf_counter(), cpu_times()
                    running = [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL) for _ in range(count)]
                    for process in running:
                        process.wait()
                    seconds = time.perf_counter() - started
                    busy, total = (after - before for after, before in zip(cpu_times(), cpu_before))
                    with Store(target) as store:
                        stored = store.status_counts().get("extracted", 0)
                        rows = store.counts()["articles"]
                        shares = sorted(store.pages_per_collector().values(), reverse=True)
                    fetched = sum(server.hits(f"/p/{s.slug}") for s in stories)
                    for story in stories:
                        server.routes[f"/p/{story.slug}"].hits = 0
                    say(f"  {engine:10} {count} collector{'s' if count > 1 else ' '} ({label}): {stored:,} of "
                          f"{pages_total:,} pages stored ({rows:,} rows, {fetched:,} fetches) in {seconds:.1f} s: "
                          f"{stored / seconds:.0f} pages/s; pages per collector {shares}; the machine's CPUs {busy / max(total, 1):.0%} busy",
                          )


def analysers(engine: str, size: int, rows: list[dict], folder: Path, pg: str) -> None:
    """One ``analyse`` process, then two at once, on one corpus; stories per second, each one's
    share, whether the shares add up to the stories (each analysed once), and whether the two
    export what the one did."""
    import re

    from compare.ui.export import FILES, export_all

    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    config = folder / "analysers.toml"
    config.write_text('[settings]\nembedding_model = "none"\n')
    exports: list[dict[str, bytes]] = []
    with database(engine, folder, f"a{size}", pg) as target:
        with Store(target) as store:
            import_timed(store, synthetic_articles(rows, size, seed=size), datetime.now(timezone.utc))
            match_new_articles(store, MatchParams())
            stories = store.counts()["stories"]
        for count in (1, 2):
            with Store(target) as store:
                store.forget_analyses()
            command = [sys.executable, "-m", "compare", "--db", target, "-q", "analyse", "--feeds", str(config)]
            started = time.perf_counter()
            running = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(count)]
            shares = [int(re.match(r"analysed (\d+)", process.communicate()[0]).group(1)) for process in running]
            seconds = time.perf_counter() - started
            with Store(target) as store:
                stored = int(store.conn.execute("SELECT COUNT(*) FROM analysed_stories").fetchone()[0])
                export = folder / f"export-{engine}-{count}"
                export_all(store, export)
                exports.append({name: (export / name).read_bytes() for name in FILES})
            once = sum(shares) == stories == stored
            differing = [name for name in FILES if count > 1 and exports[-1][name] != exports[0][name]]
            same = "" if count == 1 else (f", export DIFFERS from one's in {', '.join(differing)}" if differing
                                          else ", export identical to one analyser's")
            say(f"  {engine:10} {count} analyser{'s' if count > 1 else ' '}: {sum(shares):,} of {stories:,} stories "
                f"({stored:,} stored) in {seconds:.1f} s: {sum(shares) / seconds:.1f} stories/s; stories per analyser "
                f"{shares}{'' if once else ' (NOT each once)'}{same}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--analyse-up-to", type=int, default=10_000, help="analyse corpora up to this size")
    parser.add_argument("--analyse-budget", type=float, help="seconds analysis from scratch may take; "
                        "stopped then, and the time for every story extrapolated")
    parser.add_argument("--collectors", type=int, default=2000, help="pages of the loopback site (0: skip)")
    parser.add_argument("--analysers", type=int, default=2000, help="articles analysed by one, then two "
                        "analysers (0: skip)")
    parser.add_argument("--pg", default=DEFAULT_PG, help="the PostgreSQL database to make schemas in")
    parser.add_argument("--per-year", type=int, help="spread each corpus as thinly as this many articles a year "
                        "would be (matching +1,000 at the density of a corpus too big to build here)")
    parser.add_argument("--keep", type=Path, help="keep corpora, imported and matched, and reuse them on later "
                        "runs: SQLite files in this folder, PostgreSQL databases of their own beside --pg's")
    parser.add_argument("--copies", type=int, default=1, help="then copy each corpus within its database until "
                        "this many times as big, and time the pages again (bench/copies.py)")
    args = parser.parse_args()
    basil = args.data / "basil" / "articles.jsonl"
    if (args.sizes or args.analysers) and not basil.exists():
        print(f"{basil} is absent; nothing to measure", file=sys.stderr)
        return 1
    rows = load_rows(basil) if args.sizes or args.analysers else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.sizes:
            print("scale: synthetic articles from BASIL's sentences, over a year")
            for size in args.sizes:
                for engine in args.engines:
                    scale(engine, size, args.analyse_up_to, rows, folder, args.pg, args.keep, args.analyse_budget,
                          args.per_year, args.copies)
        if args.collectors:
            print(f"\ncollectors: a loopback site of {args.collectors:,} pages in 20 feeds")
            for engine in args.engines:
                collectors(engine, args.collectors, folder, args.pg)
        if args.analysers:
            print(f"\nanalysers: {args.analysers:,} synthetic articles, imported and matched")
            for engine in args.engines:
                analysers(engine, args.analysers, rows, folder, args.pg)
    print(f"({datetime.now(timezone.utc):%Y-%m-%d}, {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
