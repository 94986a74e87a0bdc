"""`import`: JSON Lines and CSV, bad lines reported by number and skipped, good ones kept."""

from __future__ import annotations

import json

import pytest

from compare.collect.importer import import_files, validate_record

GOOD = {"outlet": "Wire", "url": "https://w.example/a", "title": "Bridge closed", "text": "The bridge is closed.",
        "published": "2026-03-02T08:30:00Z", "author": "M. L.", "extra": "ignored"}


def test_jsonl_with_bad_lines(store, tmp_path):
    lines = [json.dumps(GOOD),
             "{not json",
             json.dumps({**GOOD, "url": "https://w.example/b", "text": ""}),
             json.dumps([1, 2]),
             "",
             json.dumps({**GOOD, "url": "https://w.example/c", "published": "yesterday"}),
             json.dumps({**GOOD, "url": "/relative"}),
             json.dumps({**GOOD, "url": "https://w.example/d", "published": "2026-03-03"}),
             json.dumps({**GOOD, "url": "https://w.example:99999/e"})]
    path = tmp_path / "in.jsonl"
    path.write_bytes("\n".join(lines[:8]).encode() + b"\n" + b'{"outlet": "\xff"}\n' + lines[8].encode() + b"\n")
    report = import_files(store, [path])
    assert report.new == 2
    skipped = {line: message for _, line, message in report.skipped}
    assert set(skipped) == {2, 3, 4, 6, 7, 9, 10}
    assert "invalid JSON" in skipped[2]
    assert "'text'" in skipped[3]
    assert "ISO 8601" in skipped[6]
    assert "absolute http(s) URL" in skipped[7]
    assert "not UTF-8" in skipped[9]
    assert "Port out of range" in skipped[10]
    articles = {a["url"]: a for a in store.iter_articles()}
    assert articles["https://w.example/a"]["published"] == "2026-03-02T08:30:00+00:00"
    assert articles["https://w.example/d"]["published"] == "2026-03-03T00:00:00+00:00"


def test_batches_of_articles_keep_every_good_line_and_what_came_before_a_failure(store, tmp_path, monkeypatch):
    from compare.collect import importer

    monkeypatch.setattr(importer, "_BATCH", 3)  # articles are committed three at a time
    lines = [json.dumps({**GOOD, "url": f"https://w.example/{n}"}) if n % 4 else "{not json" for n in range(1, 12)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_files(store, [path])
    assert (report.new, [line for _, line, _ in report.skipped]) == (9, [4, 8])
    assert len(list(store.iter_articles())) == 9

    def fail_on_the_eighth(record, *, when, original=store.import_article):
        if record["url"].endswith("/b8"):
            raise RuntimeError("the disk is full")
        return original(record, when=when)

    monkeypatch.setattr(store, "import_article", fail_on_the_eighth)
    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps({**GOOD, "url": f"https://w.example/b{n}"}) for n in range(1, 11)) + "\n",
                    encoding="utf-8")
    try:
        import_files(store, [more])
    except RuntimeError:
        pass
    # The two batches before the failing one are stored; its batch (b7, b8, b9) is not, and
    # importing again, once the failure is gone, adds the rest once.
    urls = {a["url"] for a in store.iter_articles()}
    assert {f"https://w.example/b{n}" for n in range(1, 7)} <= urls and "https://w.example/b7" not in urls
    monkeypatch.undo()
    assert import_files(store, [more]).new == 4 and len(list(store.iter_articles())) == 19


