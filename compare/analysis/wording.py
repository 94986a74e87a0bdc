"""Word choice: what one outlet says in place of another's, between the aligned sentences of one fact.

A contrast is a term of one outlet's sentence that another outlet's sentence of the same fact
does not use: a loaded term of the lexicon ("special military operation" / "invasion"), or a
word that stands in the slot where the other sentence has a different word ("slammed" /
"said") and that tells something: VADER rates it strongly, it is a loaded verb of the lexicon,
or it is a word of one of the story's labels. Never function words, filler, names, numbers or dates, and at most
:data:`MAX_TERMS` per outlet per fact.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from compare.analysis.framing import _VADER_PLAIN, Lexicon, _vader, default_lexicon
from compare.analysis.labels import in_quotes
from compare.analysis.parse import is_boilerplate, without_dateline
from compare.text import ENGLISH_STOP_WORDS, proper_names

MAX_TERMS = 3  # per outlet per fact: the few that differ most, not every word that does
# Lexicon categories whose terms are word choice (hedges and intensifiers are tone, not a choice of name).
CONTRAST_CATEGORIES = ("label", "emotive", "euphemism")
_VALENCE = 2.0  # |VADER valence| from which a substituted word tells something
MAX_SLOT = 3  # words on either side of a substitution: longer rewrites are another sentence
# General words that fill a sentence's slots whichever way it is worded.
_FILLER = frozenset("""
place places city town area areas site part parts side sides way ways thing things time times day days week weeks
month months year years hour hours people person man men woman women old new young large small big little long
short high low near far open opened close closed closing door doors home house room building street streets number
numbers lot lots kind sort group groups end start began begin begun made make makes making took take takes taking
came come comes coming went going goes gave give gives given get got gets put puts set sets left right told says
said say saying added according including later earlier morning afternoon evening night nights early late local
national main major several many much more most less least other others another certain whole total first second
third last next previous following recent current top full half case cases point points matter issue issues
""".split())

_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday "
    "tomorrow tonight week weekend month year".split())


@lru_cache(maxsize=8192)
def _sentence_names(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """A sentence's name words (in a name, or capitalised inside it), and all its capitalised words."""
    named = {w.lower() for name in proper_names(sentence) for w in re.findall(r"[^\W\d_]+", name)}
    named |= {m.group(1).lower() for m in re.finditer(r"(?<=[\w,;] )([A-Z][^\W\d_]+)", sentence)}
    capitalised = {w.lower() for w in re.findall(r"\b[A-Z][^\W\d_]+", sentence)}
    return frozenset(named), frozenset(capitalised)


def _named_words(sentences: list[str]) -> set[str]:
    """Lower-cased words that stand capitalised inside any of the sentences, or in a name."""
    named: set[str] = set()
    capitalised_in: dict[str, int] = {}
    for sentence in sentences:
        names, capitalised = _sentence_names(sentence)
        named |= names
        for word in capitalised:
            capitalised_in[word] = capitalised_in.get(word, 0) + 1
    # Capitalised at the start of two sentences ("Zelensky said" / "Zelensky claimed"): a name too.
    named |= {w for w, count in capitalised_in.items() if count >= 2 and w not in ENGLISH_STOP_WORDS}
    return named


_CHOICE_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d[\d,.]*")


@lru_cache(maxsize=8192)
def _tokens(sentence: str) -> tuple[tuple[str, bool], ...]:
    """The sentence's words that carry its content, each lower-cased with whether it may be a
    choice of wording: names, numbers and dates stay as anchors for alignment but are never
    a choice; stop words are left out. Bylines and credits have none."""
    body = "" if is_boilerplate(sentence) else without_dateline(sentence)
    named = _sentence_names(body)[0]
    found = []
    for match in _CHOICE_WORD.finditer(body):
        word = match.group(0)
        lowered = word.lower()
        if lowered.endswith(("'s", "’s")):
            lowered = lowered[:-2]
        if lowered in ENGLISH_STOP_WORDS or len(lowered) < 3 and not word[0].isdigit():
            continue
        # A capital inside a sentence starts a name ("Supreme Court"), unless the sentence is a headline.
        mid_capital = match.start() > 0 and word[0].isupper() and _last_mark(body, match.start()) not in ".:\"“"
        plain = not (lowered in named or lowered in _DATE_WORDS or any(ch.isdigit() for ch in word) or mid_capital)
        found.append((lowered, plain))
    return tuple(found)


