"""Sources: whom each article quotes or cites, under one name and one kind per speaker.

:mod:`compare.analysis.attribution` finds the attributions of each sentence; this module joins them
into the article's sources. A pronoun speaker ("she said") stands for the person last named,
and is dropped when nobody was; a surname or "Mr. Rubio" stands for the full name the article
gave first ("Marco Rubio"), and a title alone ("the prime minister") for the one person the
article named with it ("Prime Minister Narendra Modi"). The kind (official, expert, witness, anonymous, outlet, document,
other) is decided once per speaker, from every role word the article gives it, by
:func:`compare.analysis.source_kinds.classify`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from compare.analysis.attribution import Attribution, find_attributions
from compare.analysis.attribution_languages import LANGUAGES, find_attributions_in
from compare.analysis.parse import ParsedArticle, parse_article
from compare.analysis.quotes import quoted_parts
from compare.analysis.source_kinds import LEADING_ARTICLE, LINK_WORDS, classify, is_organisation
from compare.analysis.speakers import PRONOUNS

_DESCRIBED_OUTLET = re.compile(r"^(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:newspaper|daily|tabloid|magazine|broadcaster|"
                               r"weekly|news agency|news site|website|network|channel)\s+(?P<name>[A-Z].*)$", re.I)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|Sir|Dame)\.?\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Source:
    """One attribution in an article, with the speaker it belongs to."""

    source: str  # the speaker as the article names them here; a pronoun's resolved name
    canonical: str  # one name per speaker in the article: the full name it gave first
    kind: str  # official, expert, witness, anonymous, outlet, document, other
    cue: str  # the reporting verb, or "according to"
    quote: str  # the direct quote, else the reported clause
    sentence_index: int
    sentence: str
    written: str = ""  # the speaker exactly as written ("she", "Mr. Rubio")


def article_sources(text: str | ParsedArticle, known_outlets: frozenset[str] = frozenset()) -> list[Source]:
    """Every attribution in an article's text (or its parse), in order, with canonical speakers and kinds."""
    parsed = text if isinstance(text, ParsedArticle) else parse_article("", "", "", text)
    sentences = [s.text for s in parsed.sentences]
    quotes = quoted_parts(sentences)
    people = _People(parsed.text)
    found: list[tuple[int, Attribution, str]] = []
    previous_quote = ""
    for item, sentence_quotes in zip(parsed.sentences, quotes):
        # Names inside a quote are not who a later "he" is.
        names = [(at, n) for at, n in _positions(item.text, item.names) if not sentence_quotes.inside(at)]
        attributions = find_attributions_in(item.text, sentence_quotes, parsed.language) \
            if parsed.language in LANGUAGES else \
            find_attributions(item.text, sentence_quotes, previous_quote, item.headline_like)
        for attribution in attributions:
            if attribution.cue == ":" and attribution.start == 0 and attribution.speaker.isupper() and \
                    item is parsed.sentences[0]:
                continue  # "NEW DELHI: ...": the dateline that opens the article, not a speaker
            while names and names[0][0] < attribution.start:
                people.see(names.pop(0)[1], item.text)
            speaker = attribution.speaker
            if speaker.lower() in PRONOUNS:
                speaker = people.resolve(speaker.lower())
                if not speaker:
                    continue
            else:
                people.mention(speaker)
            found.append((item.index, attribution, speaker))
        for _, name in names:
            people.see(name, item.text)
        ends_with_quote = sentence_quotes.quotes and not item.text[sentence_quotes.quotes[-1].end + 1:].strip()
        previous_quote = sentence_quotes.quotes[-1].text.strip(" ,") if ends_with_quote else ""
    # Names are joined once the whole article is read: "Kremlin spokesman Dmitry Peskov" said
    # first, "Dmitry Peskov" later, and both are Dmitry Peskov.
    canonicals = {speaker: people.canonical(speaker) for _, _, speaker in found}
    shorter = {c for c in canonicals.values() if len(c.split()) >= 2 and c[:1].isupper()}
    for speaker, canonical in canonicals.items():
        for other in shorter:
            if canonical != other and canonical.endswith(" " + other):
                canonicals[speaker] = other
    found = [(index, attribution, canonicals[speaker]) for index, attribution, speaker in found]
    roles: dict[str, list[str]] = defaultdict(list)
    speakers: dict[str, list[str]] = defaultdict(list)
    for _, attribution, canonical in found:
        roles[canonical].append(attribution.role)
        speakers[canonical].append(attribution.speaker)
    kinds = {canonical: classify(canonical, parsed.text, known_outlets, roles[canonical], speakers[canonical])
             for canonical in roles}
    by_index = {s.index: s.text for s in parsed.sentences}
    return [Source(canonical if a.speaker.lower() in PRONOUNS else a.speaker, canonical, kinds[canonical], a.cue,
                   a.content, index, by_index[index], a.speaker) for index, a, canonical in found]


