"""Who, where and when an article is about: the participants that tell look-alike events apart.

Two earthquakes, two rehab stays or two boxing title defences share their whole vocabulary
("magnitude", "rehab", "knockout"); what differs is who and where (Tara Reid against Lindsay
Lohan, one province against another) and when (the years the text gives). This module reads
those participants from each article, as sparse rows in the matcher's hashed term space, so
that the matcher can weigh them per pair of articles and per story:

- **name words**: capitalised words that do not open a sentence, weighted by how rare they
  are in the whole corpus (a name everybody mentions says little);
- **core names**: each article's heaviest name words; an article whose core names are absent
  from another article's whole text is about someone else;
- **when**: the years, days of the year and weekdays the text names;
- **event marks**: the years and the numbers a lead states (a magnitude, an edition, a
  score, an age): the articles of one event state them alike, and a look-alike event's
  articles state their own.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from compare.stopwords import ENGLISH_STOP_WORDS
from compare.stories.sparse_rows import keep_top_per_row, row_products

CORE_NAMES = 6  # heaviest name words that stand for an article
UNSHARED_CORE = 0.5  # share of a group's core participants the other group must lack for the two to clash
RARELY_MENTIONED = 0.25  # share of a group's articles below which a name is not one of its participants
NAME_CONTEXT = 3000  # characters of an article read for participants: the lead names its actors
TIME_CONTEXT = 1500  # characters read for years, dates and weekdays: a dateline and the lead give them
LEAD_NUMBERS = 600  # characters of headline and text read for the numbers that mark an event
_PARALLEL_NAMES = 5000  # texts; below this, starting processes costs more than it saves

_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
# A capitalised word preceded by a space that does not follow a sentence end, a colon or a
# quotation mark: inside a sentence, capitals mark names. The word pattern is the matcher's
# own, so that a name word and the same word in the running text hash alike. The checks come
# after the first letter: a pattern that opens with a character class is searched for fast.
_NAME_WORD = re.compile(r"[A-Z](?<=[^\S\n][A-Z])(?<![.!?\"“:]\s[A-Z])[\w'-]*[A-Za-z]\b")


def _tokens_as_given(tokens: list[str]) -> list[str]:
    return tokens


@cache
def _name_hasher():
    """Hashes name words into the same columns as the matcher's term vectorizer (same function,
    same width), so that a name can be looked up in any article's term counts. Made on first use:
    scikit-learn takes most of a second to import, which listing stories need not wait for."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=2**20, analyzer=_tokens_as_given, alternate_sign=False, norm=None,
                             dtype=np.float32)


def name_words(text: str) -> list[str]:
    """Lower-cased capitalised words that do not open a sentence (each occurrence).

    >>> name_words("Police said Tara Reid entered the Promises clinic in Malibu on Monday.")
    ['tara', 'reid', 'promises', 'malibu']
    """
    # A word the text also writes in lower case is an ordinary word capitalised by a
    # headline or a heading ("Quake Hits Island"), not a name.
    tokens = set(text.split())  # cheaper than a regex; a word may carry a comma or full stop
    decided: dict[str, str] = {}  # each distinct capitalised word is judged once
    words = []
    for found in _NAME_WORD.findall(text):
        word = decided.get(found)
        if word is None:
            word = (found[:-2] if found.endswith(("'s", "’s")) else found).lower()
            if len(word) < 2 or word in ENGLISH_STOP_WORDS or word in _CALENDAR or word in tokens \
                    or f"{word}," in tokens or f"{word}." in tokens:
                word = ""
            decided[found] = word
        if word:
            words.append(word)
    return words


def name_counts(texts: list[str], processes: int = 1) -> sparse.csr_matrix:
    """Hashed counts of each text's name words (its first :data:`NAME_CONTEXT` characters),
    shared out among ``processes`` forked processes when there are many texts."""
    from compare.forking import map_forked, slices

    _name_hasher()  # made before forking: each worker would import scikit-learn again
    workers = processes if processes > 1 and len(texts) >= _PARALLEL_NAMES else 0
    parts = map_forked(_name_counts_range, texts, slices(len(texts), max(workers, 1) * 4), workers)
    if not parts:
        return sparse.csr_matrix((0, _name_hasher().n_features), dtype=np.float32)
    return sparse.vstack(parts, format="csr") if len(parts) > 1 else parts[0]


def _name_counts_range(texts: list[str], start: int, stop: int) -> sparse.csr_matrix:
    return _name_hasher().transform(name_words(t[:NAME_CONTEXT]) for t in texts[start:stop]).tocsr()


