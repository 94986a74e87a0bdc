"""Conflicting figures: where outlets that report the same fact give numbers that cannot all be true.

A dispute starts between aligned sentences (one fact row) that give the same quantity
incompatibly, and only when the two count the same thing: the same counted noun ("prisoner";
"marchers", "strikers" and "Ruritanians" are all people; "airstrike" counts strikes), and, for
units that do not say what is counted (percent, money, time) or a sentence giving two values of
one unit, the same words around them ("inflation", "key rate"; "two rescued" is not "six
missing"). A size is not a count ("the 577-seat chamber" against "the party's 250 seats").
Wording is read as a range, so "at least 3" agrees with "4", "thousands" with "about 5,000" and
"1.3 million" with "1,280,000", but two stated maxima ("fines of up to 2 million" / "up to 1.5
million") are two readings of one maximum; a figure
about another time ("last autumn", "in 2014") is not the story's figure. A figure given for a
place ("in Lyon") is never the same quantity as one given for another place ("in Nantes"), in
one sentence or across rows.

One row per disputed quantity: the outlets whose sentence stands in another fact row but
states the same quantity (the same counted noun and the same words around it) join the
dispute, and disputes that share a value are one. Counts of one counted noun at one named
place that alignment left in different rows are a dispute of their own, where each outlet
gives that place one count. So are a vote's tallies of one body's size ("by seven votes to two"
/ "Six of the nine judges"), where each outlet gives one tally of that size.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from compare.quantities import GENERIC_UNITS, Quantity, same_counted


@dataclass(frozen=True)
class Discrepancy:
    """One disputed quantity of a fact: every outlet's value side by side."""

    fact_id: int
    kind: str  # "number" or "date"
    unit: str  # what is counted ("prisoner", "percent", "date")
    values: dict[str, tuple[Quantity, object]]  # outlet -> (its value, its sentence)


# One outlet's sentence in a fact row: (outlet, sentence, its quantities). The sentence is any
# hashable object (alignment's Sentence, or the text); the same object in two rows is one sentence.
FactRow = Sequence[tuple[str, Hashable, Sequence[Quantity]]]

# A value from another fact row joins a dispute only on stronger evidence than alignment: this
# many words around it shared with one of the dispute's values (one, for a noun that says what
# is counted and that no other value of its sentence shares).
JOIN_SHARED = 2


@dataclass(frozen=True)
class _Value:
    """One usable quantity of one outlet's sentence, where it was found."""

    fact_id: int
    outlet: str
    sentence: Hashable
    quantity: Quantity
    crowded: bool  # its sentence gives another value of the same unit

    @property
    def key(self) -> tuple[str, Hashable, str, float]:
        return self.outlet, self.sentence, self.quantity.text, self.quantity.value


def story_discrepancies(facts: Sequence[tuple[int, FactRow]],
                        near: Callable[[Hashable, Hashable], bool] | None = None) -> list[Discrepancy]:
    """The disputed quantities of a story, one per quantity, from its fact rows.

    ``facts`` holds ``(fact_id, row)`` pairs, ``row`` holding ``(outlet, sentence, quantities)``
    for each outlet's sentence in that fact (an outlet may give several). A dispute is found
    inside one row: values of two outlets that count the same thing and cannot both be true.
    It then holds every outlet's value: an outlet that gives none in that row joins with the
    value of another row that states the same quantity (same counted noun, same words around
    it, one candidate only), and disputes sharing a value are merged. Each dispute keeps the
    ``fact_id`` of the row it was found in (the lowest, when merged). ``near(a, b)`` says
    whether two sentences come close to stating one claim (the claim scorer, below the bar of
    one row): such a sentence's value joins also without a word in common with every value.
    """
    per_row: list[list[_Value]] = []
    everything: dict[tuple[str, Hashable, str, float], _Value] = {}
    for fact_id, row in facts:
        values = _usable(fact_id, row)
        per_row.append(values)
        for value in values:
            everything.setdefault(value.key, value)
    disputes = _merged([group for values in per_row for group in _same_quantity_groups(values) if _disputed(group)])
    taken = {v.key for group in disputes for v in group}
    disputes += _same_place_disputes(list(everything.values()), taken)
    disputes += _tally_disputes(list(everything.values()), {v.key for group in disputes for v in group})
    # Values of another row join a dispute; a value of a dispute already, or one that would join
    # two, joins none.
    taken = {v.key for group in disputes for v in group}
    free = [v for key, v in everything.items() if key not in taken]
    joins = [_joined(group, free, near) for group in disputes]
    claimed = Counter(v.key for extra in joins for v in extra)
    rows_found = _rows_found(disputes)
    disputes = [group + [v for v in extra if claimed[v.key] == 1] for group, extra in zip(disputes, joins)]
    found = []
    for group, fact_id in zip(disputes, rows_found):
        if not _disputed(group):
            continue
        unit = group[0].quantity.unit
        found.append(Discrepancy(fact_id, "date" if unit == "date" else "number", unit,
                                 {v.outlet: (v.quantity, v.sentence) for v in group}))
    return sorted(found, key=lambda d: (d.fact_id, d.unit, sorted(d.values)))


