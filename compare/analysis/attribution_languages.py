"""Attributions in languages other than English: who said what, by reporting verbs and
"according to" of Spanish, French, German, Italian, Dutch, Portuguese, Russian and Ukrainian.

The English rules (:mod:`compare.analysis.attribution`) read English word order and a long
list of verbs; here three patterns cover most news attributions in these languages:

- a speaker before its verb: "El ministro de Economía, Ana Ruiz, dijo que ...", "Der Sprecher
  sagte ...", "Airbus a annoncé ..." (the name between commas is the speaker, what comes before
  it the speaker's role);
- the verb opening its clause after a quote, the speaker after it: '"...", dijo Ana Ruiz',
  '«...», a déclaré le porte-parole';
- "according to": "según Ana Ruiz", "selon le ministère", "laut dem Sprecher", "по словам Иванова".

A speaker is a name (capitalised words, with the particles names carry: "de", "van", "von")
or a described person or body ("el portavoz", "der Sprecher", "la compagnie"); a capitalised
word that opens the sentence and is a common word of the language ("Tali", "Onderzoekers") is
no name. Cues inside quotation marks belong to the quoted speech and are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from compare.analysis.attribution import Attribution
from compare.analysis.quotes import SentenceQuotes

# Third-person forms of the commonest reporting verbs, present and past (simple or perfect:
# the auxiliary is matched separately).
_VERBS: dict[str, str] = {
    "es": "dijo dice dijeron dicen afirmó afirma afirmaron declaró declara declararon aseguró asegura explicó "
          "explica señaló señala indicó indica añadió añade agregó agrega manifestó comentó informó informa "
          "anunció anuncia advirtió advierte sostuvo sostiene subrayó destacó reconoció precisó confirmó confirma "
          "admitió insistió respondió denunció criticó aseguraron señalaron indicaron anunciaron informaron "
          "dicho afirmado declarado asegurado explicado señalado indicado anunciado informado advertido "
          "confirmado reconocido diciendo afirmando explicando cree creen espera esperaba prevé prevén considera "
          "consideran revela reveló admite pidió pide defendió defiende opina recomendó recomendado",
    "fr": "dit déclare déclaré affirme affirmé explique expliqué indique indiqué annonce annoncé ajoute ajouté "
          "souligne souligné précise précisé estime estimé assure assuré confirme confirmé reconnu reconnaît "
          "avertit averti rappelle rappelé admis répondu dénoncé critiqué déclarent affirment expliquent "
          "indiquent annoncent assurent estiment disant affirmant expliquant croit pense espère prévoit demande "
          "demandé révèle révélé défendu",
    "de": "sagte sagt sagten sagen erklärte erklärt erklärten betonte betont teilte mitgeteilt kündigte "
          "angekündigt warnte warnt bestätigte bestätigt räumte räumt meinte meint berichtete berichtet "
          "gesagt erklärt betont gewarnt bestätigt berichtet sprach fügte hinzu schrieb geschrieben glaubt hofft "
          "erwartet forderte fordert verteidigte",
    "it": "disse dice dicono dichiarato dichiara dichiarò affermato afferma affermò spiegato spiega "
          "spiegò annunciato annuncia annunciò sottolineato sottolinea aggiunto aggiunge precisato precisa "
          "confermato conferma riferito riferisce ammesso avvertito osservato commentato detto dicendo sostiene "
          "sostengono ritiene ritengono rivela ammette prevede prevedono crede spera sperava chiesto richiesto "
          "difeso",
    "nl": "zei zegt zeiden zeggen verklaarde verklaart verklaarden stelde stelt liet weten meldde meldt "
          "kondigde aangekondigd benadrukte benadrukt waarschuwde gewaarschuwd bevestigde bevestigd gezegd "
          "verklaard gemeld schreef geschreven antwoordde erkende voegde verwacht verwachten gelooft denkt hoopt "
          "hoopte voorspelt voorspellen stellen claimt vroeg gevraagd verdedigde aangaf gaf",
    "pt": "disse diz disseram dizem afirmou afirma afirmaram declarou declara explicou explica indicou "
          "anunciou anuncia informou informa acrescentou adiantou sublinhou salientou garantiu garante "
          "confirmou confirma admitiu alertou advertiu comentou dito afirmado declarado anunciado dizendo "
          "acredita espera prevê considera pediu revelou defendeu",
    "ru": "сказал сказала сказали заявил заявила заявили сообщил сообщила сообщили отметил отметила отметили "
          "подчеркнул подчеркнула объяснил объяснила пояснил пояснила добавил добавила признал признала "
          "предупредил предупредила уточнил уточнила говорит говорится заявляет сообщает считает рассказал "
          "рассказала написал написала ответил ответила",
    "uk": "сказав сказала сказали заявив заявила заявили повідомив повідомила повідомили зазначив зазначила "
          "наголосив наголосила пояснив пояснила додав додала визнав визнала попередив попередила уточнив "
          "уточнила каже заявляє повідомляє вважає розповів розповіла написав написала відповів відповіла",
}
_ACCORDING: dict[str, str] = {
    "es": r"según|de acuerdo con",
    "fr": r"selon|d['’]après",
    "de": r"laut|nach Angaben|nach Worten|zufolge",
    "it": r"secondo|stando a",
    "nl": r"volgens",
    "pt": r"segundo|de acordo com|conforme",
    "ru": r"по словам|по данным|по сообщению|согласно|как сообщил[аи]?",
    "uk": r"за словами|за даними|за повідомленням|згідно з|як повідомив|як повідомила|як повідомили",
}
# Words that start a described speaker ("el portavoz", "der Sprecher", "les enquêteurs").
_DETERMINERS: dict[str, str] = {
    "es": "el la los las un una su sus", "fr": "le la les l' un une son sa ses leur leurs",
    "de": "der die das ein eine dem den des sein seine ihr ihre", "it": "il lo la i gli le l' un una uno suo sua",
    "nl": "de het een zijn haar hun", "pt": "o a os as um uma seu sua", "ru": "", "uk": "",
}
# Past participles, cues only after an auxiliary ("ha anunciado"): alone they describe a thing
# ("la versión anunciada el noviembre pasado").
_PARTICIPLES: dict[str, frozenset[str]] = {language: frozenset(words.split()) for language, words in {
    "es": "dicho afirmado declarado asegurado explicado señalado indicado anunciado informado advertido "
          "confirmado reconocido recomendado",
    "fr": "déclaré affirmé expliqué indiqué annoncé ajouté souligné précisé estimé assuré confirmé reconnu averti "
          "rappelé admis répondu dénoncé critiqué demandé révélé défendu",
    "de": "gesagt gewarnt geschrieben mitgeteilt angekündigt",
    "it": "dichiarato affermato spiegato annunciato sottolineato aggiunto precisato confermato riferito ammesso "
          "avvertito osservato commentato detto chiesto richiesto difeso",
    "nl": "gezegd verklaard gemeld aangekondigd gewaarschuwd geschreven gevraagd",
    "pt": "dito afirmado declarado anunciado",
    "ru": "", "uk": "",
}.items()}
# Gerunds of saying ("..., diciendo que"): their speaker is the sentence's subject.
_GERUNDS = frozenset("diciendo afirmando explicando disant affirmant expliquant dicendo dizendo".split())
# Titles and roles that stand capitalised before a name (every German noun, any sentence's first
# word): "Der Sprecher Jonas Kettler", "Woordvoerder Pieter van Dalen". Not part of the name.
_ROLES: dict[str, frozenset[str]] = {language: frozenset(words.split()) for language, words in {
    "es": "portavoz ministro ministra presidente presidenta director directora alcalde alcaldesa jefe jefa "
          "secretario secretaria analista experto experta",
    "fr": "porte-parole ministre président présidente directeur directrice maire chef secrétaire analyste expert",
    "de": "sprecher sprecherin regierungssprecher minister ministerin präsident präsidentin kanzler kanzlerin "
          "chef chefin vorsitzende vorsitzender direktor direktorin bürgermeister bürgermeisterin experte "
          "expertin analyst analystin der die das",
    "it": "portavoce ministro ministra presidente direttore direttrice sindaco capo segretario analista esperto",
    "nl": "woordvoerder woordvoerster minister premier president directeur burgemeester topman topvrouw "
          "analist deskundige de het",
    "pt": "porta-voz ministro ministra presidente diretor diretora prefeito chefe secretário analista",
    "ru": "пресс-секретарь министр президент глава представитель директор премьер-министр мэр губернатор "
          "спикер официальный аналитик эксперт",
    "uk": "прессекретар речник міністр президент голова представник директор прем'єр-міністр мер губернатор "
          "аналітик експерт",
}.items()}
# Auxiliaries of the perfect ("ha dicho", "a déclaré", "hat gesagt"): the speaker stands before them.
_AUXILIARIES: dict[str, frozenset[str]] = {language: frozenset(words.split()) for language, words in {
    "es": "ha han había habían", "fr": "a ont avait avaient", "de": "hat haben hatte hatten",
    "it": "ha hanno aveva avevano", "nl": "heeft hebben had hadden", "pt": "tem têm tinha tinham havia",
    "ru": "", "uk": "",
}.items()}
# Before a participle these make it passive ("el acuerdo fue anunciado", "de deal werd gemeld"):
# something was said, nobody is named as saying it.
_PASSIVE: dict[str, frozenset[str]] = {language: frozenset(words.split()) for language, words in {
    "es": "fue fueron es son sido se", "fr": "été est sont fut", "de": "wurde wurden worden ist sind",
    "it": "stato stata stati state è sono fu si", "nl": "werd werden is zijn wordt worden",
    "pt": "foi foram é são sido se", "ru": "было был была были", "uk": "було був була були",
}.items()}
# The word that opens a reported clause ("dijo que ...").
_THAT: dict[str, str] = {"es": "que", "fr": "que|qu['’]", "de": "dass|daß", "it": "che", "nl": "dat",
                         "pt": "que", "ru": "что", "uk": "що"}
_PARTICLES = frozenset("de del della di da dos das do van von der den ter le la al el bin ibn".split())
LANGUAGES = tuple(_VERBS)
_WORD = r"[^\W\d_][\w'’.-]*"
_MAX_NAME_WORDS = 5
_MAX_ROLE_WORDS = 4  # words of a role before a name ("el portavoz de la empresa")
_FUNCTION_WORD = 6.0  # a word this common (Zipf) is "and", "of", "in": no described speaker ends in it
_COMMON = 4.5  # a capitalised sentence opener as common as this (Zipf) is a word, not a name


@lru_cache(maxsize=16)
def _cue_pattern(language: str) -> re.Pattern[str]:
    verbs = "|".join(sorted((re.escape(v) for v in _VERBS[language].split()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<according>{_ACCORDING[language]})(?![\w-])|(?<![\w-])(?P<verb>{verbs})(?![\w-])",
                      re.IGNORECASE)


def _leading_name_span(masked: str) -> str:
    """The capitalised words (with particles) that open a sentence: its subject when a name."""
    match = re.match(rf"\s*((?:{_WORD}\s+){{0,{_MAX_NAME_WORDS}}})", masked)
    words = (match.group(1) if match else "").split()
    span: list[str] = []
    for word in words:
        if not _is_name_word(word):
            break
        span.append(word)
    return " ".join(span)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _PARTICLES


def _trailing_name(text: str, at_sentence_start: bool, language: str) -> str:
    """The name that ends ``text`` (capitalised words with their particles), or ""."""
    words = re.findall(_WORD, text)
    if not words or not re.search(rf"{re.escape(words[-1])}\W*$", text):
        return ""
    name: list[str] = []
    for word in reversed(words):
        if not _is_name_word(word) or len(name) >= _MAX_NAME_WORDS:
            break
        name.insert(0, word)
    while len(name) > 1 and name[0].lower() in _ROLES[language] | _PARTICLES:
        name.pop(0)  # "Der Sprecher Jonas Kettler": the role goes, the name stays
    while name and name[0].lower() in _PARTICLES:
        name.pop(0)
    if not name:
        return ""
    joined = " ".join(name)
    starts_sentence = at_sentence_start and text.strip().startswith(name[0])
    if len(name) == 1 and starts_sentence and zipf_frequency(name[0].lower(), language) >= _COMMON:
        return ""  # "Tali accuse ...": the sentence's first word, capitalised as every first word is
    return joined


def _is_determiner(word: str, language: str) -> bool:
    lowered = word.lower()
    return any(lowered == d or d.endswith(("'", "’")) and lowered.startswith(d) for d in _DETERMINERS[language].split())


def _described(text: str, language: str) -> str:
    """A described speaker that ends ``text``: a determiner and up to four words ("el portavoz
    del ministerio"), or ""."""
    words = re.findall(r"\S+", text)[-6:]
    if not words or zipf_frequency(words[-1].lower(), language) >= _FUNCTION_WORD:
        return ""  # "het Congressional Record en": no described speaker ends in "and", "of", "in"
    for start in range(len(words) - 1):
        if _is_determiner(words[start], language):
            phrase = " ".join(words[start:])
            if not re.search(r"[,;:.!?\"“”«»]", phrase):
                return phrase
    return ""


def _without_auxiliary(text: str, language: str) -> str:
    """``text`` without the auxiliary that ends it ("Ana Ruiz ha" -> "Ana Ruiz")."""
    words = text.split()
    if words and words[-1].lower() in _AUXILIARIES[language]:
        return text[:text.rfind(words[-1])].rstrip()
    return text


def _speaker_before(masked: str, end: int, language: str) -> tuple[str, str, int]:
    """(speaker, role, start) of the speaker just before a verb at ``end``, or ("", "", -1)."""
    left = _without_auxiliary(masked[:end].rstrip(), language)
    # "El ministro de Economía, Ana Ruiz, dijo": the name between commas, its role before it.
    if left.endswith(","):
        inner = left[:-1]
        comma = inner.rfind(",")
        if comma > 0:
            aside = inner[comma + 1:].strip()
            name = _trailing_name(aside, False, language)
            if name and aside == name:  # "El ministro de Economía, Ana Ruiz, dijo"
                return name, inner[:comma].strip(), inner.rfind(name)
            clause_start = max(inner.rfind(mark, 0, comma) for mark in (",", ";", ":", "»", "\"", "”")) + 1
            name = _trailing_name(inner[clause_start:comma], clause_start == 0, language)
            if name:  # "Ana Ruiz, ministra de Economía, dijo"
                return name, aside, inner.rfind(name, 0, comma)
        return "", "", -1
    clause_start = max(left.rfind(mark) for mark in (",", ";", ":", "«", "»", "\"", "“", "”")) + 1
    clause = left[clause_start:]
    name = _trailing_name(clause, clause_start == 0, language)
    if name:
        return name, "", clause_start + clause.rfind(name)
    described = _described(clause, language)
    if described:
        return described, described, clause_start + clause.rfind(described)
    return "", "", -1


def _speaker_after(masked: str, start: int, language: str) -> tuple[str, str, int]:
    """(speaker, role, start) of the speaker right after a cue: a name after at most a few role
    words ("el portavoz de Airbus Ana Ruiz", "woordvoerder Jaime Perez"), else a described
    speaker up to the next mark ("el ministerio")."""
    rest = masked[start:]
    stop = re.search(r"[,;:.!?()«»\"“”]|\s(?:" + _THAT[language] + r")\s", rest)
    phrase = rest[:stop.start() if stop else len(rest)]
    # "spiega il vice presidente senior di ANA, Mitsuo Morimoto": the role (which may hold
    # another name: "the minister of Norway"), then the name.
    after_comma = re.match(rf",\s*((?:{_WORD}\s+){{0,{_MAX_NAME_WORDS - 1}}}{_WORD})\s*(?:[,.;]|$)", rest[len(phrase):])
    if after_comma and phrase.strip()[:1].islower() and all(_is_name_word(w) for w in after_comma.group(1).split()) \
            and after_comma.group(1)[:1].isupper():
        return after_comma.group(1).rstrip("."), phrase.strip(), start + len(phrase) + after_comma.start(1)
    words = list(re.finditer(r"\S+", phrase))
    name: list[re.Match[str]] = []
    for position, word in enumerate(words[:_MAX_ROLE_WORDS + _MAX_NAME_WORDS]):
        text = word.group(0)
        if text[:1].isupper() or (name and text.lower() in _PARTICLES and position + 1 < len(words)
                                  and words[position + 1].group(0)[:1].isupper()):
            name.append(word)
        elif name or position >= _MAX_ROLE_WORDS or (position and _is_determiner(text, language)):
            break  # a second determiner starts another noun phrase ("el acuerdo preliminar los ...")
    while len(name) > 1 and name[0].group(0).lower() in _ROLES[language]:
        name.pop(0)  # "Volgens Woordvoerder Pieter van Dalen"
    if name and len(name) <= _MAX_NAME_WORDS:
        first, last = name[0].start(), name[-1].end()
        return phrase[first:last], phrase[:first].strip(), start + first
    described = phrase.strip()
    if len(described.split()) <= _MAX_ROLE_WORDS and _described(described, language) == described:
        return described, described, start + phrase.find(described)
    return "", "", -1


def _content(sentence: str, masked: str, cue_start: int, cue_end: int, quotes: SentenceQuotes,
             language: str) -> str:
    """The quote the attribution belongs to, else the clause it reports (or the sentence)."""
    if quotes.quotes:
        return max(quotes.quotes, key=lambda q: len(q.text)).text.strip()
    that = re.search(rf"(?<![\w-])(?:{_THAT[language]})\s+", masked[cue_end:], re.IGNORECASE)
    if that:
        return sentence[cue_end + that.end():].strip().rstrip(".")
    before = masked[:cue_start].rstrip()
    if before.endswith(","):  # "El puerto seguirá cerrado, dijo ...": what comes before is what was said
        return sentence[:len(before) - 1].strip()
    return sentence.strip().rstrip(".")


def find_attributions_in(sentence: str, quotes: SentenceQuotes, language: str) -> list[Attribution]:
    """Every attribution in a sentence written in ``language`` (one of :data:`LANGUAGES`;
    none for another), whose cue lies outside quotation marks."""
    if language not in _VERBS:
        return []
    masked = quotes.masked(sentence)
    found: list[Attribution] = []
    for match in _cue_pattern(language).finditer(masked):
        cue = match.group(0)
        if match.group("according"):
            speaker, role, start = _speaker_after(masked, match.end(), language)
            if not speaker and language == "de" and cue.lower() == "zufolge":
                speaker, role, start = _speaker_before(masked, match.start(), language)
        else:
            before = masked[:match.start()].rstrip()
            previous = before.split()[-1].lower() if before.split() else ""
            if previous in _PASSIVE[language]:
                continue
            # A participle counts after its auxiliary, or one adverb past it ("ha ya anunciado").
            if cue.lower() in _PARTICIPLES[language] and \
                    not set(w.lower() for w in before.split()[-2:]) & _AUXILIARIES[language]:
                continue
            if cue.lower() in _GERUNDS:  # "..., diciendo que": the sentence's subject speaks
                speaker = _trailing_name(_leading_name_span(masked), True, language)
                role, start = "", masked.find(speaker) if speaker else -1
            else:
                # After a quote or a colon the verb opens its clause and the speaker follows it;
                # after a comma it may close an apposition ("Ana Ruiz, ministra, dijo") or open.
                head = _without_auxiliary(before, language)
                opens = not head or head[-1] in ";:—–" or head.endswith(("»", "\"", "”"))
                speaker, role, start = ("", "", -1) if opens else _speaker_before(masked, match.start(), language)
                # A verb after its subject has no speaker after it, unless it opens its clause.
                if not speaker and (opens or head.endswith(",")):
                    speaker, role, start = _speaker_after(masked, match.end(), language)
        if speaker and not any(a.start == start for a in found):
            content = _content(sentence, masked, match.start(), match.end(), quotes, language)
            found.append(Attribution(speaker, role, cue, content, start))
    return found
