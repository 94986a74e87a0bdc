"""Attributions in a sentence: who said, wrote or reported what, found by rules over the words.

A cue is a reporting verb ("said", "told", "warned", "tweeted", "found") or "according to".
Its speaker is the noun phrase before it ("Danek said", "An EU spokeswoman, Anna Lindqvist,
said", "Jason Furman, who leads the council, said") or, when the verb opens its clause, the
one after it ('"...," said Katrin Vogel of the German Council on Foreign Relations'). The
content is the quote the cue belongs to, else the clause it reports ("said (that) ...").
Cues inside quotation marks belong to the quoted speech and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.quotes import SentenceQuotes

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
_AMBIGUOUS = {"report", "reports", "claim", "claims", "question", "questions", "attack", "attacks", "state",
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
# Verb forms that are never nouns: a phrase ending in one is a clause ("Sorokina added").
_PAST_AND_PRESENT = {"said", "says", "told", "tells", "wrote", "writes", "thought", "spoke", "sought", "adds",
                     "asks", "argues", "insists", "warns", "explains", "denies", "confirms", "tweets", "believes"}
_PARTICIPLES = {"written", "shown", "spoken"}
# Mental-state verbs: attributions of belief, kept only with a named or described speaker.
_BELIEF = {"believe", "think", "hope", "expect", "fear", "worry", "wonder"}


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
_CUE = re.compile(r"\b(?:(?P<phrase>[Aa]ccording to|point(?:s|ed|ing)? out)|(?P<verb>(?i:"
                  + "|".join(sorted(CUE_LEMMA, key=len, reverse=True)) + r")))\b")

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_RELATIVE = {"who", "which", "that", "whom"}
_DETERMINERS = {"a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "several", "some", "many", "most", "few", "other", "others", "his", "her", "their", "its", "our",
                "my", "your", "this", "these", "those", "both", "all", "every", "each", "no", "any", "more",
                "about", "at", "nearly", "almost", "dozens", "hundreds", "thousands", "top", "senior", "former"}
# A speaker on its own that says nothing about who spoke.
_EMPTY = {"him", "her", "them", "us", "me", "some", "many", "most", "others", "nobody", "everyone", "everybody", "anyone", "anybody", "someone",
          "somebody", "none", "all", "few", "both", "it", "this", "that", "there", "what", "which", "who", "one",
          "no one", "each", "people", "these", "those", "such", "another", "i", "we", "you", "us", "me"}
# Words that may stand between a speaker and the verb: "has also said", "later told".
_BETWEEN = {"has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "may",
            "might", "must", "can", "also", "later", "then", "once", "again", "did", "does", "do", "not",
            "never", "already", "just", "even", "first", "long", "last", "still", "further", "himself",
            "herself", "themselves", "itself", "too", "often", "previously", "since", "all", "both", "each",
            "now", "seldom", "always", "sometimes", "usually", "recently", "reportedly"}
# Where a clause starts inside the text before a verb; prepositions only before a lower-case
# word, so that "Bank of England" and "Council on Foreign Relations" stay whole.
_CLAUSE_WORDS = re.compile(r"\b(?i:that|and|but|because|while|as|when|if|where|so|after|before|since|although|"
                           r"though|whether|than|or|what|how|why|until|unless|whereas|once|even)(?:\s+|$)")
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
_BE = {"is", "was", "are", "were", "be", "been", "being", "get", "got", "gets", "getting"}
_OPENERS = {"but", "and", "so", "yet", "now", "then", "still", "also", "meanwhile", "later", "earlier", "however",
            "instead", "today", "yesterday", "previously", "separately", "indeed", "again", "finally", "thus",
            "or", "plus", "moreover", "nonetheless", "nevertheless", "besides", "similarly", "likewise"}
_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_NAME_START = re.compile(r"^(?:[A-Z]|(?:al|el|de|van|von|bin|ibn|abu)[-\s][A-Z])")
_AFTER_CUE = re.compile(r"^(?:\s*(?:,\s*)?(?:in\s+(?:a|an|his|her|their|its)\s+(?:[a-z]+\s+){0,2}(?:statement|interview|"
                        r"speech|email|letter|post|tweet|op-ed|memo|note|release|message|call|appearance|address|"
                        r"briefing|conference|video|column|book|report)|on\s+(?:[A-Z]\w+|\w+day)|last\s+\w+|"
                        r"this\s+\w+|earlier|later|recently|publicly|privately|repeatedly|again|also|today|"
                        r"yesterday|tonight|afterward|afterwards|then|to\s+reporters|to\s+supporters|to\s+the\s+"
                        r"crowd|at\s+a\s+[a-z\s]{3,30}?(?=,|\s+that\b)|that)\b\s*,?)+")


@dataclass(frozen=True)
class Attribution:
    """One attribution in one sentence."""

    speaker: str  # as written: "Danek", "she", "An EU spokeswoman", "the German newspaper Bild"
    role: str  # words the sentence gives about the speaker ("a researcher at ...", "An EU spokeswoman")
    cue: str  # the reporting verb as written, or "according to"
    content: str  # the quote, else the reported clause
    start: int  # where the speaker starts in the sentence


# "JOEL BENENSON: This is ...", "Rep. Trey Gowdy (R-S.C.): ...", "- More from Jones: “...”"
_SPEAKER_COLON = re.compile(r"^(?:.{0,80}?\s[-–—]\s*|[-–—•]\s*)?(?:More from\s+)?(?P<speaker>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|"
                            r"Gen|Prof|[A-Z])\.\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){0,3})"
                            r"(?:\s*\([^)]{1,20}\))?\s*:\s*(?P<content>\S.{10,})$")
_NOT_SPEAKERS = {"note", "update", "editor", "photo", "video", "watch", "read", "related", "source", "sources",
                 "correction", "clarification", "disclosure", "abstract", "summary", "transcript", "q", "a",
                 "question", "answer", "warning", "breaking", "exclusive", "analysis", "opinion", "listen"}


def _colon_speaker(sentence: str) -> Attribution | None:
    match = _SPEAKER_COLON.match(sentence)
    if not match:
        return None
    speaker = match.group("speaker")
    words = speaker.split()
    if words[-1].lower().rstrip("'’s") in _NOT_SPEAKERS or words[0].lower() in _NOT_SPEAKERS or \
            (len(words) == 1 and not words[0].isupper() and match.start("speaker") == 0):
        return None  # "Update: ...", a heading; one capitalised word opening a sentence is too weak
    content = match.group("content").strip(" \"“”‘’'")
    if len(content.split()) < 3:
        return None
    return Attribution(speaker, "", ":", content, match.start("speaker"))


# "A draft proposal seen by Reuters would allow ...": a document as the source.
_DOCUMENT_SEEN = re.compile(r"\b(?P<speaker>(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+){0,3}(?:draft|document|report|memo|"
                            r"memorandum|letter|note|proposal|plan|email|filing|study|assessment|analysis|"
                            r"transcript|recording|contract|agreement|list|copy)s?)(?:\s+[a-z][\w-]*){0,6}?"
                            r",?\s+(?P<cue>seen|obtained|reviewed|viewed)\s+by\s+")


def _document_seen(sentence: str, masked: str) -> Attribution | None:
    match = _DOCUMENT_SEEN.search(masked)
    if not match:
        return None
    rest = re.sub(r"^[^,]*?(?:,\s*|\s+(?=would|will|says|shows|suggests|describes|calls|warns|proposes|"
                  r"puts|places|sets|is|was))", "", sentence[match.end():], count=1)
    return Attribution(match.group("speaker"), "", f"{match.group('cue')} by", rest.strip(" ,.") or sentence,
                       match.start("speaker"))


def find_attributions(sentence: str, quotes: SentenceQuotes, previous_quote: str = "",
                      headline: bool = False) -> list[Attribution]:
    """Every attribution in ``sentence`` whose cue lies outside quotation marks.

    ``previous_quote`` is a quote that ended the sentence before: '“...?” Sanders replied.' is
    split after the question mark, and the bare "Sanders replied." speaks it. In a ``headline``
    (title case) a capitalised verb is a cue too ("Clinton Says ...").
    """
    masked = quotes.masked(sentence)
    found: list[Attribution] = []
    taken: set[tuple[int, str]] = set()  # one speaker saying one thing once ("said and added" may say two)
    for special in (_colon_speaker(sentence), _document_seen(sentence, masked)):
        if special:
            found.append(special)
            taken.add((special.start, special.content))
    for match in _CUE.finditer(masked):
        cue = match.group(0)
        if cue[:1].isupper() and not headline and match.group("verb"):
            continue  # "The United States", "Criminal Charges"
        if cue.lower() in _PARTICIPLES and not re.search(r"\b(?:has|have|had|having)\s+(?:\w+ly\s+)?$",
                                                         masked[:match.start()]):
            continue  # "the case number written on it"
        if match.group("phrase") and cue.lower() == "according to":
            attribution = _according_to(sentence, masked, match, quotes)
        else:
            attribution = _verb(sentence, masked, match, quotes)
        if attribution and previous_quote and not quotes.quotes and not quotes.opens_quote \
                and attribution.start <= 1 and len(sentence[match.end():].strip(" .,").split()) < 4:
            attribution = Attribution(attribution.speaker, attribution.role, attribution.cue, previous_quote,
                                      attribution.start)
        if attribution and attribution.content.strip(" .,;:") and \
                (attribution.start, attribution.content) not in taken:  # "X spoke to reporters." says nothing
            taken.add((attribution.start, attribution.content))
            found.append(attribution)
    return found


def _according_to(sentence: str, masked: str, match: re.Match[str], quotes: SentenceQuotes) -> Attribution | None:
    rest = masked[match.end():]
    phrase = re.match(r"\s*([^,.;:()\"“”]{2,120}?)(?=\s*(?:[,.;:()]|$|\s+(?:that|who|which|the\s+[a-z]+\s+"
                      r"(?:is|was|are|were|has|had|will|would))\b))", rest)
    if not phrase:
        return None
    speaker = _trim_noun_phrase(phrase.group(1), longest=16)
    if not speaker:
        return None
    by = re.match(r"(?:the\s+|a\s+|an\s+|new\s+|recent\s+)*(?:[a-z]+\s+){0,2}(?:calculations|figures|data|estimates?|"
                  r"analysis|research|reports?|study|survey|poll|polling|numbers|records|statistics)\s+(?:by|from|of)\s+"
                  r"(?P<who>(?:the\s+)?[A-Z].*)$", speaker)
    role = ""
    if by:  # "according to calculations by the Consumer Council": the council is the source
        role, speaker = speaker[:by.start("who")].strip(), by.group("who")
    start = match.end() + rest.find(speaker)
    before = sentence[:match.start()].strip(" ,")
    after = sentence[start + len(speaker):].strip(" ,.")
    content = _nearest_quote(quotes, match.start()) or (before if len(before) > len(after) else after)
    return Attribution(speaker, role, match.group(0).lower(), content, start)


def _verb(sentence: str, masked: str, match: re.Match[str], quotes: SentenceQuotes) -> Attribution | None:
    cue = match.group(0)
    lemma = CUE_LEMMA.get(cue.lower(), cue.lower())
    left = masked[:match.start()]
    before = left.rstrip().split(" ")[-1].lower() if left.strip() else ""
    if _is_passive(left, cue):
        return None  # "Cosby is attacked", "was asked": the subject is not the speaker
    if before in {"not", "never", "n't"} or before.endswith(("n't", "n’t")) or \
            (cue.lower() == "said" and left.strip().lower() in ("that", "having")):
        return None  # "did not respond", "That said,"
    if cue.endswith("ing") and before.endswith(","):
        # "..., saying that ...": the speaker is the clause's subject
        speaker, start = _main_subject(left)
        if not speaker:
            return None
        return Attribution(speaker, "", cue, _content(sentence, masked, match, lemma, quotes, start), start)
    if lemma == "ask" and re.match(r"\s+(?:not\s+to\s+be|that\s+(?:his|her|their)\s+name|for\s+anonymity|to\s+"
                                   r"remain\s+anonymous)", masked[match.end():]):
        return None  # "who asked not to be named": a request for anonymity, not an attribution
    if lemma in ("report", "contribute") and re.match(r"\s+from\s+[A-Z]", masked[match.end():]):
        return None  # "Costa reported from Washington.": a credit line
    if cue.endswith("ing") and before not in _BE:
        return None  # "videos showing", "his speaking schedule"
    pieces = re.split(r"(?:[,;:()\[\]—–]|\s-\s)", left)
    last = _strip_between(pieces[-1])
    if last.strip().lower() in {"and", "but", "and then", "but then", "yet", "and later", "but later"}:
        last = ""  # "X did A, but now said B": the clause's subject speaks
        speaker, start = _main_subject(left)
        if speaker:
            return Attribution(speaker, "", cue, _content(sentence, masked, match, lemma, quotes, start), start)
        return None
    role = ""
    speaker = ""
    start = -1
    if last.strip():
        speaker = _subject(last)
        if speaker.lower() in _RELATIVE and len(pieces) >= 2:  # "Furman, who leads the council, said"
            speaker, role = _subject(pieces[-2]), pieces[-1].strip()
            start = left.rfind(speaker) if speaker else -1
        elif speaker.lower() in _RELATIVE:
            return None  # "Who told you that?"
        elif len(pieces) >= 2 and re.match(r"(?:a|an)\s", speaker) and _looks_like_name(_subject(pieces[-2])):
            # "Cruz, a graduate of Harvard Law School who has argued ..."
            role, speaker = speaker, _subject(pieces[-2])
            start = left.rfind(speaker)
        elif speaker:
            start = match.start() - len(pieces[-1]) + pieces[-1].find(speaker)
            between = left[start + len(speaker):].strip(" ,")
            if re.match(r"(?:of|at|from|with)\s", between):
                role = between
    elif len(pieces) >= 3 and pieces[-2].strip():
        # "Anna Lindqvist, an EU spokeswoman, said" / "An EU spokeswoman, Anna Lindqvist, said"
        # The sentence's first clause holds its subject at the front ("A leaked note circulated ..., seen by X, suggests").
        middle = pieces[-2].strip()
        head = _leading_noun_phrase(pieces[-3]) if len(pieces) == 3 else _subject(pieces[-3])
        if _looks_like_name(middle) and head and not _looks_like_name(head):
            speaker, role = middle, head
        elif head and (_is_apposition(middle) or _looks_like_name(middle)):
            speaker, role = head, middle
        if speaker:
            start = left.rfind(speaker)
    if not speaker and lemma != "tell" and _opens_clause(left):  # "told X": X is the listener
        speaker, role, start = _speaker_after(sentence, masked, match.end())
    if not speaker or start < 0:
        return None
    if lemma in _BELIEF and not speaker[:1].isupper():
        return None  # "most of whom thought": a belief needs someone named
    if cue.lower() in _AMBIGUOUS and not _plain_subject(speaker, masked[match.end():]):
        return None
    content = _content(sentence, masked, match, lemma, quotes, start)
    return Attribution(speaker, role, cue, content, start)


def _is_passive(left: str, cue: str) -> bool:
    words = left.rstrip().split(" ")
    while words and (words[-1].lower() in _BETWEEN - _BE or (words[-1].endswith("ly") and words[-1].islower())):
        words.pop()
    return bool(words) and words[-1].lower() in _BE and not cue.endswith(("ing", "s"))


_RECORDS = re.compile(r"\b(?:polls?|surveys?|study|studies|reports?|data|figures|records|analysis|analyses|"
                      r"documents?|emails?|filings?|estimates?|numbers|results)$", re.I)


def _plain_subject(speaker: str, after: str) -> bool:
    """Whether a verb that is often a noun ("claims", "attacks") has a speaker, not an adjective, before it."""
    if speaker.endswith(("'s", "’s")) or speaker.lower() in _DETERMINERS:
        return False
    if " " not in speaker and re.search(r"(?:al|ic|ous|ive|ful|less|ary|ant|ent|ial|ible|able)$", speaker):
        return False  # "Criminal charges", "Political attacks": an adjective, not a speaker
    if speaker[:1].isupper() or speaker.lower() in PRONOUNS or _RECORDS.search(speaker):
        return True
    return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“‘])", after))


def _main_subject(left: str) -> tuple[str, int]:
    """The subject of the clause before "..., saying" or "..., but said": the nearest clause's first noun phrase."""
    pieces = re.split(r"(,|;|:|—|–|\s-\s)", left)
    offsets = [0]
    for piece in pieces:
        offsets.append(offsets[-1] + len(piece))
    for index in range(len(pieces) - 1, max(-1, len(pieces) - 8), -1):
        piece = pieces[index]
        words = piece.split()
        piece = piece.lstrip(" \"“”‘’'")
        words = piece.split()
        if not words or len(words) < 2 or words[0].lower() in _PREPOSITIONS or words[0].lower() in _OPENERS \
                or words[0][:1].islower() and words[0].lower() not in _DETERMINERS:
            continue
        head = []
        for word in words:
            if head and word[:1].islower() and word.lower() not in {"of", "the", "for", "de", "van"}:
                break
            head.append(word)
        phrase = _trim_noun_phrase(" ".join(head[:7]))
        if phrase and phrase.lower() not in PRONOUNS - {"he", "she"}:
            return phrase, offsets[index] + pieces[index].find(phrase.split()[0])
        return "", -1
    return "", -1


