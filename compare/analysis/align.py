"""Facts: align the sentences of a story's articles across outlets, one claim per row.

A fact is one claim a reader can check, and the sentences of different outlets that state it.
Inside a story every sentence is about the same event, so sentences are put together by how
surely they state the same claim (:mod:`compare.analysis.claims`), never by the event they
belong to. Groups grow from the surest pair down, and two groups join only when every pair of
outlets across them is at least ``LINK`` and on average at least ``MEAN_LINK`` sure (no chaining
from A to C through B). Every sentence (or clause of a sentence that makes two claims,
:mod:`compare.analysis.clauses`) stands in exactly one fact (two clauses of one sentence
in one fact are that sentence, once); an outlet that states a claim twice
has both sentences in it; one that matches nothing is a fact of its own outlet. Two rows that
one conflicting figure spans (the same count, told with different numbers that kept the claim
scorer below the bar) become one row, unless an outlet stands in both. Two counts that open on
two different places ("In Paris, police counted 81,000" / "In Marseille, 245,000 marched") are
two claims, however alike they read.

From the facts come the fact matrix, omissions (:mod:`compare.analysis.omissions`), unique
facts and conflicting figures (:mod:`compare.analysis.figures`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from rapidfuzz import fuzz

from compare.analysis.claims import ClaimSentence, story_claim_scores
from compare.analysis.clauses import clause_spans
from compare.analysis.figures import Discrepancy, story_discrepancies
from compare.analysis.omissions import MIN_SHARE, Omission, find_omissions
from compare.analysis.parse import ParsedArticle, ParsedSentence, parse_article, parse_sentence
from compare.kinds import REPORT
from compare.language import ENGLISH
from compare.stories.pairs import SAME_FACT_THRESHOLD, fact_features, fact_similarity, same_fact
from compare.text import mid_sentence_capitals, numbers, proper_names

__all__ = ["SAME_FACT_THRESHOLD", "Alignment", "ArticleText", "Discrepancy", "Fact", "Omission", "Sentence",
           "align_story", "fact_features", "fact_similarity", "names_table", "same_fact"]

# Claim probabilities (0-1) that decide; chosen on the development cases and the demo's truth,
# one corpus left out at a time (bench/claims.py, bench/facts.py).
JOIN = 0.55  # two sentences start or join a fact when they state one claim this surely
LINK = 0.1  # and every pair of outlets across the two groups joined is at least this sure (no chaining)
MEAN_LINK = 0.3  # and on average at least this sure (no row that grows one loose sentence at a time)
# A sentence this close to a sentence of a dispute's row gives the same quantity when it counts
# the same thing, although it stands in a row of its own.
NEAR = 0.5

# Sentences -> unit vectors, one row each; a ``name`` attribute, when there is one, names the
# sentence model (compare.embed), whose claim weights then read the scores.
Vectors = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class ArticleText:
    """What alignment needs of an article."""

    id: str
    outlet: str
    title: str
    text: str
    kind: str = REPORT  # compare.kinds: report, opinion or analysis


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article, or the clause of it that states one claim, where alignment placed it."""

    article_id: str
    outlet: str
    index: int  # position among the article's sentences (compare.analysis.parse)
    text: str  # the sentence, or the clause
    clause: tuple[int, int] | None = None  # where the clause stands in the sentence; None: all of it


@dataclass
class Fact:
    """One claim: the sentences of different outlets that state it (an outlet that states it
    twice has both sentences here)."""

    id: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {s.outlet for s in self.sentences}

    def sentence_of(self, outlet: str) -> Sentence | None:
        return next((s for s in self.sentences if s.outlet == outlet), None)



@dataclass
class Alignment:
    """Everything alignment found in one story."""

    outlets: list[str]
    facts: list[Fact]
    discrepancies: list[Discrepancy]
    names: dict[str, dict[str, int]]  # name -> outlet -> mentions
    omission_list: list[Omission] = field(default_factory=list)

    def omissions(self) -> list[tuple[Fact, str]]:
        """(fact, outlet) pairs, the surest first (see :class:`Omission`)."""
        return [(o.fact, o.outlet) for o in self.omission_list]

    def unique_facts(self) -> list[Fact]:
        """Facts one outlet reports and no other does, with some substance: a name or a number."""
        return [f for f in self.facts if len(f.outlets) == 1 and len(self.outlets) > 1
                and any(numbers(s.text) or proper_names(s.text) for s in f.sentences)]


