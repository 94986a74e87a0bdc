"""What differs between a story's outlets, fact by fact: the list the story page leads with.

From a :class:`~compare.ui.views.StoryView`: the facts some outlet leaves out (an omission,
by the README's rule), whose figures the outlets give differently, or that only one outlet
reports (naming someone or giving a number, as a reader can check); then the facts every
outlet reports, and the rest. For one fact, each outlet's sentences side by side, with the
words it uses where the others use other words (the stored word-choice contrasts) and its
disputed figure marked. Plain data and escaped HTML: the page only lays them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from compare.analysis.omissions import is_checkable
from compare.analysis.parse import parse_sentence, without_dateline
from compare.ui.markup import plain, short
from compare.ui.views import OMITTED, SENTENCE_BREAK, StoryView

LEFT_OUT, FIGURES, ONLY_ONE = "left out", "figures differ", "only one outlet"


@dataclass(frozen=True)
class OutletSide:
    """One outlet's side of a fact."""

    outlet: str
    sentences: tuple[str, ...] = ()  # what it reports of the fact, in its article's order
    left_out: bool = False  # it leaves the fact out (an omission by the README's rule)
    closest: str = ""  # for an omission: its sentence closest to the fact
    terms: tuple[str, ...] = ()  # its words where the others use other words
    figures: tuple[str, ...] = ()  # the values of the fact's disputed quantities ("nine hours"), to mark
    elsewhere: tuple[str, ...] = ()  # not in the fact's row: its sentences giving a disputed figure of it
    language: str = ""  # the language it writes in ("Spanish"), when the story is told in several

    @property
    def reports(self) -> bool:
        return bool(self.sentences)


@dataclass(frozen=True)
class FactRow:
    """One fact as the story page lists it."""

    fact_id: int
    fact: str  # the fact's text: its first sentence, without a dateline
    n_outlets: int  # how many outlets report it
    position: float  # the earliest place (sentence index) an outlet gives it
    sides: tuple[OutletSide, ...]  # one per outlet of the story, in the page's order
    kinds: tuple[str, ...] = ()  # LEFT_OUT, FIGURES, ONLY_ONE: why it is listed under what differs
    disputes: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (unit, ((outlet, value), ...))

    @property
    def reported_by(self) -> list[str]:
        return [s.outlet for s in self.sides if s.reports]

    @property
    def left_out_by(self) -> list[str]:
        return [s.outlet for s in self.sides if s.left_out]

    @property
    def silent(self) -> list[str]:
        """Outlets that do not report the fact, are not counted as leaving it out and give none of its figures."""
        return [s.outlet for s in self.sides if not s.reports and not s.left_out and not s.elsewhere]


@dataclass
class StoryFacts:
    """A story's facts in the three groups the page shows, each in reading order."""

    differs: list[FactRow] = field(default_factory=list)
    shared: list[FactRow] = field(default_factory=list)  # every outlet reports it, alike
    others: list[FactRow] = field(default_factory=list)  # some outlets report it; none counts as leaving it out


