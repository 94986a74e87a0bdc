"""Facts: align the sentences of a story's articles across outlets.

A fact is a group of sentences from different outlets that report the same thing, at most one
per outlet (an outlet with two articles in the story is one column: its sentence may come from
either). From :func:`compare.stories.pairs.story_pair_probabilities`, every sentence gathers the
best-matching sentence of each other outlet, the best first, and takes it only when it is alike
to *every* sentence gathered so far: A~B and B~C never put A with C unless A~C. One sentence may
stand in two facts (sentences often report two things); a group that only repeats another, with
the same sentences or fewer, is dropped.

From the facts come the fact matrix, omissions (by the README's rule: a fact at least two
outlets and half of the story's outlets report, missing from an outlet none of whose sentences
matches it), unique facts, and conflicting figures (:mod:`compare.analysis.figures`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from compare.analysis.figures import Discrepancy, fact_discrepancies
from compare.analysis.parse import ParsedArticle, ParsedSentence, parse_article
from compare.kinds import REPORT
from compare.stories.pairs import (
    SAME_FACT_THRESHOLD,
    fact_features,
    fact_similarity,
    same_fact,
    story_pair_features,
    story_pair_probabilities,
)
from compare.text import numbers, proper_names

__all__ = ["SAME_FACT_THRESHOLD", "Alignment", "ArticleText", "Discrepancy", "Fact", "Omission", "Sentence",
           "align_story", "fact_features", "fact_similarity", "names_table", "same_fact"]

# Pair probabilities (0-1) that decide, chosen on the stories news-compare makes of the odd ECB+
# topics (bench/facts.py); the even topics are held out.
ATTACH = 0.65  # an outlet's best sentence joins a fact it matches this well
LINK = 0.40  # and every pair inside a fact is at least this alike (no chaining)
# The pair model learnt "the same event"; a fact is narrower: its sentences' own cosine (the
# sentence model's, or TF-IDF's without one) is at least this for every pair.
COSINE_FLOOR = 0.25
# A fact differing from a larger one by this many sentences only repeats it (1 or 2 cost a few
# points of ECB+ recall and precision for half or a third of the facts).
REPEAT_SLACK = 0
# An outlet whose best sentence matches a fact this well may report it in other words: it is
# not said to omit it.
OMISSION_DOUBT = 0.75
OMISSION_DOUBT_COSINE = 0.55  # nor when its wording is this close (sentence cosine)
# Omissions are only counted for facts whose sentences are at least this alike (sentence
# cosine): on the demo, 91 omissions in its 10 shared stories instead of 208, 7 of the 20
# planted ones found instead of 8.
OMISSION_FACT_COSINE = 0.30
MIN_SHARE = 0.5  # omissions: facts reported by at least half of the story's outlets (and two)

Vectors = Callable[[list[str]], np.ndarray]  # sentences -> unit vectors, one row each


@dataclass(frozen=True)
class ArticleText:
    """What alignment needs of an article."""

    id: str
    outlet: str
    title: str
    text: str
    kind: str = REPORT  # compare.kinds: report, opinion or analysis


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article, where alignment placed it."""

    article_id: str
    outlet: str
    index: int  # position among the article's sentences (compare.analysis.parse)
    text: str


@dataclass
class Fact:
    """Sentences of different outlets that report the same thing, one per outlet."""

    id: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {s.outlet for s in self.sentences}

    def sentence_of(self, outlet: str) -> Sentence | None:
        return next((s for s in self.sentences if s.outlet == outlet), None)


@dataclass(frozen=True)
class Omission:
    """A fact most outlets report that this outlet, which covers the story, does not."""

    fact: Fact
    outlet: str
    closest: Sentence | None  # the outlet's sentence worded most like the fact, for the reader to check
    closeness: float  # that sentence's mean pair probability with the fact's sentences, 0-1


@dataclass
class Alignment:
    """Everything alignment found in one story."""

    outlets: list[str]
    facts: list[Fact]
    discrepancies: list[Discrepancy]
    names: dict[str, dict[str, int]]  # name -> outlet -> mentions
    omission_list: list[Omission] = field(default_factory=list)

    def omissions(self) -> list[tuple[Fact, str]]:
        """(fact, outlet) pairs by the README's rule (see :class:`Omission`)."""
        return [(o.fact, o.outlet) for o in self.omission_list]

    def unique_facts(self) -> list[Fact]:
        """Facts one outlet reports and no other does, with some substance: a name or a number."""
        return [f for f in self.facts if len(f.outlets) == 1 and len(self.outlets) > 1
                and any(numbers(s.text) or proper_names(s.text) for s in f.sentences)]


