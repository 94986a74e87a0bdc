"""Page text made safe to show, and formatting for readers."""

from __future__ import annotations

import html

import pandas as pd

from compare.ui import markup


def test_highlighted_text_escapes_everything():
    cues = pd.DataFrame([{"sentence_index": 0, "start": 4, "end": 10, "category": "label", "term": "regime"}])
    out = markup.highlighted_html('The regime <script>alert(1)</script> & <img src=x onerror="x()">', cues)
    assert '<mark class="cue cue-label" title="label">regime</mark>' in out
    assert "<script>" not in out and "<img" not in out and "&#60;script&#62;" in out
    assert html.unescape(out.replace("\u2060", "")).endswith('<img src=x onerror="x()"></p>')  # shown as written


def test_plain_text_makes_no_markdown_and_no_bare_link():
    shown = markup.plain("[click](https://t.example/a) ![](https://t.example/p.png) www.t.example a@t.example #1 *x*")
    bare = shown.replace("&#", "")  # the references themselves aside
    assert not any(c in bare for c in "[]()*!") and "://" not in shown and "www." not in shown
    assert html.unescape(shown).replace("\u2060", "") == ("[click](https://t.example/a) ![](https://t.example/p.png) "
                                                         "www.t.example a@t.example #1 *x*")
    assert markup.plain(float("nan")) == "" and markup.plain(None) == ""
    assert markup.when("2026-03-11T08:20:00+00:00") == "2026-03-11 08:20 UTC" and markup.when(None) == ""
    assert markup.counted(1, "story", "stories") == "1 story" and markup.counted(3, "outlet") == "3 outlets"
    assert markup.link("javascript:alert(1)", "source") == ""


def test_csv_download_is_neutralised():
    data = markup.to_csv(pd.DataFrame({"a": ["=1+1", "fine"], "b": [-1.5, 2]})).decode()
    assert "'=1+1" in data and "-1.5" in data and "\r\n" in data


def test_download_headers_are_neutralised_like_cells():
    frame = pd.DataFrame({"=HYPERLINK(1)": ["=2+3"], "count": [7.0]})
    text = markup.to_csv(frame).decode()
    assert text.splitlines()[0] == "'=HYPERLINK(1),count" and "'=2+3,7" in text
