"""The command line as a user runs it: real processes, a loopback server, a database on disk."""

from __future__ import annotations

import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

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
    assert result.stderr.count("in.jsonl:2") == 1  # once: the report, not the importer's log as well
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
        server.add(f"/c/{story.slug}", article_page(story))
    # Two pages are served (the extraction workers get work); the others wait until the test
    # ends, so the collector is surely in the middle of its run when Ctrl-C comes.
    server.hold("/c/", threading.Event(), after=2)
    feeds = write_config(tmp_path / "feeds.toml", {"C": [server.url("/feed.xml")]}, processes=2)
    # A session of its own, as a terminal's: Ctrl-C reaches the command and its workers alike.
    process = subprocess.Popen([sys.executable, "-m", "compare", "--db", str(tmp_path / "c.db"), "-q", "collect",
                                "--feeds", str(feeds)], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, start_new_session=True,
                               preexec_fn=_default_interrupt)
    try:
        assert server.wait_for(lambda: bool(server.held), timeout=60), "the collector never asked for a page"
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130
    assert stderr.strip() == "news-compare: interrupted; run the command again to finish the work"


def _default_interrupt() -> None:
    """Ctrl-C as a terminal delivers it, also when these tests run in the background of a
    script, where the shell has the inherited SIGINT ignored (and Python then keeps it so)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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
    assert stderr.splitlines()[0] == f"database: {demo_db}" and "Traceback" not in stderr and "Error" not in stderr


# -- reading commands, and what they say -----------------------------------------------------

@pytest.mark.parametrize("command", [["stories"], ["export", "--out", "csv"], ["feeds"], ["match"], ["analyse"]])
def test_a_reading_command_never_creates_a_database_and_names_the_one_it_looked_for(command, tmp_path,
                                                                                   monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWS_COMPARE_DB", raising=False)
    assert main(command) == EXIT_ERROR
    err = capsys.readouterr().err
    assert f"there is no database at {tmp_path / 'compare.db'} (the default, in the current folder)" in err
    assert main(["--db", "other.db", *command]) == EXIT_ERROR
    assert f"there is no database at {tmp_path / 'other.db'} (named by --db)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_database_in_a_folder_that_does_not_exist_is_named_as_such(tmp_path, capsys):
    missing = tmp_path / "no" / "such" / "dir"
    for command in (["stories"], ["import", str(tmp_path / "x.jsonl")], ["demo", "--no-dashboard"]):
        assert main(["--db", str(missing / "x.db"), *command]) == EXIT_ERROR
        err = capsys.readouterr().err
        assert f"the folder {missing} does not exist" in err and "unable to open" not in err
    assert not (tmp_path / "no").exists()


def test_stories_come_busiest_first_with_the_time_they_are_sorted_by(demo_db, capsys):
    from compare.stories.assign import list_stories
    from compare.store import Store

    with Store(demo_db) as store:
        latest = {s.id: s.last_published[:16].replace("T", " ") for s in list_stories(store)}
    assert main(["--db", str(demo_db), "stories", "--limit", "0"]) == EXIT_OK
    output = capsys.readouterr()
    assert output.err.startswith(f"database: {demo_db}\n")
    lines = output.out.splitlines()
    rows = [line.split("  ") for line in lines if line.startswith("s-")]
    assert len(rows) == len(latest) == 15
    assert all(time == latest[story] for story, time, *_ in rows)  # each story's latest article
    outlets = [int(counts.split(", ")[1].split()[0]) for *_, counts in rows]
    assert outlets == sorted(outlets, reverse=True) and outlets[0] == 5 and outlets[-1] == 1
    for n in set(outlets):  # the latest first among stories of as many outlets
        times = [time for (_, time, *_), count in zip(rows, outlets) if count == n]
        assert times == sorted(times, reverse=True)
    assert main(["--db", str(demo_db), "stories", "--limit", "2"]) == EXIT_OK
    assert [line.split("  ")[0] for line in capsys.readouterr().out.splitlines() if line.startswith("s-")] == \
        [story for story, *_ in rows[:2]]


def test_export_and_feeds_say_which_database_they_read(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "export", "--out", str(tmp_path / "csv")]) == EXIT_OK
    assert capsys.readouterr().err == f"database: {demo_db}\n"
    assert main(["--db", str(demo_db), "feeds"]) == EXIT_OK
    assert capsys.readouterr().err == f"database: {demo_db}\n"
    assert main(["--db", str(demo_db), "-q", "feeds"]) == EXIT_OK
    assert capsys.readouterr().err == ""  # quiet: the output alone


def test_counts_are_in_words_of_the_right_number(tmp_path, capsys):
    record = {"outlet": "Wire", "url": "https://w.example/1", "title": "Ferry runs aground off Skerrow",
              "text": "The ferry Nordlys ran aground off Skerrow on Monday with 140 passengers aboard, the "
                      "coastguard said.", "published": "2026-03-02T08:00:00Z"}
    (tmp_path / "one.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "import", str(tmp_path / "one.jsonl")]) == EXIT_OK
    assert main(["--db", db, "match"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "matched 1 new article: 1 new story, 0 joined existing ones, 0 wire copies found" in out
    assert main(["--db", db, "analyse"]) == EXIT_OK
    assert "analysed 1 story: " in capsys.readouterr().out


# -- the dashboard: closed by default ----------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on TCP ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # The kernel writes each 32-bit word in host (little-endian) order.
                ordered = b"".join(raw[i:i + 4][::-1] for i in range(0, width, 4))
                found.add(str(ipaddress.ip_address(ordered)))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from Linux's /proc")
def test_the_dashboard_listens_on_this_machine_only_by_default(demo_db, tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NEWS_COMPARE_PASSWORD", None)
    process = subprocess.Popen([sys.executable, "-m", "compare", "--db", str(demo_db), "dashboard", "--port",
                                str(port)], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, start_new_session=True)
    try:
        assert process.stdout.readline().startswith(f"dashboard on http://127.0.0.1:{port} for {demo_db}")
        assert wait_for_health(f"http://127.0.0.1:{port}", process), "the dashboard did not start"
        assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    """Stop a process started in a session of its own, and everything it started: SIGTERM, then,
    once it ended or after 30 s, SIGKILL for whatever of its group is left."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # the whole group ended


