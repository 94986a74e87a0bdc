"""Render the demo corpus as each outlet's web site: article pages with real-world clutter, and a feed.

Each outlet gets its own look (navigation, cookie banner, related links, reader comments)
so that extraction has the same work to do as on real sites. Feeds carry the quirks real
ones have: tracking parameters on links, relative links, a legacy page encoding.
"""

from __future__ import annotations

import html
from email.utils import format_datetime

from compare.demo.corpus import Corpus, DemoArticle, DemoOutlet

Resource = tuple[str, bytes]

# Per style: (page encoding, link suffix added in the feed, whether pages carry comments)
_STYLE = {
    "wire": ("utf-8", "", False),
    "broadcaster": ("utf-8", "?at_medium=RSS&at_campaign=rss", False),
    "state": ("windows-1251", "", False),
    "tabloid": ("utf-8", "?utm_source=feed&utm_medium=atom", True),
    "regional": ("utf-8", "", True),
    "magazine": ("utf-8", "?ref=rss", False),
}
_NAV = ["Home", "World", "Politics", "Business", "Sport", "Opinion", "Culture", "Weather"]
_COMMENTS = [
    ("Harbourwatcher", "Thanks for actually reporting this. Nobody else bothers."),
    ("KV_1970", "Same story every time. Nothing will change until people vote differently."),
    ("m.lind", "Does anyone know if the ferry is running tomorrow?"),
]


def article_path(article: DemoArticle) -> str:
    """The path of an article's page on its outlet's site."""
    return f"/{article.published:%Y/%m/%d}/{article.id.replace('--', '-')}"


def canonical_url(outlet: DemoOutlet, article: DemoArticle) -> str:
    """The stable address an outlet's pages declare, whatever port the replay runs on."""
    return f"https://{outlet.slug}.demo.invalid{article_path(article)}"


def site_resources(corpus: Corpus, outlet: DemoOutlet) -> dict[str, Resource]:
    """Every path the outlet's replayed site serves: feed, article pages, robots.txt."""
    articles = [a for a in corpus.articles if a.outlet == outlet.slug]
    encoding = _STYLE[outlet.style][0]
    resources: dict[str, Resource] = {
        "/robots.txt": ("text/plain; charset=utf-8", b"User-agent: *\nDisallow: /admin/\nDisallow: /search\n"),
    }
    for article in articles:
        page = render_page(outlet, article, [a for a in articles if a is not article][:4])
        resources[article_path(article)] = (f"text/html; charset={encoding}",
                                            page.encode(encoding, errors="xmlcharrefreplace"))
    if outlet.feed == "atom":
        resources["/feed.atom"] = ("application/atom+xml; charset=utf-8", render_atom(outlet, articles).encode())
    else:
        resources["/rss.xml"] = ("application/rss+xml; charset=utf-8", render_rss(outlet, articles).encode())
    return resources


def feed_path(outlet: DemoOutlet) -> str:
    return "/feed.atom" if outlet.feed == "atom" else "/rss.xml"


def render_page(outlet: DemoOutlet, article: DemoArticle, related: list[DemoArticle]) -> str:
    """One article page in the outlet's style. Every text is escaped."""
    encoding, _, with_comments = _STYLE[outlet.style]
    e = html.escape
    body = "\n".join(f"        <p>{e(p)}</p>" for p in article.paragraphs)
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in _NAV)
    related_items = "".join(f'<li><a href="{article_path(r)}">{e(r.title)}</a></li>' for r in related)
    comments = ""
    if with_comments:
        comments = '<section class="comments"><h3>Join the conversation</h3>' + "".join(
            f'<div class="comment"><b>{e(name)}</b><p>{e(text)}</p></div>' for name, text in _COMMENTS) + "</section>"
    return f"""<!DOCTYPE html>
<html lang="{e(outlet.language)}" class="style-{e(outlet.style)}">
<head>
  <meta charset="{encoding}">
  <title>{e(article.title)} - {e(outlet.name)}</title>
  <link rel="canonical" href="{e(canonical_url(outlet, article))}">
  <meta property="og:title" content="{e(article.title)}">
  <meta property="og:site_name" content="{e(outlet.name)}">
  <meta name="author" content="{e(article.author)}">
  <meta property="article:published_time" content="{article.published.isoformat()}">
</head>
<body>
  <div id="consent" class="cookie-banner">
    <p>{e(outlet.name)} and our 143 partners use cookies to personalise content and ads.
    You can change your choices at any time.</p><button>Accept all</button><button>Reject</button>
  </div>
  <header><a class="logo" href="/">{e(outlet.name)}</a> <span class="tagline">{e(outlet.tagline)}</span>
    <nav><ul>{nav}</ul></nav><a class="cta" href="/subscribe">Subscribe</a></header>
  <main>
    <article>
      <h1>{e(article.title)}</h1>
      <div class="byline">By {e(article.author)} <time datetime="{article.published.isoformat()}">
        {article.published:%d %B %Y, %H:%M}</time></div>
      <div class="article-body">
{body}
      </div>
    </article>
    <aside class="related"><h3>More from {e(outlet.name)}</h3><ul>{related_items}</ul></aside>
    {comments}
  </main>
  <footer><p>&copy; 2026 {e(outlet.name)}. <a href="/about">About us</a> <a href="/privacy">Privacy</a>
    <a href="/corrections">Corrections</a> <a href="/contact">Contact</a></p></footer>
</body>
</html>"""


def render_rss(outlet: DemoOutlet, articles: list[DemoArticle]) -> str:
    e = html.escape
    suffix = _STYLE[outlet.style][1]
    items = "".join(
        f"<item><title>{e(a.title)}</title><link>{e(article_path(a) + suffix)}</link>"
        f'<guid isPermaLink="false">{e(outlet.slug)}:{e(a.id)}</guid>'
        f"<pubDate>{format_datetime(a.published)}</pubDate><author>{e(a.author)}</author>"
        f"<description>{e(a.paragraphs[0])}</description></item>\n"
        for a in sorted(articles, key=lambda a: a.published, reverse=True))
    # Links are relative on purpose: the site's own address is the replay server's.
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{e(outlet.name)}</title><link>/</link>
<description>{e(outlet.tagline)}</description>
{items}</channel></rss>"""


def render_atom(outlet: DemoOutlet, articles: list[DemoArticle]) -> str:
    e = html.escape
    suffix = _STYLE[outlet.style][1]
    entries = "".join(
        f'<entry><title>{e(a.title)}</title><link rel="alternate" href="{e(article_path(a) + suffix)}"/>'
        f"<id>tag:{e(outlet.slug)}.demo.invalid,2026:{e(a.id)}</id>"
        f"<updated>{a.published.isoformat()}</updated><published>{a.published.isoformat()}</published>"
        f"<author><name>{e(a.author)}</name></author><summary>{e(a.paragraphs[0])}</summary></entry>\n"
        for a in sorted(articles, key=lambda a: a.published, reverse=True))
    newest = max(a.published for a in articles).isoformat()
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{e(outlet.name)}</title>
<id>tag:{e(outlet.slug)}.demo.invalid,2026:feed</id><updated>{newest}</updated>
{entries}</feed>"""
