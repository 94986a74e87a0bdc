"""Attributions in a sentence: who said, wrote or reported what, found by rules over the words.

A cue is a reporting verb ("said", "told", "warned", "tweeted", "found") or "according to".
Its speaker is the noun phrase before it ("Peskov said", "A Kremlin spokesman, Dmitry Peskov,
said", "Jason Furman, who leads the council, said") or, when the verb opens its clause, the
one after it ('"...," said Fiona Hill of the Brookings Institution'). The
content is the quote the cue belongs to, else the clause it reports ("said (that) ...").
Cues inside quotation marks belong to the quoted speech and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.analysis.cues import AMBIGUOUS, BELIEF, CUE_LEMMA, PARTICIPLES, cue_matches
from compare.analysis.quotes import SentenceQuotes
from compare.analysis.speakers import (
    BE,
    BETWEEN,
    DETERMINERS,
    PRONOUNS,
    RELATIVE,
    is_apposition,
    leading_noun_phrase,
    looks_like_name,
    main_subject,
    opens_clause,
    speaker_after,
    strip_between,
    subject,
    trim_noun_phrase,
)

_AFTER_CUE = re.compile(r"^(?:\s*(?:,\s*)?(?:in\s+(?:a|an|his|her|their|its)\s+(?:[a-z]+\s+){0,2}(?:statement|"
                        r"interview|speech|email|letter|post|tweet|op-ed|memo|note|release|message|call|appearance|address|"
                        r"briefing|conference|video|column|book|report)|on\s+(?:[A-Z]\w+|\w+day)|last\s+\w+|"
                        r"this\s+\w+|earlier|later|recently|publicly|privately|repeatedly|again|also|today|"
                        r"yesterday|tonight|afterward|afterwards|then|to\s+reporters|to\s+supporters|to\s+the\s+"
                        r"crowd|at\s+a\s+[a-z\s]{3,30}?(?=,|\s+that\b)|that)\b\s*,?)+")


@dataclass(frozen=True)
class Attribution:
    """One attribution in one sentence."""

    speaker: str  # as written: "Peskov", "she", "A Kremlin spokesman", "the German newspaper Bild"
    role: str  # words the sentence gives about the speaker ("a researcher at ...", "An EU spokeswoman")
    cue: str  # the reporting verb as written, or "according to"
    content: str  # the quote, else the reported clause
    start: int  # where the speaker starts in the sentence


# "JOEL BENENSON: This is ...", "Rep. Trey Gowdy (R-S.C.): ...", "- More from Jones: “...”"
_SPEAKER_COLON = re.compile(r"^(?:.{0,80}?\s[-–—]\s*|[-–—•]\s*)?(?:More from\s+)?"
                            r"(?P<speaker>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|"
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


# "..., which Governor X credited with saving lives": crediting something with an outcome is a
# claim about it (the passive "was credited with" names no speaker).
_CREDITED = re.compile(r"\b(?P<cue>credit(?:ed|s))\s+(?P<what>(?:[\w'’-]+\s+){0,6}?)with\s+(?P<content>[^,;.]+)")


def _credited(sentence: str, masked: str) -> Attribution | None:
    match = _CREDITED.search(masked)
    if not match or _is_passive(masked[:match.start()], match.group("cue")):
        return None
    found = _subject_before(masked, match.start(), r"[,;:()—–]")
    if found is None:
        return None
    content = f"{match.group('what')}with {match.group('content').strip()}".strip()
    return Attribution(found[0], "", match.group("cue"), content, found[1])


# "The ministry counted 1.2 million marchers", "police put the turnout at 80,000": the source of a count.
_COUNTED = re.compile(r"\b(?P<cue>counted|tallied|(?:put|puts|putting)\s+(?:the|its|their|this|that)\s+(?:[a-z]+\s+)?"
                      r"(?:figure|number|turnout|count|total|toll|crowd|attendance|tally|participation|size|cost)"
                      r"(?:\s+[^,;.]{0,40}?)?\s+at)\s+(?P<content>[^;]+)")


def _counted(sentence: str, masked: str) -> Attribution | None:
    match = _COUNTED.search(masked)
    if not match or _is_passive(masked[:match.start()], "counted"):
        return None
    found = _subject_before(masked, match.start(), r"[,;:()—–]|\b(?:while|whereas|but|and)\s")
    if found is None:
        return None
    cue = match.group("cue").split()[0]
    return Attribution(found[0], "", cue, sentence[match.start("content"):].strip(" .,"), found[1])


# "By the interior ministry's reckoning, 1.28 million took part": whose count or view it is.
_RECKONING = re.compile(r"\b(?P<cue>[Bb]y)\s+(?P<speaker>(?:the\s+)?(?:[\w'’.-]+\s+){0,4}?[\w.-]+)['’]s?\s+"
                        r"(?:own\s+)?(?:reckoning|count|counts|estimate|estimates|tally|figures|calculations?|"
                        r"account|accounts)\b\s*,?\s*")


_WHEN = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                   r"day|week|weekend|month|year|morning|evening|night|january|february|march|april|may|june|"
                   r"july|august|september|october|november|december|\d{4})$", re.I)


def _reckoning(sentence: str, masked: str) -> Attribution | None:
    match = _RECKONING.search(masked)
    if not match or _WHEN.search(match.group("speaker")):
        return None  # "by Tuesday's count", "by last year's figures": a time's, nobody's
    content = sentence[match.end():].strip(" .,") or sentence[:match.start()].strip(" .,")
    return Attribution(match.group("speaker"), "", "by", content, match.start("speaker"))


def _subject_before(masked: str, end: int, boundary: str) -> tuple[str, int] | None:
    """The subject of the clause that ends at ``end`` (the clause starts after the last match of
    ``boundary``), with where it starts; None when there is none or it is a relative pronoun."""
    left = re.split(boundary, masked[:end])[-1]
    speaker = subject(left)
    if not speaker or speaker.lower() in RELATIVE:
        return None
    return speaker, end - len(left) + left.find(speaker)


# (sentence, its quotes, the quote before, headline or not) -> its attributions. The outlets of a
# story often print the same sentence (wire copy, a shared statement): read once while it is
# recent. The quotes are keyed by what is read of them, the marks and the quotes' texts.
_FOUND: dict[tuple[object, ...], tuple[Attribution, ...]] = {}
_FOUND_MAX = 20_000


def find_attributions(sentence: str, quotes: SentenceQuotes, previous_quote: str = "",
                      headline: bool = False) -> list[Attribution]:
    """Every attribution in ``sentence`` whose cue lies outside quotation marks.

    ``previous_quote`` is a quote that ended the sentence before: '“...?” Sanders replied.' is
    split after the question mark, and the bare "Sanders replied." speaks it. In a ``headline``
    (title case) a capitalised verb is a cue too ("Clinton Says ...").
    """
    opens = quotes.opens_quote
    key = (sentence, previous_quote, headline, tuple(quotes.spans),
           tuple((q.text, q.start, q.end) for q in quotes.quotes),
           (opens.text, opens.start, opens.end) if opens is not None else None)
    found = _FOUND.get(key)
    if found is None:
        found = tuple(_find_attributions(sentence, quotes, previous_quote, headline))
        if len(_FOUND) >= _FOUND_MAX:
            _FOUND.clear()
        _FOUND[key] = found
    return list(found)


def _find_attributions(sentence: str, quotes: SentenceQuotes, previous_quote: str,
                       headline: bool) -> list[Attribution]:
    """:func:`find_attributions`, read from the sentence itself."""
    masked = quotes.masked(sentence)
    found: list[Attribution] = []
    taken: set[tuple[int, str]] = set()  # one speaker saying one thing once ("said and added" may say two)
    for special in (_colon_speaker(sentence), _document_seen(sentence, masked), _credited(sentence, masked),
                    _counted(sentence, masked), _reckoning(sentence, masked)):
        if special:
            found.append(special)
            taken.add((special.start, special.content))
    for match in cue_matches(masked):
        cue = match.group(0)
        if cue[:1].isupper() and not headline and match.group("verb"):
            continue  # "The United States", "Criminal Charges"
        if cue.lower() in PARTICIPLES and not re.search(r"\b(?:has|have|had|having)\s+(?:\w+ly\s+)?$",
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
    speaker = trim_noun_phrase(phrase.group(1), longest=16)
    if not speaker:
        return None
    by = re.match(r"(?:the\s+|a\s+|an\s+|new\s+|recent\s+)*(?:[a-z]+\s+){0,2}(?:calculations|figures|data|estimates?|"
                  r"analysis|research|reports?|study|survey|poll|polling|numbers|records|statistics)\s+(?:by|from|of)\s+"
                  r"(?P<who>(?:the\s+)?[A-Z].*)$", speaker)
    role = ""
    if by:  # "according to calculations by the Congressional Budget Office": the office is the source
        role, speaker = speaker[:by.start("who")].strip(), by.group("who")
    start = match.end() + rest.find(speaker)
    before = sentence[:match.start()].strip(" ,")
    after = sentence[start + len(speaker):].strip(" ,.")
    content = _nearest_quote(quotes, match.start()) or (before if len(before) > len(after) else after)
    return Attribution(speaker, role, match.group(0).lower(), content, start)


# Verbs that, joined to another ("waved a flag and declared"), can only report speech; others
# ("restored the roof and added a wing") do so only before a colon, a quote or "that".
_ONLY_SPEECH = {"say", "declare", "tell", "announce", "warn", "insist", "deny", "vow", "pledge", "promise", "admit",
                "acknowledge", "argue", "urge"}
_SAYING_NEXT = re.compile(r"\s*(?::|[\"“‘]|that\b)")
# Words before a cue that make it a noun ("the protests", "his claims", "these reports").
_NOUN_BEFORE = {"the", "a", "an", "these", "those", "his", "her", "their", "its", "our", "my", "your", "whose"}
# What "add" is followed by when it adds a sum or a thing, not words ("add about 95 crowns").
_ADDED_THING = re.compile(r"\s+(?:a|an|about|some|more|another|up\s+to|nearly|almost|[\d$£€])")
# A verb phrase that "and" or "but" joins to the cue: "waved the flag and (declared)".
_COORDINATED = re.compile(r"\S.*\s(?:and|but)(?:\s+(?:then|later|also))?$")


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
        speaker, start = main_subject(left)
        if not speaker:
            return None
        return Attribution(speaker, "", cue, _content(sentence, masked, match, lemma, quotes, start), start)
    if lemma == "ask" and re.match(r"\s+(?:not\s+to\s+be|that\s+(?:his|her|their)\s+name|for\s+anonymity|to\s+"
                                   r"remain\s+anonymous)", masked[match.end():]):
        return None  # "who asked not to be named": a request for anonymity, not an attribution
    if lemma in ("report", "contribute") and re.match(r"\s+from\s+[A-Z]", masked[match.end():]):
        return None  # "Costa reported from Washington.": a credit line
    if before in _NOUN_BEFORE:
        return None  # "about the protests", "his claims": a noun, not a verb of saying
    if lemma == "show" and re.match(r"\s+up\b", masked[match.end():]):
        return None  # "showed up": arrived
    if lemma == "add" and (_ADDED_THING.match(masked[match.end():])
                           or (re.match(r"\s+the\b", masked[match.end():]) and not quotes.quotes)):
        return None  # "will add about 95 crowns", "added a new wing": not words, a sum or a thing
    if cue.endswith("ing") and before not in BE:
        return None  # "videos showing", "his speaking schedule"
    # "S. Rao, the chairman of the Space Agency (SA), said": an acronym in brackets ends no clause
    left = re.sub(r"\s\([^()]{1,40}\)(?=\s|,)", lambda m: " " * len(m.group(0)), left)
    pieces = re.split(r"(?:[,;:()\[\]—–]|\s-\s)", left)
    last = strip_between(pieces[-1])
    joined = _COORDINATED.search(last.strip()) and (lemma in _ONLY_SPEECH or _SAYING_NEXT.match(sentence[match.end():]))
    if last.strip().lower() in {"and", "but", "and then", "but then", "yet", "and later", "but later"} or joined:
        # "X did A, but now said B", "X waved a flag and declared": the clause's subject speaks
        speaker, start = main_subject(left)
        if speaker:
            return Attribution(speaker, "", cue, _content(sentence, masked, match, lemma, quotes, start), start)
        return None
    role = ""
    speaker = ""
    start = -1
    if last.strip():
        speaker = subject(last)
        if speaker.lower() in RELATIVE and len(pieces) >= 2:  # "Furman, who leads the council, said"
            speaker, role = subject(pieces[-2]), pieces[-1].strip()
            start = left.rfind(speaker) if speaker else -1
        elif speaker.lower() in RELATIVE:
            return None  # "Who told you that?"
        elif len(pieces) >= 2 and re.match(r"(?:a|an)\s", speaker) and looks_like_name(subject(pieces[-2])):
            # "Cruz, a graduate of Harvard Law School who has argued ..."
            role, speaker = speaker, subject(pieces[-2])
            start = left.rfind(speaker)
        elif speaker:
            start = match.start() - len(pieces[-1]) + pieces[-1].find(speaker)
            between = left[start + len(speaker):].strip(" ,")
            if re.match(r"(?:of|at|from|with)\s", between):
                role = between
    elif len(pieces) >= 3 and pieces[-2].strip():
        # "Dmitry Peskov, a Kremlin spokesman, said" / "A Kremlin spokesman, Dmitry Peskov, said"
        # The sentence's first clause holds its subject at the front
        # ("A leaked note circulated ..., seen by X, suggests").
        middle = pieces[-2].strip()
        front = _TIME_OPENER.sub("", pieces[-3])  # "On Thursday the chief of staff, General X, said"
        head = leading_noun_phrase(front) if len(pieces) == 3 else subject(front)
        through = _THROUGH.match(middle)
        if through:  # "The high command, through its chief of staff General X, declared": X speaks for it
            words = through.group("name").split()
            while len(words) > 2 and words[0].lower() in _TITLES:  # "(Chief of) Staff General X Y"
                words.pop(0)
            speaker = " ".join(words)
            role = f"{through.group('role')}{through.group('name')} of {head or front.strip()}"
        elif looks_like_name(middle) and head and not looks_like_name(head):
            speaker, role = middle, head
        elif not head and _PERSON_NAME.match(middle) and not _PLACE_BEFORE.search(front):
            # "On Thursday the chief of staff, General X, said": the role phrase did not parse
            speaker, role = middle, front.strip()
        elif head and (is_apposition(middle) or looks_like_name(middle)):
            speaker, role = head, middle
        if speaker:
            start = left.rfind(speaker)
    if not speaker and last.strip() and before != "to" and before not in BETWEEN:
        # "A port official who was not authorized to speak said": the noun phrase before "who"
        # (not the "speak" after "to", nor "has spoken" that "who" is the subject of)
        relative = _RELATIVE_CLAUSE.match(last.strip())
        if relative:
            speaker = subject(relative.group("np"))
            if speaker and speaker.lower() not in PRONOUNS | RELATIVE:
                role = relative.group("clause")
                start = match.start() - len(pieces[-1]) + pieces[-1].find(speaker)
            else:
                speaker = ""
    if not speaker and lemma != "tell" and opens_clause(left):  # "told X": X is the listener
        speaker, role, start = speaker_after(sentence, masked, match.end())
    if not speaker or start < 0:
        return None
    if re.search(r"\b(?:told|tells|tell|telling)\s+$", masked[:start]):
        return None  # "told Russian state television": the listener, not a speaker
    if lemma in BELIEF and not speaker[:1].isupper():
        return None  # "most of whom thought": a belief needs someone named
    if cue.lower() in AMBIGUOUS and not _plain_subject(speaker, masked[match.end():]):
        return None
    content = _content(sentence, masked, match, lemma, quotes, start)
    return Attribution(speaker, role, cue, content, start)


# A phrase of time that opens a sentence before its subject: "On Thursday", "Late on Wednesday", "That night".
_TIME_OPENER = re.compile(r"^\s*(?i:(?:late|early|earlier|later)\s+)?(?:(?i:on|by)\s+[A-Z]\w+day|(?i:(?:that|this|"
                          r"last|the\s+next|the\s+same)\s+(?:night|morning|afternoon|evening|day|week)))\s*,?\s+")
# Two to four capitalised words without abbreviations: a person's name, not "Colo." or "D-MA".
_PERSON_NAME = re.compile(r"^(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?\s+){1,3}[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?$")
# "in Columbus, Ohio, said": a place and its state before the verb, not a role and a name.
_PLACE_BEFORE = re.compile(r"\b(?:in|of|at|from|near|to)\s+(?:[A-Z][\w.'’-]*\s*){1,3}$")
# "through its chief of staff General X": a person speaking for the body before it.
_THROUGH = re.compile(r"^(?:through|via)\s+(?:its|their|the)\s+(?P<role>(?:[\w'’-]+\s+){1,6}?)"
                      r"(?P<name>(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)$")
_TITLES = {"staff", "general", "colonel", "major", "admiral", "captain", "lieutenant", "commander", "chief",
           "minister", "secretary", "director", "spokesman", "spokeswoman", "spokesperson", "president"}
# "A port official who was not authorized to speak (publicly)", "a man who lives nearby": a speaker and
# the relative clause that describes them, with no comma between.
_RELATIVE_CLAUSE = re.compile(r"^(?P<np>(?:[Aa]n?|[Oo]ne|[Tt]he|[A-Z][\w'’-]*)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+"
                              r"(?P<clause>who\s+(?:[\w'’,-]+\s+){0,12}[\w'’-]+)$")


def _is_passive(left: str, cue: str) -> bool:
    words = left.rstrip().split(" ")
    while words and (words[-1].lower() in BETWEEN - BE or (words[-1].endswith("ly") and words[-1].islower())):
        words.pop()
    return bool(words) and words[-1].lower() in BE and not cue.endswith(("ing", "s"))


_RECORDS = re.compile(r"\b(?:polls?|surveys?|study|studies|reports?|data|figures|records|analysis|analyses|"
                      r"documents?|emails?|filings?|estimates?|numbers|results)$", re.I)


def _plain_subject(speaker: str, after: str) -> bool:
    """Whether a verb that is often a noun ("claims", "attacks") has a speaker, not an adjective, before it."""
    if speaker.endswith(("'s", "’s")) or speaker.lower() in DETERMINERS:
        return False
    last = speaker.split()[-1]
    if (" " not in speaker or last.islower()) and _ADJECTIVE.search(last):
        return False  # "Criminal charges", "Putin's outrageous demand": an adjective, not a speaker
    head = re.sub(r"^(?:the|a|an|his|her|their|its|our)\s+", "", speaker, flags=re.I)
    if head[:1].isupper() or speaker.lower() in PRONOUNS or _RECORDS.search(speaker):
        return True  # "A leaked briefing note" is no speaker of "note": the head word is lower case
    return bool(re.match(r"\s*(?:that\b|:|,?\s*[\"“‘])", after))


_ADJECTIVE = re.compile(r"(?:al|ic|ous|ive|ful|less|ary|ant|ent|ial|ible|able)$")


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
