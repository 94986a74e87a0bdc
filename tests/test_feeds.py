"""Feed parsing (every format and defect we know of) and conditional polling over loopback HTTP."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from builders import BRIDGE, ELECTION, KYRILLIC, LATIN1, Item, atom, item_for, rss
from conftest import shared_data
from hypothesis import given
from hypothesis import strategies as st

from compare.collect.feeds import parse_feed, poll_feed
from compare.models import ParsedEntry, ParsedFeed

BASE = "https://news.example/world/rss.xml"


def test_rss20_entries_are_typed():
    feed = parse_feed(rss([item_for(BRIDGE, "https://news.example/a/bridge")]).encode(), url=BASE)
    assert feed.error is None and feed.version == "rss20"
    [entry] = feed.entries
    assert entry == ParsedEntry(
        link="https://news.example/a/bridge", guid="https://news.example/a/bridge", title=BRIDGE.title,
        summary=BRIDGE.paragraphs[0], content="", published=BRIDGE.published, author="", raw=entry.raw)
    assert entry.raw["title"] == BRIDGE.title


def test_atom10_entries_are_typed():
    feed = parse_feed(atom([item_for(ELECTION, "https://news.example/p/talks")]).encode(), url=BASE)
    assert feed.version == "atom10"
    assert feed.entries[0].link == "https://news.example/p/talks"
    assert feed.entries[0].published == ELECTION.published


def test_relative_links_are_resolved_against_the_feed_url():
    feed = parse_feed(rss([item_for(BRIDGE, "/a/bridge?id=1")]).encode(), url=BASE)
    assert feed.entries[0].link == "https://news.example/a/bridge?id=1"


def test_entries_with_missing_fields_are_kept():
    items = [Item(title=None, link="https://news.example/untitled"),
             Item(title="No link at all", link=None, guid="tag:news.example,2026:42", summary="Words."),
             Item(title="Guid is the link", link=None, guid="https://news.example/from-guid")]
    feed = parse_feed(rss(items).encode(), url=BASE)
    untitled, linkless, from_guid = feed.entries
    assert untitled.title == "" and untitled.published is None
    assert linkless.link is None and linkless.guid == "tag:news.example,2026:42"
    assert from_guid.link == "https://news.example/from-guid"


def test_non_http_links_are_dropped():
    feed = parse_feed(rss([Item(title="x", link="javascript:alert(1)")]).encode(), url=BASE)
    assert feed.entries[0].link is None


def test_malformed_links_are_dropped_and_their_entries_kept():
    feed = parse_feed(rss([Item(title="Bad port", link="http://n.example:99999/a"),
                           Item(title="Bad host", link="http://[broken/b")]).encode(), url=BASE)
    assert feed.error is None
    assert [(e.title, e.link) for e in feed.entries] == [("Bad port", None), ("Bad host", None)]


def test_implausible_dates_count_as_unknown():
    dates = ["Mon, 02 Mar 2026 08:30:00 GMT", "Fri, 02 Mar 9999 08:30:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
             "2026-13-45", "not a date"]
    body = "<rss version='2.0'><channel><title>d</title>" + "".join(
        f"<item><title>t{n}</title><link>https://n.example/{n}</link><pubDate>{d}</pubDate></item>"
        for n, d in enumerate(dates)) + "</channel></rss>"
    feed = parse_feed(body.encode(), url=BASE)
    assert [e.published for e in feed.entries] == [datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)] + [None] * 4
    assert feed.entries[1].raw["published"] == "Fri, 02 Mar 9999 08:30:00 GMT"  # the feed's own words are kept


def test_html_in_titles_is_reduced_to_text():
    feed = parse_feed(rss([Item(title="<b>Bold</b> &amp; brave", link="https://n.example/b")]).encode(), url=BASE)
    assert feed.entries[0].title == "Bold & brave"


def test_content_encoded_is_kept_apart_from_summary():
    item = item_for(BRIDGE, "https://n.example/b", content_html="<p>Full text</p>")
    entry = parse_feed(rss([item]).encode(), url=BASE).entries[0]
    assert entry.content == "<p>Full text</p>"
    assert entry.summary == BRIDGE.paragraphs[0]


@pytest.mark.parametrize(("story", "encoding"), [(KYRILLIC, "windows-1251"), (LATIN1, "iso-8859-1")])
def test_legacy_encodings_declared_in_the_document(story, encoding):
    body = rss([item_for(story, "https://n.example/x")], encoding=encoding).encode(encoding)
    assert parse_feed(body, url=BASE).entries[0].title == story.title


def test_encoding_from_the_http_header():
    body = rss([item_for(KYRILLIC, "https://n.example/x")]).replace('encoding="utf-8"', "").encode("cp1251")
    feed = parse_feed(body, url=BASE, content_type="application/rss+xml; charset=windows-1251")
    assert feed.entries[0].title == KYRILLIC.title


def test_malformed_feed_is_an_error_not_an_exception():
    feed = parse_feed(b"<?xml version='1.0'?><rss><channel><title>Broken", url=BASE)
    assert feed.entries == []
    assert feed.error and feed.error.startswith("not a readable feed")


def test_empty_response_is_an_error():
    for body in (b"", b"  \n"):
        feed = parse_feed(body, url=BASE, content_type="application/rss+xml")
        assert feed.entries == [] and feed.error == "not a readable feed: the response is empty"


@given(st.binary(max_size=300), st.sampled_from(["", "application/rss+xml", "application/json", "text/html"]))
def test_parse_feed_never_raises(body, content_type):
    feed = parse_feed(body, url=BASE, content_type=content_type)
    assert isinstance(feed, ParsedFeed) and not (feed.error and feed.entries)


def test_recoverable_defect_keeps_entries_and_warns():
    body = rss([item_for(BRIDGE, "https://n.example/b")]).replace("Latest news", "Caf&eacute; news").encode()
    feed = parse_feed(body, url=BASE)
    assert len(feed.entries) == 1
    assert feed.error is None and "undefined entity" in (feed.warning or "")


def test_html_page_is_not_a_feed():
    feed = parse_feed(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", url=BASE,
                      content_type="text/html")
    assert feed.error and not feed.entries


def test_a_web_page_in_place_of_its_feed_names_the_feed():
    page = (b'<!DOCTYPE html><html><head><link rel="stylesheet" href="/s.css">'
            b'<link rel="alternate" type="application/rss+xml" title="World" href="/world/rss.xml">'
            b"</head><body><p>Hello</p></body></html>")
    feed = parse_feed(page, url="https://news.example/world/", content_type="text/html")
    assert feed.error.startswith("not a readable feed: ")
    assert feed.error.endswith(
        "; this looks like a web page, and it names its feed: https://news.example/world/rss.xml")
    assert "names its feed" not in parse_feed(b"<html><body><p>Hello</p></body></html>", url=BASE).error


def test_leading_blank_lines_are_tolerated():
    feed = parse_feed(b"\n\n  " + rss([item_for(BRIDGE, "https://n.example/b")]).encode(), url=BASE)
    assert feed.warning is None and len(feed.entries) == 1


def test_json_feed():
    document = {"version": "https://jsonfeed.org/version/1.1", "title": "JSON news", "items": [
        {"id": "1", "url": "/j/1", "title": "One", "content_text": "Plain <text>",
         "date_published": "2026-03-02T10:00:00+01:00", "authors": [{"name": "A. Writer"}]},
        {"id": "2", "title": "No url"}]}
    feed = parse_feed(json.dumps(document).encode(), url=BASE, content_type="application/feed+json")
    assert feed.version == "json11" and feed.title == "JSON news"
    first, second = feed.entries
    assert first.link == "https://news.example/j/1"
    assert first.published == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    assert first.content == "Plain &lt;text&gt;" and first.author == "A. Writer"
    assert second.link is None


def test_json_that_is_not_a_feed():
    assert parse_feed(b'{"hello": 1}', url=BASE).error
    assert parse_feed(b'{"broken', url=BASE).error


def test_every_real_feed_file_gives_entries_or_an_error():
    folder = shared_data("feeds")
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert len(files) > 50
    readable = 0
    for path in files:
        feed = parse_feed(path.read_bytes(), url="https://feeds.example/" + path.name)
        assert isinstance(feed, ParsedFeed)
        assert isinstance(feed.entries, list), path.name
        assert feed.error or feed.version, path.name  # read as a feed of a known format, or an error says why
        if feed.error:
            assert not feed.entries, path.name
            continue
        readable += 1
        for entry in feed.entries:
            assert isinstance(entry, ParsedEntry)
            assert entry.link is None or entry.link.startswith(("http://", "https://")), path.name
            assert entry.published is None or entry.published.tzinfo is not None
            json.dumps(entry.raw)  # storable as it is
    assert readable >= len(files) - 10


def test_poll_uses_conditional_get(server, client):
    server.add("/feed.xml", rss([item_for(BRIDGE, server.url("/a"))]), content_type="application/rss+xml",
               etag='"v1"', headers={"Last-Modified": "Mon, 02 Mar 2026 08:00:00 GMT"})
    first = poll_feed(client, server.url("/feed.xml"))
    assert first.ok and first.http_status == 200 and len(first.feed.entries) == 1
    assert first.etag == '"v1"' and first.last_modified == "Mon, 02 Mar 2026 08:00:00 GMT"
    second = poll_feed(client, server.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert second.ok and second.http_status == 304 and second.feed is None
    assert second.etag == '"v1"'
    assert server.requests[-1][1]["if-modified-since"] == "Mon, 02 Mar 2026 08:00:00 GMT"


def test_poll_of_a_dead_feed_reports_the_error(server, client):
    result = poll_feed(client, server.url("/gone.xml"))
    assert not result.ok and result.http_status == 404 and "404" in result.error


def test_entry_categories_are_kept_for_its_kind():
    document = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>{BASE}</link>'
                '<item><title>Why the talks failed</title><link>https://news.example/x</link>'
                '<category>World</category><category>Opinion</category></item></channel></rss>')
    [entry] = parse_feed(document.encode(), url=BASE).entries
    assert entry.categories == ("World", "Opinion")
    items = [{"id": "1", "url": "https://news.example/y", "title": "T", "tags": ["Analysis"]}]
    [entry] = parse_feed(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F",
                                     "items": items}).encode(), url=BASE).entries
    assert entry.categories == ("Analysis",)
