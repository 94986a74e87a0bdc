"""How surely two sentences report the same fact.

- :func:`fact_similarity` / :func:`same_fact` work on two bare sentences (RapidFuzz's scorer
  shape): a small neural network (one hidden layer of 8, weights below) over lexical features
  (rapidfuzz ratios, shared words and word n-grams both ways, names, numbers compared by value,
  negation, lengths, the longest run of words the other sentence lacks) and, when the sentence
  model is installed, its cosines: of the two sentences, of the two with their shared names and
  numbers masked, and of the words each holds that the other lacks. Fitted on the MRPC news
  sentence pairs by ``bench/analyse.py --fit``; measured there on pairs it was not fitted on
  (MRPC training file, 4,080 pairs; with all-MiniLM-L6-v2-int8):

  ======================================  ===============  ===============
  accuracy / F1                           5-fold CV, mean  held-out 30%
  ======================================  ===============  ===============
  this network, with the sentence model   0.792 / 0.852    0.763 / 0.825
  this network, lexical features only     0.772 / 0.838    0.757 / 0.822
  before: logistic, 16 features           0.774 / 0.840    0.756 / 0.826
  ======================================  ===============  ===============

  Held-out: fitted, and its threshold tuned, on the other 70% of the pairs (split by a hash of
  the first sentence's id); cross-validation retunes the threshold inside each fold's training
  part. The shipped weights are fitted on all 4,080 pairs. The logistic model's row: the same
  splits, its threshold tuned on out-of-fold predictions.

Inside a story, facts are aligned by the same-claim model of :mod:`compare.analysis.claims`,
which scores every pair of the story's sentences at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, utils
from rapidfuzz.distance import LCSseq
from compare.stopwords import ENGLISH_STOP_WORDS
from compare.text import content_words, jaccard, numbers, proper_names, words

# Lexical features of a sentence pair, in fact_features' order. "min"/"max" take the smaller and
# the larger of the two sentences' values, so that the score does not depend on their order.
FEATURES = ("token_set", "token_sort", "ratio", "partial", "jaccard", "overlap", "stem_jaccard", "bigram_jaccard",
            "number_jaccard", "number_clash", "length_ratio", "only_a", "only_b", "weighted_overlap",
            "names_jaccard",
            "unigram_min", "unigram_max", "bigram_min", "bigram_max", "trigram_min", "trigram_max",
            "fourgram_min", "fourgram_max", "values_equal", "values_differ", "values_one_side", "negation_clash",
            "length_difference", "words_min", "words_max", "unshared_min", "unshared_max", "lcs_min", "lcs_max",
            "names_only_min", "names_only_max", "quote_one_side",
            "run_min", "run_max", "content_run_min", "content_run_max", "unmatched_min", "unmatched_max",
            "run_share", "run_of_three")
# With a sentence model: the cosine of the two sentences; of the two with their shared names and
# numbers masked; of the words only one holds ("difference"), against each other, against the
# other sentence and against their own; and whether either or both sentences hold no such word.
MODEL_FEATURES = ("cosine", "masked_cosine", "difference_cosine", "difference_other_min", "difference_other_max",
                  "difference_own_min", "difference_own_max", "nothing_unshared_both", "nothing_unshared_either")

_TOKEN = re.compile(r"\w+(?:'\w+)?|\$|%")
_NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
                        "n't"})
_WORD_NUMBERS = {w: float(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0, "eighty": 80.0, "ninety": 90.0,
    "hundred": 100.0, "dozen": 12.0}


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("n't", " n't"))]


def _values(text: str) -> set[float]:
    """The numbers a sentence gives, by value: "1,200" and "1200" agree, and so do "three" and "3"."""
    found = set()
    for written in numbers(text):
        try:
            found.add(float(written.replace(",", "")))
        except ValueError:
            pass
    found.update(_WORD_NUMBERS[w.lower()] for w in words(text) if w.lower() in _WORD_NUMBERS)
    return found


def _ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def _unmatched_runs(tokens: list[str], other: list[str]) -> tuple[int, int, int]:
    """The longest run of words the other sentence lacks (by their first five letters), the
    longest such run of content words, and how many content words it lacks."""
    others = {t[:5] for t in other}
    longest = run = content_longest = content_run = unmatched = 0
    for token in tokens:
        if not token.replace("'", "").isalnum():
            continue
        if token[:5] in others:
            run = content_run = 0
            continue
        run += 1
        longest = max(longest, run)
        if token not in ENGLISH_STOP_WORDS:
            content_run += 1
            unmatched += 1
            content_longest = max(content_longest, content_run)
    return longest, content_longest, unmatched


def _both_ways(x: float, y: float) -> list[float]:
    return [min(x, y), max(x, y)]


def fact_features(a: str, b: str) -> list[float]:
    """The scorer's lexical features for two sentences (see FEATURES)."""
    words_a, words_b = content_words(a), content_words(b)
    set_a, set_b = set(words_a), set(words_b)
    stems_a, stems_b = {w[:6] for w in words_a}, {w[:6] for w in words_b}
    bigrams_a, bigrams_b = set(zip(words_a, words_a[1:])), set(zip(words_b, words_b[1:]))
    numbers_a, numbers_b = set(numbers(a)), set(numbers(b))
    names_a = {n.lower() for n in proper_names(a)}
    names_b = {n.lower() for n in proper_names(b)}
    shared = set_a & set_b
    length_a, length_b = len(a.split()), len(b.split())
    features = [
        fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100,
        fuzz.token_sort_ratio(a, b, processor=utils.default_process) / 100,
        fuzz.ratio(a, b, processor=utils.default_process) / 100,
        fuzz.partial_ratio(a, b, processor=utils.default_process) / 100,
        jaccard(set_a, set_b),
        len(shared) / max(1, min(len(set_a), len(set_b))),
        jaccard(stems_a, stems_b),
        jaccard(bigrams_a, bigrams_b),
        jaccard(numbers_a, numbers_b) if numbers_a or numbers_b else 1.0,
        1.0 if numbers_a and numbers_b and numbers_a != numbers_b else 0.0,
        min(length_a, length_b) / max(length_a, length_b, 1),
        len(set_a - set_b) / max(1, len(set_a)),
        len(set_b - set_a) / max(1, len(set_b)),
        sum(map(len, shared)) / max(1, sum(map(len, set_a | set_b))),
        jaccard(names_a, names_b) if names_a or names_b else 0.0,
    ]
    tokens_a, tokens_b = _tokens(a), _tokens(b)
    for n in (1, 2, 3, 4):  # share of each sentence's word n-grams that the other holds
        grams_a, grams_b = _ngrams(tokens_a, n), _ngrams(tokens_b, n)
        common = len(grams_a & grams_b)
        features += _both_ways(common / max(1, len(grams_a)), common / max(1, len(grams_b)))
    values_a, values_b = _values(a), _values(b)
    features += [float(bool(values_a) and values_a == values_b),
                 len(values_a ^ values_b) / max(1, len(values_a | values_b)),
                 float(bool(values_a) != bool(values_b))]
    negated_a, negated_b = (any(t in _NEGATIONS for t in tokens) for tokens in (tokens_a, tokens_b))
    features.append(float(negated_a != negated_b))
    count_a, count_b = len(tokens_a), len(tokens_b)
    features += [abs(count_a - count_b) / max(count_a, count_b, 1), min(count_a, count_b), max(count_a, count_b)]
    features += _both_ways(len(set_a - set_b), len(set_b - set_a))
    common_run = LCSseq.similarity(tokens_a, tokens_b)
    features += [common_run / max(1, min(count_a, count_b)), common_run / max(1, count_a, count_b)]
    features += _both_ways(len(names_a - names_b), len(names_b - names_a))
    quoted_a, quoted_b = ('"' in s or "“" in s for s in (a, b))
    features.append(float(quoted_a != quoted_b))
    runs_a, runs_b = _unmatched_runs(tokens_a, tokens_b), _unmatched_runs(tokens_b, tokens_a)
    for x, y in zip(runs_a, runs_b):
        features += _both_ways(x, y)
    longest = max(runs_a[0], runs_b[0])
    features += [longest / max(1, count_a, count_b), float(longest >= 3)]
    return [float(f) for f in features]


