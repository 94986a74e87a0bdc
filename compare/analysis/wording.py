"""Word choice: what one outlet says in place of another's, between the aligned sentences of one fact.

A contrast is a term of one outlet's sentence that no other outlet's sentence of the same fact
uses, ranked:

1. a loaded term of the lexicon ("special military operation" / "invasion"), widened to the
   story's label that holds it ("rogue" -> "rogue soldiers");
2. a phrase standing in the slot where another outlet's sentence has other words (the same
   words or names on at least one side: "putschists" / "officers", "slammed" / "said") that
   tells something: a word of one of the story's labels, a loaded verb of the lexicon, or a
   word VADER rates strongly.

A substituted word that tells nothing of its own is left out even when only one outlet uses it
in the story: on the cases and the demo such words were mostly rewording ("known", "heart",
"action", "shuttled"), not a choice of name, so a reader would see noise.
Never function words, filler (:data:`FILLER`), names, numbers or dates, and at most
:data:`MAX_TERMS` per outlet per fact, the highest ranked first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

from compare.analysis.framing import Lexicon, default_lexicon, word_valence
from compare.analysis.labels import in_quotes
from compare.analysis.loaded_words import loadedness
from compare.analysis.parse import ParsedArticle, is_boilerplate, without_dateline
from compare.text import ENGLISH_STOP_WORDS, proper_names

if TYPE_CHECKING:
    from compare.analysis.align import Fact

MAX_TERMS = 3  # per outlet per fact: the few that differ most, not every word that does
# Lexicon categories whose terms are word choice (hedges and intensifiers are tone, not a choice of name).
CONTRAST_CATEGORIES = ("label", "emotive", "euphemism")
_VALENCE = 2.0  # |VADER valence| from which a substituted word tells something
# Log-odds of the loaded-word model from which a substituted word tells something (chosen on two cases).
LOADED_ODDS = -1.5
MAX_SLOT = 4  # words on either side of a substitution: longer rewrites are another sentence
MAX_PHRASE = 3  # content words of one substituted phrase
# General words that fill a sentence's slots whichever way it is worded.
FILLER = frozenset("""
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


def named_words(sentences: list[str]) -> set[str]:
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


def words_in_lower_case(sentences: list[str]) -> set[str]:
    """Words standing in lower case inside any of the sentences: a word written so is a common
    noun, also where a title capitalises it before a name ("President Macron" / "the president of
    the rich")."""
    return {m.group(0) for sentence in sentences for m in re.finditer(r"(?<=[\w,;] )[^\W\d_A-Z][^\W\d_]*", sentence)
            if m.group(0).islower()}


PHRASE = re.compile(r"[\w'’-]+(?: [\w'’-]+)*")
# A phrase of one's own choosing is a name for a thing: its words next to each other, or joined
# by "of", "and", "in" ("seizure of power", "rank and file"), never a clause ("giants will want").
_JOINERS = frozenset({"of", "and", "in"})


def _is_naming_phrase(phrase: str) -> bool:
    words = phrase.split()
    return 2 <= len(words) <= MAX_PHRASE + 1 and bool(PHRASE.fullmatch(phrase)) \
        and words[0] not in ENGLISH_STOP_WORDS and words[-1] not in ENGLISH_STOP_WORDS \
        and all(w not in ENGLISH_STOP_WORDS or w in _JOINERS for w in words) \
        and all(any(c.isalpha() for c in w) for w in words)  # a dash between words is no word


# The endings of words that describe the noun after them ("patriotic officers", "disgruntled
# officers", "shipping giant", "baseless claims"). Without them two words side by side are
# mostly a piece of a clause ("ship loses", "backs coup"), which says nothing on its own.
_DESCRIBING = ("ed", "ing", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ant", "ent", "ary", "ish",
               "an", "ian")