def align_story(articles: Sequence[ArticleText | ParsedArticle], *, vectors: Vectors | None = None,
                min_share: float = MIN_SHARE) -> Alignment:
    """Group the story's sentences into facts across outlets (see the module docstring).

    ``vectors`` embeds sentences (``compare.embed``, usually through the store's cache);
    without it the lexical fallback decides.
    """
    parsed = [a if isinstance(a, ParsedArticle) else parse_article(a.id, a.outlet, a.title, a.text, kind=a.kind)
              for a in articles]
    outlets = sorted({a.outlet for a in parsed})
    items = [(a, s) for a in parsed for s in a.fact_sentences]
    article_index = {a.id: n for n, a in enumerate(parsed)}
    if len(outlets) > 1:
        probabilities, cosine = _pair_probabilities([s for _, s in items], [article_index[a.id] for a, _ in items],
                                                    vectors)
    else:  # one outlet: every sentence is its own fact, and nothing needs embedding or comparing
        probabilities = cosine = np.zeros((len(items), len(items)))
    outlet_of = np.array([outlets.index(a.outlet) for a, _ in items], dtype=np.int64)
    groups = _gather(probabilities, outlet_of)

    def sentence(k: int) -> Sentence:
        article, parsed_sentence = items[k]
        return Sentence(article.id, article.outlet, parsed_sentence.index, parsed_sentence.text)

    groups.sort(key=lambda g: (-len(g), min(g)))
    facts = [Fact(n + 1, sorted((sentence(k) for k in g), key=lambda s: (s.outlet, s.article_id, s.index)))
             for n, g in enumerate(groups)]
    quantities_of = {(a.id, s.index): s.quantities for a, s in items}
    discrepancies = _distinct([d for fact in facts for d in fact_discrepancies(
        fact.id, [(s.outlet, s, quantities_of[(s.article_id, s.index)]) for s in fact.sentences])])
    # Only news reports omit: a column or an analysis chooses what to discuss.
    reports = {a.id: a.outlet for a in parsed if a.kind == REPORT}
    omitted = _omissions(facts, groups, outlets, reports, probabilities, cosine, outlet_of, sentence, min_share)
    return Alignment(outlets, facts, discrepancies, names_table(parsed), omitted)


def _distinct(disputes: list[Discrepancy]) -> list[Discrepancy]:
    """One row per disputed quantity: facts that share sentences find the same dispute twice;
    the widest one (most outlets) stays."""
    def key(d: Discrepancy) -> frozenset[tuple[str, str, int, str]]:
        return frozenset((o, s.article_id, s.index, q.text) for o, (q, s) in d.values.items())  # type: ignore[attr-defined]
    kept: list[Discrepancy] = []
    for dispute in sorted(disputes, key=lambda d: (-len(d.values), d.fact_id)):
        if not any(key(dispute) <= key(other) for other in kept):
            kept.append(dispute)
    return sorted(kept, key=lambda d: (d.fact_id, d.unit))


def _pair_probabilities(sentences: list[ParsedSentence], article_of: list[int],
                        vectors: Vectors | None) -> tuple[np.ndarray, np.ndarray]:
    """Every pair's probability of reporting one event, and the sentences' own cosine."""
    if not sentences:
        return np.zeros((0, 0)), np.zeros((0, 0))
    texts = [s.core for s in sentences]
    matrix = vectors(texts) if vectors is not None else None
    features = story_pair_features(texts, [s.names for s in sentences], [numbers(t) for t in texts],
                                   [s.headline_like for s in sentences], matrix, article_of)
    probabilities = story_pair_probabilities(features)
    # A fact's sentences must also read alike on their own, not only belong to one event.
    cosine = features[..., 0]
    return np.where(cosine >= COSINE_FLOOR, probabilities, np.minimum(probabilities, LINK - 1e-6)), cosine


def _best_of_outlet(group: list[int], outlet: int, probabilities: np.ndarray,
                    outlet_of: np.ndarray) -> tuple[int, float, float]:
    """The outlet's sentence that matches the group best: (index, mean, lowest probability)."""
    candidates = np.flatnonzero(outlet_of == outlet)
    if not len(candidates):
        return -1, 0.0, 0.0
    block = probabilities[np.ix_(candidates, group)]
    means = block.mean(axis=1)
    best = int(np.argmax(means))
    return int(candidates[best]), float(means[best]), float(block[best].min())


