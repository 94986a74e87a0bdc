"""The bundled demo corpus: invented outlets, a week of articles, and the ground truth.

Articles live in ``articles/*.txt``: a header of ``key: value`` lines, a blank line, then
paragraphs separated by blank lines. ``outlets.toml`` describes the outlets and the week's
first day; ``truth.toml`` what was planted in each multi-outlet story.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from importlib import resources
from typing import Any

_HEADER_KEYS = {"outlet", "story", "day", "time", "author", "title"}


@dataclass(frozen=True)
class DemoOutlet:
    slug: str
    name: str
    country: str
    language: str
    ownership: str
    lean: str
    feed: str  # "rss" or "atom"
    style: str  # page template
    tagline: str


@dataclass(frozen=True)
class DemoArticle:
    id: str  # file name without .txt, e.g. "talks--cws-2"
    outlet: str  # outlet slug
    story: str
    published: datetime
    author: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Corpus:
    start: date
    outlets: dict[str, DemoOutlet]
    articles: tuple[DemoArticle, ...]
    truth: dict[str, Any]

    def by_story(self) -> dict[str, list[DemoArticle]]:
        """Articles grouped by their true story, in publication order."""
        groups: dict[str, list[DemoArticle]] = {}
        for article in sorted(self.articles, key=lambda a: a.published):
            groups.setdefault(article.story, []).append(article)
        return groups

    def article(self, article_id: str) -> DemoArticle:
        return next(a for a in self.articles if a.id == article_id)


@cache
def load_corpus() -> Corpus:
    """The corpus shipped inside the package (parsed once per process)."""
    folder = resources.files("compare.demo")
    meta = tomllib.loads(folder.joinpath("outlets.toml").read_text(encoding="utf-8"))
    start = date.fromisoformat(meta["start_date"])
    outlets = {o["slug"]: DemoOutlet(**o) for o in meta["outlets"]}
    articles = []
    for entry in sorted(folder.joinpath("articles").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".txt"):
            articles.append(parse_article(entry.name[:-4], entry.read_text(encoding="utf-8"), start))
    truth = tomllib.loads(folder.joinpath("truth.toml").read_text(encoding="utf-8"))
    return Corpus(start=start, outlets=outlets, articles=tuple(articles), truth=truth)


def parse_article(article_id: str, text: str, start: date) -> DemoArticle:
    """Parse one article file (see the module docstring)."""
    header_text, _, body = text.partition("\n\n")
    header: dict[str, str] = {}
    for line in header_text.splitlines():
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in _HEADER_KEYS:
            raise ValueError(f"{article_id}: bad header line {line!r}")
        header[key.strip()] = value.strip()
    missing = _HEADER_KEYS - set(header)
    if missing:
        raise ValueError(f"{article_id}: header lacks {', '.join(sorted(missing))}")
    moment = datetime.combine(start + timedelta(days=int(header["day"])), time.fromisoformat(header["time"]),
                              tzinfo=timezone.utc)
    paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    return DemoArticle(id=article_id, outlet=header["outlet"], story=header["story"], published=moment,
                       author=header["author"], title=header["title"], paragraphs=paragraphs)
