"""Omissions a reader can act on: checkable claims most outlets report that one states nowhere.

A claim counts only when it is checkable: one of its report sentences names someone, gives a
number or a date, or attributes a statement (a quotation of several sentences is attributed by
the sentence that opens or closes it); rhetoric, unattributed quotes, sentences whose
only actor is a pronoun, and calls to action never do. It must be carried by at least two
outlets' reports and by at least half of the outlets with a report in the story. An outlet
omits it only when none of its sentences states it in any words: every one of its sentences
is scored against the claim's sentences with the same claim scorer, both ways, and none may be
sure to state it on average (``DOUBT``) or with one of them (``DOUBT_ANY``, unless it is far
from the others: a match with another claim of a sentence of two). Each (claim, outlet) is
listed once, the claims most outlets carry first, then those they put earliest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from compare.analysis.parse import ParsedSentence
from compare.kinds import REPORT

if TYPE_CHECKING:
    from compare.analysis.align import Fact, Sentence, Unit

MIN_SHARE = 0.5  # a claim at least half of the story's reporting outlets carry (and two)
# An outlet's sentence this sure to state the claim means the outlet reports it, in its own
# words: no omission. Chosen with the fact thresholds (bench/claims.py, bench/facts.py).
DOUBT = 0.5  # on average over the claim's sentences
DOUBT_ANY = 0.6  # with any one of them,
DOUBT_ANY_MEAN = 0.25  # provided it is not far from the claim's other sentences on average

_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|announced|announces|stated|states|reported|reports|confirmed|"
    r"confirms|claimed|claims|added|warned|warns|insisted|insists|denied|denies|declared|declares|wrote|writes|"
    r"estimated|estimates|accused|accuses|called|calls|urged|urges|vowed|vows|pledged|pledges|promised|"
    r"promises|acknowledged|admitted|argued|argues|noted|notes|described|describes|ordered|orders)\b",
    re.IGNORECASE)
_PRONOUN_START = re.compile(r"^(?:[\"“‘']\s*)?(?:he|she|they|it|we|i|you|this|that|these|those)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # "in service by 2016": a date a reader can check
# A day a reader can check, written as words: a weekday, a day relative to the report, in the
# languages whose sentences the analysis reads ("on Tuesday", "yesterday", "this week", "hoy",
# "ieri", "gisteren", "вчера").
_DATE_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"(?:this|last|next)\s+(?:week|weekend|month|year|morning|afternoon|evening|night)|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|hoy|ayer|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|oggi|ieri|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|vandaag|gisteren|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|aujourd'hui|hier|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|heute|gestern|"
    r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|hoje|ontem|"
    r"понедельник\w*|вторник\w*|сред[аеуы]|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*|сегодня|вчера|"
    r"понеділ\w*|вівтор\w*|серед[аиу]|четвер\w*|п'ятниц\w*|субот\w*|неділ\w*|сьогодні|учора|вчора)\b",
    re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"[\"“”‘’«»]")
_CALL_TO_ACTION = re.compile(
    r"^(?:vote|tell\s+us|share|join|download|comment|let\s+us\s+know|send\s+us|email\s+us|write\s+to\s+us|donate|"
    r"support\s+(?:us|our)|sign\s+up|subscribe|follow|listen|watch|read|click|visit|get\s+(?:our|the\s+latest))\b",
    re.IGNORECASE)


def is_checkable(sentence: ParsedSentence, before: ParsedSentence | None = None,
                 after: ParsedSentence | None = None) -> bool:
    """Whether a sentence states something a reader can check (see the module docstring).
    ``before`` and ``after``: the sentences around it in its article, which may say whose
    words a quotation of several sentences is."""
    text = sentence.core.strip()
    if sentence.boilerplate or sentence.headline_like or text.endswith("?") or _CALL_TO_ACTION.match(text):
        return False
    outside = _outside_quotes(text)
    attributed = bool(_REPORTING.search(outside))
    if _is_quote(text) and not attributed:
        # A sentence of a quotation said to be someone's in the sentence that opens or closes
        # it ('Buik said: "It's carnage. Confidence is shot. We need action now."') is theirs.
        return _quoted_on(before, after, text)
    named = any(n in outside for n in sentence.names)
    numbered = any(not q.other_time for q in sentence.quantities) or bool(_YEAR.search(outside)) \
        or bool(_DATE_WORDS.search(outside))
    if _PRONOUN_START.match(text) and not named:
        return False  # "She said the number ...": whose claim, the sentence alone does not say
    return named or numbered or attributed


def _quoted_on(before: ParsedSentence | None, after: ParsedSentence | None, text: str) -> bool:
    """Whether ``text`` goes on with a quotation that the sentence before opens and says whose,
    or opens one that the sentence after closes and says whose."""
    if before is not None and _opens_quotation(before.core) and _REPORTING.search(before.core):
        return True
    return after is not None and _opens_quotation(text) and _closes_quotation(after.core) \
        and bool(_REPORTING.search(after.core))


def _opens_quotation(text: str) -> bool:
    """More quotation marks opened than closed (a straight mark: an odd number of them)."""
    return text.count("“") + text.count("«") > text.count("”") + text.count("»") or text.count('"') % 2 == 1


def _closes_quotation(text: str) -> bool:
    """More quotation marks closed than opened (a straight mark: an odd number of them)."""
    return text.count("”") + text.count("»") > text.count("“") + text.count("«") or text.count('"') % 2 == 1


def _is_quote(text: str) -> bool:
    """Mostly quoted words: at least half the sentence inside quotation marks."""
    marks = [m.start() for m in _QUOTE_MARKS.finditer(text)]
    if len(marks) < 2 and not (marks and marks[0] == 0):
        return False
    inside = sum(b - a for a, b in zip(marks[::2], marks[1::2])) if len(marks) >= 2 else len(text)
    return inside >= 0.5 * len(text)


def _outside_quotes(text: str) -> str:
    """The sentence with its quoted words removed."""
    return re.sub(r"[\"“][^\"“”]*[\"”]", " ", text)


def _states_with_one(block: np.ndarray) -> bool:
    """Whether one of the outlet's sentences (rows of ``block``) is sure, ``DOUBT_ANY``, to state
    the claim with one of the claim's sentences (columns), and not far from the others on average.
    A sure match with one sentence alone, far from the rest, is with that sentence's other claim
    ("The draft, prepared by X, would let Y through" matched by "Y may get through")."""
    return bool(((block.max(axis=1) >= DOUBT_ANY) & (block.mean(axis=1) >= DOUBT_ANY_MEAN)).any())


def _around(unit: Unit) -> tuple[ParsedSentence | None, ParsedSentence | None]:
    """The sentences before and after a unit's sentence in its article (None at either end)."""
    sentences, index = unit.article.sentences, unit.sentence.index
    position = next((n for n, s in enumerate(sentences) if s.index == index), None)
    if position is None:
        return None, None
    return (sentences[position - 1] if position > 0 else None,
            sentences[position + 1] if position + 1 < len(sentences) else None)


