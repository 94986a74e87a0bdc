"""Text from pages and imports made safe to show, and small formatting for readers: escaping
for Markdown and HTML, times in UTC, counts with their nouns, CSV downloads."""

from __future__ import annotations

import html
import math
import re

import pandas as pd

from compare.text import split_sentences
from compare.ui.export import neutralise

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


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 story", "3 stories": a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


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


def _html_text(text: str) -> str:
    return plain(text).replace('"', "&quot;").replace("'", "&#x27;")


def highlighted_html(text: str, cues: pd.DataFrame) -> str:
    """The article's text as HTML with each cue in a <mark> of its category. Every piece of
    the article is escaped for HTML and for Markdown (see :func:`plain`: Streamlit still reads
    bare addresses in HTML as links): no markup from a page can reach the browser."""
    by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
    for cue in cues.itertuples():
        by_sentence.setdefault(int(cue.sentence_index), []).append((int(cue.start), int(cue.end), cue.category,
                                                                     cue.term))
    paragraphs, index = [], 0
    for line in text.splitlines():
        parts = []
        for sentence in split_sentences(line):
            cursor, pieces = 0, []
            for start, end, category, _ in sorted(by_sentence.get(index, [])):
                if start < cursor or end > len(sentence):
                    continue
                pieces.append(_html_text(sentence[cursor:start]))
                pieces.append(f'<mark class="cue cue-{html.escape(category)}" title="{html.escape(category)}">'
                              f"{_html_text(sentence[start:end])}</mark>")
                cursor = end
            pieces.append(_html_text(sentence[cursor:]))
            parts.append("".join(pieces))
            index += 1
        if parts:
            paragraphs.append("<p>" + " ".join(parts) + "</p>")
    return "\n".join(paragraphs)


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
