"""`news-compare import`: articles from JSON Lines or CSV files.

One article per JSON line (or CSV row) with ``outlet``, ``url``, ``title``, ``text`` and
optionally ``published``, ``html``, ``author``, ``language``; other fields are ignored.
A bad line is reported with its line number and skipped; the good ones are imported.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

from compare.errors import ImportFormatError
from compare.store import Store, utc_iso
from compare.store.engines import BULK_ROWS
from compare.urls import http_url_problem

logger = logging.getLogger(__name__)

REQUIRED = ("outlet", "url", "title", "text")
OPTIONAL = ("published", "html", "author", "language", "kind", "section")  # kind: report / opinion / analysis
_BATCH = 500  # articles per transaction
_CSV_FIELD_LIMIT = 50_000_000  # characters; article HTML can be large, but not unbounded
_CSV_DELIMITERS = ",;\t"  # spreadsheets in many locales write ";"
# Control characters (NUL and the like) that exports sometimes leak into text; they break
# CSV readers and terminals downstream. Tabs and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ImportReport:
    """What one import did: counts, and each skipped line with the reason."""

    new: int = 0
    updated: int = 0
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, message)

    def lines(self) -> list[str]:
        out = [f"{where}:{line}: skipped: {message}" for where, line, message in self.skipped]
        out.append(f"imported {self.new} new and {self.updated} updated articles; skipped {len(self.skipped)} lines")
        return out


def import_files(store: Store, paths: list[str | Path], *, now: datetime | None = None) -> ImportReport:
    """Import every file in ``paths`` into ``store``; bad lines and unreadable files are reported, not raised."""
    report = ImportReport()
    when = now or datetime.now(timezone.utc)
    for path in paths:
        try:
            _import_file(store, path, report, when)
        except ImportFormatError as exc:  # this file is unreadable; the others still go in
            report.skipped.append((str(path), 1, str(exc)))
            logger.warning("%s: %s", path, exc)
    store.settle_search()  # what was imported is searched at full speed at once
    if report.new + report.updated >= BULK_ROWS:
        store.refresh_statistics(("articles", "article_urls", "article_words"))
    return report


def _import_file(store: Store, path: str | Path, report: ImportReport, when: datetime) -> None:
    records = read_records(path)
    while True:
        # Articles are committed a batch at a time: one commit per article (a disk flush
        # each on a server) made PostgreSQL imports half as fast. A killed import keeps every
        # batch committed before; importing the file again adds nothing twice.
        with store.transaction():
            seen = 0
            for line, record, problem in records:
                _import_line(store, path, line, record, problem, report, when)
                seen += 1
                if seen == _BATCH:
                    break
        if seen < _BATCH:
            return


def _import_line(store: Store, path: str | Path, line: int, record: dict[str, Any] | None, problem: str | None,
                 report: ImportReport, when: datetime) -> None:
    if problem is None:
        try:
            article = validate_record(record or {})
        except ValueError as exc:
            problem = str(exc)
    if problem is not None:
        report.skipped.append((str(path), line, problem))
        logger.warning("%s:%d: skipped: %s", path, line, problem)
        return
    if store.import_article(article, when=when):
        report.new += 1
    else:
        report.updated += 1


def read_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line number, record, None)`` or ``(line number, None, problem)`` for each line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"cannot read the file: {exc.strerror or exc}") from None
    if _is_csv(path, data):
        yield from _csv_records(data)
    else:
        yield from _jsonl_records(data)


def validate_record(record: dict[str, Any]) -> dict[str, Any]:
    """Check and normalise one record; raise ValueError saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"expected an object with {', '.join(REQUIRED)}, got {type(record).__name__}")
    clean: dict[str, Any] = {}
    for key in REQUIRED:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"missing or empty required field {key!r}")
        value = _CONTROL.sub("", value)
        clean[key] = value.strip() if key != "text" else value
    problem = http_url_problem(clean["url"])
    if problem:
        raise ValueError(f"'url' must be an absolute http(s) URL, not {clean['url']!r}: {problem}")
    for key in OPTIONAL:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")
        clean[key] = _CONTROL.sub("", value)
    if "published" in clean:
        clean["published"] = _parse_published(clean["published"])
    return clean


def _parse_published(value: str) -> str | None:
    text = value.strip()
    try:
        if len(text) == 10:  # a bare date
            return utc_iso(datetime.combine(date.fromisoformat(text), time(), tzinfo=timezone.utc))
        return utc_iso(datetime.fromisoformat(text))
    except ValueError:
        raise ValueError(f"'published' is not an ISO 8601 date or date-time: {value!r}") from None


def _is_csv(path: Path, data: bytes) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return False
    if suffix in (".csv", ".tsv"):
        return True
    return not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _jsonl_records(data: bytes) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(record, dict):
            yield number, None, f"expected a JSON object, got {type(record).__name__}"
            continue
        yield number, record, None


def _csv_records(data: bytes) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    # surrogateescape keeps going past bad bytes; the rows that hold them are reported below.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    header_line = text.split("\n", 1)[0]
    delimiter = max(_CSV_DELIMITERS, key=header_line.count)  # the one the header uses most; "," on a tie
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise ImportFormatError(f"cannot read the CSV header: {exc}") from None
    header = [name.strip().lower() for name in header]
    missing = [key for key in REQUIRED if key not in header]
    if missing:
        raise ImportFormatError(f"the CSV header lacks required column(s) {', '.join(missing)}; "
                                f"it has {', '.join(header)}")
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, None, f"malformed CSV: {exc}"
            continue
        if not any(cell.strip() for cell in row):
            continue
        if any(_has_bad_bytes(cell) for cell in row):
            yield start, None, "not UTF-8 text"
            continue
        if len(row) != len(header):
            yield start, None, f"has {len(row)} cells, the header has {len(header)}"
            continue
        yield start, dict(zip(header, row)), None


def _has_bad_bytes(cell: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in cell)
