"""Framing: loaded and emotive wording, hedges, unattributed claims, tone.

Every cue points at the sentence that holds it. Cues come from a documented lexicon
(``compare/data/lexicon.toml``, extendable with a user file) and, for emotive wording, from
the VADER sentiment lexicon. None of this judges an outlet; it shows where to look. Word-choice
contrasts between outlets are :mod:`compare.analysis.wording`'s.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from compare.analysis.parse import ParsedArticle, parse_article
from compare.errors import ConfigError
from compare.language import ENGLISH, UNKNOWN
from compare.text import split_sentences

CATEGORIES = ("label", "emotive", "loaded_verb", "intensifier", "euphemism", "hedge")
# Loaded wording proper; hedges are a finding of their own (speculation, not colour).
LOADED = ("label", "emotive", "loaded_verb", "intensifier", "euphemism")
UNATTRIBUTED = "unattributed"
_VADER_STRENGTH = 2.3  # |valence| from which a VADER word counts as emotive
# Words VADER rates but that news uses plainly ("help", "support", "killed" in a casualty report).
_VADER_PLAIN = frozenset({
    "like", "likes", "liked", "good", "well", "help", "helps", "helped", "support", "supports", "supported",
    "please", "yes", "no", "agree", "agreed", "thank", "thanks", "best", "better", "care", "free", "freedom",
    "safe", "safety", "security", "peace", "protect", "protection", "win", "won", "killed", "dead", "death",
    "died", "war", "crisis", "attack", "attacks", "charges", "charged", "accused", "police", "prison",
    "injured", "lost", "loss", "fire", "friend", "friends", "true", "want", "hope", "ok", "okay", "justice",
    "fight", "fighting", "interest", "united", "important", "ready", "strong", "clear", "positive", "negative",
    "problem", "problems", "risk", "debt", "cut", "cuts", "fine", "fines", "fined", "jobs", "prisoner",
    "prisoners", "demand", "demands", "rejected", "victims", "victim",
})
# Nouns name the topic ("racism", "brutality", "injustice") and turn up in neutral reports of
# it as often as in slanted ones; the colouring is in adjectives, adverbs and verbs.
_NOUN_ENDINGS = ("ism", "ity", "ness", "tion", "sion", "ment", "ence", "ance", "age", "ship", "hood", "ist", "ists")
# Adverbs of manner ("angrily", "vigorously") colour an action; these -ly words only place it.
_PLAIN_LY = frozenset({
    "only", "early", "likely", "unlikely", "family", "daily", "weekly", "monthly", "yearly", "quarterly", "july",
    "italy", "reply", "supply", "apply", "rely", "ally", "nearly", "largely", "mostly", "recently", "currently",
    "previously", "formerly", "initially", "officially", "publicly", "privately", "separately", "directly",
    "approximately", "roughly", "exactly", "immediately", "subsequently", "eventually", "originally",
    "reportedly", "allegedly", "apparently", "possibly", "probably", "partly", "fully", "mainly", "jointly",
    "simultaneously", "respectively", "similarly", "additionally", "accordingly", "specifically", "especially",
    "particularly", "generally", "usually", "typically", "normally", "certainly", "actually", "already",
    "lately", "shortly", "briefly", "slightly", "quickly", "slowly", "online", "friendly", "assembly", "italy",
    "anomaly", "only", "holy", "ugly", "belly", "bully", "rally", "tally", "lily", "emily", "kelly", "sally",
    "molly", "billy", "finally", "later", "newly", "internationally", "nationally", "locally", "globally",
    "legally", "politically", "economically", "financially", "militarily", "physically", "technically",
    "federally", "annually", "equally", "effectively", "relatively", "entirely", "completely", "totally",
    "temporarily", "permanently", "potentially", "widely", "partially", "primarily", "ultimately",
    "successfully", "unanimously", "narrowly", "independently", "automatically", "gradually", "historically",
    "traditionally", "personally", "seriously", "critically", "fatally", "freshly", "nearby", "elderly",
})
_ATTRIBUTION = re.compile(
    r"\b(said|says|say|told|tells|added|according to|stated|argued|argues|warned|claimed|insisted|"
    r"announced|wrote|reported|noted|explained|asked|urged|described|called)\b", re.I)


@dataclass(frozen=True)
class Cue:
    """One highlighted piece of wording: where it is, what it is, and the sentence around it."""

    category: str
    term: str  # as written in the text
    sentence_index: int
    sentence: str
    start: int  # character offsets in the sentence
    end: int


@dataclass(frozen=True)
class Anchors:
    """The first words of a category's terms: a sentence with none of them holds no term of it."""

    words: frozenset[str]
    prefixes: tuple[str, ...]  # first words that end in a wildcard ("terror*")

    @classmethod
    def of(cls, terms: list[str]) -> Anchors | None:
        """None when a term's first word is not plain letters, digits and hyphens (search always)."""
        words, prefixes = set(), []
        for term in terms:
            head, star, _ = term.lower().split()[0].partition("*")
            if not head or not all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in head):
                return None
            if star:
                prefixes.append(head)
            else:
                words.add(head)
        return cls(frozenset(words), tuple(prefixes))

    def may_match(self, words: set[str]) -> bool:
        """Whether a sentence of these (lower-cased) words can hold one of the terms."""
        return not self.words.isdisjoint(words) or any(w.startswith(self.prefixes) for w in words)


