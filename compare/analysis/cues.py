"""Reporting verbs: the cues of attribution ("said", "told", "warned", "tweeted", "found").

Each lemma's regular forms are generated and irregular ones listed. Some forms are more often
nouns ("claims", "attacks") and count only with a plain subject before them; mental-state verbs
("believes") only with someone named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Reporting verbs by lemma; regular forms are generated, irregular ones listed.
_LEMMAS = (
    "say tell add note warn argue claim insist deny confirm report write tweet explain announce state ask urge "
    "declare recall complain admit acknowledge concede suggest predict reply respond caution describe accuse "
    "criticize criticise praise defend endorse propose conclude reveal cite estimate find show believe think "
    "contend maintain assert observe remark joke quip boast vow pledge promise threaten demand blame dismiss "
    "question mock attack slam blast stress emphasize emphasise indicate testify allege recount lament counter "
    "retort wonder agree disagree object protest charge assure reiterate repeat inform advise recommend hint "
    "imply signal forecast calculate post mention summarize summarise acknowledge agree complain worry fear "
    "hope expect predict call insist recommend write speak discuss highlight decry condemn applaud welcome "
    "concur muse opine concede grumble plead caution brag clarify comment elaborate interject offer talk refer "
    "support oppose seek refuse decline reject acknowledge fume rage scoff sneer snap gush tout laud hail "
    "express voice lambast bash chide scold rebuke deride denounce thank congratulate apologize apologise "
    "disclose proclaim speculate underscore echo dispute challenge refute rebut downplay ridicule"
).split()

_IRREGULAR = {
    "say": ("said", "says", "saying"), "tell": ("told", "tells", "telling"),
    "write": ("wrote", "writes", "writing", "written"), "think": ("thought", "thinks", "thinking"),
    "find": ("found", "finds", "finding"), "show": ("showed", "shown", "shows", "showing"),
    "speak": ("spoke", "speaks", "speaking", "spoken"), "admit": ("admitted", "admits", "admitting"),
    "offer": ("offered", "offers", "offering"), "counter": ("countered", "counters", "countering"),
    "seek": ("sought", "seeks", "seeking"), "refer": ("referred", "refers", "referring"),
    "plead": ("pleaded", "pled", "pleads", "pleading"), "brag": ("bragged", "brags", "bragging"),
    "quip": ("quipped", "quips", "quipping"), "signal": ("signaled", "signalled", "signals", "signaling"),
    "forecast": ("forecast", "forecasts", "forecasting"), "interject": ("interjected", "interjects"),
}

# Forms that are more often nouns or other verbs: a cue only with a plain subject right before.
AMBIGUOUS = {"report", "reports", "claim", "claims", "question", "questions", "attack", "attacks", "state",
             "states", "show", "shows", "post", "posts", "call", "calls", "hope", "hopes", "fear", "fears",
             "charge", "charges", "offer", "offers", "counter", "promise", "promises", "demand", "demands",
             "signal", "signals", "forecast", "comment", "comments", "note", "notes", "blast", "mention",
             "object", "protest", "worry", "estimate", "estimates", "finding", "warning", "repeat", "welcome",
             "saying", "speaking", "thinking", "showing", "writing", "found", "expect", "believe", "think",
             "support", "supports", "talk", "talks", "tweet", "tweets", "pledge", "pledges", "vow", "vows",
             "quip", "quips", "joke", "jokes", "boast", "boasts", "remark", "remarks", "refuse", "decline",
             "reject", "rejects", "oppose", "seek", "seeks", "answer", "reply", "replies", "response", "express",
             "voice", "voices", "echo", "echoes", "dispute", "disputes", "challenge", "challenges", "thank",
             "thanks", "hail", "bash", "snap", "rage"}

# Verb forms that are never nouns: a phrase ending in one is a clause ("Zakharova added").
PAST_AND_PRESENT = {"said", "says", "told", "tells", "wrote", "writes", "thought", "spoke", "sought", "adds",
                    "asks", "argues", "insists", "warns", "explains", "denies", "confirms", "tweets", "believes"}

# Participles that need "has" or "had" before them to be a cue ("the number written on it").
PARTICIPLES = {"written", "shown", "spoken"}

# Mental-state verbs: attributions of belief, kept only with a named or described speaker.
BELIEF = {"believe", "think", "hope", "expect", "fear", "worry", "wonder"}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


CUE_LEMMA = {form: lemma for lemma in _LEMMAS for form in _forms(lemma)}
# Every word is matched and looked up, rather than one alternation of all ~800 forms: the
# regular expression engine would try each alternative at every word (5x slower).
_WORD_OR_PHRASE = re.compile(r"\b(?:(?P<phrase>[Aa]ccording to|point(?:s|ed|ing)? out)|(?P<verb>[A-Za-z]+))\b")


def cue_matches(text: str) -> Iterator[re.Match[str]]:
    """The cues in ``text``, in order: matches with a ``phrase`` ("according to", "pointed out")
    or a ``verb`` group (any case)."""
    for match in _WORD_OR_PHRASE.finditer(text):
        if match.group("phrase") or match.group("verb").lower() in CUE_LEMMA:
            yield match