def model_texts(a: str, b: str) -> list[str]:
    """What the sentence model embeds for :func:`model_features`, besides the two sentences: each
    one's content words that the other lacks, then each one with the names and numbers both give
    masked ("someone", "several")."""
    content_b, content_a = set(content_words(b)), set(content_words(a))
    only_a = " ".join(w for w in content_words(a) if w not in content_b)
    only_b = " ".join(w for w in content_words(b) if w not in content_a)
    names = set(proper_names(a)) & set(proper_names(b))
    shared_numbers = set(numbers(a)) & set(numbers(b))

    def masked(text: str) -> str:
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "someone")
        for number in sorted(shared_numbers, key=len, reverse=True):
            text = re.sub(r"(?<![\w.,])" + re.escape(number) + r"(?!\w)", "several", text)
        return text

    return [only_a, only_b, masked(a), masked(b)]


def model_features(texts: Sequence[str], vectors: np.ndarray) -> list[float]:
    """The sentence-model features (see MODEL_FEATURES) from the unit vectors of the two sentences
    followed by :func:`model_texts` (a row for an empty text is not read)."""
    first, second, only_a, only_b, masked_a, masked_b = vectors
    empty_a, empty_b = not texts[0], not texts[1]
    difference = 1.0 if empty_a or empty_b else float(only_a @ only_b)
    a_in_b = 1.0 if empty_a else float(only_a @ second)
    b_in_a = 1.0 if empty_b else float(only_b @ first)
    a_in_a = 1.0 if empty_a else float(only_a @ first)
    b_in_b = 1.0 if empty_b else float(only_b @ second)
    return [float(first @ second), float(masked_a @ masked_b), difference, *_both_ways(a_in_b, b_in_a),
            *_both_ways(a_in_a, b_in_b), float(empty_a and empty_b), float(empty_a or empty_b)]


