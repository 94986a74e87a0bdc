"""Hand-written fixture articles, and builders for realistic pages and feeds around them.

The pages carry the clutter real news pages have (navigation, a cookie banner, related
links, reader comments, a footer) so that tests see whether extraction keeps only the story.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime

from compare.stories.vectors import Doc as MatchDoc


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    author: str = "Staff reporter"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


BRIDGE = Story(
    slug="bridge-closure",
    title="Harbour bridge closed for six weeks after inspectors find cracked cables",
    published=datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc),
    author="Mara Lindqvist",
    paragraphs=(
        "The city's main harbour bridge will close to all traffic for six weeks from Monday after "
        "inspectors found cracks in four of its suspension cables, the transport authority said on Sunday.",
        "About 42,000 vehicles cross the bridge each day. The authority said buses would be diverted over "
        "the old river crossing and that two extra ferry routes would run every fifteen minutes.",
        "\"We will not take chances with public safety,\" said the authority's chief engineer, Tomas Berger, "
        "adding that the repairs were expected to cost about 18 million euros.",
        "Business groups warned that the closure would hurt shops in the harbour district, which depend on "
        "commuters. The chamber of commerce called for compensation for the worst-hit traders.",
        "The bridge, opened in 1974, was last fully refurbished in 2009. Engineers said the cracks were "
        "probably caused by corrosion that had gone unnoticed in earlier visual inspections.",
    ),
)

ELECTION = Story(
    slug="coalition-talks",
    title="Coalition talks collapse as farmers' party walks out over fuel tax",
    published=datetime(2026, 3, 3, 14, 0, tzinfo=timezone.utc),
    author="Ilse Varga",
    paragraphs=(
        "Talks to form a new governing coalition collapsed on Tuesday after the farmers' party walked out "
        "in a dispute over a proposed increase in diesel tax, leaving the country without a government "
        "seven weeks after the election.",
        "The party's leader, Anton Kersh, told reporters that his members could not accept a tax that "
        "would add roughly 9 cents to every litre of diesel. \"Our farmers are already at the limit,\" he said.",
        "The centre-left bloc, which won the most seats, said it remained open to talks and accused the "
        "farmers' party of walking away from a compromise that had been close to agreement.",
        "Analysts said a minority government or a fresh election were now the most likely outcomes. The "
        "president is expected to meet all party leaders on Thursday.",
    ),
)

STORM = Story(
    slug="storm-coast",
    title="Storm leaves thousands without power along the northern coast",
    published=datetime(2026, 3, 4, 6, 15, tzinfo=timezone.utc),
    author="Piet Oduya",
    paragraphs=(
        "A winter storm with gusts of up to 130 kilometres per hour swept across the northern coast "
        "overnight, cutting power to about 60,000 homes and forcing the closure of three ports.",
        "Emergency services said they had received more than 900 calls, mostly about fallen trees. No "
        "deaths were reported, but two fishermen were rescued after their boat lost power near the islands.",
        "The grid operator said most homes should be reconnected by Wednesday evening, although remote "
        "villages could wait several days longer.",
        "Forecasters warned that a second, weaker storm could reach the coast at the weekend.",
    ),
)

# A story whose words use letters outside ASCII, for the legacy-encoding tests.
KYRILLIC = Story(
    slug="moskva-most",
    title="Мост через реку закрыт на ремонт",
    published=datetime(2026, 3, 5, 9, 0, tzinfo=timezone.utc),
    paragraphs=(
        "Городские власти закрыли главный мост через реку на шесть недель после того, как инспекторы "
        "обнаружили трещины в четырёх несущих тросах, сообщило транспортное управление в воскресенье.",
        "Ежедневно по мосту проезжают около сорока двух тысяч автомобилей. Автобусы будут направлены по "
        "старой переправе, а два дополнительных парома будут ходить каждые пятнадцать минут.",
        "Ремонт обойдётся примерно в восемнадцать миллионов евро, заявил главный инженер управления. "
        "Предприниматели района опасаются, что закрытие моста ударит по магазинам и кафе.",
    ),
)

LATIN1 = Story(
    slug="fete-village",
    title="Fête du village : la mairie réduit le budget de moitié",
    published=datetime(2026, 3, 5, 11, 0, tzinfo=timezone.utc),
    paragraphs=(
        "La mairie a décidé de réduire de moitié le budget de la fête du village, invoquant la hausse des "
        "coûts de l'énergie et la baisse des dotations de l'État, a annoncé le maire jeudi soir.",
        "Les associations locales, qui organisent le défilé et le bal depuis plus de trente ans, ont "
        "dénoncé une décision « prise sans concertation » et réclament une réunion publique.",
        "Le maire a répondu que les économies permettraient de financer la rénovation de l'école "
        "élémentaire, dont la toiture fuit depuis deux hivers. Le conseil municipal votera le mois prochain.",
    ),
)

ALL_STORIES = (BRIDGE, ELECTION, STORM)


def article_page(story: Story, *, outlet: str = "The Daily Example", charset: str = "utf-8",
                 canonical: str | None = None, script: str = "", head: str = "") -> str:
    """A full news page for ``story`` with the usual clutter around the article."""
    paragraphs = "\n".join(f"      <p>{html.escape(p)}</p>" for p in story.paragraphs)
    canonical_tag = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{html.escape(story.title)} | {html.escape(outlet)}</title>
  {canonical_tag}
  <meta property="og:title" content="{html.escape(story.title)}">
  <meta name="author" content="{html.escape(story.author)}">
  <meta property="article:published_time" content="{story.published.isoformat()}">
  <script>{script}</script>
  {head}
</head>
<body>
  <div class="cookie-banner" id="cookie-consent">
    <p>We use cookies to improve your experience and to show you personalised advertising.
       By continuing to browse you agree to our use of cookies. <a href="/privacy">Privacy policy</a></p>
    <button>Accept all</button> <button>Manage preferences</button>
  </div>
  <header>
    <nav><ul>
      <li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
      <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
    </ul></nav>
    <a class="subscribe" href="/subscribe">Subscribe for 1 euro a week</a>
  </header>
  <main>
    <article>
      <h1>{html.escape(story.title)}</h1>
      <p class="byline">By {html.escape(story.author)} | {story.published:%d %B %Y}</p>
{paragraphs}
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
        <li><a href="/world/1">Ten things to know before you travel this spring</a></li>
        <li><a href="/world/2">Opinion: why our cities need more bicycles</a></li>
        <li><a href="/world/3">Watch: the week in pictures</a></li>
      </ul>
    </aside>
    <section class="comments" id="comments">
      <h2>Comments (3)</h2>
      <div class="comment"><p>First! Great article, thanks for sharing this with us.</p></div>
      <div class="comment"><p>Typical. Nobody in charge ever takes responsibility for anything.</p></div>
      <div class="comment"><p>I drive there every day and had no idea, what a mess.</p></div>
    </section>
  </main>
  <footer><p>&copy; 2026 {html.escape(outlet)}. All rights reserved. <a href="/terms">Terms</a>
     <a href="/contact">Contact us</a> <a href="/jobs">Work with us</a></p></footer>
</body>
</html>"""


