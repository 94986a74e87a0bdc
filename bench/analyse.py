"""The analyser measured: same-fact scorer, loaded wording, BASIL triplets, the demo's truth, speed.

- MRPC (news sentence pairs, the training file only): accuracy and F1 of the same-fact scorer
  (``compare.stories.pairs``) under 5-fold cross-validation (the network refitted and its
  threshold retuned on each fold's training part), and on a fixed held-out 30% of the pairs
  (by a hash of the first sentence's id, as MRPC numbers no pairs) after fitting and tuning on
  the other 70%; beside the model's cosine alone, "same" for every pair and a bare rapidfuzz
  token_set_ratio threshold. ``--fit`` also refits on all pairs and prints the weights that
  ``compare/stories/pairs.py`` ships; ``--mrpc`` stops after this part. Measured with
  all-MiniLM-L6-v2-int8: 5-fold 0.792 accuracy / 0.852 F1, held-out 0.763 / 0.825 (the
  logistic model before it: 0.774 / 0.840 and 0.756 / 0.826); the table in
  ``compare/stories/pairs.py`` has the lexical-only figures.
- Loaded wording: share of BASIL lexical-bias spans that hold a highlighted cue; cue density
  in BABE's biased sentences over its non-biased ones.
- BASIL triplets: facts, omissions and unique facts per story; how often BASIL's
  informational-bias spans fall in facts the analysis calls unique to that outlet.
- Demo corpus: recall of its planted facts, omissions, conflicting figures and loaded terms;
  precision of its facts (a sentence credited with a planted fact its outlet does not report),
  planted omissions shown as reports, omissions listed for an outlet that reports the fact.
- Speed: the sentence model's throughput; one story of 10 articles x 60 sentences with its
  vectors stored; 1,000 BASIL stories from scratch through the store, then after 10 more articles.

Run: python bench/analyse.py [--data ../shared/data] [--fit] [--mrpc]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, utils
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from compare import embed
from compare.analysis import align
from compare.analysis.framing import LOADED, Cue, article_cues, sentence_cues
from compare.analysis.parse import parse_article
from compare.analysis.run import analyse_changed_stories
from compare.demo.corpus import load_corpus
from compare.store import Store
from compare.stories import pairs as pairs_module
from halves import half  # beside this file

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EMBEDDER = embed.load_embedder("auto")
VECTORS = EMBEDDER.embed if EMBEDDER else None


def mrpc_pairs(data: Path) -> list[tuple[int, int, str, str]]:
    """(label, id of the first sentence, first sentence, second sentence) for each pair of MRPC's training file."""
    rows = []
    with open(data / "mrpc" / "msr_paraphrase_train.txt", encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 5:
                rows.append((int(parts[0]), int(parts[1]), parts[3], parts[4]))
    return rows


def _held_out(first_id: int) -> bool:
    """The fixed 30% of MRPC pairs that the held-out figures are measured on, by a hash of the
    first sentence's id (a sentence in several pairs keeps them on one side)."""
    return int(hashlib.sha1(str(first_id).encode("utf-8")).hexdigest(), 16) % 10 < 3


def fit(features: np.ndarray, labels: np.ndarray) -> tuple[StandardScaler, MLPClassifier]:
    """The same-fact network: one hidden layer of 8 ReLUs, L2-penalised, a fixed seed."""
    scaler = StandardScaler().fit(features)
    model = MLPClassifier((8,), alpha=1.0, max_iter=3000, random_state=0).fit(scaler.transform(features), labels)
    return scaler, model


def _probabilities(features: np.ndarray, labels: np.ndarray, test: np.ndarray) -> np.ndarray:
    scaler, model = fit(features, labels)
    return model.predict_proba(scaler.transform(test))[:, 1]


def tuned_threshold(features: np.ndarray, labels: np.ndarray, folds: int = 5) -> float:
    """The probability threshold most accurate on these pairs, from out-of-fold predictions."""
    predicted = np.zeros(len(labels))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(features, labels):
        predicted[test] = _probabilities(features[train], labels[train], features[test])
    candidates = np.round(np.arange(0.2, 0.8, 0.01), 2)
    return float(max(candidates, key=lambda t: (accuracy_score(labels, predicted >= t), -abs(t - 0.5))))


def mrpc_features(pairs: list[tuple[int, int, str, str]]) -> dict[str, np.ndarray]:
    """The scorer's features for every pair: lexical, and with the sentence model's when installed."""
    lexical = np.array([align.fact_features(a, b) for _, _, a, b in pairs])
    variants = {"lexical features": lexical}
    if EMBEDDER:
        texts = [[a, b, *pairs_module.model_texts(a, b)] for _, _, a, b in pairs]
        unique = sorted({t for row in texts for t in row if t})
        vectors = EMBEDDER.embed(unique)
        index = {t: i for i, t in enumerate(unique)}
        blank = np.zeros(vectors.shape[1], dtype=vectors.dtype)
        model = np.array([pairs_module.model_features(row[2:], np.array(
            [vectors[index[t]] if t else blank for t in row])) for row in texts])
        variants["lexical + sentence model"] = np.column_stack([lexical, model])
    return variants


def same_fact_scorer(data: Path, refit: bool) -> None:
    """5-fold cross-validation (the network refitted and its threshold retuned on each fold's
    training part, by 3-fold cross-validation inside it), and a fixed split: fitted and tuned on
    70% of the pairs (see _held_out), measured on the other 30%."""
    pairs = mrpc_pairs(data)
    labels = np.array([label for label, _, _, _ in pairs])
    held = np.array([_held_out(first_id) for _, first_id, _, _ in pairs])
    variants = mrpc_features(pairs)
    print(f"same-fact scorer on MRPC ({len(pairs)} pairs; held-out part {held.sum()} pairs):")
    for name, features in variants.items():
        accuracies, f1s = [], []
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(features, labels):
            threshold = tuned_threshold(features[train], labels[train], folds=3)
            predicted = _probabilities(features[train], labels[train], features[test]) >= threshold
            accuracies.append(accuracy_score(labels[test], predicted))
            f1s.append(f1_score(labels[test], predicted))
        print(f"  {name}, 5-fold cross-validation: accuracy {np.mean(accuracies):.3f} (folds "
              f"{min(accuracies):.3f}-{max(accuracies):.3f})  F1 {np.mean(f1s):.3f}")
        threshold = tuned_threshold(features[~held], labels[~held])
        predicted = _probabilities(features[~held], labels[~held], features[held]) >= threshold
        print(f"  {name}, fitted and tuned on 70%, held-out 30%: accuracy "
              f"{accuracy_score(labels[held], predicted):.3f}  F1 {f1_score(labels[held], predicted):.3f}  "
              f"(threshold {threshold:.2f})")
    if refit:
        for constant, features in zip(("_LEXICAL", "_WITH_MODEL"), variants.values()):
            threshold = tuned_threshold(features, labels)
            scaler, model = fit(features, labels)
            # the output bias moved so that the tuned threshold falls at a score of 50
            bias = float(model.intercepts_[1][0]) - math.log(threshold / (1 - threshold))
            print(f"\n# {constant} for compare/stories/pairs.py, fitted on all MRPC pairs "
                  f"(threshold {threshold:.2f}):")
            print(f"{constant} = {{")
            for key, value in (("mean", scaler.mean_), ("scale", scaler.scale_), ("w1", model.coefs_[0]),
                               ("b1", model.intercepts_[0]), ("w2", model.coefs_[1][:, 0])):
                print(f'    "{key}": np.array({np.round(value, 5).tolist()}),')
            print(f'    "b2": {round(bias, 5)},\n}}')
        return
    shipped = np.array([pairs_module.mlp_logit(f, pairs_module._WITH_MODEL if EMBEDDER else pairs_module._LEXICAL)
                        for f in variants[list(variants)[-1]]]) >= 0
    token_set = np.array([fuzz.token_set_ratio(a, b, processor=utils.default_process) for _, _, a, b in pairs])
    print(f"  as shipped (fitted on all pairs, so not a measure)  accuracy {accuracy_score(labels, shipped):.3f}  "
          f"F1 {f1_score(labels, shipped):.3f}")
    if EMBEDDER:
        cosine = variants["lexical + sentence model"][:, len(align.fact_features("a", "b"))]
        best = max(((accuracy_score(labels, cosine >= t), f1_score(labels, cosine >= t), t)
                    for t in np.arange(0.5, 0.95, 0.05)), key=lambda x: x[0])
        print(f"  model cosine >= {best[2]:.2f} (best accuracy)     accuracy {best[0]:.3f}  F1 {best[1]:.3f}")
    print(f"  'same' for every pair                     accuracy {labels.mean():.3f}  "
          f"F1 {f1_score(labels, np.ones_like(labels)):.3f}")
    best = max(((accuracy_score(labels, token_set >= t), f1_score(labels, token_set >= t), t)
                for t in range(50, 95, 5)), key=lambda x: x[0])
    print(f"  token_set_ratio >= {best[2]} (best accuracy)     accuracy {best[0]:.3f}  F1 {best[1]:.3f}")


def loaded_wording(data: Path) -> None:
    articles = {r["url"]: r for r in map(json.loads, (data / "basil" / "articles.jsonl").open(encoding="utf-8"))}
    spans = []
    for a in map(json.loads, (data / "basil" / "annotations.jsonl").open(encoding="utf-8")):
        article = articles.get(a["url"])
        if a["bias"] != "lexical" or article is None:
            continue
        if a["in_title"]:
            sentence = article["title"]
        elif a["sentence_index"] is not None and a["sentence_index"] < len(article["sentences"]):
            sentence = article["sentences"][a["sentence_index"]]
        else:
            continue
        spans.append((sentence, a["start"], a["end"], half(article["gold_story"])))

    def loaded(sentence: str) -> list[Cue]:
        return [c for c in sentence_cues(sentence) if c.category in LOADED]

    babe = []
    with open(data / "babe" / "final_labels_SG2.csv", encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter=";")):
            if row["label_bias"] in ("Biased", "Non-biased"):
                babe.append((row["text"], row["label_bias"] == "Biased", "A" if number % 2 == 0 else "B"))
    print(f"\nloaded wording (categories {', '.join(LOADED)}); the lexicon is adjusted on half A only:")
    for part_name in ("A", "B"):
        part = [(s, a, b) for s, a, b, h in spans if h == part_name]
        hits = sum(any(c.start < end and start < c.end for c in loaded(s)) for s, start, end in part)
        hits_all = sum(any(c.start < end and start < c.end for c in sentence_cues(s)) for s, start, end in part)
        cues, every_cue, words = {True: 0, False: 0}, {True: 0, False: 0}, {True: 0, False: 0}
        for text, biased, babe_half in babe:
            if babe_half == part_name:
                cues[biased] += len(loaded(text))
                every_cue[biased] += len(sentence_cues(text))
                words[biased] += len(text.split())

        def density(counts: dict[bool, int]) -> str:
            biased, plain = 100 * counts[True] / words[True], 100 * counts[False] / words[False]
            return f"biased {biased:.2f}, non-biased {plain:.2f}: {biased / plain:.2f}x"

        print(f"  half {part_name} ({'adjusted on' if part_name == 'A' else 'held out'}):")
        print(f"    BASIL lexical-bias spans holding a cue: {hits}/{len(part)} = {hits / len(part):.3f}")
        print(f"    BABE cues per 100 words: {density(cues)}")
        print(f"    with hedges counted too: BASIL {hits_all / len(part):.3f}, BABE {density(every_cue)}")


