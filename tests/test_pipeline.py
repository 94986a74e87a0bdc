"""collect end to end: loopback feeds and pages -> SQLite on disk, re-runs, retries and a killed run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from builders import (
    BRIDGE,
    ELECTION,
    KYRILLIC,
    LATIN1,
    STORM,
    Item,
    Story,
    article_page,
    atom,
    item_for,
    rss,
    section_front,
)
from loopback import LoopbackServer, Reply
from waiting import wait_until

from compare.collect import pipeline
from compare.collect.fetch import HttpClient
from compare.collect.pipeline import collect
from compare.config import load_config
from compare.models import ArticleStatus
from compare.store import Store

TEST_SETTINGS = """[settings]
timeout = 1
connect_timeout = 1
total_timeout = 3
host_delay = 0
backoff = 0.01
retries = 1
workers = 4
extract_processes = {processes}
max_bytes = 200000
"""


def write_config(path: Path, outlets: dict[str, list[str]], processes: int = 1) -> Path:
    text = TEST_SETTINGS.format(processes=processes)
    for name, feeds in outlets.items():
        text += f'\n[[outlets]]\nname = "{name}"\nfeeds = {feeds!r}\ncountry = "XX"\n'.replace("'", '"')
    path.write_text(text, encoding="utf-8")
    return path


def patient(path: Path, **settings: object) -> Path:
    """The config at ``path`` with a read timeout that outlasts any request a test holds, and
    ``settings`` added (a user agent per collector, say)."""
    text = path.read_text().replace("timeout = 1\n", "timeout = 60\n", 1)
    extra = "".join(f"{key} = {value!r}\n".replace("'", '"') for key, value in settings.items())
    path.write_text(text.replace("[settings]\n", f"[settings]\n{extra}", 1))
    return path


def rows(db: Store, sql: str, *params: object) -> list[sqlite3.Row]:
    return db.conn.execute(sql, params).fetchall()


@pytest.fixture
def newsroom(server, tmp_path):
    """Two outlets, three feeds, and every kind of trouble a real run meets."""
    # Outlet A lists the bridge story in two feeds, once with tracking parameters and a relative link.
    server.add("/a/world.xml", rss([
        item_for(BRIDGE, "/a/bridge"),
        item_for(ELECTION, server.url("/a/talks")),
        item_for(STORM, server.url("/a/gone"), summary="Storm summary from the feed, all that is left."),
        Item(title="Live: the week in pictures", link=server.url("/a/front")),
        Item(title="Briefing without a link", link=None, guid="tag:a,2026:brief",
             summary="A short briefing that only exists in the feed."),
    ]), content_type="application/rss+xml", etag='"a1"')
    server.add("/a/politics.atom", atom([
        item_for(BRIDGE, server.url("/a/bridge?utm_source=rss&utm_medium=feed")),
    ]), content_type="application/atom+xml")
    server.add("/a/bridge", article_page(BRIDGE))
    server.add("/a/talks", article_page(ELECTION))
    server.add("/a/front", section_front())
    server.add("/a/gone", "<html><body>Page not found</body></html>", status=404)
    # Outlet B: legacy encodings, a flaky page and a broken feed.
    server.add("/b/rss.xml", rss([item_for(KYRILLIC, server.url("/b/most")),
                                  item_for(LATIN1, server.url("/b/fete")),
                                  item_for(STORM, server.url("/b/storm"))], encoding="windows-1251")
               .encode("cp1251", errors="xmlcharrefreplace"), content_type="application/rss+xml")
    server.add("/b/most", article_page(KYRILLIC, charset="windows-1251").encode("cp1251"),
               content_type="text/html; charset=windows-1251")
    server.add("/b/fete", article_page(LATIN1, charset="iso-8859-1").encode("latin-1"), content_type="text/html")
    server.add_sequence("/b/storm", [Reply(503, b"busy")])
    # A proxy's error page served as the feed, with 200 OK: a common way for a feed to break.
    server.add("/b/broken.xml", "<html><body><h1>Bad gateway</h1><p>Try again later.</p></body></html>",
               content_type="application/rss+xml")
    config = write_config(tmp_path / "feeds.toml", {
        "Outlet A": [server.url("/a/world.xml"), server.url("/a/politics.atom")],
        "Outlet B": [server.url("/b/rss.xml"), server.url("/b/broken.xml")]})
    return load_config(config)


def run_collect(config, db_path):
    with Store(db_path) as db, HttpClient(config.settings) as client:
        return collect(config, db, client)


def test_first_run_stores_every_entry_once(newsroom, tmp_path, server):
    report = run_collect(newsroom, tmp_path / "c.db")
    assert report.feeds_ok == 3 and report.feeds_failed == 1
    assert report.new_articles == 8
    with Store(tmp_path / "c.db") as db:
        assert len(list(db.iter_articles())) == 8
        articles = {a["title"]: a for a in db.iter_articles()}
        bridge = articles[BRIDGE.title]
        assert bridge["status"] == ArticleStatus.EXTRACTED
        assert BRIDGE.paragraphs[2] in bridge["text"] and "cookies" not in bridge["text"]
        assert bridge["url"] == server.url("/a/bridge")
        assert len(rows(db, "SELECT * FROM article_feeds WHERE article_id = ?", bridge["id"])) == 2
        assert server.hits("/a/bridge") == 1
        assert KYRILLIC.paragraphs[0] in articles[KYRILLIC.title]["text"]
        assert LATIN1.paragraphs[2].split(",")[0] in articles[LATIN1.title]["text"]
        by_url = {a["url"]: a for a in articles.values()}
        assert len([a for a in db.iter_articles() if a["title"] == STORM.title]) == 2
        dead = next(a for a in db.iter_articles() if a["url"] == server.url("/a/gone"))
        assert dead["status"] == ArticleStatus.FALLBACK
        assert dead["text"] == "Storm summary from the feed, all that is left."
        assert "404" in dead["error"] and not dead["retryable"]
        flaky = next(a for a in db.iter_articles() if a["url"] == server.url("/b/storm"))
        assert flaky["status"] == ArticleStatus.FALLBACK and "503" in flaky["error"] and flaky["retryable"]
        front = by_url[server.url("/a/front")]
        assert front["status"] == ArticleStatus.FAILED and "no article text" in front["error"]
        linkless = articles["Briefing without a link"]
        assert linkless["status"] == ArticleStatus.FALLBACK and "no link" in linkless["error"]
        assert ("Outlet A's entry 'Briefing without a link'", "the feed entry has no link to fetch") \
            in report.article_errors
        health = {h.url: h for h in db.feed_health()}
        broken = health[server.url("/b/broken.xml")]
        assert broken.consecutive_failures == 1 and "not a readable feed" in broken.error
        assert health[server.url("/a/world.xml")].entries_seen == 5
        assert health[server.url("/a/world.xml")].last_success is not None


def test_second_run_adds_nothing_and_retries_failures(newsroom, tmp_path, server):
    run_collect(newsroom, tmp_path / "c.db")
    server.add("/b/storm", article_page(STORM))  # the flaky server has recovered
    report = run_collect(newsroom, tmp_path / "c.db")
    assert report.new_articles == 0
    assert report.feeds_not_modified == 1  # the feed with an ETag answered 304
    assert report.extracted == 1  # only the retryable failure was tried again
    assert server.hits("/a/bridge") == 1 and server.hits("/a/gone") == 1
    with Store(tmp_path / "c.db") as db:
        assert len(list(db.iter_articles())) == 8
        flaky = next(a for a in db.iter_articles() if a["url"] == server.url("/b/storm"))
        assert flaky["status"] == ArticleStatus.EXTRACTED and flaky["error"] is None
        assert flaky["attempts"] == 2
        health = {h.url: h for h in db.feed_health()}
        assert health[server.url("/b/broken.xml")].consecutive_failures == 2
        assert health[server.url("/a/world.xml")].http_status == 304


def test_a_defect_on_one_feed_or_page_is_recorded_and_the_run_goes_on(server, tmp_path, monkeypatch):
    """An unexpected exception while reading one feed or page fails that feed or page alone."""
    server.add("/ok.xml", rss([item_for(BRIDGE, server.url("/p/bridge")), item_for(ELECTION, server.url("/p/talks"))]),
               content_type="application/rss+xml")
    server.add("/odd.xml", rss([item_for(STORM, server.url("/p/storm"))]), content_type="application/rss+xml")
    server.add("/p/bridge", article_page(BRIDGE))
    server.add("/p/talks", article_page(ELECTION))
    config = load_config(write_config(tmp_path / "feeds.toml", {"A": [server.url("/ok.xml"), server.url("/odd.xml")]}))
    real_poll = pipeline.poll_feed

    def poll_feed(client, url, **kwargs):
        if url.endswith("/odd.xml"):
            raise RuntimeError("unforeseen feed")
        return real_poll(client, url, **kwargs)

    monkeypatch.setattr(pipeline, "poll_feed", poll_feed)
    with Store(tmp_path / "c.db") as db, HttpClient(config.settings) as client:
        real_get = client.get

        def get(url, **kwargs):
            if url.endswith("/p/talks"):
                raise RuntimeError("unforeseen page")
            return real_get(url, **kwargs)

        monkeypatch.setattr(client, "get", get)
        report = collect(config, db, client)
        assert report.feeds_ok == 1 and report.feeds_failed == 1 and report.extracted == 1
        health = {h.url: h for h in db.feed_health()}
        assert health[server.url("/odd.xml")].error == "internal error while reading the feed: RuntimeError: " \
                                                        "unforeseen feed"
        talks = next(a for a in db.iter_articles() if a["url"] == server.url("/p/talks"))
        assert talks["error"] == "internal error while fetching the page: RuntimeError: unforeseen page"
        assert talks["retryable"] and talks["status"] == ArticleStatus.FALLBACK


def test_a_slow_host_does_not_hold_up_the_others(server, tmp_path):
    """Fetching threads wait for a slow host at most per_host_connections at a time: from its
    third page on, the slow host answers nothing until the quick host has been asked for all
    of its pages."""
    slow = [Story(f"slow{n}", f"Slow story {n}", BRIDGE.paragraphs, BRIDGE.published) for n in range(6)]
    quick = [Story(f"quick{n}", f"Quick story {n}", ELECTION.paragraphs, ELECTION.published) for n in range(6)]
    with LoopbackServer() as other:
        server.add("/slow.xml", rss([item_for(s, server.url(f"/p/{s.slug}")) for s in slow]),
                   content_type="application/rss+xml")
        other.add("/quick.xml", rss([item_for(s, other.url(f"/p/{s.slug}")) for s in quick]),
                  content_type="application/rss+xml")
        for story in slow:
            server.add(f"/p/{story.slug}", article_page(story))
        for story in quick:
            other.add(f"/p/{story.slug}", article_page(story))
        # Released once the quick host has had every request, or after 50 s (under the 60 s read
        # timeout): 20 s ran out once on a machine running two whole test suites at once.
        server.hold("/p/", other.when(lambda: len(other.arrivals("/p/")) == len(quick)), after=2, timeout=50)
        path = write_config(tmp_path / "feeds.toml", {"Slow": [server.url("/slow.xml")],
                                                      "Quick": [other.url("/quick.xml")]})
        path.write_text(path.read_text().replace("workers = 4", "workers = 3\nper_host_connections = 1"))
        report = run_collect(load_config(patient(path)), tmp_path / "c.db")
    assert server.overdue == 0  # every quick page was asked for while the slow host held its third
    assert server.most_held == 1  # one request at a time to the slow host
    assert report.extracted == 12


def test_a_slow_feed_does_not_hold_up_the_pages_of_the_others(server, tmp_path):
    """Pages are fetched as soon as their feed is stored, while a slower feed is still loading."""
    quick = [Story(f"q{n}", f"Quick story {n}", ELECTION.paragraphs, ELECTION.published) for n in range(4)]
    with LoopbackServer() as other:
        server.add("/slow.xml", rss([item_for(BRIDGE, server.url("/p/bridge"))]),
                   content_type="application/rss+xml")
        server.add("/p/bridge", article_page(BRIDGE))
        other.add("/quick.xml", rss([item_for(s, other.url(f"/p/{s.slug}")) for s in quick]),
                  content_type="application/rss+xml")
        for story in quick:
            other.add(f"/p/{story.slug}", article_page(story))
        # The slow feed answers only once every page of the quick one has been asked for.
        server.hold("/slow.xml", other.when(lambda: len(other.arrivals("/p/")) == len(quick)), timeout=20)
        config = load_config(patient(write_config(tmp_path / "feeds.toml", {"Slow": [server.url("/slow.xml")],
                                                                            "Quick": [other.url("/quick.xml")]})))
        report = run_collect(config, tmp_path / "c.db")
    assert server.overdue == 0
    assert report.extracted == 5


def test_redirect_to_a_known_article_merges_rows(server, tmp_path):
    server.add("/f1.xml", rss([item_for(BRIDGE, server.url("/story/bridge"))]), content_type="application/rss+xml")
    server.add("/f2.xml", rss([item_for(BRIDGE, server.url("/go/123"), title="Bridge closed")]),
               content_type="application/rss+xml")
    server.add("/story/bridge", article_page(BRIDGE))
    server.redirect("/go/123", "/story/bridge")
    config = load_config(write_config(tmp_path / "feeds.toml", {"A": [server.url("/f1.xml")],
                                                                "A2": [server.url("/f2.xml")]}))
    # Same outlet in real life; two names here to show ids do not depend on the outlet.
    run_collect(config, tmp_path / "c.db")
    with Store(tmp_path / "c.db") as db:
        articles = list(db.iter_articles())
        assert len(articles) == 1
        assert len(rows(db, "SELECT * FROM article_feeds")) == 2


def test_parallel_extraction_gives_the_same_rows(server, tmp_path):
    stories = [Story(f"s{n}-{s.slug}", f"{s.title} ({n})", s.paragraphs, s.published) for n in range(6)
               for s in (BRIDGE, ELECTION)]
    server.add("/feed.xml", rss([item_for(s, server.url(f"/p/{s.slug}")) for s in stories]),
               content_type="application/rss+xml")
    for story in stories:
        server.add(f"/p/{story.slug}", article_page(story))
    config = load_config(write_config(tmp_path / "feeds.toml", {"P": [server.url("/feed.xml")]}, processes=2))
    report = run_collect(config, tmp_path / "c.db")
    assert report.extracted == 12 and report.failed == 0 and report.fallback == 0


def test_a_killed_run_resumes_without_loss_or_duplicates(server, tmp_path):
    stories = [Story(f"k{n}-{s.slug}", f"{s.title} (part {n})", s.paragraphs, s.published)
               for n in range(10) for s in (BRIDGE, ELECTION, STORM)]
    server.add("/feed.xml", rss([item_for(s, server.url(f"/k/{s.slug}")) for s in stories]),
               content_type="application/rss+xml")
    for story in stories:
        server.add(f"/k/{story.slug}", article_page(story))
    release = threading.Event()
    server.hold("/k/", release, after=8)  # eight pages are answered; the rest wait until the kill
    feeds = patient(write_config(tmp_path / "feeds.toml", {"K": [server.url("/feed.xml")]}))
    db_path = tmp_path / "k.db"
    command = [sys.executable, "-m", "compare", "--db", str(db_path), "-q", "collect", "--feeds", str(feeds)]
    process = subprocess.Popen(command, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    try:
        # Half-way: the eight pages answered are stored, and the collector waits for more.
        assert server.wait_for(lambda: len(server.held) > 0, timeout=60)
        assert wait_until(lambda: _extracted(db_path) == 8)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        release.set()
    with Store(db_path) as db:
        counts = db.status_counts()
        assert sum(counts.values()) == 30 and counts["extracted"] == 8 and counts.get("pending", 0) > 0
    report = run_collect(load_config(feeds), db_path)
    assert report.new_articles == 0
    with Store(db_path) as db:
        assert db.status_counts() == {"extracted": 30}
        assert len({a["url"] for a in db.iter_articles()}) == 30
    assert all(server.hits(f"/k/{s.slug}") <= 2 for s in stories)


def test_teaser_page_and_huge_page_fall_back_to_the_feed_text(server, tmp_path):
    full_text = "".join(f"<p>{p}</p>" for p in ELECTION.paragraphs)
    teaser = Story("teaser", ELECTION.title, (ELECTION.paragraphs[0][:120] + " Subscribe to read more.",),
                   ELECTION.published)
    server.add("/feed.xml", rss([item_for(ELECTION, server.url("/paywalled"), content_html=full_text),
                                 item_for(BRIDGE, server.url("/huge"))]), content_type="application/rss+xml")
    server.add("/paywalled", article_page(teaser))
    server.add("/huge", b"<html>" + b"x" * 300_000)
    config = load_config(write_config(tmp_path / "feeds.toml", {"P": [server.url("/feed.xml")]}))
    report = run_collect(config, tmp_path / "c.db")
    assert report.fallback == 2
    with Store(tmp_path / "c.db") as db:
        by_url = {a["url"]: a for a in db.iter_articles()}
    paywalled = by_url[server.url("/paywalled")]
    assert paywalled["status"] == ArticleStatus.FALLBACK and "paywall or a teaser" in paywalled["error"]
    assert paywalled["text"] == ELECTION.text
    huge = by_url[server.url("/huge")]
    assert huge["status"] == ArticleStatus.FALLBACK and "size cap" in huge["error"]
    assert huge["text"] == BRIDGE.paragraphs[0]


def _extracted(target) -> int:
    try:
        with Store(target) as db:
            return db.status_counts().get("extracted", 0)
    except Exception:  # noqa: BLE001 -- the schema is still being created by a collector
        return 0


def test_two_collectors_share_one_database_and_take_over_a_killed_ones_share(server, tmp_path, db_target):
    """Two `collect` processes against one database: no page fetched twice while both live, no
    row twice; one is killed half-way, and its share is collected once its leases run out."""
    stories = [Story(f"w{n}-{s.slug}", f"{s.title} (part {n})", s.paragraphs, s.published)
               for n in range(8) for s in (BRIDGE, ELECTION, STORM)]
    feeds = {}
    for number in range(4):
        mine = stories[number::4]
        server.add(f"/f{number}.xml", rss([item_for(s, server.url(f"/w/{s.slug}")) for s in mine]),
                   content_type="application/rss+xml")
        feeds[f"Outlet {number}"] = [server.url(f"/f{number}.xml")]
    for story in stories:
        server.add(f"/w/{story.slug}", article_page(story))
    release = threading.Event()
    server.hold("/w/", release, after=4)  # four pages are answered; the rest wait until the kill
    configs = {}
    for name in ("doomed", "survivor"):  # one user agent each, so that the server tells them apart
        config = write_config(tmp_path / f"{name}.toml", feeds)
        config.write_text(config.read_text().replace("workers = 4", "workers = 2\nlease_seconds = 3"))
        configs[name] = patient(config, user_agent=f"news-compare/test ({name})")
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    doomed, survivor = (subprocess.Popen([sys.executable, "-m", "compare", "--db", str(db_target), "-q", "collect",
                                          "--feeds", str(configs[name])], cwd=tmp_path, env=env)
                        for name in ("doomed", "survivor"))
    try:
        # Half-way: the four pages answered are stored, and the doomed collector is fetching a page
        # of its share (under its lease) when it is killed.
        assert server.wait_for(lambda: any("(doomed)" in h["user-agent"] for _, h in server.held), timeout=60)
        assert wait_until(lambda: _extracted(db_target) == 4)
    except BaseException:
        survivor.kill()
        raise
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait()
        release.set()
    # The survivor takes over the killed one's pages once their leases (3 s) run out ...
    try:
        assert survivor.wait(timeout=120) in (0, 3)
    finally:
        survivor.kill()  # when it has not ended by itself
    # ... and whatever is left is taken over by the next run.
    report = run_collect(load_config(configs["survivor"]), db_target)
    assert report.new_articles == 0
    with Store(db_target) as db:
        assert db.status_counts() == {"extracted": len(stories)}
        assert len({a["url"] for a in db.iter_articles()}) == len(list(db.iter_articles())) == len(stories)
    hits = [server.hits(f"/w/{s.slug}") for s in stories]
    assert max(hits) <= 2  # only a page the killed one was fetching is fetched again
    assert hits.count(2) <= 8  # at most the killed collector's batch (twice its workers, twice over)


def test_two_collectors_started_together_share_the_pages(server, tmp_path, db_target):
    """The first collector to start polls every feed, yet the pages are split between both:
    a feed's pages are claimed a few at a time, and the other waits for the feeds being polled."""
    stories = [Story(f"s{n}-{s.slug}", f"{s.title} (part {n})", s.paragraphs, s.published)
               for n in range(16) for s in (BRIDGE, ELECTION, STORM)]
    feeds = {}
    for number in range(2):
        server.add(f"/f{number}.xml", rss([item_for(s, server.url(f"/s/{s.slug}")) for s in stories[number::2]]),
                   content_type="application/rss+xml")
        feeds[f"Outlet {number}"] = [server.url(f"/f{number}.xml")]
    for story in stories:
        server.add(f"/s/{story.slug}", article_page(story))
    # No page is answered until both collectors have asked for pages: while the first one to
    # start waits for its first pages, the other must find pages of its own to fetch.
    agents = {f"news-compare/test ({name})" for name in ("one", "two")}
    both_fetching = server.when(lambda: {h["user-agent"] for path, h in server.requests
                                         if path.startswith("/s/")} == agents)
    server.hold("/s/", both_fetching, timeout=30)
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    with Store(db_target):
        pass  # the schema first, so that both collectors only collect
    running = []
    for agent in sorted(agents):
        config = patient(write_config(tmp_path / f"{agent[-4:-1]}.toml", feeds), user_agent=agent)
        running.append(subprocess.Popen([sys.executable, "-m", "compare", "--db", str(db_target), "-q", "collect",
                                         "--feeds", str(config)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL))
    try:
        assert wait_until(lambda: both_fetching.is_set() or any(p.poll() is not None for p in running))
        assert both_fetching.is_set(), "a collector ended before both had pages to fetch: " + ", ".join(
            f"{agent} {'ended' if p.poll() is not None else 'runs'}" for agent, p in zip(sorted(agents), running))
        assert [process.wait(timeout=120) for process in running] == [0, 0]
    finally:
        for process in running:
            process.kill()  # when it has not ended by itself
    assert server.overdue == 0
    with Store(db_target) as db:
        assert db.status_counts() == {"extracted": len(stories)}
        shares = sorted(db.pages_per_collector().values())
    assert len(shares) == 2 and sum(shares) == len(stories) and shares[0] >= 1
    assert all(server.hits(f"/s/{s.slug}") == 1 for s in stories)
