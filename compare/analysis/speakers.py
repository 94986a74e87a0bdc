"""Speakers: the noun phrase before or after a reporting verb that names who spoke.

Rules over words, without a parser: the subject that ends the text before a verb ("An EU
spokesman, Dmitry Peskov,"), the one after a verb that opens its clause ("said Fiona Hill
of the Brookings Institution"), the subject of the clause before ", saying".
"""

from __future__ import annotations

import re

from compare.analysis.cues import PAST_AND_PRESENT

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
RELATIVE = {"who", "which", "that", "whom"}
DETERMINERS = {"a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "several", "some", "many", "most", "few", "other", "others", "his", "her", "their", "its", "our",
               "my", "your", "this", "these", "those", "both", "all", "every", "each", "no", "any", "more",
               "about", "at", "nearly", "almost", "dozens", "hundreds", "thousands", "top", "senior", "former"}
# A speaker on its own that says nothing about who spoke.
_EMPTY = {"him", "her", "them", "us", "me", "some", "many", "most", "others", "nobody", "everyone", "everybody",
          "anyone", "anybody", "someone", "somebody", "none", "all", "few", "both", "it", "this", "that", "there",
          "what", "which", "who", "one",
          "no one", "each", "people", "these", "those", "such", "another", "i", "we", "you", "us", "me"}
# Words that may stand between a speaker and the verb: "has also said", "later told".
BETWEEN = {"has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "may",
           "might", "must", "can", "also", "later", "then", "once", "again", "did", "does", "do", "not",
           "never", "already", "just", "even", "first", "long", "last", "still", "further", "himself",
           "herself", "themselves", "itself", "too", "often", "previously", "since", "all", "both", "each",
           "now", "seldom", "always", "sometimes", "usually", "recently", "reportedly", "having"}
# Where a clause starts inside the text before a verb; prepositions only before a lower-case
# word, so that "Bank of England" and "Council on Foreign Relations" stay whole.
# A verb that never is a noun ends a clause too: "Lavrov said the two sides agreed".
_CLAUSE_WORDS = re.compile(r"\b(?i:that|and|but|because|while|as|when|if|where|so|after|before|since|although|"
                           r"though|whether|than|or|what|how|why|until|unless|whereas|once|even|"
                           r"(?:in|of|at|during|under|by|for|with|from|to)\s+(?:which|whom)|"
                           + "|".join(sorted(PAST_AND_PRESENT)) + r")(?:\s+|$)")
# A phrase of time or place between the speaker and the verb ("Trump in his speech called"); "of",
# "for", "at" and "from" describe the speaker ("a spokesman for the ministry") and stay.
_ADVERBIAL = re.compile(r"\s+(?:in|on|during|after|before|amid|over|through|throughout|into|against|without|"
                        r"like|about|since)\s+(?=[a-z])")
_OBJECTS = {"him", "her", "them", "me", "us", "it", "himself", "herself", "themselves"}
_FINITE = {"is", "was", "are", "were", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could",
           "should", "may", "might", "must", "be", "been"}
_PREPOSITIONS = {"in", "on", "at", "for", "with", "from", "by", "after", "before", "during", "since", "under",
                 "over", "amid", "despite", "like", "unlike", "as", "about", "to", "of", "into", "through",
                 "against", "without", "within", "among", "between", "if", "when", "while", "because", "although"}
_MODIFIERS = {"of", "for", "at", "from", "to"}  # "a member of the delegation", "a spokesman for"
BE = {"is", "was", "are", "were", "be", "been", "being", "get", "got", "gets", "getting"}
_OPENERS = {"but", "and", "so", "yet", "now", "then", "still", "also", "meanwhile", "later", "earlier", "however",
            "instead", "today", "yesterday", "previously", "separately", "indeed", "again", "finally", "thus",
            "or", "plus", "moreover", "nonetheless", "nevertheless", "besides", "similarly", "likewise"}
_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_NAME_START = re.compile(r"^(?:[A-Z]|(?:al|el|de|van|von|bin|ibn|abu)[-\s][A-Z])")


def main_subject(left: str) -> tuple[str, int]:
    """The subject of the clause before "..., saying" or "..., but said": the nearest clause's first noun phrase."""
    pieces = re.split(r"(,|;|:|—|–|\s-\s)", left)
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    for index in range(len(pieces) - 1, max(-1, len(pieces) - 8), -1):
        piece = pieces[index].lstrip(" \"“”‘’'")
        words = piece.split()
        if not words or len(words) < 2 or words[0].lower() in _PREPOSITIONS or words[0].lower() in _OPENERS \
                or words[0][:1].islower() and words[0].lower() not in DETERMINERS:
            continue
        # "Russian foreign minister Sergey Lavrov, speaking ...": role words and the name
        phrase = leading_noun_phrase(piece)
        if phrase and phrase.lower() not in PRONOUNS - {"he", "she"}:
            return phrase, offsets[index] + pieces[index].find(phrase.split()[0])
        return "", -1
    return "", -1


