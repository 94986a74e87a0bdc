"""The command line as a user runs it: real processes, a loopback server, a database on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from builders import BRIDGE, ELECTION, article_page, item_for, rss
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
    health = run("feeds", "--db", "x.db", cwd=tmp_path)
    assert "FAILING x1" in health.stdout and "HTTP 410" in health.stdout
    second = run("collect", "--feeds", str(feeds), cwd=tmp_path, env={"NEWS_COMPARE_DB": "x.db"})
    assert "feeds: 0 ok, 1 not modified, 1 failed" in second.stdout
    assert "articles: 0 new" in second.stdout


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
