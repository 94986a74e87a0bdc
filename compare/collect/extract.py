"""HTML -> article text and metadata with trafilatura; feed content as a fallback.

trafilatura's objects stop here: callers get :class:`Extracted` or ``None``.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re
from datetime import datetime
from urllib.parse import urljoin

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import repair_faulty_html

from compare.kinds import kind_of_json_ld, kind_of_labels
from compare.models import Extracted

logger = logging.getLogger(__name__)

# The best of trafilatura's settings on real news pages (bench/extract.py): reader
# comments are not the article, and favouring precision drops more clutter than text.
EXTRACT_OPTIONS = {"include_comments": False, "include_tables": True, "favor_precision": True}

# <meta> names (property, name or itemprop) that hold an article's first publication time.
_PUBLISHED_METAS = ("article:published_time", "og:published_time", "og:article:published_time", "datepublished",
                    "dc.date.issued", "dcterms.created", "pubdate", "publishdate", "parsely-pub-date",
                    "sailthru.date")
# Elements trafilatura always deletes before it looks for the article. Its fallback
# extractor (readability) still reads them on the raw page, to the same result on the real
# news pages of bench/extract.py, so they go first: extraction is a fifth faster. Not here:
# <noscript> and <form> (trafilatura keeps some), <figure> (it may hold a table), <head>.
_DISCARDED_TAGS = ("style", "svg", "nav", "footer", "aside", "link", "button", "input", "select", "option",
                   "label", "picture", "source", "iframe", "menu")
# The parser trafilatura uses, with two changes. Every element is an HtmlElement: lxml.html's
# own lookup calls a Python method for each element it hands out (a million times in 181
# pages, a tenth of extraction); this one is decided in C. And huge_tree: past 256 levels of
# nesting (unclosed <font> or <div> tags pile them up) libxml2 would stop and drop the rest
# of the page; the size cap on downloads already bounds what huge_tree lets through.
_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                               remove_pis=True, huge_tree=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(body: bytes, content_type: str = "") -> str:
    """Decode a page's bytes: HTTP charset, then ``<meta charset>``, then UTF-8, then windows-1252.

    Never raises; undecodable bytes become U+FFFD.
    """
    for candidate in (_charset_of(content_type), _meta_charset(body)):
        codec = _known_codec(candidate)
        if codec:
            return body.decode(codec, errors="replace")
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        # Undeclared legacy pages on the web are overwhelmingly windows-1252 (WHATWG's default).
        return body.decode("cp1252", errors="replace")


def extract_page(body: bytes, content_type: str = "", *, url: str | None = None,
                 min_words: int = 15) -> Extracted | None:
    """:func:`decode_html` then :func:`extract_article`: one call for a worker process."""
    return extract_article(decode_html(body, content_type), url=url, min_words=min_words)


def extract_article(page: str, *, url: str | None = None, min_words: int = 15) -> Extracted | None:
    """Main text and metadata of a news page, or None when the page holds no article.

    A page with fewer than ``min_words`` words of main text (a section front, a video page,
    a paywall stub) counts as not an article.
    """
    try:
        tree = parse_html(page)
        if tree is None:
            return None
        metadata = page_metadata(tree, url)
        _drop_discarded(tree)
        document = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **EXTRACT_OPTIONS)
    except Exception:  # trafilatura can fail on pathological markup; that page is not an article
        logger.warning("trafilatura failed on %s", url, exc_info=True)
        return None
    text = tidy_text(document.text or "") if document is not None else ""
    if not text or len(text.split()) < min_words:
        return None
    return Extracted(text=text, **metadata)


def parse_html(page: str) -> HtmlElement | None:
    """The page's element tree as trafilatura would load it, or None when it is not HTML."""
    beginning = page[:50].lower()
    page = repair_faulty_html(page, beginning)
    try:
        tree = lxml_html.fromstring(page.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, ValueError):  # an empty document, for one
        return None
    # Text without any <html> that parses into a lone element is not a page (trafilatura's test).
    if "html" not in beginning and len(tree) < 2:
        return None
    return tree