@dataclass(frozen=True)
class Unit:
    """What alignment places: a sentence that can state a fact, or one clause of a sentence that
    states two claims (:mod:`compare.analysis.clauses`)."""

    article: ParsedArticle
    sentence: ParsedSentence  # the whole sentence as parsed
    parsed: ParsedSentence  # this unit's own text, parsed (the sentence itself when it is not cut)
    clause: tuple[int, int] | None  # where the unit stands in the sentence; None: all of it
    claim: ClaimSentence  # what the claim scorer reads of it

    def placed(self) -> Sentence:
        return Sentence(self.article.id, self.article.outlet, self.sentence.index, self.parsed.text, self.clause)


def story_units(articles: Sequence[ParsedArticle], *, clauses: bool = True) -> list[Unit]:
    """Every sentence of the story that can state a fact, each of its claims a unit of its own
    (``clauses=False``: whole sentences only, as the claim model was fitted)."""
    units = []
    for article in articles:
        last = max(1, len(article.sentences) - 1)
        capitals: frozenset[str] | None = None
        for s in article.fact_sentences:
            spans = clause_spans(s.text) if clauses else [(0, len(s.text))]
            if len(spans) == 1:
                pieces = [(s, None)]
            else:
                capitals = mid_sentence_capitals(article.text) if capitals is None else capitals
                # A clause is a piece of its sentence: it is a headline or a credit only if that is.
                pieces = [(replace(parse_sentence(s.index, s.text[a:b], capitals, article.language),
                                   headline_like=s.headline_like, boilerplate=s.boilerplate), (a, b))
                          for a, b in spans]
            for parsed, clause in pieces:
                claim = ClaimSentence(parsed.core, parsed.names, tuple(q.value for q in parsed.quantities),
                                      s.headline_like, s.index / last)
                units.append(Unit(article, s, parsed, clause, claim))
    return units


def align_story(articles: Sequence[ArticleText | ParsedArticle], *, vectors: Vectors | None = None,
                min_share: float | None = None) -> Alignment:
    """Group the story's sentences into facts across outlets (see the module docstring).

    ``vectors`` embeds sentences (``compare.embed``, usually through the store's cache);
    without it the story's TF-IDF stands in for the sentence model. ``min_share``: the share
    of the outlets with a report in the story that must carry a claim for it to be an omission
    elsewhere (default :data:`compare.analysis.omissions.MIN_SHARE`).
    """
    parsed = [a if isinstance(a, ParsedArticle) else parse_article(a.id, a.outlet, a.title, a.text, kind=a.kind)
              for a in articles]
    outlets = sorted({a.outlet for a in parsed})
    units = story_units(parsed)
    outlet_of = np.array([outlets.index(u.article.outlet) for u in units], dtype=np.int64)
    probabilities = story_claim_probabilities([u.claim for u in units], outlet_of, vectors)
    english = np.array([u.article.language == ENGLISH for u in units], dtype=bool)
    _apart_by_place(units, probabilities)
    claims = group_claims(probabilities, outlet_of)
    facts, groups, discrepancies = _facts_and_disputes(claims, units, probabilities, outlet_of, english)
    # Rows that one dispute spans state one claim with different figures ("about 1,500 troops" /
    # "nearly 2,000 soldiers"): one row, so that the outlets that give neither are seen to omit it.
    linked = _rows_linked_by_disputes(groups, discrepancies, facts, outlet_of)
    if linked:
        facts, groups, discrepancies = _facts_and_disputes(linked, units, probabilities, outlet_of, english)
    omitted = find_omissions(facts, groups, units, probabilities, outlet_of, outlets,
                             MIN_SHARE if min_share is None else min_share)
    return Alignment(outlets, facts, discrepancies, names_table(parsed), omitted)


_OPENING_PLACE = re.compile(r"^(?:In|At|From)\s+((?:[A-Z][\w'’.-]+\s*){1,3})(?:alone\s*)?,")


def _apart_by_place(units: Sequence[Unit], probabilities: np.ndarray) -> None:
    """Two counts that open on two different places ("In Paris, police counted 81,000" / "In
    Marseille, 245,000 marched") are two claims: their pair is set to 0."""
    places = []
    for u in units:
        found = _OPENING_PLACE.match(u.parsed.core.strip()) if u.parsed.quantities else None
        places.append(found.group(1).strip() if found else None)
    marked = [k for k, p in enumerate(places) if p]
    for a in marked:
        for b in marked:
            if _other_place(places[a], places[b]):
                probabilities[a, b] = 0.0


