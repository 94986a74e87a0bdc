"""Text from pages and imports made safe to show, and small formatting for readers: escaping
for Markdown and HTML, times in UTC, counts with their nouns, CSV downloads."""

from __future__ import annotations

import bisect
import html
import math
import re

import pandas as pd

from compare.text import split_sentences
from compare.ui.export import neutralise
from compare.ui.summaries import counted  # noqa: F401 - the pages reach it through markup

# Characters that start Markdown, HTML, maths or emoji codes: written as character references,
# which Markdown shows as the characters and never reads as syntax.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|>~<:$@&]")
# Streamlit turns bare addresses into links after decoding those references ("https://...",
# "www.", "name@host"): an invisible word joiner inside each keeps it plain text.
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?=@)")
_JOINER = "\u2060"


def plain(text: object) -> str:
    """Text from a page or an import, for a call that renders Markdown: shown as written.

    A headline holding "[click](https://...)" or "![](https://.../pixel.png)" shows those
    characters and makes no link and fetches no image. Raw HTML needs nothing more: without
    ``unsafe_allow_html`` Streamlit shows tags as text.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    joined = _BARE_LINK.sub(_JOINER, str(text))
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", joined)


def when(moment: object) -> str:
    """A stored ISO time as a reader reads it: "2026-03-11 08:20 UTC" ("" when unknown)."""
    if moment is None or (isinstance(moment, float) and math.isnan(moment)) or not str(moment).strip():
        return ""
    stamp = pd.Timestamp(str(moment))
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def link(url: object, label: str) -> str:
    """A Markdown link to an article's own address, or "" when it is not http(s)."""
    address = "" if url is None or isinstance(url, float) else str(url)
    if not re.match(r"https?://[^\s]+$", address):
        return ""
    return f"[{plain(label)}](<{address.replace('<', '%3C').replace('>', '%3E')}>)"


def short(text: str, limit: int = 110) -> str:
    """The start of a sentence, cut at a word, for a cell that must stay narrow."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


# Line ends as str.splitlines() finds them: the analysis splits an article's lines so.
_LINE_END = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_FOLDED = re.compile(r"\s*(?:" + _LINE_END.pattern + r")\s*")
# Where a sentence stands in the text: its span, and for a sentence whose lines the analysis
# joined, the place in the text of each of its characters (and of its end).
_Place = tuple[int, int, list[int] | None]


def highlighted_html(text: str, cues: pd.DataFrame, sentences: pd.DataFrame | None = None) -> str:
    """The article's text as HTML with each cue in a <mark> of its category.

    ``cues`` hold sentence_index, start, end (in the sentence), category and term. A cue's
    place is its sentence's place in ``text`` plus the cue's offsets in that sentence.
    ``sentences`` are the article's sentences as the analysis stored them (``sentence_index``,
    ``start``, ``end`` in the text, or ``text`` when its lines were joined: see
    :func:`compare.analysis.parse.sentence_rows`); without them, the text's own split. A mark
    that would not hold its cue's term is left out. Lines are paragraphs, except where a
    sentence runs on to the next line. Every piece of the article is escaped for HTML and for
    Markdown (see :func:`plain`: Streamlit still reads bare addresses in HTML as links): no
    markup from a page can reach the browser."""
    places = _sentence_places(text, sentences)
    found: list[tuple[int, int, str]] = []
    for cue in cues.itertuples():
        place = places.get(int(cue.sentence_index))
        start, end = _in_text(place, int(cue.start), int(cue.end)) if place else (None, None)
        if start is not None and " ".join(text[start:end].split()) == " ".join(str(cue.term).split()):
            found.append((start, end, str(cue.category)))
    marks: list[tuple[int, int, str]] = []
    for mark in sorted(found):
        if not marks or mark[0] >= marks[-1][1]:  # an unattributed claim's term is marked once, as its category
            marks.append(mark)
    joins = [m.start() for m in _BARE_LINK.finditer(text)]
    paragraphs = []
    for first, last in _paragraphs(text, sorted((s, e) for s, e, _ in places.values())):
        pieces, cursor = [], first
        for start, end, category in marks:
            if first <= start and end <= last:
                pieces.append(_html_piece(text, cursor, start, joins))
                pieces.append(f'<mark class="cue cue-{html.escape(category)}" title="{html.escape(category)}">'
                              f"{_html_piece(text, start, end, joins)}</mark>")
                cursor = end
        pieces.append(_html_piece(text, cursor, last, joins))
        paragraphs.append("<p>" + "".join(pieces) + "</p>")
    return "\n".join(paragraphs)


def _sentence_places(text: str, sentences: pd.DataFrame | None) -> dict[int, _Place]:
    """Each sentence's place in ``text`` by its index (the headline, -1, has none)."""
    if sentences is None or sentences.empty:
        rows = [(i, None, None, s) for i, s in enumerate(split_sentences(text))]
    else:
        rows = [(int(r.sentence_index), r.start, r.end, getattr(r, "text", None))
                for r in sentences.sort_values("sentence_index").itertuples()]
    places: dict[int, _Place] = {}
    cursor = 0
    for index, start, end, own in rows:
        if index < 0:
            continue
        if _is_number(start) and _is_number(end) and 0 <= int(start) <= int(end) <= len(text):
            places[index] = (int(start), int(end), None)
        elif isinstance(own, str) and own.strip():
            found = _joined_place(text, own, cursor)
            if found is None:
                continue
            places[index] = found
        else:
            continue
        cursor = places[index][1]
    return places


