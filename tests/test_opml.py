"""OPML subscription lists into feeds.toml and back."""

from __future__ import annotations

import pytest

from compare.collect.opml import export_opml, import_opml, read_opml
from compare.config import load_config
from compare.errors import ConfigError

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="Harbour Courier" xmlUrl="https://courier.example/rss.xml"/>
      <outline text="Europe">
        <outline type="rss" title="Valley Radio" text="VR" xmlUrl="https://radio.example/feed.atom"/>
      </outline>
    </outline>
    <outline type="rss" text="Old Wire" xmlUrl="https://wire.example/rss"/>
    <outline type="rss" text="Broken" xmlUrl="ftp://nope.example/feed"/>
    <outline text="Empty"/>
  </body>
</opml>"""

FEEDS_TOML = """# my outlets; keep this comment
[settings]
timeout = 15  # seconds

[[outlets]]
name = "Old Wire"
feeds = ["https://wire.example/rss"]
country = "GB"
"""


def test_nested_outlines_become_feeds_with_their_folders():
    feeds, problems = read_opml(OPML)
    assert [(f.outlet, f.url, f.folders) for f in feeds] == [
        ("Harbour Courier", "https://courier.example/rss.xml", ("News",)),
        ("Valley Radio", "https://radio.example/feed.atom", ("News", "Europe")),
        ("Old Wire", "https://wire.example/rss", ())]
    assert len(problems) == 2 and "ftp://" in problems[0] and "no xmlUrl" in problems[1]


def test_import_keeps_comments_and_settings_and_reports_duplicates(tmp_path):
    opml, feeds_toml = tmp_path / "subs.opml", tmp_path / "feeds.toml"
    opml.write_bytes(OPML)
    feeds_toml.write_text(FEEDS_TOML, encoding="utf-8")
    report = import_opml(opml, feeds_toml)
    assert report.outlets_added == ["Harbour Courier", "Valley Radio"] and report.feeds_added == 2
    assert report.duplicates == ["https://wire.example/rss"] and len(report.unreadable) == 2
    text = feeds_toml.read_text(encoding="utf-8")
    assert "# my outlets; keep this comment" in text and "timeout = 15  # seconds" in text
    config = load_config(feeds_toml)
    assert config.settings.timeout == 15
    outlets = {o.name: o for o in config.outlets}
    assert outlets["Valley Radio"].tags == ("News", "Europe") and outlets["Old Wire"].country == "GB"
    again = import_opml(opml, feeds_toml)
    assert again.feeds_added == 0 and len(again.duplicates) == 3


def test_export_round_trips_through_import(tmp_path):
    feeds_toml = tmp_path / "feeds.toml"
    feeds_toml.write_text(FEEDS_TOML + '\n[[outlets]]\nname = "A & B <News>"\nfeeds = ["https://ab.example/rss"]\n',
                          encoding="utf-8")
    exported = export_opml(load_config(feeds_toml))
    feeds, problems = read_opml(exported.encode())
    assert not problems and [(f.outlet, f.url) for f in feeds] == [
        ("Old Wire", "https://wire.example/rss"), ("A & B <News>", "https://ab.example/rss")]


def test_a_broken_file_is_an_error_that_names_it(tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_bytes(b"<opml><body><outline")
    with pytest.raises(ConfigError, match="bad.opml"):
        import_opml(bad, tmp_path / "feeds.toml")
    with pytest.raises(ConfigError, match="not an OPML"):
        read_opml(b"<rss/>")