def _rows_found(disputes: list[list[_Value]]) -> list[int]:
    """The row each dispute is filed under: the first row it was found in, not one a joined value
    came from; where an earlier dispute of the same unit has that row, the next row of its own
    values (two places' counts that one row holds are two disputes, "Lyon" and "Nantes")."""
    used: set[tuple[int, str]] = set()
    rows = []
    for group in disputes:
        unit = group[0].quantity.unit
        own = sorted({v.fact_id for v in group})
        row = next((r for r in own if (r, unit) not in used), own[0])
        used.add((row, unit))
        rows.append(row)
    return rows


# Words that say what happened to the people counted: "22 arrested in Lyon" is not a count of
# the 700,000 who marched in Lyon (by their first five letters).
_OUTCOMES = frozenset(w[:5] for w in (
    "arrested", "arrests", "detained", "killed", "dead", "died", "deaths", "injured", "injuries", "wounded", "hurt",
    "missing", "rescued", "evacuated", "displaced", "jailed", "hospitalised", "hospitalized", "charged", "fined"))
# Two outlets' counts of one thing at one place may differ widely ("30,000" against "245,000"),
# but not by more than this factor: beyond it they count different things.
SAME_PLACE_SPREAD = 20.0


def _same_place_disputes(values: Sequence[_Value], taken: set[tuple[str, Hashable, str, float]]) -> list[list[_Value]]:
    """Disputes across rows that alignment left apart: counts of one counted noun at one named
    place ("In Lyon, police counted 81,000 marchers" / "700,000 people took to the streets in
    Lyon"). Only where each outlet gives that place one reading of that noun in the whole story
    (one figure, or figures that agree), neither figure says what befell the people counted
    unless both say the same, and the figures are not orders of magnitude apart."""
    by_place: dict[tuple[str, str], list[_Value]] = defaultdict(list)
    for v in values:
        q = v.quantity
        if q.unit in GENERIC_UNITS or q.of or not q.where:
            continue  # "6 percent" of what, "a 577-seat chamber": the place does not say
        for place in q.where:
            by_place[(q.unit, place)].append(v)
    seeds, taken = [], set(taken)
    for _, found in sorted(by_place.items()):
        per_outlet: dict[str, list[_Value]] = defaultdict(list)
        for v in found:
            per_outlet[v.outlet].append(v)
        if any(not all(a.quantity.agrees_with(b.quantity) for b in vs) for vs in per_outlet.values() for a in vs):
            continue  # an outlet gives the place two counts: which one disputes is a guess
        group = [vs[0] for _, vs in sorted(per_outlet.items()) if vs[0].key not in taken]
        if len(group) < 2 or len({v.quantity.context & _OUTCOMES for v in group}) > 1:
            continue
        middles = [(q.low + q.high) / 2 if math.isfinite(q.high) else q.low for q in (v.quantity for v in group)]
        if min(middles) <= 0 or max(middles) > SAME_PLACE_SPREAD * min(middles):
            continue
        if _disputed(group):
            seeds.append(group)
            taken |= {v.key for v in group}
    return seeds


def _tally_disputes(values: Sequence[_Value], taken: set[tuple[str, Hashable, str, float]]) -> list[list[_Value]]:
    """Disputes across rows of a vote's tally ("by seven votes to two" / "by six votes to three"):
    tallies of one body's size (the same number of votes cast), where each outlet gives that
    size one tally in the whole story; a tally says by itself what it counts."""
    by_size: dict[int, list[_Value]] = defaultdict(list)
    for v in values:
        if v.quantity.tally and v.key not in taken:
            by_size[sum(v.quantity.tally)].append(v)
    seeds = []
    for _, found in sorted(by_size.items()):
        per_outlet: dict[str, list[_Value]] = defaultdict(list)
        for v in found:
            per_outlet[v.outlet].append(v)
        if any(len({v.quantity.tally for v in vs}) > 1 for vs in per_outlet.values()):
            continue  # an outlet gives two tallies of that size: two votes, not one told two ways
        group = [vs[0] for _, vs in sorted(per_outlet.items())]
        if _disputed(group):
            seeds.append(group)
    return seeds


def fact_discrepancies(fact_id: int, sentences: FactRow) -> list[Discrepancy]:
    """The disputed quantities among one fact's sentences, given as (outlet, sentence, quantities)."""
    return story_discrepancies([(fact_id, sentences)])


