"""A site's boilerplate, learnt from its own pages: what the matcher must never count as shared content.

Local news sites wrap every article in the same furniture: a title suffix (" | Site Name",
" - WXYZ"), a photo-credit or "Source: ..." line, a newsletter or app prompt, a tip-line
paragraph. Two articles of one site share it whatever they report, so that two shootings of
one city looked like one story. What recurs across several pages of one outlet is its
furniture, not news:

- a **line** (a paragraph) that recurs, nearly word for word, in :data:`MIN_PAGES` or more
  pages of the same outlet;
- a **title suffix** (the tail after " | ", " - ", " – ", " — " or " :: ") that two or more
  titles of the same outlet end with;
- whatever the page says, a short line that is a credit or a prompt by its form ("Photo: ...",
  "Source: ...", "Sign up for our newsletter", "Download our app").

Only pages of one outlet teach each other: a paragraph that two outlets share is content (wire
copy, a quoted statement).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

MIN_PAGES = 3  # pages of one outlet a line must recur in to be that outlet's boilerplate
MIN_TITLES = 2  # titles of one outlet a suffix must end to be the outlet's title suffix
_LONGEST_LINE = 300  # characters: longer paragraphs are reporting, even when repeated
_SUFFIX_WORDS = 8  # a title suffix is a site's name, a few words at most

_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|•)\s+")
_DIGIT_MARKS = str.maketrans("0123456789", "#" * 10)
# Lines that are furniture by their form alone: credits, sources, prompts to subscribe, follow or
# download, copyright notices. Only short lines: a sentence of reporting can start with "Source".
_FURNITURE = re.compile(
    r"^\W*(?:(?:photo|image|video|file photo|graphic|credit|source|courtesy)s?(?:\s+(?:courtesy|credit))?"
    r"\s*(?:by\b|:|/)"
    r"|copyright\b|©|all rights reserved"
    r"|(?:sign up|subscribe)\b.{0,60}\b(?:newsletter|alerts?|updates)"
    r"|(?:download|get)\b.{0,40}\bapp\b"
    r"|follow us\b|like us on\b|click here\b|read more\b|related:)", re.IGNORECASE)
_FURNITURE_WORDS = 25


def line_key(line: str) -> str:
    """A paragraph as it is compared across pages: lower case, each digit one mark, spaces folded.

    >>> line_key("  Copyright 2017  WXYZ, All Rights Reserved. ")
    'copyright #### wxyz, all rights reserved.'
    """
    return " ".join(line.lower().translate(_DIGIT_MARKS).split())


def title_tails(title: str) -> list[str]:
    """Every tail of ``title`` that starts at a separator, longest first, as :func:`line_key` keys.

    >>> title_tails("Man shot on Main St - WXYZ | Detroit")
    ['- wxyz | detroit', '| detroit']
    """
    tails = []
    for found in _SEPARATOR.finditer(title):
        tail = title[found.start():].strip()
        if len(tail.split()) <= _SUFFIX_WORDS + 1:
            tails.append(line_key(tail))
    return tails


def is_furniture(line: str) -> bool:
    """Whether a line is a credit, source line or prompt by its form alone.

    >>> is_furniture("Photo: Jane Roe / Daily Courier"), is_furniture("Sign up for our morning newsletter")
    (True, True)
    >>> is_furniture("Police said the source of the fire was a heater.")
    False
    """
    return _FURNITURE.match(line) is not None and len(line.split()) <= _FURNITURE_WORDS


class SiteBoilerplate:
    """The recurring lines and title suffixes of each outlet, learnt from its pages.

    >>> pages = [("Courier", f"Story {n} | The Courier", f"News {n} happened.\\nPhoto: Staff\\nTips? Call 555-0100.")
    ...          for n in range(3)]
    >>> site = SiteBoilerplate.learn(pages)
    >>> site.clean("Courier", "Fire downtown | The Courier", "A fire broke out.\\nTips? Call 555-0199.")
    ('Fire downtown', 'A fire broke out.')
    """

    def __init__(self, lines: dict[str, frozenset[str]], suffixes: dict[str, tuple[str, ...]]):
        self._lines = lines
        self._suffixes = suffixes  # longest first

    @classmethod
    def learn(cls, pages: Iterable[tuple[str, str, str]]) -> SiteBoilerplate:
        """From (outlet, title, text) of many pages."""
        line_pages: dict[str, Counter[str]] = defaultdict(Counter)
        tail_titles: dict[str, Counter[str]] = defaultdict(Counter)
        for outlet, title, text in pages:
            keys = {line_key(line) for line in text.split("\n") if 0 < len(line) <= _LONGEST_LINE}
            keys.discard("")
            line_pages[outlet].update(keys)
            tail_titles[outlet].update(set(title_tails(title)))
        lines = {outlet: frozenset(k for k, n in counts.items() if n >= MIN_PAGES)
                 for outlet, counts in line_pages.items()}
        suffixes = {outlet: tuple(sorted((k for k, n in counts.items() if n >= MIN_TITLES), key=len, reverse=True))
                    for outlet, counts in tail_titles.items()}
        return cls({o: s for o, s in lines.items() if s}, {o: s for o, s in suffixes.items() if s})

    def clean_title(self, outlet: str, title: str) -> str:
        """``title`` without its outlet's suffix (the longest one it ends with)."""
        suffixes = self._suffixes.get(outlet)
        if suffixes:
            for found in _SEPARATOR.finditer(title):
                if line_key(title[found.start():]) in suffixes:
                    return title[:found.start()].rstrip()
        return title

    def clean_text(self, outlet: str, text: str) -> str:
        """``text`` without its outlet's recurring lines and without furniture lines (``text``
        itself when nothing is dropped)."""
        lines = self._lines.get(outlet, frozenset())
        kept, dropped = [], False
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped and (is_furniture(stripped)
                             or (lines and len(line) <= _LONGEST_LINE and line_key(line) in lines)):
                dropped = True
                continue
            kept.append(line)
        return "\n".join(kept).strip() if dropped else text

    def clean(self, outlet: str, title: str, text: str) -> tuple[str, str]:
        return self.clean_title(outlet, title), self.clean_text(outlet, text)