_TIME_BEFORE_VERB = re.compile(r"\s+(?:(?:last|this|next|earlier this|late last)\s+(?:week|month|year|spring|summer|"
                               r"fall|autumn|winter|weekend)|on\s+[A-Z]\w+day|in\s+(?:a|an|his|her|their|its)\s+"
                               r"(?:statement|interview|letter|speech))\s*$")


# Verbs of saying that never stand inside a noun phrase ("The Federation said higher costs ...").
_SAYS = {"said", "says", "told", "tells", "asked", "asks"}


def leading_noun_phrase(text: str) -> str:
    """The noun phrase a clause opens with: up to its first verb-like or function word."""
    words = text.split()
    head: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        # "circulated among", "released on": a verb; "leaked briefing note": adjectives
        previous = head[-1] if head else ""
        verb_like = lower.endswith(("ed", "ing")) and (not following or following in _PREPOSITIONS
                                                       or following in DETERMINERS
                                                       or (previous[:1].isupper() and previous.lower() not in
                                                           DETERMINERS))  # "Trump attacked Romney"
        if head and word[:1].islower() and (verb_like or lower in _FINITE or lower in _SAYS or lower in RELATIVE
                                            or (lower in _PREPOSITIONS and lower not in _MODIFIERS)):
            break
        head.append(word)
    return trim_noun_phrase(" ".join(head)) if len(head) < len(words) else subject(text)


def strip_between(text: str) -> str:
    """The words before a verb without auxiliaries and adverbs ("has also", "repeatedly")."""
    text = _TIME_BEFORE_VERB.sub("", text.rstrip())
    words = text.rstrip().split(" ")
    while words:
        if words[-1].lower() in BETWEEN or (words[-1].endswith("ly") and words[-1].islower()):
            words.pop()
        elif len(words) > 2 and words[-1].lower() == "far" and words[-2].lower() in ("so", "thus"):
            del words[-2:]  # "has so far said": not part of who speaks
        else:
            break
    return " ".join(words)
# A title that "of" continues: "Secretary of State", "Chief of Staff", "Minister of the Interior".
_TITLE_END = re.compile(r"\b(?:Secretary|Minister|Chief|Head|Director|Chair|Chairman|Chairwoman|President|"
                        r"Governor|Mayor|Commissioner|Commander|Speaker|Leader|Deputy|Members?)$")
_AFFILIATION = re.compile(r"^((?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3})\s+"
                          r"(?:of|at|from|with)\s+(?:the\s+)?[A-Z].*$")


def subject(text: str) -> str:
    """The noun phrase that ends ``text`` and can be a speaker, or ""."""
    text = strip_between(text).strip()
    if not text or text[-1:] in ("\"", "“", "”", "’") or not text.strip(" '"):
        return ""
    words = text.split()
    if len(words) >= 2 and words[-1].lower() in RELATIVE:  # "a headline that said", "a man who said"
        text = " ".join(words[:-1])
    clauses = _CLAUSE_WORDS.split(text)
    candidate = clauses[-1].strip()
    head = _ADVERBIAL.split(candidate, maxsplit=1)[0]
    affiliated = _AFFILIATION.match(head)
    if affiliated and not _TITLE_END.search(affiliated.group(1)):
        # "Dr Fiona Hill of the Brookings Institution": the person speaks; "Secretary of State
        # Antony Blinken" is one title and a name
        head = affiliated.group(1)
    return trim_noun_phrase(head)


