"""The naming grids: each outlet's labels, and every way it names the same entity, side by side where they differ."""

from __future__ import annotations

import pandas as pd

from compare.ui.label_grid import labels_side_by_side, naming_side_by_side


def test_labels_side_by_side_shows_only_entities_outlets_label_differently():
    labels = pd.DataFrame([("Kim Jong-un", "A", "dictator"), ("Kim Jong-un", "B", "leader"),
                           ("Kim Jong-un", "A", "Dictator"), ("Seoul", "A", "ally"), ("Tokyo", "A", "rival"),
                           ("Tokyo", "B", "rival")], columns=["entity", "outlet", "label"])
    grid = labels_side_by_side(labels, ["A", "B", "C"])
    assert grid.to_dict("records") == [{"entity": "Kim Jong-un", "A": "dictator", "B": "leader", "C": ""}]
    assert list(labels_side_by_side(labels.iloc[:0], ["A"]).columns) == ["entity", "A"]


def test_naming_side_by_side_shows_every_way_each_outlet_names_an_entity_in_order():
    rows = pd.DataFrame([("Kim Jong-un", "A", "Kim", 2, "name"), ("Kim Jong-un", "A", "Kim Jong-un", 0, "name"),
                         ("Kim Jong-un", "A", "North Korean dictator", 0, "label"),
                         ("Kim Jong-un", "B", "Kim Jong-un", 1, "name"), ("Kim Jong-un", "B", "Kim Jong-un", 4, "name"),
                         ("police", "A", "Police", 1, "mention"), ("police", "B", "police", 3, "mention")],
                        columns=["entity", "outlet", "label", "sentence_index", "kind"])
    grid = naming_side_by_side(rows, ["A", "B"])
    # names keep their case, the rest is read in lower case; the same words twice are one way
    assert grid.to_dict("records") == [
        {"entity": "Kim Jong-un", "A": "Kim Jong-un, north korean dictator, Kim", "B": "Kim Jong-un"}]
    assert list(naming_side_by_side(rows.iloc[:0], ["A"]).columns) == ["entity", "A"]