_TERM_WORD = re.compile(r"[\w-]+")  # a term starts where a run of these does: (?<![\w-])


@dataclass(frozen=True)
class Lexicon:
    patterns: dict[str, re.Pattern[str]]  # category -> one alternation of all its terms
    neutral: dict[str, str]  # loaded term -> neutral wording
    # category -> its terms' first words: most sentences hold none, and the pattern (one
    # alternation of hundreds of terms, tried at every character) is the slow part.
    anchors: dict[str, Anchors | None] = field(default_factory=dict)
    # A sentence is searched for cues and again for each fact it stands in: searched once.
    _found: dict[str, list[tuple[str, re.Match[str]]]] = field(default_factory=dict, repr=False, compare=False)
    # (sentence, English or not) -> its cues (sentence index 0): the outlets of a story often
    # print the same sentence (wire copy, a shared statement), read once while it is recent.
    _cues: dict[tuple[str, bool], tuple[Cue, ...]] = field(default_factory=dict, repr=False, compare=False)
    # category -> its terms (lower-cased, sorted, once each): what the fingerprint is made of.
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language code -> the lexicon of articles written in it ("es", "ru"); English is this one.
    languages: dict[str, Lexicon] = field(default_factory=dict)

    def for_language(self, language: str) -> Lexicon | None:
        """The lexicon for an article in ``language`` (this one for English or an unknown
        language), or None when there is none for it."""
        return self if language in (ENGLISH, UNKNOWN) else self.languages.get(language)

    def or_language(self, language: str) -> Lexicon:
        """The lexicon that compares texts in ``language``: that language's where there is one,
        else this one (its loaded terms still mark any English words such texts quote)."""
        return self.for_language(language) or self

    @cached_property
    def fingerprint(self) -> str:
        """Changes with any term, category or neutral wording: part of what analysis depends on.

        Made of sorted terms, never of set or dict order, so that every process (whatever its
        PYTHONHASHSEED) gets the same fingerprint and a second run finds nothing to re-analyse."""
        terms = self.terms or {c: (p.pattern,) for c, p in self.patterns.items()}  # a lexicon built by hand
        text = "\n".join([*(f"{c}\x00" + "\x01".join(sorted(ts)) for c, ts in sorted(terms.items())),
                          *(f"{k}\x00{v}" for k, v in sorted(self.neutral.items())),
                          *(f"{code}\x00{lexicon.fingerprint}" for code, lexicon in sorted(self.languages.items()))])
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def find(self, sentence: str) -> list[tuple[str, re.Match[str]]]:
        cached = self._found.get(sentence)
        if cached is None:
            words = set(_TERM_WORD.findall(sentence.lower()))
            found = [(category, m) for category, pattern in self.patterns.items()
                     if (anchors := self.anchors.get(category)) is None or anchors.may_match(words)
                     for m in pattern.finditer(sentence)]
            cached = sorted(found, key=lambda item: (item[1].start(), -item[1].end()))
            if len(self._found) > 20_000:
                self._found.clear()
            self._found[sentence] = cached
        return cached


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, extended by the user's file ``extra`` (same format) if given.

    Its ``[languages.<code>]`` tables hold the lists of other languages, each in the same shape."""
    documents = [_builtin_lexicon_text()]
    if extra:
        path = Path(extra)
        try:
            documents.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the lexicon: {exc.strerror or exc}") from None
    parsed: list[tuple[str, dict]] = []
    for number, text in enumerate(documents):
        where = "built-in lexicon" if number == 0 else str(extra)
        try:
            parsed.append((where, tomllib.loads(text)))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML: {exc}") from None
    codes = sorted({code for _, document in parsed for code in document.get("languages", {})})
    for where, document in parsed:
        for code in document.get("languages", {}):
            if not re.fullmatch(r"[a-z]{2}", code) or code == ENGLISH:
                raise ConfigError(f"{where}: [languages.{code}] is not a two-letter language code other than "
                                  "'en' (English terms go in [categories])")
    languages = {code: _lexicon([(where, document.get("languages", {}).get(code, {})) for where, document in parsed])
                 for code in codes}
    return _lexicon(parsed, languages)


def _lexicon(documents: list[tuple[str, dict]], languages: dict[str, Lexicon] | None = None) -> Lexicon:
    """One language's lexicon from the ``categories`` and ``neutral`` tables of each document."""
    terms: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    neutral: dict[str, str] = {}
    for where, document in documents:
        for category, body in document.get("categories", {}).items():
            if category not in terms:
                raise ConfigError(f"{where}: unknown category {category!r}; known: {', '.join(CATEGORIES)}")
            terms[category] += [t for t in body.get("terms", []) if isinstance(t, str) and t.strip()]
        neutral.update({k.lower(): v for k, v in document.get("neutral", {}).items()})
    return Lexicon({c: _pattern(ts) for c, ts in terms.items() if ts}, neutral,
                   {c: Anchors.of(ts) for c, ts in terms.items() if ts},
                   terms={c: _unique_terms(ts) for c, ts in terms.items() if ts}, languages=languages or {})