def basil_triplets(data: Path) -> None:
    rows = [json.loads(line) for line in (data / "basil" / "articles.jsonl").open(encoding="utf-8")]
    by_event: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_event[row["gold_story"]].append(row)
    informational: dict[str, set[int]] = defaultdict(set)
    for a in map(json.loads, (data / "basil" / "annotations.jsonl").open(encoding="utf-8")):
        if a["bias"] == "informational" and a["sentence_index"] is not None:
            informational[a["url"]].add(a["sentence_index"])
    facts = omissions = unique = shared_facts = 0
    spans_in_unique = spans_total = any_in_unique = any_total = 0
    started = time.perf_counter()
    for event in by_event.values():
        # The data set's own sentences, not a re-split: its annotations index them.
        articles = [parse_article(r["url"], r["outlet"], r["title"], "\n".join(r["sentences"]), r["sentences"])
                    for r in event]
        alignment = align.align_story(articles, vectors=VECTORS)
        facts += len(alignment.facts)
        shared_facts += sum(1 for f in alignment.facts if len(f.outlets) >= 2)
        omissions += len(alignment.omissions())
        unique_sentences = {(s.article_id, s.index) for f in alignment.facts if len(f.outlets) == 1 for s in f.sentences}
        unique += len(alignment.unique_facts())
        for r, parsed in zip(event, articles):
            for index in informational[r["url"]]:
                spans_total += 1
                spans_in_unique += (r["url"], index) in unique_sentences
            for sentence in parsed.fact_sentences:
                any_total += 1
                any_in_unique += (r["url"], sentence.index) in unique_sentences
    seconds = time.perf_counter() - started
    n = len(by_event)
    print(f"\nBASIL triplets ({n} stories x 3 outlets, {seconds:.1f} s):")
    print(f"  per story: {facts / n:.1f} facts, {shared_facts / n:.1f} reported by 2+ outlets, "
          f"{omissions / n:.1f} omissions, {unique / n:.1f} unique facts with a name or number")
    print(f"  informational-bias sentences in facts only that outlet reports: {spans_in_unique}/{spans_total} = "
          f"{spans_in_unique / max(spans_total, 1):.3f}")
    print(f"  base rate, any fact sentence in such a fact: {any_in_unique}/{any_total} = "
          f"{any_in_unique / max(any_total, 1):.3f}")


