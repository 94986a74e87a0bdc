"""Several matchers on one database: one matches at a time under a lease, the others leave the
new articles to it, and a stopped matcher's lease is taken over."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from test_analysis import CORPUS, NOW

from compare.store import Lease, Store
from compare.stories.assign import match_new_articles
from compare.stories.match import MatchParams


def import_demo(store: Store) -> None:
    for a in CORPUS.articles:
        store.import_article({"outlet": CORPUS.outlets[a.outlet].name, "url": f"https://{a.outlet}.example/{a.id}",
                              "title": a.title, "text": a.text, "published": a.published.isoformat()}, when=NOW)


def start_matcher(target: str, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    return subprocess.Popen([sys.executable, "-m", "compare", "--db", str(target), "match"], cwd=folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stories_of(target: str) -> dict[str, str]:
    """Each article's story, by the last part of its URL."""
    with Store(target) as store:
        return {r[0].rsplit("/", 1)[-1]: r[1] for r in store.conn.execute("SELECT url, story_id FROM articles")}


def test_two_matchers_started_together_match_each_article_once(db_target, tmp_path):
    with Store(db_target) as store:
        import_demo(store)
    running = [start_matcher(db_target, tmp_path) for _ in range(2)]
    outputs = []
    for process in running:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        outputs.append(out)
    matched = [int(found.group(1)) if (found := re.search(r"matched (\d+) new article", out)) else 0
               for out in outputs]
    assert sum(matched) == len(CORPUS.articles)  # each article matched once, by one of them
    assert any("another matcher" in out for out in outputs) or 0 in matched
    with Store(db_target) as store:
        counted = {r[0]: r[1] for r in store.conn.execute(
            "SELECT story_id, COUNT(*) FROM articles WHERE story_id IS NOT NULL GROUP BY story_id")}
        stored = {r[0]: r[1] for r in store.conn.execute("SELECT id, n_articles FROM stories")}
    assert stored == counted  # no story counted twice or left without its articles
    # The same stories as one matcher alone makes.
    alone = tmp_path / "alone.db"
    with Store(alone) as store:
        import_demo(store)
        match_new_articles(store, MatchParams(), now=NOW)
    assert stories_of(db_target) == stories_of(str(alone))


def test_the_matcher_lease_is_one_holders_until_released_or_run_out(store):
    now = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)
    first, second = Lease("here:1:a", now, 60.0), Lease("elsewhere:2:b", now, 60.0)
    assert store.claim_matching(first, now=now)
    assert store.claim_matching(first, now=now + timedelta(seconds=30))  # renewed by its holder
    assert not store.claim_matching(second, now=now + timedelta(seconds=80))  # renewed at +30 s: until +90 s
    assert store.claim_matching(second, now=now + timedelta(seconds=91))  # run out
    store.release_matching(second)
    assert store.claim_matching(first, now=now + timedelta(seconds=92))


def test_a_stopped_matcher_on_this_machine_leaves_its_lease_at_once(store):
    import socket

    now = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)
    stopped = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = Lease(f"{socket.gethostname()}:{int(stopped.stdout)}:a", now, 600.0)
    assert store.claim_matching(dead, now=now)
    assert store.claim_matching(Lease(f"{socket.gethostname()}:{os.getpid()}:b", now, 600.0), now=now)