def _usable(fact_id: int, row: FactRow) -> list[_Value]:
    """The row's quantities that can be disputed: not about another time."""
    values = []
    for outlet, sentence, found in row:
        usable = [q for q in found if not q.other_time]
        # Two values of one unit crowd each other unless their places tell them apart ("81,000
        # in Lyon and 24,000 in Nantes" are two places' counts, each plain to read).
        values += [_Value(fact_id, outlet, sentence, q, any(o is not q and o.unit == q.unit and not _elsewhere(o, q)
                                                             for o in usable))
                   for q in usable]
    return values


def _elsewhere(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are given for two different places ("in Lyon" / "in Nantes")."""
    return bool(a.where and b.where and not a.where & b.where)


def _disputed(group: Sequence[_Value]) -> bool:
    """Two outlets or more, and two of their values cannot both be true."""
    if len({v.outlet for v in group}) < 2:
        return False
    return any(not a.quantity.agrees_with(b.quantity) for i, a in enumerate(group) for b in group[i + 1:])


def _same_quantity_groups(values: list[_Value]) -> list[list[_Value]]:
    """Groups of one row's values that count the same thing, at most one per outlet: each value
    joins the group it shares most words with, when it can be that group's quantity at all."""
    groups: list[list[_Value]] = []
    for value in values:
        best, best_overlap = None, -1
        for group in groups:
            if any(member.outlet == value.outlet for member in group):
                continue
            overlap = min(_overlap(value, member) for member in group)
            if overlap > best_overlap:
                best, best_overlap = group, overlap
        if best is not None and best_overlap >= 0:
            best.append(value)
        else:
            groups.append([value])
    return groups


def _overlap(a: _Value, b: _Value) -> int:
    """How many context words two values share; -1 when they cannot be the same quantity.

    A counted noun ("400 prisoners") says what is counted; a bare unit ("6.1 percent") or a
    sentence with two values of one unit needs the words around the number to say it. A size
    ("577-seat chamber") is only the same quantity as a value whose words name that chamber.
    """
    qa, qb = a.quantity, b.quantity
    if not same_counted(qa.unit, qb.unit) or _elsewhere(qa, qb):
        return -1
    if bool(qa.of) != bool(qb.of):
        size, other = (qa, qb) if qa.of else (qb, qa)
        if size.of[:5] not in other.context:
            return -1
    shared = len(qa.context & qb.context)
    if qa.unit in GENERIC_UNITS or a.crowded or b.crowded:
        return shared if shared else -1
    return shared


def _joined(group: list[_Value], candidates: Sequence[_Value],
            near: Callable[[Hashable, Hashable], bool] | None = None) -> list[_Value]:
    """The values to add to a dispute: for every outlet missing from it, the value another row gives for
    the same quantity: the one candidate of that outlet that shares a word with every value of
    the dispute and JOIN_SHARED words with one of them (one word for an uncrowded counted
    noun); none when two candidates with different values match as well."""
    present = {v.outlet for v in group}
    by_outlet: dict[str, list[tuple[int, _Value]]] = defaultdict(list)
    for candidate in candidates:
        if candidate.outlet in present:
            continue
        overlaps = [_overlap(candidate, member) for member in group]
        close = near is not None and any(near(candidate.sentence, member.sentence) for member in group)
        if min(overlaps) < 1 and not (close and max(overlaps) >= 0):
            continue  # Paris's marchers are not Marseille's: a word in common with each value
        needed = 1 if candidate.quantity.unit not in GENERIC_UNITS and not candidate.crowded else JOIN_SHARED
        if max(overlaps) >= needed:
            by_outlet[candidate.outlet].append((max(overlaps), candidate))
    joined = []
    for outlet, found in sorted(by_outlet.items()):
        best = max(score for score, _ in found)
        top = {(c.quantity.low, c.quantity.high): c for score, c in found if score == best}
        if len(top) == 1:  # two readings that fit as well: better none than a guess
            joined.append(next(iter(top.values())))
    return joined


def _merged(disputes: list[list[_Value]]) -> list[list[_Value]]:
    """Disputes that share a value are one dispute; where they give an outlet two values, the
    larger dispute's (the earlier, at equal size) stays."""
    merged: list[list[_Value]] = []
    for group in sorted(disputes, key=lambda g: (-len(g), min(v.fact_id for v in g))):
        keys = {v.key for v in group}
        into = next((m for m in merged if same_counted(m[0].quantity.unit, group[0].quantity.unit)
                     and keys & {v.key for v in m}), None)
        if into is None:
            merged.append(list(group))
            continue
        outlets = {v.outlet for v in into}
        into += [v for v in group if v.outlet not in outlets]
    return merged
