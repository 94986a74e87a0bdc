"""Sources: whom each article quotes or cites, under one name and one kind per speaker.

:mod:`compare.analysis.attribution` finds the attributions of each sentence; this module joins them
into the article's sources. A pronoun speaker ("she said") stands for the person last named,
and is dropped when nobody was; a surname or "Mr. Rubio" stands for the full name the article
gave first ("Marco Rubio"). The kind (official, expert, witness, anonymous, outlet, document,
other) is decided once per speaker from every role word the article gives it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from compare.analysis.attribution import Attribution, find_attributions
from compare.analysis.parse import ParsedArticle, parse_article
from compare.analysis.quotes import quoted_parts
from compare.analysis.speakers import PRONOUNS
from compare.text import proper_names

_ANONYMOUS = re.compile(r"\b(familiar with|not (?:to be )?(?:be )?(?:named|identified)|anonymity|anonymously|"
                        r"unnamed|insiders?|(?:a |one |two |three |several )?(?:senior |military |diplomatic |"
                        r"government |administration |campaign |congressional |intelligence |well-placed |"
                        r"informed )?sources?\b|people close to|asked not to|(?:want|wish)(?:ed|s)? to be "
                        r"(?:named|identified)|declined to be (?:named|identified)|"
                        r"who spoke on condition|not (?:authori[sz]ed|permitted|allowed) to (?:speak|talk|comment|"
                        r"discuss)|(?:on|under) condition that (?:he|she|they) (?:not )?be)", re.I)
_DOCUMENT = re.compile(r"\b(draft|document|report|statement|ruling|memo|note|briefing|letter|proposal|study|survey|"
                       r"poll|polls|data|figures|filing|indictment|judgment|records|minutes|analysis|transcript|complaint|"
                       r"lawsuit|order|bill|ad|advertisement|email|emails|tweet|website|book|census|index)\b", re.I)
_OUTLET = re.compile(r"\b(newspaper|magazine|broadcaster|news agency|wire service|news service|network|tabloid|"
                     r"daily|weekly|news site|website|outlet|channel|station|state media|state television|state tv|"
                     r"public television|state radio)\b", re.I)
_OUTLET_NAME = re.compile(r"^(?:The\s+)?(?:[A-Z][\w.&'’-]*\s+){0,3}(?:Times|Post|News|Herald|Tribune|Journal|"
                          r"Gazette|Courier|Telegraph|Guardian|Independent|Express|Mail|Observer|Press|Presse|Wire|"
                          r"Chronicle|Inquirer|Globe|Examiner|Register|Star|Sun|Mirror|Review|Magazine|Radio|"
                          r"Television|TV|Daily|Weekly|Monitor|Bulletin|Reporter)$|^Agence\s")
# Wire services and broadcasters that other outlets cite by a bare name.
_WIRES = frozenset({"reuters", "associated press", "ap", "afp", "bloomberg", "bbc", "cnn", "al jazeera", "xinhua",
                    "tass", "ria novosti", "interfax", "kyodo", "yonhap", "ansa", "dpa", "efe", "nhk", "pti", "ani",
                    "upi", "npr", "pbs", "abc", "nbc", "cbs", "fox news", "sky news", "euronews", "anadolu"})
# Role words by kind. A role phrase's kind is its head noun's: the last role word before the
# first "of", "at", "who"... ("a student at the University" is a student, "Coast Guard Rear
# Admiral" an admiral), else the first role word after it ("who runs a bakery").
_OFFICIAL = re.compile(r"\b(minister|ministers|ministry|ministries|president|premier|prime|governor|mayor|senator|"
                       r"sen\b|rep\b|gov\b|congressman|congresswoman|spokes(?:man|woman|person|people)|official|"
                       r"officials|"
                       r"government|police|policeman|policewoman|gendarmerie|army|military|armed forces|navy|"
                       r"air force|coast guard|coastguard|national guard|guard|troops|soldiers?|officers?|"
                       r"colonel|admiral|lieutenant|captain|sergeant|brigadier|marshal|general|commander|"
                       r"envoy|ambassador|diplomats?|embassy|consulate|prosecutors?|judge|justice|court|"
                       r"council|councillor|councilor|commission|commissioner|authority|authorities|"
                       r"chief|secretary|director|chairman|chairwoman|chair|head of state|leader|lawmakers?|"
                       r"legislators?|mp\b|deputy|department|agency|bureau|office|administration|cabinet|"
                       r"parliament|senate|congress|assembly|junta|regime|prefect|prefecture|king|queen|"
                       r"monarch|chancellor|white house|kremlin|pentagon|campaign|party|committee|candidate|"
                       r"nominee|aide|aides|adviser|advisor|manager|strategist|delegate|representative|"
                       r"attorney general|sheriff|regulator|company|companies|firm|corporation|operator|"
                       r"owners? of the|union|unions|federation|confederation|association|bank|board|"
                       r"executive|ceo|lawyer|attorney|organi[sz]ation|organi[sz]ers|ngo|charity|"
                       r"advocacy group|campaign group|leads the|heads the|manages|operates|"
                       r"speaks for|on behalf of)\b", re.I)
_EXPERT = re.compile(r"\b(researchers?|analysts?|economists?|professor|experts?|scientists?|scholar|academic|"
                     r"historian|forecaster|meteorologist|seismologist|engineer|physicist|astronomer|"
                     r"astrophysicist|epidemiologist|institute|institution|university|think tank|think-tank|"
                     r"dr\b|lecturer|consultant|pollster|fellow at|senior fellow|research fellow|specialist|"
                     r"director of research|research|research group|studies|studied|who tracks|consumer)\b", re.I)
_WITNESS = re.compile(r"\b(residents?|who lives?|who lived|living (?:in|near|nearby)|who (?:was|were) there|"
                      r"who (?:saw|watched|heard|witnessed|survived|lost|fled|escaped|marched|joined|took part)|"
                      r"on strike|eyewitness(?:es)?|"
                      r"witness|witnesses|survivors?|victims?|bystanders?|passers?-by|passersby|onlookers?|"
                      r"neighbou?rs?|shopkeeper|owner|runs a|mother|father|farmer|workers?|driver|passengers?|"
                      r"commuters?|motorists?|local|locals|villagers?|teacher|nurse|trader|vendor|student|"
                      r"voters?|attendees?|supporters?|protesters?|demonstrators?|marchers?|strikers?|"
                      r"striking|pensioners?|retirees?|relatives?|customers?|parents?|fisherman|fishermen|"
                      r"citizens?|member of the public|whose (?:home|house|shop|stall|family|son|daughter|"
                      r"husband|wife|brother|sister)|\d{2},)\b", re.I)
_KINDS = (("official", _OFFICIAL), ("expert", _EXPERT), ("witness", _WITNESS))
# Where a role phrase's head ends: "a student | at ...", "Naomi Fields | who studies ...".
_HEAD_END = re.compile(r",|(?:^|\s)(?:of|at|for|from|with|in|on|near|to|who|whose|which|that)\b", re.I)
# One unnamed person in a role of office or knowledge ("a port official", "a former scientist")
# is an anonymous source; a spokesperson speaks on the record for a body.
_UNNAMED_PERSON = re.compile(r"^(?:an?|one)\s+(?:[\w'’-]+\s+){0,4}?(?:official|diplomat|officer|scientist|analyst|"
                             r"expert|researcher|economist|engineer|member|aide|adviser|advisor|insider|executive|"
                             r"lawmaker|legislator|minister|commander|soldier|investigator|negotiator|staffer|"
                             r"employee|source|person|individual|figure)$", re.I)
_OUTLET_BEFORE_NAME = re.compile(r"\b(?:newspaper|news agency|magazine|broadcaster)\s+")
_DESCRIBED_OUTLET = re.compile(r"^(?:the\s+)?(?:[A-Z][\w-]*\s+){0,2}(?:newspaper|daily|tabloid|magazine|broadcaster|"
                               r"weekly|news agency|news site|website|network|channel)\s+(?P<name>[A-Z].*)$", re.I)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Rev|Sir|Dame)\.?\s+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
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
        for attribution in find_attributions(item.text, sentence_quotes, previous_quote, item.headline_like):
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

    def _is_person(self, name: str, sentence: str) -> bool:
        words = name.split()
        if len(words) == 1:  # a surname of someone named in full, or with "Mr."/"Ms."
            return words[0] in self.full or words[0] in self.gender
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words) or _is_organisation(name):
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
            if self._is_subject(name, sentence):
                self._remember(self.full.get(words[-1], name))

    def mention(self, speaker: str) -> None:
        """A speaker named in an attribution: a person there is the one a later pronoun means."""
        name = _trailing_person(_HONORIFIC.sub("", _POSSESSIVE.sub("", speaker))) if speaker[:1].isupper() else ""
        if name and not _ARTICLE.match(speaker):
            words = name.split()
            if len(words) >= 2:
                self.full.setdefault(words[-1], name)
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
        person = _trailing_person(bare)
        if person:  # "Foreign Ministry spokeswoman Maria Zakharova" is Maria Zakharova
            words = person.split()
            known = self.full.get(words[-1], "")
            if len(words) == 1 or (known and person.endswith(known)):
                return known or person
            return person
        return _ARTICLE.sub("", bare) if _ARTICLE.match(bare) else bare


# A name at the end of a speaker; an initial may lack its stop ("S Somanath"), but "A" and "I" are words.
_TRAILING_NAME = re.compile(r"(?:^|(?<=\s))((?:(?:[A-Z]\.|(?![AI]\s)[A-Z]|[A-Z][\w'’-]+)\s+){0,3}[A-Z][\w'’-]+)$")


_NOT_ROLES = {"said", "says", "told", "asked", "by", "than", "like", "as", "but", "or", "against", "about",
              "over", "under", "between", "after", "before", "during", "his", "her", "their", "its", "our"}
_LINKS = {"in", "of", "at", "from", "for", "by", "to", "with", "on", "the", "a", "an", "and", "near", "outside"}


def _trailing_person(speaker: str) -> str:
    """The personal name a speaker ends with, after its role words, or ""."""
    match = _TRAILING_NAME.search(speaker)
    if not match or _is_organisation(match.group(1)):
        return ""
    name = _ARTICLE.sub("", match.group(1)) if " " in match.group(1) else match.group(1)  # "The FBI" is FBI
    before = speaker[:match.start(1)].strip()
    if before and not re.search(r"[a-z]$", before.split()[-1]):
        return ""  # "Trump Tower", not a role before a name
    if before and before.split()[-1] == "of" and re.search(r"\b(?:Secretary|Chief|Director|Minister|Head)$",
                                                          before.split(" of")[0].strip()):
        # "Chief of Staff Katie Walsh", "Secretary of State John Smith": a title's end, then the name
        words = name.split()
        return " ".join(words[-3:] if len(words) >= 3 and re.fullmatch(r"[A-Z]\.", words[-2]) else words[-2:])
    if before and before.split()[-1].lower() in _LINKS:
        return ""  # "officials in Moscow", "the Committee for the Missing": a place or a name's end
    return name


def _is_organisation(name: str) -> bool:
    return bool(re.search(r"\b(?:House|Ministry|Office|Department|Court|Bank|Union|Council|Party|Service|Agency|"
                          r"Committee|Institute|University|Association|Federation|Republic|Parliament|Senate|"
                          r"Assembly|Commission|Authority|Administration|Government|Army|Navy|Force|Police|"
                          r"Center|Centre|Foundation|Fund|Board|Group|Network|Company|Corporation|Campaign|"
                          r"News|Times|Post|Journal|States|Kingdom|Street|City|County|Alliance|Coalition|"
                          r"Society|League|Movement|Front|Organi[sz]ation|Institution|Inc|Ltd|Corp|LLC|PLC|"
                          r"Holdings|Airlines|Lines)\b", name))


def classify(source: str, article_text: str, known_outlets: frozenset[str] = frozenset(),
             roles: list[str] | None = None, speakers: list[str] | None = None) -> str:
    """The kind of a source, from its own words, the roles the article gives it and its first mention.

    ``speakers`` are the speaker as each attribution wrote it ("A port official", "Governor X"),
    ``roles`` the words it gave about them ("a student at ...", "who runs a bakery"); each is a
    phrase whose head noun decides.
    """
    written = [w for w in (speakers or []) if w.strip() and w.lower() not in PRONOUNS] or [source]
    phrases = [p for p in [*(roles or []), *written] if p.strip()]
    introduction = _introduction(source, article_text)
    own = " ".join([source, *phrases])
    # No name at all: "a senior official", "the people", not "the FBI" or "A Western diplomat"
    unnamed = all((_ARTICLE.match(w) or w[:1].islower()) and not re.search(r"\s[A-Z]", w) for w in written)
    if _ANONYMOUS.search(own) or (unnamed and _ANONYMOUS.search(introduction)):
        return "anonymous"
    bare = _ARTICLE.sub("", source).lower()
    if bare in _bare_names(frozenset(known_outlets)) or bare in _WIRES:  # "Guardian" is "The Guardian"
        return "outlet"
    # Outlet words in the speaker or the head of a role ("a daily newspaper", not "who crosses it daily")
    heads = " ".join([source, *written, *(_HEAD_END.split(r, maxsplit=1)[0] for r in roles or [])])
    if _OUTLET.search(heads) or re.search(r"\bmedia$", source, re.I) or _OUTLET_NAME.match(source) or any(
            article_text.startswith(source, m.end()) for m in _OUTLET_BEFORE_NAME.finditer(article_text)):
        return "outlet"  # "the newspaper Bild" somewhere in the article
    if _DOCUMENT.search(source) and not proper_names(source):
        return "document"
    if any(_UNNAMED_PERSON.match(p.strip()) for p in written) and \
            not re.search(r"\bspokes|representative", own, re.I):
        return "anonymous"  # "a port official said": one person the article does not name
    name = _ARTICLE.sub("", source)
    body = _is_organisation(name) or bool(_ACRONYM.match(name))
    # A person's title in their own words first ("Prime Minister X, who watched ..."), then the
    # roles; a body's name says little ("Residents Alliance"), what the article calls it more
    for phrase in [*(roles or [])] if body else [*written, *(roles or []), source]:
        kind = _head_kind(phrase)
        if kind:
            return kind
    if body:  # a body speaking for itself ("the FBI", "the Port Group"): official unless it does research
        return "expert" if _head_kind(_expansion(name, article_text) or name) == "expert" else "official"
    kind = _head_kind(_apposition(source, article_text))
    if kind:
        return kind
    described = f"{own} {introduction}"
    # Words near the first mention: a witness's own words ("his parents", "the crowd") say too little
    for kind, pattern in (("expert", _EXPERT), ("official", _OFFICIAL)):
        if pattern.search(described):
            return kind
    return "other"


_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")


# Bodies that watch others rather than govern or speak for members: what they say is judged
# as a specialist's ("a consumer council", "the press freedom watchdog").
_WATCHDOG = re.compile(r"\b(?:watchdog|watch|consumer\s+(?:council|group|association|body|organi[sz]ation)|"
                       r"monitoring\s+group|(?:press\s+freedom|human\s+rights|rights)\s+(?:group|organi[sz]ation))\b",
                       re.I)


def _head_kind(phrase: str) -> str:
    """The kind a role phrase's head noun gives, or ""."""
    if not phrase:
        return ""
    if _WATCHDOG.search(phrase):
        return "expert"
    cut = _HEAD_END.search(phrase)
    head, rest = (phrase[:cut.start()], phrase[cut.start():]) if cut else (phrase, "")
    found = [(m.start(), kind) for kind, pattern in _KINDS for m in pattern.finditer(head)]
    if found:  # the last role word before "of", "at", "who": "Coast Guard Rear Admiral", "a student"
        return max(found)[1]
    found = [(m.start(), kind) for kind, pattern in _KINDS for m in pattern.finditer(rest)]
    return min(found)[1] if found else ""  # "who runs a trucking company": its first role word


