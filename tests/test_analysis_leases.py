"""Several analysers on one database: they share the changed stories under leases, analyse each
story once, store what one analyser stores, and take over a stopped one's stories."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import postgres_database
from test_analysis import CORPUS, NOW, demo_store
from waiting import wait_until

from compare.analysis.run import PAUSE_AFTER_CLAIM, AnalyseReport, analyse_changed_stories
from compare.store import Lease, Store, StoryAnalysis
from compare.ui.export import FILES, export_all

STORIES = len(CORPUS.by_story())


@pytest.fixture
def demo_pg() -> Iterator[str]:
    """A PostgreSQL database holding the demo corpus, matched into stories, not yet analysed."""
    with postgres_database() as url:
        with Store(url) as store:
            demo_store(store)
        yield url


def settings_file(folder: Path, lease_seconds: float = 600) -> Path:
    path = folder / "feeds.toml"
    path.write_text(f'[settings]\nembedding_model = "none"\nlease_seconds = {lease_seconds}\n', encoding="utf-8")
    return path


def start_analyser(target: str, feeds: Path, *, pause: Path | None = None) -> subprocess.Popen[str]:
    """`news-compare analyse` in a process of its own; with ``pause``, it names the stories of
    its first claim in that file and waits until ``pause`` + ".go" appears."""
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    env.pop(PAUSE_AFTER_CLAIM, None)
    if pause is not None:
        env[PAUSE_AFTER_CLAIM] = str(pause)
    return subprocess.Popen([sys.executable, "-m", "compare", "--db", target, "-q", "analyse", "--feeds", str(feeds)],
                            cwd=feeds.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def analysed_by(process: subprocess.Popen[str], timeout: float = 180) -> int:
    """How many stories the analyser says it analysed, once it has ended well."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    found = re.match(r"analysed (\d+) stor", out)
    assert found, out
    return int(found.group(1))


def exported(target: str, folder: Path) -> dict[str, str]:
    with Store(target) as store:
        export_all(store, folder)
    return {name: (folder / name).read_text(encoding="utf-8") for name in FILES}


def one_analysers_export(target: str, folder: Path) -> dict[str, str]:
    """The export after every story is analysed again by one analyser alone."""
    with Store(target) as store:
        store.forget_analyses()
    assert analysed_by(start_analyser(target, settings_file(folder))) == STORIES
    return exported(target, folder / "one")


def stored_analyses(target: str) -> int:
    with Store(target) as store:
        return int(store.conn.execute("SELECT COUNT(*) FROM analysed_stories").fetchone()[0])


def test_two_analysers_started_together_share_the_stories_and_store_what_one_does(demo_pg, tmp_path):
    """Both claim a batch before either goes on (each waits after its first claim until both
    have one); between them they analyse every story once, and export what one analyser does."""
    feeds = settings_file(tmp_path)
    claims = [tmp_path / "first.claim", tmp_path / "second.claim"]
    running = [start_analyser(demo_pg, feeds, pause=claim) for claim in claims]
    try:
        assert wait_until(lambda: all(c.exists() for c in claims) or any(p.poll() is not None for p in running),
                          timeout=120)
        assert all(c.exists() for c in claims), [p.communicate() for p in running if p.poll() is not None]
        first, second = ({line for line in c.read_text(encoding="utf-8").split("\n")} for c in claims)
        assert first and second and not first & second  # no story claimed by both
        for claim in claims:
            Path(f"{claim}.go").touch()
        counts = [analysed_by(process) for process in running]
    finally:
        for process in running:
            process.kill()  # when it has not ended by itself
    assert all(counts) and sum(counts) == STORIES == stored_analyses(demo_pg)
    assert exported(demo_pg, tmp_path / "two") == one_analysers_export(demo_pg, tmp_path)


def test_a_killed_analysers_stories_are_analysed_by_the_other(demo_pg, tmp_path):
    """One analyser is killed (SIGKILL) holding its first batch while the other waits for those
    stories; the other takes them over (its lease is short, and a dead holder on this machine
    is seen at once) and every story is analysed once, as one analyser would."""
    feeds = settings_file(tmp_path, lease_seconds=3)
    claim = tmp_path / "doomed.claim"
    doomed = start_analyser(demo_pg, feeds, pause=claim)
    try:
        assert wait_until(lambda: claim.exists() or doomed.poll() is not None, timeout=120)
        assert claim.exists(), doomed.communicate()
        held = claim.read_text(encoding="utf-8").split("\n")
        survivor = start_analyser(demo_pg, feeds)
        # The survivor has stored every story but the doomed one's and waits for those.
        assert wait_until(lambda: stored_analyses(demo_pg) >= STORIES - len(held) or survivor.poll() is not None,
                          timeout=120)
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
    try:
        assert analysed_by(survivor) == STORIES
    finally:
        survivor.kill()
    assert stored_analyses(demo_pg) == STORIES
    assert exported(demo_pg, tmp_path / "after") == one_analysers_export(demo_pg, tmp_path)