def _gather(probabilities: np.ndarray, outlet_of: np.ndarray) -> list[list[int]]:
    """Every sentence with the best-matching sentence of each other outlet, the best first, each
    taken only when it matches the first at least ATTACH and every one taken so far at least LINK.

    A group that ends up inside another (the same sentences or fewer) only repeats it, and is dropped.
    """
    n = len(outlet_of)
    outlets = np.unique(outlet_of)
    best = np.zeros((n, len(outlets)), dtype=np.int64)
    score = np.zeros((n, len(outlets)))
    for column, outlet in enumerate(outlets):
        candidates = np.flatnonzero(outlet_of == outlet)
        block = probabilities[:, candidates]
        chosen = block.argmax(axis=1)
        best[:, column], score[:, column] = candidates[chosen], block[np.arange(n), chosen]
    groups = []
    for k in range(n):
        members = [k]
        for column in np.argsort(-score[k], kind="stable"):
            if score[k, column] < ATTACH:
                break
            j = int(best[k, column])
            if outlets[column] != outlet_of[k] and probabilities[j, members].min() >= LINK:
                members.append(j)
        groups.append(members)
    return _without_repeats(groups)


def _without_repeats(groups: list[list[int]]) -> list[list[int]]:
    """The groups less those that repeat a kept one: largest first, a group is dropped when a
    kept group holds all its sentences but at most REPEAT_SLACK of them."""
    order = sorted(range(len(groups)), key=lambda n: (-len(groups[n]), n))
    kept: list[int] = []
    holding: dict[int, list[int]] = defaultdict(list)  # sentence -> kept groups holding it
    for n in order:
        members = set(groups[n])
        shared: dict[int, int] = defaultdict(int)
        for k in members:
            for m in holding[k]:
                shared[m] += 1
        if any(count >= len(members) - REPEAT_SLACK for count in shared.values()):
            continue
        kept.append(n)
        for k in members:
            holding[k].append(n)
    return [groups[n] for n in sorted(kept)]


def _omissions(facts: list[Fact], groups: list[list[int]], outlets: list[str], reports: dict[str, str],
               probabilities: np.ndarray, cosine: np.ndarray, outlet_of: np.ndarray,
               sentence: Callable[[int], Sentence], min_share: float) -> list[Omission]:
    """Omissions by the README's rule, counted over news reports only (``reports``: their
    article ids and outlets), and said only where they are sure: the fact's own sentences read alike (a
    loose fact of one event's different details omits nothing), and no sentence of the outlet
    matches it, neither as the same event nor in its wording."""
    found = []
    reporting_outlets = sorted(set(reports.values()))
    for fact, group in zip(facts, groups):
        reporting = {s.outlet for s in fact.sentences if s.article_id in reports}
        if len(reporting) < 2 or len(reporting) < min_share * len(reporting_outlets):
            continue
        if cosine[np.ix_(group, group)].min() < OMISSION_FACT_COSINE:
            continue
        for outlet in reporting_outlets:
            if outlet in fact.outlets:  # its column or analysis gave it: not left out
                continue
            _, mean, _ = _best_of_outlet(group, outlets.index(outlet), probabilities, outlet_of)
            closest, closeness, _ = _best_of_outlet(group, outlets.index(outlet), cosine, outlet_of)
            if mean < OMISSION_DOUBT and closeness < OMISSION_DOUBT_COSINE:
                found.append(Omission(fact, outlet, sentence(closest) if closest >= 0 else None,
                                      float(probabilities[closest, group].mean()) if closest >= 0 else 0.0))
    return found


def names_table(articles: Sequence[ArticleText | ParsedArticle]) -> dict[str, dict[str, int]]:
    """Proper names x outlets: how often each outlet mentions each person, place or organisation.

    A bare surname ("Lavrov") counts for the full name it abbreviates ("Sergei Lavrov") when
    the story mentions that full name. A name seen only in headlines and crossheads (title
    case, where every word is capitalised) is not counted.
    """
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_article: dict[str, list[tuple[str, bool]]] = {}  # name, whether from a heading
    for a in articles:
        if isinstance(a, ParsedArticle):
            per_article[a.id] = [*((n, True) for n in proper_names(a.title)),
                                 *((n, s.headline_like) for s in a.sentences for n in s.names)]
        else:
            per_article[a.id] = [(n, False) for n in proper_names(f"{a.title}.\n{a.text}")]
    in_text = {n for names in per_article.values() for n, heading in names if not heading}
    full_names = {n for n in in_text if " " in n}
    by_last = defaultdict(set)
    for name in full_names:
        by_last[name.split()[-1]].add(name)
    for article in articles:
        for name, heading in per_article[article.id]:
            if " " not in name and len(by_last.get(name, ())) == 1:
                name = next(iter(by_last[name]))
            if heading and name not in in_text:
                continue
            mentions[name][article.outlet] += 1
    return {name: dict(outlets) for name, outlets in sorted(mentions.items())}
