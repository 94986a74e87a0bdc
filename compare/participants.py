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
- **when**: the years, days of the year and weekdays the text names.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.preprocessing import normalize

from compare.sparse_rows import keep_top_per_row, row_products

CORE_NAMES = 6  # heaviest name words that stand for an article
UNSHARED_CORE = 0.5  # share of a group's core participants the other group must lack for the two to clash
RARELY_MENTIONED = 0.25  # share of a group's articles below which a name is not one of its participants
NAME_CONTEXT = 3000  # characters of an article read for names: the lead names its actors

_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
# A capitalised word preceded by a space that does not follow a sentence end, a colon or a
# quotation mark: inside a sentence, capitals mark names. The word pattern is the matcher's
# own, so that a name word and the same word in the running text hash alike.
_NAME_WORD = re.compile(r"(?<![.!?\"“:]\s)(?<=[^\S\n])([A-Z][\w'-]*[A-Za-z])\b")
_LOWER_WORD = re.compile(r"\b[a-z][\w'-]*[a-z]\b")
_POSSESSIVE = re.compile(r"['’]s$")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b|\b\d{1,2}/\d{1,2}/(\d{2})\b")


def _tokens_as_given(tokens: list[str]) -> list[str]:
    return tokens


# Hashes name words into the same columns as the matcher's term vectorizer (same function,
# same width), so that a name can be looked up in any article's term counts.
_NAME_HASHER = HashingVectorizer(n_features=2**20, analyzer=_tokens_as_given, alternate_sign=False, norm=None,
                                 dtype=np.float32)


def name_words(text: str) -> list[str]:
    """Lower-cased capitalised words that do not open a sentence (each occurrence).

    >>> name_words("Police said Tara Reid entered the Promises clinic in Malibu on Monday.")
    ['tara', 'reid', 'promises', 'malibu']
    """
    # A word the text also writes in lower case is an ordinary word capitalised by a
    # headline or a heading ("Quake Hits Island"), not a name.
    ordinary = set(_LOWER_WORD.findall(text))
    words = []
    for match in _NAME_WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group(1)).lower()
        if len(word) > 1 and word not in ENGLISH_STOP_WORDS and word not in _CALENDAR and word not in ordinary:
            words.append(word)
    return words


def name_counts(texts: list[str]) -> sparse.csr_matrix:
    """Hashed counts of each text's name words (its first :data:`NAME_CONTEXT` characters)."""
    return _NAME_HASHER.transform(name_words(t[:NAME_CONTEXT]) for t in texts).tocsr()


def years(text: str) -> frozenset[int]:
    """Years written in the text, including those of dates like 11/28/05.

    >>> sorted(years("Posted 11/27/2005; the quake of 1997 and the rules of 2008."))
    [1997, 2005, 2008]
    """
    found = set()
    for year, short in _YEAR.findall(text):
        if year:
            found.add(int(year))
        else:
            found.add(2000 + int(short) if int(short) < 50 else 1900 + int(short))
    return frozenset(found)


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|" \
         r"Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})\s+{_MONTH}\b")


def weekdays(text: str) -> frozenset[str]:
    """Weekdays the text names ("on Sunday"): when the events it reports happened."""
    return frozenset(day.lower() for day in _WEEKDAY.findall(text))


def dates(text: str) -> frozenset[str]:
    """Days of the year the text names, as "mon-day" ("March 11", "11 March", "Dec. 15" -> "mar-11", "dec-15").

    >>> sorted(dates("On March 11 and 3 Dec. the court sat; in May 2008 it did not."))
    ['dec-3', 'mar-11']
    """
    found = set()
    for month, day, day_first, month_after in _DATE.findall(text):
        name, number = (month, day) if month else (month_after, day_first)
        if 1 <= int(number) <= 31:
            found.add(f"{name[:3].lower()}-{int(number)}")
    return frozenset(found)


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
        weighted = names.copy().astype(np.float32)
        weighted.sum_duplicates()
        weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
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
        # An article without names cannot miss any.
        has_low = np.diff(self.core.indptr)[low] > 0
        has_high = np.diff(self.core.indptr)[high] > 0
        return np.where(has_low & has_high, np.minimum(missing_low, missing_high), 0.0)

    def clash(self) -> GroupClash:
        return GroupClash(self)


class GroupClash:
    """Whether two groups of articles are about different participants, judged on the whole groups.

    A group's core participants are the core names at least half its members (and two of
    them) share. Two groups of two or more clash when each has a core participant the other
    group (almost) never mentions: the rehab stay of one actress and that of another, though every
    article of both says "rehab" and "Malibu". A single article is judged by the pair scores
    alone, which already weigh its missing names.
    """

    def __init__(self, participants: Participants):
        core, present = participants.core, participants.present
        self._core = [frozenset(core.indices[core.indptr[n]:core.indptr[n + 1]].tolist())
                      for n in range(core.shape[0])]
        self._present = [frozenset(present.indices[present.indptr[n]:present.indptr[n + 1]].tolist())
                         for n in range(present.shape[0])]

    def _core_of(self, members: list[int]) -> set[int]:
        counts = Counter(name for m in members for name in self._core[m])
        needed = max(2.0, len(members) / 2)
        return {name for name, count in counts.items() if count >= needed}

    def _unmentioned(self, core: set[int], group: list[int]) -> bool:
        """True when at least half of ``core`` is mentioned by under a quarter of ``group``
        each: one article naming someone in passing (a past opponent, an earlier case)
        does not make that person one of the group's participants."""
        allowed = len(group) * RARELY_MENTIONED
        missing = sum(sum(name in self._present[m] for m in group) < allowed for name in core)
        return missing >= UNSHARED_CORE * len(core)

    def __call__(self, group_a: list[int], group_b: list[int]) -> bool:
        if len(group_a) < 2 or len(group_b) < 2:
            return False
        core_a = self._core_of(group_a)
        if not core_a or not self._unmentioned(core_a, group_b):
            return False
        core_b = self._core_of(group_b)
        return bool(core_b) and self._unmentioned(core_b, group_a)
