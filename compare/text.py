"""Text units shared by the matcher and the analyser: sentences, tokens, proper names, numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*\w|[^\W\d_]|\d[\d,.]*|[^\w\s]", re.UNICODE)
_QUOTES = {"\"", "“", "”", "‘", "’", "'", "(", "[", "—", "-", "–"}
# Lower-case words that may sit inside a name ("Bank of England", "Ministry for the Interior").
_NAME_JOINERS = {"of", "for", "on", "the", "de", "van", "von", "al", "bin", "la", "le", "del", "da"}
# Joiners that link a name to an organisation or place: "Fiona Hill of the Brookings Institution" is two
# names; "Bank of England", "Council on Foreign Relations", "Ministry for the Interior" are one.
_LINKING_JOINERS = {"of", "for", "on"}
# Job titles in front of a name: "Foreign Minister Annalena Baerbock" is the name "Annalena Baerbock".
_ROLE_WORDS = {
    "Foreign", "Defence", "Defense", "Prime", "Deputy", "Former", "Justice", "Interior", "Finance", "Trade",
    "Economy", "Health", "Vice", "Chief", "Secretary", "Minister", "President", "Governor", "Mayor", "Senator",
    "Sen", "Rep", "Gov", "Judge", "Commissioner", "Spokeswoman", "Spokesman", "Spokesperson", "Ambassador",
    "Envoy", "Director", "Chairman", "Chairwoman", "Chair", "Leader", "Opposition", "General", "Gen",
    "Colonel", "Captain", "Head", "Professor", "Prof", "Dr", "Mr", "Mrs", "Ms", "Sir", "Lady", "Lord",
    "King", "Queen", "Prince", "Pope", "Regional", "Provincial", "State", "Federal", "Supreme", "Speaker",
    "Lawmaker", "Treasury", "Secretary-General", "Attorney", "Police", "Commander",
}
# Words that make a name an organisation: the role words before them stay ("Foreign Ministry").
_ORG_WORDS = {
    "Ministry", "Office", "Department", "Court", "Bank", "Union", "Council", "Party", "Service", "Agency",
    "Committee", "Institute", "University", "Association", "Federation", "Republic", "Parliament", "Senate",
    "House", "Assembly", "Commission", "Authority", "Administration", "Government", "Army", "Navy", "Force",
    "Forces", "Guard", "Police", "Center", "Centre", "Foundation", "Fund", "Board", "Bureau", "Group",
    "Organisation", "Organization", "Society", "League", "Coalition", "Alliance", "Conference", "Corporation",
    "Company", "School", "College", "Academy", "Chamber", "Museum", "Library", "Network", "Movement", "Front",
    "States", "Kingdom", "Emirates", "Nations", "Reserve", "Circuit", "District", "Department",
}
# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Prof", "Lt", "Col", "Capt", "Sgt",
                 "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "No", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
                 "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.K", "U.N", "E.U", "a.m", "p.m", "e.g", "i.e"}
# Capitalised words that are not names on their own: sentence openers, days, months, pronouns.
_NOT_NAMES = frozenset(
    {w.capitalize() for w in ENGLISH_STOP_WORDS}
    | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
       "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
       "Reporting", "Editing", "According", "Read", "More", "Watch", "Photo", "Video", "Updated", "Published",
       "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
       "Later", "Earlier", "Meanwhile", "However", "Still", "Instead", "Indeed", "Finally", "Separately",
       "Overall", "Last", "Next", "Both", "Many", "Most", "Several", "Such", "Now", "Then", "Also", "Even",
       "Just", "Like", "Unlike", "Despite", "Although", "Though", "Because", "Since", "Until", "Asked",
       "Speaking", "Writing", "Officials", "Residents", "Critics", "Supporters", "Analysts", "Experts",
       "Tell", "Yes", "No", "Our", "Their", "His", "Her", "Its", "Today", "Tonight", "Yesterday", "Tomorrow"}
    | _ROLE_WORDS)


def jaccard(a: AbstractSet[Hashable], b: AbstractSet[Hashable]) -> float:
    """Shared share of two sets: |a & b| / |a | b|, 0 when both are empty."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def words(text: str) -> list[str]:
    """The words of ``text`` (letters, inner apostrophes and hyphens), case kept."""
    return WORD.findall(text)