def section_front(outlet: str = "The Daily Example") -> str:
    """A section front: many headlines, no article (extraction must call it not an article)."""
    links = "\n".join(f'<li><a href="/story/{n}">Headline number {n}</a></li>' for n in range(12))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>World | {outlet}</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>World</h1><ul>{links}</ul>
<footer>&copy; 2026 {outlet}</footer></body></html>"""


@dataclass(frozen=True)
class Item:
    """One feed entry. ``link`` may be relative or None; ``summary`` is plain text."""

    title: str | None
    link: str | None
    guid: str | None = None
    published: datetime | None = None
    summary: str = ""
    content_html: str = ""


def item_for(story: Story, link: str | None, **overrides: object) -> Item:
    fields: dict[str, object] = {"title": story.title, "link": link, "guid": link, "published": story.published,
                                 "summary": story.paragraphs[0]}
    fields.update(overrides)
    return Item(**fields)  # type: ignore[arg-type]


def rss(items: list[Item], *, title: str = "The Daily Example - World", encoding: str = "utf-8") -> str:
    """An RSS 2.0 document."""
    entries = []
    for item in items:
        parts = []
        if item.title is not None:
            parts.append(f"<title>{html.escape(item.title)}</title>")
        if item.link is not None:
            parts.append(f"<link>{html.escape(item.link)}</link>")
        if item.guid is not None:
            parts.append(f'<guid isPermaLink="false">{html.escape(item.guid)}</guid>')
        if item.published is not None:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        if item.summary:
            parts.append(f"<description>{html.escape(item.summary)}</description>")
        if item.content_html:
            parts.append(f"<content:encoded><![CDATA[{item.content_html}]]></content:encoded>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>{html.escape(title)}</title><link>https://example.invalid/</link>
<description>Latest news</description>
{"".join(entries)}
</channel></rss>"""


