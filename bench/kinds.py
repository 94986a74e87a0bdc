"""Article kinds on real news pages: how many pages declare or reveal a report, opinion or analysis, and how.

Runs the extractor over the pages of ``../shared/data/extraction`` (181 real news pages of
many outlets) and counts, per signal, the pages it finds to be opinion or analysis: the page's
own declaration (JSON-LD ``@type`` or ``articleSection``, ``article:section``), its URL, its
headline or text. The data set has no kind labels: the pages found are listed with their
URL, so that each can be checked by eye.

Run: python bench/kinds.py [--data ../shared/data/extraction]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from compare.collect.extract import decode_html, extract_article
from compare.kinds import REPORT, kind_of_text, kind_of_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/extraction")
    args = parser.parse_args()
    truth_path = args.data / "ground-truth.json"
    if not truth_path.exists():
        print(f"{truth_path} is absent; nothing to measure", file=sys.stderr)
        return 1
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    by_signal: Counter[tuple[str, str]] = Counter()
    found = []
    for page_id, record in sorted(truth.items()):
        path = args.data / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        url = record.get("url") or ""
        extracted = extract_article(decode_html(gzip.decompress(path.read_bytes())), url=url, min_words=0)
        title, text = (extracted.title, extracted.text) if extracted else ("", "")
        declared = extracted.kind if extracted else ""
        signals = [("page", declared), ("url", kind_of_url(url)), ("headline or text", kind_of_text(title, text))]
        kind, signal = next(((k, s) for s, k in signals if k), (REPORT, "none"))
        by_signal[(kind, signal)] += 1
        if kind != REPORT:
            found.append((kind, signal, url, title[:70]))
    total = sum(by_signal.values())
    print(f"{total} pages:")
    for (kind, signal), count in sorted(by_signal.items()):
        print(f"  {kind:9s} by {signal:16s} {count:4d}")
    for kind, signal, url, title in found:
        print(f"  {kind:9s} ({signal}) {url}  {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