def _positions(sentence: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    found, cursor = [], 0
    for name in names:
        at = sentence.find(name, cursor)
        if at >= 0:
            found.append((at, name))
            cursor = at + len(name)
    return found


# A title written right before a name: "Prime Minister", "Foreign Secretary", "President".
# "Prime Minister X", "foreign minister X", "the foreign minister, X": the title and up to two words before it.
_TITLE_BEFORE = re.compile(r"(?:^|[^\w'’-])((?:[\w'’-]+\s+){0,2}(?i:minister|president|chancellor|governor|mayor|"
                           r"secretary|senator|speaker|premier|king|queen|pope|prince|princess|commissioner|"
                           r"ambassador|spokes(?:man|woman|person)))(?:,)?\s+$")
_RANKS = {"vice", "deputy", "assistant", "former", "acting", "under", "junior", "prime", "first", "chief", "lord"}
_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|from|to|near|across|of|outside|inside|toward|towards)\s+(?:the\s+)?$")
_OPENS_CLAUSE = re.compile(r"(?:^|[,;:—–]\s*|\b(?:and|but|while|when|as|after|before|because)\s+)(?:(?:[A-Z][a-z]*\.?|"
                           r"[a-z]+-[a-z]+)\s+){0,3}$")


def _befores(name: str, sentence: str) -> list[str]:
    """The text before each mention of ``name`` in ``sentence``."""
    found, at = [], sentence.find(name)
    while at >= 0:
        found.append(sentence[:at])
        at = sentence.find(name, at + 1)
    return found