def _embedder():  # noqa: ANN202
    from compare.embed import load_embedder  # onnxruntime loads on first use only

    return load_embedder("auto")


def pair_model_features(a: str, b: str) -> list[float] | None:
    """:func:`model_features` of two sentences, from one call of the installed sentence model;
    None without one."""
    embedder = _embedder()
    if embedder is None:
        return None
    texts = model_texts(a, b)
    wanted = [a, b, *(t for t in texts if t)]
    embedded = embedder.embed(wanted)
    vectors = np.zeros((6, embedded.shape[1]), dtype=embedded.dtype)
    vectors[:2] = embedded[:2]
    row = 2
    for slot, text in enumerate(texts, start=2):
        if text:
            vectors[slot] = embedded[row]
            row += 1
    return model_features(texts, vectors)


def mlp_logit(features: np.ndarray, params: dict[str, np.ndarray | float]) -> float:
    """The scorer's network: standardised features, a hidden ReLU layer, one logit."""
    z = (features - params["mean"]) / params["scale"]
    hidden = np.maximum(0.0, z @ params["w1"] + params["b1"])
    return float(hidden @ params["w2"] + params["b2"])


def fact_similarity(a: str, b: str, *, processor: object = None, score_cutoff: float | None = None) -> float:
    """How surely two sentences report the same fact, 0-100 (RapidFuzz's scorer shape).

    The sentence model's cosines count too when the model is installed. 50 is the threshold
    that was most accurate on the pairs it was tuned on (:data:`SAME_FACT_THRESHOLD`).

    >>> fact_similarity("Ukraine proposed an exchange of 400 prisoners.",
    ...                 "Ukraine put forward a swap of 400 prisoners.") >= SAME_FACT_THRESHOLD
    True
    >>> fact_similarity("The bridge will close for six weeks.", "Inflation rose to 6.1 percent.") < 10
    True
    >>> fact_similarity("Ukraine freed 400 prisoners on Monday.",
    ...                 "Ukraine freed 400 prisoners on Monday, officials in Kyiv said, after months of talks "
    ...                 "brokered by Turkey and the United Nations.") < SAME_FACT_THRESHOLD
    True
    """
    if processor is not None:
        a, b = processor(a), processor(b)  # type: ignore[operator]
    if not words(a) or not words(b):
        return 0.0  # no word on one side ("", "42"): nothing is stated, so nothing is the same
    lexical = fact_features(a, b)
    extra = pair_model_features(a, b)
    if extra is None:
        z = mlp_logit(np.array(lexical), _LEXICAL)
    else:
        z = mlp_logit(np.array(lexical + extra), _WITH_MODEL)
    score = 100.0 / (1.0 + math.exp(-max(-700.0, min(700.0, z))))
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def same_fact(a: str, b: str) -> bool:
    """Whether two sentences report the same fact, at the default threshold."""
    return fact_similarity(a, b) >= SAME_FACT_THRESHOLD


