"""`news-compare analyse`: facts, omissions, discrepancies, framing and sources for changed stories.

A story is analysed again only when its articles or their texts changed (a signature of
both is kept); its rows are replaced in one transaction, so a killed run changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from compare.align import Alignment, ArticleText, align_story
from compare.framing import Lexicon, article_cues, default_lexicon, tone, word_choice
from compare.sources import article_sources
from compare.store import Store, utc_iso

logger = logging.getLogger(__name__)

_TABLES = ("facts", "fact_sentences", "discrepancies", "cues", "sources", "tone", "names", "contrasts")


@dataclass
class AnalyseReport:
    stories: int = 0
    facts: int = 0
    discrepancies: int = 0
    cues: int = 0
    sources: int = 0

    def lines(self) -> list[str]:
        return [f"analysed {self.stories} stories: {self.facts} facts, {self.discrepancies} conflicting "
                f"figures, {self.cues} framing cues, {self.sources} sources"]


def analyse_changed_stories(store: Store, *, lexicon: Lexicon | None = None, now: datetime | None = None,
                            progress: Callable[[str, int, int], None] | None = None,
                            only: set[str] | None = None) -> AnalyseReport:
    """Analyse every story whose articles changed since it was last analysed (or only those in ``only``)."""
    lexicon = lexicon or default_lexicon()
    known_outlets = frozenset(r[0] for r in store.conn.execute("SELECT name FROM outlets"))
    changed = [(s, sig) for s, sig in _changed_stories(store) if only is None or s in only]
    report = AnalyseReport()
    when = utc_iso(now or datetime.now(timezone.utc))
    for done, (story_id, signature) in enumerate(changed, start=1):
        articles = story_texts(store, story_id)
        alignment = align_story(articles)
        with store.transaction():
            for table in _TABLES:
                store.conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
            _write(store, story_id, articles, alignment, lexicon, known_outlets, report)
            store.conn.execute("INSERT INTO analysed_stories VALUES (?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET "
                               "signature = excluded.signature, analysed_at = excluded.analysed_at",
                               (story_id, signature, when))
        report.stories += 1
        if progress:
            progress("stories", done, len(changed))
    return report


def _changed_stories(store: Store) -> list[tuple[str, str]]:
    rows = store.conn.execute(
        "SELECT a.story_id, group_concat(a.id || ':' || COALESCE(a.content_hash, ''), ',') AS parts "
        "FROM (SELECT story_id, id, content_hash FROM articles WHERE story_id IS NOT NULL ORDER BY id) a "
        "GROUP BY a.story_id")
    done = dict(store.conn.execute("SELECT story_id, signature FROM analysed_stories").fetchall())
    changed = []
    for story_id, parts in rows:
        signature = hashlib.sha1(parts.encode("utf-8")).hexdigest()
        if done.get(story_id) != signature:
            changed.append((story_id, signature))
    return sorted(changed)


def story_texts(store: Store, story_id: str) -> list[ArticleText]:
    """A story's articles as alignment needs them, in publication order."""
    rows = store.conn.execute(
        "SELECT a.id, o.name AS outlet, a.title, a.text FROM articles a JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.story_id = ? ORDER BY COALESCE(a.published, a.first_seen), a.id", (story_id,))
    return [ArticleText(r["id"], r["outlet"], r["title"], r["text"]) for r in rows]


def _write(store: Store, story_id: str, articles: list[ArticleText], alignment: Alignment, lexicon: Lexicon,
           known_outlets: frozenset[str], report: AnalyseReport) -> None:
    execute = store.conn.executemany
    execute("INSERT INTO facts VALUES (?, ?, ?, ?)",
            [(story_id, f.id, len(f.outlets), f.sentences[0].text) for f in alignment.facts])
    execute("INSERT INTO fact_sentences VALUES (?, ?, ?, ?, ?, ?)",
            [(story_id, f.id, s.outlet, s.article_id, s.index, s.text) for f in alignment.facts for s in f.sentences])
    rows = [(story_id, d.fact_id, d.kind, d.unit, outlet, sentence.article_id, quantity.text, quantity.value,
             sentence.text) for d in alignment.discrepancies for outlet, (quantity, sentence) in d.values.items()]
    execute("INSERT INTO discrepancies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    cues, sources = [], []
    for article in articles:
        for cue in article_cues(article.title, article.text, lexicon):
            cues.append((story_id, article.outlet, article.id, cue.category, cue.term, cue.sentence_index, cue.start,
                         cue.end, cue.sentence))
        for source in article_sources(article.text, known_outlets):
            sources.append((story_id, article.outlet, article.id, source.source, source.kind, source.quote,
                            source.sentence_index))
        store.conn.execute("INSERT OR REPLACE INTO tone VALUES (?, ?, ?, ?)",
                           (article.id, story_id, tone(article.title), tone(article.text)))
    execute("INSERT INTO cues VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cues)
    execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)", sources)
    execute("INSERT INTO names VALUES (?, ?, ?, ?)",
            [(story_id, name, outlet, count) for name, outlets in alignment.names.items()
             for outlet, count in outlets.items()])
    contrasts = []
    for fact in alignment.facts:
        if len(fact.outlets) >= 2:
            by_outlet = {o: fact.sentence_of(o).text for o in sorted(fact.outlets)}  # type: ignore[union-attr]
            for outlet, terms in word_choice(by_outlet, lexicon).items():
                contrasts.append((story_id, fact.id, outlet, json.dumps(terms)))
    execute("INSERT INTO contrasts VALUES (?, ?, ?, ?)", contrasts)
    report.facts += len(alignment.facts)
    report.discrepancies += len(alignment.discrepancies)
    report.cues += len(cues)
    report.sources += len(sources)
