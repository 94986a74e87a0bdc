"""How long the quick commands take to start: `import compare.align`, `news-compare stories` and
`news-compare feeds` on an empty database, each run in a fresh interpreter.

    .venv/bin/python bench/startup.py [--runs 10]

Prints the fastest and the median wall time of each, and the heavy libraries each one loads
(scikit-learn, pandas, scipy, numpy, onnxruntime). The machine's other work shows in the
median; the fastest run is the one to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("sklearn", "pandas", "scipy", "numpy", "onnxruntime")


def command_code(db: Path, *arguments: str) -> str:
    """Python that runs ``news-compare --db DB ARGUMENTS`` and prints the heavy modules it loaded."""
    return ("import contextlib, io, json, sys\nfrom compare.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main({['--db', str(db), *arguments]!r})\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")


def timed(code: str, runs: int, folder: str) -> tuple[float, float, list[str]]:
    """Fastest and median seconds of ``python -c code`` over ``runs`` runs, and what it printed last.
    Run in ``folder``: a checkout in the current folder would shadow the installed package."""
    times, loaded = [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=folder)
        times.append(time.perf_counter() - started)
        loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return min(times), statistics.median(times), loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "empty.db"
        subprocess.run([sys.executable, "-c", f"from compare.store import Store; Store({str(db)!r}).close()"],
                       check=True, cwd=folder)
        cases = {
            "python -c 'import compare.align'": "import json, sys, compare.align\n"
                                                f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))",
            "news-compare stories": command_code(db, "stories"),
            "news-compare feeds": command_code(db, "feeds"),
        }
        baseline, _, _ = timed("print('[]')", args.runs, folder)
        print(f"{'':36} {'fastest':>8} {'median':>8}  loads  (the interpreter alone: {baseline:.3f} s)")
        for name, code in cases.items():
            fastest, median, loaded = timed(code, args.runs, folder)
            print(f"{name:36} {fastest:7.3f}s {median:7.3f}s  {', '.join(loaded) or '-'}")


if __name__ == "__main__":
    main()