def _drop_discarded(tree: HtmlElement) -> None:
    """Delete the elements trafilatura would delete anyway (their tails stay)."""
    etree.strip_elements(tree, *_DISCARDED_TAGS, with_tail=False)
    # Scripts go too, except JSON-LD: trafilatura reads it to tell forum threads from articles.
    for script in list(tree.iter("script")):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            script.drop_tree()


_WARM_UP_PAGE = """<html lang="en"><head><title>Warm-up</title>
<meta property="article:published_time" content="2026-01-01"></head><body><article><h1>Warm-up</h1>
<p>This paragraph only exists so that the extractor runs once, end to end, before real pages arrive.
It has enough words to count as an article and to pass every step of the extraction.</p></article></body></html>"""


def warm_up() -> None:
    """Run one extraction so that trafilatura builds its lazy tables (stop lists, date patterns).

    Extraction worker processes call it as they start, before the first real page arrives.
    """
    extract_article(_WARM_UP_PAGE, url="https://example.org/warm-up", min_words=0)


def page_metadata(tree: HtmlElement, url: str | None = None) -> dict[str, str]:
    """Title, author, date, language, canonical URL and declared kind from a page's own markup.

    trafilatura's full metadata pass (categories, tags, site name, license...) costs 40% on
    top of text extraction (bench/extract.py); the feed already gives most of this, so only
    the standard tags are read here, in one pass, and htmldate's quick search finds the date.
    """
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = " ".join((element.get("content") or "").split())
        if key and value:
            metas.setdefault(key, value)

    def meta(*names: str) -> str:
        return next((metas[name] for name in names if name in metas), "")

    title = meta("og:title", "twitter:title") or _first_text(tree, "h1") or _first_text(tree, "title")
    author = meta("author", "article:author", "parsely-author", "dc.creator", "byl")
    author = "" if author.startswith(("http://", "https://")) else re.sub(r"^by\s+", "", author, flags=re.I)
    canonical = next((link.get("href", "") for link in tree.iter("link")
                      if (link.get("rel") or "").lower() == "canonical"), "") or meta("og:url")
    language = tree.get("lang") or meta("og:locale", "language", "content-language")
    # Most news pages state their publication time in a standard tag, to the second; only
    # the others need htmldate's search (a fifth of the time of the whole metadata pass).
    published = _iso_moment(meta(*_PUBLISHED_METAS))
    if not published:
        try:
            published = find_date(tree, extensive_search=False, original_date=True, url=url) or ""
        except Exception:  # htmldate chokes on some odd markup; a page without a date is fine
            published = ""
    # What the page says it is: schema.org's @type, else its section.
    kind = kind_of_json_ld(script.text or "" for script in tree.iter("script")
                           if (script.get("type") or "").strip().lower() == "application/ld+json") \
        or kind_of_labels([meta("article:section", "og:article:section", "parsely-section", "section")])
    return {"title": title, "author": author, "published": published,
            "language": re.split(r"[-_]", language.strip().lower())[0][:3] if language else "",
            "canonical_url": urljoin(url or "", canonical.strip()) if canonical.strip() else "", "kind": kind}


def _iso_moment(value: str) -> str:
    """``value`` if it is an ISO 8601 date or time of this era, else ""."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return ""
    return value.strip() if 1990 <= moment.year <= 2100 else ""


def _first_text(tree: HtmlElement, tag: str) -> str:
    for element in tree.iter(tag):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return ""


def feed_text(fragment_html: str) -> str:
    """Plain text of a feed's content or summary HTML, paragraphs kept apart."""
    if not fragment_html or not fragment_html.strip():
        return ""
    if "<" not in fragment_html:
        return tidy_text(html_lib.unescape(fragment_html))
    try:
        root = lxml_html.fragment_fromstring(fragment_html, create_parent="div")
    except Exception:  # lxml refuses some fragments (control chars); keep the words anyway
        return tidy_text(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment_html)))
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    for junk in root.iter("script", "style"):
        junk.drop_tree()
    return tidy_text(root.text_content())


def tidy_text(text: str) -> str:
    """``text`` as articles are stored: runs of spaces inside lines collapsed, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type or "", re.I)
    return match.group(1) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # WHATWG: pages labelled latin-1 are decoded as windows-1252, a superset browsers use.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec
