"""One parse per article: its sentences, each with its names, quantities and quotes.

Alignment, framing cues, sources and tone all read the same :class:`ParsedArticle`, so a
``sentence_index`` means the same sentence in every table, and no stage splits the text again.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from compare.language import detect_language
from compare.quantities import Quantity, quantities
from compare.text import (
    mid_sentence_capitals,
    quoted_spans,
    sentence_names,
    split_sentences,
)

MIN_FACT_WORDS = 5  # shorter sentences (sign-offs, captions, datelines) are not facts

# Lines that say who wrote or photographed the piece, or point elsewhere: never a fact.
_BOILERPLATE = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|research|graphics|translated|"
    r"video|photos?)\s+by\b"
    # "By Jane Smith, Political Editor", not "By Friday, the talks had failed": names and role capitalised
    r"|^by\s+(?-i:[A-Z])[\w.'’-]+(?:\s+(?:and\s+)?(?-i:[A-Z])[\w.'’-]+){0,4}\s*(?:[,|•·-]\s*(?-i:[A-Z])[^.]{0,50})?$"
    r"|\b(?:photo|photograph|image|picture|illustration|credit)s?(?:\s+by)?\s*:"
    r"|(?:/|via|\()\s*(?:getty\s+images|reuters|ap\s+photo|afp|epa|shutterstock|alamy)\b"
    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+report"
    r"|\ball\s+rights\s+reserved\b|^copyright\b|©"
    r"|^(?:sign\s+up|subscribe|click\s+here|read\s+more|follow\s+(?:us|him|her|them)|share\s+this|"
    # calls to readers: "Vote in our poll", "Tell us what you think", "Have your say"
    r"vote\s+(?:in\s+our|now)|tell\s+us\b|let\s+us\s+know|have\s+your\s+say|join\s+the\s+(?:conversation|debate)|"
    r"share\s+your\s+(?:views|thoughts|story|stories)|send\s+us|e-?mail\s+us|write\s+to\s+us|"
    r"download\s+(?:our|the)\s+app|"
    r"watch\s*:|listen\s*:|related\s*:|advertisement\b|this\s+(?:story|article)\s+(?:has\s+been|was)\s+updated|"
    r"updated\s*:|published\s*:|last\s+updated)",
    re.IGNORECASE)
# "LONDON (Reuters) - ", "KYIV, March 3 (AP) — ": where and by whom, before the fact itself.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’\- ]{1,40}(?:/[A-Z][A-Z.'’\- ]{1,30})?(?:,\s*[A-Z][a-z]+\.?(?:\s+\d{1,2})?(?:,\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-—–]+\s*")


@dataclass(frozen=True)
class ParsedSentence:
    """One sentence of an article, as every stage sees it."""

    index: int  # position among the article's sentences: the same in every table
    text: str  # as written
    names: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    quotes: tuple[str, ...]
    boilerplate: bool  # a byline, credit or pointer: not a fact
    headline_like: bool  # title case or no closing punctuation: a headline or crosshead

    @property
    def core(self) -> str:
        """The text without a leading dateline ("LONDON (Reuters) - "): what the sentence reports."""
        return without_dateline(self.text) or self.text

    @property
    def is_fact(self) -> bool:
        """Whether the sentence can report a fact: not boilerplate, and long enough."""
        return not self.boilerplate and len(self.core.split()) >= MIN_FACT_WORDS


@dataclass
class ParsedArticle:
    """An article split once into sentences."""

    id: str
    outlet: str
    title: str
    text: str
    sentences: list[ParsedSentence] = field(default_factory=list)
    kind: str = "report"  # compare.kinds: report, opinion or analysis
    language: str = ""  # the language it is written in (ISO 639-1; "" when unsure): compare.language

    @cached_property
    def fact_sentences(self) -> list[ParsedSentence]:
        return [s for s in self.sentences if s.is_fact]


def parse_article(id: str, outlet: str, title: str, text: str,
                  sentences: list[str] | None = None, kind: str = "report", language: str = "") -> ParsedArticle:
    """Split ``text`` into sentences and find each one's names, quantities and quotes.

    ``sentences`` gives the split instead (a data set's own sentences, so that its
    annotations' sentence indices stay valid); ``language`` is the article's as stored (read
    from its words here when not given)."""
    # Its language decides where its sentences end and how its numbers are written ("1.200").
    language = language or detect_language(f"{title}\n{text}")
    split = sentences if sentences is not None else split_sentences(text, language)
    # "Peskov said ..." opens its sentence: the name is known from the rest of the article.
    capitalised = mid_sentence_capitals(text)
    return ParsedArticle(id, outlet, title, text,
                         [parse_sentence(i, s, capitalised, language) for i, s in enumerate(split)], kind, language)


def without_dateline(text: str) -> str:
    """The text without a leading dateline ("LONDON (Reuters) - ")."""
    return _DATELINE.sub("", text, count=1).strip()


def is_boilerplate(text: str) -> bool:
    """Whether a line says who wrote or photographed the piece, or points elsewhere."""
    core = without_dateline(text)  # "(Reuters)" in a dateline is no photo credit
    return not core or bool(_BOILERPLATE.search(core))


def parse_sentence(index: int, text: str, known_capitals: AbstractSet[str] = frozenset(),
                   language: str = "") -> ParsedSentence:
    """One sentence's parts (see :class:`ParsedSentence`).

    ``known_capitals`` are the words the article capitalises inside sentences (see
    :func:`compare.text.proper_names`); ``language`` is the article's (its numbers are read
    as that language writes them)."""
    words = text.split()
    capitalised = sum(w[:1].isupper() for w in words if w[:1].isalpha())
    headline_like = not text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'", ")")) \
        or capitalised > 0.6 * max(1, len(words))
    return ParsedSentence(index, text, sentence_names(text, known_capitals), _quantities(text, language),
                          tuple(quoted_spans(text)), is_boilerplate(text), headline_like)


# A sentence's quantities depend on its words and language alone, and the outlets of a story
# often print the same sentence (wire copy, a shared statement): each is read once while recent.
@lru_cache(maxsize=16384)
def _quantities(text: str, language: str) -> tuple[Quantity, ...]:
    return tuple(quantities(text, language))


def sentence_rows(article: ParsedArticle) -> list[tuple[str, int, int | None, int | None, str | None]]:
    """Where each sentence stands in the article's text: (article_id, index, start, end, None);
    a sentence that is not a piece of the text as written (lines joined) keeps its own text.
    The headline is index -1, read from the article's title."""
    rows: list[tuple[str, int, int | None, int | None, str | None]] = [(article.id, -1, None, None, None)]
    cursor = 0
    for sentence in article.sentences:
        start = article.text.find(sentence.text, cursor)
        if start < 0:
            rows.append((article.id, sentence.index, None, None, sentence.text))
            continue
        cursor = start + len(sentence.text)
        rows.append((article.id, sentence.index, start, cursor, None))
    return rows
