"""What analysis reads and writes: each story's facts, omissions, figures, cues, sources, tone,
names, labels and word choice, replaced whole when the story changes, and the sentence vectors;
and the leases under which several analysers share the changed stories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from compare.store.engines import POSTGRES, StorePart
from compare.store.leases import Lease, utc_iso

_WHEN = "COALESCE(a.published, a.first_seen)"
# Every table that holds one story's analysis, with its columns in insert order.
ANALYSIS_TABLES: dict[str, tuple[str, ...]] = {
    "facts": ("story_id", "fact_id", "n_outlets", "article_id", "sentence_index"),  # the sentence naming it
    "fact_sentences": ("story_id", "fact_id", "outlet", "article_id", "sentence_index", "clause_start",
                       "clause_end"),
    "omissions": ("story_id", "fact_id", "outlet", "closest_article_id", "closest_sentence_index", "closeness"),
    "discrepancies": ("story_id", "fact_id", "kind", "unit", "outlet", "article_id", "value", "number",
                      "sentence_index"),
    "cues": ("story_id", "outlet", "article_id", "category", "term", "sentence_index", "start", '"end"'),
    "sources": ("story_id", "outlet", "article_id", "source", "kind", "quote", "sentence_index", "speaker_canonical",
                "cue", "speaker_as_written", "position"),
    "tone": ("article_id", "story_id", "headline", "text"),
    "names": ("story_id", "name", "outlet", "mentions"),
    "contrasts": ("story_id", "fact_id", "outlet", "terms"),
    "labels": ("story_id", "outlet", "article_id", "entity", "label", "sentence_index", "kind", "differs"),
    "own_words": ("story_id", "outlet", "article_id", "term", "sentence_index", "start", '"end"', "score"),
}


# The tables whose rows depend on one article alone: kept as they are for an article that did
# not change when its story is analysed again.
PER_ARTICLE_TABLES = ("cues", "sources", "tone")


@dataclass
class StoryAnalysis:
    """One story's analysis rows, table by table, in :data:`ANALYSIS_TABLES` column order.

    ``analysed`` are the articles whose own rows (cues, sources, tone, sentences) are new, with
    their signatures; ``kept`` the articles whose stored rows still hold and stay."""

    story_id: str
    signature: str
    similarity: str
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in ANALYSIS_TABLES})
    # (article_id, index, start, end, text): offsets in the article's text, or the text itself
    sentences: list[tuple[str, int, int | None, int | None, str | None]] = field(default_factory=list)
    analysed: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


class AnalysedStore(StorePart):
    """The store's analysis part (mixed into :class:`compare.store.Store`)."""

    # -- sharing the changed stories between analysers ------------------------------------

    def claim_stories(self, wanted: list[tuple[str, str]], lease: Lease, limit: int, *, now: datetime) -> list[str]:
        """Ids of up to ``limit`` of the ``wanted`` stories, given as (id, signature), that no
        other analyser holds and whose stored analysis is not of that signature (nobody has
        analysed them as they are since), now leased to this analyser. One transaction; on
        PostgreSQL stories another analyser is claiming right now are passed over, not waited for."""
        if not wanted:
            return []
        values, params = _wanted(wanted)
        lock = " FOR UPDATE OF s SKIP LOCKED" if self.conn.engine == POSTGRES else ""
        with self.transaction():
            ids = [r[0] for r in self.conn.execute(
                f"WITH wanted (id, signature) AS (VALUES {values}) SELECT s.id FROM stories s "
                "JOIN wanted w ON w.id = s.id WHERE (s.lease_until IS NULL OR s.lease_until < ?) AND NOT EXISTS "
                "(SELECT 1 FROM analysed_stories x WHERE x.story_id = s.id AND x.signature = w.signature) "
                f"ORDER BY s.id LIMIT {int(limit)}{lock}", (*params, utc_iso(now)))]
            if ids and self.conn.engine == POSTGRES:
                # Looked at again now that they are locked: the statement above saw the analyses
                # stored when it began, and another analyser may have stored one of these and
                # given its lease back since (the lock then waits for nothing, and the row's
                # new version passes the lease test).
                signature = dict(wanted)
                ids = self.stories_still_due([(story_id, signature[story_id]) for story_id in ids])
            if ids:
                self.conn.execute(f"UPDATE stories SET lease_until = ?, leased_by = ? "
                                  f"WHERE id IN ({', '.join('?' * len(ids))})", (lease.until(now), lease.worker, *ids))
        return ids

    def stories_still_due(self, wanted: list[tuple[str, str]]) -> list[str]:
        """Which of the ``wanted`` stories, given as (id, signature), still exist and are not
        stored with that signature (another analyser may hold them)."""
        if not wanted:
            return []
        values, params = _wanted(wanted)
        return [r[0] for r in self.conn.execute(
            f"WITH wanted (id, signature) AS (VALUES {values}) SELECT w.id FROM wanted w "
            "JOIN stories s ON s.id = w.id WHERE NOT EXISTS (SELECT 1 FROM analysed_stories x "
            "WHERE x.story_id = w.id AND x.signature = w.signature) ORDER BY w.id", params)]

    def give_back_stories(self, lease: Lease, story_ids: list[str] | None = None) -> None:
        """End this analyser's leases on these stories (None: on every story it holds)."""
        if story_ids == []:
            return
        where, params = ("", []) if story_ids is None else \
            (f" AND id IN ({', '.join('?' * len(story_ids))})", list(story_ids))
        with self.transaction():
            self.conn.execute("UPDATE stories SET lease_until = NULL WHERE leased_by = ? AND lease_until IS NOT NULL"
                              + where, (lease.worker, *params))

    # -- what analysis reads and writes ---------------------------------------------------

    def story_contents(self) -> dict[str, list[tuple[str, str, str]]]:
        """Per story, its articles' (id, content hash, kind) sorted by id: what its analysis depends on."""
        contents: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for row in self.conn.execute("SELECT story_id, id, COALESCE(content_hash, ''), kind FROM articles "
                                     "WHERE story_id IS NOT NULL ORDER BY story_id, id"):
            contents[row[0]].append((row[1], row[2], row[3]))
        return contents

    def analysis_signatures(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT story_id, signature FROM analysed_stories")}

    def analysis_inputs(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles as analysis reads them (id, outlet, title, text, kind, language), in time order."""
        return [dict(r) for r in self.conn.execute(
            "SELECT a.id, o.name AS outlet, a.title, a.text, a.kind, a.language FROM articles a "
            f"JOIN outlets o ON o.id = a.outlet_id WHERE a.story_id = ? ORDER BY {_WHEN}, a.id", (story_id,))]

    def article_signatures(self, article_ids: list[str]) -> dict[str, str]:
        """What each article's own rows were computed from (see :class:`StoryAnalysis`)."""
        found: dict[str, str] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            found.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT article_id, signature FROM article_analyses WHERE article_id IN "
                f"({', '.join('?' * len(chunk))})", chunk))
        return found

    def save_analysis(self, analysis: StoryAnalysis, when: str) -> bool:
        """Replace the story's analysis rows with these, in one transaction; the own rows of the
        articles in ``analysis.kept`` stay (moved to this story if they were in another). False
        (nothing stored) when the story is gone: a matcher joined its one article to another
        while it was analysed."""
        story_id, kept = analysis.story_id, analysis.kept
        fresh = [(article_id,) for article_id in sorted(analysis.analysed)]
        with self.transaction():
            # The story row is held until this commits, so that a matcher removing the story
            # waits and then removes these rows too.
            if not self.conn.execute("SELECT 1 FROM stories WHERE id = ?"
                                     + (" FOR KEY SHARE" if self.conn.engine == POSTGRES else ""),
                                     (story_id,)).fetchone():
                return False
            # First, so that two analysers saving one story (a lease that ran out while its
            # holder still worked) take turns: the second waits on this row until the first
            # commits, and its deletes then see the first's rows.
            self.conn.execute("INSERT INTO analysed_stories (story_id, signature, analysed_at, similarity) "
                              "VALUES (?, ?, ?, ?) ON CONFLICT(story_id) DO UPDATE SET "
                              "signature = excluded.signature, analysed_at = excluded.analysed_at, "
                              "similarity = excluded.similarity",
                              (analysis.story_id, analysis.signature, when, analysis.similarity))
            for table in ANALYSIS_TABLES:
                if table not in PER_ARTICLE_TABLES:
                    self.conn.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
                    continue
                # Rows of articles analysed afresh or gone from the story; an article's rows are
                # also dropped from the story it was in before (it belongs to one story at a time).
                self.conn.execute(f"DELETE FROM {table} WHERE story_id = ? AND article_id NOT IN "
                                  f"({', '.join('?' * len(kept)) or 'NULL'})", (story_id, *kept))
                self.conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", fresh)
                self.conn.executemany(f"UPDATE {table} SET story_id = ? WHERE article_id = ? AND story_id <> ?",
                                      [(story_id, article_id, story_id) for article_id in kept])
            # Sentences are an article's, whichever story it was analysed in: stored once.
            self.conn.executemany("DELETE FROM sentences WHERE article_id = ?", fresh)
            self.conn.insert_rows("sentences", ("article_id", "sentence_index", "start", '"end"', "text"),
                                  analysis.sentences)
            self.conn.executemany("INSERT INTO article_analyses (article_id, signature) VALUES (?, ?) "
                                  "ON CONFLICT(article_id) DO UPDATE SET signature = excluded.signature",
                                  sorted(analysis.analysed.items()))
            for table, columns in ANALYSIS_TABLES.items():
                self.conn.insert_rows(table, columns, analysis.rows[table])
        return True

    def forget_analyses(self) -> None:
        """Make every story and article due for analysis again (rows stay until then)."""
        with self.transaction():
            self.conn.execute("DELETE FROM analysed_stories")
            self.conn.execute("DELETE FROM article_analyses")

    def sentence_vectors(self, keys: list[str]) -> dict[str, bytes]:
        """Stored vectors (float16 bytes) of these keys; missing keys are left out."""
        return self.blobs_by_key("sentence_vectors", "vector", keys)

    def save_sentence_vectors(self, model: str, vectors: dict[str, bytes]) -> None:
        """Keep vectors (key -> float16 bytes) of ``model``; a key already stored is left as it is."""
        with self.transaction():
            self.conn.executemany("INSERT INTO sentence_vectors VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING",
                                  [(key, model, blob) for key, blob in vectors.items()])



def _wanted(wanted: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """The rows of a ``VALUES`` list of (id, signature) pairs, and its parameters."""
    return ", ".join(["(?, ?)"] * len(wanted)), [value for pair in wanted for value in pair]
