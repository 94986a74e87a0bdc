"""Articles as the story matcher sees them: :class:`Doc`, the features read from each one's
lead (names, figures, headline words, dates), hashed term counts and their TF-IDF weights.

Document frequencies live in :class:`TermStats`, kept between runs so that a small incremental
run weighs words as the whole corpus does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache

import numpy as np
from rapidfuzz import utils
from scipy import sparse

from compare.forking import map_forked, slices
from compare.language import without_stop_words
from compare.stories.feature_cache import FeatureCache, entry_key, read_through
from compare.stories.participants import (
    NAME_CONTEXT,
    TIME_CONTEXT,
    _name_hasher,
    lead_numbers,
    name_counts,
    time_marks,
)
from compare.stories.sparse_rows import top_per_row
from compare.text import content_words, name_phrases

N_FEATURES = 2**20
_TFIDF_CHUNK = 10_000  # rows weighted at a time
_TERMS_PER_DOC = 150  # heaviest TF-IDF terms kept per article
_FIGURE = re.compile(r"\d(?<!\w\d)[\d,.]*\d{2}\b")  # the boundary check after the digit: a faster search
# A word: a letter not preceded by a word character, then at least one more word character,
# apostrophe or hyphen, up to a word's end. The same as r"\b[^\W\d_][\w'-]+\b", but with the
# check of what precedes after the first letter: a pattern that opens with a character class
# is searched for fast (a fifth less time to tokenise).
TOKEN_PATTERN = r"[^\W\d_](?<!\w.)[\w'-]+\b"
_PARALLEL_FROM = 5000  # documents; below this, starting processes costs more than it saves


@dataclass
class Doc:
    """One article as the matcher sees it. The derived features are filled in by :func:`featurize`."""

    id: str
    outlet: str
    time: float  # days since the epoch
    title: str
    text: str
    story_id: str | None = None  # set for articles already in a story
    names: frozenset[str] | None = None  # multi-word name phrases of the lead
    figures: frozenset[str] | None = None  # numbers of three digits or more
    title_key: str | None = None  # the headline's content words, as rapidfuzz's default processor leaves them
    years: frozenset[int] | None = None
    dates: frozenset[str] | None = None  # days of the year named ("mar-11")
    weekdays: frozenset[str] | None = None
    lead_numbers: tuple[str, ...] | None = None  # every number of the headline and first lines, as written
    roundup: bool = False  # reports several separate incidents: matched by its lead (compare.stories.roundups)
    language: str | None = None  # as stored with the article (compare.language); None: not known yet
    # A stored article matched again (story_id None): the story it was alone in (compare.stories.assign).
    reopened_from: str | None = None
    # An article already in a story: the wire copy it is stored as (the article it copies, the share
    # of its text found there), so that a run rewrites only the articles whose placing changed.
    stored_wire: tuple[str | None, float | None] = (None, None)

    @property
    def previous_story(self) -> str | None:
        """The story the article was in before this run (None: a new article)."""
        return self.story_id or self.reopened_from

    def fill_features(self) -> None:
        if self.names is None:
            self._set(_features(self.title, self.text))

    def _set(self, features: Features) -> None:
        self.names, self.figures, self.title_key, self.years, self.dates, self.weekdays, self.lead_numbers = features

    def event_marks(self) -> tuple[frozenset[int], tuple[str, ...]]:
        """What a story's articles state alike and a look-alike event's do not: the years of the
        lead, and every number of its first lines (:class:`compare.stories.participants.GroupClash`)."""
        self.fill_features()
        return self.years, self.lead_numbers  # type: ignore[return-value]


# name phrases, figures, headline key, years, dates, weekdays, numbers of the first lines
Features = tuple[frozenset[str], frozenset[str], str, frozenset[int], frozenset[str], frozenset[str], tuple[str, ...]]


def _features(title: str, text: str) -> Features:
    # The lead names the actors; reading only it keeps large runs fast. Numbers of three
    # digits or more are distinctive; small counts are everywhere.
    lead = f"{title}. {text[:NAME_CONTEXT]}"
    names = frozenset(n.lower() for n in name_phrases(lead))
    marks = time_marks(lead[:TIME_CONTEXT])
    title_key = utils.default_process(" ".join(content_words(title)))
    return (names, frozenset(_FIGURE.findall(text)), title_key, marks.years, marks.dates, marks.weekdays,
            lead_numbers(lead))


def _featurize_chunk(items: list[tuple[str, str]], languages: list[str | None] | None = None,
                     ) -> tuple[sparse.csr_matrix, sparse.csr_matrix, list[Features]]:
    """Term counts, name-word counts and features of (title, text) items. ``languages``: each
    item's language; the function words of one not in English are not counted as terms (the
    hashed counter's stop words are English)."""
    languages = languages or [None] * len(items)
    counts = _vectorizer().transform(without_stop_words(f"{title}\n{text}", language or "")
                                     for (title, text), language in zip(items, languages)).tocsr()
    names = name_counts([f"{title}. {text}" for title, text in items])
    return counts, names, [_features(title, text) for title, text in items]


