"""Outlets from the feed reader a user already has: OPML subscription lists in and out.

Feed readers export OPML 1.0 or 2.0: ``<outline>`` elements, nested in folders, each feed
one outline with an ``xmlUrl``. :func:`import_opml` adds those feeds to feeds.toml, as new
outlets (named by the feed's title, tagged with its folders) or as more feeds of an outlet of
the same name, keeping the file's comments and settings (tomlkit edits the document in
place); :func:`export_opml` writes feeds.toml's outlets back as OPML 2.0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

import tomlkit
from lxml import etree

from compare.config import Config, load_config
from compare.errors import ConfigError
from compare.urls import http_url_problem


@dataclass(frozen=True)
class OpmlFeed:
    """One subscription: the outlet it belongs to, its address, and the folders it sits in."""

    outlet: str
    url: str
    folders: tuple[str, ...] = ()


@dataclass
class OpmlImport:
    """What an import added, and what it left out and why."""

    outlets_added: list[str] = field(default_factory=list)
    feeds_added: int = 0
    duplicates: list[str] = field(default_factory=list)  # feed addresses feeds.toml already had
    unreadable: list[str] = field(default_factory=list)  # "where: why"

    def lines(self) -> list[str]:
        lines = [f"added {self.feeds_added} feeds and {len(self.outlets_added)} new outlets"
                 f"{': ' + ', '.join(self.outlets_added) if self.outlets_added else ''}"]
        lines += [f"already in the file: {url}" for url in self.duplicates]
        lines += [f"skipped {problem}" for problem in self.unreadable]
        return lines


def read_opml(data: bytes, where: str = "OPML") -> tuple[list[OpmlFeed], list[str]]:
    """The feeds of an OPML document, and a line for each outline that could not be read."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ConfigError(f"{where}: not a readable OPML file: {exc}") from None
    body = root.find("body") if root.tag == "opml" else None
    if body is None:
        raise ConfigError(f"{where}: not an OPML file (no <opml><body>)")
    feeds: list[OpmlFeed] = []
    problems: list[str] = []

    def walk(element: etree._Element, folders: tuple[str, ...]) -> None:
        for outline in element.iterfind("outline"):
            title = (outline.get("title") or outline.get("text") or "").strip()
            url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
            line = f"{where}:{outline.sourceline}"
            if url:
                problem = http_url_problem(url)
                if problem:
                    problems.append(f"{line}: {url!r} is not an http(s) feed address ({problem})")
                else:
                    feeds.append(OpmlFeed(title or url, url, folders))
            elif len(outline):
                walk(outline, (*folders, title) if title else folders)
            else:
                problems.append(f"{line}: outline {title!r} has no xmlUrl")

    walk(body, ())
    return feeds, problems


def import_opml(opml_path: str | Path, feeds_toml: str | Path) -> OpmlImport:
    """Add the subscriptions of ``opml_path`` to ``feeds_toml`` (created when missing)."""
    opml_path, feeds_toml = Path(opml_path), Path(feeds_toml)
    try:
        data = opml_path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{opml_path}: cannot read: {exc.strerror}") from None
    feeds, problems = read_opml(data, str(opml_path))
    document = tomlkit.parse(feeds_toml.read_text(encoding="utf-8")) if feeds_toml.exists() else tomlkit.document()
    outlets = document.setdefault("outlets", tomlkit.aot())
    by_name = {str(table["name"]): table for table in outlets}
    known = {str(url) for table in outlets for url in table.get("feeds", [])}
    report = OpmlImport(unreadable=problems)
    for feed in feeds:
        if feed.url in known:
            report.duplicates.append(feed.url)
            continue
        known.add(feed.url)
        table = by_name.get(feed.outlet)
        if table is None:
            table = tomlkit.table()
            table["name"] = feed.outlet
            table["feeds"] = tomlkit.array()
            if feed.folders:
                table["tags"] = list(feed.folders)
            outlets.append(table)
            table = outlets[-1]
            by_name[feed.outlet] = table
            report.outlets_added.append(feed.outlet)
        table["feeds"].append(feed.url)
        report.feeds_added += 1
    if report.feeds_added:
        text = tomlkit.dumps(document)
        candidate = feeds_toml.with_suffix(feeds_toml.suffix + ".new")
        candidate.write_text(text, encoding="utf-8")
        try:
            load_config(candidate)  # the result must be a valid feeds.toml before it replaces the old one
        except ConfigError:
            candidate.unlink()
            raise
        candidate.replace(feeds_toml)
    return report


def export_opml(config: Config, title: str = "news-compare outlets") -> str:
    """The outlets of feeds.toml as an OPML 2.0 document: one outline per feed, titled by its outlet."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{_text(title)}</title></head>", "  <body>"]
    for outlet in config.outlets:
        for url in outlet.feeds:
            lines.append(f'    <outline type="rss" text={quoteattr(outlet.name)} title={quoteattr(outlet.name)} '
                         f"xmlUrl={quoteattr(url)}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
