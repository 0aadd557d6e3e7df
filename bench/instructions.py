"""Instructions extraction executes per pass over the labelled real texts, counted by Valgrind.

    .venv/bin/python bench/instructions.py [OTHER_CHECKOUT ...]

Wall-clock figures on this machine drift by a third from hour to hour; a count of executed instructions
does not (it differs by well under 1% between runs). For this checkout and each other one given (a
``git worktree``), a child process runs extraction over the texts once, then twice, under Valgrind's
cachegrind tool with its cache simulation off; the difference is one steady pass (regexes compiled,
caches warm). Prints millions of instructions per pass and each checkout's ratio to this one. Needs
``valgrind`` on the PATH (Debian's ``valgrind`` package) and takes about three minutes a checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from speed_against import FOLDERS, REALDATA, ROOT  # the same texts as the side-by-side timing

# run in a child: ``passes`` passes of extraction over the texts, for the checkout on sys.argv[1]; each
# pass pads the texts anew, as bench/speed_against.py does, so that no cache carries a text over
CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from curation.extract.engine import extract
docs = [p.read_text(errors="replace") for folder in sys.argv[3:]
        for p in sorted(Path(folder).glob("*")) if p.suffix in (".txt", ".md")]
for i in range(int(sys.argv[2])):
    for doc in docs:
        extract(doc + " " * (i + 1), 2023)
"""
TOTAL = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(checkout: Path, passes: int) -> int:
    """Instructions Valgrind counts for a child that runs ``passes`` passes (its start-up included)."""
    folders = [str(REALDATA / folder) for folder in FOLDERS]
    result = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, "-c", CHILD, str(checkout), str(passes), *folders],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    found = TOTAL.search(result.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output for {checkout}")
    return int(found.group(1).replace(",", ""))


def per_pass(checkout: Path) -> float:
    """Millions of instructions of one steady pass: two passes less one."""
    return (instructions(checkout, 2) - instructions(checkout, 1)) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", nargs="*", type=Path, help="other checkouts to count")
    args = parser.parse_args(argv)
    if not REALDATA.is_dir():
        print(f"skipped: {REALDATA} is absent (a fresh clone without ../shared)")
        return 0
    if shutil.which("valgrind") is None:
        sys.exit("needs valgrind on the PATH (apt-get install valgrind)")
    this = per_pass(ROOT)
    print(f"this checkout ({ROOT}): {this:,.0f} M instructions per pass")
    for other in args.others:
        count = per_pass(other.resolve())
        print(f"{other}: {count:,.0f} M instructions per pass; this / other: {this / count:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
