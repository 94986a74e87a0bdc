"""A pasted article read on its own: its framing cues, sources, names, tone and figures.

Compare an article shows this whatever the stored stories hold, so that a reader who pastes
an article nobody else has covered still sees how it is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from compare.analysis.framing import Lexicon, article_cues, tone
from compare.analysis.parse import ParsedArticle, parse_article, sentence_rows
from compare.analysis.sources import article_sources

PASTED = "Your article"
SENTENCE_COLUMNS = ["sentence_index", "start", "end", "text"]


@dataclass
class PastedArticle:
    """What the analyser finds in one article, as tables."""

    title: str
    text: str
    words: int
    cues: pd.DataFrame  # category, term, sentence_index, start, end, sentence (for highlighting)
    cue_rates: pd.DataFrame  # category, cues, per 1,000 words
    sources: pd.DataFrame  # source, kind, attributions, quotes
    names: pd.DataFrame  # name, mentions
    figures: pd.DataFrame  # figure, unit, sentence
    headline_tone: float
    text_tone: float
    # sentence_index, start, end, text: where each sentence of the parse stands in the text, as
    # `analyse` stores it (the cues' offsets are in these sentences)
    sentences: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SENTENCE_COLUMNS))

    def summary(self) -> str:
        """One line in words: how much of each the article holds."""
        categories = len(self.cue_rates)
        return (f"{self.words} words; {len(self.cues)} framing cues in {categories} "
                f"{'category' if categories == 1 else 'categories'}; {len(self.sources)} "
                f"{'source' if len(self.sources) == 1 else 'sources'}; {len(self.names)} names; "
                f"{len(self.figures)} figures; tone {self.text_tone:+.2f} (headline {self.headline_tone:+.2f})")


def analyse_pasted(title: str, text: str, known_outlets: frozenset[str] = frozenset(),
                   parsed: ParsedArticle | None = None, lexicon: Lexicon | None = None) -> PastedArticle:
    """The pasted article's cues, sources, names, tone and figures (nothing is stored).

    ``parsed`` is the article's parse when the caller has it already; ``lexicon`` the framing
    lexicon of the settings (the shipped one when None)."""
    parsed = parsed or parse_article("pasted", PASTED, title, text)
    words = len(text.split())
    cues = pd.DataFrame([{"category": c.category, "term": c.term, "sentence_index": c.sentence_index,
                          "start": c.start, "end": c.end, "sentence": c.sentence}
                         for c in article_cues(title, parsed, lexicon)],
                        columns=["category", "term", "sentence_index", "start", "end", "sentence"])
    rates = cues.groupby("category").size().rename("cues").reset_index() if not cues.empty else \
        pd.DataFrame(columns=["category", "cues"])
    rates["per 1,000 words"] = (1000 * rates["cues"] / max(words, 1)).round(1)
    rows: dict[str, dict] = {}
    for source in article_sources(parsed, known_outlets):
        row = rows.setdefault(source.canonical, {"source": source.canonical, "kind": source.kind,
                                                 "attributions": 0, "quotes": []})
        row["attributions"] += 1
        if source.quote and source.quote not in row["quotes"]:
            row["quotes"].append(source.quote)
    sources = pd.DataFrame([{**r, "quotes": " / ".join(f"“{q}”" for q in r["quotes"][:5])} for r in rows.values()],
                           columns=["source", "kind", "attributions", "quotes"])
    names = Counter(n for s in parsed.sentences if not s.headline_like for n in s.names)
    figures = pd.DataFrame([{"figure": q.text, "unit": q.unit, "sentence": s.text}
                            for s in parsed.sentences for q in s.quantities],
                           columns=["figure", "unit", "sentence"])
    return PastedArticle(title, text, words, cues, rates.sort_values("cues", ascending=False), sources,
                         pd.DataFrame(names.most_common(), columns=["name", "mentions"]), figures,
                         tone(title), tone(parsed),
                         pd.DataFrame([row[1:] for row in sentence_rows(parsed)], columns=SENTENCE_COLUMNS))
