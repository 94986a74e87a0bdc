"""How likely an English word is to be a choice of loaded wording, from what it is made of.

A small logistic model over a word's general rarity (wordfreq), its VADER rating, whether the
framing lexicon lists it, its length and its ending ("-ly", describing "-ous"/"-ive"/..., plural
"-s", abstract "-ion"/"-ness"/...). It was fitted by ``bench/loaded_words.py`` on half of BABE's
sentences, whose annotators marked the words that made a sentence biased, and checked on the
other half and on BASIL's loaded-wording spans (``bench/own_words.py``): it ranks the words of
a sentence by how telling they are better than rarity alone (BABE held out: AUC 0.81 against
0.77 for rarity alone). It reads the word alone, not its sentence: "slammed" is likely loaded
in any story, "bridge" in none; whether an outlet chose it where another did not is for the
caller to say.
"""

from __future__ import annotations

import math
from functools import lru_cache

from wordfreq import zipf_frequency

from compare.analysis.framing import default_lexicon, word_valence
from compare.language import ENGLISH

# Categories of the framing lexicon that name a thing with a judgement, and that push a verb or
# an adjective (each a feature of its own).
NAMING_CATEGORIES = frozenset({"label", "emotive", "euphemism"})
PUSHING_CATEGORIES = frozenset({"loaded_verb", "intensifier"})
# Word endings, each a feature; a word counts for the first group it ends with.
ENDINGS = (
    ("ly",),
    ("ed",),
    ("ing",),
    ("ous", "ful", "less", "ive", "ic", "al", "able", "ible", "ish"),
    ("ion", "ment", "ness", "ity", "ism"),
    ("er", "or", "ist"),
    ("s",),
)
_TOP_ZIPF = 7.0  # about the Zipf value of "the": rarity is how far below it a word stands

# Fitted on BABE's even rows, half A (bench/loaded_words.py prints them again), in the order of features().
WEIGHTS = (1.970, -0.873, 0.225, 0.532, 1.829, 1.262, -0.917, 0.522, -0.171, -0.181, 0.409, -0.294, -0.244, -0.806)
BIAS = -6.555


@lru_cache(maxsize=65536)
def rarity(word: str, language: str = ENGLISH) -> float:
    """How rare a word is in general use in its language, 0 (as common as "the") to 7 (never seen)."""
    return _TOP_ZIPF - zipf_frequency(word, language)


def features(word: str) -> list[float]:
    """The model's reading of a lower-cased English word."""
    rare = rarity(word)
    valence = word_valence(word)
    categories = {category for category, _ in default_lexicon().find(word)}
    ending = [0.0] * len(ENDINGS)
    for k, group in enumerate(ENDINGS):
        if word.endswith(group):
            ending[k] = 1.0
            break
    return [rare, rare * rare / _TOP_ZIPF, abs(valence), float(valence < 0),
            float(bool(categories & NAMING_CATEGORIES)), float(bool(categories & PUSHING_CATEGORIES)),
            len(word) / 10] + ending


@lru_cache(maxsize=65536)
def loadedness(word: str) -> float:
    """The model's log-odds that a lower-cased English word is loaded wording (about -4 for
    "officials", +1 for "bombastic")."""
    return BIAS + math.fsum(w * x for w, x in zip(WEIGHTS, features(word)))
