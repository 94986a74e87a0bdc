"""The demo's replayed sites: pages with clutter and escaped text, feeds the real reader accepts."""

from __future__ import annotations

from compare.collect.extract import decode_html, extract_article
from compare.collect.feeds import parse_feed
from compare.demo.corpus import load_corpus
from compare.demo.site import (
    article_path,
    canonical_url,
    feed_path,
    render_page,
    site_resources,
)

CORPUS = load_corpus()


def test_every_outlet_serves_a_feed_listing_all_its_articles():
    for slug, outlet in CORPUS.outlets.items():
        resources = site_resources(CORPUS, outlet)
        content_type, body = resources[feed_path(outlet)]
        feed = parse_feed(body, url=f"http://127.0.0.1:9/{feed_path(outlet)}", content_type=content_type)
        mine = [a for a in CORPUS.articles if a.outlet == slug]
        assert feed.error is None and len(feed.entries) == len(mine)
        assert feed.version == ("atom10" if outlet.feed == "atom" else "rss20")
        for entry in feed.entries:
            assert entry.link.startswith("http://127.0.0.1:9/2026/03/")
            assert entry.published is not None and entry.guid
        assert "/robots.txt" in resources


def test_pages_extract_back_to_the_article_text():
    for article in CORPUS.articles:
        outlet = CORPUS.outlets[article.outlet]
        content_type, body = site_resources(CORPUS, outlet)[article_path(article)]
        extracted = extract_article(decode_html(body, content_type), url="http://127.0.0.1:9" + article_path(article))
        assert extracted is not None, article.id
        assert " ".join(extracted.text.split()) == " ".join(article.text.split()), article.id
        assert extracted.canonical_url == canonical_url(outlet, article)


def test_state_outlet_pages_use_a_legacy_encoding():
    outlet = CORPUS.outlets["karsk-today"]
    article = next(a for a in CORPUS.articles if a.outlet == "karsk-today")
    content_type, body = site_resources(CORPUS, outlet)[article_path(article)]
    assert "windows-1251" in content_type
    assert article.paragraphs[0] in decode_html(body, content_type)


def test_page_text_is_escaped():
    from dataclasses import replace

    article = replace(CORPUS.articles[0], title="<script>alert(1)</script>",
                      paragraphs=('<img src=x onerror="alert(2)"> & more',))
    page = render_page(CORPUS.outlets[article.outlet], article, [])
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