def demo_truth() -> None:
    """Recall of what the demo plants, and the precision of its facts.

    Facts: a planted fact's outlet pair is aligned when a row holds both outlets' evidence. A row
    holding one outlet's evidence of a planted fact credits every other outlet with a sentence
    in it with the fact: right when that sentence is the outlet's evidence of the fact, wrong
    when the outlet does not report the fact (per the truth), unknown otherwise. Omissions: a
    planted omission (an outlet of the story that does not report the fact) is found when it is
    listed on a row holding the fact's evidence, and shown as a report when the outlet has a
    sentence in such a row; an omission listed there for an outlet that does report it is false.
    """
    corpus = load_corpus()
    pair_total = pair_hit = omission_total = omission_hit = omission_shown = omission_false = 0
    figure_total = figure_hit = loaded_total = loaded_hit = 0
    credited: dict[str, int] = defaultdict(int)  # right, wrong, unknown
    for story, truth in corpus.truth["stories"].items():
        group = corpus.by_story()[story]
        alignment = align.align_story([align.ArticleText(a.id, a.outlet, a.title, a.text) for a in group],
                                      vectors=VECTORS)
        omitted = {(f.id, o) for f, o in alignment.omissions()}
        present = {a.outlet for a in group}
        for fact in truth["facts"]:
            holding = {o: _facts_holding(alignment, o, e) for o, e in fact["evidence"].items()}
            outlets = sorted(holding)
            for i, a in enumerate(outlets):
                for b in outlets[i + 1:]:
                    pair_total += 1
                    pair_hit += bool(holding[a] & holding[b])
            rows = set().union(*holding.values())  # the rows holding some outlet's evidence of the fact
            for row in (f for f in alignment.facts if f.id in rows):
                evidence_outlets = {o for o, h in holding.items() if row.id in h}
                for sentence in row.sentences:
                    if evidence_outlets - {sentence.outlet}:
                        evidence = fact["evidence"].get(sentence.outlet)
                        credited["right" if evidence and _is_evidence(sentence, evidence) else
                                 "wrong" if sentence.outlet not in fact["evidence"] else "unknown"] += 1
                omission_false += sum((row.id, o) in omitted for o in fact["evidence"])
            for outlet in present - set(fact["evidence"]):
                omission_total += 1
                omission_hit += any((f, outlet) in omitted for f in rows)
                omission_shown += any(s.outlet == outlet for f in alignment.facts if f.id in rows for s in f.sentences)
        for figure in truth["figures"]:
            figure_total += 1
            figure_hit += any(len(set(d.values) & set(figure["value"])) >= 2 for d in alignment.discrepancies)
        for loaded in truth.get("loaded", []):
            loaded_total += 1
            cues = [c for a in group if a.outlet == loaded["outlet"] for c in article_cues(a.title, a.text)]
            term = loaded["term"].lower()
            loaded_hit += any(term in c.sentence.lower() and c.sentence.lower().find(term) < c.end
                              and c.start < c.sentence.lower().find(term) + len(term) for c in cues)
    judged = credited["right"] + credited["wrong"]
    print("\ndemo corpus (what was planted):")
    print(f"  facts: {pair_hit}/{pair_total} outlet pairs aligned = {pair_hit / pair_total:.3f} (recall)")
    print(f"  facts: sentences in a row with another outlet's evidence: {credited['right']} that outlet's evidence, "
          f"{credited['wrong']} of an outlet that does not report the fact, {credited['unknown']} unknown; "
          f"precision {credited['right']}/{judged} = {credited['right'] / max(judged, 1):.3f}")
    print(f"  omissions: {omission_hit}/{omission_total} found = {omission_hit / omission_total:.3f}, "
          f"{omission_shown} shown as reports, {omission_false} listed for an outlet that reports the fact")
    print(f"  conflicting figures: {figure_hit}/{figure_total} = {figure_hit / figure_total:.3f}")
    print(f"  loaded terms: {loaded_hit}/{loaded_total} = {loaded_hit / loaded_total:.3f}")


