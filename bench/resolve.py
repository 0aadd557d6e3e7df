"""Benchmark of entity resolution on realistic synthetic candidates with a known truth.

    .venv/bin/python bench/resolve.py [--sizes 10000 100000 1000000] [--seed 7]

Generates model families ("Zorvex 2", "Quillan 3.1", …) with several sizes each, every model seen by
one to four sources under the names they would use: Epoch's notable and all-models tables (one of
them with a stray trailing space or a renamed casing), an arXiv paper record (one paper for all the
family's sizes, with a compute figure near the model's), a Hugging Face repo ("org/Zorvex-2-7b-hf",
instruct variants as models of their own). Families with near-identical names ("Zorvex" and
"Zorvix") are distinct models. Each size runs in its own process and reports the wall time of
`merge_models` (resolution + merge + provenance), the process's peak memory, and pairwise precision
and recall against the generator's truth.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = ["zor", "vex", "quil", "lan", "mir", "ta", "kel", "dor", "phi", "na", "ros", "gen", "tal",
             "bri", "on", "sa", "ve", "lum", "cor", "dex", "ari", "mo", "ne", "tru", "xa", "pel"]
SIZES = [("125M", 1.25e8), ("350M", 3.5e8), ("1.3B", 1.3e9), ("7B", 7e9), ("13B", 1.3e10), ("70B", 7e10)]
ORGS = ["Aurora Labs", "Kestrel AI", "Northwind Research", "Polaris", "Helix", "Umbra", "Cinder AI"]


def _sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def generate(n_records: int, seed: int) -> tuple[list[dict], list[int]]:
    """Candidate rows and, for each, the index of the true model it describes."""
    rng = random.Random(seed)
    rows: list[dict] = []
    truth: list[int] = []
    model = 0
    used_names: set[str] = set()
    while len(rows) < n_records:
        family = "".join(rng.sample(SYLLABLES, rng.choice((2, 3, 3, 4)))).capitalize()
        if rng.random() < 0.15 and rows:  # a near-identical name of another family: a different model
            family = family[:-1] + ("i" if family[-1] != "i" else "o")
        version = rng.choice(["", " 2", " 3", " 3.1", " v2"])
        base = f"{family}{version}"
        if base in used_names:
            continue
        used_names.add(base)
        org, year = rng.choice(ORGS), rng.randint(2015, 2025)
        paper = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
        for size, params in rng.sample(SIZES, rng.randint(1, 3)):
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            flop = 6 * params * rng.choice([2e11, 1e12, 2e12]) * rng.uniform(0.9, 1.1)
            name = f"{base} {size}" if rng.random() < 0.7 else f"{base}-{size}"
            seen = rng.sample(["notable", "all", "arxiv", "huggingface"], rng.randint(1, 4))
            for source in seen:
                row = {"publication_date": date, "organization": org, "training_compute_flop": flop,
                       "fetched_at": "2026-11-26T03:00:00+00:00", "arxiv_id": paper}
                if source in ("notable", "all"):
                    shown = name + (" " if rng.random() < 0.05 else "")
                    row |= {"source": "epoch", "model": shown, "source_record_id": f"{source}:{shown}",
                            "raw_sha256": _sha(source),
                            "compute_method": "Operation counting"}
                elif source == "arxiv":
                    row |= {"source": "arxiv", "model": name, "source_record_id": f"{paper}v1:{size}",
                            "raw_sha256": _sha(f"{paper}:{size}"),
                            "compute_method": "operation_counting", "paper_version": 1,
                            "training_compute_flop": flop * rng.uniform(0.7, 1.4)}
                else:
                    repo = f"{org.split()[0].lower()}/{base.replace(' ', '-')}-{size.lower()}-hf"
                    row |= {"source": "huggingface", "model": repo.split("/")[1],
                            "source_record_id": f"{repo}@2025-01-01", "arxiv_id": None,
                            "raw_sha256": _sha(repo), "compute_method": None,
                            "training_compute_flop": None, "organization": None}
                rows.append(row)
                truth.append(model)
            model += 1
            if rng.random() < 0.2:  # an instruct variant on the Hub: a model of its own
                repo = f"{org.split()[0].lower()}/{base.replace(' ', '-')}-{size.lower()}-instruct"
                rows.append({"source": "huggingface", "model": repo.split("/")[1],
                             "source_record_id": f"{repo}@2025-01-01", "raw_sha256": _sha(repo),
                             "publication_date": date, "fetched_at": "2026-11-26T03:00:00+00:00"})
                truth.append(model)
                model += 1
    return rows[:n_records], truth[:n_records]


def pairwise(truth: list[int], predicted: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall of ``predicted`` clusters against ``truth``."""
    from collections import Counter

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(truth, predicted, strict=True)))
    found, true = pairs(Counter(predicted)), pairs(Counter(truth))
    return (both / found if found else 1.0), (both / true if true else 1.0)


def run_one(n: int, seed: int) -> dict[str, float]:
    import pandas as pd

    from curation.resolve.merge import merge_models
    from schemas.validate import validate_candidates

    rows, truth = generate(n, seed)
    frame = pd.DataFrame(rows)
    frame["truth"] = truth
    candidates = validate_candidates(frame).candidates
    candidates["truth"] = frame["truth"].to_numpy()
    started = time.perf_counter()
    merged = merge_models(candidates.drop(columns="truth"), paper_sources=["arxiv"],
                          estimating_sources=["arxiv", "huggingface"])
    seconds = time.perf_counter() - started
    owner = dict(zip(zip(merged.links["source"], merged.links["source_record_id"], strict=True),
                     merged.links["model_id"], strict=True))
    predicted = [owner.get((s, r), f"unlinked:{i}") for i, (s, r) in
                 enumerate(zip(candidates["source"], candidates["source_record_id"], strict=True))]
    precision, recall = pairwise(list(candidates["truth"]), predicted)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"records": len(candidates), "true_models": len(set(truth)), "models": len(merged.models),
            "seconds": seconds, "peak_mib": peak, "precision": precision, "recall": recall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    results = {}
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        results[n] = result
        print(f"{n:>9,} candidates ({result['true_models']:,} true models → {result['models']:,}): "
              f"{result['seconds']:6.1f} s, peak {result['peak_mib']:,.0f} MiB, "
              f"precision {result['precision']:.4f}, recall {result['recall']:.4f}", flush=True)
    if 10_000 in results and 100_000 in results:
        print(f"10k → 100k time growth: {results[100_000]['seconds'] / results[10_000]['seconds']:.1f}x")


if __name__ == "__main__":
    main()