def story_facts(view: StoryView, outlets: list[str]) -> StoryFacts:
    """The story's facts grouped for reading (see :class:`StoryFacts`); ``outlets`` in the
    page's order. Within a group, the facts most outlets carry come first, then those they
    put earliest."""
    facts = view.facts
    if facts.empty:
        return StoryFacts()
    closest = {(r.fact_id, r.outlet): _text(r.closest) for r in view.omissions.itertuples()}
    terms = {(r.fact_id, r.outlet): _terms(r.terms) for r in view.contrasts.itertuples()}
    disputes: dict[int, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    values: dict[int, list[str]] = {}  # every value given in a fact's disputes: marked wherever it stands
    disputed_sentence: dict[int, str] = {}  # a disputed fact is named by a sentence giving a figure
    giving: dict[tuple[int, str], list[str]] = {}  # (fact, outlet) -> its sentences giving a disputed figure
    for (fact_id, unit), rows in view.discrepancies.groupby(["fact_id", "unit"], sort=False):
        disputes.setdefault(int(fact_id), []).append(
            (str(unit), tuple((str(o), str(v)) for o, v in zip(rows["outlet"], rows["value"]))))
        disputed_sentence.setdefault(int(fact_id), next((_text(s) for s in rows["sentence"] if _text(s)), ""))
        values.setdefault(int(fact_id), []).extend(dict.fromkeys(str(v) for v in rows["value"]))
        for outlet, sentence in zip(rows["outlet"], rows["sentence"]):
            if _text(sentence):
                giving.setdefault((int(fact_id), str(outlet)), []).append(_text(sentence))
    grouped = StoryFacts()
    everyone = len(outlets)
    languages = view.languages
    for n, row in enumerate(facts.to_dict("records")):
        fact_id = int(row["fact_id"])
        sides = tuple(_side(outlet, row.get(outlet), closest.get((fact_id, outlet), ""),
                            terms.get((fact_id, outlet), ()), values.get(fact_id, ()),
                            giving.get((fact_id, outlet), ()), languages.get(outlet, ""))
                      for outlet in outlets)
        position = row.get("position")
        name = disputed_sentence.get(fact_id) or str(row["fact"])
        fact = FactRow(fact_id, without_dateline(name) or name,
                       sum(s.reports for s in sides), float(position) if pd.notna(position) else float(n),
                       sides, disputes=tuple(disputes.get(fact_id, ())))
        kinds = tuple(kind for kind, holds in (
            (LEFT_OUT, bool(fact.left_out_by)),
            (FIGURES, fact_id in disputes),
            (ONLY_ONE, fact.n_outlets == 1 and everyone > 1 and _checkable(fact.sides)))
            if holds)
        if kinds:
            grouped.differs.append(_with_kinds(fact, kinds))
        elif fact.n_outlets >= everyone:
            grouped.shared.append(fact)
        else:
            grouped.others.append(fact)
    for group in (grouped.differs, grouped.shared, grouped.others):
        group.sort(key=lambda f: (-f.n_outlets, f.position, f.fact_id))
    return grouped


def _with_kinds(fact: FactRow, kinds: tuple[str, ...]) -> FactRow:
    return FactRow(fact.fact_id, fact.fact, fact.n_outlets, fact.position, fact.sides, kinds, fact.disputes)


def _side(outlet: str, cell: object, closest: str, terms: tuple[str, ...], figures: list[str] | tuple[str, ...],
          giving: list[str] | tuple[str, ...] = (), language: str = "") -> OutletSide:
    text = _text(cell)
    if text == OMITTED:
        return OutletSide(outlet, left_out=True, closest=closest, figures=tuple(figures), language=language)
    sentences = tuple(s for s in text.split(SENTENCE_BREAK) if s.strip())
    # The analysis may join an outlet's figure to a dispute from a sentence in another row.
    elsewhere = () if sentences else tuple(dict.fromkeys(giving))
    return OutletSide(outlet, sentences, terms=terms if sentences else (), figures=tuple(figures),
                      elsewhere=elsewhere, language=language)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def _terms(value: object) -> tuple[str, ...]:
    """A contrasts row's terms: the view joins the stored list with ", "."""
    if isinstance(value, (list, tuple)):
        return tuple(str(t) for t in value if str(t).strip())
    return tuple(t.strip() for t in _text(value).split(", ") if t.strip())


def _checkable(sides: tuple[OutletSide, ...]) -> bool:
    """A fact only one outlet reports is worth a reader's look when one of its sentences states
    something checkable (the omission rule's test) and names someone or gives a number."""
    for side in sides:
        for sentence in side.sentences:
            parsed = parse_sentence(0, sentence)
            names = [n for n in parsed.names if n != side.outlet]  # "The Evening Post will follow ..." is no news
            if is_checkable(parsed) and (names or any(not q.other_time for q in parsed.quantities)):
                return True
    return False


def who(fact: FactRow) -> str:
    """Who reports a fact and who does not, and the disputed figures, in words (plain text, not
    yet escaped): "Reported by A and B. Left out by C. Not reported by D. Figures differ (hour):
    A nine hours, B more than 12 hours."."""
    parts = [f"Reported by {_and(fact.reported_by)}." if fact.reported_by else ""]
    if fact.left_out_by:
        parts.append(f"Left out by {_and(fact.left_out_by)}.")
    if fact.silent:
        parts.append(f"Not reported by {_and(fact.silent)}.")
    elsewhere = [s.outlet for s in fact.sides if s.elsewhere]
    if elsewhere:
        parts.append(f"{_and(elsewhere)} {'gives' if len(elsewhere) == 1 else 'give'} a figure of it in another "
                     "sentence.")
    for unit, given in fact.disputes:
        what = f" ({unit})" if len(fact.disputes) > 1 else ""
        parts.append(f"Figures differ{what}: " + ", ".join(f"{o} {v}" for o, v in given) + ".")
    worded = [f"{s.outlet} ({', '.join(s.terms)})" for s in fact.sides if s.terms]
    if worded:
        parts.append(f"Words of its own: {'; '.join(worded)}.")
    return " ".join(p for p in parts if p)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def marked_html(sentence: str, terms: tuple[str, ...] = (), figures: tuple[str, ...] = ()) -> str:
    """The sentence as HTML with each of ``terms`` (whole words, any case) in
    ``<mark class="differs">`` and each of ``figures`` in ``<mark class="figure">``; every
    other character escaped as :func:`compare.ui.markup.plain` does, quotes too. Nothing of
    the sentence can become markup."""
    spans: list[tuple[int, int, str]] = []
    wanted = [(t, "figure") for t in figures] + [(t, "differs") for t in terms]
    for term, kind in sorted(wanted, key=lambda item: -len(item[0])):
        words = term.split()
        if not words:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
        for found in pattern.finditer(sentence):
            if all(found.end() <= a or found.start() >= b for a, b, _ in spans):
                spans.append((found.start(), found.end(), kind))
    pieces, cursor = [], 0
    for start, end, kind in sorted(spans):
        pieces.append(_escaped(sentence[cursor:start]))
        pieces.append(f'<mark class="{kind}">{_escaped(sentence[start:end])}</mark>')
        cursor = end
    pieces.append(_escaped(sentence[cursor:]))
    return "".join(pieces)


def _escaped(text: str) -> str:
    """Page text for HTML inside Markdown: :func:`plain`, and quotes as references."""
    return plain(text).replace('"', "&quot;").replace("'", "&#x27;")


def side_html(side: OutletSide) -> str:
    """One outlet's cell of a fact side by side, as HTML: its name, then its sentences with the
    differing words marked, or "not reported" (with its closest sentence, in grey, when it is
    counted as leaving the fact out)."""
    language = f' <span class="side-language">{_escaped(side.language)}</span>' if side.language else ""
    name = f'<div class="side-outlet">{_escaped(side.outlet)}{language}</div>'
    if side.reports:
        body = "".join(f'<p class="side-sentence">{marked_html(s, side.terms, side.figures)}</p>'
                       for s in side.sentences)
        return f'<div class="side reported">{name}{body}</div>'
    if side.elsewhere:
        body = "".join(f'<p class="side-sentence">{marked_html(s, (), side.figures)}</p>' for s in side.elsewhere)
        note = '<p class="side-missing">its figure, in another sentence:</p>'
        return f'<div class="side elsewhere">{name}{note}{body}</div>'
    if side.left_out:
        closest = (f'<p class="side-closest">Closest sentence: {_escaped(side.closest)}</p>' if side.closest
                   else "")
        return f'<div class="side left-out">{name}<p class="side-missing">not reported (left out)</p>{closest}</div>'
    return f'<div class="side silent">{name}<p class="side-missing">not reported</p></div>'


SIDE_CSS = ("<style>"
            ".side{border-top:3px solid #2e7d32;padding-top:4px;font-size:0.92rem;line-height:1.35;}"
            ".side.left-out{border-top-color:#c62828;}"
            ".side-language{font-weight:normal;font-size:0.8rem;color:#555;border:1px solid #bbb;border-radius:3px;"
            "padding:0 3px;margin-left:4px;}"
            ".side.silent{border-top-color:#bdbdbd;}"
            ".side.elsewhere{border-top-color:#e0a100;}.side.elsewhere .side-missing{color:#8a6d00;}"
            ".side-outlet{font-weight:600;margin-bottom:2px;}"
            ".side-sentence{margin:0 0 6px 0;}"
            ".side-missing{margin:0;font-style:italic;color:#c62828;}"
            ".side.silent .side-missing{color:#757575;}"
            ".side-closest{margin:4px 0 0 0;color:#8a8a8a;}"
            "mark.differs{background:#ffe08a;padding:0 2px;border-radius:3px;}"
            "mark.figure{background:#ffc9c9;padding:0 2px;border-radius:3px;font-weight:600;}"
            "</style>")


def label(fact: FactRow, outlets: int) -> str:
    """A fact's line in the list, as Markdown (page text escaped): what differs, how many
    report it, and the fact's start."""
    tags = []
    if LEFT_OUT in fact.kinds:
        tags.append(f":red[**Left out by {plain(_and(fact.left_out_by))}**]")
    if FIGURES in fact.kinds:
        tags.append(":orange[**Figures differ**]")
    if ONLY_ONE in fact.kinds:
        tags.append(f":blue[**Only {plain(fact.reported_by[0])}**]")
    count = f"reported by {fact.n_outlets} of {outlets}" if fact.n_outlets > 1 else ""
    return " · ".join(part for part in (*tags, count, plain(short(fact.fact, 120))) if part)