@dataclass(frozen=True)
class Omission:
    """A checkable claim most outlets report that this outlet, which covers the story, states nowhere."""

    fact: Fact
    outlet: str
    closest: Sentence | None  # the outlet's sentence closest to the claim, for the reader to check
    closeness: float  # how surely that sentence states the claim, 0-1


def find_omissions(facts: Sequence[Fact], groups: Sequence[Sequence[int]], units: Sequence[Unit],
                   probabilities: np.ndarray, outlet_of: np.ndarray, outlets: Sequence[str],
                   min_share: float = MIN_SHARE) -> list[Omission]:
    """The story's omissions, surest first. ``groups`` are the facts' unit numbers (sentences, or
    clauses) in ``units`` and in ``probabilities`` (the claim scorer's, every pair of units)."""
    reporting_outlets = sorted({u.article.outlet for u in units if u.article.kind == REPORT})
    found: list[tuple[tuple[int, float], Omission]] = []
    for fact, group in zip(facts, groups):
        carried = [k for k in group if units[k].article.kind == REPORT]
        carriers = {units[k].article.outlet for k in carried}
        if len(carriers) < 2 or len(carriers) < min_share * len(reporting_outlets):
            continue
        if not any(is_checkable(units[k].parsed, *_around(units[k])) for k in carried):
            continue
        for outlet in reporting_outlets:
            if outlet in fact.outlets:  # its column or analysis gave it: not left out
                continue
            own = np.flatnonzero(outlet_of == outlets.index(outlet))
            closest, closeness = -1, 0.0
            if len(own):
                block = probabilities[np.ix_(own, list(group))]
                if _states_with_one(block):
                    continue  # one of its sentences states the claim, in its own words
                average = block.mean(axis=1)
                closest, closeness = int(own[int(np.argmax(average))]), float(average.max())
                if closeness >= DOUBT:
                    continue
            rank = (-len(carriers), float(np.mean([units[k].claim.position for k in group])))
            found.append((rank, Omission(fact, outlet, units[closest].placed() if closest >= 0 else None, closeness)))
    found.sort(key=lambda item: (item[0], item[1].fact.id, item[1].outlet))
    return [omission for _, omission in found]
