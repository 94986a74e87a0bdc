"""Preloaded by the extraction process server: imports and warms up trafilatura once.

Worker processes fork from that server, so each starts with trafilatura's lazy tables
(stop lists, date patterns, domain lists) already built instead of building them itself.
"""

from compare.extract import extract_article

_WARM_UP_PAGE = """<html lang="en"><head><title>Warm-up</title>
<meta property="article:published_time" content="2026-01-01"></head><body><article><h1>Warm-up</h1>
<p>This paragraph only exists so that the extractor runs once, end to end, before real pages arrive.
It has enough words to count as an article and to pass every step of the extraction.</p></article></body></html>"""

extract_article(_WARM_UP_PAGE, url="https://example.org/warm-up", min_words=0)
