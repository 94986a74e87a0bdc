"""Poll one feed: conditional GET, then feedparser (or JSON Feed) -> typed entries.

feedparser's dicts stop here: the rest of news-compare sees :class:`ParsedFeed` and
:class:`ParsedEntry`. A broken feed is never an exception: it is a ``ParsedFeed`` with
``error`` set, which the collector stores as the feed's health.
"""

from __future__ import annotations

import calendar
import html
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml import html as lxml_html

from compare.collect.fetch import HttpClient
from compare.errors import FetchError
from compare.models import ParsedEntry, ParsedFeed
from compare.urls import http_url_problem

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]+>")
# Publication dates outside this span are placeholders or typos (see _plausible).
_EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=timezone.utc)
_MAX_DATE_AHEAD = timedelta(days=2)  # time zones and scheduled posts put some a little ahead
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
# feedparser's harmless complaints: the feed was read fine despite them.
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True)
class PollResult:
    """What one poll of a feed gave: new content, "not modified", or an error."""

    url: str
    http_status: int | None
    feed: ParsedFeed | None  # None when not modified or failed
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def poll_feed(client: HttpClient, url: str, *, etag: str | None = None,
              last_modified: str | None = None) -> PollResult:
    """Fetch and parse the feed at ``url`` with a conditional GET."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                         "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        response = client.get(url, headers=headers)
    except FetchError as exc:
        return PollResult(url, exc.status, None, error=exc.message)
    if response.status == 304:
        return PollResult(url, 304, None, etag=etag, last_modified=last_modified)
    feed = parse_feed(response.body, url=response.final_url, content_type=response.content_type)
    return PollResult(url, response.status, feed, etag=response.headers.get("etag"),
                      last_modified=response.headers.get("last-modified"), error=feed.error)


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """Parse an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document. Never raises.

    Relative links are resolved against ``url``; ``content_type`` supplies the charset
    when the document does not declare one.
    """
    # Blank lines before the XML declaration are a common publishing slip that strict XML rejects.
    body = body.lstrip(b" \t\r\n")
    if not body:
        return ParsedFeed("", "", [], error="not a readable feed: the response is empty")
    if "json" in content_type.lower() or body[:1] == b"{":
        return _parse_json_feed(body, url)
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                          "content-type": content_type or "application/xml"})
    except Exception as exc:  # feedparser promises not to raise; a bug in it must not stop a run
        logger.exception("feedparser failed on %s", url)
        return ParsedFeed("", "", [], error=f"feed parser crashed: {type(exc).__name__}: {exc}")
    problem = _bozo_message(parsed)
    entries = [_entry_from_feedparser(item, url) for item in parsed.entries]
    version = parsed.get("version") or ""  # absent, not empty, on some inputs
    if not entries and (problem or not version):
        reason = problem or "no RSS, Atom or JSON Feed content found"
        named = _feeds_named_by_page(body, url)
        if named:  # a web page given in place of its feed, a common slip in feeds.toml
            reason += f"; this looks like a web page, and it names its feed: {named[0]}"
        return ParsedFeed("", version, [], error=f"not a readable feed: {reason}")
    title = _plain(parsed.feed.get("title", ""))
    return ParsedFeed(title, version or "unknown", entries, warning=problem)


def _feeds_named_by_page(body: bytes, url: str) -> list[str]:
    """The feed URLs an HTML page announces with <link rel="alternate" type="application/rss+xml">."""
    if b"<link" not in body[:200_000].lower():
        return []
    try:
        root = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in root.iter("link"):
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower().split() and kind in _FEED_TYPES:
            absolute = _absolute(link.get("href"), url)
            if absolute:
                found.append(absolute)
    return found


def _bozo_message(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    if isinstance(exc, _HARMLESS_BOZO):
        return None
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    return f"{type(exc).__name__}{where}: {message}"


def _entry_from_feedparser(item: Any, base: str) -> ParsedEntry:
    link = _absolute(item.get("link"), base)
    guid = item.get("id") or None
    if link is None:
        alternates = [x.get("href") for x in item.get("links", []) if x.get("rel", "alternate") == "alternate"]
        link = next((u for u in (_absolute(a, base) for a in alternates) if u), None)
    if link is None and guid:
        link = _absolute(guid, base) if guid.startswith(("http://", "https://")) else None
    content = "\n".join(part.get("value", "") for part in item.get("content", []) if part.get("value"))
    # dict.get: FeedParserDict.get("published_parsed") warns and maps to updated_parsed by itself.
    published_struct = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
    try:
        published = (datetime.fromtimestamp(calendar.timegm(published_struct), tz=timezone.utc)
                     if published_struct else None)
    except (OverflowError, ValueError, OSError):  # a year no clock holds
        published = None
    return ParsedEntry(
        link=link, guid=guid, title=_plain(item.get("title", "")), summary=item.get("summary", "") or "",
        content=content, published=_plausible(published), author=_plain(item.get("author", "")),
        raw=_json_safe({k: v for k, v in item.items() if not k.endswith("_parsed")}),
        categories=tuple(str(tag.get("term") or tag.get("label") or "") for tag in item.get("tags") or []
                         if isinstance(tag, dict)))


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ParsedFeed("", "", [], error=f"not a readable feed: invalid JSON: {exc}")
    version = str(document.get("version", "")) if isinstance(document, dict) else ""
    if "jsonfeed.org" not in version or not isinstance(document.get("items"), list):
        return ParsedFeed("", "", [], error="not a readable feed: JSON without a JSON Feed 'version' and 'items'")
    entries = []
    for item in document["items"]:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        author = ", ".join(str(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name"))
        content = item.get("content_html") or html.escape(str(item.get("content_text") or ""))
        entries.append(ParsedEntry(
            link=_absolute(item.get("url") or item.get("external_url"), url),
            guid=str(item["id"]) if item.get("id") is not None else None,
            title=_plain(str(item.get("title") or "")), summary=str(item.get("summary") or ""),
            content=str(content), author=author, raw=_json_safe(item),
            categories=tuple(str(tag) for tag in item.get("tags") or [] if isinstance(tag, str)),
            published=_plausible(_iso_datetime(item.get("date_published") or item.get("date_modified")))))
    return ParsedFeed(_plain(str(document.get("title", ""))), "json" + version.rsplit("/", 1)[-1].replace(".", ""),
                      entries)


def _absolute(link: Any, base: str) -> str | None:
    """``link`` made absolute against ``base``; None unless it is an http(s) URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip())
    except ValueError:  # "http://[broken" and the like
        return None
    return absolute if http_url_problem(absolute) is None else None


def _plain(text: str) -> str:
    """Feed titles may carry markup and entities; keep the words."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def _iso_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _plausible(moment: datetime | None) -> datetime | None:
    """``moment`` if it can be a news item's date, else None (unknown).

    Feeds carry placeholder and mistyped dates (year 1, year 9999, a 13th month rolled over
    into next year); kept, such a date would misplace the article in every time window.
    """
    if moment is None or not _EARLIEST_DATE <= moment <= datetime.now(timezone.utc) + _MAX_DATE_AHEAD:
        return None
    return moment


def _json_safe(value: Any) -> Any:
    """A copy of ``value`` that json.dumps accepts (feedparser dicts hold odd types)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))