def trim_noun_phrase(text: str, longest: int = 10) -> str:
    words = _WORD.findall(text)
    if not words:
        return ""
    while words and words[0].lower() in _OPENERS:
        words = words[1:]
    if len(words) > 1 and words[0].lower() in ("which", "whom"):
        words = words[1:]  # "..., which the campaign says ..."
    if not words or len(words) > longest or words[0].lower() in _PREPOSITIONS:
        return ""
    if re.search(r"[<>@#|\[\]{}]|-$", text.strip()):
        return ""  # markup and broken words, not speakers
    phrase = text[text.find(words[0]):].strip(" ,.'\"")
    lower = phrase.lower()
    if lower in _EMPTY or lower in RELATIVE:
        return phrase if lower in RELATIVE else ""
    if lower in PRONOUNS:
        return phrase
    first = words[0]
    last = words[-1].lower()
    lowered = [w.lower() for w in words]
    if len(words) > 1 and words[0].lower() in PRONOUNS:
        return ""  # "It came (in a handwritten note)": a clause
    if len(words) > 1 and words[0].lower() == "nothing":
        return ""  # "Nothing the putschists (have said)": what nobody said, not a speaker
    if len(words) > 1 and words[-1].islower() and (last.endswith("ed") or last in PAST_AND_PRESENT):
        return ""  # "Zakharova added" before "talks": a verb ends it
    if any(w in _FINITE or w in _OBJECTS or w.endswith(("n't", "n’t")) for w in lowered[1:]) or \
            lowered[0] in RELATIVE or (first[0].islower() and first.endswith(("ing", "ed")) and first != "red") or \
            (len(words) == 2 and words[0][0].islower() and last.endswith("ing")):
        return ""  # a clause ("This is a man", "hear them"), not a noun phrase
    if last in DETERMINERS or last in BETWEEN or last in {"of", "for", "the", "and", "to", "in", "on", "at"}:
        return ""
    if first[0].islower() and first.lower() not in DETERMINERS and len(words) > 6:
        return ""  # a lower-case run this long is a clause, not a speaker
    if any(w.lower() in PRONOUNS for w in words[1:]) or any(ch.isdigit() for ch in words[-1]):
        return ""
    if not _NAME_START.match(phrase) and not re.search(r"[a-z]{3,}", last) and not words[-1].isupper():
        return ""
    return phrase


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w in {"of", "the", "for", "de", "van", "von", "al"}
                                       for w in words) and words[0][:1].isupper()


def is_apposition(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in {"a", "an", "the", "who", "which", "whose", "one", "now", "then", "also", "himself",
                     "herself", "speaking", "writing", "citing", "asked", "not"} or text[:1].islower() or \
        text[:1].isdigit() or \
        bool(re.match(r"[A-Z][\w.'’-]*\s+(?:of|for|at|to)\b", text))


def opens_clause(left: str) -> bool:
    """Whether the verb opens its clause: after a quote, a comma or nothing ('"...," said X')."""
    tail = left.rstrip()
    return not tail or tail[-1] in ",;:—–\"”’'"


def speaker_after(sentence: str, masked: str, position: int) -> tuple[str, str, int]:
    rest = masked[position:]
    match = re.match(r"\s+((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\.\s+)?(?:[A-Z]|(?:the|a|an|one|two|three|"
                     r"several|some)\s)(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev|St|Jr|[A-Z])\.|[^,.;:!?()\"“”]){0,90}?)"
                     r"(?=\s*(?:[,.;:!?()]|$|\s+(?:who|whose|which|that|in\s+a|on\s+[A-Z]\w+day|at\s+a)\b))", rest)
    described = re.match(r"\s+((?:[a-z][\w'’-]*\s+){1,4})((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|"
                         r"[A-Z][\w'’-]+)){1,3})(?=\s*(?:[,.;:!?()]|$))", rest)
    if described and not any(w in _PREPOSITIONS or w in _FINITE or w in RELATIVE for w in described.group(1).split()):
        return described.group(2), described.group(1).strip(), position + described.start(2)  # "fumed owner John Smith"
    if not match:
        return "", "", -1
    speaker = trim_noun_phrase(match.group(1))
    if not speaker or speaker.lower() in PRONOUNS - {"he", "she"}:
        return "", "", -1
    start = position + match.start(1)
    role = ""
    of = re.match(r"((?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w'’-]+)\s+((?:of|at|from|with)\s+.+)$", speaker)
    if of and not re.search(r"\b(?:Bank|University|Council|Department|Ministry|Office|Board|House|Court|"
                            r"Institute|Secretary|State|States)\b", of.group(1)):
        speaker, role = of.group(1), of.group(2)  # "Fiona Hill of the Brookings Institution"
    after = sentence[start + len(speaker):]
    named = re.match(r"\s*,\s*((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})(?=\s*[,.;]|$)", after)
    if named and not speaker[:1].isupper():  # "said the union's president, Sean O'Brien"
        return named.group(1), speaker, start + len(speaker) + named.start(1)
    apposition = re.match(r"\s*,\s*((?:a|an|the|who|whose|which)\b[^.;]{0,120}?)(?=[,.;]|$)", after)
    if apposition:
        role = f"{role} {apposition.group(1)}".strip()
    return speaker, role, start