def _other_place(a: str, b: str) -> bool:
    """Whether two place names name two places: not one in the other ("Paris" / "Greater Paris"),
    nor one spelt two ways ("Kyiv" / "Kiev": the same first letter, half the letters alike)."""
    a, b = a.lower(), b.lower()
    if a in b or b in a:
        return False
    return not (a[0] == b[0] and fuzz.ratio(a, b) >= 50)


def _facts_and_disputes(claims: list[list[int]], units: Sequence[Unit], probabilities: np.ndarray,
                        outlet_of: np.ndarray, english: np.ndarray
                        ) -> tuple[list[Fact], list[list[int]], list[Discrepancy]]:
    """The fact rows of these groups of units, in the order a reader sees them, and their disputes."""
    # Each row's sentences in reading order, the one that states the claim most like the others
    # first: it names the fact (not whichever outlet's name sorts first).
    groups = [_naming_first(sorted(g, key=lambda k: _reading_order(units[k])), probabilities, outlet_of, english)
              for g in claims]
    # The most widely reported first; among equals, the one told earliest.
    position = np.array([u.claim.position for u in units])
    groups.sort(key=lambda g: (-len({outlet_of[k] for k in g}), float(position[g].mean()), min(g)))
    rows = [_row_sentences(g, units) for g in groups]
    facts = [Fact(n + 1, [placed for placed, _, _ in row]) for n, row in enumerate(rows)]
    # One row per disputed quantity, across the fact rows (an outlet's figure may stand in another row).
    unit_of = {placed: k for row in rows for placed, k, _ in row}
    row_of = {placed: g for row, g in zip(rows, groups) for placed, _, _ in row}
    discrepancies = story_discrepancies([(fact.id, [(units[k].article.outlet, placed, figures)
                                                    for placed, k, figures in sorted(row, key=lambda r:
                                                                                     _reading_order(units[r[1]]))])
                                         for fact, row in zip(facts, rows)],
                                        near=lambda a, b: probabilities[unit_of[a], row_of[b]].max() >= NEAR)
    return facts, groups, discrepancies


def _row_sentences(group: list[int], units: Sequence[Unit]) -> list[tuple[Sentence, int, tuple]]:
    """A row's sentences as a reader sees them, each with its first unit and its figures. Clauses
    of one sentence that stand in one row state one claim after all: they are that sentence
    (or the stretch of it they span), once."""
    of_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k in group:
        of_sentence[(units[k].article.id, units[k].sentence.index)].append(k)
    found = []
    for ks in of_sentence.values():
        first = units[ks[0]]
        if len(ks) == 1:
            found.append((first.placed(), ks[0], first.parsed.quantities))
            continue
        text = first.sentence.text
        start = min(units[k].clause[0] if units[k].clause else 0 for k in ks)
        end = max(units[k].clause[1] if units[k].clause else len(text) for k in ks)
        if start == 0 and not text[end:].strip():
            found.append((replace(first.placed(), text=text, clause=None), ks[0], first.sentence.quantities))
        else:
            stretch = parse_sentence(first.sentence.index, text[start:end], language=first.article.language)
            found.append((replace(first.placed(), text=text[start:end], clause=(start, end)), ks[0],
                          stretch.quantities))
    order = {k: n for n, k in enumerate(group)}
    return sorted(found, key=lambda row: order[row[1]])


def _rows_linked_by_disputes(groups: list[list[int]], discrepancies: Sequence[Discrepancy], facts: Sequence[Fact],
                             outlet_of: np.ndarray) -> list[list[int]] | None:
    """The groups with the rows each dispute spans joined into one (None when no dispute spans two
    rows). Rows whose outlets overlap stay apart: one outlet's two claims are not one."""
    row_of_sentence = {placed: n for n, fact in enumerate(facts) for placed in fact.sentences}
    parent = list(range(len(groups)))
    outlets_in = [{int(outlet_of[k]) for k in group} for group in groups]  # kept for each root

    def root(n: int) -> int:
        while parent[n] != n:
            n = parent[n]
        return n

    joined = False
    for dispute in discrepancies:
        rows = sorted({row_of_sentence[sentence] for _, sentence in dispute.values.values()
                       if sentence in row_of_sentence})
        for other in rows[1:]:
            a, b = root(rows[0]), root(other)
            if a != b and not outlets_in[a] & outlets_in[b]:
                parent[b] = a
                outlets_in[a] |= outlets_in[b]
                joined = True
    if not joined:
        return None
    merged: dict[int, list[int]] = {}
    for n, group in enumerate(groups):
        merged.setdefault(root(n), []).extend(group)
    return [sorted(g) for g in merged.values()]


