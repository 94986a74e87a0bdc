"""Page text made safe to show, and formatting for readers."""

from __future__ import annotations

import html
import re

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


def marked(out: str) -> list[str]:
    """The text inside each <mark>, as the reader sees it."""
    return [html.unescape(m).replace("\u2060", "") for m in re.findall(r"<mark [^>]*>(.*?)</mark>", out)]


def test_marks_land_on_the_cue_terms_when_sentences_span_lines():
    from compare.analysis.framing import UNATTRIBUTED, article_cues
    from compare.analysis.parse import parse_article
    from compare.analysis.run import sentence_rows

    text = ("The Trump administration is reportedly considering\neasing sanctions amid a flurry of talks.\n"
            "Critics said the regime's thugs had launched a brutal\ncrackdown on protesters.\n\n"
            "Officials slammed the plan.  It may fail, said\nthe minister.")
    article = parse_article("a1", "Wire", "", text)
    cues = pd.DataFrame([c.__dict__ for c in article_cues("", article)])
    rows = sentence_rows(article)
    sentences = pd.DataFrame([r[1:] for r in rows], columns=["sentence_index", "start", "end", "text"])
    assert sum(r[4] is not None for r in rows) == 3  # three sentences run on to the next line
    expected = cues[cues["category"] != UNATTRIBUTED].sort_values(["sentence_index", "start"])
    assert len(expected) >= 5 and expected["sentence_index"].nunique() == 4
    out = markup.highlighted_html(text, cues, sentences)
    assert marked(out) == expected["term"].tolist()
    # The same marks from the text's own split, as for an article analysed on the spot.
    assert marked(markup.highlighted_html(text, cues)) == expected["term"].tolist()
    # A line end inside a sentence is no paragraph; a blank line or a line between sentences is.
    assert out.count("<p>") == 3 and "\n" not in re.sub(r"</p>\n<p>", "", out)


def test_marks_use_the_stored_places_of_sentences():
    text = "Troops\nadvanced. The regime's special military\noperation went on.\nIt was a sham."
    sentences = pd.DataFrame([(0, None, None, "Troops advanced."), (1, 17, 65, None), (2, 66, 80, None)],
                             columns=["sentence_index", "start", "end", "text"])
    cues = pd.DataFrame([
        {"sentence_index": 0, "start": 7, "end": 15, "category": "loaded_verb", "term": "advanced"},
        {"sentence_index": 1, "start": 4, "end": 10, "category": "label", "term": "regime"},
        {"sentence_index": 1, "start": 13, "end": 39, "category": "euphemism", "term": "special military operation"},
        {"sentence_index": 1, "start": 4, "end": 10, "category": "unattributed", "term": "regime"},
        {"sentence_index": 2, "start": 9, "end": 13, "category": "label", "term": "sham"},
        {"sentence_index": 2, "start": 0, "end": 2, "category": "label", "term": "sham"},  # not what is there
    ])
    out = markup.highlighted_html(text, cues, sentences)
    assert marked(out) == ["advanced", "regime", "special military operation", "sham"]
    assert '<mark class="cue cue-label" title="label">regime</mark>' in out and "cue-unattributed" not in out
    assert out.count("<p>") == 2  # line ends inside sentences end no paragraph


def test_an_address_cut_by_a_mark_is_still_no_link():
    text = "Read www.t.example or https://t.example/a now."
    cues = pd.DataFrame([{"sentence_index": 0, "start": 5, "end": 8, "category": "label", "term": "www"},
                         {"sentence_index": 0, "start": 22, "end": 27, "category": "label", "term": "https"}])
    out = markup.highlighted_html(text, cues)
    assert marked(out) == ["www", "https"]
    assert "www." not in out and "://" not in out
    assert html.unescape(out).count("\u2060") == 2