def _expansion(acronym: str, text: str) -> str:
    """The name an acronym is introduced with: "National Council for the Safeguard of X (NCSX)"."""
    if not _ACRONYM.match(acronym):
        return ""
    match = re.search(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|and|on|de|du|des|la|le)\s+)*){1,8})\(" +
                      re.escape(acronym) + r"\)", text)
    return match.group(1).strip() if match else ""


def _apposition(source: str, text: str) -> str:
    """The words the first mention of a name gives it: before it ("shopkeeper X") and after it (", a ...")."""
    if not source[:1].isupper():
        return ""
    at = text.find(source)
    if at < 0:
        return ""
    before: list[str] = []
    for word in reversed(re.split(r"[,;:!?\"“”()]|\.\s", text[max(0, at - 60):at])[-1].split()[-4:]):
        if word.lower() in _LINKS or word.lower() in _NOT_ROLES:
            break  # "supporters of X", "said X": not a title that X carries
        before.insert(0, word)
    after = re.match(r"\s*,\s*((?:a|an|the|who|whose|\d{1,3})\b[^.;]{0,120}?)(?=[.;]|$)", text[at + len(source):])
    return " ".join([*before, *([", " + after.group(1)] if after else [])])


@lru_cache(maxsize=8)
def _bare_names(outlets: frozenset[str]) -> frozenset[str]:
    """Outlet names without a leading article, lower-cased (the same few sets for every article)."""
    return frozenset(_ARTICLE.sub("", o).lower() for o in outlets)


def _introduction(source: str, text: str) -> str:
    """The words around the first mention of ``source`` ("Fiona Hill, a researcher at ...")."""
    surname = source.split()[-1] if source and source[0].isupper() else source
    position = text.find(source)
    if position < 0:
        position = text.find(surname)
    if position < 0:
        return ""
    return text[max(0, position - 60): position + len(source) + 90]