_TIME_BEFORE_VERB = re.compile(r"\s+(?:(?:last|this|next|earlier this|late last)\s+(?:week|month|year|spring|summer|"
                               r"fall|autumn|winter|weekend)|on\s+[A-Z]\w+day|in\s+(?:a|an|his|her|their|its)\s+"
                               r"(?:statement|interview|letter|speech))\s*$")


def _leading_noun_phrase(text: str) -> str:
    """The noun phrase a clause opens with: up to its first verb-like or function word."""
    words = text.split()
    head: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        # "circulated among", "released on": a verb; "leaked briefing note": adjectives
        verb_like = lower.endswith(("ed", "ing")) and (not following or following in _PREPOSITIONS
                                                       or following in _DETERMINERS)
        if head and word[:1].islower() and (verb_like or lower in _FINITE or lower in _RELATIVE
                                            or (lower in _PREPOSITIONS and lower not in _MODIFIERS)):
            break
        head.append(word)
    return _trim_noun_phrase(" ".join(head)) if len(head) < len(words) else _subject(text)


def _strip_between(text: str) -> str:
    """The words before a verb without auxiliaries and adverbs ("has also", "repeatedly")."""
    text = _TIME_BEFORE_VERB.sub("", text.rstrip())
    words = text.rstrip().split(" ")
    while words and (words[-1].lower() in _BETWEEN or (words[-1].endswith("ly") and words[-1].islower())):
        words.pop()
    return " ".join(words)


