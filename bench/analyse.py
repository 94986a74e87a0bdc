"""The analyser measured: same-fact scorer, loaded wording, BASIL triplets, the demo's truth, speed.

- MRPC (news sentence pairs): accuracy and F1 of ``compare.align`` under 10-fold
  cross-validation (the model refitted on each fold), beside "same" for every pair and a
  bare rapidfuzz token_set_ratio threshold. ``--fit`` refits on all pairs and prints the
  weights that ``compare/align.py`` ships.
- Loaded wording: share of BASIL lexical-bias spans that hold a highlighted cue; cue density
  in BABE's biased sentences over its non-biased ones.
- BASIL triplets: facts, omissions and unique facts per story; how often BASIL's
  informational-bias spans fall in facts the analysis calls unique to that outlet.
- Demo corpus: recall of its planted facts, omissions, conflicting figures and loaded terms.
- Speed: one story of 10 articles x 60 sentences; 1,000 stories.

Run: python bench/analyse.py [--data ../shared/data] [--fit]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, utils
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from compare import align

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def mrpc_pairs(data: Path) -> list[tuple[int, str, str]]:
    rows = []
    with open(data / "mrpc" / "msr_paraphrase_train.txt", encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 5:
                rows.append((int(parts[0]), parts[3], parts[4]))
    return rows


def fit(features: np.ndarray, labels: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    scaler = StandardScaler().fit(features)
    model = LogisticRegression(C=3.0, max_iter=5000).fit(scaler.transform(features), labels)
    return scaler, model


def same_fact_scorer(data: Path, refit: bool) -> None:
    pairs = mrpc_pairs(data)
    labels = np.array([label for label, _, _ in pairs])
    features = np.array([align.fact_features(a, b) for _, a, b in pairs])
    threshold = align.SAME_FACT_THRESHOLD / 100
    predicted = np.zeros(len(pairs), dtype=bool)
    for train, test in StratifiedKFold(10, shuffle=True, random_state=0).split(features, labels):
        scaler, model = fit(features[train], labels[train])
        predicted[test] = model.predict_proba(scaler.transform(features[test]))[:, 1] >= threshold
    shipped = np.array([align.same_fact(a, b) for _, a, b in pairs])
    token_set = np.array([fuzz.token_set_ratio(a, b, processor=utils.default_process) for _, a, b in pairs])
    print(f"same-fact scorer on MRPC ({len(pairs)} pairs):")
    print(f"  compare.align, 10-fold cross-validation  accuracy {accuracy_score(labels, predicted):.3f}  "
          f"F1 {f1_score(labels, predicted):.3f}")
    print(f"  compare.align as shipped (fitted on all)  accuracy {accuracy_score(labels, shipped):.3f}  "
          f"F1 {f1_score(labels, shipped):.3f}")
    print(f"  'same' for every pair                     accuracy {labels.mean():.3f}  "
          f"F1 {f1_score(labels, np.ones_like(labels)):.3f}")
    best = max(((accuracy_score(labels, token_set >= t), f1_score(labels, token_set >= t), t)
                for t in range(50, 95, 5)), key=lambda x: x[0])
    print(f"  token_set_ratio >= {best[2]} (best accuracy)     accuracy {best[0]:.3f}  F1 {best[1]:.3f}")
    if refit:
        scaler, model = fit(features, labels)
        print("\n# weights for compare/align.py, fitted on all MRPC pairs:")
        print(f"_MEAN = np.array({np.round(scaler.mean_, 5).tolist()})")
        print(f"_SCALE = np.array({np.round(scaler.scale_, 5).tolist()})")
        print(f"_WEIGHTS = np.array({np.round(model.coef_[0], 5).tolist()})")
        print(f"_BIAS = {round(float(model.intercept_[0]), 5)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--fit", action="store_true", help="refit the same-fact weights and print them")
    args = parser.parse_args()
    if (args.data / "mrpc").exists():
        same_fact_scorer(args.data, args.fit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