def _naming_first(group: list[int], probabilities: np.ndarray, outlet_of: np.ndarray,
                  english: np.ndarray | None = None) -> list[int]:
    """The group with its most central sentence first (highest mean claim probability with the
    other outlets' sentences of the group), the rest as they were. Where the group mixes
    languages and holds an English sentence (``english`` marks them), an English one names it."""
    candidates = group
    if english is not None and english[group].any() and not english[group].all():
        candidates = [k for k in group if english[k]]
    if len(group) < 3 and len(candidates) == len(group):
        return group

    def centrality(k: int) -> float:
        others = [j for j in group if outlet_of[j] != outlet_of[k]]
        return float(probabilities[k, others].mean()) if others else 0.0
    best = max(candidates, key=lambda k: (centrality(k), -group.index(k)))
    return [best, *(k for k in group if k != best)]


def _reading_order(unit: Unit) -> tuple[str, str, int, int]:
    return (unit.article.outlet, unit.article.id, unit.sentence.index, unit.clause[0] if unit.clause else 0)


def story_claim_probabilities(sentences: Sequence[ClaimSentence], outlet_of: np.ndarray,
                              vectors: Vectors | None) -> np.ndarray:
    """P(same claim) for every pair of the story's sentences; 0 within one outlet."""
    if not len(sentences):
        return np.zeros((0, 0))
    if len(np.unique(outlet_of)) < 2:  # one outlet: nothing to compare, nothing to embed
        return np.zeros((len(sentences), len(sentences)))
    matrix = vectors([s.text for s in sentences]) if vectors is not None else None
    # Each model's scores are read with its own weights (the vectors say which model made them).
    probabilities = story_claim_scores(sentences, outlet_of, matrix, getattr(vectors, "name", None))
    probabilities[outlet_of[:, None] == outlet_of[None, :]] = 0.0
    return probabilities


def group_claims(probabilities: np.ndarray, outlet_of: np.ndarray, join: float | None = None,
                 link: float | None = None) -> list[list[int]]:
    """Partition the sentences into facts: pairs from the surest down join their groups when
    they are at least ``join`` sure and the pairs of different outlets across the two groups
    are each at least ``link`` and on average at least ``MEAN_LINK`` sure. An outlet that states the claim twice ("six workers are missing"
    in its lead, "the six are presumed dead" later) has both sentences in the row. Every
    sentence ends in exactly one group."""
    join = JOIN if join is None else join
    link = LINK if link is None else link
    n = len(outlet_of)
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    group_of = list(range(n))
    upper = np.triu(probabilities, k=1)
    rows, cols = np.nonzero(upper >= join)
    for i, j in sorted(zip(rows.tolist(), cols.tolist()), key=lambda p: -upper[p[0], p[1]]):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        across = np.ix_(members[a], members[b])
        differ = outlet_of[members[a]][:, None] != outlet_of[members[b]][None, :]
        if probabilities[across][differ].min() < link or probabilities[across][differ].mean() < MEAN_LINK:
            continue
        members[a].extend(members.pop(b))
        for k in members[a]:
            group_of[k] = a
    return [sorted(g) for g in members.values()]


def names_table(articles: Sequence[ArticleText | ParsedArticle]) -> dict[str, dict[str, int]]:
    """Proper names x outlets: how often each outlet mentions each person, place or organisation.

    A bare surname ("Lavrov") counts for the full name it abbreviates ("Sergei Lavrov") when
    the story mentions that full name. A name seen only in headlines and crossheads (title
    case, where every word is capitalised) is not counted.
    """
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_article: dict[str, list[tuple[str, bool]]] = {}  # name, whether from a heading
    for a in articles:
        if isinstance(a, ParsedArticle):
            per_article[a.id] = [*((n, True) for n in proper_names(a.title)),
                                 *((n, s.headline_like) for s in a.sentences for n in s.names)]
        else:
            per_article[a.id] = [(n, False) for n in proper_names(f"{a.title}.\n{a.text}")]
    in_text = {n for names in per_article.values() for n, heading in names if not heading}
    full_names = {n for n in in_text if " " in n}
    by_last = defaultdict(set)
    for name in full_names:
        by_last[name.split()[-1]].add(name)
    for article in articles:
        for name, heading in per_article[article.id]:
            if " " not in name and len(by_last.get(name, ())) == 1:
                name = next(iter(by_last[name]))
            if heading and name not in in_text:
                continue
            mentions[name][article.outlet] += 1
    return {name: dict(outlets) for name, outlets in sorted(mentions.items())}
