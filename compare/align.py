"""Facts: align the sentences of a story's articles across outlets.

A fact is a group of sentences, at most one per article, from different outlets that report
the same thing. From the facts come the fact matrix (facts x outlets), omissions (facts most
outlets report and one leaves out), unique facts, and conflicting figures within a fact.

The same-fact scorer is a logistic model over lexical features (rapidfuzz ratios, shared
content words and names, numbers that agree or not); its weights were fitted on the MRPC
news sentence pairs by ``bench/analyse.py --fit``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, utils
from sklearn.feature_extraction.text import TfidfVectorizer

from compare.text import Quantity, content_words, jaccard, numbers, proper_names, quantities, split_sentences

# Logistic model: P(same fact) = sigmoid(bias + weights . standardised features).
FEATURES = ("token_set", "token_sort", "ratio", "partial", "jaccard", "overlap", "stem_jaccard", "bigram_jaccard",
            "number_jaccard", "number_clash", "length_ratio", "only_a", "only_b", "weighted_overlap",
            "names_jaccard")
_MEAN = np.array([0.84052, 0.74813, 0.72107, 0.7763, 0.51211, 0.73153, 0.5319, 0.30428, 0.77785, 0.17353, 0.85038,
                  0.32964, 0.33027, 0.51137, 0.37736])
_SCALE = np.array([0.09953, 0.10075, 0.11569, 0.10849, 0.17146, 0.1621, 0.17591, 0.18513, 0.39251, 0.3787, 0.09898,
                   0.16953, 0.1699, 0.1778, 0.40314])
_WEIGHTS = np.array([0.37243, 0.55796, 1.0549, -0.63275, 1.59541, 0.33922, 0.35051, -0.75514, 0.12641, -0.25133,
                     0.25702, 0.77011, 0.76743, -0.40062, -0.15934])
_BIAS = 1.06418
SAME_FACT_THRESHOLD = 45.0  # fact_similarity at or above this: the same fact
# Inside a story, sentences must also share enough words to be compared at all.
_MIN_COSINE = 0.12
# A story-local TF-IDF cosine at this level counts as a full-confidence match (score 100).
STORY_COSINE = 0.5
# Share of context words two sentences need to make their differing numbers a conflict.
_RELATED_CONTEXT = 0.12
_MIN_WORDS = 5  # shorter sentences (datelines, sign-offs) are not facts


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


def fact_similarity(a: str, b: str, *, processor: object = None, score_cutoff: float | None = None) -> float:
    """How surely two sentences report the same fact, 0-100 (RapidFuzz's scorer shape).

    >>> fact_similarity("Veldoria proposed an exchange of 400 prisoners.",
    ...                 "Veldoria put forward a swap of 400 prisoners.") > SAME_FACT_THRESHOLD
    True
    >>> fact_similarity("The bridge will close for six weeks.", "Inflation rose to 6.1 percent.") < 20
    True
    """
    if processor is not None:
        a, b = processor(a), processor(b)  # type: ignore[operator]
    z = _BIAS + float(((np.array(fact_features(a, b)) - _MEAN) / _SCALE) @ _WEIGHTS)
    score = 100.0 / (1.0 + math.exp(-z))
    return score if score_cutoff is None or score >= score_cutoff else 0.0


def same_fact(a: str, b: str) -> bool:
    """Whether two sentences report the same fact, at the default threshold."""
    return fact_similarity(a, b) >= SAME_FACT_THRESHOLD


# -- a story's facts -----------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleText:
    """What alignment needs of an article."""

    id: str
    outlet: str
    title: str
    text: str


@dataclass(frozen=True)
class Sentence:
    article_id: str
    outlet: str
    index: int  # position in the article's text
    text: str


@dataclass
class Fact:
    id: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {s.outlet for s in self.sentences}

    def sentence_of(self, outlet: str) -> Sentence | None:
        return next((s for s in self.sentences if s.outlet == outlet), None)


@dataclass(frozen=True)
class Discrepancy:
    """Outlets in one fact give different values for the same kind of thing."""

    fact_id: int
    kind: str  # "number" or "date"
    unit: str  # what is counted ("prisoner", "percent", "date")
    values: dict[str, tuple[Quantity, Sentence]]  # outlet -> (its value, its sentence)


@dataclass
class Alignment:
    """Everything alignment found in one story."""

    outlets: list[str]
    facts: list[Fact]
    discrepancies: list[Discrepancy]
    names: dict[str, dict[str, int]]  # name -> outlet -> mentions

    def omissions(self, min_share: float = 0.5) -> list[tuple[Fact, str]]:
        """(fact, outlet) for facts reported by at least two outlets and ``min_share`` of all,
        that this outlet, which has an article in the story, does not report."""
        found = []
        for fact in self.facts:
            reporting = fact.outlets
            if len(reporting) >= 2 and len(reporting) >= min_share * len(self.outlets):
                found += [(fact, outlet) for outlet in self.outlets if outlet not in reporting]
        return found

    def unique_facts(self) -> list[Fact]:
        """Facts one outlet reports and no other does (with some substance: a name or a number)."""
        return [f for f in self.facts if len(f.outlets) == 1 and len(self.outlets) > 1
                and any(numbers(s.text) or proper_names(s.text) for s in f.sentences)]


def story_sentences(articles: list[ArticleText]) -> list[Sentence]:
    sentences = []
    for article in articles:
        for index, text in enumerate(split_sentences(article.text)):
            if len(text.split()) >= _MIN_WORDS:
                sentences.append(Sentence(article.id, article.outlet, index, text))
    return sentences


def align_story(articles: list[ArticleText], threshold: float = SAME_FACT_THRESHOLD) -> Alignment:
    """Group the story's sentences into facts across outlets."""
    outlets = sorted({a.outlet for a in articles})
    sentences = story_sentences(articles)
    pairs = _scored_pairs(sentences, threshold)
    parent = list(range(len(sentences)))
    members: dict[int, set[str]] = {i: {sentences[i].article_id} for i in range(len(sentences))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Strongest pairs first; a fact never takes two sentences of one article, so a loosely
    # related sentence cannot drag a second fact in (no chaining through one article).
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        a, b = root(i), root(j)
        if a != b and not (members[a] & members[b]):
            parent[b] = a
            members[a] |= members.pop(b)
    groups: dict[int, list[Sentence]] = defaultdict(list)
    for i, sentence in enumerate(sentences):
        groups[root(i)].append(sentence)
    ordered = sorted(groups.values(), key=lambda g: (-len({s.outlet for s in g}), g[0].article_id, g[0].index))
    facts = [Fact(n + 1, sorted(g, key=lambda s: (s.outlet, s.article_id, s.index))) for n, g in enumerate(ordered)]
    discrepancies = [d for f in facts for d in fact_discrepancies(f)]
    discrepancies += related_discrepancies(facts, discrepancies)
    return Alignment(outlets, facts, discrepancies, names_table(articles))


def _scored_pairs(sentences: list[Sentence], threshold: float) -> list[tuple[float, int, int]]:
    """Cross-outlet sentence pairs that report the same fact, with a score 0-100.

    Inside one story, two outlets often report one fact in differently framed sentences that
    a paraphrase scorer calls different. TF-IDF over the story's own sentences weighs the
    words that single a fact out (names, figures, rare nouns), so a pair counts when either
    the scorer or that story-local cosine says so.
    """
    if len(sentences) < 2:
        return []
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b\w[\w'-]*\b") \
        .fit_transform(s.text for s in sentences)
    cosine = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, value in zip(cosine.row, cosine.col, cosine.data):
        if i < j and value >= _MIN_COSINE and sentences[i].outlet != sentences[j].outlet:
            score = max(fact_similarity(sentences[i].text, sentences[j].text), 100.0 * value / STORY_COSINE)
            if score >= threshold:
                pairs.append((score, int(i), int(j)))
    return pairs


def fact_discrepancies(fact: Fact) -> list[Discrepancy]:
    """Values of the same unit that differ between the outlets of one fact."""
    by_unit: dict[str, dict[str, tuple[Quantity, Sentence]]] = defaultdict(dict)
    for sentence in fact.sentences:
        for quantity in unambiguous_quantities(sentence.text):
            by_unit[quantity.unit].setdefault(sentence.outlet, (quantity, sentence))
    found = []
    for unit, values in by_unit.items():
        if len(values) >= 2 and _disagree([q for q, _ in values.values()]):
            found.append(Discrepancy(fact.id, "date" if unit == "date" else "number", unit, dict(values)))
    return found


def unambiguous_quantities(sentence: str) -> list[Quantity]:
    """The sentence's quantities, less units it gives two values of ("rose from 3.75 to 4.25
    percent", "wants 9 percent; was offered 4 percent"): which one another outlet's value
    answers cannot be told."""
    found = quantities(sentence)
    values: dict[str, set[float]] = defaultdict(set)
    for q in found:
        values[q.unit].add(q.value)
    return [q for q in found if len(values[q.unit]) == 1]


def related_discrepancies(facts: list[Fact], known: list[Discrepancy]) -> list[Discrepancy]:
    """Conflicting values in sentences that were not aligned as one fact but plainly speak of
    the same thing: same unit, and the words around the numbers largely shared."""
    fact_of = {(s.article_id, s.index): f.id for f in facts for s in f.sentences}
    seen = {(d.unit, s.article_id, s.index) for d in known for _, s in d.values.values()}
    items = [(q, s, set(content_words(s.text)) - set(q.text.lower().split()))
             for f in facts for s in f.sentences for q in unambiguous_quantities(s.text)
             if (q.unit, s.article_id, s.index) not in seen]
    groups: list[dict[str, tuple[Quantity, Sentence]]] = []
    for n, (qa, sa, context_a) in enumerate(items):
        for qb, sb, context_b in items[n + 1:]:
            if qa.unit != qb.unit or sa.outlet == sb.outlet or not _disagree([qa, qb]):
                continue
            if jaccard(context_a, context_b) < _RELATED_CONTEXT:
                continue
            group = next((g for g in groups if sa.outlet in g and g[sa.outlet][1] == sa
                          or sb.outlet in g and g[sb.outlet][1] == sb), None)
            if group is None:
                groups.append({sa.outlet: (qa, sa), sb.outlet: (qb, sb)})
            else:
                group.setdefault(sa.outlet, (qa, sa))
                group.setdefault(sb.outlet, (qb, sb))
    found = []
    for group in groups:
        quantity, sentence = next(iter(group.values()))
        kind = "date" if quantity.unit == "date" else "number"
        found.append(Discrepancy(fact_of[(sentence.article_id, sentence.index)], kind, quantity.unit, group))
    return found


def _disagree(values: list[Quantity]) -> bool:
    """True when the values cannot all be right: "at least 3" and "4" agree, "3" and "4" do not."""
    qualifiers = {q.qualifier for q in values}
    if len(qualifiers) == 1:  # worded alike ("up to 2 million" / "up to 1.5 million"): compare as they are
        tolerance = 1.15 if qualifiers & {"about", "around", "roughly", "approximately", "some", "an estimated"} else 1.001
        return max(q.value for q in values) > min(q.value for q in values) * tolerance
    exact = {q.value for q in values if q.qualifier in ("",)}
    if len(exact) > 1:
        return True
    lowest = max((q.value for q in values if q.qualifier in ("at least", "more than", "over")), default=None)
    highest = min((q.value for q in values if q.qualifier in ("up to", "less than", "fewer than", "under",
                                                              "at most")), default=None)
    for q in values:
        if lowest is not None and q.value < lowest and q.qualifier == "":
            return True
        if highest is not None and q.value > highest and q.qualifier == "":
            return True
    approximate = [q.value for q in values if q.qualifier not in ("at least", "more than", "over", "up to",
                                                                   "less than", "fewer than", "under", "at most")]
    return bool(approximate) and max(approximate) > min(approximate) * 1.15


def names_table(articles: list[ArticleText]) -> dict[str, dict[str, int]]:
    """Proper names x outlets: how often each outlet mentions each person, place or organisation.

    A bare surname ("Danek") counts for the full name it abbreviates ("Petra Danek") when
    the story mentions that full name.
    """
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_article = {a.id: proper_names(f"{a.title}.\n{a.text}") for a in articles}
    full_names = {n for names in per_article.values() for n in names if " " in n}
    by_last = defaultdict(set)
    for name in full_names:
        by_last[name.split()[-1]].add(name)
    for article in articles:
        for name in per_article[article.id]:
            if " " not in name and len(by_last.get(name, ())) == 1:
                name = next(iter(by_last[name]))
            mentions[name][article.outlet] += 1
    return {name: dict(outlets) for name, outlets in sorted(mentions.items())}
