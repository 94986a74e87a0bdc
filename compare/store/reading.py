"""What the dashboard and the CSV export read: lists of stories, one story's analysis, outlet
profiles, and the rows of each export file. Every result is plain rows (dicts or tuples)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable

from compare.store import search
from compare.store.engines import StorePart

_WHEN = "COALESCE(a.published, a.first_seen)"
OWN_WORD = "own_word"  # the category of an outlet's own words (compare.analysis.own_words) among its cues
_LABELS = ("country", "language", "ownership", "lean")
# Analysis rows point at their sentence (article, index); these joins bring its text, which
# is the article's own text between the sentence's offsets (or the headline, or text stored
# with the sentence when it is not a piece of the article's text as written).
_SENTENCE_ON = ("LEFT JOIN sentences s ON s.article_id = {a}.{article} AND s.sentence_index = {a}.{index} "
                "LEFT JOIN articles sa ON sa.id = s.article_id")
_SENTENCE = _SENTENCE_ON.replace("{article}", "article_id").replace("{index}", "sentence_index")
SENTENCE_TEXT = ("COALESCE(s.text, CASE WHEN s.sentence_index = -1 THEN sa.title "
                 'ELSE substr(sa.text, s.start + 1, s."end" - s.start) END)')

# Framing cues, and each outlet's own words as cues of their own category: both point at a
# place in a sentence, and a reader finds both highlighted in the text and in framing.csv.
_CUES_AND_OWN_WORDS = ('(SELECT story_id, outlet, article_id, category, term, sentence_index, start, "end" FROM cues '
                       f"UNION ALL SELECT story_id, outlet, article_id, '{OWN_WORD}', term, sentence_index, start, "
                       '"end" FROM own_words)')

# The export files read straight from one table; "{where}" is a story filter or nothing.
_EXPORT_QUERIES = {
    "discrepancies.csv": f"SELECT d.story_id, d.fact_id, d.kind, d.outlet, d.value, {SENTENCE_TEXT}, d.unit, d.number, "
                         f"d.article_id FROM discrepancies d {_SENTENCE.format(a='d')} {{where}} "
                         "ORDER BY d.story_id, d.fact_id, d.unit, d.outlet",
    "framing.csv": f"SELECT c.story_id, c.outlet, c.article_id, c.category, c.term, {SENTENCE_TEXT}, "
                   f'c.sentence_index, c.start, c."end" FROM {_CUES_AND_OWN_WORDS} c {_SENTENCE.format(a="c")} {{where}} '
                   # to the last column: two cues at one place (a term that is two kinds of cue)
                   # come out in one order whatever order they were stored in
                   'ORDER BY c.story_id, c.outlet, c.article_id, c.sentence_index, c.start, c.category, c.term, '
                   'c."end"',
    "sources.csv": "SELECT story_id, outlet, article_id, source, kind, quote, sentence_index, speaker_canonical, cue, "
                   "speaker_as_written FROM sources {where} ORDER BY story_id, outlet, article_id, position",
    "names.csv": "SELECT story_id, name, outlet, mentions FROM names {where} ORDER BY story_id, name, outlet",
    "contrasts.csv": "SELECT story_id, fact_id, outlet, terms FROM contrasts {where} ORDER BY story_id, fact_id, "
                     "outlet",
    "labels.csv": "SELECT story_id, outlet, entity, label, sentence_index, article_id, kind, differs FROM labels "
                  "{where} ORDER BY story_id, entity, outlet, sentence_index, kind, label, article_id",
    "tone.csv": "SELECT t.story_id, t.article_id, o.name, t.headline, t.text FROM tone t JOIN articles a "
                "ON a.id = t.article_id JOIN outlets o ON o.id = a.outlet_id {where} ORDER BY t.story_id, "
                "t.article_id",
}


def _day_after(day: date) -> str:
    return (day + timedelta(days=1)).isoformat()


def _period(since: str, until: str, start: date | None, end: date | None) -> tuple[str, list[str]]:
    """A condition that ``since`` is on or after ``start`` and ``until`` before the day after ``end``."""
    where, params = ["1 = 1"], []
    if start:
        where.append(f"{since} >= ?")
        params.append(start.isoformat())
    if end:
        where.append(f"{until} < ?")
        params.append(_day_after(end))
    return " AND ".join(where), params


class ReadingStore(StorePart):
    """The store's reading part (mixed into :class:`compare.store.Store`)."""

    def counts(self) -> dict[str, int]:
        row = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories), (SELECT COUNT(*) FROM outlets), "
            "(SELECT COUNT(*) FROM feeds WHERE active = 1)").fetchone()
        return {"articles": int(row[0]), "stories": int(row[1]), "outlets": int(row[2]), "feeds": int(row[3])}

    def state(self) -> tuple[Any, ...]:
        """Changes whenever anything the dashboard shows does: a cache key for any engine."""
        return tuple(self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT MAX(updated_at) FROM articles), "
            "(SELECT MAX(updated_at) FROM stories), (SELECT MAX(analysed_at) FROM analysed_stories), "
            "(SELECT MAX(last_attempt) FROM feeds), (SELECT COUNT(*) FROM outlets)").fetchone())

    def outlet_label_rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT name AS outlet, country, language, ownership, lean, tags FROM outlets ORDER BY name")]

    def find_stories(self, *, text: str = "", start: date | None = None, end: date | None = None,
                     outlets: list[str] | None = None, every_outlet: bool = True,
                     label: tuple[str, str] | None = None, min_outlets: int = 1, limit: int = 500,
                     ) -> list[dict[str, Any]]:
        """Stories matching the filters, most recent first (see :func:`compare.ui.views.stories_table`).
        With ``text``: stories one of whose articles has every word, those whose headline has
        every word first."""
        where, params = ["s.n_outlets >= ?"], [min_outlets]
        period, period_params = self._story_period(start, end)
        where.append(period)
        params += period_params
        if outlets and every_outlet:
            for outlet in outlets:
                where.append("s.id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)")
                params.append(outlet)
        elif outlets:
            where.append(f"s.id IN (SELECT story_id FROM story_outlets WHERE outlet IN "
                         f"({', '.join('?' * len(outlets))}))")
            params += outlets
        if label and label[1]:
            if label[0] not in _LABELS:
                raise ValueError(f"unknown outlet label {label[0]!r}")
            where.append(f"s.id IN (SELECT so.story_id FROM story_outlets so JOIN outlets o ON o.name = so.outlet "
                         f"WHERE o.{label[0]} = ?)")
            params.append(label[1])
        words = search.words(text)
        if not words:
            return self._stories_where(where, params, limit)
        in_title = " AND ".join("LOWER(s.title) LIKE ?" for _ in words), [f"%{w}%" for w in words]
        if search.many_hits(self.conn, text):
            # Walked from the latest story back, each checked through its own articles: the
            # newest matches fill the page long before a common word's every article is read.
            has_words = search.story_has_words(self.conn.engine, text)
            found = self._stories_where([*where, in_title[0], has_words[0]], [*params, *in_title[1], *has_words[1]],
                                        limit)
            if len(found) < limit:
                found += self._stories_where([*where, f"NOT ({in_title[0]})", has_words[0]],
                                             [*params, *in_title[1], *has_words[1]], limit - len(found))
            return found
        matching = search.all_words(self.conn.engine, text)
        assert matching is not None  # the text has words
        where.append(f"s.id IN (SELECT a.story_id FROM articles a WHERE {matching[0]})")
        return self._stories_where(where, [*params, *matching[1]], limit,
                                   order=(f"CASE WHEN {in_title[0]} THEN 0 ELSE 1 END, ", in_title[1]))

    def _stories_where(self, where: list[str], params: list[Any], limit: int,
                       order: tuple[str, list[str]] = ("", [])) -> list[dict[str, Any]]:
        """Stories meeting every condition of ``where``, ordered by ``order`` then the latest first."""
        return [dict(r) for r in self.conn.execute(
            "SELECT s.id AS story_id, s.title, s.first_published, s.last_published, s.n_articles, s.n_outlets, "
            f"s.n_independent AS independent_outlets, s.outlets FROM stories s WHERE {' AND '.join(where)} "
            f"ORDER BY {order[0]}s.last_published DESC, s.id LIMIT ?", (*params, *order[1], limit))]

    def coverage_by_day(self, story_ids: list[str]) -> list[dict[str, Any]]:
        """Articles per day and outlet across the given stories."""
        if not story_ids:
            return []
        return [dict(r) for r in self.conn.execute(
            f"SELECT substr({_WHEN}, 1, 10) AS day, o.name AS outlet, COUNT(*) AS articles "
            f"FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.story_id IN "
            f"({', '.join('?' * len(story_ids))}) GROUP BY 1, 2 ORDER BY 1, 2", story_ids)]

    # -- one story ------------------------------------------------------------------------

    def story_cards(self, story_id: str) -> list[dict[str, Any]]:
        """A story's articles for its page: outlet, headline, time, link, text, wire copy, kind, tone, language."""
        return [dict(r) for r in self.conn.execute(
            f"SELECT a.id AS article_id, o.name AS outlet, a.title AS headline, {_WHEN} AS published, a.url, a.text, "
            "a.wire_copy_of, a.wire_share, w.name AS wire_copy_outlet, a.kind, t.headline AS headline_tone, "
            "t.text AS text_tone, a.language FROM articles a JOIN outlets o ON o.id = a.outlet_id "
            "LEFT JOIN tone t ON t.article_id = a.id LEFT JOIN articles c ON c.id = a.wire_copy_of "
            "LEFT JOIN outlets w ON w.id = c.outlet_id WHERE a.story_id = ? ORDER BY 4, a.id", (story_id,))]

    def story_table(self, table: str, story_id: str) -> list[dict[str, Any]]:
        """One story's rows of an analysis table, as the story page shows them."""
        queries = {
            "discrepancies": f"SELECT d.fact_id, d.unit, d.outlet, d.value, {SENTENCE_TEXT} AS sentence "
                             "FROM discrepancies d "
                             f"{_SENTENCE.format(a='d')} WHERE d.story_id = ? ORDER BY d.fact_id, d.unit, d.outlet",
            "cues": 'SELECT c.outlet, c.article_id, c.category, c.term, c.sentence_index, c.start, c."end", '
                    f"{SENTENCE_TEXT} AS sentence FROM {_CUES_AND_OWN_WORDS} c {_SENTENCE.format(a='c')} "
                    "WHERE c.story_id = ? "
                    "ORDER BY c.outlet, c.sentence_index, c.start",
            # fact 0: the story's headlines, compared with each other
            "contrasts": f"SELECT c.fact_id, c.outlet, c.terms, CASE WHEN c.fact_id = 0 THEN '(headlines)' "
                         f"ELSE {SENTENCE_TEXT} END AS fact "
                         f"FROM contrasts c LEFT JOIN facts f "
                         f"ON f.story_id = c.story_id AND f.fact_id = c.fact_id {_SENTENCE.format(a='f')} "
                         "WHERE c.story_id = ? ORDER BY c.fact_id, c.outlet",
            "names": "SELECT name, outlet, mentions FROM names WHERE story_id = ?",
            "attributions": "SELECT story_id, outlet, article_id, source, kind, quote, sentence_index, "
                            "COALESCE(NULLIF(speaker_canonical, ''), source) AS speaker_canonical, cue, "
                            "speaker_as_written FROM sources WHERE story_id = ? "
                            "ORDER BY outlet, article_id, position",
            # where each sentence stands in its article's text (text only where lines were joined)
            "sentences": 'SELECT s.article_id, s.sentence_index, s.start, s."end", s.text FROM sentences s '
                         "JOIN articles a ON a.id = s.article_id WHERE a.story_id = ? AND s.sentence_index >= 0 "
                         "ORDER BY s.article_id, s.sentence_index",
        }
        return [dict(r) for r in self.conn.execute(queries[table], (story_id,))]

    def story_similarity(self, story_id: str) -> str:
        row = self.conn.execute("SELECT similarity FROM analysed_stories WHERE story_id = ?", (story_id,)).fetchone()
        return row[0] if row else ""

    # -- outlets --------------------------------------------------------------------------

    def outlet_totals(self, start: date | None = None, end: date | None = None) -> dict[str, Any]:
        """Aggregates per outlet for the period (each by one query): stories covered, words,
        cues by category, source kinds, mean tone; and the outlets and stories of the period."""
        period, params = self._article_period(start, end)
        covered = {r[0]: (int(r[1]), int(r[2] or 0)) for r in self.conn.execute(
            "SELECT o.name, COUNT(DISTINCT a.story_id), SUM(a.word_count) FROM articles a "
            f"JOIN outlets o ON o.id = a.outlet_id WHERE {period} GROUP BY o.name", params)}
        cues: dict[str, dict[str, int]] = {}
        for outlet, category, count in self.conn.execute(
                "SELECT c.outlet, c.category, COUNT(*) FROM cues c JOIN articles a ON a.id = c.article_id "
                f"WHERE {period} GROUP BY 1, 2", params):
            cues.setdefault(outlet, {})[category] = int(count)
        kinds: dict[str, dict[str, int]] = {}
        # Sources, not attributions: a speaker quoted six times in one article counts once.
        for outlet, kind, count in self.conn.execute(
                "SELECT outlet, kind, COUNT(*) FROM (SELECT DISTINCT s.outlet, s.article_id, "
                "COALESCE(NULLIF(s.speaker_canonical, ''), s.source) AS speaker, s.kind FROM sources s "
                f"JOIN articles a ON a.id = s.article_id WHERE {period}) x GROUP BY 1, 2", params):
            kinds.setdefault(outlet, {})[kind] = int(count)
        tone = {r[0]: r[1] for r in self.conn.execute(
            "SELECT o.name, AVG(t.text) FROM tone t JOIN articles a ON a.id = t.article_id "
            f"JOIN outlets o ON o.id = a.outlet_id WHERE {period} GROUP BY o.name", params)}
        story_period, story_params = self._story_period(start, end)
        n_stories = self.conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {story_period}",
                                      story_params).fetchone()[0]
        return {"covered": covered, "cues": cues, "kinds": kinds, "tone": tone, "stories": int(n_stories),
                "outlets_publishing": len(covered)}

    def outlets_publishing(self, start: date | None = None, end: date | None = None) -> int:
        """How many outlets published an article in the period."""
        period, params = self._article_period(start, end)
        return int(self.conn.execute(f"SELECT COUNT(DISTINCT a.outlet_id) FROM articles a WHERE {period}",
                                     params).fetchone()[0])

    def blindspot_counts(self, min_outlets: int, start: date | None = None,
                         end: date | None = None) -> tuple[int, dict[str, int]]:
        """Stories of the period with at least ``min_outlets`` outlets, and per outlet how many of
        them it covered: its blindspots are the difference."""
        period, params = self._story_period(start, end)
        eligible = self.conn.execute(f"SELECT COUNT(*) FROM stories s WHERE s.n_outlets >= ? AND {period}",
                                     (min_outlets, *params)).fetchone()[0]
        covered = {r[0]: int(r[1]) for r in self.conn.execute(
            "SELECT so.outlet, COUNT(*) FROM story_outlets so JOIN stories s ON s.id = so.story_id "
            f"WHERE s.n_outlets >= ? AND {period} GROUP BY so.outlet", (min_outlets, *params))}
        return int(eligible), covered

    def blindspot_rows(self, outlet: str, min_outlets: int, start: date | None = None,
                       end: date | None = None) -> list[dict[str, Any]]:
        """Stories of the period with at least ``min_outlets`` outlets that ``outlet`` did not cover."""
        period, params = self._story_period(start, end)
        return [dict(r) for r in self.conn.execute(
            "SELECT s.id AS story_id, s.title, s.first_published, s.n_outlets FROM stories s WHERE s.n_outlets >= ? "
            f"AND {period} AND NOT EXISTS (SELECT 1 FROM story_outlets so WHERE so.story_id = s.id "
            "AND so.outlet = ?) ORDER BY s.n_outlets DESC, s.first_published DESC", (min_outlets, *params, outlet))]

    @staticmethod
    def _article_period(start: date | None, end: date | None) -> tuple[str, list[str]]:
        """Articles published in [start, end] (days)."""
        return _period(_WHEN, _WHEN, start, end)

    @staticmethod
    def _story_period(start: date | None, end: date | None) -> tuple[str, list[str]]:
        """Stories that overlap [start, end] (days)."""
        return _period("s.last_published", "s.first_published", start, end)

    # -- export ---------------------------------------------------------------------------

    def export_table(self, name: str, story_id: str | None = None) -> Iterable[tuple[Any, ...]]:
        """The rows of an export file read straight from one table (see ``EXPORT_TABLES``)."""
        column = {"tone.csv": "t.story_id", "discrepancies.csv": "d.story_id", "framing.csv": "c.story_id"}.get(
            name, "story_id")
        where, params = (f"WHERE {column} = ?", (story_id,)) if story_id else ("", ())
        return (tuple(r) for r in self.conn.execute(_EXPORT_QUERIES[name].format(where=where), params))

    def stories_for_export(self, story_id: str | None = None) -> Iterable[dict[str, Any]]:
        where, params = ("WHERE id = ?", (story_id,)) if story_id else ("", ())
        return (dict(r) for r in self.conn.execute(f"SELECT * FROM stories {where} ORDER BY first_published, id",
                                                   params))

    def articles_for_export(self, story_id: str | None = None) -> Iterable[dict[str, Any]]:
        where, params = ("WHERE a.story_id = ?", (story_id,)) if story_id else ("", ())
        return (dict(r) for r in self.conn.execute(
            "SELECT a.id, a.story_id, o.name AS outlet, a.url, a.title, a.published, a.word_count, a.wire_copy_of, "
            "a.wire_share, a.status, a.error, a.kind, a.roundup, a.language FROM articles a JOIN outlets o ON o.id = a.outlet_id "
            f"{where} ORDER BY {_WHEN}, a.id", params))

    def fact_rows(self, story_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """facts, fact_sentences and omissions (all stories or one), and each story's outlets."""
        where, params = ("WHERE x.story_id = ?", (story_id,)) if story_id else ("", ())
        queries = {
            "facts": f"SELECT x.*, {SENTENCE_TEXT} AS summary FROM facts x {_SENTENCE.format(a='x')} {where} "
                     "ORDER BY x.story_id, x.fact_id",
            "fact_sentences": f"SELECT x.*, {SENTENCE_TEXT} AS sentence FROM fact_sentences x "
                              f"{_SENTENCE.format(a='x')} {where} ORDER BY x.story_id, x.fact_id, x.outlet, "
                              "x.article_id, x.sentence_index, x.clause_start",
            "omissions": f"SELECT x.*, COALESCE({SENTENCE_TEXT}, '') AS closest_sentence FROM omissions x "
                         + _SENTENCE_ON.format(a="x", article="closest_article_id", index="closest_sentence_index")
                         + f" {where} ORDER BY x.story_id, x.fact_id, x.outlet",
        }
        found = {table: [dict(r) for r in self.conn.execute(query, params)] for table, query in queries.items()}
        found["story_outlets"] = [dict(r) for r in self.conn.execute(
            f"SELECT x.story_id, x.outlet FROM story_outlets x {where}", params)]
        return found


EXPORT_TABLES = tuple(_EXPORT_QUERIES)