@cache
def _builtin_lexicon_text() -> str:
    return resources.files("compare.data").joinpath("lexicon.toml").read_text(encoding="utf-8")


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon()


def _unique_terms(terms: list[str]) -> tuple[str, ...]:
    """The terms lower-cased, once each, longest first and alphabetical among equals: the same
    order in every process (a set's order changes with PYTHONHASHSEED)."""
    return tuple(sorted({t.lower() for t in terms}, key=lambda t: (-len(t), t)))


def _pattern(terms: list[str]) -> re.Pattern[str]:
    parts = []
    # Longest first, so that an alternation prefers "special military operation" to "operation".
    for term in _unique_terms(terms):
        escaped = re.escape(term).replace(r"\*", r"[\w-]*").replace(r"\ ", r"\s+")
        parts.append(escaped)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@cache
def word_valence(word: str) -> float:
    """How strongly VADER rates a lower-cased word (-4 to 4; 0 for a word it does not rate, or
    one of the plain words it overrates: "kill" in "killed in a crash" is a report, not a choice)."""
    return 0.0 if word in _VADER_PLAIN else float(_vader().lexicon.get(word, 0.0))


@cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@cache
def _strong_vader_words() -> frozenset[str]:
    return frozenset(w for w, v in _vader().lexicon.items()
                     if abs(v) >= _VADER_STRENGTH and w.isalpha() and w not in _VADER_PLAIN
                     and not w.endswith(_NOUN_ENDINGS))


def sentence_cues(sentence: str, index: int = 0, lexicon: Lexicon | None = None, english: bool = True) -> list[Cue]:
    """The cues of one sentence, without overlaps (the longest, earliest match wins). Only the
    lexicon's for a sentence not in English (``english`` False): VADER and the -ly adverbs read
    English."""
    lexicon = lexicon or default_lexicon()
    found = lexicon._cues.get((sentence, english))
    if found is None:
        found = tuple(_sentence_cues(sentence, lexicon, english))
        if len(lexicon._cues) > 20_000:
            lexicon._cues.clear()
        lexicon._cues[(sentence, english)] = found
    return [replace(cue, sentence_index=index) for cue in found] if index else list(found)


