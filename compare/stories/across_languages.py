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
    by_language: dict[str, list[int]] = {}
    for index, language in enumerate(languages):
        if language != UNKNOWN:
            by_language.setdefault(language, []).append(index)
    if len(by_language) < 2:
        return labels
    times = np.array([d.time for d in docs])
    # Only an article with one in another language within the window can join anything: only
    # those are embedded, and each is compared with those articles alone (never all with all).
    windows = {language: _time_order(members, times) for language, members in by_language.items()}
    wanted = sorted({i for language, members in by_language.items() for i in members
                     if any(_within(windows[other], times[i], window_days).size
                            for other in by_language if other != language)})
    if not wanted:
        return labels
    vectors = model()
    if vectors is None:
        return labels
    row = {index: n for n, index in enumerate(wanted)}
    matrix = vectors([lead_text(docs[i]) for i in wanted])
    closest: dict[tuple[int, str], tuple[int, float, float]] = {}  # (doc, language) -> (closest, cosine, margin)
    likely: list[tuple[int, int]] = []  # pairs (a < b) likely one event by their cosine alone
    for a in wanted:
        for language, order in windows.items():
            if language == languages[a]:
                continue
            candidates = [i for i in _within(order, times[a], window_days) if i in row]
            if not candidates:
                continue
            cosine = matrix[[row[i] for i in candidates]] @ matrix[row[a]]
            best = int(np.argmax(cosine))
            likely += [(a, i) for c, i in zip(cosine.tolist(), candidates) if a < i
                       and same_event_probability(c) >= MIN_PROBABILITY]
            # The runner-up is the closest article of another story: two outlets of one story
            # in that language are both close, and neither is a rival of the other.
            rivals = [c for c, i in zip(cosine, candidates) if labels[i] != labels[candidates[best]]]
            closest[(a, language)] = (candidates[best], float(cosine[best]),
                                      float(cosine[best] - max(rivals, default=0.0)))
    figures: dict[int, frozenset[float]] = {}

    def figures_of(i: int) -> frozenset[float]:
        if i not in figures:
            figures[i] = _figures(docs[i], languages[i])
        return figures[i]

    versions: list[tuple[int, int]] = []  # (a < b): one event told in two languages
    for (a, language), (b, cosine, margin) in sorted(closest.items()):
        back = closest.get((b, languages[a]))
        if a > b or back is None or back[0] != a or same_event_probability(cosine) < MIN_PROBABILITY:
            continue
        if min(margin, back[2]) < MIN_MARGIN and not figures_of(a) & figures_of(b):
            continue
        versions.append((a, b))
    labels = _split_by_versions(docs, labels, languages, versions)
    stories = _Stories(docs, labels, languages)
    for a, b in versions:
        stories.join(labels[a], labels[b])
    # A figure as precise as an index's close (11350.58, 323.65) given by two likely versions
    # of one event is that event's, whichever other version each is closest to: a model
    # that reads the topic more than its direction can rank a look-alike day first.
    for a, b in likely:
        if stories.root(labels[a]) != stories.root(labels[b]) \
                and _precise(figures_of(a)) & _precise(figures_of(b)):
            stories.join(labels[a], labels[b])
    return [stories.root(label) for label in labels]


def _split_by_versions(docs: Sequence[Doc], labels: list[int], languages: list[str],
                       versions: list[tuple[int, int]]) -> list[int]:
    """``labels`` with the new articles of a one-language group parted where they are versions
    of different events: articles of the group whose versions (in two languages or more each)
    lie in no group in common. Matching within one language can put one
    outlet's reports of two look-alike days in one group (a crash, then a rebound four days
    later); their versions in the other languages tell the two apart."""
    partners: dict[int, set[int]] = {}
    for a, b in versions:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    parted = list(labels)
    spare = max(labels, default=0) + 1
    for group in members.values():
        told = [i for i in group if docs[i].story_id is None
                and len({languages[p] for p in partners.get(i, ())}) >= 2]
        if len(told) < 2 or len({languages[i] for i in group}) > 1:
            continue
        # Articles whose versions share a group are one event; each other event gets a label.
        events: list[tuple[set[int], list[int]]] = []  # (the groups of its versions, its articles)
        for i in told:
            groups = {labels[p] for p in partners[i]}
            event = next((e for e in events if e[0] & groups), None)
            if event is None:
                events.append((groups, [i]))
            else:
                event[0].update(groups)
                event[1].append(i)
        for _, articles in events[1:]:
            for i in articles:
                parted[i] = spare
            spare += 1
    return parted


def _precise(figures: frozenset[float]) -> frozenset[float]:
    """The figures no other event is likely to give as well: two decimals or more (a close of
    11350.58, a fall of 323.65 points), never a round amount ($700 billion) or a count."""
    return frozenset(f for f in figures if round(f * 100) != round(f * 10) * 10)


def _time_order(members: list[int], times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A language's articles sorted by time, with their times."""
    order = np.array(sorted(members, key=lambda i: times[i]), dtype=np.int64)
    return order, times[order]


def _within(order: tuple[np.ndarray, np.ndarray], time: float, window_days: float) -> np.ndarray:
    """The articles of ``order`` within ``window_days`` of ``time``."""
    indices, sorted_times = order
    return indices[np.searchsorted(sorted_times, time - window_days):
                   np.searchsorted(sorted_times, time + window_days, side="right")]


class _Stories:
    """The stories (labels) joined so far, with the languages and earlier existence of each."""

    def __init__(self, docs: Sequence[Doc], labels: list[int], languages: list[str]) -> None:
        self.parent = {label: label for label in labels}
        self.languages: dict[int, set[str]] = {}
        self.existed: dict[int, bool] = {}
        for doc, label, language in zip(docs, labels, languages):
            self.languages.setdefault(label, set()).update({language} - {UNKNOWN})
            self.existed[label] = self.existed.get(label, False) or bool(doc.story_id)

    def root(self, label: int) -> int:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def join(self, first: int, second: int) -> None:
        """One story of two, unless they share a language or both existed before."""
        first, second = self.root(first), self.root(second)
        if first == second or self.languages[first] & self.languages[second] \
                or (self.existed[first] and self.existed[second]):
            return
        self.parent[second] = first
        self.languages[first] |= self.languages.pop(second)
        self.existed[first] = self.existed[first] or self.existed.pop(second)


def _figures(doc: Doc, language: str) -> frozenset[float]:
    """The figures of a headline and lead, as numbers: a translation gives the same ones (not
    days of a month, which every report of one day shares)."""
    found = quantities(doc.title, language) + quantities(doc.text[:LEAD_CHARACTERS], language)
    return frozenset(round(q.value, 6) for q in found if q.unit != "date" and q.value >= 10 and not (
        q.value <= 31 and q.unit[:3] in _MONTHS))


# The first three letters of month names in the languages whose numbers are read (a day is no figure).
_MONTHS = frozenset("""
jan feb mar apr may jun jul aug sep oct nov dec ene abr ago dic gen mag giu lug set ott fev mai out dez
fév avr jui aoû déc mär okt mei maa янв фев мар апр мая июн июл авг сен окт ноя дек січ лют бер кві тра
чер лип сер вер жов лис гру""".split())
