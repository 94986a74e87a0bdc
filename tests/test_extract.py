"""Text extraction: the story without the page's clutter; decoding; feed text as fallback."""

from __future__ import annotations

import gzip
import json

import trafilatura
from builders import BRIDGE, ELECTION, KYRILLIC, LATIN1, article_page, section_front
from conftest import shared_data
from hypothesis import given
from hypothesis import strategies as st

from compare.collect.extract import (
    EXTRACT_OPTIONS,
    decode_html,
    extract_article,
    feed_text,
    parse_html,
    tidy_text,
)


def test_a_page_without_a_date_tag_is_searched_for_its_date():
    page = ("<html><head><title>Flood</title></head><body><article><h1>Flood</h1><p>Published "
            "<time datetime=\"2026-03-04\">4 March 2026</time></p>" + "<p>" + "The river rose over the bank. " * 8
            + "</p></article></body></html>")
    extracted = extract_article(page, url="https://n.example/flood")
    assert extracted is not None and extracted.published == "2026-03-04"
    undated = extract_article(page.replace('<time datetime=\"2026-03-04\">4 March 2026</time>', ""),
                              url="https://n.example/flood")
    assert undated is not None and undated.published == ""


def test_article_text_without_boilerplate():
    extracted = extract_article(article_page(BRIDGE), url="https://n.example/bridge")
    assert extracted is not None
    for paragraph in BRIDGE.paragraphs:
        assert paragraph in extracted.text
    for clutter in ("cookies", "Related stories", "First! Great article", "All rights reserved", "Subscribe"):
        assert clutter not in extracted.text
    assert extracted.title == BRIDGE.title
    assert extracted.author == BRIDGE.author
    assert extracted.published == "2026-03-02T08:30:00+00:00"  # the page's own tag, to the second
    assert extracted.language == "en"


def test_canonical_link_is_reported():
    page = article_page(ELECTION, canonical="https://n.example/canonical/talks")
    extracted = extract_article(page, url="https://n.example/talks?utm_source=x")
    assert extracted.canonical_url == "https://n.example/canonical/talks"


def test_the_kind_a_page_declares_from_json_ld_or_its_section():
    assert extract_article(article_page(ELECTION), url="https://n.example/talks").kind == ""
    json_ld = '<script type="application/ld+json">{"@type": "OpinionNewsArticle"}</script>'
    assert extract_article(article_page(ELECTION, head=json_ld), url="https://n.example/talks").kind == "opinion"
    section = '<meta property="article:section" content="Analysis">'
    assert extract_article(article_page(ELECTION, head=section), url="https://n.example/talks").kind == "analysis"


def test_section_front_is_not_an_article():
    assert extract_article(section_front(), url="https://n.example/world") is None


def test_empty_and_garbage_pages_are_not_articles():
    assert extract_article("", url=None) is None
    assert extract_article("\x00\x01 not html at all", url=None) is None


def test_text_around_discarded_elements_survives():
    """Page furniture is deleted before extraction, but never the words that follow it."""
    page = article_page(BRIDGE).replace(
        BRIDGE.paragraphs[1],
        f"<button>Share</button>{BRIDGE.paragraphs[1]}<script>track()</script> Then <svg><path/></svg>the end.")
    extracted = extract_article(page, url="https://n.example/bridge")
    assert extracted is not None
    assert f"{BRIDGE.paragraphs[1]} Then the end." in extracted.text
    assert "Share" not in extracted.text and "track()" not in extracted.text


def test_deeply_nested_page_keeps_its_text():
    """Hundreds of unclosed tags nest the article deeper than libxml2's default limit (256)."""
    page = article_page(BRIDGE).replace("<article>", "<article>" + "<font size=2>" * 300)
    extracted = extract_article(page, url="https://n.example/bridge")
    assert extracted is not None and BRIDGE.paragraphs[-1] in extracted.text


def test_parse_html_keeps_structured_data_and_refuses_what_is_not_a_page():
    tree = parse_html('<html><head><script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
                      "<body><p>Text</p></body></html>")
    assert tree is not None and tree.find(".//script").text == '{"@type": "NewsArticle"}'
    assert parse_html("") is None
    assert parse_html("<p>one lone paragraph</p>") is None


def test_decode_uses_http_charset_then_meta_then_utf8():
    cyrillic = article_page(KYRILLIC, charset="windows-1251").encode("cp1251")
    assert KYRILLIC.paragraphs[0] in decode_html(cyrillic)  # from <meta charset>
    latin = article_page(LATIN1, charset="utf-8").encode("latin-1")
    assert "La mairie a décidé de réduire de moitié" in decode_html(latin, "text/html; charset=ISO-8859-1")  # header wins
    assert decode_html("naïve café".encode()) == "naïve café"


def test_undeclared_legacy_bytes_fall_back_to_windows_1252():
    assert decode_html("déjà vu".encode("cp1252")) == "déjà vu"


@given(st.binary(max_size=2000), st.sampled_from(["", "text/html; charset=utf-8", "text/html; charset=bogus"]))
def test_decode_never_raises(body, content_type):
    assert isinstance(decode_html(body, content_type), str)


def test_legacy_pages_extract_in_their_own_script():
    page = decode_html(article_page(KYRILLIC, charset="windows-1251").encode("cp1251"))
    extracted = extract_article(page, url="https://n.example/most", min_words=10)
    assert extracted is not None and KYRILLIC.paragraphs[1] in extracted.text


def test_feed_text_keeps_paragraphs_and_drops_markup():
    html = "<p>First <b>bold</b> line.</p><p>Second&nbsp;line.</p><script>evil()</script>"
    assert feed_text(html) == "First bold line.\nSecond line."
    assert feed_text("Plain &amp; simple") == "Plain & simple"
    assert feed_text("") == ""


def test_real_pages_reach_the_benchmark_quality():
    """A sample of the real-page benchmark: the stored text matches the true text closely."""
    folder = shared_data("extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    import re
    from collections import Counter

    def tokens(text: str) -> Counter:
        return Counter(re.findall(r"\w+", text.lower()))

    scores = []
    for page_id in sorted(truth)[:30]:
        page = decode_html(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        extracted = extract_article(page, url=truth[page_id]["url"], min_words=0)
        got, want = tokens(extracted.text if extracted else ""), tokens(truth[page_id]["articleBody"])
        common = sum((got & want).values())
        scores.append(0.0 if not common else 2 * common / (sum(got.values()) + sum(want.values())))
    assert sum(scores) / len(scores) > 0.9


def test_real_pages_give_the_text_bare_trafilatura_gives():
    """Deleting page furniture before trafilatura runs changes none of its results."""
    folder = shared_data("extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth)[:40]:
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        bare = trafilatura.extract(html, url=truth[page_id]["url"], **EXTRACT_OPTIONS) or ""
        extracted = extract_article(decode_html(html), url=truth[page_id]["url"], min_words=0)
        assert (extracted.text if extracted else "") == tidy_text(bare), page_id
