"""`news-compare analyse`: facts, omissions, discrepancies, framing and sources for changed stories.

A story is analysed again only when its articles, their texts or the similarity in use
changed (a signature of all three is kept); its rows are replaced in one transaction, so a
killed run changes nothing. Each article is parsed once (:mod:`compare.parse`) and that one
parse feeds alignment, framing cues, sources and tone. Sentence vectors are stored by text
and model, so a story that gains an article embeds only the new article's sentences.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from compare.align import Alignment, align_story
from compare.embed import LEXICAL, Embedder, describe, load_embedder, text_key
from compare.framing import Lexicon, article_cues, default_lexicon, tone, word_choice
from compare.parse import ParsedArticle, parse_article
from compare.sources import article_sources
from compare.store import Store, utc_iso

logger = logging.getLogger(__name__)

# Part of every story's signature: a change to what analysis finds re-analyses stored stories.
ANALYSIS_VERSION = "sources-2"
_TABLES = ("facts", "fact_sentences", "omissions", "discrepancies", "cues", "sources", "tone", "names", "contrasts")


@dataclass
class AnalyseReport:
    stories: int = 0
    facts: int = 0
    discrepancies: int = 0
    cues: int = 0
    sources: int = 0
    similarity: str = ""  # which similarity aligned the facts, in words
    embedded: int = 0  # sentences the model embedded (the others were stored already)

    def lines(self) -> list[str]:
        return [f"analysed {self.stories} stories: {self.facts} facts, {self.discrepancies} conflicting "
                f"figures, {self.cues} framing cues, {self.sources} sources",
                f"facts aligned by the {self.similarity}; {self.embedded} new sentences embedded"]


def analyse_changed_stories(store: Store, *, lexicon: Lexicon | None = None, now: datetime | None = None,
                            progress: Callable[[str, int, int], None] | None = None,
                            only: set[str] | None = None, embedder: Embedder | None | str = "auto") -> AnalyseReport:
    """Analyse every story whose articles changed since it was last analysed (or only those in ``only``).

    ``embedder`` is a sentence model, None for the lexical scorer, or a model name for
    :func:`compare.embed.load_embedder` ("auto": the packaged default when installed).
    """
    lexicon = lexicon or default_lexicon()
    if isinstance(embedder, str):
        embedder = load_embedder(embedder)
    similarity = embedder.name if embedder else LEXICAL
    known_outlets = frozenset(r[0] for r in store.conn.execute("SELECT name FROM outlets"))
    changed = [(s, sig) for s, sig in _changed_stories(store, similarity) if only is None or s in only]
    report = AnalyseReport(similarity=describe(similarity))
    vectors = StoredVectors(store, embedder) if embedder else None
    when = utc_iso(now or datetime.now(timezone.utc))
    for done, (story_id, signature) in enumerate(changed, start=1):
        articles = story_articles(store, story_id)
        alignment = align_story(articles, vectors=vectors)
        with store.transaction():
            for table in _TABLES:
                store.conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
            _write(store, story_id, articles, alignment, lexicon, known_outlets, report)
            store.conn.execute("INSERT INTO analysed_stories (story_id, signature, analysed_at, similarity) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET "
                               "signature = excluded.signature, analysed_at = excluded.analysed_at, "
                               "similarity = excluded.similarity", (story_id, signature, when, similarity))
        report.stories += 1
        if progress:
            progress("stories", done, len(changed))
    report.embedded = vectors.embedded if vectors else 0
    return report


class StoredVectors:
    """Sentence vectors through the store: stored ones are read, only new sentences are embedded."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store, self.embedder = store, embedder
        self.embedded = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(t, self.embedder.name) for t in texts]
        stored = self.store.sentence_vectors(list(dict.fromkeys(keys)))
        missing = {k: t for k, t in zip(keys, texts) if k not in stored}
        if missing:
            fresh = self.embedder.embed(list(missing.values()))
            new = {k: v.astype(np.float32).tobytes() for k, v in zip(missing, fresh)}
            self.store.save_sentence_vectors(self.embedder.name, new)
            stored.update(new)
            self.embedded += len(new)
        return np.stack([np.frombuffer(stored[k], dtype=np.float32) for k in keys]) if keys else np.zeros((0, 0))


