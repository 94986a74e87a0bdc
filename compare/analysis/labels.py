"""Labels: the words each outlet attaches to a person, organisation or country of a story.

"North Korean dictator Kim Jong-un" / "North Korean leader Kim Jong-un"; "Niger's ousted
president Mohamed Bazoum"; "Bazoum's regime" / "Bazoum's government". Rules over the parse,
no tagger: a label is a title or role noun right before a name with the words that modify it
("ousted president"), an apposition after it (", a researcher at"), a group noun tied to it
("the regime of X", "X's government", "rebels calling themselves X"), or a description that
stands for it ("the former president", where "president" is what the story calls X).

:func:`story_labels` keeps only what is word choice: a label that at most half of the outlets
naming the entity use for it (a title every outlet writes is no choice).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from compare.analysis.framing import Lexicon, default_lexicon, word_valence
from compare.analysis.parse import ParsedArticle, without_dateline
from compare.text import ENGLISH_STOP_WORDS

# Nouns that say what a person, group or country is: the head of a label.
ROLE_NOUNS = frozenset("""
president president-elect leader leaders dictator strongman autocrat ruler rulers despot tyrant monarch king queen
prince emir sultan minister ministers premier chancellor general colonel commander commanders chief head spokesman
spokeswoman spokesperson official officials governor mayor senator lawmaker lawmakers legislator congressman
congresswoman ambassador envoy diplomat secretary chairman chairwoman chair director founder boss bosses owner
owners judge prosecutor activist activists opponent opponents critic critics rival rivals ally allies partner
partners successor predecessor incumbent candidate nominee challenger frontrunner regime government administration
junta officers officer soldiers soldier troops forces army military guard guards guardsmen rebels rebel militants
militant fighters militia militias insurgents protesters demonstrators strikers workers unions unionists putschists
putschist mutineers usurpers terrorists terrorist separatists separatist warlord warlords tycoon oligarch oligarchs
billionaire magnate mogul firm company giant group power powers state nation country neighbour neighbor patron
puppet proxy proxies hardliner hardliners reformer moderate populist nationalist nationalists firebrand cleric
scientist scientists expert analyst economist researcher professor veteran hostage captive detainee prisoner
mob thugs gang clique cabal authorities authority operator mastermind architect champion hero heroes martyr martyrs
victim victims refugees migrants immigrants invaders occupiers aggressor liberators minority elite elites
groups firms companies nations countries states gangs juntas regimes governments
""".split())
# Capitalised titles before a name ("Foreign Minister", "Colonel-Major").
_TITLES = frozenset("""
president prime foreign defence defense interior finance justice deputy vice chief secretary minister governor mayor
senator sen rep gov judge commissioner spokesman spokeswoman ambassador envoy director chairman chairwoman leader
general gen colonel captain commander major lieutenant admiral marshal sergeant brigadier king queen prince princess
emir sheikh pope cardinal archbishop bishop professor prof dr mr mrs ms sir lady lord state opposition supreme
speaker chancellor premier former acting interim
""".split())
# Words that modify a role ("ousted", "democratically elected") but never verbs of saying or
# doing that may stand right before a name ("said president X", "met leader X").
_NOT_MODIFIERS = frozenset("""
said says say told tells met meets urged urges called calls named names thanked accused accuses including include
includes like joined joins replaced replaces visited visits warned warns asked asks praised praises criticised
criticized blamed backed backs supported supports wrote writes added adds according under against after before
since during while whereas whose which who whom that than then when where also still just even only both each
according quoting quoted interviewed reported reports insisted insists announced announces declared declares
""".split())
# Words that link a group noun to the name it labels: "rebels calling themselves X".
_CALLING = re.compile(r"\s+(?:calling (?:themselves|itself)|who call(?:ed)? themselves|known as|styling "
                      r"(?:themselves|itself)|dubbed)\s+(?:the\s+)?$", re.I)
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?|\d[\d,.]*|[^\w\s]")
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those"})
MAX_LABEL_WORDS = 4
LOADED_LABELS = ("label", "emotive", "euphemism")  # lexicon categories that make a group's name a label
_VALENCE = 1.5  # |VADER valence| from which a word makes a group's name a label


# A Label's kind: words attached to an entity; a name it is written by; a noun phrase that
# refers to people without naming them ("the suspect", "Somali pirates", "police").
LABEL, NAME, MENTION = "label", "name", "mention"
# Nouns for people and groups besides ROLE_NOUNS: how a report refers to whom it does not name.
PERSON_NOUNS = frozenset("""
police cops cop man men woman women people person persons boy boys girl girls child children teenager teenagers
teen teens youth youths suspect suspects gunman gunmen shooter shooters attacker attackers assailant robber
robbers thief thieves driver drivers passenger passengers pilot pilots crew crews sailors pirates pirate family
families wife husband mother father son daughter brother sister parents actress actor actors star stars singer
celebrity host player players coach team club lawyer lawyers attorney attorneys employee employees staff
inmate inmates resident residents neighbour neighbours neighbor neighbors witness witnesses student students
teacher teachers doctor doctors nurse nurses patient patients citizen citizens civilian civilians voter voters
survivor survivors bystander bystanders firefighters paramedics rescuers investigators detectives agents
agency agencies navy ministry delegation delegates negotiators spokesman spokeswoman colleague colleagues
bandits brigands raiders hijackers kidnappers captors
""".split())
# Nouns for an agreement between parties: how an outlet names a deal it does not name by its
# name ("the nuclear deal", "the accord", "the so-called peace plan").
DEAL_NOUNS = frozenset("deal deals agreement agreements accord accords treaty treaties pact pacts ceasefire "
                       "truce armistice".split())
_MENTION_HEADS = PERSON_NOUNS | ROLE_NOUNS | DEAL_NOUNS
# Role nouns that are mostly a piece of a longer name when nothing names them ("state media",
# "company shares", "power cuts"): no mention of people on their own.
_NOT_PEOPLE = frozenset("""
state states nation nations country countries power powers giant firm firms company companies group groups
authority head chief partner partners proxy proxies general
""".split())


@dataclass(frozen=True)
class Label:
    """Words an outlet attaches to an entity in one sentence (index -1: the headline); of kind
    :data:`NAME`, a name the outlet writes for the entity ("Bazoum", "Mohamed Bazoum"); of kind
    :data:`MENTION`, the noun phrase it refers to unnamed people by (entity: its head noun). ``differs``:
    at most half of the outlets naming the entity use it (a choice, not what everyone writes)."""

    outlet: str
    article_id: str
    entity: str
    label: str
    sentence_index: int
    kind: str = LABEL
    differs: bool = True


def entity_names(articles: Sequence[ParsedArticle]) -> dict[str, str]:
    """Name as written -> the entity it stands for: a bare surname ("Bazoum") stands for the one
    full name of the story that ends with it ("Mohamed Bazoum"), as in
    :func:`compare.analysis.align.names_table`."""
    written = {n for a in articles for s in a.sentences if not s.headline_like for n in s.names}
    by_last: dict[str, set[str]] = defaultdict(set)
    for name in written:
        if " " in name:
            by_last[name.split()[-1]].add(name)
    canonical = {}
    for name in written | {n for a in articles for s in a.sentences for n in s.names}:
        full = by_last.get(name, set()) if " " not in name else set()
        canonical[name] = next(iter(full)) if len(full) == 1 else name
    return canonical


# Words in -ing that describe a role ("outgoing President X"); any other word in -ing before a
# capitalised title is a verb whose object the name is ("disparaging President X").
_ING_ADJECTIVES = frozenset({"outgoing", "incoming", "founding", "leading", "ruling", "sitting", "reigning",
                             "governing", "presiding", "striking", "ageing", "aging", "long-standing", "longstanding",
                             "long-serving", "serving", "remaining", "retiring", "visiting", "fighting", "warring",
                             "rising", "emerging", "controlling", "commanding", "managing", "opposing", "rebelling"})


def _is_modifier(word: str) -> bool:
    lowered = word.lower()
    return (word[:1].islower() and (lowered not in ENGLISH_STOP_WORDS or lowered == "former")
            and lowered not in _NOT_MODIFIERS
            and not lowered.endswith(("'s", "’s")) and any(ch.isalpha() for ch in word) and len(word) > 1)


def _is_title(word: str) -> bool:
    return word[:1].isupper() and all(part.lower() in _TITLES for part in word.split("-"))


def _demonym(word: str) -> bool:
    """A capitalised adjective of a country or people ("Russian", "French", "Nigerien")."""
    return word[:1].isupper() and len(word) > 3 and bool(re.search(r"(?:an|ian|ese|ish|ch|i)$", word))


def _before(tokens: list[str]) -> list[str]:
    """The label right before a name: titles and role nouns, and the words modifying them."""
    taken: list[str] = []
    index = len(tokens) - 1
    while index >= 0 and (_is_title(tokens[index]) or tokens[index].lower() in ROLE_NOUNS
                          and tokens[index][:1].islower()):
        taken.insert(0, tokens[index])
        index -= 1
    if not taken:
        return []
    while index >= 0 and len(taken) < MAX_LABEL_WORDS:
        word = tokens[index]
        if word.lower().endswith("ing") and word.lower() not in _ING_ADJECTIVES and taken[0][:1].isupper():
            break  # "texts disparaging President X": a verb's object, not a label ("shipping giant X" is one)
        if _is_modifier(word) or _demonym(word) or _is_title(word) or \
                word[:1].isupper() and index + 1 < len(tokens) and _demonym(tokens[index + 1]) and \
                word in ("North", "South", "East", "West", "Central"):
            taken.insert(0, word)
            index -= 1
            continue
        break
    # "said president X": a modifier is only one when its phrase starts where a phrase may.
    start = tokens[index] if index >= 0 else ""
    if taken[0][:1].islower() and taken[0].lower() not in ROLE_NOUNS and start and \
            start.lower() not in _DETERMINERS and start not in ",;:(—–-\"“" and \
            not start.lower().endswith(("'s", "’s")) and start.lower() not in {"of", "for", "by", "with", "to",
                                                                                "from", "on", "in", "at", "and"}:
        while taken and taken[0][:1].islower() and taken[0].lower() not in ROLE_NOUNS:
            taken.pop(0)
    # "and placed President X": after "and" a verb's past goes with the clause, not the title
    # ("the ousted president" keeps its word).
    while taken and start.lower() == "and" and taken[0][:1].islower() and taken[0].lower().endswith("ed"):
        taken.pop(0)
    return taken


_APPOSITION = re.compile(
    r"^\s*,\s*(?:(?:a|an|the|its|his|her|their)\s+|[\w.-]+['’]s\s+)?((?:[\w-]+\s+){0,3}?[\w-]+)"
    r"(?=\s*(?:,|\.|;|—|–|\)|$|\s(?:who|whose|which|that|of|at|for|in|from|since|with|and)\b))")


_LAST_OF_LIST = re.compile(r",[^,;.]*\s(?:and|or)\s+$")


def _after(rest: str) -> list[str]:
    """An apposition right after a name (", the country's elected president,")."""
    match = _APPOSITION.match(rest)
    if not match:
        return []
    words = match.group(1).split()
    if words[-1].lower() not in ROLE_NOUNS or any(w.lower() in ENGLISH_STOP_WORDS - {"former"} for w in words):
        return []
    if any(w[:1].isupper() and not (_demonym(w) or _is_title(w)) for w in words):
        return []
    return words


_GROUP_OF = re.compile(r"(?:^|\b(?:the|a|an|its|their)\s+)((?:[\w-]+\s+){0,2}[\w-]+)\s+of\s+(?:the\s+)?$", re.I)
_POSSESSED = re.compile(r"^['’]s\s+((?:[\w-]+\s+){0,2}?[\w-]+)\b")


def _tied(before: str, rest: str) -> list[list[str]]:
    """Group nouns tied to a name: "the regime of X", "X's regime", "rebels calling themselves X"."""
    found = []
    calling = _CALLING.search(before)
    head = before[:calling.start()] if calling else ""
    if calling:
        words = [w for w in re.findall(r"[\w'’-]+", head)[-MAX_LABEL_WORDS:]]
        phrase: list[str] = []
        for word in reversed(words):
            if not _is_modifier(word):
                break
            phrase.insert(0, word)
        if phrase and phrase[-1].lower() in ROLE_NOUNS:
            found.append(phrase)
    of = _GROUP_OF.search(before)
    if of:
        words = of.group(1).split()
        # "the regime of X" labels X; "the soldiers of X" are X's soldiers, "the president of X" its head.
        if words[-1].lower() in _GROUP_HEADS and all(_is_modifier(w) for w in words):
            found.append(words)
    possessed = _POSSESSED.match(rest)
    if possessed:
        words = possessed.group(1).split()
        # "Bazoum's regime", "Russia's puppet government"; not "Bazoum's Nigerien Party" (a name).
        while words and words[-1].lower() not in ROLE_NOUNS:
            words.pop()
        if words and all(_is_modifier(w) for w in words) and words[-1].lower() in _GROUP_HEADS:
            found.append(words)
    return found


# Heads that, possessed by a name, label it ("Bazoum's regime"), unlike "Bazoum's party".
_GROUP_HEADS = frozenset({"regime", "government", "administration", "junta", "puppet", "proxy", "proxies", "clique",
                          "cabal", "gang", "cronies", "henchmen", "thugs", "mouthpiece", "stooges"})


# Every name of a story is looked for in many sentences; re's own cache (512 patterns) is
# too small for a run's names, so each name's pattern is kept compiled here.
@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    """The mentions of ``name`` as a whole word (not inside a longer word or hyphenated name)."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


