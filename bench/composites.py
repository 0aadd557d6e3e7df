"""Robustness of compute extraction on composite texts: a run of the text's own among distractors.

    .venv/bin/python bench/composites.py [--seeds 5] [--texts 300] [--show 3]

Three generators write short texts of invented models (no real text, no corpus file): a paper whose
own run (a size and tokens, a family of sizes, a mixture of experts, a stated total, devices × days)
sits among two to six distractor sentences (cited runs, projections, general rules, ablations,
inference, grants, scaling-law sweeps, an earlier model of the authors, a comparison table), also
re-wrapped as PDF text is (short lines, words broken with a hyphen); a model card whose training facts
sit among a comparison table, a citation, usage code and an empty CO2 template; and a derived card (a
fine-tune, a quantized copy, a merge, an adapter) that repeats its base's facts. It prints, per set,
how many texts get the right primary (within 2× of the own run; for derived cards, no pre-training
primary). These are texts of our own: the figures show coverage of ways of writing, not accuracy on
real texts (``bench/extraction.py`` and ``flopwatch eval extraction`` measure that).
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curation.extract.documents import extract_document  # noqa: E402
from schemas.handover import CARD, PAPER, Document  # noqa: E402

H100_DAY = 989e12 * 0.3 * 86400  # the default H100 estimate of one device-day
NAMES = ("Osprey", "Gannet", "Plover", "Wren", "Tern")
OWN_RUNS = (
    "We train {name}-{size}B on {tok}T tokens.",
    "{name}-{size}B was pre-trained on {tok} trillion tokens of web text and code.",
    "Our largest model, {name}-{size}B, is trained on {tok}T tokens.",
    "We release {name} in 0.5B, 0.9B and {size}B sizes, all trained on {tok}T tokens.",
    "{name}-MoE has {total}B total parameters with {size}B activated per token and is trained on "
    "{tok}T tokens.",
    "Training {name}-{size}B required {flop} FLOPs in total.",
)
PAPER_DISTRACTORS = (
    "Kite-175B was trained on 300B tokens using 3.14e23 FLOPs (Wu et al., 2020).",
    "Scaling laws suggest a 500B model would need 10T tokens, requiring about 3e25 FLOPs.",
    "For ablations, we train 1B-parameter models on 100B tokens.",
    "Heron-540B used 6144 TPU v4 chips for 50 days [12].",
    "Inference over the benchmark takes 200 GPU hours on A100s.",
    "We fine-tune {name}-{size}B on 1M instructions for 3 epochs.",
    "Training a model with 1 trillion parameters on 20 trillion tokens requires 1.2 × 10^26 FLOPs.",
    "Compared to Albatross-280B, trained on 300B tokens, {name} is smaller.",
    "The hyperparameter search used 500 runs of 125M models, each on 2B tokens.",
    "Frontier models now exceed 1e25 FLOPs of training compute.",
    "Our earlier work trained Kite-2-70B on 2T tokens with 1.7M GPU hours.",
    "To fit scaling laws, we train 20 models from 100M to 3B parameters on up to 300B tokens.",
    "In total, all experiments in this paper used about 5e25 FLOPs.",
    "Distilling a 405B teacher into {name} would cost 4e24 FLOPs, which we leave to future work.",
    "We estimate that Kite-4 was trained with 2e25 FLOPs.",
    "This work was supported by a grant of 10M GPU hours on the Frontier supercomputer.",
    "Table 3: Comparison with open models.\n| Model | Params | Tokens |\n|---|---|---|\n"
    "| Kite-65B | 65B | 1.4T |\n| Heron-180B | 180B | 3.5T |",
)
CARD_FACTS = (
    "{name}-{size}B was trained on {tok}T tokens.",
    "- **Parameters:** {size}B\n- **Training tokens:** {tok}T\n",
    "| Model | Params | Tokens |\n|---|---|---|\n| {name}-{size}B | {size}B | {tok}T |\n",
)
CARD_DISTRACTORS = (
    "## Comparison\n\n| Model | Params | Tokens |\n|---|---|---|\n| Kite-70B | 70B | 15T |\n",
    "## Limitations\n\nLike Kite-70B, trained on 15T tokens, the model may hallucinate.",
    "## Citation\n\n```bibtex\n@article{{{name}2024,\n  year={{2024}},\n  volume={{2405.12345}}\n}}\n```",
    "## Environmental impact\n\n- **Hardware Type:** [More Information Needed]\n"
    "- **Hours used:** [More Information Needed]\n",
    "## Model Details\n\n- **Finetuned from model [optional]:** [More Information Needed]\n",
    "## Fine-tuned variants\n\n{name}-{size}B-Instruct is a fine-tuned version of {name}-{size}B, trained "
    "for 2 days on 64 H100 GPUs.",
)
DERIVED_OPENINGS = (
    ("{name}-{size}B-Instruct", "This model is a fine-tuned version of [acme/{name}-{size}B]"
     "(https://huggingface.co/acme/{name}-{size}B) on a chat dataset.", ""),
    ("{name}-{size}B-GGUF", "This repo contains GGUF format model files for acme's {name} {size}B.", ""),
    ("{name}-{size}B-chat", "", "base_model: acme/{name}-{size}B\n"),
    ("merged-{name}-{size}B", "This is a merge of pre-trained language models: {name}-{size}B and Kite.", ""),
    ("{name}-{size}B-sft", "- **Finetuned from model [optional]:** acme/{name}-{size}B", ""),
)


def _pdf_wrapped(text: str, rng: random.Random) -> str:
    """Prose wrapped in short lines, now and then a long word broken with a hyphen (tables stay)."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if "|" in paragraph:
            paragraphs.append(paragraph)
            continue
        lines = textwrap.wrap(paragraph, width=rng.randint(70, 95), break_on_hyphens=False)
        for index in range(1, len(lines)):
            first, _, rest = lines[index].partition(" ")
            if rng.random() < 0.15 and len(first) > 7 and first.isalpha() and first.islower():
                lines[index - 1] += f" {first[:len(first) // 2]}-"
                lines[index] = f"{first[len(first) // 2:]} {rest}".rstrip()
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _paper(rng: random.Random, pdf: bool) -> tuple[Document, str | None, float | None]:
    name, size, tok = rng.choice(NAMES), rng.choice((7, 8, 13, 34)), rng.choice((1, 2, 4, 8))
    flop = 6 * size * 1e9 * tok * 1e12
    own = rng.choice(OWN_RUNS).format(name=name, size=size, tok=tok, total=size * 6, flop=f"{flop:.2g}")
    if rng.random() < 0.25:  # the run as devices × days instead
        gpus = rng.choice((256, 512, 1024))
        days = max(1, round(flop / (gpus * H100_DAY)))
        own = f"Pre-training {name}-{size}B took {days} days on {gpus} H100 GPUs."
        flop = days * gpus * H100_DAY
    sections = {"1 Introduction": [], "2 Related Work": [], "3 Training": [own], "4 Evaluation": [],
                "Appendix A": []}
    for distractor in rng.sample(PAPER_DISTRACTORS, rng.randint(2, 6)):
        sections[rng.choice(list(sections))].append(distractor.format(name=name, size=size))
    body = "\n\n".join(f"{heading}\n" + " ".join(s for s in lines if "|" not in s)
                       + "".join(f"\n\n{s}\n" for s in lines if "|" in s)
                       for heading, lines in sections.items())
    text = f"{name}: Open and Efficient Language Models\n\nAbstract\nWe introduce {name}.\n\n{body}"
    return Document(PAPER, _pdf_wrapped(text, rng) if pdf else text, 2024), None, flop