def _featurize_range(docs: list[Doc], start: int, stop: int) -> tuple[sparse.csr_matrix, sparse.csr_matrix,
                                                                       list[Features]]:
    chunk = docs[start:stop]
    return _featurize_chunk([(d.title, d.text) for d in chunk], [d.language for d in chunk])


def featurize(docs: list[Doc], processes: int = 1, cache: FeatureCache | None = None,
              ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Fill every doc's features; return the term counts and the name-word counts, one row per doc.

    Docs read before are taken from ``cache`` and the others kept there (see
    :mod:`compare.stories.feature_cache`); the result is the same either way. Big runs are shared
    out among ``processes`` processes.
    """
    def read(positions: list[int]) -> tuple[list[sparse.csr_matrix], list[Features]]:
        counts, names, features = _featurize_all([docs[n] for n in positions], processes)
        return [counts, names], features

    keys = [entry_key("doc", d.title, d.text, d.language) for d in docs] if cache is not None else [""] * len(docs)
    # An article never in a story was never read by an earlier run: it is not looked up.
    (counts, names), features = read_through(keys, [d.time for d in docs], cache, read,
                                             [d.previous_story is not None for d in docs])
    for doc, doc_features in zip(docs, features):  # type: ignore[arg-type]
        if doc.names is None:
            doc._set(doc_features)
    return counts, names


def _featurize_all(docs: list[Doc], processes: int) -> tuple[sparse.csr_matrix, sparse.csr_matrix, list[Features]]:
    """Term counts, name-word counts and features of ``docs``, shared out among ``processes`` processes."""
    workers = processes_for(len(docs), processes)
    if workers:  # made before forking: each worker would import scikit-learn again
        _vectorizer()
        _name_hasher()
    parts = map_forked(_featurize_range, docs, slices(len(docs), max(workers, 1) * 4), workers)
    features = [f for _, _, chunk in parts for f in chunk]
    names = _stack_rows([n for _, n, _ in parts], _name_hasher().n_features)
    matrices = [counts for counts, _, _ in parts]
    del parts  # so that _stack_rows can release each part as it goes
    return _stack_rows(matrices, N_FEATURES), names, features


def processes_for(items: int, processes: int) -> int:
    """Worker processes worth forking for ``items`` documents (0: do the work in this one)."""
    return processes if processes > 1 and items >= _PARALLEL_FROM else 0


def _stack_rows(parts: list[sparse.csr_matrix], width: int) -> sparse.csr_matrix:
    """The rows of ``parts`` in one matrix; each part is released as soon as it is copied.

    ``sparse.vstack`` holds every part and the result at once, the peak of a big run.
    """
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return sparse.csr_matrix((0, width), dtype=np.float32)
    nnz = sum(p.nnz for p in parts)
    data = np.empty(nnz, dtype=parts[0].dtype)
    indices = np.empty(nnz, dtype=np.int32)
    indptr = np.zeros(sum(p.shape[0] for p in parts) + 1, dtype=np.int64)
    row = at = 0
    columns = parts[0].shape[1]
    while parts:
        part = parts.pop(0)
        data[at:at + part.nnz] = part.data
        indices[at:at + part.nnz] = part.indices
        indptr[row + 1:row + part.shape[0] + 1] = part.indptr[1:] + at
        row, at = row + part.shape[0], at + part.nnz
        del part
    return sparse.csr_matrix((data, indices, indptr), shape=(row, columns))


class TermStats:
    """Document frequencies of hashed terms across every article matched so far."""

    def __init__(self, df: np.ndarray | None = None, n_docs: int = 0):
        self.df = df if df is not None else np.zeros(N_FEATURES, dtype=np.int32)
        self.n_docs = n_docs

    def add(self, counts: sparse.csr_matrix, rows: np.ndarray | None = None) -> None:
        """Count the documents of ``counts`` in: every row, or those where the mask ``rows`` is true."""
        counts.sum_duplicates()  # one entry per term and row, so entries count documents
        indices = counts.indices if rows is None else counts.indices[np.repeat(rows, np.diff(counts.indptr))]
        # A count of the entries per column, without the copies of the matrix a sum would make.
        self.df += np.bincount(indices, minlength=len(self.df)).astype(np.int32)
        self.n_docs += counts.shape[0] if rows is None else int(np.count_nonzero(rows))

    def idf(self) -> np.ndarray:
        return (np.log((1.0 + self.n_docs) / (1.0 + self.df)) + 1.0).astype(np.float32)


@cache
def _vectorizer():
    """The hashed term counter, made on first use (scikit-learn takes most of a second to import)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None, lowercase=True,
                             stop_words="english", token_pattern=TOKEN_PATTERN, dtype=np.float32)


