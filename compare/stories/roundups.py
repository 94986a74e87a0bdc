"""Roundups: one article that reports several separate incidents ("7 wounded in weekend shootings").

A roundup gives each incident its own paragraph, each with its own place and its own victim
or time: a shooting on one street at 2 a.m., another a mile away at dusk, a third across town.
It shares words with the story of each incident, so that, compared whole, it pulls them into
one story. The matcher reads a roundup by its lead alone (its headline and the paragraphs
before the second incident) and lets it join at most one story
(:func:`compare.stories.match.cluster_candidates`); the store marks it (``articles.roundup``).

An incident paragraph names a place no earlier paragraph named (a street address, "the 1200
block of ...", a crossing "at Elm and Oak") together with a victim or a time of its own (an
age, "a man", "a woman", a clock time). Three of them make a roundup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_INCIDENTS = 3  # incident paragraphs that make a roundup

_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Place|Pl|Court|Ct|Parkway|Pkwy|"
           r"Highway|Hwy|Terrace|Circle|Square|Park)\b")
_NAME = r"[A-Z][a-z]+\.?(?: [A-Z][a-z]+\.?){0,2}"
_PLACE = re.compile(
    rf"\b\d+(?:-?\d+)? block of (?:[NSEW]\.? )?(?P<block>{_NAME})"
    rf"|\b(?P<street>{_NAME} {_STREET})"
    rf"|\b(?:at|near) (?:the )?(?:intersection of |corner of )?(?P<cross>{_NAME}) and (?P<cross2>{_NAME})\b")
_WHO_OR_WHEN = re.compile(
    r"\b\d{1,3}-year-old\b|\b(?:a|an|one|two|three|four|five) (?:man|woman|men|women|boy|girl|teen|teenager|"
    r"child|person|people|victim)s?\b|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\b(?:about|around|shortly after|"
    r"just after|before) (?:noon|midnight)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Roundup:
    """What :func:`read_roundup` found: how many incidents, and the lead to match by."""

    incidents: int
    lead: str  # the paragraphs before the second incident paragraph


def _places(paragraph: str) -> set[str]:
    found = set()
    for match in _PLACE.finditer(paragraph):
        if match.group("cross"):
            found.add(" & ".join(sorted((match.group("cross").lower(), match.group("cross2").lower()))))
        else:
            found.add((match.group("block") or match.group("street")).lower().rstrip("."))
    return found


def read_roundup(text: str) -> Roundup | None:
    """The roundup ``text`` is, or None when it reports one incident (or is not in paragraphs).

    >>> text = ("Five people were shot across the city over the weekend, police said.\\n"
    ...         "A 24-year-old man was shot in the 1200 block of Elm Street about 2 a.m. Saturday.\\n"
    ...         "He was taken to hospital in good condition.\\n"
    ...         "A woman was wounded at Oak and Vine about 9 p.m. Saturday.\\n"
    ...         "Two men were shot near Harbor Road late Sunday.")
    >>> found = read_roundup(text)
    >>> found.incidents, found.lead.splitlines()[-1]
    (3, 'He was taken to hospital in good condition.')
    >>> read_roundup("A man was shot on Elm Street.\\nHe drove to Oak Avenue.\\nPolice closed Pine Road.") is None
    True
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) < MIN_INCIDENTS:
        return None
    seen: set[str] = set()
    starts = []
    for index, paragraph in enumerate(paragraphs):
        places = _places(paragraph)
        new = places - seen
        seen |= places
        if new and _WHO_OR_WHEN.search(paragraph):
            starts.append(index)
    if len(starts) < MIN_INCIDENTS:
        return None
    return Roundup(len(starts), "\n".join(paragraphs[:starts[1]]))


def is_roundup(text: str) -> bool:
    return read_roundup(text) is not None
