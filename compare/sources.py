"""Sources: whom each article quotes or cites, what kind of source that is, and the quote.

Finds direct quotes with their speaker ('"...," Peskov said', 'said Fiona Hill'), indirect
attributions ('X said that', 'X told reporters'), and citations ('according to X', 'a draft
seen by Reuters'). A pronoun speaker is resolved to the last person named before it. The kind
(official, expert, witness, anonymous, outlet, document) comes from how the article
introduces the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.parse import ParsedArticle, parse_article

_SPEECH = (r"said|says|say|told|tells|added|adds|stated|argued|argues|warned|warns|insisted|insists|thinks|"
           r"believes|describes|cautions|"
           r"announced|wrote|explained|noted|asked|urged|claimed|claims|declared|recalled|complained|admitted|"
           r"acknowledged|conceded|suggested|predicted|replied|responded|cautioned|calls|called")
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:of\s+|the\s+|de\s+|van\s+)?[A-Z][\w'’-]+)*"
_DESCRIBED = r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ss]everal|[Ss]ome|[Mm]any)\s+[a-z][^,.;\"“”]{2,80}?"
_PATTERNS = [
    # Peskov, a spokesman for ..., said / A member of the delegation, who asked not to be named, said
    re.compile(rf"(?:^|[,;]\s+|\bbut\s+)(?P<speaker>{_NAME}|{_DESCRIBED}),\s+(?:an?|the|who|which|whose)\s+"
               rf"[^\"“”]{{3,140}}?,\s+(?:{_SPEECH})\b"),
    # "...," Peskov said / "...," he said
    re.compile(rf"[\"”]\s*,?\s*(?P<speaker>{_NAME}|he|she|they|{_DESCRIBED})\s+(?:{_SPEECH})\b"),
    # ..., said Fiona Hill, a researcher / "...," said the spokesman.
    re.compile(rf"\b(?:{_SPEECH})\s+(?P<speaker>{_NAME}|(?:an?|the)\s+[a-z]+(?:\s+[a-z]+){{0,3}})(?=[,.;]|$)"),
    re.compile(rf"\b[Aa]ccording to\s+(?P<speaker>(?:the\s+)?{_NAME}|{_DESCRIBED})(?=[,.;]|$)"),
    re.compile(r"(?P<speaker>(?:An?|The)\s+(?:[a-z]+\s+)?(?:draft|document|report|statement|ruling|note|memo|"
               r"letter|briefing note|proposal|study|survey|poll|filing|indictment|judgment)[^,.;]{0,60}?)\s+"
               r"(?:seen by|obtained by|published|says|said|shows|showed|found|describes|suggests|places)\b"),
    re.compile(rf"(?:^|[,;]\s+|\bbut\s+)(?P<speaker>{_NAME}|{_DESCRIBED})\s+(?:{_SPEECH})\b"),
]
_ANONYMOUS = re.compile(r"\b(familiar with|not (?:to be )?(?:be )?named|anonymity|unnamed|insider|a (?:senior |"
                        r"military |diplomatic |government )?source|sources\b|people close to|asked not to)", re.I)
_DOCUMENT = re.compile(r"\b(draft|document|report|statement|ruling|note|memo|letter|proposal|study|survey|poll|"
                       r"data|figures|filing|indictment|judgment|records|minutes|opinion)\b", re.I)
_OUTLET = re.compile(r"\b(newspaper|magazine|broadcaster|television|radio|news agency|wire|media|outlet|times|"
                     r"post|news|today|journal|gazette|tribune|herald|courier|review|agency)\b", re.I)
_OFFICIAL = re.compile(r"\b(minister|president|premier|prime|governor|mayor|senator|spokes(?:man|woman|person)|"
                       r"official|officials|ministry|government|police|army|military|envoy|ambassador|prosecutor|"
                       r"judge|justice|court|council|commission|authority|chief|head of|secretary|director|"
                       r"chairman|chairwoman|leader|lawmaker|mp\b|deputy|general|commander|operator|company|"
                       r"union|party|delegation|federation|bank|agency|office|department|lawyer|leads|manager|"
                       r"coastguard|rescue|board|regional secretary|president of)\b", re.I)
_EXPERT = re.compile(r"\b(researcher|analyst|economist|professor|expert|scientist|scholar|academic|historian|"
                     r"forecaster|meteorologist|institute|university|think tank|dr\b|lecturer|consultant|watch\b|"
                     r"group|organisation|organization|ngo)\b", re.I)
_WITNESS = re.compile(r"\b(resident|residents|who lives|witness|survivor|neighbour|neighbor|shopkeeper|owner|"
                      r"runs a|mother|father|farmer|worker|driver|passenger|local|teacher|nurse|"
                      r"trader|student|\d{2},)\b", re.I)
_PRONOUNS = {"he", "she", "they"}


@dataclass(frozen=True)
class Source:
    """One attribution in an article."""

    source: str  # the name or description as the article gives it
    kind: str  # official, expert, witness, anonymous, outlet, document, other
    quote: str  # the direct quote, or the attributed sentence when there is none
    sentence_index: int
    sentence: str


def article_sources(text: str | ParsedArticle, known_outlets: frozenset[str] = frozenset()) -> list[Source]:
    """Every attribution in an article's text (or its parse), in order."""
    parsed = text if isinstance(text, ParsedArticle) else parse_article("", "", "", text)
    text = parsed.text
    found: list[Source] = []
    last_person = ""
    for item in parsed.sentences:
        index, sentence = item.index, item.text
        speaker = _speaker(sentence)
        names = [n for n in item.names if " " in n]
        if speaker and speaker.lower() in _PRONOUNS:
            speaker = last_person
        if speaker:
            quotes = item.quotes
            kind = classify(speaker, text, known_outlets)
            found.append(Source(speaker, kind, quotes[0] if quotes else sentence, index, sentence))
        if names:
            last_person = names[-1]
    return found


