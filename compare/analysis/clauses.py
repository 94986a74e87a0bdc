"""The claims of one sentence: where a sentence joins two claims, the clause of each.

"The air force says 14 were shot down, but several struck an apartment block" makes two
claims that other outlets may report apart: each clause is aligned on its own, so that each
stands in the fact row of its claim. A sentence is cut only where a clause plainly starts: at a
semicolon, or at ", but", ", while", ", whereas", ", as", ", and" followed by a clause of its
own (a subject and a verb within its first words), or before a participle with a named agent
that ends the sentence (", written by Chief Justice X.": who wrote it is a claim of its own), outside quotation marks
and brackets, and only when both sides are long enough to state something.
"""

from __future__ import annotations

import re

MIN_CLAUSE_WORDS = 5  # a shorter side is a phrase of the other claim, not a claim of its own

_CUT = re.compile(r";\s+|,\s+(?:but|while|whereas|as(?!\s+(?:well|part|a|an|long|much|many|far|soon)\b)|and)\s+"
                  r"|,\s+(?=(?:\w+ly\s+)?(?:\w{3,}ed|written|given|taken|chosen|drawn|led|held|signed|made)\s+by\s+(?:[a-z]+\s+){0,3}(?-i:[A-Z]))",
                  re.IGNORECASE)
# A clause of its own names what it is about and says what happened within its first words.
_VERBS = (r"is|are|was|were|has|have|had|will|would|can|could|must|may|might|should|did|does|do|says|said|"
          r"remain(?:s|ed)?|\w{3,}ed|struck|hit|took|made|went|came|gave|told|fell|rose|left|held|kept|met|led|won|"
          r"lost|got|sent|shot|began|broke|brought|built|caught|drove|ran|saw|sought|spent|stood|thought|wrote|"
          r"became|found|paid|put|set|cut|fought|flew|grew|knew|sold|spoke|swept|threw|understood|wore")
_VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
# A side that opens with "that" or a verb goes on with the first side's subject ("X said A, and
# that B"; "X said A and urged B"): one speaker's claim, not a claim of its own.
_NO_SUBJECT = re.compile(rf"^(?:that|to|then|also|so|{_VERBS})\b", re.IGNORECASE)
_OPEN = {"\"": "\"", "“": "”", "(": ")", "[": "]", "«": "»"}


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Where each claim of ``sentence`` stands, as (start, end) character offsets; one span, the
    whole sentence, when it makes one claim. A cut's joining word ("but", "as") belongs to
    neither side.

    >>> s = "The air force says 14 were shot down, but several struck an apartment block near the station."
    >>> [s[a:b] for a, b in clause_spans(s)]
    ['The air force says 14 were shot down', 'several struck an apartment block near the station.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in _CUT.finditer(sentence):
        if _inside_quotes_or_brackets(sentence, cut.start()):
            continue
        before, after = sentence[start:cut.start()], sentence[cut.end():]
        if len(before.split()) < MIN_CLAUSE_WORDS or len(after.split()) < MIN_CLAUSE_WORDS:
            continue
        by_agent = not cut.group(0).strip(", ")  # ", written by X": the agent's part, a claim of its own
        if by_agent and re.search(r"[,;:]", after):
            continue  # only a phrase that ends the sentence: ", hosted by X, and what did Y get?" goes on
        if not by_agent and not cut.group(0).startswith(";") and (not _VERB.search(" ".join(after.split()[:6]))
                                                                  or _NO_SUBJECT.match(after)):
            continue  # ", and fuel prices": a list; ", and that B": the same speaker's claim
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(sentence)))
    return spans


def _inside_quotes_or_brackets(text: str, position: int) -> bool:
    """Whether ``position`` is inside a quotation or brackets opened before it and not closed."""
    waiting: list[str] = []
    for ch in text[:position]:
        if waiting and ch == waiting[-1]:
            waiting.pop()
        elif ch in _OPEN:
            waiting.append(_OPEN[ch])
    return bool(waiting)
