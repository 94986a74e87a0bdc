"""Fit the loaded-word model (compare/analysis/loaded_words.py) on BABE and check it.

Usage: python bench/loaded_words.py [--data ../shared/data]

BABE's experts marked, in each biased sentence, the words that made it so. Every content word
of BABE's sentences (names, numbers and dates aside) is an example: loaded when the sentence's
annotation lists it. Sentences are split into two halves by their row, even and odd (the lexicon
is adjusted on the even half, see bench/analyse.py); the model is
fitted on half A and its ranking is measured (ROC AUC) on both halves, beside rarity alone and
the score the own-word ranking used before (rarity plus half the VADER rating). The weights it
prints are those to put in ``WEIGHTS`` and ``BIAS``; the module's own weights are scored too.
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from compare.analysis.loaded_words import features, loadedness  # noqa: E402
from compare.analysis.wording import content_tokens  # noqa: E402

DATA = HERE.parents[1] / "shared" / "data"


def examples(path: Path) -> dict[str, tuple[list[str], list[bool]]]:
    """Each half's content words and whether BABE marks them as biased."""
    found: dict[str, tuple[list[str], list[bool]]] = {"A": ([], []), "B": ([], [])}
    with path.open(encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter=";")):
            if row["label_bias"] not in ("Biased", "Non-biased"):
                continue
            try:
                marked = ast.literal_eval(row["biased_words"] or "[]")
            except (ValueError, SyntaxError):
                marked = []
            biased = {w.lower() for phrase in marked for w in re.findall(r"[\w'-]+", phrase)}
            words, labels = found["A" if number % 2 == 0 else "B"]  # the halves bench/analyse.py adjusts the lexicon on
            for word, plain, _, _ in content_tokens(row["text"]):
                if plain:
                    words.append(word)
                    labels.append(word in biased)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    path = args.data / "babe" / "final_labels_SG2.csv"
    if not path.exists():
        print(f"{path} is absent; nothing to fit", file=sys.stderr)
        return 1
    data = examples(path)
    matrices = {part: np.array([features(w) for w in words]) for part, (words, _) in data.items()}
    labels = {part: np.array(marked) for part, (_, marked) in data.items()}
    model = LogisticRegression(max_iter=2000).fit(matrices["A"], labels["A"])
    print("weights", tuple(round(float(c), 3) for c in model.coef_[0]), "bias", round(float(model.intercept_[0]), 3))
    for part in ("A", "B"):
        words, y = data[part][0], labels[part]
        x = matrices[part]
        print(f"half {part} ({'fitted on' if part == 'A' else 'held out'}): {len(y):,} words, {int(y.sum()):,} marked; "
              f"AUC fitted {roc_auc_score(y, model.decision_function(x)):.3f}, "
              f"module's weights {roc_auc_score(y, [loadedness(w) for w in words]):.3f}, "
              f"rarity alone {roc_auc_score(y, x[:, 0]):.3f}, "
              f"rarity + VADER / 2 {roc_auc_score(y, x[:, 0] + 0.5 * x[:, 2]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
