"""The schema: ordered migrations written once, applied by each engine in its own dialect.

SQLite keeps the number of migrations applied in ``PRAGMA user_version``; PostgreSQL in the
table ``schema_version``. Each migration is all-or-nothing, and two processes opening a new
database at once apply it once.
"""

from __future__ import annotations

import logging
import sqlite3

from compare.errors import StoreError
from compare.store.engines import COMMENT, SPACE, WORD, Database, PostgresDatabase, SqliteDatabase, sql_tokens
from compare.store.search import POSTGRES_INDEX, POSTGRES_PENDING_LIMIT, POSTGRES_WORDS_TABLE, SQLITE_INDEX

logger = logging.getLogger(__name__)

# Ordered migrations; PRAGMA user_version holds how many have run. Append, never edit.
MIGRATIONS: list[str | dict[str, str]] = [
    """
    CREATE TABLE outlets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        country TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        ownership TEXT NOT NULL DEFAULT '',
        lean TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        outlet_id INTEGER NOT NULL REFERENCES outlets(id),
        url TEXT NOT NULL UNIQUE,
        active INTEGER NOT NULL DEFAULT 1,
        title TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        last_attempt TEXT,
        last_success TEXT,
        http_status INTEGER,
        error TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        entries_seen INTEGER NOT NULL DEFAULT 0,
        new_articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,                 -- url_id() of the first URL seen
        outlet_id INTEGER NOT NULL REFERENCES outlets(id),
        source TEXT NOT NULL,                -- 'feed' or 'import'
        url TEXT,                            -- absolute link; NULL when the entry had none
        guid TEXT,
        title TEXT NOT NULL DEFAULT '',
        published TEXT,                      -- ISO 8601, UTC when known
        author TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        word_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT,
        status TEXT NOT NULL,
        error TEXT,
        retryable INTEGER NOT NULL DEFAULT 1,
        attempts INTEGER NOT NULL DEFAULT 0,
        http_status INTEGER,
        final_url TEXT,
        html TEXT,
        feed_title TEXT NOT NULL DEFAULT '',
        feed_summary TEXT NOT NULL DEFAULT '',
        feed_content TEXT NOT NULL DEFAULT '',
        feed_published TEXT,
        feed_raw TEXT NOT NULL DEFAULT '{}',
        page_title TEXT NOT NULL DEFAULT '',
        page_published TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL,
        fetched_at TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_by_status ON articles(status);
    CREATE INDEX articles_by_outlet_guid ON articles(outlet_id, guid);
    CREATE INDEX articles_by_published ON articles(published);
    -- every URL (canonical form) an article is known under: links, redirects, rel=canonical
    CREATE TABLE article_urls (
        url_key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX article_urls_by_article ON article_urls(article_id);
    CREATE TABLE article_feeds (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        feed_id INTEGER NOT NULL REFERENCES feeds(id),
        PRIMARY KEY (article_id, feed_id)
    );
    """,
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,                 -- 's-' + id of the story's first article; never changes
        title TEXT NOT NULL,
        first_published TEXT NOT NULL,
        last_published TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,
        n_independent INTEGER NOT NULL,      -- outlets, counting wire copy once
        outlets TEXT NOT NULL,               -- JSON list of outlet names
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_by_last ON stories(last_published);
    ALTER TABLE articles ADD COLUMN story_id TEXT REFERENCES stories(id);
    ALTER TABLE articles ADD COLUMN wire_copy_of TEXT;
    ALTER TABLE articles ADD COLUMN wire_share REAL;
    CREATE INDEX articles_by_story ON articles(story_id);
    -- state the matcher keeps between runs (document frequencies of terms)
    CREATE TABLE match_state (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    """
    -- what `analyse` found; rows of a story are replaced whenever the story changes
    CREATE TABLE analysed_stories (
        story_id TEXT PRIMARY KEY REFERENCES stories(id),
        signature TEXT NOT NULL,             -- the story's articles and their text, hashed
        analysed_at TEXT NOT NULL
    );
    CREATE TABLE facts (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        n_outlets INTEGER NOT NULL,
        summary TEXT NOT NULL,               -- one of its sentences, to name the fact
        PRIMARY KEY (story_id, fact_id)
    );
    CREATE TABLE fact_sentences (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX fact_sentences_by_story ON fact_sentences(story_id, fact_id);
    CREATE TABLE discrepancies (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        unit TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        value TEXT NOT NULL,
        number REAL NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX discrepancies_by_story ON discrepancies(story_id);
    CREATE TABLE cues (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        category TEXT NOT NULL,
        term TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,     -- -1: the headline
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence TEXT NOT NULL
    );
    CREATE INDEX cues_by_story ON cues(story_id);
    CREATE INDEX cues_by_article ON cues(article_id);
    CREATE TABLE sources (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        quote TEXT NOT NULL,
        sentence_index INTEGER NOT NULL
    );
    CREATE INDEX sources_by_story ON sources(story_id);
    CREATE TABLE tone (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        headline REAL NOT NULL,
        text REAL NOT NULL
    );
    CREATE TABLE names (
        story_id TEXT NOT NULL,
        name TEXT NOT NULL,
        outlet TEXT NOT NULL,
        mentions INTEGER NOT NULL
    );
    CREATE INDEX names_by_story ON names(story_id);
    CREATE TABLE contrasts (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        terms TEXT NOT NULL                  -- JSON list of the words only this outlet used
    );
    CREATE INDEX contrasts_by_story ON contrasts(story_id);
    """,
    """
    -- sentence vectors of a sentence model, kept so that re-analysing embeds only new sentences
    CREATE TABLE sentence_vectors (
        key TEXT PRIMARY KEY,                -- compare.embed.text_key(sentence, model)
        model TEXT NOT NULL,
        vector BLOB NOT NULL                 -- float32, unit length
    );
    -- facts an outlet of the story leaves out, by the README's rule, with its nearest sentence
    CREATE TABLE omissions (
        story_id TEXT NOT NULL,
        fact_id INTEGER NOT NULL,
        outlet TEXT NOT NULL,
        closest_article_id TEXT,
        closest_sentence_index INTEGER,
        closest_sentence TEXT NOT NULL DEFAULT '',
        closeness REAL NOT NULL
    );
    CREATE INDEX omissions_by_story ON omissions(story_id, fact_id);
    CREATE INDEX tone_by_story ON tone(story_id);
    -- which similarity analysed the story (a sentence model's name, or "lexical")
    ALTER TABLE analysed_stories ADD COLUMN similarity TEXT NOT NULL DEFAULT '';
    """,
    """
    -- report, opinion or analysis (compare.kinds): declared by the page, feed or import, else inferred
    ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';
    """,
    """
    -- one row per attribution, joined to its speaker: the canonical name, the cue verb, and
    -- the speaker as written ("she", "Mr. Rubio")
    ALTER TABLE sources ADD COLUMN speaker_canonical TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN cue TEXT NOT NULL DEFAULT '';
    ALTER TABLE sources ADD COLUMN speaker_as_written TEXT NOT NULL DEFAULT '';
    CREATE INDEX sources_by_outlet ON sources(outlet);
    """,
    """
    -- several collectors share the work: a feed or page is leased to one worker at a time, and a
    -- lease that is not given back (a killed worker) expires
    ALTER TABLE feeds ADD COLUMN lease_until TEXT;
    ALTER TABLE feeds ADD COLUMN leased_by TEXT;
    ALTER TABLE articles ADD COLUMN lease_until TEXT;
    ALTER TABLE articles ADD COLUMN leased_by TEXT;
    -- the order of a source's attributions in its article (both engines keep it the same way)
    ALTER TABLE sources ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX facts_by_story ON facts(story_id);
    CREATE INDEX names_by_outlet ON names(outlet);
    CREATE INDEX cues_by_outlet ON cues(outlet, category);
    CREATE INDEX articles_by_outlet ON articles(outlet_id, story_id);
    CREATE INDEX stories_by_outlets ON stories(n_outlets, last_published);
    CREATE INDEX feeds_by_lease ON feeds(lease_until);
    CREATE INDEX articles_by_lease ON articles(lease_until);
    -- the outlets of a story, one row each (the dashboard filters and counts by them)
    CREATE TABLE story_outlets (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        outlet TEXT NOT NULL,
        PRIMARY KEY (story_id, outlet)
    );
    CREATE INDEX story_outlets_by_outlet ON story_outlets(outlet, story_id);
    INSERT INTO story_outlets SELECT DISTINCT s.id, j.value FROM stories s, json_each(s.outlets) j;
    """,
    # full-text search over articles' titles and texts, each engine its own way
    {"sqlite": SQLITE_INDEX, "postgresql": POSTGRES_INDEX},
    """
    -- each analysed sentence by its article and index (-1: the headline): where it stands in the
    -- article's text, or its own text when it is not a piece of that text as written (a line
    -- the splitter joined); the analysis tables point at it instead of copying it
    CREATE TABLE sentences (
        article_id TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        start INTEGER,
        "end" INTEGER,
        text TEXT,
        PRIMARY KEY (article_id, sentence_index)
    );
    INSERT INTO sentences (article_id, sentence_index, text) SELECT DISTINCT article_id, sentence_index, sentence
        FROM fact_sentences WHERE true ON CONFLICT DO NOTHING;
    INSERT INTO sentences (article_id, sentence_index, text) SELECT DISTINCT article_id, sentence_index, sentence
        FROM cues WHERE true ON CONFLICT DO NOTHING;
    ALTER TABLE fact_sentences DROP COLUMN sentence;
    ALTER TABLE cues DROP COLUMN sentence;
    ALTER TABLE omissions DROP COLUMN closest_sentence;
    ALTER TABLE discrepancies DROP COLUMN sentence;
    ALTER TABLE discrepancies ADD COLUMN sentence_index INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE facts DROP COLUMN summary;
    ALTER TABLE facts ADD COLUMN article_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE facts ADD COLUMN sentence_index INTEGER NOT NULL DEFAULT 0;
    -- vectors are kept as float16 from now on (half the room; cosines change by under 0.001)
    DELETE FROM sentence_vectors;
    """,
    """
    -- what each article's own rows (cues, sources, tone, sentences) were computed from: a story
    -- analysed again recomputes them only for the articles that changed
    CREATE TABLE article_analyses (
        article_id TEXT PRIMARY KEY,
        signature TEXT NOT NULL
    );
    CREATE INDEX sources_by_article ON sources(article_id);
    """,
    """
    -- the articles still to match, oldest first: the matcher takes them a batch at a time
    CREATE INDEX articles_to_match ON articles(COALESCE(published, first_seen), id) WHERE story_id IS NULL;
    """,
    """
    -- the words each outlet attaches to a person, organisation or country of a story, where
    -- outlets differ ("dictator" / "leader"): compare.analysis.labels (see kind and differs below)
    CREATE TABLE labels (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        label TEXT NOT NULL,
        sentence_index INTEGER NOT NULL
    );
    CREATE INDEX labels_by_story ON labels(story_id);
    """,
    """
    -- a sentence that makes two claims stands in the row of each, by its clause: where the
    -- clause starts and ends in the sentence (NULL: the whole sentence)
    ALTER TABLE fact_sentences ADD COLUMN clause_start INTEGER;
    ALTER TABLE fact_sentences ADD COLUMN clause_end INTEGER;
    """,
    """
    -- an article that reports several separate incidents (a "weekend violence" roundup): the
    -- matcher reads it by its lead and lets it join one story at most (compare.stories.roundups)
    ALTER TABLE articles ADD COLUMN roundup INTEGER NOT NULL DEFAULT 0;
    """,
    """
    -- several analysers share the work: a changed story is leased to one at a time while it is
    -- analysed, and a lease that is not given back (a killed analyser) expires
    ALTER TABLE stories ADD COLUMN lease_until TEXT;
    ALTER TABLE stories ADD COLUMN leased_by TEXT;
    CREATE INDEX stories_by_lease ON stories(lease_until);
    """,
    """
    -- the words and short phrases only one outlet of a story used, ranked by how much they
    -- tell (compare.analysis.own_words): story rows, recomputed whenever the story changes
    CREATE TABLE own_words (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        article_id TEXT NOT NULL,
        term TEXT NOT NULL,
        sentence_index INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        score REAL NOT NULL
    );
    CREATE INDEX own_words_by_story ON own_words(story_id);
    """,
    """
    -- the matcher's reading of recent articles (compare.stories.feature_cache), so that a run
    -- reads only its new articles: keyed by the text as read and the code that read it
    CREATE TABLE matcher_features (
        key TEXT PRIMARY KEY,
        moment REAL NOT NULL,                -- the article's time, in days since the epoch
        entry BLOB NOT NULL
    );
    CREATE INDEX matcher_features_by_moment ON matcher_features(moment);
    """,
    # the full-text index's pending list bounded on PostgreSQL (compare.store.search); SQLite's
    # FTS5 index merges its own segments
    {"sqlite": "SELECT 1", "postgresql": POSTGRES_PENDING_LIMIT},
    """
    -- each matched article's rare core names (compare.stories.follow_ups), so that a follow-up
    -- finds the earlier articles that share its names without reading every story before it
    CREATE TABLE follow_up_names (
        name INTEGER NOT NULL,               -- a name word's hashed column in the matcher's terms
        moment REAL NOT NULL,                -- the article's time, in days since the epoch
        article_id TEXT NOT NULL
    );
    CREATE INDEX follow_up_names_by_name ON follow_up_names(name, moment);
    CREATE INDEX follow_up_names_by_moment ON follow_up_names(moment);
    """,
    """
    -- work that one worker does at a time (compare.store.leases): matching
    CREATE TABLE job_leases (
        job TEXT PRIMARY KEY,
        leased_by TEXT NOT NULL,
        lease_until TEXT                     -- NULL once given back
    );
    """,
    """
    -- how each outlet names a story's people, organisations, countries and deals, not only where
    -- the outlets differ: every label attached to an entity two outlets name, every name written
    -- for it (kind 'name'), the words for people or deals not named (kind 'mention'); differs =
    -- a choice that at most half of the outlets naming the entity make
    ALTER TABLE labels ADD COLUMN kind TEXT NOT NULL DEFAULT 'label';
    ALTER TABLE labels ADD COLUMN differs INTEGER NOT NULL DEFAULT 1;
    """,
    # PostgreSQL's full-text index moved off the articles' rows (compare.store.search); SQLite's
    # FTS5 table stands apart already
    {"sqlite": "SELECT 1", "postgresql": POSTGRES_WORDS_TABLE},
]


def for_engine(migration: str | dict[str, str], engine: str) -> str:
    """A migration as the engine reads it: its own text, or the common text in its words."""
    if isinstance(migration, dict):
        return migration[engine]
    return postgres_dialect(migration) if engine == "postgresql" else migration


# What PostgreSQL calls the types that the migrations write in SQLite's words.
_POSTGRES_TYPES = {"BLOB": "BYTEA", "REAL": "DOUBLE PRECISION"}


def postgres_dialect(migration: str) -> str:
    """A migration written in SQLite's words, as PostgreSQL reads it: ``INTEGER PRIMARY KEY``
    an identity column, BLOB and REAL its types, ``json_each(x) j`` its JSON function. Only
    the SQL's words change: strings, quoted names and comments are left as they are.

    >>> postgres_dialect("id INTEGER PRIMARY KEY, v REAL DEFAULT 'REAL' -- REAL")
    "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v DOUBLE PRECISION DEFAULT 'REAL' -- REAL"
    """
    tokens = [list(token) for token in sql_tokens(migration)]
    code = [token for token in tokens if token[0] not in (SPACE, COMMENT)]  # the same lists, so edits show
    for n, (kind, text) in enumerate(code):
        if kind != WORD:
            continue
        word = text.upper()
        following = [t[1].upper() for t in code[n + 1:n + 3]]
        if word == "INTEGER" and following == ["PRIMARY", "KEY"]:
            code[n][1] = "INTEGER GENERATED BY DEFAULT AS IDENTITY"
        elif word in _POSTGRES_TYPES:
            code[n][1] = _POSTGRES_TYPES[word]
        elif word == "JSON_EACH" and n + 1 < len(code) and code[n + 1][1] == "(":
            _json_elements(code, n)
    return "".join(text for _, text in tokens)


def _json_elements(code: list[list[str]], start: int) -> None:
    """``json_each(x) [AS] j`` (SQLite) as ``json_array_elements_text((x)::json) AS j(value)``."""
    depth, close = 0, None
    for n in range(start + 1, len(code)):
        depth += {"(": 1, ")": -1}.get(code[n][1], 0)
        if depth == 0:
            close = n
            break
    if close is None:
        return  # unbalanced: left for the server to report
    alias = close + 1 + (close + 1 < len(code) and code[close + 1][1].upper() == "AS")
    if alias >= len(code) or code[alias][0] != WORD:
        raise StoreError("json_each(...) in a migration needs a name for its rows, as in json_each(x) j")
    code[start][1] = "json_array_elements_text("
    code[close][1] = ")::json)"
    code[alias][1] = f"{code[alias][1]}(value)"
    if code[alias - 1][1].upper() != "AS":
        code[alias][1] = f"AS {code[alias][1]}"


def schema_version(db: Database) -> int:
    """How many migrations the database has had."""
    if isinstance(db, SqliteDatabase):
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    row = db.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row[0]:
        return 0
    found = db.execute("SELECT version FROM schema_version").fetchone()
    return int(found[0]) if found else 0


def migrate(db: Database) -> None:
    """Apply the migrations the database has not had yet; refuse a newer schema."""
    if isinstance(db, PostgresDatabase):
        _migrate_postgres(db)
    else:
        _migrate_sqlite(db)  # type: ignore[arg-type]
    version = schema_version(db)
    if version > len(MIGRATIONS):
        raise StoreError(f"{db.name}: schema version {version} is newer than this news-compare knows "
                         f"({len(MIGRATIONS)}); upgrade news-compare")


def _migrate_sqlite(db: SqliteDatabase) -> None:
    if schema_version(db) >= len(MIGRATIONS):
        return
    # The write lock first, then the version read again under it: a second process opening the
    # same new database waits here, then finds the work done (it never applies a migration twice).
    db.raw.execute("BEGIN IMMEDIATE")
    try:
        for number in range(schema_version(db), len(MIGRATIONS)):
            for statement in _statements(for_engine(MIGRATIONS[number], "sqlite")):
                db.raw.execute(statement)
            db.raw.execute(f"PRAGMA user_version = {number + 1}")
            logger.debug("migrated %s to schema version %d", db.name, number + 1)
        db.raw.execute("COMMIT")
    except BaseException:
        if db.raw.in_transaction:  # some errors end the transaction themselves
            db.raw.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """A script's statements, one by one (a trigger's body, or a quoted ';', stays whole)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    return statements


def _migrate_postgres(db: PostgresDatabase) -> None:
    if schema_version(db) >= len(MIGRATIONS):
        return
    with db.transaction():
        db.lock("news-compare schema")  # a second process waits here, then finds the work done
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        if db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == 0:
            db.execute("INSERT INTO schema_version VALUES (0)")
        version = schema_version(db)
        for number in range(version, len(MIGRATIONS)):
            db.execute(for_engine(MIGRATIONS[number], "postgresql"))
            logger.debug("migrated %s to schema version %d", db.name, number + 1)
        db.execute("UPDATE schema_version SET version = ?", (max(version, len(MIGRATIONS)),))