def atom(items: list[Item], *, title: str = "The Daily Example - Politics") -> str:
    """An Atom 1.0 document."""
    entries = []
    for item in items:
        updated = (item.published or datetime(2026, 3, 1, tzinfo=timezone.utc)).isoformat()
        link = f'<link rel="alternate" href="{html.escape(item.link)}"/>' if item.link else ""
        entries.append(f"""<entry><title>{html.escape(item.title or '')}</title>{link}
<id>{html.escape(item.guid or item.link or 'urn:none')}</id><updated>{updated}</updated>
<summary>{html.escape(item.summary)}</summary></entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}</title>
<id>urn:example:feed</id><updated>2026-03-05T00:00:00Z</updated>
{"".join(entries)}
</feed>"""


# Matcher documents: one ferry grounding told by two outlets, a look-alike, and a follow-up.
DAY = 20_500.0  # a day number: only differences matter

FERRY_A = MatchDoc("a1", "Wire", DAY + 0.3, "Ferry runs aground off Skerrow, 140 passengers evacuated",
              "The passenger ferry Nordlys ran aground on rocks off Skerrow on Monday evening. All 140 passengers "
              "and 12 crew were taken off by lifeboats, the coastguard said. Captain Ola Brenn said the ship lost "
              "steering in heavy fog. The operator, Skerry Lines, suspended its service to the islands.")
FERRY_B = MatchDoc("b1", "Broadcaster", DAY + 0.5, "Lifeboats rescue everyone aboard stranded island ferry",
              "Everyone on board the Nordlys has been brought ashore after the ferry struck rocks near Skerrow in "
              "thick fog. Coastguard crews and lifeboats ferried the 140 passengers and the crew to safety. "
              "Skerry Lines said sailings to the islands would stop until the ship is inspected. Its master, "
              "Ola Brenn, blamed a steering failure.")
FERRY_OTHER = MatchDoc("c1", "Broadcaster", DAY + 2.4, "Second ferry grounding in a week as cargo ship hits sandbank",
                  "A cargo ferry, the Granholm, ran aground on a sandbank near Dunmere harbour on Wednesday. Its "
                  "six crew were unhurt and the vessel was refloated at high tide by two tugs, harbour officials "
                  "in Dunmere said. The ship was carrying timber to Lindholm.")
FERRY_FOLLOW = MatchDoc("a2", "Wire", DAY + 2.2, "Skerrow ferry Nordlys refloated; inquiry into steering failure",
                   "Salvage crews refloated the ferry Nordlys off Skerrow on Wednesday, two days after it ran aground "
                   "with 140 passengers on board. The maritime authority opened an inquiry into the steering "
                   "failure that Captain Ola Brenn blamed for the grounding. Skerry Lines said its island service "
                   "would resume on Friday with a chartered ship.")