def choice_words(sentence: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The words of a sentence that are a choice of wording: content words, without names
    (people, places, outlets), dates, datelines, bylines, numbers, and the words of ``exclude``."""
    return [w for w, plain in _tokens(sentence) if plain and w not in exclude]


def _last_mark(text: str, end: int) -> str:
    """The last character before ``end`` that is not white space ("" if none)."""
    recent = text[max(0, end - 8):end].rstrip()
    return recent[-1:] if recent or end <= 8 else text[:end].rstrip()[-1:]


@lru_cache(maxsize=64)
def _name_words(names: frozenset[str]) -> frozenset[str]:
    """The lower-cased words of some names (the same outlets' names come with every fact)."""
    return frozenset(w.lower() for name in names for w in re.findall(r"\w+", name))


def _stem(word: str) -> str:
    """A crude stem, so that "detained" and "detention", "protest" and "protesters" align."""
    return word[:6] if len(word) > 6 else word.rstrip("s")


def _loaded_terms(sentence: str, lexicon: Lexicon) -> list[str]:
    """The sentence's own loaded lexicon terms (not those inside a quotation: the speaker's)."""
    return [m.group(0).lower() for category, m in lexicon.find(sentence)
            if category in CONTRAST_CATEGORIES and not in_quotes(sentence, m.start())]


def _telling(word: str, label_words: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether a substituted word says something of its own: rated strongly by VADER, a word
    of one of the story's labels, or a loaded verb of the lexicon ("slammed" for "said")."""
    valence = _vader().lexicon.get(word)
    return (valence is not None and abs(valence) >= _VALENCE and word not in _VADER_PLAIN) \
        or word in label_words or any(category == "loaded_verb" for category, _ in lexicon.find(word))


def _substitutions(mine: list[tuple[str, bool]], theirs: list[tuple[str, bool]],
                   label_words: frozenset[str], exclude: frozenset[str], lexicon: Lexicon) -> list[str]:
    """Telling phrases of ``mine`` standing where ``theirs`` has other words, with the same
    words (or names) on at least one side of the slot."""
    matcher = SequenceMatcher(None, [_stem(w) for w, _ in mine], [_stem(w) for w, _ in theirs], autojunk=False)
    opcodes = matcher.get_opcodes()
    found = []
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or i2 - i1 > MAX_SLOT or j2 - j1 > MAX_SLOT:
            continue
        flanked = (position > 0 and opcodes[position - 1][0] == "equal") or \
            (position + 1 < len(opcodes) and opcodes[position + 1][0] == "equal")
        theirs_plain = [w for w, plain in theirs[j1:j2] if plain]
        if not flanked or not theirs_plain:
            continue  # a name or number in their slot is another fact's detail, not other wording
        words = [w for w, plain in mine[i1:i2] if plain and w not in exclude]
        found += [w for w in words if w not in _FILLER and _telling(w, label_words, lexicon)]
    return found


def word_choice(sentences_by_outlet: dict[str, str], lexicon: Lexicon | None = None,
                outlet_names: frozenset[str] | set[str] = frozenset(),
                label_words: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """For one fact: the terms each outlet uses in place of another outlet's wording.

    Loaded lexicon terms that another outlet's sentence does not use come first, then telling
    words substituted for another outlet's in the same slot (see the module docstring); at
    most :data:`MAX_TERMS` per outlet. ``label_words`` are words of the story's labels
    (:mod:`compare.analysis.labels`). The words of ``outlet_names`` (and of the outlets' own
    names) never count.
    """
    lexicon = lexicon or default_lexicon()
    exclude = _name_words(frozenset(outlet_names)) | _name_words(frozenset(sentences_by_outlet))
    # A name is a name in every outlet's sentence, also where one sentence starts with it.
    exclude |= _named_words(list(sentences_by_outlet.values()))
    tokens = {o: [(w, plain and w not in exclude) for w, plain in _tokens(s)] for o, s in sentences_by_outlet.items()}
    contrasts: dict[str, list[str]] = {}
    for outlet, sentence in sentences_by_outlet.items():
        others = {o: s for o, s in sentences_by_outlet.items() if o != outlet}
        loaded = [t for t in _loaded_terms(sentence, lexicon)
                  if not any(re.search(rf"(?<![\w-]){re.escape(_stem(t))}", s.lower()) for s in others.values())]
        swapped = [phrase for other in others for phrase in
                   _substitutions(tokens[outlet], tokens[other], label_words, exclude, lexicon)]
        chosen = []
        for term in dict.fromkeys(loaded + swapped):
            if term and not any(term in kept or kept in term for kept in chosen):
                chosen.append(term)
        if chosen:
            contrasts[outlet] = chosen[:MAX_TERMS]
    return contrasts