# (sentence, its names, the entity of each) -> its labels: the outlets of a story often print
# the same sentence (wire copy, a shared statement), read once while it is recent.
_LABELLED: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[tuple[str, str], ...]] = {}
_LABELLED_MAX = 20_000


def sentence_labels(text: str, names: Iterable[str], entity_of: dict[str, str]) -> list[tuple[str, str]]:
    """(entity, label) for each name of one sentence that carries a label."""
    unique = tuple(dict.fromkeys(names))
    key = (text, unique, tuple(entity_of.get(name, name) for name in unique))
    found = _LABELLED.get(key)
    if found is None:
        found = tuple(_sentence_labels(text, unique, entity_of))
        if len(_LABELLED) >= _LABELLED_MAX:
            _LABELLED.clear()
        _LABELLED[key] = found
    return list(found)


def _sentence_labels(text: str, names: tuple[str, ...], entity_of: dict[str, str]) -> list[tuple[str, str]]:
    """:func:`sentence_labels`, read from the sentence itself (``names`` once each)."""
    body = without_dateline(text) or text
    found: list[tuple[str, str]] = []
    for name in dict.fromkeys(names):
        entity = entity_of.get(name, name)
        for match in _name_pattern(name).finditer(body):
            before, rest = body[:match.start()], body[match.end():]
            if in_quotes(body, match.start()) or before.rstrip().endswith(('"', "”")):
                continue
            # The last of a list ("Mexico, Honduras and El Salvador, immigrants who") shares its
            # apposition with the others: it describes them all, not this name.
            after = [] if _LAST_OF_LIST.search(before) else _after(rest)
            phrases = [_before(_TOKEN.findall(before)[-8:]), after, *_tied(before, rest)]
            for words in phrases:
                if words:
                    found.append((entity, " ".join(words)))
    return found