def test_stories_held_on_another_machine_are_taken_over_when_the_lease_runs_out(store):
    """An analyser elsewhere that stopped answering holds every story: this one waits for its
    lease to run out, then analyses them all."""
    demo_store(store)
    story_ids = [r[0] for r in store.conn.execute("SELECT id FROM stories ORDER BY id")]
    elsewhere = Lease("elsewhere.example:1:gone", datetime.now(timezone.utc), seconds=2)
    claimed_at = time.monotonic()
    assert store.claim_stories([(s, "") for s in story_ids], elsewhere, len(story_ids),
                               now=datetime.now(timezone.utc)) == story_ids
    report = analyse_changed_stories(store, now=NOW, embedder=None, workers=1, lease_seconds=5)
    assert time.monotonic() - claimed_at >= 1  # the lease (2 s, to the second) had run out first
    assert report.stories == len(story_ids) == STORIES
    assert store.conn.execute("SELECT COUNT(*) FROM stories WHERE lease_until IS NOT NULL").fetchone()[0] == 0


def test_two_analysers_saving_one_story_take_turns(demo_pg):
    """A story saved by one analyser while another's save of it is not yet committed: the second
    waits for the first and replaces its rows (no duplicate key)."""
    with Store(demo_pg) as first, Store(demo_pg) as second:
        analyse_changed_stories(first, now=NOW, embedder=None, workers=1)
        before = {t: first.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("facts", "cues")}
        captured = []
        real = first.save_analysis
        first.forget_analyses()
        first.save_analysis = lambda analysis, when: captured.append(analysis)  # type: ignore[method-assign]
        analyse_changed_stories(first, now=NOW, embedder=None, workers=1)
        first.save_analysis = real  # type: ignore[method-assign]
        failed: list[BaseException] = []

        def save_all(store: Store) -> None:
            try:
                for analysis in captured:
                    store.save_analysis(analysis, "later")
            except BaseException as exc:  # noqa: BLE001 -- reported by the test below
                failed.append(exc)

        waiting = second.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        with first.transaction():
            save_all(first)
            other = threading.Thread(target=save_all, args=(second,))
            other.start()
            # The second save waits on the first's uncommitted rows.
            assert wait_until(lambda: Store(demo_pg).conn.execute(
                "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND pid = ?", (waiting,)).fetchone()[0] > 0
                or not other.is_alive())
            assert other.is_alive()
        other.join(timeout=60)
        assert not failed, failed
        after = {t: first.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("facts", "cues")}
        assert after == before


class FakeClock:
    """Time that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 8, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def analyse_while_another_claims(store: Store, workers: int, *, story_seconds: float, claim_after: int
                                 ) -> tuple[AnalyseReport, set[str], set[str], list[str]]:
    """One analyser (leases of 60 s) on the demo corpus, each story it stores taking
    ``story_seconds`` of a fake clock; after its ``claim_after``-th story another analyser claims
    every story it can and gives them back at once (as if it had analysed them elsewhere).
    The report; the stories the first held then (claimed, not stored); those the other took;
    the stories the first stored, in order."""
    demo_store(store)
    clock = FakeClock()
    elsewhere = Lease("elsewhere.example:1:other", clock(), seconds=600)
    claimed: list[str] = []
    saved: list[str] = []
    held_then: set[str] = set()
    taken: set[str] = set()
    real_claim, real_save = store.claim_stories, store.save_analysis

    def claim(wanted: list[tuple[str, str]], lease: Lease, limit: int, *, now: datetime) -> list[str]:
        ids = real_claim(wanted, lease, limit, now=now)
        claimed.extend(ids)
        return ids

    def save(analysis: StoryAnalysis, when: str) -> bool:
        stored = real_save(analysis, when)
        saved.append(analysis.story_id)
        clock.now += timedelta(seconds=story_seconds)
        if len(saved) == claim_after:
            held_then.update(set(claimed) - set(saved))
            with Store(store.target) as other:
                ids = [r[0] for r in other.conn.execute("SELECT id FROM stories ORDER BY id")]
                taken.update(other.claim_stories([(s, "") for s in ids], elsewhere, len(ids), now=clock()))
                other.give_back_stories(elsewhere, None)
        return stored

    store.claim_stories = claim  # type: ignore[method-assign]
    store.save_analysis = save  # type: ignore[method-assign]
    report = analyse_changed_stories(store, now=NOW, embedder=None, workers=workers, lease_seconds=60, clock=clock)
    return report, held_then, taken, saved


@pytest.mark.parametrize("workers", [1, 2])
def test_an_analyser_renews_its_lease_while_its_batch_outlasts_it(store, workers):
    """Each story takes 40 s of a 60 s lease, so a batch outlasts its lease: the analyser renews
    it between stories, and another analyser looking for stories 120 s after the batch was
    claimed gets none of those still in hand; every story is analysed once."""
    report, held_then, taken, saved = analyse_while_another_claims(store, workers, story_seconds=40, claim_after=3)
    assert held_then and taken  # the other did claim, while stories were in hand
    assert not held_then & taken
    assert report.stories == STORIES == len(saved) == len(set(saved))


@pytest.mark.parametrize("workers", [1, 2])
def test_stories_taken_over_once_a_lease_ran_out_are_left_to_their_new_holder(store, workers):
    """A story that outlasts the whole lease (100 s of 60): another analyser takes the stories
    still in hand, and the first no longer analyses (nor stores) them."""
    report, held_then, taken, saved = analyse_while_another_claims(store, workers, story_seconds=100, claim_after=1)
    lost = held_then & taken
    assert lost  # the lease had run out: the other took what was in hand
    assert not lost & set(saved)
    assert report.stories == STORIES - len(lost) == len(saved) == len(set(saved))