_AFFILIATION = re.compile(r"^((?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3})\s+"
                          r"(?:of|at|from|with)\s+(?:the\s+)?[A-Z].*$")


def _subject(text: str) -> str:
    """The noun phrase that ends ``text`` and can be a speaker, or ""."""
    text = _strip_between(text).strip()
    if not text or text[-1:] in ("\"", "“", "”", "’") or not text.strip(" '"):
        return ""
    words = text.split()
    if len(words) >= 2 and words[-1].lower() in _RELATIVE:  # "a headline that said", "a man who said"
        text = " ".join(words[:-1])
    clauses = _CLAUSE_WORDS.split(text)
    candidate = clauses[-1].strip()
    head = _ADVERBIAL.split(candidate, maxsplit=1)[0]
    affiliated = _AFFILIATION.match(head)
    if affiliated:  # "Dr Lena Fischer of the Institute for Security Studies": the person speaks
        head = affiliated.group(1)
    return _trim_noun_phrase(head)


def _trim_noun_phrase(text: str, longest: int = 10) -> str:
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
    if lower in _EMPTY or lower in _RELATIVE:
        return phrase if lower in _RELATIVE else ""
    if lower in PRONOUNS:
        return phrase
    first = words[0]
    last = words[-1].lower()
    lowered = [w.lower() for w in words]
    if len(words) > 1 and words[0].lower() in PRONOUNS:
        return ""  # "It came (in a handwritten note)": a clause
    if len(words) > 1 and words[-1].islower() and (last.endswith("ed") or last in _PAST_AND_PRESENT):
        return ""  # "Sorokina added" before "talks": a verb ends it
    if any(w in _FINITE or w in _OBJECTS or w.endswith(("n't", "n’t")) for w in lowered[1:]) or \
            lowered[0] in _RELATIVE or (first[0].islower() and first.endswith(("ing", "ed")) and first != "red") or \
            (len(words) == 2 and words[0][0].islower() and last.endswith("ing")):
        return ""  # a clause ("This is a man", "hear them"), not a noun phrase
    if last in _DETERMINERS or last in _BETWEEN or last in {"of", "for", "the", "and", "to", "in", "on", "at"}:
        return ""
    if first[0].islower() and first.lower() not in _DETERMINERS and len(words) > 6:
        return ""  # a lower-case run this long is a clause, not a speaker
    if any(w.lower() in PRONOUNS for w in words[1:]) or any(ch.isdigit() for ch in words[-1]):
        return ""
    if not _NAME_START.match(phrase) and not re.search(r"[a-z]{3,}", last) and not words[-1].isupper():
        return ""
    return phrase


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w in {"of", "the", "for", "de", "van", "von", "al"}
                                       for w in words) and words[0][:1].isupper()


