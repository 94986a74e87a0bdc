"""Quotation marks across an article: which parts of each sentence are quoted.

A quote may open in one sentence and close several sentences later, and news text uses
straight and curly, double and single marks. :func:`quoted_parts` walks an article's
sentences once and gives, per sentence, the character spans inside quotation marks and the
full text of every quote that closes (or opens) there, so that an attribution
('"...," she said.') can take the whole quote as its content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_OPENING = {"“": "”", "‘": "’", "«": "»"}
_MAX_SENTENCES = 6  # a quote left open longer than this was a stray mark


@dataclass
class Quote:
    """One quotation: its text and where it lies in the sentence that holds its end."""

    text: str
    start: int  # offsets in the sentence; start is 0 when the quote opened in an earlier sentence
    end: int
    sentences: tuple[int, ...]  # indices of every sentence it spans


@dataclass
class SentenceQuotes:
    """The quoted spans of one sentence and the quotes that are complete in it."""

    spans: list[tuple[int, int]] = field(default_factory=list)  # inside the marks, offsets in the sentence
    quotes: list[Quote] = field(default_factory=list)
    opens_quote: Quote | None = None  # a quote that starts here and goes on past the sentence

    def inside(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.spans)

    def masked(self, sentence: str) -> str:
        """The sentence with quoted characters replaced by spaces (offsets kept)."""
        chars = list(sentence)
        for start, end in self.spans:
            for i in range(start, min(end, len(chars))):
                chars[i] = " "
        return "".join(chars)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark(sentence: str, i: int, open_mark: str | None) -> str | None:
    """What the character at ``i`` does: "open", "close" or None (an apostrophe, an inch sign)."""
    ch = sentence[i]
    before = sentence[i - 1] if i > 0 else " "
    after = sentence[i + 1] if i + 1 < len(sentence) else " "
    if ch in _OPENING:
        if ch == "‘" and _is_word(before):
            return None
        return "open"
    if ch in ("”", "»"):
        return "close" if open_mark in ("“", "«", '"') else None
    if ch == "’":
        if _is_word(before) and _is_word(after):
            return None  # don’t, O’Brien
        return "close" if open_mark in ("‘", "'") else None
    if ch == '"':
        if open_mark in ('"', "“"):
            return "close"
        # Opening marks follow a space or bracket; one after punctuation closes a quote opened earlier.
        return "open" if before in " ([{—–-\n\t" and after not in " \n" else None
    if ch == "'":
        if open_mark in ("'", "‘") and not _is_word(after):
            return "close" if before != " " else None
        if open_mark is None and not _is_word(before) and _is_word(after) and (i == 0 or before in " ([—–-"):
            return "open"
    return None


def quoted_parts(sentences: list[str]) -> list[SentenceQuotes]:
    """Per sentence, its quoted spans and quotes (see :class:`SentenceQuotes`)."""
    # Two apostrophes stand for a double quote in some archives (''Yes,'' he said): same length, same offsets.
    sentences = [s.replace("\'\'", ' "') for s in sentences]
    result = [SentenceQuotes() for _ in sentences]
    open_mark: str | None = None
    pieces: list[str] = []  # the open quote's text so far, sentence by sentence
    spanned: list[int] = []
    start = 0
    for index, sentence in enumerate(sentences):
        here = result[index]
        start = 0 if open_mark else -1
        if open_mark and len(spanned) >= _MAX_SENTENCES:
            open_mark, pieces, spanned, start = None, [], [], -1
        for i in range(len(sentence)):
            if sentence[i] not in "“‘«”’»\"'":
                continue
            role = _mark(sentence, i, open_mark)
            if role == "open" and open_mark is None:
                open_mark, start = sentence[i], i + 1
            elif role == "open" and sentence[i] in ("“", '"') and open_mark in ("“", '"') and start == 0:
                start = i + 1  # a new paragraph of the same quote opens its marks again
            elif role == "close" and open_mark is not None:
                text = sentence[start:i]
                here.spans.append((start, i))
                quote = Quote(" ".join([*pieces, text]).strip(), start, i, (*spanned, index))
                here.quotes.append(quote)
                if spanned:  # the sentence that opened it holds the whole quote too
                    result[spanned[0]].opens_quote = quote
                open_mark, pieces, spanned = None, [], []
        if open_mark is not None:
            here.spans.append((start, len(sentence)))
            pieces.append(sentence[start:])
            spanned.append(index)
            if len(spanned) == 1:
                here.opens_quote = Quote(sentence[start:].strip(), start, len(sentence), (index,))
    return result