def term_counts(docs: list[Doc]) -> sparse.csr_matrix:
    """Raw hashed term counts of each document's headline and text."""
    return _featurize_chunk([(d.title, d.text) for d in docs], [getattr(d, "language", None) for d in docs])[0]


def tfidf(counts: sparse.csr_matrix, stats: TermStats) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows, each cut to its strongest terms and L2-normalised, in compact
    columns; terms in over a third of all documents are dropped.

    What singles an event out is in an article's rarest, most repeated words; the long tail
    of common ones only makes every pair look a little alike (and makes the candidate
    products dense). Works on the arrays directly: at 100,000 articles the sparse-matrix
    operators cost several times more.
    """
    idf = stats.idf()
    if stats.n_docs >= 50:  # too common to tell events apart (and expensive to multiply)
        idf[stats.df > stats.n_docs / 3] = 0.0
    row_sizes, columns, values = [], [], []
    for start in range(0, counts.shape[0], _TFIDF_CHUNK):  # in chunks: bounded temporaries
        chunk = counts[start:start + _TFIDF_CHUNK]
        rows = np.repeat(np.arange(chunk.shape[0], dtype=np.int64), np.diff(chunk.indptr))
        weights = (1.0 + np.log(chunk.data)) * idf[chunk.indices]
        keep = weights > 0
        rows, chunk_columns, weights = rows[keep], chunk.indices[keep], weights[keep]
        chosen = top_per_row(rows, weights, _TERMS_PER_DOC)  # ascending, so rows stay in order
        rows, chunk_columns, weights = rows[chosen], chunk_columns[chosen], weights[chosen]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=chunk.shape[0]))
        norms[norms == 0] = 1.0
        row_sizes.append(np.bincount(rows, minlength=chunk.shape[0]))
        columns.append(chunk_columns.astype(np.int32))
        values.append((weights / norms[rows]).astype(np.float32))
    # Built as CSR directly: going through (row, column) pairs would cost several times the result.
    indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
    if row_sizes:
        np.cumsum(np.concatenate(row_sizes), out=indptr[1:])
    column = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int32)
    value = np.concatenate(values) if values else np.zeros(0, dtype=np.float32)
    used = np.zeros(counts.shape[1], dtype=bool)
    used[column] = True
    renumber = (np.cumsum(used) - 1).astype(np.int32)  # compact columns: products skip the empty ones
    return sparse.csr_matrix((value, renumber[column], indptr), shape=(counts.shape[0], int(used.sum())))


def tfidf_of_rows(counts: sparse.csr_matrix, stats: TermStats, rows: np.ndarray) -> sparse.csr_matrix:
    """:func:`tfidf` of the rows where the mask ``rows`` is true, the others left empty (a row's
    weights depend on its own counts and on ``stats`` alone, so each chosen row is as
    :func:`tfidf` of all would make it, up to the numbering of the compact columns)."""
    if rows.all():
        return tfidf(counts, stats)
    chosen = np.flatnonzero(rows)
    part = tfidf(counts[chosen], stats)
    lengths = np.zeros(counts.shape[0], dtype=np.int64)
    lengths[chosen] = np.diff(part.indptr)
    indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    return sparse.csr_matrix((part.data, part.indices, indptr), shape=(counts.shape[0], part.shape[1]))


def days(iso: str) -> float:
    """ISO 8601 date-time -> days since the epoch (the matcher's clock)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp() / 86400.0