def _speaker(sentence: str) -> str:
    for pattern in _PATTERNS:
        match = pattern.search(sentence)
        if match:
            speaker = match.group("speaker").strip(" ,")
            speaker = re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", speaker)
            if len(speaker) > 1 and not speaker.lower().startswith(("it ", "this ", "that ", "there ")):
                return speaker
    return ""


def classify(source: str, article_text: str, known_outlets: frozenset[str] = frozenset()) -> str:
    """The kind of a source, from its own words and how the article first introduces it."""
    context = _introduction(source, article_text)
    description = bool(re.match(r"(?:an?|the|one|two|three|four|several|some|many)\s", source, re.I))
    if _ANONYMOUS.search(source) or (description and _ANONYMOUS.search(context)):
        return "anonymous"
    if source in known_outlets or any(o.lower() == source.lower() for o in known_outlets):
        return "outlet"
    if _DOCUMENT.search(source) and not re.match(r"[A-Z]\w+ [A-Z]", source):
        return "document"
    described = f"{source} {context}"
    if re.search(r"\b(newspaper|magazine|broadcaster|news agency|wire service|outlet)\b", source, re.I) \
            or re.fullmatch(r"(The\s+)?(?:[A-Z][\w]+\s+){1,3}(Times|Post|News|Today|Herald|Tribune|Journal|Gazette|"
                            r"Courier|Review|Radio|Television|TV|Telegraph|Guardian|Independent|Express|Mail|Observer|"
                            r"Agency|Press|Wire|Service)", source):
        return "outlet"
    for kind, pattern in (("expert", _EXPERT), ("official", _OFFICIAL), ("witness", _WITNESS)):
        if pattern.search(described):
            return kind
    return "other"


def _introduction(source: str, text: str) -> str:
    """The words around the first mention of ``source`` ("Fiona Hill, a researcher at ...")."""
    surname = source.split()[-1] if source and source[0].isupper() else source
    position = text.find(source)
    if position < 0:
        position = text.find(surname)
    if position < 0:
        return ""
    return text[max(0, position - 60): position + len(source) + 90]