def _facts_holding(alignment: align.Alignment, outlet: str, evidence: str) -> set[int]:
    """Ids of the facts that hold this outlet's sentence with the evidence text."""
    return {fact.id for fact in alignment.facts for sentence in fact.sentences
            if sentence.outlet == outlet and _is_evidence(sentence, evidence)}


def _is_evidence(sentence: align.Sentence, evidence: str) -> bool:
    """Whether the sentence (or clause) holds the evidence text (its start or its end, when a
    clause holds only part of it)."""
    return evidence[:40] in sentence.text or evidence[-30:] in sentence.text


def speed(data: Path, stories: int) -> None:
    """Embedding throughput; one big story warm; ``stories`` BASIL stories through the store
    from scratch, then again after 10 more articles arrive; each as `analyse` runs it."""
    rows = [json.loads(line) for line in (data / "basil" / "articles.jsonl").open(encoding="utf-8")]
    sentences = list(dict.fromkeys(s for r in rows for s in r["sentences"]))
    print("\nspeed:")
    if EMBEDDER:
        sample = sentences[:1000]
        started = time.perf_counter()
        EMBEDDER.embed(sample)
        print(f"  {EMBEDDER.name}: {len(sample) / (time.perf_counter() - started):.0f} sentences/s on this machine")
    rng = __import__("random").Random(0)
    by_event: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_event[row["gold_story"]].append(row)
    events = list(by_event.values())
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        big = [{"outlet": f"Outlet {n}", "url": f"https://big.example/{n}", "title": f"Headline {n}",
                "text": "\n".join(rng.sample(sentences, 60))} for n in range(10)]
        _place(store, [("big", big)])
        analyse_changed_stories(store, embedder=EMBEDDER)  # embeds and stores the sentences
        store.forget_analyses()
        started = time.perf_counter()
        analyse_changed_stories(store, embedder=EMBEDDER)
        print(f"  one story of 10 articles x 60 sentences, vectors stored: {time.perf_counter() - started:.2f} s")
        # Each story a copy of one of BASIL's 100 events under new addresses (its texts, and so
        # its sentence vectors, repeat every 100 stories).
        groups = [(f"e{n}", [{**r, "url": f"https://copy{n}.example/{i}"}
                             for i, r in enumerate(events[n % len(events)])]) for n in range(stories)]
        _place(store, groups)
        started = time.perf_counter()
        report = analyse_changed_stories(store, embedder=EMBEDDER)
        many = time.perf_counter() - started
        print(f"  {report.stories} stories of 3 BASIL articles from scratch: {many:.1f} s "
              f"({many / max(1, report.stories) * 1000:.0f} ms a story, {report.embedded} sentences embedded)")
        extra = [(f"e{n}", [{**events[(n + 1) % len(events)][0], "url": f"https://extra.example/{n}",
                             "outlet": "Extra Outlet"}]) for n in range(10)]
        _place(store, extra)
        started = time.perf_counter()
        report = analyse_changed_stories(store, embedder=EMBEDDER)
        print(f"  again after 10 articles joined 10 stories: {time.perf_counter() - started:.1f} s "
              f"({report.stories} stories, {report.embedded} sentences embedded)")


