"""Text units shared by the matcher and the analyser: sentences, tokens, proper names, numbers."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*\w|[^\W\d_]|\d[\d,.]*|[^\w\s]", re.UNICODE)
_QUOTES = {"\"", "“", "”", "‘", "’", "'", "(", "[", "—", "-", "–"}
# Lower-case words that may sit inside a name ("Bank of Veldoria", "Ministry for the Interior").
_NAME_JOINERS = {"of", "for", "the", "de", "van", "von", "al", "bin", "la", "le", "del", "da"}
# Job titles in front of a name: "Foreign Minister Petra Danek" is the name "Petra Danek".
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
    "Forces", "Guard", "Police",
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
       "Tell", "Yes", "No", "Our", "Their", "His", "Her", "Its", "Today", "Tonight", "Yesterday", "Tomorrow"}
    | _ROLE_WORDS)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters, inner apostrophes and hyphens), case kept."""
    return WORD.findall(text)


def content_words(text: str) -> list[str]:
    """Lower-cased words without English stop words: what a sentence is about."""
    return [w for w in (w.lower() for w in words(text)) if w not in ENGLISH_STOP_WORDS and len(w) > 1]


def proper_names(text: str) -> list[str]:
    """Proper names in order of appearance, job titles dropped ("Petra Danek", "Bank of Veldoria").

    A capitalised word that opens a sentence is a name only when the same word is also
    capitalised inside a sentence somewhere in ``text``, so "Talks collapsed" gives nothing.
    """
    tokens = _TOKEN.findall(text)
    starts = _sentence_starts(tokens)
    mid_capitals = {_base(t) for i, t in enumerate(tokens) if i not in starts and _is_capitalised(t)}
    names: list[str] = []
    run: list[int] = []
    for index, token in enumerate([*tokens, "."]):
        if token == "." and run and tokens[index - 1] in ABBREVIATIONS:
            continue  # "U.S. Senate", "Mr. Steele": the full stop belongs to the name
        if index < len(tokens) and _is_capitalised(token):
            run.append(index)
        elif run and token in _NAME_JOINERS and index + 1 < len(tokens) and _is_capitalised(tokens[index + 1]):
            run.append(index)
        else:
            name = _name_from_run([tokens[i] for i in run], run and run[0] in starts, mid_capitals)
            if name:
                names.append(name)
            run = []
    return names


def _base(token: str) -> str:
    """The word without a possessive ending: "Karsk's" -> "Karsk"."""
    return re.sub(r"['’]s$", "", token)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper() and any(ch.isalpha() for ch in token) and not token.endswith(".")


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
    while len(parts) > 1 and parts[0] in _ROLE_WORDS and parts[1] not in _ORG_WORDS:
        parts = parts[1:]
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


_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?")


def numbers(text: str) -> list[str]:
    """Numerals as written ("1,200", "4.25", "2026"), in order of appearance."""
    return _NUMBER.findall(text)
