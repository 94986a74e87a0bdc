"""Conflicting figures: where outlets that report the same fact give numbers that cannot all be true.

Only quantities of aligned sentences are compared, and only when they count the same thing:
the same unit ("prisoner", "percent"), and, for units that do not say what is counted
(percent, money, time), the same words around them ("inflation", "key rate"). Wording is
read as a range, so "at least 3" agrees with "4" and "thousands" with "about 5,000"; a
figure about another time ("last autumn", "in 2014") is not the story's figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.quantities import GENERIC_UNITS, Quantity


@dataclass(frozen=True)
class Discrepancy:
    """One disputed quantity of a fact: every outlet's value side by side."""

    fact_id: int
    kind: str  # "number" or "date"
    unit: str  # what is counted ("prisoner", "percent", "date")
    values: dict[str, tuple[Quantity, object]]  # outlet -> (its value, its sentence)


def fact_discrepancies(fact_id: int, sentences: Sequence[tuple[str, object, Sequence[Quantity]]]) -> list[Discrepancy]:
    """The disputed quantities among one fact's sentences, given as (outlet, sentence, quantities)."""
    by_unit: dict[str, list[tuple[str, object, Quantity, bool]]] = defaultdict(list)
    for outlet, sentence, found in sentences:
        usable = [q for q in found if not q.other_time]
        per_unit = Counter(q.unit for q in usable)
        for quantity in usable:
            by_unit[quantity.unit].append((outlet, sentence, quantity, per_unit[quantity.unit] > 1))
    disputes = []
    for unit, items in by_unit.items():
        for group in _same_quantity_groups(items):
            values = {outlet: (quantity, sentence) for outlet, sentence, quantity, _ in group}
            quantities_ = [q for q, _ in values.values()]
            if len(values) >= 2 and any(not a.agrees_with(b) for i, a in enumerate(quantities_)
                                        for b in quantities_[i + 1:]):
                disputes.append(Discrepancy(fact_id, "date" if unit == "date" else "number", unit, values))
    return disputes


def _same_quantity_groups(items: list[tuple[str, object, Quantity, bool]]) -> list[list[tuple[str, object, Quantity,
                                                                                                 bool]]]:
    """Groups of one unit's quantities that count the same thing, at most one per outlet."""
    groups: list[list[tuple[str, object, Quantity, bool]]] = []
    for item in items:
        outlet, _, quantity, crowded = item
        best, best_overlap = None, -1
        for group in groups:
            if any(member[0] == outlet for member in group):
                continue
            overlap = min(_overlap(quantity, crowded, member[2], member[3]) for member in group)
            if overlap > best_overlap:
                best, best_overlap = group, overlap
        if best is not None and best_overlap >= 0:
            best.append(item)
        else:
            groups.append([item])
    return groups


def _overlap(a: Quantity, a_crowded: bool, b: Quantity, b_crowded: bool) -> int:
    """How many context words two quantities share; -1 when they cannot be the same quantity.

    A counted noun ("400 prisoners") says what is counted; a bare unit ("6.1 percent") or a
    sentence with two values of one unit needs the words around the number to say it.
    """
    shared = len(a.context & b.context)
    if a.unit in GENERIC_UNITS or a_crowded or b_crowded:
        return shared if shared else -1
    return shared