def wait_for_health(base: str, process: subprocess.Popen, timeout: float = 60) -> bool:
    """Whether Streamlit's health endpoint answers 200 before ``timeout`` (False once the process ended)."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)  # not listening yet: nothing to wait on but the port
    return False


@pytest.mark.parametrize("command", [["dashboard"], ["demo"]])
def test_exposing_the_dashboard_without_a_password_refuses_to_start(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWS_COMPARE_PASSWORD", raising=False)
    assert main(["--db", "d.db", *command, "--host", "0.0.0.0", "--port", str(free_port())]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "refusing to serve the dashboard on 0.0.0.0 without a password" in err
    assert "NEWS_COMPARE_PASSWORD" in err and "dashboard_password" in err
    assert not (tmp_path / "d.db").exists()  # the demo was not built for a dashboard that may not start


def test_a_password_lets_the_dashboard_be_exposed(tmp_path, monkeypatch, capsys):
    """What is checked before Streamlit starts (which then listens on --host, and is not started here)."""
    from compare import cli

    started: list[list[str]] = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, env: started.append(command) or 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds.toml").write_text('[settings]\ndashboard_password = "from the file"\n', encoding="utf-8")
    assert main(["--db", "d.db", "dashboard", "--host", "0.0.0.0", "--port", "8600"]) == EXIT_OK
    assert "password required" in capsys.readouterr().out
    command = started[0]
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert command[command.index("run") + 1].endswith(os.path.join("compare", "ui", "app.py"))
    assert not (tmp_path / "d.db").exists()
