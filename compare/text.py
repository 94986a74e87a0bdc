"""Text units shared by the matcher and the analyser: sentences, tokens, proper names, numbers."""

from __future__ import annotations

import re
from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from functools import lru_cache

from compare.stopwords import ENGLISH_STOP_WORDS

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
    own_capitals, pieces = _name_pieces(text)
    mid_capitals = own_capitals | capitalised
    return [name for part, initial in pieces if (name := _name_from_run(part, initial, mid_capitals))]


def sentence_names(sentence: str, capitalised: AbstractSet[str] = frozenset()) -> tuple[str, ...]:
    """:func:`proper_names` of one sentence, its words read once while it is recent: the
    outlets of a story often print the same sentence (wire copy, a shared statement), in
    articles that capitalise different words (``capitalised``)."""
    return tuple(name for if_capitalised, otherwise, word in _sentence_name_runs(sentence)
                 if (name := if_capitalised if word is None or word in capitalised else otherwise))


@lru_cache(maxsize=16384)
def _sentence_name_runs(sentence: str) -> tuple[tuple[str, str, str | None], ...]:
    """The names of a sentence's runs of capitalised words, each as (its name when its first word
    is known capitalised elsewhere, its name when not, that word); the word is None where the
    name is the same either way. Only a one-word run opening a sentence depends on it
    (:func:`_name_from_run`)."""
    own_capitals, pieces = _name_pieces(sentence)
    runs = []
    for part, initial in pieces:
        word = _base(part[0]) if part else None
        if initial and len(part) == 1 and word not in own_capitals:
            runs.append((_name_from_run(list(part), initial, own_capitals | {word}),
                         _name_from_run(list(part), initial, own_capitals), word))
        else:
            name = _name_from_run(list(part), initial, own_capitals)
            runs.append((name, name, None))
    return tuple(runs)


def _name_pieces(text: str) -> tuple[set[str], list[tuple[list[str], bool]]]:
    """The words ``text`` capitalises inside a sentence, and its runs of name words, each with
    whether it opens a sentence (see :func:`proper_names`)."""
    tokens = _TOKEN.findall(text)
    starts = _sentence_starts(tokens)
    capital = [_is_capitalised(t) for t in tokens]
    own_capitals = {_base(t) for i, t in enumerate(tokens) if capital[i] and i not in starts}
    pieces: list[tuple[list[str], bool]] = []
    run: list[int] = []
    for index, token in enumerate([*tokens, "."]):
        if token == "." and run and tokens[index - 1] in ABBREVIATIONS:
            continue  # "U.S. Senate", "Mr. Steele": the full stop belongs to the name
        if index < len(tokens) and capital[index]:
            run.append(index)
        elif run and token in _NAME_JOINERS and _joins_name(tokens, index):
            run.append(index)
        else:
            pieces += _split_run([tokens[i] for i in run], bool(run) and run[0] in starts)
            run = []
    return own_capitals, pieces


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
    return token[:-2] if token.endswith(("'s", "’s")) else token


_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|abu|ben|d|de|di|da|van|von)[-’'][A-Z]")


@lru_cache(maxsize=65536)  # the same words come back in every sentence
def _is_capitalised(token: str) -> bool:
    if token.endswith("."):
        return False
    if token[:1].isupper():
        return token[0].isalpha() or any(ch.isalpha() for ch in token)
    return token[:1].islower() and bool(_PARTICLE.match(token))  # "al-Assad"


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


def split_sentences(text: str, language: str = "") -> list[str]:
    """Sentences of ``text``. Lines are kept apart (a headline is one sentence); a full stop
    after "Mr", "U.S", "Feb" or an initial does not end a sentence unless a word that opens
    sentences follows ("…to the U.S. The talks…"), and closing quotes stay with the sentence
    they close. A text in another language than English (``language``, ISO 639-1) is cut by
    sentencex, which knows that language's abbreviations and quotation marks ("Sr.", "d.h.",
    "« … »").

    >>> split_sentences('Mr. Lavrov met U.S. officials on Feb. 12. "We agree," he said. Talks end.')
    ['Mr. Lavrov met U.S. officials on Feb. 12.', '"We agree," he said.', 'Talks end.']
    >>> split_sentences('Sanctions went to the U.S. The talks end. Acme Inc. The firm fell.')
    ['Sanctions went to the U.S.', 'The talks end.', 'Acme Inc.', 'The firm fell.']
    """
    if language not in ("", "en"):
        return [sentence for line in _unwrapped_lines(text) for sentence in _segmented(line, language)]
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


_LONE_ABBREVIATION = re.compile(r"(?:[^\W\d_]{1,3}\.\s*){1,2}")  # "M.", "Т. е.": a title or an abbreviation
# Inside a quotation sentencex keeps sentences together ("«No. Nunca.»"); each is a claim of its
# own: in a piece that quotes, cut after a word of four letters or more that ends a sentence,
# before a capital.
_UPPER = "A-ZÀ-ÖØ-ÞΑ-ΩА-ЯЁЄІЇҐ"
_QUOTATION_MARK = re.compile("[\"“”«»„]")
_ENDS_WITH_INITIAL = re.compile(rf"(?:^|\s)[{_UPPER}]\.$")  # "... el ministro J." before "García"
# A closing mark and then the full stop ('... mucho". El índice'), as Spanish, French or Italian
# print it, ends a sentence after any word: no abbreviation stands before a closing mark.
_INNER_END = re.compile(rf"(?<=[^\W\d_]{{4}}[.!?])\s+(?=[\"“«„‘]?[{_UPPER}])|"
                        rf"(?<=[^\W\d_]{{4}}[.!?][\"”»’])\s+(?=[\"“«„‘]?[{_UPPER}])|"
                        rf"(?<=[^\W\d_]{{2}}[\"”»’][.!?])\s+(?=[\"“«„‘]?[{_UPPER}])")


def _segmented(line: str, language: str) -> list[str]:
    """One line's sentences in ``language``, by sentencex; a piece that is nothing but a short
    abbreviation ("M." before a name) stays with the words after it."""
    from sentencex import segment

    sentences: list[str] = []
    carried = ""
    pieces: list[str] = []
    for piece in segment(language, line):
        parts = _INNER_END.split(piece.strip()) if _QUOTATION_MARK.search(piece) else [piece.strip()]
        if len(parts) > 1:
            # sentencex took a stray or straight quotation mark for the start of a quotation
            # that runs on ('... mucho". El índice ... este mes. Tras ...'): the sentences it
            # held together are cut again, each part on its own.
            parts = [cut.strip() for part in parts for cut in segment(language, part)]
        pieces += parts
    for piece in pieces:
        if not piece:
            continue
        if _LONE_ABBREVIATION.fullmatch(piece) or _ENDS_WITH_INITIAL.search(piece):
            carried += piece + " "  # "M." or "El ministro J.": the name goes on in the next piece
            continue
        sentences.append(carried + piece)
        carried = ""
    if carried.strip():
        sentences.append(carried.strip())
    return sentences


# -- quotes --------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")


def quoted_spans(text: str) -> list[str]:
    """Direct quotations (text between quote marks, at least a few words)."""
    return [q.strip(" ,") for q in _QUOTED.findall(text) if len(q.split()) >= 3]
