"""Source kinds: official, expert, witness, anonymous, outlet, document or other.

:func:`classify` decides one kind per speaker from its own words, every role word the article
gives it ("a student at ...", "who runs a bakery") and the words around its first mention.
:mod:`compare.analysis.sources` calls it once per speaker, and reads names with
:func:`is_organisation`, :data:`LEADING_ARTICLE` and :data:`LINK_WORDS` from here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from compare.analysis.speakers import PRONOUNS
from compare.text import proper_names

# "the", "a" or "an" before a name or a role.
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
# Words that link a role to a place or a body ("officials in Moscow", "supporters of X"): not a title.
LINK_WORDS = frozenset({"in", "of", "at", "from", "for", "by", "to", "with", "on", "the", "a", "an", "and", "near",
                        "outside"})

_ANONYMOUS = re.compile(r"\b(familiar with|not (?:to be )?(?:be )?(?:named|identified)|anonymity|anonymously|"
                        r"unnamed|insiders?|(?:a |one |two |three |several )?(?:senior |military |diplomatic |"
                        r"government |administration |campaign |congressional |intelligence |well-placed |"
                        r"informed )?sources?\b|people close to|asked not to|(?:want|wish)(?:ed|s)? to be "
                        r"(?:named|identified)|declined to be (?:named|identified)|"
                        r"who spoke on condition|not (?:authori[sz]ed|permitted|allowed) to (?:speak|talk|comment|"
                        r"discuss)|(?:on|under) condition that (?:he|she|they) (?:not )?be)", re.I)
_DOCUMENT = re.compile(r"\b(draft|document|report|statement|ruling|memo|note|briefing|letter|proposal|study|survey|"
                       r"constitution|charter|treaty|footage|video|videos|photos?|images?|pictures?|"
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
                       r"sen(?=\.)|rep(?=\.)|gov(?=\.)|congressman|congresswoman|spokes(?:man|woman|person|people)|"
                       r"official|officials|"
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
                       r"speaks for|on behalf of|(?:rescue|fire|ambulance|weather|health|emergency|prison|security|"
                       r"intelligence|border|immigration|postal|civil|park|forest|meteorological)\s+service|"
                       r"inspectors?|delegation|negotiators?|airline|carrier|harbou?rmaster)s?\b", re.I)
_EXPERT = re.compile(r"\b(researchers?|analysts?|economists?|professor|experts?|scientists?|scholar|academic|"
                     r"historian|forecaster|meteorologist|seismologist|engineer|physicist|astronomer|"
                     r"astrophysicist|epidemiologist|institute|institution|university|think tank|think-tank|"
                     r"dr\b|lecturer|consultant|pollster|fellow at|senior fellow|research fellow|specialist|"
                     r"director of research|research|research group|studies|studied|who tracks|consumer)s?\b", re.I)
_WITNESS = re.compile(r"\b(residents?|who lives?|who lived|living (?:in|near|nearby)|who (?:was|were) there|"
                      r"who (?:saw|watched|heard|witnessed|survived|lost|fled|escaped|marched|joined|took part)|"
                      r"on strike|eyewitness(?:es)?|"
                      r"witness|witnesses|survivors?|victims?|bystanders?|passers?-by|passersby|onlookers?|"
                      r"neighbou?rs?|shopkeeper|owner|runs a|mother|father|farmer|workers?|driver|passengers?|"
                      r"commuters?|motorists?|local|locals|villagers?|teacher|nurse|trader|vendor|student|"
                      r"voters?|attendees?|supporters?|protesters?|demonstrators?|marchers?|strikers?|"
                      r"striking|pensioners?|retirees?|relatives?|customers?|parents?|fisherman|fishermen|"
                      r"citizens?|member of the public|whose (?:home|house|shop|stall|family|son|daughter|"
                      r"husband|wife|brother|sister)|\d{2},)s?\b", re.I)
# The same role words in Spanish, French, German, Italian, Dutch, Portuguese, Russian and
# Ukrainian (compare.analysis.attribution_languages finds sources in them), in their common forms.
_ROLES_ABROAD = {
    "official": "ministro ministra ministros ministre ministres ministerin ministerio ministère ministerium "
                "ministero ministerie ministério portavoz porte-parole sprecher sprecherin regierungssprecher "
                "woordvoerder woordvoerster portavoce porta-voz presidente presidenta président présidente präsident "
                "präsidentin gobierno gouvernement regierung governo regering kanzler kanzlerin premier premiê "
                "policía police polizei polizia politie polícia alcalde alcaldesa maire bürgermeister "
                "bürgermeisterin sindaco burgemeester prefeito ejército armée armee esercito leger exército "
                "fiscalía procureur staatsanwalt staatsanwaltschaft procuratore procura aanklager "
                "procurador tribunal gericht tribunale rechtbank diputado diputada député députée abgeordnete "
                "abgeordneter deputato deputata kamerlid deputado senador sénateur senatore embajador ambassadeur "
                "botschafter ambasciatore ambassadeur embaixador empresa entreprise unternehmen azienda società "
                "bedrijf companhia sindicato syndicat gewerkschaft sindacato vakbond "
                "министр министерство пресс-секретарь представитель президент правительство премьер-министр "
                "полиция мэр губернатор армия прокурор суд депутат посол компания профсоюз глава "
                "міністр міністерство речник прессекретар представник президент уряд прем'єр-міністр поліція "
                "мер губернатор армія прокурор суд депутат посол компанія профспілка голова",
    "expert": "experto experta expertos expert experts experte expertin esperto esperta esperti deskundige "
              "especialista analista analistas analyste analystes analyst analystin analisti analist analisten "
              "economista economistas économiste ökonom ökonomin economist economisti profesor profesora "
              "professeur professor professorin professore hoogleraar investigador investigadora chercheur "
              "chercheuse forscher forscherin ricercatore ricercatrice onderzoeker pesquisador pesquisadora "
              "científico scientifique wissenschaftler scienziato wetenschapper cientista universidad université "
              "universität università universiteit universidade "
              "эксперт аналитик экономист профессор исследователь учёный ученый университет "
              "експерт аналітик економіст професор дослідник науковець університет",
    "witness": "testigo testigos témoin témoins zeuge zeugin zeugen testimone testimoni getuige getuigen testemunha "
               "vecino vecina vecinos voisin voisine voisins nachbar nachbarin vicino vicina buurman buurvrouw "
               "vizinho vizinha residente residentes habitant habitants anwohner anwohnerin abitante abitanti "
               "bewoner bewoners morador moradora superviviente survivant überlebende sopravvissuto "
               "overlevende sobrevivente свидетель свидетельница очевидец житель жительница сосед выживший "
               "свідок очевидець мешканець мешканка житель сусід",
}
_OFFICIAL, _EXPERT, _WITNESS = (
    re.compile(pattern.pattern + r"|(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _ROLES_ABROAD[kind].split()),
                                                                     key=len, reverse=True)) + r")(?![\w-])", re.I)
    for kind, pattern in (("official", _OFFICIAL), ("expert", _EXPERT), ("witness", _WITNESS)))
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
# Words before a name that are not a title it carries ("said X", "supporters of X").
_NOT_ROLES = {"said", "says", "told", "asked", "by", "than", "like", "as", "but", "or", "against", "about",
              "over", "under", "between", "after", "before", "during", "his", "her", "their", "its", "our"}


def is_organisation(name: str) -> bool:
    """Whether a capitalised name is a body's ("Foreign Ministry", "Port Group"), not a person's."""
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
    unnamed = all((LEADING_ARTICLE.match(w) or w[:1].islower()) and not re.search(r"\s[A-Z]", w) for w in written)
    if _ANONYMOUS.search(own) or (unnamed and _ANONYMOUS.search(introduction)):
        return "anonymous"
    bare = LEADING_ARTICLE.sub("", source).lower()
    if bare in _bare_names(frozenset(known_outlets)) or bare in _WIRES:  # "Guardian" is "The Guardian"
        return "outlet"
    # Outlet words in the speaker or the head of a role ("a daily newspaper", not "who crosses it daily")
    heads = " ".join([source, *written, *(_HEAD_END.split(r, maxsplit=1)[0] for r in roles or [])])
    if _OUTLET.search(heads) or re.search(r"\bmedia$", source, re.I) or _OUTLET_NAME.match(source) or any(
            article_text.startswith(source, end) for end in _after_outlet_words(article_text)):
        return "outlet"  # "the newspaper Bild" somewhere in the article
    if _DOCUMENT.search(source) and not proper_names(source):
        return "document"
    if any(_UNNAMED_PERSON.match(p.strip()) for p in written) and \
            not re.search(r"\bspokes|representative", own, re.I):
        return "anonymous"  # "a port official said": one person the article does not name
    name = LEADING_ARTICLE.sub("", source)
    body = is_organisation(name) or bool(_ACRONYM.match(name))
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


# Someone who works a machine is a worker, not the company that runs a plant ("the operator").
_MACHINE_OPERATOR = re.compile(r"\b(?:machine|process|crane|forklift|plant|train|tram|bus|equipment|camera|radio|"
                               r"control[- ]room)\s+operators?\b", re.I)


def _head_kind(phrase: str) -> str:
    """The kind a role phrase's head noun gives, or ""."""
    if not phrase:
        return ""
    if _WATCHDOG.search(phrase):
        return "expert"
    if _MACHINE_OPERATOR.search(_HEAD_END.split(phrase, maxsplit=1)[0]):
        return "witness"
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
        if word.lower() in LINK_WORDS or word.lower() in _NOT_ROLES:
            break  # "supporters of X", "said X": not a title that X carries
        before.insert(0, word)
    after = re.match(r"\s*,\s*((?:a|an|the|who|whose|\d{1,3})\b[^.;]{0,120}?)(?=[.;]|$)", text[at + len(source):])
    return " ".join([*before, *([", " + after.group(1)] if after else [])])


# Every speaker of an article is classified against the same text: it is read for these words
# once (the last few articles' positions are kept), not once per speaker.
@lru_cache(maxsize=8)
def _after_outlet_words(article_text: str) -> tuple[int, ...]:
    """Where a name may follow an outlet word in the text ("the newspaper Bild"): the positions right after each."""
    return tuple(m.end() for m in _OUTLET_BEFORE_NAME.finditer(article_text))


@lru_cache(maxsize=8)
def _bare_names(outlets: frozenset[str]) -> frozenset[str]:
    """Outlet names without a leading article, lower-cased (the same few sets for every article)."""
    return frozenset(LEADING_ARTICLE.sub("", o).lower() for o in outlets)


def _introduction(source: str, text: str) -> str:
    """The words around the first mention of ``source`` ("Fiona Hill, a researcher at ...")."""
    surname = source.split()[-1] if source and source[0].isupper() else source
    position = text.find(source)
    if position < 0:
        position = text.find(surname)
    if position < 0:
        return ""
    return text[max(0, position - 60): position + len(source) + 90]
