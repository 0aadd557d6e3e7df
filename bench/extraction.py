"""Benchmark of compute extraction on the labelled real texts in ../shared/realdata.

    .venv/bin/python bench/extraction.py [--repeat 20]

For each labelled paper and model card: the primary estimate against Epoch AI's figure (ratio,
within 2× / 3×); for the negatives, any false primary (≥ 1e22 FLOP); and throughput (MB/s of text,
documents/s) on one core.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation.extract.engine import extract  # noqa: E402

REAL = ROOT.parent / "shared" / "realdata"
SETS = {"papers": REAL / "papers", "model cards": REAL / "web" / "hf_modelcards"}


def evaluate(folder: Path) -> tuple[list[str], dict[str, int], list[str]]:
    """Per-document report lines, counts, and the texts (for throughput)."""
    lines, counts, texts = [], {"positives": 0, "within_2x": 0, "within_3x": 0, "negatives": 0,
                                "false_primaries": 0}, []
    with open(folder / "labels.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        text = (folder / row["file"]).read_text(encoding="utf-8")
        texts.append(text)
        primary = extract(text).primary
        value = f"{primary.value_flop:.3g} ({primary.method})" if primary else "none"
        if row.get("kind", "positive") == "negative":
            counts["negatives"] += 1
            false = primary is not None and primary.value_flop >= 1e22
            counts["false_primaries"] += false
            lines.append(f"  {row['file']:<44} negative  primary {value}{'  FALSE PRIMARY' if false else ''}")
            continue
        truth = float(row["epoch_training_compute_flop"])
        counts["positives"] += 1
        ratio = max(primary.value_flop, truth) / min(primary.value_flop, truth) if primary else None
        counts["within_2x"] += bool(ratio and ratio <= 2)
        counts["within_3x"] += bool(ratio and ratio <= 3)
        shown = f"{ratio:.2f}x" if ratio else "—"
        lines.append(f"  {row['file']:<44} Epoch {truth:.3g}  primary {value}  ratio {shown}")
    return lines, counts, texts


def throughput(texts: list[str], repeat: int) -> tuple[float, float]:
    """MB/s of text and documents/s over ``repeat`` passes."""
    size = sum(len(t.encode("utf-8")) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            extract(text)
    elapsed = time.perf_counter() - start
    return size / 1e6 / elapsed, len(texts) * repeat / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes for the throughput figure")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"needs the labelled texts in {REAL}")
    all_texts = []
    for name, folder in SETS.items():
        lines, counts, texts = evaluate(folder)
        all_texts += texts
        print(f"{name}:")
        print("\n".join(lines))
        print(f"  → within 2x: {counts['within_2x']}/{counts['positives']}, within 3x: "
              f"{counts['within_3x']}/{counts['positives']}, false primaries on negatives: "
              f"{counts['false_primaries']}/{counts['negatives']}")
    mb_per_s, docs_per_s = throughput(all_texts, args.repeat)
    size = sum(len(t.encode("utf-8")) for t in all_texts) / 1e6
    print(f"throughput: {mb_per_s:.2f} MB/s, {docs_per_s:.1f} documents/s "
          f"({len(all_texts)} documents, {size:.2f} MB, {args.repeat} passes, one core)")


if __name__ == "__main__":
    main()