class _People:
    """The people an article has named so far: for pronouns and for surnames."""

    def __init__(self, text: str) -> None:
        self.full: dict[str, str] = {}  # last word -> the first full name with it
        self.recent: list[str] = []  # people in order of their latest mention
        self.gender: dict[str, str] = {}
        for honorific, surname in re.findall(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'’-]+)", text):
            self.gender.setdefault(surname, "he" if honorific == "Mr" else "she")
        self.lower_words = {w for w in re.findall(r"\b[a-z][a-z'’-]+\b", text)}
        # "prime minister" -> the one person the article gave that title ("" when it gave it to several)
        self.titled: dict[str, str] = {}

    def _is_person(self, name: str, sentence: str) -> bool:
        words = name.split()
        if len(words) == 1:  # a surname of someone named in full, or with "Mr."/"Ms."
            return words[0] in self.full or words[0] in self.gender
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or is_organisation(name):
            return False
        if any(w.lower() in self.lower_words for w in (words[0], words[-1])):
            return False  # "North Carolina" may pass, "West Point" and "Capitol Hill" do not
        # Places follow a preposition: "in Des Moines", "from West Virginia".
        return not any(_AFTER_PREPOSITION.search(before) for before in _befores(name, sentence))

    @staticmethod
    def _is_subject(name: str, sentence: str) -> bool:
        """Whether the name opens the sentence or a clause: a later pronoun means a subject, not an object."""
        return any(_OPENS_CLAUSE.search(before) for before in _befores(name, sentence))

    def _remember(self, full: str) -> None:
        if full in self.recent:
            self.recent.remove(full)
        self.recent.append(full)

    def see(self, name: str, sentence: str = "") -> None:
        """A name in the text: a person's full name is kept for surnames, and a subject for pronouns."""
        if self._is_person(name, sentence):
            words = name.split()
            if len(words) >= 2:
                known = self.full.setdefault(words[-1], name)
                if len(known.split()) > len(words) and known.endswith(" " + name):
                    self.full[words[-1]] = name  # "Kremlin spokesman Dmitry Peskov" is Dmitry Peskov
                for before in _befores(name, sentence):
                    self._entitle(before, self.full[words[-1]])
            if self._is_subject(name, sentence):
                self._remember(self.full.get(words[-1], name))

    def _entitle(self, before: str, person: str) -> None:
        """Keep the title written right before a person's name ("Prime Minister" Narendra Modi), so
        that "the prime minister" later in the article is them, unless the article gives it to two."""
        title = _TITLE_BEFORE.search(before)
        if title:
            words = title.group(1).lower().split()
            if words[0] in ("the", "a", "an"):
                words = words[1:]
            # "Norway's foreign minister" is also "the foreign minister" and "the minister"; a
            # vice president or a prime minister is not "the president" or "the minister"
            for k in range(len(words)):
                key = " ".join(words[k:])
                self.titled[key] = person if self.titled.get(key, person) == person else ""
                if words[k] in _RANKS:
                    break

    def mention(self, speaker: str) -> None:
        """A speaker named in an attribution: a person there is the one a later pronoun means."""
        name = _trailing_person(_HONORIFIC.sub("", _POSSESSIVE.sub("", speaker))) if speaker[:1].isupper() else ""
        if name and not LEADING_ARTICLE.match(speaker):
            words = name.split()
            if len(words) >= 2:
                self.full.setdefault(words[-1], name)
                self._entitle(speaker[:speaker.rfind(name)], self.full[words[-1]])
            self._remember(self.full.get(words[-1], name))

    def resolve(self, pronoun: str) -> str:
        """The person "he" or "she" stands for: the latest one named whose known gender fits; "" for others."""
        if pronoun not in ("he", "she"):
            return ""
        for person in reversed(self.recent[-4:]):
            gender = self.gender.get(person.split()[-1])
            if gender in (None, pronoun):
                self.gender.setdefault(person.split()[-1], pronoun)
                return person
        return ""

    def canonical(self, speaker: str) -> str:
        """The full name a speaker stands for, without honorific, article or possessive ending."""
        bare = _HONORIFIC.sub("", speaker.strip())
        bare = _POSSESSIVE.sub("", bare) if bare.endswith(("'s", "’s")) else bare
        outlet = _DESCRIBED_OUTLET.match(bare)
        if outlet:  # "the German newspaper Bild" is Bild
            return outlet.group("name")
        titled = self.titled.get(LEADING_ARTICLE.sub("", bare).lower()) if LEADING_ARTICLE.match(bare) else None
        if titled:  # "the Prime Minister", once the article has named "Prime Minister Narendra Modi"
            return titled
        person = _trailing_person(bare)
        if person:  # "Foreign Ministry spokeswoman Maria Zakharova" is Maria Zakharova
            words = person.split()
            known = self.full.get(words[-1], "")
            if len(words) == 1 or (known and person.endswith(known)):
                return known or person
            return person
        return LEADING_ARTICLE.sub("", bare) if LEADING_ARTICLE.match(bare) else bare


# A name at the end of a speaker; an initial may lack its stop ("S Somanath"), but "A" and "I" are words.
_TRAILING_NAME = re.compile(r"(?:^|(?<=\s))((?:(?:[A-Z]\.|(?![AI]\s)[A-Z]|[A-Z][\w'’-]+)\s+){0,3}[A-Z][\w'’-]+)$")


def _trailing_person(speaker: str) -> str:
    """The personal name a speaker ends with, after its role words, or ""."""
    match = _TRAILING_NAME.search(speaker)
    if not match or is_organisation(match.group(1)):
        return ""
    name = LEADING_ARTICLE.sub("", match.group(1)) if " " in match.group(1) else match.group(1)  # "The FBI" is FBI
    before = speaker[:match.start(1)].strip()
    if before and not re.search(r"[a-z]$", before.split()[-1]):
        return ""  # "Trump Tower", not a role before a name
    if before and before.split()[-1] == "of" and re.search(r"\b(?:Secretary|Chief|Director|Minister|Head)$",
                                                          before.split(" of")[0].strip()):
        # "Chief of Staff Katie Walsh", "Secretary of State John Smith": a title's end, then the name
        words = name.split()
        return " ".join(words[-3:] if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2]) else words[-2:])
    if before and before.split()[-1].lower() in LINK_WORDS:
        return ""  # "officials in Moscow", "the Committee for the Missing": a place or a name's end
    return name