# The networks' weights, printed by ``bench/analyse.py --fit`` (fitted on all MRPC pairs; the
# output bias moved so that the tuned threshold falls at 50). _LEXICAL reads FEATURES,
# _WITH_MODEL FEATURES then MODEL_FEATURES.
SAME_FACT_THRESHOLD = 50.0  # fact_similarity at or above this: the same fact
_LEXICAL: dict[str, np.ndarray | float] = {
    "mean": np.array([0.84052, 0.74813, 0.72107, 0.7763, 0.51211, 0.73153, 0.5319, 0.30428, 0.77854, 0.17034, 0.85038,
                     0.32964, 0.33027, 0.51137, 0.38322, 0.62073, 0.72462, 0.44494, 0.52917, 0.34452, 0.41409, 0.27378,
                     0.33267, 0.20098, 0.2549, 0.10147, 0.04412, 0.14915, 18.06005, 21.23652, 2.38775, 4.21127, 0.67819,
                     0.57473, 0.33309, 0.88505, 0.06275, 2.28529, 4.12108, 1.46275, 2.71397, 2.57255, 4.6, 0.20709,
                     0.79706]),
    "scale": np.array([0.09953, 0.10075, 0.11569, 0.10849, 0.17146, 0.1621, 0.17591, 0.18513, 0.39327, 0.37593, 0.09898,
                     0.16953, 0.1699, 0.1778, 0.40365, 0.14598, 0.15588, 0.18664, 0.21461, 0.20491, 0.24194, 0.20998,
                     0.25223, 0.40073, 0.408, 0.30195, 0.20536, 0.09964, 4.87366, 5.14207, 1.55208, 1.84483, 0.16504,
                     0.14803, 0.5871, 0.90682, 0.2425, 1.29988, 1.95251, 0.95208, 1.39302, 2.00297, 2.35393, 0.11249,
                     0.40219]),
    "w1": np.array([
        [0.01823, 0.0872, 0.00844, -0.08081, 0.01075, 0.06026, -0.14, -0.03528],
        [0.23756, 0.04308, 0.11274, -0.20741, -0.15149, 0.19149, -0.11743, -0.06792],
        [0.06968, 0.32443, 0.18227, -0.37616, 0.41137, 0.15148, -0.2111, -0.38435],
        [-0.27452, 0.14025, -0.02477, 0.33797, -0.20398, -0.03455, 0.03875, 0.2635],
        [0.08732, 0.04392, 0.08793, 0.02441, 0.05978, 0.02145, -0.02911, 0.05367],
        [-0.00758, 0.00289, 0.0281, -0.00203, 0.0069, -0.03343, -0.0238, -0.10339],
        [0.15672, 0.0344, 0.07305, -0.04516, 0.04499, -0.00709, -0.20855, 0.08855],
        [-0.05114, 0.06334, 0.05007, 0.26364, -0.21574, -0.0855, 0.34236, 0.14434],
        [-0.08289, -0.07025, -0.05776, 0.0376, 0.07607, -0.09962, -0.06529, 0.17071],
        [-0.03948, -0.22828, -0.06174, 0.01522, 0.0041, -0.0844, -0.03222, 0.05436],
        [-0.07779, 0.10976, 0.04381, -0.10655, -0.03161, 0.00923, 0.09961, -0.28959],
        [-0.03511, 0.13597, -0.07369, 0.08144, -0.03476, -0.09624, 0.154, -0.139],
        [-0.0433, -0.20419, -0.0518, -0.11391, -0.04823, 0.07904, -0.05988, 0.13623],
        [0.00312, 0.01113, 0.13742, -0.06056, -0.11526, -0.04842, 0.06835, 0.09957],
        [-0.10707, 0.02079, 0.05439, -0.04931, -0.03923, -0.13631, 0.06477, 0.01124],
        [-0.0034, -0.04862, -0.00528, 0.11063, -0.11455, -0.00742, -0.16177, -0.07927],
        [0.04537, -0.02805, -0.03699, 0.01888, -0.00987, -0.08844, -0.14446, 0.02117],
        [0.05337, 0.08437, 0.03897, -0.02372, 0.03489, 0.09099, -0.04773, -0.09105],
        [0.01417, 0.0254, -0.0272, 0.0544, 0.01224, 0.05425, -0.10571, 0.0051],
        [-0.06054, -0.0254, -0.00232, 0.05547, -0.10514, 0.07193, 0.05595, -0.04381],
        [-0.09091, -0.08706, -0.0539, 0.11417, -0.09568, 0.06493, -0.00844, 0.07018],
        [0.01564, 0.01866, 0.0076, -0.02242, -0.23629, 0.09094, 0.15331, -0.09959],
        [-0.08424, 0.03846, -0.04267, -0.00631, -0.25064, 0.12346, 0.1043, -0.04611],
        [0.02421, -0.01105, 0.1135, 0.13883, 0.16861, -0.15729, -0.091, -0.02124],
        [-0.14156, -0.11454, -0.10724, 0.17067, -0.0567, -0.07722, -0.00458, 0.0172],
        [0.06649, 0.11714, 0.0586, 0.04211, 0.01804, -0.05103, -0.03148, 0.02037],
        [-0.01732, -0.03833, -0.01499, 0.02751, 0.03303, -0.21838, 0.15688, 0.1805],
        [-0.07251, -0.03568, -0.05134, -0.01879, -0.03679, -0.13841, -0.08149, 0.21723],
        [0.0365, 0.08174, 0.11163, 0.06127, 0.15986, -0.01028, 0.03133, 0.09062],
        [-0.01933, -0.0136, 0.06581, 0.10331, 0.09006, -0.1086, -0.0075, 0.29608],
        [0.05476, 0.11183, 0.01417, -0.10592, 0.19248, -0.17242, -0.11128, 0.00632],
        [-0.24731, 0.12731, -0.09157, 0.08504, 0.12641, -0.17339, -0.10065, -0.11714],
        [-0.04454, 0.11159, -0.01869, 0.03324, 0.13296, -0.04435, -0.23022, 0.15827],
        [0.03621, 0.17204, 0.03524, -0.01106, 0.13698, 0.06216, -0.09647, 0.02945],
        [-0.16179, 0.13313, -0.10497, 0.09342, 0.13956, -0.04925, 0.1037, 0.02755],
        [-0.20725, 0.42924, 0.07487, -0.17243, -0.16103, 0.05011, 0.24785, -0.05891],
        [0.04372, 0.00091, -0.05482, 0.00985, 0.114, 0.15, 0.18651, 0.18078],
        [-0.11433, -0.15131, 0.01264, 0.1673, -0.03992, 0.09006, -0.08175, -0.07355],
        [-0.16103, -0.08038, -0.06812, 0.08981, 0.04803, -0.00741, 0.13733, 0.09623],
        [-0.06577, -0.11483, 0.04884, 0.1092, 0.05044, 0.13944, -0.00043, -0.06889],
        [-0.26318, 0.04214, -0.09986, -0.09015, -0.14528, 0.03867, -0.00651, -0.13084],
        [-0.06878, -0.05362, -0.06312, 0.05837, -0.18524, -0.10144, 0.24299, -0.06554],
        [-0.21218, 0.00114, -0.06281, -0.02095, -0.02823, 0.04473, -0.02363, -0.01147],
        [-0.07983, -0.10185, -0.0747, -0.06113, -0.03503, 0.16928, 0.11452, -0.13306],
        [-0.09781, 0.03759, -0.04313, -0.09217, 0.14323, -0.05028, -0.06604, 0.13957],
    ]),
    "b1": np.array([-0.08494, 0.27091, -0.03854, 0.23042, 0.28289, 0.35008, 0.19328, -0.15972]),
    "w2": np.array([0.72891, 0.72708, 0.45036, -0.75025, 0.76381, 0.64398, -0.7039, -0.82096]),
    "b2": 0.21462,
}
_WITH_MODEL: dict[str, np.ndarray | float] = {
    "mean": np.array([0.84052, 0.74813, 0.72107, 0.7763, 0.51211, 0.73153, 0.5319, 0.30428, 0.77854, 0.17034, 0.85038,
                     0.32964, 0.33027, 0.51137, 0.38322, 0.62073, 0.72462, 0.44494, 0.52917, 0.34452, 0.41409, 0.27378,
                     0.33267, 0.20098, 0.2549, 0.10147, 0.04412, 0.14915, 18.06005, 21.23652, 2.38775, 4.21127, 0.67819,
                     0.57473, 0.33309, 0.88505, 0.06275, 2.28529, 4.12108, 1.46275, 2.71397, 2.57255, 4.6, 0.20709,
                     0.79706, 0.79394, 0.75696, 0.3673, 0.18799, 0.35167, 0.39673, 0.59272, 0.00662, 0.08799]),
    "scale": np.array([0.09953, 0.10075, 0.11569, 0.10849, 0.17146, 0.1621, 0.17591, 0.18513, 0.39327, 0.37593, 0.09898,
                     0.16953, 0.1699, 0.1778, 0.40365, 0.14598, 0.15588, 0.18664, 0.21461, 0.20491, 0.24194, 0.20998,
                     0.25223, 0.40073, 0.408, 0.30195, 0.20536, 0.09964, 4.87366, 5.14207, 1.55208, 1.84483, 0.16504,
                     0.14803, 0.5871, 0.90682, 0.2425, 1.29988, 1.95251, 0.95208, 1.39302, 2.00297, 2.35393, 0.11249,
                     0.40219, 0.14072, 0.15664, 0.27055, 0.14718, 0.23714, 0.18658, 0.20196, 0.08108, 0.28328]),
    "w1": np.array([
        [-0.02617, 0.01149, -0.13984, -0.02194, -0.05527, 0.01865, 0.06119, -0.01133],
        [-0.08161, 0.109, 0.18187, -0.09326, -0.09649, -0.05162, 0.04258, -0.3152],
        [-0.24483, 0.26409, 0.01695, -0.17356, -0.39325, -0.11551, 0.21441, 0.39222],
        [0.19864, -0.08402, -0.21677, 0.0257, 0.36738, 0.04079, 0.01867, -0.17299],
        [-0.02139, -0.01428, 0.13184, -0.0324, 0.01185, -0.00341, 0.07823, 0.087],
        [-0.03539, -0.05787, -0.00165, -0.03579, 0.02231, 0.04984, 0.02436, -0.02176],
        [0.06909, -0.06496, 0.16089, -0.09761, 0.11626, 0.01899, 0.06316, -0.05651],
        [0.21631, -0.08123, -0.08184, 0.10386, 0.17125, 0.05639, 0.05899, -0.08543],
        [-0.12829, -0.14268, -0.05496, -0.16318, 0.26615, -0.0844, 0.11103, -0.02321],
        [0.18839, -0.15039, -0.00696, -0.10103, -0.01706, -0.13384, -0.22839, -0.15208],
        [-0.11976, 0.05955, 0.04786, 0.17812, -0.18193, -0.03365, 0.12506, -0.07515],
        [0.00752, 0.06385, -0.10647, 0.17714, -0.08689, 0.03616, 0.03773, 0.00654],
        [-0.01684, 0.05626, -0.06102, -0.20006, 0.03476, -0.07196, -0.13935, -0.18299],
        [0.01215, -0.00723, 0.08215, -0.04162, -0.01118, 0.01955, -0.01065, 0.03129],
        [-0.0509, -0.17763, -0.07845, -0.02314, -0.02239, 0.08396, 0.06917, 0.01016],
        [-0.04178, -0.03362, 0.01366, -0.04014, 0.03903, -0.09084, -0.03852, -0.03434],
        [-0.0243, -0.0773, 0.00254, -0.12079, 0.0418, -0.13373, 0.05546, 0.09845],
        [-0.06279, 0.04491, 0.07569, 0.03861, -0.07495, -0.06662, -0.00931, 0.0236],
        [-0.01336, -0.00681, -0.0252, 0.00992, -0.01143, -0.0578, -0.05594, -0.01755],
        [-0.02043, 0.03356, 0.03683, 0.13023, -0.00522, 0.00956, -0.05491, -0.12551],
        [0.02362, 0.00487, 0.01075, 0.06321, 0.07515, 0.01405, -0.09329, -0.18214],
        [0.03021, 0.01826, 0.00217, 0.05048, -0.0582, 0.01597, 0.01581, -0.18165],
        [-0.01242, 0.10893, -0.03327, -0.016, -0.04002, 0.02091, 0.02815, -0.24599],
        [-0.03382, -0.10121, 0.02621, -0.02691, 0.09463, -0.14851, 0.02056, 0.16277],
        [0.00339, 0.00485, -0.19102, 0.07837, 0.04506, -0.03332, -0.23525, -0.0046],
        [-0.09765, -0.02171, -0.03732, 0.00241, 0.07207, -0.03869, 0.07704, 0.05667],
        [0.24698, -0.16788, -0.02634, 0.04223, 0.04964, 0.0223, -0.0904, 0.09177],
        [0.11273, -0.12666, -0.07296, -0.17504, 0.17932, -0.04226, -0.02568, 0.07855],
        [-0.03492, 0.06579, 0.16248, 0.01756, 0.0764, 0.08956, 0.04079, -0.00414],
        [0.1381, -0.11992, 0.01895, -0.07453, 0.18386, 0.08266, 0.0289, 0.00284],
        [-0.01521, -0.13446, 0.10352, -0.13726, -0.01061, -0.01649, 0.05291, 0.24991],
        [-0.20988, -0.02124, -0.29645, -0.06066, 0.06325, 0.07901, 0.09469, 0.03861],
        [0.06522, 0.12592, -0.12429, -0.20978, 0.11694, -0.04014, 0.05936, 0.10832],
        [-0.03341, 0.2219, -0.07841, -0.07183, -0.05422, -0.03998, 0.16074, 0.15827],
        [0.21737, -0.15632, -0.26246, 0.07801, -0.06598, -0.1811, 0.19526, 0.01404],
        [-0.01353, 0.2275, -0.15318, 0.09606, -0.14673, 0.11203, 0.30726, -0.088],
        [0.05182, 0.19725, 0.22149, 0.07708, 0.16337, 0.04777, -0.12147, -0.08891],
        [-0.28907, -0.08787, 0.02281, 0.02604, 0.1355, -0.04158, -0.16061, -0.07747],
        [0.09595, 0.0074, -0.12791, 0.01599, 0.09988, 0.02998, 0.0017, -0.0426],
        [-0.13052, 0.0512, 0.15586, -0.08182, 0.24819, 0.00893, -0.02953, 0.01539],
        [-0.0579, 0.10918, -0.25815, 0.04146, -0.12602, 0.10301, 0.04675, -0.11862],
        [-0.01461, -0.18043, -0.11655, 0.19695, -0.01304, 0.16264, 0.05143, 0.03625],
        [-0.02222, 0.06246, -0.16174, -0.07805, 0.00315, -0.04723, 0.03742, 0.01341],
        [0.16605, 0.04341, -0.04257, 0.00088, -0.14852, -0.05086, -0.03583, -0.07514],
        [0.19526, -0.05632, -0.05749, -0.06856, -0.02497, -0.11767, 0.03237, 0.16925],
        [-0.09231, -0.10022, -0.11082, -0.09592, 0.30997, -0.11842, 0.09675, 0.01161],
        [0.02567, 0.09024, 0.127, -0.21715, 0.15372, -0.24315, -0.00672, 0.07932],
        [0.17793, 0.09052, 0.07, -0.00923, -0.30591, -0.01314, 0.20896, -0.04587],
        [0.06783, 0.14971, 0.13841, -0.22793, -0.13939, -0.13416, 0.06143, -0.05103],
        [0.00347, 0.17221, 0.15734, -0.22053, -0.07408, -0.19279, 0.11689, 0.068],
        [0.12574, -0.05549, -0.17032, 0.15785, 0.11698, 0.02096, -0.17832, -0.13154],
        [0.054, -0.14118, 0.07001, -0.1775, 0.25688, 0.01041, -0.24643, -0.01206],
        [-0.03839, 0.03928, 0.04096, -0.00283, -0.02244, -0.0039, 0.03537, 0.00148],
        [0.02741, -0.04692, -0.06424, 0.06159, -0.04053, 0.04555, -0.07346, 0.02386],
    ]),
    "b1": np.array([0.07993, 0.53857, 0.088, -0.08148, 0.0784, 0.14069, 0.25218, -0.08573]),
    "w2": np.array([-0.7671, 0.7611, 0.85469, -0.74124, -0.96432, -0.56475, 0.76737, 0.84832]),
    "b2": 0.80524,
}