def _is_apposition(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in {"a", "an", "the", "who", "which", "whose", "one", "now", "then", "also", "himself",
                     "herself", "speaking", "writing", "citing", "asked", "not"} or text[:1].islower() or \
        text[:1].isdigit() or \
        bool(re.match(r"[A-Z][\w.'’-]*\s+(?:of|for|at|to)\b", text))


def _opens_clause(left: str) -> bool:
    """Whether the verb opens its clause: after a quote, a comma or nothing ('"...," said X')."""
    tail = left.rstrip()
    return not tail or tail[-1] in ",;:—–\"”’'"


def _speaker_after(sentence: str, masked: str, position: int) -> tuple[str, str, int]:
    rest = masked[position:]
    match = re.match(r"\s+((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev)\.\s+)?(?:[A-Z]|(?:the|a|an|one|two|three|"
                     r"several|some)\s)(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev|St|Jr|[A-Z])\.|[^,.;:!?()\"“”]){0,90}?)"
                     r"(?=\s*(?:[,.;:!?()]|$|\s+(?:who|whose|which|that|in\s+a|on\s+[A-Z]\w+day|at\s+a)\b))", rest)
    described = re.match(r"\s+((?:[a-z][\w'’-]*\s+){1,4})((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|"
                         r"[A-Z][\w'’-]+)){1,3})(?=\s*(?:[,.;:!?()]|$))", rest)
    if described and not any(w in _PREPOSITIONS or w in _FINITE or w in _RELATIVE for w in described.group(1).split()):
        return described.group(2), described.group(1).strip(), position + described.start(2)  # "fumed owner Leif Nord"
    if not match:
        return "", "", -1
    speaker = _trim_noun_phrase(match.group(1))
    if not speaker or speaker.lower() in PRONOUNS - {"he", "she"}:
        return "", "", -1
    start = position + match.start(1)
    role = ""
    of = re.match(r"((?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w'’-]+)\s+((?:of|at|from|with)\s+.+)$", speaker)
    if of and not re.search(r"\b(?:Bank|University|Council|Department|Ministry|Office|Board|House|Court|"
                            r"Institute|Secretary|State|States)\b", of.group(1)):
        speaker, role = of.group(1), of.group(2)  # "Katrin Vogel of the German Council on ..."
    after = sentence[start + len(speaker):]
    named = re.match(r"\s*,\s*((?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})(?=\s*[,.;]|$)", after)
    if named and not speaker[:1].isupper():  # "said the union's president, Lena Sorby"
        return named.group(1), speaker, start + len(speaker) + named.start(1)
    apposition = re.match(r"\s*,\s*((?:a|an|the|who|whose|which)\b[^.;]{0,120}?)(?=[,.;]|$)", after)
    if apposition:
        role = f"{role} {apposition.group(1)}".strip()
    return speaker, role, start


def _nearest_quote(quotes: SentenceQuotes, position: int) -> str:
    """The quote nearest the cue at ``position``, preferring one that ends before it."""
    best, distance = "", 10 ** 6
    for quote in quotes.quotes:
        gap = position - quote.end if quote.end <= position else quote.start - position + 40
        if 0 <= gap < distance and len(quote.text.split()) >= 2:
            best, distance = quote.text.strip(" ,"), gap
    if quotes.opens_quote and len(quotes.opens_quote.text.split()) >= 2:
        gap = quotes.opens_quote.start - position + 40
        if 0 <= gap < distance:
            best = quotes.opens_quote.text.strip(" ,")
    return best


def _content(sentence: str, masked: str, match: re.Match[str], lemma: str, quotes: SentenceQuotes,
             speaker_start: int) -> str:
    after = sentence[match.end():]
    cleaned = _AFTER_CUE.sub("", after, count=1)
    if lemma == "tell":  # "told Reuters (that) ...": the listener is not the content
        listener = re.match(r"\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|the\s+\w+(?:\s+\w+)?|reporters|"
                            r"supporters|\w+)\s*(?:,\s*|\s+that\s+|\s+)", cleaned)
        if listener:
            cleaned = cleaned[listener.end():]
            cleaned = _AFTER_CUE.sub("", cleaned, count=1)
    cleaned = cleaned.strip(" ,:.")
    quote = _nearest_quote(quotes, match.start())
    if speaker_start > match.start():  # '"...," said X' / "The talks will resume, said X"
        return quote or sentence[:match.start()].strip(" ,\"“”'‘’")
    # '"...," X said': the quote just before the speaker is what was said, when the verb follows
    # the speaker closely ('"...," Buchanan said, noting that ...' notes something else).
    close = len(masked[speaker_start:match.start()].split()) <= 8 and "," not in masked[speaker_start:match.start()]
    for q in quotes.quotes if close else ():
        if q.end <= speaker_start and not masked[q.end + 1:speaker_start].strip(" ,\"“”'‘’"):
            return q.text.strip(" ,")
    quote_after = quote and quote in sentence[match.end():]
    first = cleaned.split()[0] if cleaned.split() else ""
    if quote and (len(cleaned.split()) < 3 or quote_after or cleaned[:1] in "\"“‘'"
                  or (first.islower() and first.endswith("ing"))):
        return quote
    if not cleaned and not quote:  # "..., his top aide told HuffPost." reports the clause before
        return sentence[:speaker_start].strip(" ,")
    return cleaned or quote or sentence