def content_words(text: str) -> list[str]:
    """Lower-cased words without English stop words: what a sentence is about."""
    return [w for w in (w.lower() for w in words(text)) if w not in ENGLISH_STOP_WORDS and len(w) > 1]


def proper_names(text: str, capitalised: AbstractSet[str] = frozenset()) -> list[str]:
    """Proper names in order of appearance, job titles dropped ("Annalena Baerbock", "Bank of England").

    A capitalised word that opens a sentence is a name only when the same word is also
    capitalised inside a sentence somewhere in ``text`` (or is in ``capitalised``, the
    :func:`mid_sentence_capitals` of the whole article), so "Talks collapsed" gives nothing.
    """
    tokens = _TOKEN.findall(text)
    starts = _sentence_starts(tokens)
    mid_capitals = {_base(t) for i, t in enumerate(tokens) if i not in starts and _is_capitalised(t)} | capitalised
    names: list[str] = []
    run: list[int] = []
    for index, token in enumerate([*tokens, "."]):
        if token == "." and run and tokens[index - 1] in ABBREVIATIONS:
            continue  # "U.S. Senate", "Mr. Steele": the full stop belongs to the name
        if index < len(tokens) and _is_capitalised(token):
            run.append(index)
        elif run and token in _NAME_JOINERS and _joins_name(tokens, index):
            run.append(index)
        else:
            for part, initial in _split_run([tokens[i] for i in run], bool(run) and run[0] in starts):
                name = _name_from_run(part, initial, mid_capitals)
                if name:
                    names.append(name)
            run = []
    return names


def _joins_name(tokens: list[str], index: int) -> bool:
    """Whether the joiner at ``index`` leads on to a capitalised word ("of the Council", "for the Interior")."""
    for ahead in (index + 1, index + 2):
        if ahead >= len(tokens):
            return False
        if _is_capitalised(tokens[ahead]):
            return True
        if tokens[ahead] not in _NAME_JOINERS:
            return False
    return False


def _split_run(parts: list[str], sentence_initial: bool) -> list[tuple[list[str], bool]]:
    """A run of name words cut where a joiner links two names ("Fiona Hill" of "the Brookings Institution")."""
    pieces: list[tuple[list[str], bool]] = []
    current: list[str] = []
    index = 0
    while index < len(parts):
        word = parts[index]
        if word in _LINKING_JOINERS and current:
            left = [w for w in current if w not in _NAME_JOINERS]
            organisation = any(w in _ORG_WORDS or w in _ROLE_WORDS for w in left)
            # "of" joins a single word to a place ("Bank of England", "Gulf of Mexico"); "on" and
            # "for" only follow an organisation; a person's name ("Fiona Hill") is never joined.
            joined = organisation if word != "of" else (organisation or len(left) == 1)
            if not joined:
                pieces.append((current, sentence_initial and not pieces))
                current = []
                index += 1
                while index < len(parts) and parts[index] in _NAME_JOINERS:
                    index += 1
                continue
        current.append(word)
        index += 1
    if current:
        pieces.append((current, sentence_initial and not pieces))
    return pieces


def mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words capitalised somewhere inside a sentence of ``text``: names, wherever else they stand."""
    tokens = _TOKEN.findall(text)
    starts = _sentence_starts(tokens)
    return frozenset(_base(t) for i, t in enumerate(tokens) if i not in starts and _is_capitalised(t))


def _base(token: str) -> str:
    """The word without a possessive ending: "Russia's" -> "Russia"."""
    return re.sub(r"['’]s$", "", token)


_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|abu|ben|d|de|di|da|van|von)[-’'][A-Z]")


def _is_capitalised(token: str) -> bool:
    return (token[:1].isupper() or bool(_PARTICLE.match(token))) and any(ch.isalpha() for ch in token) \
        and not token.endswith(".")


def _sentence_starts(tokens: list[str]) -> set[int]:
    starts = {0}
    for index, token in enumerate(tokens[:-1]):
        after_abbreviation = token == "." and index > 0 and tokens[index - 1] in ABBREVIATIONS
        dateline_dash = token in ("-", "—", "–") and index > 0 and (tokens[index - 1] == ")"
                                                                   or tokens[index - 1].isupper())
        if token in ("!", "?", ":", ";") or (token == "." and not after_abbreviation) or dateline_dash or (
                index in starts and token in _QUOTES):
            starts.add(index + 1)
    return starts


def _name_from_run(parts: list[str], sentence_initial: bool, mid_capitals: set[str]) -> str:
    if sentence_initial and parts and (parts[0] in _NOT_NAMES and parts[0] not in _ROLE_WORDS
                                       or _base(parts[0]) not in mid_capitals and len(parts) == 1):
        parts = parts[1:]
    while parts and parts[0] in _NAME_JOINERS:  # "Officials of the United States": what follows "of"
        parts = parts[1:]
    while len(parts) > 1 and parts[0] in _ROLE_WORDS and parts[1] not in _ORG_WORDS:
        parts = parts[1:]
    while parts and parts[0] in _NAME_JOINERS:
        parts = parts[1:]
    # "Russian President Vladimir Putin", "U.S. Secretary of State Marco Rubio": a full name after
    # the last job title is the name.
    titles = [i for i, p in enumerate(parts[:-2]) if p in _ROLE_WORDS and parts[i + 1] not in _ORG_WORDS]
    if titles and all(p[:1].isupper() and p not in _ROLE_WORDS and p not in _NAME_JOINERS
                      for p in parts[titles[-1] + 1:]):
        parts = parts[titles[-1] + 1:]
    while parts and parts[-1] in _NAME_JOINERS:
        parts = parts[:-1]
    parts = [f"{p}." if p in ABBREVIATIONS and "." in p else p for p in parts]
    if len(parts) > 1 and parts[0] == "The":
        parts = parts[1:]
    if parts:
        parts[-1] = _base(parts[-1])
    if not parts or all(p in _NOT_NAMES or p in _NAME_JOINERS for p in parts):
        return ""
    return " ".join(parts)


# The word-boundary check comes after the capital: a pattern that opens with a character
# class is searched for fast.
_NAME_PHRASE = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+(?:\s+(?:(?:of|the|for|de|van|von|al)\s+)?[A-Z][\w'’-]+)+")
_LEADING_NOISE = re.compile(r"^(?:(?:The|A|An|In|On|At|But|And|As|If|When|While|After|Before|For|From|With|By|To|"
                            r"Mr|Mrs|Ms|Dr|Prof|President|Minister|Foreign|Prime|Chief|Governor|Mayor|Senator|"
                            r"General|Secretary|Judge|Justice)\s+)+")


def name_phrases(text: str) -> list[str]:
    """Runs of two or more capitalised words: a fast, rough cut of :func:`proper_names`.

    The matcher uses it on whole corpora, where :func:`proper_names` would be too slow; single
    words and sentence-initial noise ("The", job titles) are left out.
    """
    phrases = []
    for match in _NAME_PHRASE.findall(text):
        phrase = _LEADING_NOISE.sub("", match)
        if " " in phrase:
            phrases.append(re.sub(r"['’]s$", "", phrase))
    return phrases


# Not inside a token: "F-16", "A320", "COVID-19" and "1990s" hold no number of anything.
_NUMBER = re.compile(r"(?<![\w.\-/])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]*[A-Za-z_])")


def numbers(text: str) -> list[str]:
    """Numerals as written ("1,200", "4.25", "2026"), in order of appearance."""
    return _NUMBER.findall(text)


# -- sentences -----------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"""([.!?])(["”’')\]]*)\s+(?=["“‘(\[]?[A-Z0-9])""")
# Abbreviations that stand before a name ("Dr. Smith", "St. Louis"): what follows never opens a sentence.
_BEFORE_NAMES = {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Prof", "Lt", "Col", "Capt", "Sgt", "No"}
# Capitalised function words ("The", "But", "He") open a sentence: after "U.S." or "Inc." they end the one before.
_OPENERS = frozenset(w.capitalize() for w in ENGLISH_STOP_WORDS if len(w) > 1)


def _unwrapped_lines(text: str) -> list[str]:
    """The text's lines, whitespace folded, with hard-wrapped sentences joined again: a line
    that ends without punctuation and a next line that starts in lower case are one line."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if lines and line[:1].islower() and lines[-1] and lines[-1][-1] not in ".!?:;\"”’)":
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``. Lines are kept apart (a headline is one sentence); a full stop
    after "Mr", "U.S", "Feb" or an initial does not end a sentence unless a word that opens
    sentences follows ("…to the U.S. The talks…"), and closing quotes stay with the sentence
    they close.

    >>> split_sentences('Mr. Lavrov met U.S. officials on Feb. 12. "We agree," he said. Talks end.')
    ['Mr. Lavrov met U.S. officials on Feb. 12.', '"We agree," he said.', 'Talks end.']
    >>> split_sentences('Sanctions went to the U.S. The talks end. Acme Inc. The firm fell.')
    ['Sanctions went to the U.S.', 'The talks end.', 'Acme Inc.', 'The firm fell.']
    """
    sentences: list[str] = []
    for line in _unwrapped_lines(text):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            before = line[start:match.start(1)]
            last_word = before.rsplit(" ", 1)[-1].lstrip("\"“‘(")
            if match.group(1) == "." and (last_word in ABBREVIATIONS or len(last_word) == 1 and last_word.isupper()):
                following = line[match.end():].split(" ", 1)[0].strip("\"“‘(")
                if last_word in _BEFORE_NAMES or following not in _OPENERS:
                    continue
            end = match.end(2)
            sentences.append(line[start:end].strip())
            start = match.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return sentences


# -- quantities ----------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "a decade": 10,
    "a year": 1, "a week": 1, "a month": 1, "half": 0.5,
}
# Vague amounts are ranges, [low, high): "thousands" agrees with "about 5,000", not with "300".
_VAGUE = {
    "dozens": (24.0, 200.0), "scores": (40.0, 200.0), "hundreds": (200.0, 1e3), "thousands": (2e3, 1e6),
    "tens of thousands": (2e4, 1e5), "hundreds of thousands": (2e5, 1e6), "millions": (2e6, 1e9),
    "tens of millions": (2e7, 1e8), "billions": (2e9, 1e12),
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_QUALIFIERS = ("about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|some|less than|"
               "fewer than|under|at most|as many as|as few as|just over|just under|an estimated|an|a")
# What a qualifier does to the value, as a range (low factor, high factor) of it.
_QUALIFIER_RANGE = {
    "": (1.0, 1.0), "about": (0.85, 1.15), "around": (0.85, 1.15), "roughly": (0.85, 1.15),
    "approximately": (0.85, 1.15), "some": (0.85, 1.15), "an estimated": (0.85, 1.15),
    "nearly": (0.85, 1.0), "almost": (0.85, 1.0), "just under": (0.9, 1.0), "just over": (1.0, 1.1),
    "more than": (1.0, math.inf), "over": (1.0, math.inf), "at least": (1.0, math.inf), "as few as": (1.0, math.inf),
    "up to": (0.0, 1.0), "less than": (0.0, 1.0), "fewer than": (0.0, 1.0), "under": (0.0, 1.0),
    "at most": (0.0, 1.0), "as many as": (0.0, 1.0),
}
_CURRENCY_WORDS = r"dollars?|euros?|pounds?|yen|yuan|rubles?|roubles?|rupees?|francs?|hryvnias?|pesos?|won"
_QUANTITY = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIERS})\s+)?"
    rf"(?:(?P<date>\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b(?!,?\s*\d{{3}}))|"
    r"(?P<vague>\b(?:" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + r")\b)|"
    # a numeral stands alone: not inside a token ("F-16", "A320", "G7", "COVID-19", "1990s", "3pm")
    r"(?P<cur>[$€£])?(?P<num>(?<![\w.\-/–])\d[\d,]*(?:\.\d+)?(?![\d]|[A-Za-z](?<!m)(?<!k)(?<!b))|\b(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b)(?:[\s-]*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b|percentage points?\b))?)"
    r"(?P<unit>(?:[\s-]+(?:of\s+)?[a-zA-Z/]+){0,3})", re.IGNORECASE)
_UNIT_STOP = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as",
              "than", "that", "which", "who", "was", "were", "is", "are", "had", "has", "have", "be", "been", "said",
              "says", "after", "before", "since", "until", "into", "last", "next", "this", "its", "their", "his",
              "her", "more", "less", "per", "up", "about", "around", "nearly", "it", "they", "we", "will", "would",
              "could", "can", "may", "might", "should", "must", "not", "no", "other", "times", "each", "all"}
_CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound"}
_SPANS = {"a decade": "year", "a year": "year", "a week": "week", "a month": "month"}
# Units that say how something is measured but not what is counted: two values in these are
# only comparable when the words around them name the same thing ("inflation", "key rate").
GENERIC_UNITS = frozenset({
    "percent", "percentage point", "dollar", "euro", "pound", "yen", "yuan", "ruble", "rouble", "rupee", "franc",
    "date", "second", "minute", "hour", "day", "week", "month", "year", "metre", "meter", "kilometre", "kilometer",
    "km", "mile", "km/h", "mph", "kilogram", "kg", "tonne", "ton", "point", "time",
})
# A figure about another time than the story's: "11 killed last autumn", "in 2014", "two years ago".
_OTHER_TIME = re.compile(
    r"\b(?:(?:last|previous|prior|the\s+previous|the\s+same\s+\w+\s+last)\s+(?:year|month|week|autumn|fall|spring|"
    r"summer|winter|decade|time|quarter|season|election|century)|(?:in|since|during|of|by)\s+(?:19|20)\d\d|"
    r"(?:years?|months?|decades?|weeks?)\s+(?:ago|earlier|before)|a\s+(?:year|month|decade|week)\s+(?:ago|earlier|"
    r"before)|(?:earlier|later)\s+this\s+year|in\s+the\s+past|previously|at\s+the\s+time|back\s+then)\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: ``Quantity("400 prisoners", 400.0, "prisoner", "")``.

    ``low``/``high`` is the range the wording allows ("at least 3": 3 to infinity, "thousands":
    2,000 to a million); ``context`` the content words next to it, which say what it is the
    number of when the unit alone does not ("6.1 percent" of inflation or of growth);
    ``other_time`` marks a figure about another time than the story's ("in 2014").
    """

    text: str  # as written
    value: float
    unit: str  # what it counts, singular and lower-case ("prisoner", "percent", "euro", "date")
    qualifier: str  # "about", "at least", ... or ""
    low: float = 0.0
    high: float = 0.0
    context: frozenset[str] = frozenset()
    other_time: bool = False

    def agrees_with(self, other: Quantity) -> bool:
        """Whether both can be true at once: their ranges overlap."""
        return self.low <= other.high * 1.0005 and other.low <= self.high * 1.0005


def quantities(sentence: str) -> list[Quantity]:
    """Numbers with their unit and what they count: "2,000 troops", "$1.8 billion", "four hours",
    "nearly a decade", "6.1 percent", "March 26", "thousands of people".

    >>> [(q.value, q.unit) for q in quantities("About 2,000 troops and $1.8 billion; an F-16 and 10 m high waves.")]
    [(2000.0, 'troop'), (1800000000.0, 'dollar'), (10.0, 'metre')]
    """
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(sentence):
        qualifier = (match.group("qual") or "").lower()
        if qualifier in ("a", "an"):
            qualifier = ""
        if match.group("date"):
            value = _date_value(match.group("date"))
            text = match.group(0)[:match.end("date") - match.start()].strip()
            found.append(_quantity(sentence, match, text, value, "date", qualifier, value, value))
            continue
        if match.group("vague"):
            unit = _unit_of(match)
            if unit:
                low, high = _VAGUE[" ".join(match.group("vague").lower().split())]
                found.append(_quantity(sentence, match, _as_written(match, unit), low, unit, "", low, high))
            continue
        raw = match.group("num")
        value = _number_value(raw)
        if value is None:
            continue
        scale = (match.group("scale") or "").lower()
        unit = _SPANS.get(raw.lower()) or _unit_of(match)
        if scale in ("m", "k") and not (match.group("cur") or re.match(rf"\s*(?:{_CURRENCY_WORDS})\b", match.group(
                "unit") or "", re.I)):
            unit, scale = ("metre" if scale == "m" else "thousand"), ""  # "10 m high" is ten metres
        value *= _SCALES.get(scale, 1.0)
        if not unit or _not_a_count(sentence, match, raw, unit):
            continue
        low_factor, high_factor = _QUALIFIER_RANGE.get(qualifier, (1.0, 1.0))
        found.append(_quantity(sentence, match, _as_written(match, unit), value, unit, qualifier,
                               value * low_factor, value * high_factor))
    return found


def _quantity(sentence: str, match: re.Match[str], text: str, value: float, unit: str, qualifier: str,
              low: float, high: float) -> Quantity:
    before = sentence[max(0, match.start() - 60):match.start()]
    after = sentence[match.start() + len(text):match.start() + len(text) + 70]
    clause_after = re.split(r"[,;:(]|\.\s|\band\b|\bbut\b|\bwhile\b", after, maxsplit=1)[0]
    near_before = " ".join(re.split(r"[;:(]", before)[-1].split()[-5:])
    near_after = " ".join(clause_after.split()[:6])
    unit_words = {w[:5] for w in content_words(text)}
    context = frozenset(w[:5] for w in content_words(f"{near_before} {near_after}")
                        if w[:5] not in unit_words) - _TIME_WORDS
    other_time = bool(_OTHER_TIME.search(clause_after)) or bool(_OTHER_TIME.search(" ".join(before.split()[-3:])))
    text = re.sub(r"^an?\s+", "", text, flags=re.I)  # "a $10m deal": the article is not the figure
    return Quantity(text, value, unit, qualifier, low, high, context, other_time)


# Words around a number that do not say what it counts: days, speech, and how figures move.
_TIME_WORDS = frozenset(w[:5] for w in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "said",
    "says", "told", "according", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
    "grew", "grow", "grows", "increased", "increase", "decreased", "decrease", "jumped", "dropped", "drop", "climbed",
    "stood", "stands", "reached", "reach", "hit", "compared", "almost", "nearly", "total", "totalled", "some"))


def _as_written(match: re.Match[str], unit: str) -> str:
    """The quantity as the sentence words it, up to its unit: "about 14 billion euros"."""
    text = match.group(0).strip()
    tail = match.group("unit") or ""
    stem = unit.split()[-1][:4].lower()
    if unit == "km/h" and "hour" in tail.lower():
        stem = "hour"
    position = tail.lower().find(stem) if stem and tail else -1
    if position < 0:
        return text if not tail else text[: len(text) - len(tail.rstrip())].strip() or text
    cut = len(match.group(0)) - len(tail) + position
    word_end = re.match(r"[\w/-]*", match.group(0)[cut:]).end()
    return match.group(0)[: cut + word_end].strip()


def _number_value(raw: str) -> float | None:
    lowered = raw.lower()
    if lowered in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lowered])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _not_a_count(sentence: str, match: re.Match[str], raw: str, unit: str) -> bool:
    """A numeral that names rather than counts: a year before a noun ("the 2014 annexation"), a
    number inside a name ("Nord Stream 2 pipeline", "Boeing 737"), or one before an acronym."""
    written = (match.group("unit") or "").split()
    first = written[0] if written else ""
    if len(unit) < 2 or (first.isupper() and len(first) > 1 and not match.group("pct")):
        return True
    if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and not first.lower().endswith("s"):
        return True
    before = sentence[:match.start()].split()
    return bool(raw[:1].isdigit() and not match.group("cur") and not match.group("qual") and len(before) > 1
                and before[-1][:1].isupper() and before[-1].isalpha() and before[-2][-1:] not in ".!?:")


