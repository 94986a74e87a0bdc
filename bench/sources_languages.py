"""Sources across languages on MEANTIME: the English version's named speakers found in each translation.

MEANTIME (``../shared/data/meantime/``) gives each Wikinews article in English, Spanish, Italian
and Dutch, sentence k of a translation translating sentence k of the English. The English rules
(compare/analysis/attribution.py) credit a named speaker in an English sentence; the same speaker
should be found in the translation's sentence k by compare/analysis/attribution_languages.py:

- found: of the English sentences with a named speaker whose translation was kept, the share
  where the translation credits that speaker (the same surname or company name);
- right: of the translation's speakers in those sentences, the share that are that speaker;
- listed elsewhere: the translation's speakers in sentences where the English names none (many
  are right: "la empresa" where the English says "the company", which is not a name).

The verbs and rules were written looking at the airbus topic only; the stock topic is held out.

Run: python bench/sources_languages.py [--data ../shared/data] [--topic airbus|stock] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from compare.analysis.parse import parse_article  # noqa: E402
from compare.analysis.sources import article_sources  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TRANSLATIONS = ("es", "it", "nl")


def normalised(name: str) -> str:
    return re.sub(r"\W+", " ", name.lower()).strip()


def same_speaker(a: str, b: str) -> bool:
    """One name holds the other, or they end in the same word (a surname, a company)."""
    if len(a) <= 2 or len(b) <= 2:
        return False
    return a in b or b in a or a.split()[-1] in b.split() or b.split()[-1] in a.split()


def speakers_by_sentence(version: dict, language: str) -> dict[int, set[str]]:
    """The sources of one version, by the English sentence index they stand in."""
    kept = version["kept"]
    article = parse_article(version["url"], version["outlet"], version["title"], version["text"],
                            sentences=[version["sentences"][k] for k in kept], language=language)
    found: dict[int, set[str]] = defaultdict(set)
    for source in article_sources(article):
        found[kept[source.sentence_index]].add(normalised(source.source))
    return found


def named(english: dict, k: int, speakers: set[str]) -> set[str]:
    """The English speakers of sentence k that are names (a capitalised word of the sentence)."""
    capitalised = {normalised(w) for w in english["sentences"][k].split() if w[:1].isupper()}
    return {s for s in speakers if not s.startswith(("the ", "a ", "an ")) and set(s.split()) & capitalised}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topic", choices=("airbus", "stock"))
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss and extra speaker")
    args = parser.parse_args()
    path = args.data / "meantime" / "articles.jsonl"
    if not path.exists():
        sys.exit(f"{path} is absent; nothing to measure")
    documents: dict[str, dict[str, dict]] = defaultdict(dict)
    for line in path.open(encoding="utf-8"):
        version = json.loads(line)
        if not args.topic or version["topic"] == args.topic:
            documents[version["gold_story"]][version["lang"]] = version
    counts: Counter = Counter()
    for versions in documents.values():
        english = speakers_by_sentence(versions["en"], "en")
        for language in TRANSLATIONS:
            if language not in versions:
                continue
            translated = speakers_by_sentence(versions[language], language)
            for k in versions[language]["kept"]:
                wanted, mine = named(versions["en"], k, english.get(k, set())), translated.get(k, set())
                if not wanted:
                    counts[language, "elsewhere"] += len(mine)
                    continue
                counts[language, "wanted"] += len(wanted)
                counts[language, "found"] += sum(any(same_speaker(w, m) for m in mine) for w in wanted)
                counts[language, "listed"] += len(mine)
                counts[language, "right"] += sum(any(same_speaker(w, m) for w in wanted) for m in mine)
                if args.verbose and not any(same_speaker(w, m) for w in wanted for m in mine):
                    print(f"  {language} missed {sorted(wanted)}, found {sorted(mine)}: "
                          f"{versions[language]['sentences'][k][:140]}")
    print(f"MEANTIME {args.topic or 'both topics'}: the English version's named speakers in each translation")
    for language in TRANSLATIONS:
        c = {key: counts[language, key] for key in ("wanted", "found", "listed", "right", "elsewhere")}
        print(f"  {language}: found {c['found']}/{c['wanted']} = {c['found'] / max(c['wanted'], 1):.2f}; "
              f"right {c['right']}/{c['listed']} = {c['right'] / max(c['listed'], 1):.2f}; "
              f"{c['elsewhere']} listed in sentences where the English names nobody")


if __name__ == "__main__":
    main()
