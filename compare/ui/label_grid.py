"""The story page's grids of naming: how each outlet labels the same people and groups (the
Wording tab), and every way each outlet names them (the Names tab), where outlets differ."""

from __future__ import annotations

import pandas as pd

from compare.analysis.labels import LABEL, NAME


def labels_side_by_side(labels: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Entity x outlet -> the labels the outlet attaches to the entity ("dictator, strongman"),
    from a story's labels rows (entity, outlet, label); only entities that at least two outlets
    label, and label differently."""
    if labels.empty:
        return pd.DataFrame(columns=["entity", *(outlets or [])])
    outlets = outlets or sorted(labels["outlet"].unique())
    # One pass over the rows (a busy story has hundreds): entity -> outlet -> its labels in order.
    by_entity: dict[str, dict[str, dict[str, None]]] = {}
    for entity, outlet, label in zip(labels["entity"], labels["outlet"], labels["label"].str.lower()):
        by_entity.setdefault(entity, {}).setdefault(outlet, {})[label] = None
    rows = []
    for entity in sorted(by_entity):
        labelled = {o: ", ".join(words) for o, words in by_entity[entity].items() if o in outlets}
        if len(labelled) >= 2 and len(set(labelled.values())) > 1:
            rows.append({"entity": entity, **{o: labelled.get(o, "") for o in outlets}})
    return pd.DataFrame(rows, columns=["entity", *outlets])


def naming_side_by_side(rows: pd.DataFrame, outlets: list[str] | None = None) -> pd.DataFrame:
    """Entity x outlet -> every way the outlet names the entity, in the order it first does
    ("Mohamed Bazoum, ousted president, Bazoum"), from a story's labels rows (entity, outlet,
    label, kind, sentence_index): names as written, labels and mentions in lower case; only
    entities that two outlets or more name, and name differently."""
    if rows.empty:
        return pd.DataFrame(columns=["entity", *(outlets or [])])
    outlets = outlets or sorted(rows["outlet"].unique())
    ordered = rows.sort_values(["sentence_index"], kind="stable")
    by_entity: dict[str, dict[str, dict[str, str]]] = {}  # entity -> outlet -> lower-cased -> as shown
    for entity, outlet, label, kind in zip(ordered["entity"], ordered["outlet"], ordered["label"], ordered["kind"]):
        shown = label if kind == NAME else label.lower()
        by_entity.setdefault(entity, {}).setdefault(outlet, {}).setdefault(shown.lower(), shown)
    table = []
    for entity in sorted(by_entity):
        named = {o: ", ".join(ways.values()) for o, ways in by_entity[entity].items() if o in outlets}
        if len(named) >= 2 and len({frozenset(by_entity[entity][o]) for o in named}) > 1:
            table.append({"entity": entity, **{o: named.get(o, "") for o in outlets}})
    return pd.DataFrame(table, columns=["entity", *outlets])


def label_grids(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A story's ``labels.csv`` rows side by side twice: the labels that are a choice (see
    :func:`labels_side_by_side`; not the names, nor the titles most outlets write), and every
    way each outlet names its people and groups (see :func:`naming_side_by_side`)."""
    choices = rows[(rows["kind"] == LABEL) & (rows["differs"] == 1)]
    return labels_side_by_side(choices), naming_side_by_side(rows)
