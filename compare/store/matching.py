"""What matching reads and writes: articles as the matcher sees them, stories, and the term
statistics the matcher keeps between runs."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from compare.store import search
from compare.store.analysed import ANALYSIS_TABLES
from compare.store.engines import POSTGRES, StorePart

# An article the matcher can use: it has text of its own (a page, the feed's text, an import).
_HAS_TEXT = "a.text <> '' AND a.status IN ('extracted', 'fallback', 'imported')"
_WHEN = "COALESCE(a.published, a.first_seen)"
_NAMES_READER = "follow_up_names_reader"  # the match_state key of the code the kept names were read by
_DOC = f"SELECT a.id, o.name AS outlet, {_WHEN} AS moment, a.title, a.text, a.story_id, a.language, " \
       "a.wire_copy_of, a.wire_share FROM articles a JOIN outlets o ON o.id = a.outlet_id"


class MatchingStore(StorePart):
    """The store's matching part (mixed into :class:`compare.store.Store`)."""

    def unmatched_articles(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Articles with text and no story yet, oldest first (the ``limit`` oldest): id, outlet,
        moment, title, text, story_id, language, wire_copy_of, wire_share."""
        # SQLite, without statistics, would rather find them by story_id and sort them all.
        query = _DOC.replace("FROM articles a", "FROM articles a INDEXED BY articles_to_match") \
            if self.conn.engine == "sqlite" else _DOC
        return [dict(r) for r in self.conn.execute(
            f"{query} WHERE a.story_id IS NULL AND {_HAS_TEXT} ORDER BY {_WHEN}, a.id"
            + (" LIMIT ?" if limit else ""), (limit,) if limit else ())]

    def open_story_articles(self, first: str, last: str) -> list[dict[str, Any]]:
        """Every article of the stories that overlap [first, last] (ISO times)."""
        return [dict(r) for r in self.conn.execute(
            f"{_DOC} WHERE a.story_id IN (SELECT id FROM stories WHERE last_published >= ? "
            "AND first_published <= ?)", (first, last))]

    def stories_since(self, first: str, lead: int) -> list[dict[str, Any]]:
        """Every article of the stories whose last article came at ``first`` (an ISO time) or
        later, as the matcher reads them but with only the first ``lead`` characters of their text."""
        return [dict(r) for r in self.conn.execute(
            _DOC.replace("a.text", "substr(a.text, 1, ?) AS text")
            + " WHERE a.story_id IN (SELECT id FROM stories WHERE last_published >= ?)", (lead, first))]

    def story_docs(self, story_ids: list[str]) -> list[dict[str, Any]]:
        """Every article of these stories, as the matcher reads them."""
        found = []
        for start in range(0, len(story_ids), 500):  # bounded statements
            chunk = story_ids[start:start + 500]
            found += [dict(r) for r in self.conn.execute(
                f"{_DOC} WHERE a.story_id IN ({', '.join('?' * len(chunk))})", chunk)]
        return found

    def articles_mentioning(self, phrases: list[str], limit: int) -> list[dict[str, Any]]:
        """The latest ``limit`` articles in a story that have one of ``phrases`` (full-text search;
        the latest articles of all when there is no phrase)."""
        matching = search.any_phrase(self.conn.engine, phrases) or ("1 = 1", [])
        return [dict(r) for r in self.conn.execute(
            f"{_DOC} WHERE a.story_id IS NOT NULL AND ({matching[0]}) ORDER BY a.first_seen DESC LIMIT ?",
            (*matching[1], limit))]

    def match_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM match_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def matcher_features(self, keys: list[str]) -> dict[str, bytes]:
        """The matcher's kept readings of articles under these keys (missing keys are left out)."""
        return self.blobs_by_key("matcher_features", "entry", keys)

    def save_matcher_features(self, entries: list[tuple[str, float, bytes]], older_than: float) -> None:
        """Keep the matcher's readings (key, the article's time in days, entry), and drop those of
        articles before ``older_than`` (days), which no run reads again."""
        with self.transaction():
            self.conn.execute("DELETE FROM matcher_features WHERE moment < ?", (older_than,))
            self.conn.executemany("INSERT INTO matcher_features VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING",
                                  entries)

    def follow_up_names(self, names: list[int], first: float, last: float) -> list[tuple[str, float, int, str]]:
        """(article id, time in days, name, story id) of the matched articles of [first, last)
        (days) that hold one of ``names`` among their rare core names."""
        found = []
        for start in range(0, len(names), 500):  # bounded statements
            chunk = names[start:start + 500]
            found += [(r[0], float(r[1]), int(r[2]), r[3]) for r in self.conn.execute(
                "SELECT n.article_id, n.moment, n.name, a.story_id FROM follow_up_names n "
                "JOIN articles a ON a.id = n.article_id "
                f"WHERE n.name IN ({', '.join('?' * len(chunk))}) AND n.moment >= ? AND n.moment < ? "
                "AND a.story_id IS NOT NULL", (*chunk, first, last))]
        return found

    def has_follow_up_names(self, first: float, last: float) -> bool:
        """Whether any article of [first, last) (days) has its names kept."""
        return self.conn.execute("SELECT 1 FROM follow_up_names WHERE moment >= ? AND moment < ? LIMIT 1",
                                 (first, last)).fetchone() is not None

    def save_follow_up_names(self, rows: list[tuple[str, float, int]], older_than: float,
                             reader: str | None = None) -> None:
        """Keep articles' rare core names (article id, time in days, name) and drop those of
        articles before ``older_than`` (days). With ``reader``, the names kept before (read by
        other code) go first, and ``reader`` is noted as the code these were read by
        (:meth:`follow_up_names_reader`)."""
        with self.transaction():
            if reader is not None:
                self.conn.execute("DELETE FROM follow_up_names")
                self._save_match_state({_NAMES_READER: reader.encode("utf-8")})
            self.conn.execute("DELETE FROM follow_up_names WHERE moment < ?", (older_than,))
            self.conn.insert_rows("follow_up_names", ("article_id", "moment", "name"), rows)

    def follow_up_names_reader(self) -> str | None:
        """The code the kept names were read by (None: none noted)."""
        found = self.match_state(_NAMES_READER)
        return found.decode("utf-8") if found is not None else None

    def save_stories(self, stories: list[tuple[Any, ...]], assignments: list[tuple[Any, ...]],
                     state: dict[str, bytes], roundups: Iterable[str] = ()) -> None:
        """Write stories (id, title, first, last, n_articles, n_outlets, n_independent, outlets
        as a JSON list, updated_at), the articles' (story_id, wire_copy_of, wire_share, id), the
        ids of the articles that are roundups, and the matcher's state, in one transaction."""
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO stories (id, title, first_published, last_published, n_articles, n_outlets, "
                "n_independent, outlets, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
                "SET title = excluded.title, first_published = excluded.first_published, "
                "last_published = excluded.last_published, n_articles = excluded.n_articles, "
                "n_outlets = excluded.n_outlets, n_independent = excluded.n_independent, "
                "outlets = excluded.outlets, updated_at = excluded.updated_at", stories)
            self.conn.executemany("DELETE FROM story_outlets WHERE story_id = ?", [(s[0],) for s in stories])
            self.conn.insert_rows("story_outlets", ("story_id", "outlet"),
                                  [(s[0], outlet) for s in stories for outlet in json.loads(s[7])])
            self.conn.executemany("UPDATE articles SET story_id = ?, wire_copy_of = ?, wire_share = ? WHERE id = ?",
                                  assignments)
            self.conn.executemany("UPDATE articles SET roundup = 1 WHERE id = ?", [(i,) for i in roundups])
            self._save_match_state(state)

    def _save_match_state(self, state: dict[str, bytes]) -> None:
        self.conn.executemany("INSERT INTO match_state VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                              "value = excluded.value", list(state.items()))

    def drop_stories(self, story_ids: list[str]) -> None:
        """Remove stories whose articles all went to other stories, with what was analysed of them."""
        if not story_ids:
            return
        with self.transaction():
            if self.conn.engine == POSTGRES:  # an analyser saving one of them finishes first
                self.conn.execute(f"SELECT id FROM stories WHERE id IN ({', '.join('?' * len(story_ids))}) "
                                  "FOR UPDATE", story_ids)
            for table in (*ANALYSIS_TABLES, "analysed_stories", "story_outlets", "stories"):  # the story last
                column = "id" if table == "stories" else "story_id"
                self.conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(s,) for s in story_ids])

    def stories(self, *, min_outlets: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
        """Stories, most recent first, each with its outlets as a list."""
        rows = self.conn.execute(
            "SELECT * FROM stories WHERE n_outlets >= ? ORDER BY last_published DESC, id"
            + (" LIMIT ?" if limit else ""), (min_outlets, limit) if limit else (min_outlets,))
        return [_story(r) for r in rows]

    def story(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def story_titles(self, story_ids: list[str]) -> dict[str, str]:
        if not story_ids:
            return {}
        return {r[0]: r[1] for r in self.conn.execute(
            f"SELECT id, title FROM stories WHERE id IN ({', '.join('?' * len(story_ids))})", story_ids)}

    def story_article_rows(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles (every column, and the outlet's name), in publication order."""
        return [dict(r) for r in self.conn.execute(
            f"SELECT a.*, o.name AS outlet FROM articles a JOIN outlets o ON o.id = a.outlet_id "
            f"WHERE a.story_id = ? ORDER BY {_WHEN}, a.id", (story_id,))]



def _story(row: Any) -> dict[str, Any]:
    story = dict(row)
    story["outlets"] = json.loads(story["outlets"])
    return story