def test_reimport_updates_instead_of_duplicating(store, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    import_files(store, [path])
    report = import_files(store, [path])
    assert (report.new, report.updated) == (0, 1)
    assert len(list(store.iter_articles())) == 1


def test_csv_with_quotes_newlines_and_bad_rows(store, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(
        "outlet,url,title,text,published\n"
        'Wire,https://w.example/a,"Title, with comma","Line one.\nLine ""two"".",2026-03-02\n'
        "Wire,https://w.example/b,Missing text,,\n"
        "Wire,https://w.example/c,Too,many,cells,here\n"
        "Paper,https://p.example/x,Fine,Text here.,\n", encoding="utf-8")
    report = import_files(store, [path])
    assert report.new == 2
    assert [line for _, line, _ in report.skipped] == [4, 5]
    texts = {a["url"]: a["text"] for a in store.iter_articles()}
    assert texts["https://w.example/a"] == 'Line one.\nLine "two".'


def test_csv_with_semicolons_or_tabs_as_spreadsheets_write_them(store, tmp_path):
    semicolons = tmp_path / "excel.csv"
    semicolons.write_text('outlet;url;title;text\nWire;https://w.example/s;Talks, day two;"Text; quoted"\n')
    tabs = tmp_path / "sheet.tsv"
    tabs.write_text("outlet\turl\ttitle\ttext\nWire\thttps://w.example/t\tTabs\tText, with a comma\n")
    report = import_files(store, [semicolons, tabs])
    assert report.new == 2 and report.skipped == []
    articles = {a["url"]: a for a in store.iter_articles()}
    assert (articles["https://w.example/s"]["title"], articles["https://w.example/s"]["text"]) == \
        ("Talks, day two", "Text; quoted")
    assert (articles["https://w.example/t"]["title"], articles["https://w.example/t"]["text"]) == \
        ("Tabs", "Text, with a comma")


def test_control_characters_are_dropped_from_text(store, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({**GOOD, "title": "Bridge\x00 closed", "text": "Closed.\x00\x1b\nReopens\tsoon."}))
    import_files(store, [path])
    [article] = store.iter_articles()
    assert article["title"] == "Bridge closed" and article["text"] == "Closed.\nReopens\tsoon."


def test_csv_without_required_columns_is_reported(store, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("outlet,link\nA,https://a\n", encoding="utf-8")
    report = import_files(store, [path])
    assert report.new == 0 and "lacks required column(s) url, title, text" in report.skipped[0][2]


def test_unreadable_file_does_not_stop_the_others(store, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    report = import_files(store, [tmp_path / "missing.jsonl", good])
    assert report.new == 1 and "cannot read" in report.skipped[0][2]


def test_validate_record_types():
    assert validate_record(GOOD)["published"] == "2026-03-02T08:30:00+00:00"
    for bad in ({**GOOD, "title": 5}, {**GOOD, "author": ["x"]}, {"outlet": "x"}):
        try:
            validate_record(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_imported_articles_are_in_the_search_index_proper_at_once(store, tmp_path):
    """On PostgreSQL, new rows wait in the full-text index's pending list, which every search
    reads through; an import ends with the list emptied (SQLite's index needs nothing)."""
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({**GOOD, "url": f"https://w.example/{n}", "title": f"Bridge {n} closed",
                                        "text": f"Crews closed bridge number {n} over the river on Monday."}) + "\n"
                            for n in range(40)), encoding="utf-8")
    assert import_files(store, [path]).new == 40
    assert {s["title"] for s in store.iter_articles()} >= {"Bridge 7 closed"}
    if store.conn.engine != "postgresql":
        return
    options = store.conn.execute("SELECT reloptions FROM pg_class WHERE relname = 'article_words_search' "
                                 "AND relnamespace = to_regnamespace(current_schema())::oid").fetchone()[0]
    assert "gin_pending_list_limit=512" in options
    try:
        store.conn.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
    except Exception:  # noqa: BLE001 -- the extension is not installed on this server
        pytest.skip("pgstattuple is not available to count the pending pages")
    pending = store.conn.execute("SELECT pending_pages, pending_tuples FROM pgstatginindex('article_words_search')").fetchone()
    assert tuple(pending) == (0, 0)


def test_an_import_goes_through_when_the_search_index_cannot_be_settled(store, tmp_path, monkeypatch, caplog):
    # Only the index's owner may empty its pending list; a collector connecting as another
    # role keeps what it imported, and the list's bound still holds.
    monkeypatch.setattr("compare.store.collecting.SETTLE_SEARCH", "SELECT gin_clean_pending_list('nowhere'::regclass)")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    with caplog.at_level("INFO", logger="compare.store.collecting"):
        assert import_files(store, [path]).new == 1
    assert [a["url"] for a in store.iter_articles()] == [GOOD["url"]]
    if store.conn.engine == "postgresql":
        assert "left to autovacuum" in caplog.text


def test_a_big_import_has_postgresqls_planner_read_the_articles_again(store, tmp_path, monkeypatch):
    """Until autovacuum runs, the planner knows nothing of a bulk load's rows; an import of many
    articles (here: a bound of 30) has them read at once (ANALYZE). SQLite's plans need nothing."""
    from compare.collect import importer

    monkeypatch.setattr(importer, "BULK_ROWS", 30)
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({**GOOD, "url": f"https://w.example/{n}", "title": f"Bridge {n} closed",
                                        "text": f"Crews closed bridge number {n} over the river on Monday."}) + "\n"
                            for n in range(40)), encoding="utf-8")
    assert import_files(store, [path]).new == 40
    if store.conn.engine != "postgresql":
        return
    counted = store.conn.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles' "
                                 "AND relnamespace = to_regnamespace(current_schema())::oid").fetchone()[0]
    assert counted == 40  # -1 (never read) before
    assert store.conn.execute("SHOW jit").fetchone()[0] == "off"  # short lookups are never compiled