def _changed_stories(store: Store, similarity: str) -> list[tuple[str, str]]:
    rows = store.conn.execute(
        # An article's kind counts (omissions count reports only); a report adds nothing.
        "SELECT a.story_id, group_concat(a.id || ':' || COALESCE(a.content_hash, '') "
        "|| CASE WHEN a.kind = 'report' THEN '' ELSE ':' || a.kind END, ',') AS parts "
        "FROM (SELECT story_id, id, content_hash, kind FROM articles WHERE story_id IS NOT NULL ORDER BY id) a "
        "GROUP BY a.story_id")
    done = dict(store.conn.execute("SELECT story_id, signature FROM analysed_stories").fetchall())
    changed = []
    for story_id, parts in rows:
        signature = hashlib.sha1(f"{ANALYSIS_VERSION}\x00{similarity}\x00{parts}".encode("utf-8")).hexdigest()
        if done.get(story_id) != signature:
            changed.append((story_id, signature))
    return sorted(changed)


def story_articles(store: Store, story_id: str) -> list[ParsedArticle]:
    """A story's articles, each parsed once, in publication order."""
    rows = store.conn.execute(
        "SELECT a.id, o.name AS outlet, a.title, a.text, a.kind FROM articles a JOIN outlets o ON o.id = a.outlet_id "
        "WHERE a.story_id = ? ORDER BY COALESCE(a.published, a.first_seen), a.id", (story_id,))
    return [parse_article(r["id"], r["outlet"], r["title"], r["text"], kind=r["kind"]) for r in rows]


def _write(store: Store, story_id: str, articles: list[ParsedArticle], alignment: Alignment, lexicon: Lexicon,
           known_outlets: frozenset[str], report: AnalyseReport) -> None:
    execute = store.conn.executemany
    execute("INSERT INTO facts VALUES (?, ?, ?, ?)",
            [(story_id, f.id, len(f.outlets), f.sentences[0].text) for f in alignment.facts])
    execute("INSERT INTO fact_sentences VALUES (?, ?, ?, ?, ?, ?)",
            [(story_id, f.id, s.outlet, s.article_id, s.index, s.text) for f in alignment.facts for s in f.sentences])
    rows = [(story_id, d.fact_id, d.kind, d.unit, outlet, sentence.article_id, quantity.text, quantity.value,
             sentence.text) for d in alignment.discrepancies for outlet, (quantity, sentence) in d.values.items()]
    execute("INSERT INTO omissions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(story_id, o.fact.id, o.outlet, o.closest.article_id if o.closest else None,
              o.closest.index if o.closest else None, o.closest.text if o.closest else "", o.closeness)
             for o in alignment.omission_list])
    execute("INSERT INTO discrepancies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    cues, sources = [], []
    for article in articles:
        for cue in article_cues(article.title, article, lexicon):
            cues.append((story_id, article.outlet, article.id, cue.category, cue.term, cue.sentence_index, cue.start,
                         cue.end, cue.sentence))
        for source in article_sources(article, known_outlets):
            sources.append((story_id, article.outlet, article.id, source.source, source.kind, source.quote,
                            source.sentence_index, source.canonical, source.cue, source.written))
        store.conn.execute("INSERT OR REPLACE INTO tone VALUES (?, ?, ?, ?)",
                           (article.id, story_id, tone(article.title), tone(article)))
    execute("INSERT INTO cues VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", cues)
    execute("INSERT INTO sources (story_id, outlet, article_id, source, kind, quote, sentence_index, "
            "speaker_canonical, cue, speaker_as_written) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)
    execute("INSERT INTO names VALUES (?, ?, ?, ?)",
            [(story_id, name, outlet, count) for name, outlets in alignment.names.items()
             for outlet, count in outlets.items()])
    contrasts = []
    for fact in alignment.facts:
        if len(fact.outlets) >= 2:
            by_outlet = {o: fact.sentence_of(o).text for o in sorted(fact.outlets)}  # type: ignore[union-attr]
            for outlet, terms in word_choice(by_outlet, lexicon, known_outlets).items():
                contrasts.append((story_id, fact.id, outlet, json.dumps(terms)))
    execute("INSERT INTO contrasts VALUES (?, ?, ?, ?)", contrasts)
    report.facts += len(alignment.facts)
    report.discrepancies += len(alignment.discrepancies)
    report.cues += len(cues)
    report.sources += len(sources)
