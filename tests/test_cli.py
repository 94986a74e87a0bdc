"""The command line as a user runs it: real processes, a loopback server, a database on disk."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from builders import BRIDGE, ELECTION, Story, article_page, item_for, rss
from test_pipeline import write_config

from compare.cli import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compare", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=120)


def test_global_options_before_or_after_the_command():
    parser = build_parser()
    assert parser.parse_args(["--db", "a.db", "collect"]).db == "a.db"
    assert parser.parse_args(["collect", "--db", "b.db"]).db == "b.db"


def test_collect_then_feeds_then_collect_again(server, tmp_path):
    server.add("/feed.xml", rss([item_for(BRIDGE, server.url("/bridge")), item_for(ELECTION, server.url("/404"))]),
               content_type="application/rss+xml", etag='"1"')
    server.add("/bridge", article_page(BRIDGE))
    server.add("/dead.xml", "gone", status=410)
    feeds = write_config(tmp_path / "feeds.toml", {"A": [server.url("/feed.xml")], "B": [server.url("/dead.xml")]})
    first = run("--db", "x.db", "collect", "--feeds", str(feeds), cwd=tmp_path)
    assert first.returncode == EXIT_OK, first.stderr
    assert "feeds: 1 ok, 0 not modified, 1 failed" in first.stdout
    assert "articles: 2 new, 1 extracted, 1 from feed text" in first.stdout
    assert f"feed failed: {server.url('/dead.xml')}: HTTP 410" in first.stderr
    assert f"article: {server.url('/404')}: HTTP 404" in first.stderr  # what failed, and where
    health = run("feeds", "--db", "x.db", cwd=tmp_path)
    assert "FAILING x1" in health.stdout and "HTTP 410" in health.stdout
    second = run("collect", "--feeds", str(feeds), cwd=tmp_path, env={"NEWS_COMPARE_DB": "x.db"})
    assert "feeds: 0 ok, 1 not modified, 1 failed" in second.stdout
    assert "articles: 0 new" in second.stdout


def test_collect_lists_the_first_article_problems_and_all_with_v(server, tmp_path, capsys):
    server.add("/feed.xml", rss([item_for(BRIDGE, server.url(f"/missing/{n}")) for n in range(12)]),
               content_type="application/rss+xml")
    feeds = str(write_config(tmp_path / "feeds.toml", {"A": [server.url("/feed.xml")]}))
    main(["--db", str(tmp_path / "c.db"), "collect", "--feeds", feeds])
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.startswith("article: ")]) == 10
    assert "... and 2 more articles with problems (-v lists them all)" in err
    server.add("/feed.xml", rss([item_for(BRIDGE, server.url(f"/missing/{n}")) for n in range(12, 24)]),
               content_type="application/rss+xml")
    main(["--db", str(tmp_path / "c.db"), "-v", "collect", "--feeds", feeds])
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.startswith("article: ")]) == 12
    server.add("/feed.xml", rss([item_for(BRIDGE, server.url(f"/missing/{n}")) for n in range(24, 36)]),
               content_type="application/rss+xml")
    main(["--db", str(tmp_path / "c.db"), "-q", "collect", "--feeds", feeds])
    assert "article: " not in capsys.readouterr().err


def test_import_reports_bad_lines_and_exit_status(tmp_path):
    good = {"outlet": "W", "url": "https://w.example/1", "title": "T", "text": "Words."}
    (tmp_path / "in.jsonl").write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    result = run("--db", "i.db", "import", "in.jsonl", cwd=tmp_path)
    assert result.returncode == EXIT_PARTIAL
    assert "in.jsonl:2: skipped: invalid JSON" in result.stderr
    assert "imported 1 new and 0 updated articles; skipped 1 lines" in result.stdout


def test_bad_config_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "feeds.toml").write_text("[settings]\nspeed = 3\n", encoding="utf-8")
    status = main(["--db", str(tmp_path / "c.db"), "collect", "--feeds", str(tmp_path / "feeds.toml")])
    assert status == EXIT_ERROR
    assert "unknown key 'speed'" in capsys.readouterr().err


def test_every_feed_failing_is_a_partial_exit(server, tmp_path):
    feeds = write_config(tmp_path / "feeds.toml", {"A": [server.url("/nothing.xml")]})
    assert main(["--db", str(tmp_path / "c.db"), "-q", "collect", "--feeds", str(feeds)]) == EXIT_PARTIAL


def test_python_dash_m_and_version():
    result = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0 and result.stdout.startswith("news-compare ")


def test_ctrl_c_stops_collect_with_one_line_and_no_worker_tracebacks(server, tmp_path):
    stories = [Story(f"c{n}-{s.slug}", f"{s.title} ({n})", s.paragraphs, s.published)
               for n in range(10) for s in (BRIDGE, ELECTION)]
    server.add("/feed.xml", rss([item_for(s, server.url(f"/c/{s.slug}")) for s in stories]),
               content_type="application/rss+xml")
    for story in stories:
        server.add(f"/c/{story.slug}", article_page(story), stall=0.15)
    feeds = write_config(tmp_path / "feeds.toml", {"C": [server.url("/feed.xml")]}, processes=2)
    db_path = tmp_path / "c.db"
    # A session of its own, as a terminal's: Ctrl-C reaches the command and its workers alike.
    process = subprocess.Popen([sys.executable, "-m", "compare", "--db", str(db_path), "-q", "collect", "--feeds",
                                str(feeds)], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
                               preexec_fn=_default_interrupt)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _extracted(db_path):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.strip() == "news-compare: interrupted; run the command again to finish the work"


def _default_interrupt() -> None:
    """Ctrl-C as a terminal delivers it, also when these tests run in the background of a
    script, where the shell has the inherited SIGINT ignored (and Python then keeps it so)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _extracted(db_path: Path) -> int:
    try:
        with sqlite3.connect(db_path) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles WHERE status = 'extracted'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def test_feeds_import_and_export_opml(tmp_path, capsys):
    subs = tmp_path / "subs.opml"
    subs.write_text('<?xml version="1.0"?><opml version="1.0"><body><outline text="Folder">'
                    '<outline text="Valley Radio" type="rss" xmlUrl="https://radio.example/rss"/></outline>'
                    '<outline text="Bad" xmlUrl="mailto:x@y"/></body></opml>', encoding="utf-8")
    feeds = tmp_path / "feeds.toml"
    feeds.write_text("# mine\n[settings]\ntimeout = 5\n", encoding="utf-8")
    assert main(["--db", str(tmp_path / "c.db"), "feeds", "import", str(subs), "--feeds", str(feeds)]) == 0
    out = capsys.readouterr().out
    assert "added 1 feeds and 1 new outlets: Valley Radio" in out and "skipped" in out
    assert feeds.read_text(encoding="utf-8").startswith("# mine")
    back = tmp_path / "back.opml"
    assert main(["feeds", "export", str(back), "--feeds", str(feeds)]) == 0
    assert 'xmlUrl="https://radio.example/rss"' in back.read_text(encoding="utf-8")
    assert main(["feeds", "import", "--feeds", str(feeds)]) != 0  # no file named: an error in words
    assert "name the OPML file" in capsys.readouterr().err


def test_stories_in_words_and_quiet_when_the_reader_stops_early(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "stories", "--limit", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 article, 1 outlet (1 independent)" in out and "3 articles, 3 outlets" in out
    # `news-compare stories | head -1`: the reader closes the pipe before the command writes.
    process = subprocess.Popen([sys.executable, "-m", "compare", "--db", str(demo_db), "stories", "--limit", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert stderr == ""