def _place(store: Store, groups: list[tuple[str, list[dict]]]) -> None:
    """Import articles and put each group in its story, as `match` would."""
    when = datetime.now(timezone.utc)
    for _, records in groups:
        for record in records:
            store.import_article({k: record[k] for k in ("outlet", "url", "title", "text")}, when=when)
    ids = {a["url"]: a["id"] for a in store.iter_articles()}
    stamp = "2020-01-01T00:00:00+00:00"
    stories = [(story_id, story_id, stamp, stamp, len(records), len({r["outlet"] for r in records}),
                len({r["outlet"] for r in records}), json.dumps(sorted({r["outlet"] for r in records})), stamp)
               for story_id, records in groups]
    store.save_stories(stories, [(story_id, None, None, ids[r["url"]]) for story_id, records in groups
                                 for r in records], {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--fit", action="store_true", help="refit the same-fact weights and print them")
    parser.add_argument("--mrpc", action="store_true", help="measure (or with --fit refit) the same-fact scorer only")
    parser.add_argument("--stories", type=int, default=1000, help="stories in the speed run")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"{args.data} is absent; only the demo corpus is measured", file=sys.stderr)
    if (args.data / "mrpc").exists():
        same_fact_scorer(args.data, args.fit)
    if args.mrpc:
        return 0
    if (args.data / "basil").exists() and (args.data / "babe").exists():
        loaded_wording(args.data)
    if (args.data / "basil").exists():
        basil_triplets(args.data)
    demo_truth()
    if (args.data / "basil").exists():
        speed(args.data, args.stories)
    return 0


if __name__ == "__main__":
    sys.exit(main())
