"""Extraction's speed against another checkout's, side by side on two cores.

    .venv/bin/python bench/speed_against.py OTHER_CHECKOUT [--pairs 6]

This machine's speed drifts by a third from hour to hour, so two runs of ``bench/extraction.py`` one
after the other compare the hours as much as the codes. This runs this checkout's extraction and the
other's at the same time, each pinned to its own core (the cores swapped every pair), over the labelled
real texts in ``../shared/realdata``, and prints each pair's CPU seconds (best of seven passes) and the
ratio this / other: above 1, this checkout is slower. Needs two cores and Linux's ``sched_setaffinity``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"
FOLDERS = ("papers", "web/hf_modelcards")

# run in a child: best-of-seven CPU seconds of extraction over the texts, for the checkout on sys.argv[1]
CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from curation.extract.engine import extract
docs = [p.read_text(errors="replace") for folder in sys.argv[3:]
        for p in sorted(Path(sys.argv[2], folder).glob("*")) if p.suffix in (".txt", ".md")]
for doc in docs:
    extract(doc, 2023)
best = float("inf")
for i in range(7):
    start = time.process_time()
    for doc in docs:
        extract(doc + " " * (i + 1), 2023)
    best = min(best, time.process_time() - start)
print(best)
"""


def _pinned(checkout: Path, core: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(checkout), str(REALDATA), *FOLDERS],
                            stdout=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.sched_setaffinity(0, {core}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout's root (e.g. a git worktree)")
    parser.add_argument("--pairs", type=int, default=6)
    args = parser.parse_args()
    if not REALDATA.is_dir():
        print(f"no labelled texts at {REALDATA}", file=sys.stderr)
        return 1
    if len(os.sched_getaffinity(0)) < 2:
        print("needs two cores", file=sys.stderr)
        return 1
    ratios = []
    for pair in range(args.pairs):
        this_core, other_core = (0, 1) if pair % 2 == 0 else (1, 0)
        this, other = _pinned(ROOT, this_core), _pinned(args.other.resolve(), other_core)
        this_seconds, other_seconds = float(this.communicate()[0]), float(other.communicate()[0])
        ratios.append(this_seconds / other_seconds)
        print(f"pair {pair + 1}: this {this_seconds:.3f} s (core {this_core}), other {other_seconds:.3f} s "
              f"(core {other_core}), ratio {ratios[-1]:.3f}")
    print(f"this / other: mean {sum(ratios) / len(ratios):.3f}, range {min(ratios):.3f}–{max(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