# A number as written ("5.6", "1,200", the 81 of "81st"), not the tail of a word or of another number,
# nor an age or a span of years ("a 60-year-old", "41 years ago"): those count from the day of
# writing, so that outlets give them differently (60 or 61; "41 years ago" or "in 1967"). The
# check of what precedes comes after the first digit: a pattern that opens with a character class
# is searched for fast.
_NUMBER = re.compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)*(?!\d|[.,]\d|[\s-]+years?\b)")


def lead_numbers(lead: str) -> tuple[str, ...]:
    """Every number of the first :data:`LEAD_NUMBERS` characters of ``lead``, once each, thousands
    commas dropped. A tuple of interned strings: at 100,000 articles, sets of fresh strings
    would take tens of megabytes more.

    >>> lead_numbers("A 5.6 quake hit at 17:06; 1,200 homes and the 81st show, 5.6 at sea.")
    ('5.6', '17', '06', '1200', '81')
    >>> lead_numbers("A 60-year-old was charged in the 1967 killings, 41 years later.")
    ('1967',)
    """
    return tuple(dict.fromkeys(sys.intern(n.replace(",", "")) for n in _NUMBER.findall(lead[:LEAD_NUMBERS])))


_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
# One pass for every mark of time: a weekday, "March 11" / "Dec. 3", "11 March", a year, 11/28/05.
_WHEN = re.compile(
    r"\b(?=[A-Z0-9])(?:(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"|{_MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(\d{{1,2}})\s+{_MONTH}\b"
    r"|(19[5-9]\d|20[0-4]\d)\b"
    r"|\d{1,2}/\d{1,2}/(\d{2})\b)")


@dataclass(frozen=True)
class TimeMarks:
    """When a text says its events happened: years, days of the year ("mar-11") and weekdays."""

    years: frozenset[int]
    dates: frozenset[str]
    weekdays: frozenset[str]


def time_marks(text: str) -> TimeMarks:
    """The years, dates and weekdays ``text`` names, read in one pass.

    >>> marks = time_marks("Posted 11/27/2005. On Sunday, March 11, and 3 Dec. 1997, not in May 2008.")
    >>> sorted(marks.years), sorted(marks.dates), sorted(marks.weekdays)
    ([1997, 2005, 2008], ['dec-3', 'mar-11'], ['sunday'])
    """
    found_years: set[int] = set()
    found_dates: set[str] = set()
    found_days: set[str] = set()
    for weekday, month, day, day_first, month_after, year, short in _WHEN.findall(text):
        if weekday:
            found_days.add(weekday.lower())
        elif year:
            found_years.add(int(year))
        elif short:
            found_years.add(2000 + int(short) if int(short) < 50 else 1900 + int(short))
        else:
            name, number = (month, day) if month else (month_after, day_first)
            if 1 <= int(number) <= 31:
                found_dates.add(f"{name[:3].lower()}-{int(number)}")
    return TimeMarks(frozenset(found_years), frozenset(found_dates), frozenset(found_days))


def name_weights(names: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Hashed name counts weighted as the matcher weighs them: (1 + log count) times the name's idf."""
    weighted = names.copy().astype(np.float32)
    weighted.sum_duplicates()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    return weighted


def core_names(names: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Each row's :data:`CORE_NAMES` heaviest name words (:func:`name_weights`), in the hashed columns."""
    return keep_top_per_row(name_weights(names, idf), CORE_NAMES)


@dataclass
class Participants:
    """Participant rows of a list of documents, one row per document.

    ``names``: TF-IDF of name words, L2-normalised (name cosine is a row product).
    ``core``: each document's :data:`CORE_NAMES` heaviest name words, weights summing to 1.
    ``present``: which of the columns of ``core`` occur anywhere in each document's text.
    """

    names: sparse.csr_matrix
    core: sparse.csr_matrix
    present: sparse.csr_matrix

    @classmethod
    def build(cls, names: sparse.csr_matrix, counts: sparse.csr_matrix, idf: np.ndarray) -> Participants:
        """From hashed name counts, the documents' full term counts and the corpus's idf."""
        from sklearn.preprocessing import normalize

        weighted = name_weights(names, idf)
        core = keep_top_per_row(weighted, CORE_NAMES)
        columns = np.unique(core.indices)  # only the core names are ever looked up
        core = core[:, columns]
        row_sums = np.asarray(core.sum(axis=1)).ravel()
        row_sums[row_sums == 0] = 1.0
        core = sparse.csr_matrix(sparse.diags(1.0 / row_sums) @ core, dtype=np.float32)
        present = counts[:, columns]
        present.data = np.ones_like(present.data)
        return cls(normalize(weighted), core, sparse.csr_matrix(present, dtype=np.float32))

    def name_cosine(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """Cosine of the name words of each pair (low[k], high[k])."""
        return np.clip(row_products(self.names, self.names, low, high), 0.0, 1.0)

    def names_missing(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """For each pair, the smaller of the two shares of one article's core names absent from the other.

        High when each article is about someone the other never mentions: Rahman against
        Thompson in two reports of the same boxer's title defences.
        """
        missing_low = 1.0 - np.clip(row_products(self.core, self.present, low, high), 0.0, 1.0)
        missing_high = 1.0 - np.clip(row_products(self.core, self.present, high, low), 0.0, 1.0)
        has_names = np.diff(self.core.indptr) > 0  # an article without names cannot miss any
        return np.where(has_names[low] & has_names[high], np.minimum(missing_low, missing_high), 0.0)

    def clash(self, marks: Sequence[Sequence[Collection]] | None = None) -> GroupClash:
        """The group clash over these participants and, if given, each document's event marks
        (:meth:`compare.stories.vectors.Doc.event_marks`)."""
        return GroupClash(self, marks)


class GroupClash:
    """Whether two groups of articles are about different participants, judged on the whole groups.

    A group's core participants are the core names at least half its members (and two of
    them) share. Two groups of two or more clash when at least half of each one's core
    participants are hardly mentioned by the other (by under a quarter of its articles): the
    rehab stay of one actress and that of another, though every article of both says "rehab"
    and "Malibu". A single article is judged by the pair scores alone, which already weigh its
    missing names.

    Groups clash too over their event marks, kind by kind (years; numbers of the lead): when
    the marks at least half of each group (and two of its articles) state are not the other's,
    and under a quarter of the other group's articles state any of them. Two Oscar-host
    announcements share every name but the host's; one states the 81st ceremony in most of its
    leads, the other the 86th. An event's later reports that give a new figure still share the
    figures that most of the first ones gave, or the first ones gave none in common.
    """

    def __init__(self, participants: Participants, marks: Sequence[Sequence[Collection]] | None = None):
        self._core_rows, self._present_rows = participants.core, participants.present
        self._marks = marks
        # Read from the matrices only for the articles a merge decision looks at: most never are.
        self._core: dict[int, frozenset[int]] = {}
        self._present: dict[int, frozenset[int]] = {}

    def _row(self, matrix: sparse.csr_matrix, cache: dict[int, frozenset[int]], row: int) -> frozenset[int]:
        found = cache.get(row)
        if found is None:
            found = cache[row] = frozenset(matrix.indices[matrix.indptr[row]:matrix.indptr[row + 1]].tolist())
        return found

    def _core_of(self, members: list[int]) -> set[int]:
        counts = Counter(name for m in members for name in self._row(self._core_rows, self._core, m))
        needed = max(2.0, len(members) / 2)
        return {name for name, count in counts.items() if count >= needed}

    def _unmentioned(self, core: set[int], group: list[int]) -> bool:
        """True when at least half of ``core`` is mentioned by under a quarter of ``group``
        each: one article naming someone in passing (a past opponent, an earlier case)
        does not make that person one of the group's participants."""
        allowed = len(group) * RARELY_MENTIONED
        present = [self._row(self._present_rows, self._present, m) for m in group]
        missing = sum(sum(name in names for names in present) < allowed for name in core)
        return missing >= UNSHARED_CORE * len(core)

    def __call__(self, group_a: list[int], group_b: list[int]) -> bool:
        if len(group_a) < 2 or len(group_b) < 2:
            return False
        return self._names_clash(group_a, group_b) or self._marks_clash(group_a, group_b)

    def _names_clash(self, group_a: list[int], group_b: list[int]) -> bool:
        core_a = self._core_of(group_a)
        if not core_a or not self._unmentioned(core_a, group_b):
            return False
        core_b = self._core_of(group_b)
        return bool(core_b) and self._unmentioned(core_b, group_a)

    def _marks_clash(self, group_a: list[int], group_b: list[int]) -> bool:
        if self._marks is None:
            return False
        marks = self._marks
        for kind in range(len(marks[group_a[0]])):
            core_a = _common(marks, kind, group_a)
            core_b = _common(marks, kind, group_b) if core_a else set()
            if core_b and not core_a & core_b and _rarely_stated(marks, kind, core_a, group_b) \
                    and _rarely_stated(marks, kind, core_b, group_a):
                return True
        return False


def _common(marks: Sequence[Sequence[Collection]], kind: int, group: list[int]) -> set:
    """The marks of one kind that at least half of ``group`` (and two of its articles) state."""
    counts = Counter(mark for m in group for mark in marks[m][kind])
    needed = max(2.0, len(group) / 2)
    return {mark for mark, count in counts.items() if count >= needed}


def _rarely_stated(marks: Sequence[Sequence[Collection]], kind: int, core: set, group: list[int]) -> bool:
    """True when each mark of ``core`` is stated by under a quarter of ``group``."""
    allowed = len(group) * RARELY_MENTIONED
    return all(sum(mark in marks[m][kind] for m in group) < allowed for mark in core)
