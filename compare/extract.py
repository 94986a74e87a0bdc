"""HTML -> article text and metadata with trafilatura; feed content as a fallback.

trafilatura's objects stop here: callers get :class:`Extracted` or ``None``.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re

import trafilatura
from lxml import html as lxml_html

from compare.models import Extracted

logger = logging.getLogger(__name__)

# These settings scored best on real news pages (see bench/extract.py): comments are
# reader talk, not the article, and leaving them out is both cleaner and more accurate.
EXTRACT_OPTIONS = {"include_comments": False, "include_tables": True, "favor_precision": False}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)


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


def extract_article(page: str, *, url: str | None = None, min_words: int = 40) -> Extracted | None:
    """Main text and metadata of a news page, or None when the page holds no article.

    A page with fewer than ``min_words`` words of main text (a section front, a video page,
    a paywall stub) counts as not an article.
    """
    try:
        document = trafilatura.bare_extraction(page, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    except Exception:  # trafilatura can fail on pathological markup; that page is not an article
        logger.warning("trafilatura failed on %s", url, exc_info=True)
        return None
    if document is None or not (document.text or "").strip():
        return None
    text = _tidy(document.text)
    if len(text.split()) < min_words:
        return None
    language = document.language or _page_language(page)
    return Extracted(text=text, title=document.title or "", author=document.author or "",
                     published=document.date or "", language=language or "",
                     canonical_url=document.url if document.url and document.url != url else "")


def feed_text(fragment_html: str) -> str:
    """Plain text of a feed's content or summary HTML, paragraphs kept apart."""
    if not fragment_html or not fragment_html.strip():
        return ""
    if "<" not in fragment_html:
        return _tidy(html_lib.unescape(fragment_html))
    try:
        root = lxml_html.fragment_fromstring(fragment_html, create_parent="div")
    except Exception:  # lxml refuses some fragments (control chars); keep the words anyway
        return _tidy(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment_html)))
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    for junk in root.iter("script", "style"):
        junk.drop_tree()
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    """Collapse runs of spaces inside lines and drop empty lines."""
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


def _page_language(page: str) -> str:
    match = _HTML_LANG.search(page[:5000])
    return match.group(1).lower() if match else ""