# Capitalised adjectives of origin ("Russian", "Chinese", "British", "Israeli") before a counted noun.
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish|ch|i)")


def _unit_of(match: re.Match[str]) -> str:
    if match.groupdict().get("pct"):
        return "percentage point" if "point" in match.group("pct").lower() else "percent"
    written = re.findall(r"[a-zA-Z/]+", match.group("unit") or "")
    words_after = [w.lower() for w in written]
    if match.groupdict().get("cur"):
        return _CURRENCIES[match.group("cur")]
    for position, word in enumerate(words_after):
        if _NATIONALITY.fullmatch(written[position]) and position + 1 < len(words_after):
            continue  # "12 Russian entities" counts entities
        if word in _UNIT_STOP:
            if word in ("of",):
                continue
            break
        if word in ("km/h", "kph", "mph"):
            return "km/h" if word != "mph" else "mph"
        if word in ("kilometres", "kilometers", "km") and "hour" in " ".join(words_after):
            return "km/h"
        if word in ("m", "metres", "meters"):
            return "metre"
        return _singular(word)
    return ""


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _date_value(text: str) -> float:
    month_name, day = text.replace(".", "").split()
    months = [m.lower() for m in _MONTHS.split("|")]
    index = months.index(month_name.lower())
    month = index + 1 if index < 12 else [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][index - 12]
    return month * 100 + int(day)


# -- quotes --------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def quoted_spans(text: str) -> list[str]:
    """Direct quotations (text between quote marks, at least a few words)."""
    return [q.strip(" ,") for q in _QUOTED.findall(text) if len(q.split()) >= 3]
