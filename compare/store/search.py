"""Full-text search over articles' titles and texts: SQLite FTS5, PostgreSQL tsvector.

Both index words as written (no stemming: outlets write in many languages). A query is the
user's words, each matched as a word or the start of one ("sanction" finds "sanctions"), all
of them required; or a list of phrases of which any one may match (Compare an article).
"""

from __future__ import annotations

import re

from compare.store.engines import POSTGRES, Database

_WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_INDEX = """
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
    INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
"""

# PostgreSQL: each article's words in a table of their own (article_words), kept by a trigger as
# SQLite's FTS5 table is, with a GIN index on them. An index on an expression over ``articles``
# made every update of an article's row (its story, its lease) compute its words again: matching
# 10,000 articles spent 7 s of 11 on it. The words are kept without their positions (a third
# smaller); a phrase is looked up by its words, then checked in the article's text.
_POSTGRES_DOCUMENT = "to_tsvector('simple', COALESCE({a}title, '') || ' ' || COALESCE({a}text, ''))"
POSTGRES_INDEX = f"CREATE INDEX articles_search ON articles USING GIN ({_POSTGRES_DOCUMENT.format(a='')});"
POSTGRES_WORDS_TABLE = f"""
    CREATE TABLE article_words (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        words TSVECTOR NOT NULL
    );
    INSERT INTO article_words SELECT id, strip({_POSTGRES_DOCUMENT.format(a='')}) FROM articles;
    DROP INDEX articles_search;
    CREATE INDEX article_words_search ON article_words USING GIN (words) WITH (gin_pending_list_limit = 512);
    CREATE FUNCTION article_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO article_words VALUES (NEW.id, strip({_POSTGRES_DOCUMENT.format(a='NEW.')}))
        ON CONFLICT (article_id) DO UPDATE SET words = excluded.words;
        RETURN NULL;
    END $$;
    CREATE TRIGGER article_words_kept AFTER INSERT OR UPDATE OF title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION article_words_keep();
"""
# PostgreSQL keeps new articles' entries in the index's pending list, which every search reads
# through, until a vacuum or the list's limit (4 MB by default) moves them into the index proper:
# a few thousand articles just collected made a search take 0.8 s instead of 0.01 s. The list is
# bounded to 512 kB here, and moved in at the end of each import or collection (SETTLE_SEARCH).
POSTGRES_PENDING_LIMIT = "ALTER INDEX articles_search SET (gin_pending_list_limit = 512)"
SETTLE_SEARCH = "SELECT gin_clean_pending_list('article_words_search'::regclass)"
_SEARCHED = "a.id IN (SELECT article_id FROM article_words WHERE words @@ {})"


def words(text: str) -> list[str]:
    """The words of a query, lower-cased, without any search syntax."""
    return [w.lower() for w in _WORD.findall(text)]


def all_words(engine: str, text: str) -> tuple[str, list[str]] | None:
    """A condition on articles ``a`` that holds when the article has every word of ``text``
    (each one also as the start of a longer word); None when ``text`` has no word."""
    found = words(text)
    if not found:
        return None
    if engine == POSTGRES:
        return _SEARCHED.format("to_tsquery('simple', ?)"), [_tsquery(found)]
    return "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", [_fts_query(found)]


def _tsquery(found: list[str]) -> str:
    """PostgreSQL's query for these words: each one as a word or the start of one."""
    return " & ".join(f"{w}:*" for w in found)


def _fts_query(found: list[str]) -> str:
    """SQLite FTS5's query for these words: each one as a word or the start of one."""
    return " ".join(f'"{w}"*' for w in found)


# Above this many matching articles, a search walks the stories from the latest back (a word
# in every other article fills a page within the first stories) instead of reading every
# matching article's story (cost in proportion to the matches): on PostgreSQL at 1M articles,
# "trump" (in 68% of them) took 2.3 s the one way and 0.6 s the other.
MANY_HITS = 20_000


def many_hits(db: Database, text: str) -> bool:
    """Whether more than :data:`MANY_HITS` articles have every word of ``text``, counted through
    the index up to one more than that."""
    found = words(text)
    if not found:
        return False
    if db.engine == POSTGRES:
        row = db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM article_words WHERE words @@ to_tsquery('simple', ?) "
                         "LIMIT ?) hits", (_tsquery(found), MANY_HITS + 1)).fetchone()
    else:
        row = db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)",
                         (_fts_query(found), MANY_HITS + 1)).fetchone()
    return int(row[0]) > MANY_HITS


def story_has_words(engine: str, text: str) -> tuple[str, list[str]]:
    """A condition on stories ``s`` that holds when one of its articles has every word of
    ``text``, checked through the story's own articles: each story walked is tested by its
    few articles' words, not by every match of a common word."""
    found = words(text)
    assert found, "a search needs a word"
    if engine == POSTGRES:
        # ts_match_vq is what @@ runs, written so that the planner cannot answer it from the
        # index for every match first: each story is tested by its own articles' words.
        return ("EXISTS (SELECT 1 FROM articles a JOIN article_words w ON w.article_id = a.id "
                "WHERE a.story_id = s.id AND ts_match_vq(w.words, to_tsquery('simple', ?)))",
                [_tsquery(found)])
    matching = all_words(engine, text)
    assert matching is not None
    # The unary plus keeps the matches a set to test each article against, rather than a list
    # whose every entry would be looked up for every story.
    return f"EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND +{matching[0]})", matching[1]


def any_phrase(engine: str, phrases: list[str]) -> tuple[str, list[str]] | None:
    """A condition on articles ``a`` that holds when the article has any one of ``phrases``."""
    cleaned = [" ".join(words(p)) for p in phrases]
    cleaned = [p for p in cleaned if p]
    if not cleaned:
        return None
    if engine == POSTGRES:
        having_words = " || ".join("plainto_tsquery('simple', ?)" for _ in cleaned)
        in_order = " || ".join("phraseto_tsquery('simple', ?)" for _ in cleaned)
        return (f"{_SEARCHED.format(f'({having_words})')} AND {_POSTGRES_DOCUMENT.format(a='a.')} @@ ({in_order})",
                cleaned + cleaned)
    return ("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            [" OR ".join(f'"{p}"' for p in cleaned)])
