"""The labels grid: each outlet's labels for the same entity, side by side where they differ."""

from __future__ import annotations

import pandas as pd

from compare.ui.label_grid import labels_side_by_side


def test_labels_side_by_side_shows_only_entities_outlets_label_differently():
    labels = pd.DataFrame([("Kim Jong-un", "A", "dictator"), ("Kim Jong-un", "B", "leader"),
                           ("Kim Jong-un", "A", "Dictator"), ("Seoul", "A", "ally"), ("Tokyo", "A", "rival"),
                           ("Tokyo", "B", "rival")], columns=["entity", "outlet", "label"])
    grid = labels_side_by_side(labels, ["A", "B", "C"])
    assert grid.to_dict("records") == [{"entity": "Kim Jong-un", "A": "dictator", "B": "leader", "C": ""}]
    assert list(labels_side_by_side(labels.iloc[:0], ["A"]).columns) == ["entity", "A"]