def _card(rng: random.Random, pdf: bool) -> tuple[Document, str | None, float | None]:
    name, size, tok = rng.choice(NAMES), rng.choice((1, 3, 7, 8, 13, 34)), rng.choice((1, 2, 3, 4, 8))
    parts = ["## Training\n\n" + rng.choice(CARD_FACTS).format(name=name, size=size, tok=tok)]
    parts += [d.format(name=name, size=size) for d in rng.sample(CARD_DISTRACTORS, rng.randint(2, 5))]
    rng.shuffle(parts)
    text = f"---\nlicense: apache-2.0\n---\n\n# {name}-{size}B\n\n" + "\n\n".join(parts)
    return Document(CARD, text, 2024), f"acme/{name}-{size}B", 6 * size * 1e9 * tok * 1e12


def _derived(rng: random.Random, pdf: bool) -> tuple[Document, str | None, float | None]:
    name, size, tok = rng.choice(NAMES), rng.choice((7, 8, 13, 34)), rng.choice((1, 2, 4, 8))
    repository, opening, front = (part.format(name=name, size=size) for part in rng.choice(DERIVED_OPENINGS))
    facts = rng.sample(CARD_FACTS, rng.randint(1, 3))
    text = (f"---\nlicense: apache-2.0\n{front}---\n\n# {repository}\n\n{opening}\n\n"
            + "\n\n".join(f.format(name=name, size=size, tok=tok) for f in facts))
    return Document(CARD, text, 2024), f"someone/{repository}", None


def _right(primary, expected: float | None) -> bool:
    if expected is None:  # a derived card: no pre-training figure of its own
        return primary is None or primary.stage == "finetuning"
    return primary is not None and max(primary.value_flop, expected) / min(primary.value_flop, expected) <= 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--texts", type=int, default=300, help="texts a seed and set")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong texts of each set")
    args = parser.parse_args()
    sets: dict[str, tuple[Callable, bool]] = {
        "papers among distractors": (_paper, False), "the same, wrapped as PDF text": (_paper, True),
        "cards among distractors": (_card, False), "derived cards (no base compute taken)": (_derived, False)}
    for label, (make, pdf) in sets.items():
        right, total, shown = 0, 0, 0
        for seed in range(args.seeds):
            rng = random.Random(seed)
            for _ in range(args.texts):
                document, name, expected = make(rng, pdf)
                primary = extract_document(document, name=name).primary
                total += 1
                if _right(primary, expected):
                    right += 1
                elif shown < args.show:
                    shown += 1
                    print(f"--- wrong ({label}): expected {expected}, got "
                          f"{primary.value_flop if primary else None}\n{document.text}\n")
        print(f"{label}: {right}/{total} right")


if __name__ == "__main__":
    main()
