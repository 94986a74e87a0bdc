"""Stories across languages: one event's articles in several languages join one story.

The matcher reads words, names and headlines, which a translation shares only in part, so it
groups each language's articles apart. After it, a story told in one language joins a story
told in others when an article of each is the other's closest in that language (the
multilingual sentence model's cosine of headline and lead), likely one event by that cosine
(:func:`same_event_probability`), and either clearly closer than the runner-up or sharing a
figure with it. On the development
half of MEANTIME (one article in four languages, with look-alike market stories days apart)
mutual closest pairs alone are 0.98 of the true cross-language pairs with one false pair.

Only a run holding articles in more than one language does any of this: a corpus in one
language is matched exactly as before, at the same speed. Two stories that both existed
before the run are never joined (their ids stay), nor two stories that share a language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from compare.language import UNKNOWN, detect_language
from compare.quantities import quantities

if TYPE_CHECKING:
    from compare.stories.vectors import Doc

# P(one event) from the multilingual model's headline-and-lead cosine of two articles in two
# languages: a logistic fit on MEANTIME's development half (versions in different languages
# within four days of each other; 0.5 at a cosine of 0.856, 0.839 and 0.857 with a topic held out).
_COSINE_WEIGHT, _COSINE_BIAS = 45.07, -38.56
MIN_PROBABILITY = 0.5  # below it, two articles are not one event told in two languages
MIN_MARGIN = 0.02  # how much closer than its runner-up, unless a figure is shared
LEAD_CHARACTERS = 300  # of the text, after the headline: what the two compare

Vectors = Callable[[list[str]], np.ndarray]  # texts -> unit vectors (a multilingual model)


def same_event_probability(cosine: float | np.ndarray) -> float | np.ndarray:
    """How surely two articles in different languages report one event, from their headline-and-lead cosine."""
    return 1.0 / (1.0 + np.exp(-(_COSINE_WEIGHT * np.asarray(cosine) + _COSINE_BIAS)))


def lead_text(doc: Doc) -> str:
    """What is compared across languages: the headline and the start of the text."""
    return f"{doc.title}. {doc.text[:LEAD_CHARACTERS]}"


def join_across_languages(docs: Sequence[Doc], labels: list[int], window_days: float,
                          model: Callable[[], Vectors | None]) -> list[int]:
    """``labels`` (one story per label) with stories of different languages that report one
    event under one label (see the module docstring). ``model`` gives the multilingual
    vectors (None when none is installed); it is asked only when the docs mix languages.
    Each doc's language is the one stored with its article (read from its words when it was
    stored); a doc without one has its headline and lead read now."""
    languages = [d.language if d.language is not None else detect_language(lead_text(d)) for d in docs]
    if len({lang for lang in languages if lang != UNKNOWN}) < 2:
        return labels
    vectors = model()
    if vectors is None:
        return labels
    known = [i for i, lang in enumerate(languages) if lang != UNKNOWN]
    matrix = vectors([lead_text(docs[i]) for i in known])
    cosine = matrix @ matrix.T
    times = np.array([docs[i].time for i in known])
    langs = np.array([languages[i] for i in known])
    near = np.abs(times[:, None] - times[None, :]) <= window_days
    figures = [_figures(docs[i], languages[i]) for i in known]
    closest: dict[tuple[int, str], tuple[int, float]] = {}
    for a in range(len(known)):
        for language in set(langs) - {langs[a]}:
            candidates = np.flatnonzero(near[a] & (langs == language))
            if not len(candidates):
                continue
            order = candidates[np.argsort(-cosine[a, candidates], kind="stable")]
            runner_up = cosine[a, order[1]] if len(order) > 1 else 0.0
            closest[(a, str(language))] = (int(order[0]), float(cosine[a, order[0]] - runner_up))
    parent = {label: label for label in labels}

    def root(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for (a, language), (b, margin) in sorted(closest.items()):
        if a > b or closest.get((b, str(langs[a])), (-1, 0.0))[0] != a \
                or same_event_probability(cosine[a, b]) < MIN_PROBABILITY:
            continue
        other_margin = closest[(b, str(langs[a]))][1]
        if min(margin, other_margin) < MIN_MARGIN and not figures[a] & figures[b]:
            continue
        first, second = root(labels[known[a]]), root(labels[known[b]])
        if first != second and _may_join(docs, labels, languages, parent, root, first, second):
            parent[second] = first
    return [root(label) for label in labels]


def _may_join(docs: Sequence[Doc], labels: list[int], languages: list[str], parent: dict[int, int],
              root: Callable[[int], int], first: int, second: int) -> bool:
    """Two stories (roots) join only when they share no language and at most one existed before."""
    members = {first: [], second: []}  # type: dict[int, list[int]]
    for index, label in enumerate(labels):
        top = root(label)
        if top in members:
            members[top].append(index)
    tongues = [{languages[i] for i in members[r]} - {UNKNOWN} for r in (first, second)]
    existed = [any(docs[i].story_id for i in members[r]) for r in (first, second)]
    return not (tongues[0] & tongues[1]) and not all(existed)


def _figures(doc: Doc, language: str) -> frozenset[float]:
    """The figures of a headline and lead, as numbers: a translation gives the same ones."""
    found = quantities(doc.title, language) + quantities(doc.text[:LEAD_CHARACTERS], language)
    return frozenset(round(q.value, 6) for q in found if q.unit != "date" and q.value >= 10)