def _sentence_cues(sentence: str, lexicon: Lexicon, english: bool) -> list[Cue]:
    """:func:`sentence_cues` of a sentence at index 0."""
    index = 0
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for category, match in lexicon.find(sentence):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        taken.append((match.start(), match.end()))
        cues.append(Cue(category, match.group(0), index, sentence, match.start(), match.end()))
    if not english:
        return sorted(cues, key=lambda c: c.start)
    strong = _strong_vader_words()
    words = list(re.finditer(r"[A-Za-z]+", sentence))
    # In running text a capital inside the sentence starts a name ("Supreme Court", "Islamic
    # State"): names are not word choice. Headlines in title case capitalise every word.
    title_case = sum(w.group(0)[0].isupper() for w in words) > 0.6 * len(words)
    for position, match in enumerate(words):
        word = match.group(0).lower()
        if position > 0 and not title_case and match.group(0)[0].isupper():
            continue
        if word in strong:
            category = "emotive"
        elif word.endswith("ly") and len(word) > 5 and word not in _PLAIN_LY:
            category = "intensifier"  # an adverb of manner: "angrily", "vigorously", "wildly"
        else:
            continue
        # Only a word that would be a cue is checked against those taken (most words are none).
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        taken.append((match.start(), match.end()))
        cues.append(Cue(category, match.group(0), index, sentence, match.start(), match.end()))
    return sorted(cues, key=lambda c: c.start)


def _parsed(text: str | ParsedArticle) -> ParsedArticle:
    return text if isinstance(text, ParsedArticle) else parse_article("", "", "", text)


def article_cues(title: str, text: str | ParsedArticle, lexicon: Lexicon | None = None) -> list[Cue]:
    """Every cue in a headline (sentence index -1) and its article's sentences, plus
    unattributed claims: loaded or emotive sentences that name no source and quote no one.

    ``text`` may be the article already parsed (:func:`compare.analysis.parse.parse_article`), so that
    sentence indices are those of every other table. An article in another language than English
    gets the cues of the lexicon's lists for its language (none when it has none)."""
    article = _parsed(text)
    english = article.language in (ENGLISH, UNKNOWN)
    lexicon = (lexicon or default_lexicon()).for_language(article.language)
    if lexicon is None:
        return []
    cues = sentence_cues(title, -1, lexicon, english) if title else []
    for parsed in article.sentences:
        sentence, index = parsed.text, parsed.index
        found = sentence_cues(sentence, index, lexicon, english)
        cues += found
        loaded = [c for c in found if c.category in ("label", "emotive", "loaded_verb")]
        # "Unattributed" reads English reporting verbs: another language's sentences are not judged.
        if english and loaded and not _ATTRIBUTION.search(sentence) and not parsed.quotes and '"' not in sentence:
            first = loaded[0]
            cues.append(Cue(UNATTRIBUTED, first.term, index, sentence, first.start, first.end))
    return cues


def tone(text: str | ParsedArticle) -> float:
    """VADER compound tone of a text, -1 (negative) to +1 (positive), averaged over sentences."""
    # A text needs only its sentences here, not a full parse.
    sentences = (split_sentences(text) if isinstance(text, str) else [s.text for s in text.sentences]) \
        or ([text] if isinstance(text, str) else [])
    scores = [_compound(s) for s in sentences if s.strip()]
    return round(sum(scores) / len(scores), 3) if scores else 0.0


# The outlets of a story often print the same sentence (wire copy, a shared statement): VADER,
# the slowest part of tone, reads each one once while it is recent.
@lru_cache(maxsize=16384)
def _compound(sentence: str) -> float:
    """VADER's compound score of one sentence (0 without a word it rates: see :func:`_may_have_tone`)."""
    return _vader().polarity_scores(sentence)["compound"] if _may_have_tone(sentence) else 0.0


def _may_have_tone(sentence: str) -> bool:
    """False when VADER would score the sentence 0: none of its words is in VADER's lexicon and
    it has no emoji (a third of news sentences; VADER reads every character of each)."""
    lexicon, emojis = _vader().lexicon, _vader_emojis()
    if not emojis.isdisjoint(sentence):
        return True
    for token in sentence.split():
        lowered = token.lower()
        if lowered in lexicon or lowered.strip(string.punctuation) in lexicon:
            return True
    return False


@cache
def _vader_emojis() -> frozenset[str]:
    return frozenset(e for e in _vader().emojis if len(e) == 1)  # VADER replaces emojis one character at a time