# Words after which "-ed" and "-ing" words describe what follows ("the disgruntled officers",
# "of rigged elections") rather than tell what someone did ("police fired tear gas").
WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_BEFORE_DESCRIPTION = frozenset(
    "a an the of by for with from to in on at as its their his her our your my this that these those some many "
    "several few two three four five and or but not no".split())


def names_a_thing(first: str, second: str, before: str) -> bool:
    """Whether two words side by side read as a name for something: a hyphenated word, or a
    describing word before a noun (never an adverb or a past tense after it). ``before`` is
    the word in front of them ("" at the start)."""
    if second.endswith(("ly", "ed")):
        return False
    if "-" in first + second:
        return True
    if first.endswith(("ed", "ing")):  # a participle describes only after a determiner or a preposition
        return not before or before in _BEFORE_DESCRIPTION
    return first.endswith(_DESCRIBING)


_CHOICE_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d[\d,.]*")


@lru_cache(maxsize=8192)
def sentence_body(sentence: str) -> str:
    """The sentence without its dateline ("" for a byline or credit)."""
    return "" if is_boilerplate(sentence) else without_dateline(sentence)


@lru_cache(maxsize=8192)
def content_tokens(sentence: str) -> tuple[tuple[str, bool, int, int], ...]:
    """The sentence's words that carry its content, each lower-cased with whether it may be a
    choice of wording: names, numbers and dates stay as anchors for alignment but are never
    a choice; stop words are left out. Bylines and credits have none. Each word comes with its
    start and end in the sentence (after any dateline)."""
    body = sentence_body(sentence)
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
        found.append((lowered, plain, match.start(), match.end()))
    return tuple(found)