def _is_number(value: object) -> bool:
    """False for None and NaN: a sentence kept with its own text has no offsets."""
    return value is not None and not isinstance(value, str) and bool(pd.notna(value))


def _joined_place(text: str, sentence: str, cursor: int) -> _Place | None:
    """Where a sentence whose lines were joined (white space folded) stands in ``text``: after
    ``cursor`` if it is there, else anywhere; None when it is not in the text."""
    words = sentence.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    match = pattern.search(text, cursor) or pattern.search(text)
    if match is None:
        return None
    offsets, at = [], match.start()
    for character in sentence:
        offsets.append(at)
        if character.isspace():
            while at < match.end() and text[at].isspace():
                at += 1
        else:
            at += 1
    offsets.append(match.end())
    return match.start(), match.end(), offsets


def _in_text(place: _Place, start: int, end: int) -> tuple[int, int] | tuple[None, None]:
    """Offsets in a sentence as offsets in the article's text ((None, None) outside the sentence)."""
    first, last, offsets = place
    if not 0 <= start < end or (offsets is None and first + end > last) or (offsets and end >= len(offsets)):
        return None, None
    return (first + start, first + end) if offsets is None else (offsets[start], offsets[end])


def _paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text's paragraphs as (start, end), without surrounding white space: its lines, but
    a line end inside a sentence (a hard-wrapped line) does not end a paragraph."""
    starts = [s for s, _ in spans]
    breaks = [(m.start(), m.end()) for m in _LINE_END.finditer(text)
              if not ((n := bisect.bisect_right(starts, m.start()) - 1) >= 0 and spans[n][0] < m.start() < spans[n][1])]
    found, first = [], 0
    for end, after in [*breaks, (len(text), len(text))]:
        piece = text[first:end]
        if piece.strip():
            found.append((first + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))))
        first = after
    return found


def _html_piece(text: str, start: int, end: int, joins: list[int]) -> str:
    """``text[start:end]`` for HTML, as :func:`plain` makes it (and quotes escaped), with the word
    joiners of the whole text (an address cut by a mark is still no link) and line ends inside
    a paragraph as spaces."""
    cuts = joins[bisect.bisect_left(joins, start):bisect.bisect_left(joins, end)]
    edges = [start, *cuts, end]
    joined = _JOINER.join(text[a:b] for a, b in zip(edges, edges[1:]))
    folded = _FOLDED.sub(" ", joined)
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", folded).replace('"', "&quot;").replace(
        "'", "&#x27;")


def to_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes for a download button, as `export` writes: formula cells and headers
    neutralised, whole numbers without ".0", nothing for a missing value."""
    shown = frame.copy()
    shown.columns = [neutralise(str(c)) for c in shown.columns]
    for column in shown.columns:
        values = shown[column]
        if values.dtype.kind == "f" and values.dropna().map(float.is_integer).all():
            shown[column] = values.map(lambda v: "" if v != v else int(v))
    return shown.map(neutralise).to_csv(index=False, lineterminator="\r\n").encode("utf-8")
