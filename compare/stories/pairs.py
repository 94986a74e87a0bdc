"""How surely two sentences report the same fact.

Two scorers, one per use:

- :func:`fact_similarity` / :func:`same_fact` work on two bare sentences (RapidFuzz's scorer
  shape): a logistic model over lexical features (rapidfuzz ratios, shared content words and
  names, numbers that agree or not), fitted on the MRPC news sentence pairs by
  ``bench/analyse.py --fit``.
- :func:`story_pair_probabilities` scores every pair of a story's sentences at once, from
  sentence-model cosines, the story's own TF-IDF, and the names and numbers each sentence holds
  or lacks; its weights were fitted on one half of the ECB+ topics by ``bench/facts.py --fit``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, utils
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from compare.text import content_words, jaccard, numbers, proper_names

# Logistic model: P(same fact) = sigmoid(bias + weights . standardised features).
FEATURES = ("token_set", "token_sort", "ratio", "partial", "jaccard", "overlap", "stem_jaccard", "bigram_jaccard",
            "number_jaccard", "number_clash", "length_ratio", "only_a", "only_b", "weighted_overlap",
            "names_jaccard")
_MEAN = np.array([0.84052, 0.74813, 0.72107, 0.7763, 0.51211, 0.73153, 0.5319, 0.30428, 0.77854, 0.17034, 0.85038,
                  0.32964, 0.33027, 0.51137, 0.37756])
_SCALE = np.array([0.09953, 0.10075, 0.11569, 0.10849, 0.17146, 0.1621, 0.17591, 0.18513, 0.39327, 0.37593, 0.09898,
                   0.16953, 0.1699, 0.1778, 0.40334])
_WEIGHTS = np.array([0.36992, 0.55503, 1.05645, -0.63525, 1.60583, 0.34552, 0.35492, -0.7536, 0.15354, -0.22064,
                     0.25444, 0.78133, 0.7755, -0.40149, -0.1604])
_BIAS = 1.06361
SAME_FACT_THRESHOLD = 45.0  # fact_similarity at or above this: the same fact


def fact_features(a: str, b: str) -> list[float]:
    """The scorer's features for two sentences (see FEATURES)."""
    words_a, words_b = content_words(a), content_words(b)
    set_a, set_b = set(words_a), set(words_b)
    stems_a, stems_b = {w[:6] for w in words_a}, {w[:6] for w in words_b}
    bigrams_a, bigrams_b = set(zip(words_a, words_a[1:])), set(zip(words_b, words_b[1:]))
    numbers_a, numbers_b = set(numbers(a)), set(numbers(b))
    names_a = {n.lower() for n in proper_names(a)}
    names_b = {n.lower() for n in proper_names(b)}
    shared = set_a & set_b
    length_a, length_b = len(a.split()), len(b.split())
    return [
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


# With a sentence model installed, the same features plus the two sentences' cosine
# (the last weight); fitted on MRPC by ``bench/analyse.py --fit`` as well.
_MODEL_MEAN = np.array([0.84052, 0.74813, 0.72107, 0.7763, 0.51211, 0.73153, 0.5319, 0.30428, 0.77854, 0.17034,
                        0.85038, 0.32964, 0.33027, 0.51137, 0.37756, 0.79394])
_MODEL_SCALE = np.array([0.09953, 0.10075, 0.11569, 0.10849, 0.17146, 0.1621, 0.17591, 0.18513, 0.39327, 0.37593,
                         0.09898, 0.16953, 0.1699, 0.1778, 0.40334, 0.14072])
_MODEL_WEIGHTS = np.array([0.18756, 0.51323, 1.01909, -0.63834, 1.52657, 0.46462, 0.15894, -0.61552, 0.11451,
                           -0.26665, 0.24205, 0.8779, 0.86564, -0.28436, -0.20348, 0.54445])
_MODEL_BIAS = 1.06805


def sentence_cosine(a: str, b: str) -> float | None:
    """Cosine of two sentences' vectors from the installed sentence model; None without one."""
    from compare.embed import load_embedder  # onnxruntime loads on first use only

    embedder = load_embedder("auto")
    if embedder is None:
        return None
    first, second = embedder.embed([a, b])
    return float(first @ second)


def fact_similarity(a: str, b: str, *, processor: object = None, score_cutoff: float | None = None) -> float:
    """How surely two sentences report the same fact, 0-100 (RapidFuzz's scorer shape).

    The sentence model's cosine counts too when the model is installed.

    >>> fact_similarity("Ukraine proposed an exchange of 400 prisoners.",
    ...                 "Ukraine put forward a swap of 400 prisoners.") > SAME_FACT_THRESHOLD
    True
    >>> fact_similarity("The bridge will close for six weeks.", "Inflation rose to 6.1 percent.") < 20
    True
    """
    if processor is not None:
        a, b = processor(a), processor(b)  # type: ignore[operator]
    features = np.array(fact_features(a, b))
    cosine = sentence_cosine(a, b)
    if cosine is None:
        z = _BIAS + float(((features - _MEAN) / _SCALE) @ _WEIGHTS)
    else:
        z = _MODEL_BIAS + float(((np.append(features, cosine) - _MODEL_MEAN) / _MODEL_SCALE) @ _MODEL_WEIGHTS)
    score = 100.0 / (1.0 + math.exp(-z))
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def same_fact(a: str, b: str) -> bool:
    """Whether two sentences report the same fact, at the default threshold."""
    return fact_similarity(a, b) >= SAME_FACT_THRESHOLD



# -- every pair of a story's sentences -------------------------------------------------------

# Features of a sentence pair, in the order of STORY_WEIGHTS. "head" counts the headline-like
# sentences of the pair (0-2): a headline summarises the whole story, so it resembles many
# sentences without reporting what each of them reports.
STORY_FEATURES = ("cosine", "story_tfidf", "names_jaccard", "names_clash", "names_only_min", "number_shared",
                  "number_clash", "head", "head_x_cosine", "head_x_tfidf", "article_cosine")
# Fitted on the stories news-compare makes of the odd-numbered ECB+ topics (bench/facts.py --fit);
# the even-numbered topics are held out.
STORY_WEIGHTS = np.array([0.54635, 5.00284, -1.06557, -0.74055, -0.22688, 1.24535, 0.12709, -0.16246, -0.25436,
                          -1.18846, 3.68464])
STORY_BIAS = -2.05167


def story_pair_features(texts: Sequence[str], names: Sequence[Sequence[str]], numbers_of: Sequence[Sequence[str]],
                        headline_like: Sequence[bool], vectors: np.ndarray | None,
                        article_of: Sequence[int] | None = None) -> np.ndarray:
    """An (n, n, len(STORY_FEATURES)) array of pair features for a story's n sentences.

    ``vectors`` are the sentences' unit vectors from a sentence model; without them the
    story's TF-IDF cosine stands in for the model's (the lexical fallback). ``article_of``
    numbers each sentence's article: how alike two whole articles are tells whether they report
    one event at all, when a story holds two look-alike events.
    """
    n = len(texts)
    tfidf = _story_tfidf(texts)
    cosine = vectors @ vectors.T if vectors is not None and len(vectors) else tfidf
    articles = np.asarray(article_of if article_of is not None else np.zeros(n), dtype=np.int64)
    article_cosine = _article_cosine(vectors if vectors is not None and len(vectors) else None, texts, articles)
    names_jaccard, names_clash, only_min = _set_pair_stats([{x.lower() for x in ns} for ns in names])
    shared_numbers, number_clash = _shared_and_clash([set(ns) for ns in numbers_of])
    head = np.asarray(headline_like, dtype=np.float64).reshape(n, 1)
    heads = head + head.T
    return np.stack([cosine, tfidf, names_jaccard, names_clash, only_min, shared_numbers, number_clash, heads,
                     heads * cosine, heads * tfidf, article_cosine], axis=-1)


def story_pair_probabilities(features: np.ndarray) -> np.ndarray:
    """P(the two sentences report the same event), for every pair of :func:`story_pair_features`."""
    return 1.0 / (1.0 + np.exp(-(STORY_BIAS + features @ STORY_WEIGHTS)))


def _article_cosine(vectors: np.ndarray | None, texts: Sequence[str], articles: np.ndarray) -> np.ndarray:
    """For each sentence pair, the cosine of their two articles' mean sentence vectors."""
    if vectors is None:
        try:
            vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
        except ValueError:
            return np.zeros((len(texts), len(texts)))
    count = int(articles.max()) + 1 if len(articles) else 0
    centroids = np.zeros((count, vectors.shape[1]))
    np.add.at(centroids, articles, vectors)
    centroids /= np.clip(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12, None)
    between = centroids @ centroids.T
    return between[np.ix_(articles, articles)]


def _story_tfidf(texts: Sequence[str]) -> np.ndarray:
    """Cosine of the sentences' TF-IDF vectors, weighted by this story's own sentences."""
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no word in any sentence
        return np.zeros((len(texts), len(texts)))
    return (matrix @ matrix.T).toarray()


def _incidence(sets: Sequence[set[str]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))


def _set_pair_stats(sets: Sequence[set[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Jaccard of two sentences' names, whether each names someone the other does not, and
    the smaller count of such names; all zero unless both sentences name someone."""
    incidence = _incidence(sets)
    shared = (incidence @ incidence.T).toarray()
    sizes = np.array([len(s) for s in sets], dtype=np.float64)
    both = np.outer(sizes > 0, sizes > 0)
    union = sizes[:, None] + sizes[None, :] - shared
    jaccard_ = np.where(both, shared / np.maximum(union, 1), 0.0)
    only_a, only_b = sizes[:, None] - shared, sizes[None, :] - shared
    clash = (both & (only_a > 0) & (only_b > 0)).astype(np.float64)
    only_min = np.where(both, np.minimum(only_a, only_b), 0.0)
    return jaccard_, clash, only_min


def _shared_and_clash(sets: Sequence[set[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Whether two sentences share a number, and whether both give numbers but share none."""
    incidence = _incidence(sets)
    shared = (incidence @ incidence.T).toarray() > 0
    sizes = np.array([len(s) for s in sets])
    both = np.outer(sizes > 0, sizes > 0)
    return shared.astype(np.float64), (both & ~shared).astype(np.float64)