def choice_words(sentence: str, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The words of a sentence that are a choice of wording: content words, without names
    (people, places, outlets), dates, datelines, bylines, numbers, and the words of ``exclude``."""
    return [w for w, plain, _, _ in content_tokens(sentence) if plain and w not in exclude]


def _last_mark(text: str, end: int) -> str:
    """The last character before ``end`` that is not white space ("" if none)."""
    recent = text[max(0, end - 8):end].rstrip()
    return recent[-1:] if recent or end <= 8 else text[:end].rstrip()[-1:]


@lru_cache(maxsize=64)
def name_words(names: frozenset[str]) -> frozenset[str]:
    """The lower-cased words of some names (the same outlets' names come with every fact)."""
    return frozenset(w.lower() for name in names for w in re.findall(r"\w+", name))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, so that "detained" and "detention", "protest" and "protesters" align."""
    return word[:6] if len(word) > 6 else word.rstrip("s")


def _loaded_terms(sentence: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The sentence's own loaded lexicon terms with their place (not those inside a quotation:
    the speaker's)."""
    return [(m.group(0).lower(), m.start(), m.end()) for category, m in lexicon.find(sentence)
            if category in CONTRAST_CATEGORIES and not in_quotes(sentence, m.start())]


def _telling(word: str, label_words: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether a substituted word says something of its own: rated strongly by VADER or by the
    loaded-word model ("plowed" for "drove"), a word of one of the story's labels, or a loaded
    verb of the lexicon ("slammed" for "said")."""
    return abs(word_valence(word)) >= _VALENCE or loadedness(word) >= LOADED_ODDS \
        or word in label_words or any(category == "loaded_verb" for category, _ in lexicon.find(word))


def _widened(sentence: str, start: int, end: int, label_phrases: frozenset[str]) -> str:
    """The term at ``start:end``, or the story label that holds it there ("rogue soldiers")."""
    term = sentence[start:end].lower()
    lowered = sentence.lower()
    for label in sorted(label_phrases, key=len, reverse=True):
        if term in label and len(label.split()) <= MAX_PHRASE + 1:
            at = lowered.find(label, max(0, start - len(label)))
            if at != -1 and at <= start and at + len(label) >= end:
                return label
    return term


def _ends_a_clause(word: str) -> bool:
    """Whether a word reads as a verb's past or an adverb ("remained", "nearly"), which end a
    clause rather than a name for a thing; a compound ("foreign-flagged") describes."""
    return word.endswith(("ed", "ly")) and "-" not in word


def _substitutions(body: str, mine: list[tuple[str, bool, int, int]], theirs: list[tuple[str, bool, int, int]],
                   unshared: set[str], label_words: frozenset[str], lexicon: Lexicon,
                   ) -> list[tuple[int, int, str]]:
    """Phrases of ``mine`` standing where ``theirs`` has other words, with the same words (or
    names) on at least one side of the slot, where a word tells something (:func:`_telling`),
    as (rank, position, phrase)."""
    matcher = SequenceMatcher(None, [stem(t[0]) for t in mine], [stem(t[0]) for t in theirs], autojunk=False)
    opcodes = matcher.get_opcodes()
    found = []
    for position, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or i2 - i1 > MAX_SLOT or j2 - j1 > MAX_SLOT:
            continue
        flanked = (position > 0 and opcodes[position - 1][0] == "equal") or \
            (position + 1 < len(opcodes) and opcodes[position + 1][0] == "equal")
        if not flanked:
            continue
        slot = mine[i1:i2]
        # A word inside a quotation is the speaker's, not the outlet's choice.
        kept = [k for k, (w, plain, start, _) in enumerate(slot)
                if plain and w in unshared and w not in FILLER and not in_quotes(body, start)]
        if not kept:
            continue
        telling = [k for k in kept if _telling(slot[k][0], label_words, lexicon)]
        theirs_plain = any(plain for _, plain, _, _ in theirs[j1:j2])
        # A name or number alone in their slot is another detail, not other wording, unless mine is a label.
        if not theirs_plain and not any(slot[k][0] in label_words for k in telling):
            continue
        if not telling:
            # Two or more words of its own in the slot make a phrase of its choosing ("coup
            # leaders" for "the officers", "working people" for "protesters"): a name for the
            # same thing, not a rewording of one word.
            run = _longest_run(kept)
            while run and _ends_a_clause(slot[run[-1]][0]):  # "construction workers remained"
                run = run[:-1]
            if len(run) < 2:
                continue
            phrase = " ".join(body[slot[run[0]][2]:slot[run[-1]][3]].lower().split())
            if _is_naming_phrase(phrase):
                found.append((1, slot[run[0]][2], phrase))
            continue
        anchor = telling
        # The phrase: the telling words with their unshared neighbours, at most MAX_PHRASE words.
        first, last = anchor[0], anchor[-1]
        while first > 0 and first - 1 in kept and last - first + 1 < MAX_PHRASE:
            first -= 1
        while last + 1 in kept and last - first + 1 < MAX_PHRASE:
            last += 1
        while last > anchor[-1] and _ends_a_clause(slot[last][0]):
            last -= 1
        phrase = " ".join(body[slot[first][2]:slot[last][3]].lower().split())
        # Words side by side make a name ("massive foreign-flagged"); with a little word between
        # them they are a piece of a clause ("rallied in support"): the telling word alone.
        side_by_side = all(slot[k + 1][2] - slot[k][3] <= 1 for k in range(first, last))
        if len(phrase.split()) > MAX_PHRASE or not PHRASE.fullmatch(phrase) or not side_by_side:
            phrase = " ".join(slot[k][0] for k in anchor[:1])
        found.append((2, slot[first][2], phrase))
    return found


HEADLINES = 0  # the fact_id of the contrasts between the story's headlines


def proper_words(articles: Sequence[ParsedArticle], names: Iterable[str]) -> frozenset[str]:
    """The words of the story's names that its texts never write in lower case ("Peskov", not
    the "Peace" of "United States Institute of Peace"): a headline's title case cannot tell them."""
    lowered = {w for a in articles for w in re.findall(r"\b[a-z][\w'’-]*", a.text)}
    return frozenset(w for name in names for w in name.split() if w.lower() not in lowered)


def headline_choice(headlines_by_outlet: dict[str, str], lexicon: Lexicon | None = None,
                    outlet_names: frozenset[str] | set[str] = frozenset(),
                    label_words: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The story's headlines side by side: each outlet's loaded terms, telling words and
    phrases of its own choosing that no other outlet's headline uses ("mutiny" / "coup").

    Every headline of a story names its event, so they are compared as the sentences of one
    fact are, with the same ranks and the same exclusions (names, numbers, dates, filler).
    """
    if len(headlines_by_outlet) < 2:
        return {}
    lexicon = lexicon or default_lexicon()
    tokens = _outlet_tokens(headlines_by_outlet, outlet_names)
    contrasts: dict[str, list[str]] = {}
    for outlet, headline in headlines_by_outlet.items():
        their_stems = {stem(w) for o in tokens if o != outlet for w, _, _, _ in tokens[o]}
        mine = tokens[outlet]
        own = [k for k, (w, plain, _, _) in enumerate(mine)
               if plain and stem(w) not in their_stems and w not in FILLER]
        body = sentence_body(headline)
        ranked = [(3, start, term) for term, start, end in _loaded_terms(body, lexicon)
                  if not any(term in h.lower() for o, h in headlines_by_outlet.items() if o != outlet)]
        ranked += [(2, mine[k][2], mine[k][0]) for k in own if _telling(mine[k][0], label_words, lexicon)]
        run = _longest_run(own)
        phrase = _headline_phrase(body, [mine[k] for k in run]) if len(run) >= 2 else ""
        if phrase:
            ranked.append((1, mine[run[0]][2], phrase))
        chosen: list[str] = []
        for _, _, term in sorted(ranked, key=lambda r: (-r[0], r[1])):
            if term and PHRASE.fullmatch(term) and not any(term in kept or kept in term for kept in chosen):
                chosen.append(term)
        if chosen:
            contrasts[outlet] = chosen[:MAX_TERMS]
    return contrasts


def _headline_phrase(headline: str, run: list[tuple[str, bool, int, int]]) -> str:
    """The name for a thing that a run of a headline's own words starts with ("" if none).

    A headline is a clause in few words ("Ship loses power", "Army command backs coup"): its
    own words side by side are mostly a subject and its verb. The run is cut back from its end
    until its last two words read as a describing word and its noun ("disgruntled officers",
    not "disgruntled officers seize"); two words with no ending of a verb or a plural ("army
    mutiny") stand as they are.
    """
    before = WORD_BEFORE.search(headline[:run[0][2]])
    for size in range(len(run), 1, -1):
        phrase = " ".join(headline[run[0][2]:run[size - 1][3]].lower().split())
        words = phrase.split()
        if not _is_naming_phrase(phrase) or len(words) != size:
            continue
        preceding = words[-3] if size > 2 else before.group(1).lower() if before else ""
        if names_a_thing(words[-2], words[-1], preceding):
            return phrase
    phrase = " ".join(headline[run[0][2]:run[-1][3]].lower().split())
    if len(run) == 2 and _is_naming_phrase(phrase) and not any(w.endswith(("ed", "ly", "s")) for w in phrase.split()):
        return phrase
    return ""


def _outlet_tokens(texts_by_outlet: dict[str, str], outlet_names: frozenset[str] | set[str],
                   ) -> dict[str, list[tuple[str, bool, int, int]]]:
    """Each outlet's :func:`content_tokens`, a word a choice of wording only when it is no name: not
    of an outlet (``outlet_names`` and the outlets compared) and not a name in any outlet's text
    (a name is a name in every text, also where one text starts with it)."""
    exclude = name_words(frozenset(outlet_names)) | name_words(frozenset(texts_by_outlet))
    exclude |= named_words(list(texts_by_outlet.values()))
    return {o: [(w, plain and w not in exclude, a, b) for w, plain, a, b in content_tokens(s)]
            for o, s in texts_by_outlet.items()}


def fact_contrasts(facts: Sequence[Fact], lexicon: Lexicon | None = None,
                   outlet_names: frozenset[str] | set[str] = frozenset(), label_words: frozenset[str] = frozenset(),
                   label_phrases: frozenset[str] = frozenset(),
                   language_of: Mapping[str, str] | None = None) -> list[tuple[int, str, list[str]]]:
    """:func:`word_choice` for every fact that two outlets or more give, as (fact_id, outlet,
    terms); an outlet with several sentences in a fact gives them joined. With ``language_of``
    (each outlet's language), only outlets writing in one language are compared: another
    language's words are a translation, not a choice."""
    found = []
    for fact in facts:
        if len(fact.outlets) >= 2:
            by_outlet = {o: " ".join(s.text for s in fact.sentences if s.outlet == o) for o in sorted(fact.outlets)}
            for group in same_language(by_outlet, language_of):
                # The loaded terms of the group's language ("киевский режим" between two Russian outlets).
                language = (language_of or {}).get(next(iter(group)), "")
                own_lexicon = (lexicon or default_lexicon()).or_language(language)
                for outlet, terms in word_choice(group, own_lexicon, outlet_names, label_words, label_phrases).items():
                    found.append((fact.id, outlet, terms))
    return found


def same_language(texts_by_outlet: dict[str, str], language_of: Mapping[str, str] | None) -> list[dict[str, str]]:
    """The outlets' texts in groups of one language, each of two outlets or more (all of them
    together when the languages are not known)."""
    if not language_of:
        return [texts_by_outlet] if len(texts_by_outlet) >= 2 else []
    groups: dict[str, dict[str, str]] = {}
    for outlet, text in texts_by_outlet.items():
        groups.setdefault(language_of.get(outlet, ""), {})[outlet] = text
    return [group for group in groups.values() if len(group) >= 2]


def _longest_run(positions: list[int]) -> list[int]:
    """The longest run of consecutive positions (the first such run), at most MAX_PHRASE long."""
    best: list[int] = []
    run: list[int] = []
    for k in positions:
        run = run + [k] if run and k == run[-1] + 1 else [k]
        if len(run) > len(best):
            best = list(run)
    return best[:MAX_PHRASE]


def word_choice(sentences_by_outlet: dict[str, str], lexicon: Lexicon | None = None,
                outlet_names: frozenset[str] | set[str] = frozenset(),
                label_words: frozenset[str] = frozenset(), label_phrases: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """For one fact: the terms each outlet uses in place of another outlet's wording.

    Ranked as the module docstring says, at most :data:`MAX_TERMS` per outlet. An outlet with
    two sentences in the fact gives them joined. ``label_words`` and ``label_phrases`` are the
    words and the labels of the story (:mod:`compare.analysis.labels`). The words of ``outlet_names`` (and of the outlets' own names) never count.
    """
    lexicon = lexicon or default_lexicon()
    tokens = _outlet_tokens(sentences_by_outlet, outlet_names)
    contrasts: dict[str, list[str]] = {}
    for outlet, sentence in sentences_by_outlet.items():
        others = {o: s for o, s in sentences_by_outlet.items() if o != outlet}
        their_stems = {stem(w) for o in others for w, _, _, _ in tokens[o]}
        unshared = {w for w, plain, _, _ in tokens[outlet] if plain and stem(w) not in their_stems}
        body = sentence_body(sentence)
        ranked = [(3, start, _widened(body, start, end, label_phrases)) for t, start, end in _loaded_terms(body, lexicon)
                  if not any(re.search(rf"(?<![\w-]){re.escape(stem(t))}", s.lower()) for s in others.values())]
        for other in others:
            ranked += _substitutions(body, tokens[outlet], tokens[other], unshared, label_words, lexicon)
        chosen: list[str] = []
        for _, _, term in sorted(ranked, key=lambda r: (-r[0], r[1])):
            if term and not any(term in kept or kept in term for kept in chosen):
                chosen.append(term)
        if chosen:
            contrasts[outlet] = chosen[:MAX_TERMS]
    return contrasts