def _titles_of(labels: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Role noun -> the one entity it labels in the story ("president" -> the president)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity, label in labels:
        owners[label.split()[-1].lower()].add(entity)
    return {role: next(iter(e)) for role, e in owners.items() if len(e) == 1}


_DESCRIPTION = re.compile(r"(?:^The|\bthe|\b[A-Z][\w-]*['’]s)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)")
# Heads too general to stand for one entity ("the country", "the government" of whichever).
_GENERIC = frozenset({"country", "nation", "state", "group", "company", "firm", "government", "authorities",
                      "authority", "power", "powers", "officials", "official", "forces", "military", "army", "head",
                      "chief", "partner", "partners", "owner", "operator", "victims", "victim"})


def in_quotes(text: str, position: int) -> bool:
    """Whether ``position`` is inside a direct quotation: a quoted label is the speaker's word."""
    before = text[:position]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _descriptions(text: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """Descriptions that stand for an entity: "the former president" when the story calls one
    person its president, "the putschists" when it calls one council so."""
    found = []
    body = without_dateline(text) or text
    for match in _DESCRIPTION.finditer(body):
        if in_quotes(body, match.start()):
            continue
        words: list[str] = []
        for word in match.group(1).split():  # modifiers up to the first role noun
            words.append(word)
            if word.lower() in ROLE_NOUNS or not _is_modifier(word):
                break
        head = words[-1].lower()
        rest = match.string[match.start(1) + len(" ".join(words)):]
        if head not in titles or head in _GENERIC or re.match(r"\s+[A-Z]", rest):
            continue  # a name follows: the label is that name's
        if all(_is_modifier(w) for w in words):
            found.append((titles[head], " ".join(words)))
    return found


def _is_generic(label: str) -> bool:
    """A bare general noun ("country", "officials") says nothing of a choice; "government"
    beside another's "regime" does."""
    return label.lower() in _GENERIC - {"government", "military", "army", "forces"}


def _loaded_start(words: list[str], lexicon: Lexicon) -> bool:
    """Whether a phrase starts with a loaded lexicon term, or with a word VADER rates strongly
    (an adjective or noun: "-ed" and "-ing" words are mostly verbs there)."""
    phrase = " ".join(words)
    if any(category in LOADED_LABELS and match.start() == 0 for category, match in lexicon.find(phrase)):
        return True
    first = words[0].lower()
    return abs(word_valence(first)) >= _VALENCE \
        and not first.endswith(("ed", "ing"))


def _unnamed_mentions(text: str) -> list[tuple[str, str]]:
    """Noun phrases that refer to people (or a deal) without naming them, (head noun, phrase):
    "the suspect" -> ("suspect", "suspect"), "two Somali pirates" -> ("pirates", "Somali
    pirates"), "the nuclear deal" -> ("deal", "nuclear deal"); not a title before a name
    ("police chief John Smith"), nor words inside a quotation."""
    body = without_dateline(text) or text
    found = []
    tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", body))
    for position, match in enumerate(tokens):
        head = match.group(0)
        lowered = head.lower()
        # capitalised only where the sentence starts ("Police said")
        if lowered not in _MENTION_HEADS or lowered in _NOT_PEOPLE \
                or not (head[:1].islower() or position == 0) or in_quotes(body, match.start()):
            continue
        following = tokens[position + 1].group(0) if position + 1 < len(tokens) else ""
        if following[:1].isupper() or following.lower() in _MENTION_HEADS:
            continue  # "leader Kim": the name's label; "police officers": the next word is the head
        words = [head]
        for earlier in reversed(tokens[max(0, position - 2):position]):
            word = earlier.group(0)
            # a word in -ed, -ing or -s before the noun is mostly a verb ("arrested", "deserves"),
            # unless hyphenated ("so-called", "well-armed")
            verb_like = word.lower().endswith(("ed", "ing")) or \
                word.endswith("s") and not word.endswith(("ss", "us", "is"))
            if not (_is_modifier(word) or _demonym(word)) or verb_like and "-" not in word:
                break
            words.insert(0, word)
        found.append((lowered, " ".join(words)))
    return found


def _groups(text: str, lexicon: Lexicon) -> list[tuple[str, str]]:
    """Loaded names for a group that the sentence does not name: (head noun, label), as in
    "rogue soldiers", "the putschists", "a radicalised minority"."""
    body = without_dateline(text) or text
    found = []
    tokens = list(re.finditer(r"[\w'’-]+|[^\w\s]", body))
    for position, match in enumerate(tokens):
        head = match.group(0)
        if head.lower() not in ROLE_NOUNS or not head[:1].islower() or in_quotes(body, match.start()):
            continue
        following = tokens[position + 1].group(0) if position + 1 < len(tokens) else ""
        if following[:1].isupper():
            continue  # "leader Kim": the name's label
        if following.lower() in ROLE_NOUNS:
            continue  # "terrorist groups": the next word is the head
        words = [head]
        for earlier in reversed(tokens[max(0, position - 2):position]):
            if not _is_modifier(earlier.group(0)):
                break
            words.insert(0, earlier.group(0))
        # The label starts at its first loaded word: "rogue soldiers", not "several rogue soldiers".
        while words and not _loaded_start(words, lexicon):
            words.pop(0)
        if words:
            found.append((head.lower(), " ".join(words)))
    return found


# Heads that introduce a source by their field ("labour economist"): a description, not a choice.
_FIELDS = frozenset({"scientist", "scientists", "expert", "analyst", "economist", "researcher", "professor"})


def _describes(label: str) -> bool:
    """Whether a label says more than a title, a role or a field: a word of its own describes
    whom it names ("shipping giant", not "Foreign Minister", "leader" or "labour economist")."""
    words = label.split()
    return len(words) >= 2 and words[-1].lower() not in _FIELDS \
        and any(w.lower() not in ROLE_NOUNS and w.lower() not in _TITLES and not _demonym(w) for w in words)


def label_words(labels: Iterable[Label]) -> frozenset[str]:
    """The words of labels that are a choice (not the titles and role nouns every outlet uses):
    a word substituted for another's in an aligned sentence counts when it is one of these."""
    return frozenset(w for label in labels for w in label.label.lower().split()
                     if w not in ROLE_NOUNS and w not in _TITLES)


def _norm(label: str) -> str:
    return " ".join(label.lower().split())


def article_labels(article: ParsedArticle, entity_of: dict[str, str]) -> list[Label]:
    """Every label an article attaches to the story's entities, sentence by sentence."""
    found = []
    for sentence in article.sentences:
        if sentence.boilerplate or sentence.headline_like:
            continue  # title case capitalises every word: no telling a title from a name
        for entity, label in sentence_labels(sentence.text, sentence.names, entity_of):
            found.append(Label(article.outlet, article.id, entity, label, sentence.index))
    return found


def story_labels(articles: Sequence[ParsedArticle], lexicon: Lexicon | None = None) -> list[Label]:
    """The labels of a story that are word choice: each one used for its entity by at most half
    of the outlets that name the entity (and by at least one fewer than all of two); where one
    outlet alone names the entity, its labels that describe it ("the shipping giant Maersk"),
    not a bare title, role or field.

    A loaded name for a group the sentence does not name ("rogue soldiers") labels the entity
    the story otherwise calls so ("putschists calling themselves X"), else the group itself,
    by its head noun; every outlet of the story may speak of it."""
    return [label for label in story_naming(articles, lexicon) if label.kind == LABEL and label.differs]


def story_naming(articles: Sequence[ParsedArticle], lexicon: Lexicon | None = None) -> list[Label]:
    """How each outlet names the story's people, organisations and countries: the labels of
    :func:`story_labels` (``differs`` true), every other label it attaches to an entity that two
    outlets or more name ("President" for a president all of them call so; ``differs`` false),
    each name it writes for such an entity (kind :data:`NAME`: "Bazoum", "Mohamed Bazoum"), and
    the noun phrases it refers to people or a deal by without a name (kind :data:`MENTION`: "the
    suspect", "Somali pirates", "the accord"); a name or mention once per article, where it first
    stands."""
    lexicon = lexicon or default_lexicon()
    entity_of = entity_names(articles)
    labels = _attached_labels(articles, entity_of, lexicon)
    # A phrase that is already a label of someone named ("the former president") is not also a mention.
    labelled = {(l.article_id, l.sentence_index, _norm(l.label)) for l in labels}
    naming: dict[str, set[str]] = defaultdict(set)  # entity -> outlets naming it
    written: list[Label] = []  # the names and mentions as each article writes them
    for article in articles:
        for sentence in article.sentences:
            for name in sentence.names:
                entity = entity_of.get(name, name)
                naming[entity].add(article.outlet)
                if not sentence.boilerplate and not sentence.headline_like and _names_someone(name):
                    written.append(Label(article.outlet, article.id, entity, name, sentence.index, NAME))
            if not sentence.boilerplate and not sentence.headline_like:
                written += [Label(article.outlet, article.id, head, words, sentence.index, MENTION)
                            for head, words in _unnamed_mentions(sentence.text)
                            if (article.id, sentence.index, _norm(words)) not in labelled]
    for label in labels + written:
        naming[label.entity].add(label.outlet)
    everyone = {a.outlet for a in articles}
    for head in _MENTION_HEADS:  # an unnamed group (or deal) is the whole story's
        if head in naming:
            naming[head] |= everyone
    using: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for label in labels + written:
        using[(label.kind, label.entity, _norm(label.label))].add(label.outlet)
    kept, seen = [], set()
    for label in labels + written:
        outlets = naming[label.entity]
        if label.kind == LABEL and _is_generic(label.label):
            continue
        shared_by = len(using[(label.kind, label.entity, _norm(label.label))])
        if len(outlets) < 2:
            # An entity one outlet alone names is compared with no one: only what describes it.
            if label.kind == NAME or not _describes(label.label):
                continue
            differs = True
        else:
            differs = shared_by <= len(outlets) / 2
        # A label in every sentence it stands in; a name in the first only (it is written often).
        where = label.sentence_index if label.kind == LABEL else None
        key = (label.kind, label.article_id, label.entity, _norm(label.label), where)
        if key not in seen:
            seen.add(key)
            kept.append(Label(label.outlet, label.article_id, label.entity, label.label, label.sentence_index,
                              label.kind, differs))
    return sorted(kept, key=lambda l: (l.entity, l.outlet, l.sentence_index, l.kind, l.label))


def _names_someone(name: str) -> bool:
    """Whether a name the parse found names someone or something: not a capital letter alone
    ("U"), nor "I'm" or "I'd"."""
    return len(name) > 1 and not re.fullmatch(r"I['’]\w+", name)


def _attached_labels(articles: Sequence[ParsedArticle], entity_of: dict[str, str], lexicon: Lexicon) -> list[Label]:
    """Every label the articles attach to an entity: next to its name, a description standing
    for it, a loaded name for a group."""
    labels = [label for article in articles for label in article_labels(article, entity_of)]
    titles = _titles_of((l.entity, l.label) for l in labels)
    for article in articles:
        for sentence in article.sentences:
            if sentence.boilerplate or sentence.headline_like:
                continue
            described = _descriptions(sentence.text, titles)
            for entity, label in described:
                labels.append(Label(article.outlet, article.id, entity, label, sentence.index))
            for head, label in _groups(sentence.text, lexicon):
                if not any(_norm(label).endswith(_norm(d)) or _norm(d).endswith(_norm(label)) for _, d in described):
                    labels.append(Label(article.outlet, article.id, titles.get(head, head), label, sentence.index))
    return labels


__all__ = ["LABEL", "MENTION", "NAME", "Label", "ROLE_NOUNS", "article_labels", "entity_names", "label_words",
           "sentence_labels", "story_labels", "story_naming"]
