"""Training compute from a forward pass's cost per example × the examples trained on × the epochs, as
vision and speech papers give their set-ups: "Heron-L needs 61.6 GFLOPs per image; we train it for 300
epochs on the 1.28M images of ImageNet-1k".

The rules:

- a cost per example is a figure of FLOPs (or multiply-accumulates, two FLOPs each) per image, example,
  sample, input, clip, video or utterance, or of a forward pass ("61.6 GFLOPs per image", "4.1 billion
  FLOPs per forward pass", "a forward pass costs 12 GFLOPs", "15.4 GMACs/image", "processes each image
  with 4.4 billion FLOPs"; the input's size may stand before its noun: "for a single 224×224 image",
  "per 16-frame clip"), or a cost in giga- or mega-FLOPs written with a model's name, per example
  unsaid ("Heron-B (86M params, 17.6 GFLOPs)", "Heron-B has 17.6 GFLOPs");
- the examples are a count written with them ("1.28M images", "300 million training examples") or a
  dataset whose training split's size is a published fact (:data:`DATASET_EXAMPLES`), and the epochs a
  count of passes (:data:`~curation.extract.operation_counting.EPOCHS`), or one pass when the count is
  of the examples the run has "seen" ("34B samples seen");
- all three stand in one sentence, or the cost in one and the examples and epochs in the next, or in
  the one before when the next gives none ("Heron-G was trained on 3B images for 5 epochs. A forward
  pass costs 965 GFLOPs per image."; not a sentence before that evaluates or compares); a
  sentence that gives two counts of examples or two of epochs gives none, since which pairs with which
  is unsaid (a dataset and its size written together, "ImageNet-1k (1.28M images)", are one count) —
  unless a word of fine-tuning or transfer parts them: the training told before it is the
  pre-training ("pre-trained on ImageNet-22K (14M images) for 90 epochs and fine-tuned on ImageNet-1k
  for 30 epochs" reads 14M images × 90 epochs);
- one training step costs three forward passes (the backward pass two), so the total is
  3 × cost × examples × epochs; papers often write multiply-accumulates as "FLOPs", so the figure may
  be 2× low, and the estimate stays Speculative.

A table of the text's own models (with pipes, or one cell a line as PDF text extraction writes it) may
give each one's cost per example in a column headed "FLOPs"
("GFLOPs", "FLOPs (G)", "MACs"; not "Training FLOPs" nor "FLOPs/token"), with the epochs and the
examples in prose ("All models are trained for 300 epochs on ImageNet-1k."): every row whose model the
title names ("Heron-B" under "Heron: …") gets 3 × its cost × examples × epochs, when the sentences that
count epochs with examples, and speak of no fine-tuning, agree on one set-up
(:func:`find_table_sample_counting`).
"""

from __future__ import annotations

import re

from curation.extract.anchors import COMPUTE_UNIT_ANCHOR, anchor_hits, lowered, positions
from curation.extract.cell_tables import cell_tables
from curation.extract.context import classify, mark_local_cues
from curation.extract.device_sentences import STUDY_WORD, next_sentence
from curation.extract.evidence import OPERATION_COUNTING, Estimate, Span, sentence_around, sentence_before
from curation.extract.flagship_counting import in_title
from curation.extract.operation_counting import EPOCHS, epochs_of
from curation.extract.quantities import COUNTED, NUMBER, SCIENTIFIC, scaled_value, scientific_value
from curation.extract.tables import find_tables

# the words every count of passes over the data holds (see EPOCHS): a text with none gives no estimate
PASS_WORDS = ("epoch", "pass", "repeat", "iterat", "visit", "sees", "saw", "seen")
# the units a cost is written in, besides the FLOPs the anchors already find (cheap literal scans)
OTHER_COST_UNITS = ("macs", "madds", "mult-adds", "multiply-add", "multiply-acc")
PER_EXAMPLE_HINT = re.compile(r"per\s|each\s|every\s|single\s|/\s?(?:image|sample|example)|forward"
                              # a cost in giga- or mega-FLOPs written with a model's name (lower case)
                              r"|(?:\(|\bhas\s|\bhave\s|requires\s|needs\s|costs\s|uses\s)[^()]{0,32}?"
                              r"\d[\d.]*\s?(?:g|m|giga|mega)(?:flop|mac)")
PREFIX = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "thousand": 1e3, "million": 1e6, "billion": 1e9,
          "mega": 1e6, "giga": 1e9, "tera": 1e12}
# the size of an input said before its noun: "224×224", "16-frame", "10-second", "256-pixel"
INPUT_SIZE = r"(?:\d{2,4}\s?[×x]\s?\d{2,4}(?:\s?(?:px|pixels?))?\s+|\d{1,4}-(?:frame|second|pixel|px)\s+)?"
_PER = (r"(?:per|/|for\s+(?:each|every|one|a(?:\s+single)?))\s*(?:training\s+|input\s+)?" + INPUT_SIZE
        + r"(?:image|example|sample|input|clip|video|utterance|forward\s+pass)\b")
_COST = (rf"(?:(?P<sci>{SCIENTIFIC})|(?P<n>{NUMBER})\s?(?P<prefix>[KMGT]|thousand\s|million\s|billion\s"
         r"|mega|giga|tera)?)\s?(?P<unit>FLOPs?|FLOPS|flops?|MACs?|MAdds|Mult-Adds|multiply-adds|"
         r"multiply-accumulates)(?!\w|/s\b)")  # not a rate, "FLOP/s"
GIGA_OR_MEGA = r"(?=\d[\d.]*\s?(?:G|M|giga|mega)(?:FLOP|MAC))"  # a forward pass's cost, not a run's
COST_PER_EXAMPLE = re.compile(
    rf"{_COST}\s*(?:\([^()]{{1,20}}\)\s*)?{_PER}"
    # the cost after its pass or its example: "a forward pass costs 12 GFLOPs", "each forward pass takes
    # 4.1 GFLOPs", "processes each image with 4.4 billion FLOPs"
    rf"|(?:forward\s+pass(?:\s+of\s+[\w.-]+)?|(?:each|every|one|a\s+single)\s+(?:image|example|sample|input"
    r"|clip|video|utterance))\s+(?:costs?|takes|requires|needs|is|of|with|at)\s+(?:about\s+|roughly\s+|~\s*)?"
    + _COST.replace("?P<", "?P<a_")
    # a model's cost written with its name, per example unsaid: "Heron-B (86M params, 17.6 GFLOPs)",
    # "Heron-B has 17.6 GFLOPs" (a vision model's cost is per input; read only in giga- or mega-FLOPs)
    + r"|(?<=\()(?:[^()]{0,30}?,\s*)?" + GIGA_OR_MEGA + _COST.replace("?P<", "?P<b_") + r"(?=\s*[,)])"
    + r"|\b(?:has|have|requires|needs|costs|uses)\s+(?:about\s+|only\s+|just\s+|~\s*)?" + GIGA_OR_MEGA
    + _COST.replace("?P<", "?P<c_") + r"(?!\s*(?:per|/|for|of|in)\b)",
)
COST_KEYS = ("", "a_", "b_", "c_")  # the groups of COST_PER_EXAMPLE's alternatives
# a count of training examples written with its noun: "1.28M images", "300 million training examples"
EXAMPLES = re.compile(rf"(?<![\w.])(?P<n>{COUNTED})\s?(?P<m>[KMB]|thousand|million|billion)?(?![\w.])\s+"
                      # words between: "1.28M training images", "1.28 million ImageNet training images"
                      r"(?:[A-Z][\w-]*\s+)?(?:(?:training|labell?ed|unique|web|curated)\s+){0,2}"
                      r"(?:images|examples|samples|image-text\s+pairs|clips|videos|utterances)\b",
                      re.IGNORECASE)
# training examples of common datasets, from the papers that released them: ImageNet's ILSVRC-2012
# training set (Russakovsky et al., 2015) 1,281,167 images; the full ImageNet of 21,841 classes
# ("ImageNet-21k/22k", Ridnik et al., 2021) about 14.2M; CIFAR-10 and CIFAR-100 (Krizhevsky, 2009)
# 50,000 each; MNIST (LeCun et al., 1998) 60,000; JFT-300M (Sun et al., 2017) about 300M
DATASET_EXAMPLES = {"imagenet-1k": 1_281_167, "ilsvrc-2012": 1_281_167, "imagenet-21k": 14_197_122,
                    "cifar-10": 50_000, "cifar-100": 50_000, "mnist": 60_000, "jft-300m": 300e6}
DATASET = re.compile(r"(?<![\w-])(?P<name>ImageNet(?:[- ]?(?P<imagenet>1[kK]|2[12][kK]|2012))?"
                     r"|ILSVRC[- ]?(?:20)?12|CIFAR-?100?|MNIST|JFT-300M)(?![\w-])")


# the pass a cost is told of, written after it: "… per image in the forward pass", "… for a single forward
# pass"
PASS_AFTER = re.compile(r"\s*,?\s*(?:in|for|of|during|on)\s+(?:the|a|one|each|every|a\s+single)\s+"
                        r"forward(?:\s+pass)?\b", re.IGNORECASE)
SEEN_AFTER = re.compile(r"\s*\(?\s*seen\b", re.IGNORECASE)  # "34B samples seen": the run's total


def _dataset_examples(match: re.Match[str]) -> float:
    """The training examples of a :data:`DATASET` match ("ImageNet" alone is ILSVRC-2012's 1.28M)."""
    name = match.group("name").lower().replace(" ", "-")
    if name.startswith("imagenet"):
        return DATASET_EXAMPLES["imagenet-21k" if (match.group("imagenet") or "")[:2] in ("21", "22")
                                else "imagenet-1k"]
    if name.startswith("ilsvrc"):
        return DATASET_EXAMPLES["ilsvrc-2012"]
    if name.startswith("cifar"):
        return DATASET_EXAMPLES["cifar-100" if name.endswith("100") else "cifar-10"]
    return DATASET_EXAMPLES[name]


def _cost(match: re.Match[str]) -> float:
    """FLOPs of one forward pass from a :data:`COST_PER_EXAMPLE` match (a multiply-accumulate is two)."""
    return written_cost(match, COST_KEYS)


def written_cost(match: re.Match[str], keys: tuple[str, ...]) -> float:
    """FLOPs a cost pattern's match writes, its groups named with one of ``keys`` as prefix (``sci``, or
    ``n`` with ``prefix``, and ``unit``; a multiply-accumulate is two FLOPs)."""
    key = next(key for key in keys if match.group(f"{key}unit"))
    if match.group(f"{key}sci"):
        value = scientific_value(re.match(SCIENTIFIC, match.group(f"{key}sci")))
    else:
        prefix = (match.group(f"{key}prefix") or "").strip().lower()
        value = scaled_value(match.group(f"{key}n"), None) * PREFIX.get(prefix, 1.0)
    unit = match.group(f"{key}unit").lower()
    return value * (2 if "mac" in unit or "add" in unit or "accumulate" in unit else 1)


def _examples(text: str) -> list[tuple[float, int, int]]:
    """(training examples, start, end) of every count of examples or known dataset in ``text``."""
    found = [(scaled_value(m.group("n"), m.group("m")), m.start(), m.end()) for m in EXAMPLES.finditer(text)]
    found += [(_dataset_examples(m), m.start(), m.end()) for m in DATASET.finditer(text)]
    return found


def _before_fine_tuning(sentence: Span) -> Span:
    """The part of ``sentence`` before its first word of fine-tuning or transfer, when a word of training
    stands there (a pre-training's own clause), else the whole sentence."""
    tuning = FINE_TUNING_WORDS.search(sentence.text)
    if tuning is None or "train" not in sentence.text[:tuning.start()].lower():
        return sentence
    return Span(sentence.text[:tuning.start()], sentence.start, sentence.start + tuning.start())


def find_sample_counting(text: str) -> list[Estimate]:
    """3 × forward FLOPs per example × examples × epochs where a sentence (or it and the next) gives all
    three (see the module's rules)."""
    low = lowered(text)
    if not any(word in low for word in PASS_WORDS):  # no count of passes anywhere: nothing to multiply by
        return []
    starts = sorted({start for start, _ in anchor_hits(text)[COMPUTE_UNIT_ANCHOR]} |
                    {at for word in OTHER_COST_UNITS if word in low for at in positions(low, word)})
    estimates, seen = [], set()
    for at in starts:
        if not PER_EXAMPLE_HINT.search(low, max(0, at - 60), at + 40):  # cheap: no "per" or pass near
            continue
        sentence = sentence_around(text, at, at + 1)
        if sentence.start in seen:
            continue
        seen.add(sentence.start)
        costs = list(COST_PER_EXAMPLE.finditer(sentence.text))
        if len(costs) != 1:
            continue
        estimate = _estimate(text, sentence, costs[0])
        following = next_sentence(text, sentence) if estimate is None else None
        if following is not None and "\n\n" not in text[sentence.end: following.start]:
            estimate = _estimate(text, sentence, costs[0], following)
        before = sentence_before(text, sentence) if estimate is None else None
        if before is not None and not STUDY_WORD.search(before.text):
            estimate = _estimate(text, sentence, costs[0], before)
        if estimate is not None:
            estimates.append(estimate)
    return estimates


def _estimate(text: str, sentence: Span, cost: re.Match[str], other: Span | None = None) -> Estimate | None:
    """The estimate of one cost per example, its examples and epochs read in ``other`` (or its own
    sentence), when exactly one count of each stands there."""
    where = other or sentence
    examples, epochs = _examples(where.text), list(EPOCHS.finditer(where.text))
    if len(epochs) > 1:  # a pre-training told before its fine-tuning: the counts before the tuning word
        where = _before_fine_tuning(where)
        examples, epochs = _examples(where.text), list(EPOCHS.finditer(where.text))
    # (a count of examples "seen" is the whole run's: "34B samples seen" is one pass over them)
    seen = bool(examples) and not epochs and SEEN_AFTER.match(where.text, examples[0][2]) is not None
    # (a dataset and its size written together, "ImageNet-1k (1.28M images)", are one count)
    if not examples or (len(epochs) != 1 and not seen) or \
            any(abs(value - examples[0][0]) > 0.02 * examples[0][0] for value, _, _ in examples):
        return None
    forward = _cost(cost)
    n_examples, ex_start, ex_end = examples[0]
    passes = 1.0 if seen else epochs_of(epochs[0])
    if not 1e3 <= forward <= 1e15 or not 1e3 <= n_examples <= 1e11 or not 0 < passes <= 10_000:
        return None
    cost_span = Span(cost.group(0), sentence.start + cost.start(), sentence.start + cost.end())
    example_span = Span(where.text[ex_start:ex_end], where.start + ex_start, where.start + ex_end)
    told = sorted([sentence] + ([other] if other else []), key=lambda span: span.start)  # in reading order
    evidence = [*told, cost_span, example_span]
    estimate = Estimate(3 * forward * n_examples * passes, OPERATION_COUNTING, evidence,
                        {"forward_flop_per_example": forward, "training_examples": n_examples,
                         "epochs": passes, "formula": "3 * forward FLOP per example * examples * epochs"},
                        confidence="Speculative")
    # the cost's own words ("per image", "forward pass", "… in the forward pass" after it) are no sign that
    # the figure is not a total
    # (of a sentence parted at its fine-tuning, the pre-training's part alone)
    if other:
        context = where.text
    else:  # (and the pass it names after it: "17.6 GFLOPs per image in the forward pass")
        after = PASS_AFTER.match(where.text, cost.end())
        context = where.text[:cost.start()] + " " + where.text[after.end() if after else cost.end():]
    mark_local_cues(estimate, text, where, example_span)
    return classify(estimate, context.lower())


# a column of forward-pass cost per example: "FLOPs", "GFLOPs", "FLOPs (G)", "#FLOPs", "MACs (G)", "Mult-Adds"
COST_HEADER = re.compile(r"^\W*(?P<prefix>[kmgt])?(?:flops|macs|mult-adds|madds)\b\s*"
                         r"(?:\(\s*(?P<scale>[kmgtb])\s*\))?\s*$", re.IGNORECASE)
COST_CELL = re.compile(rf"^\s*(?P<n>{NUMBER})\s?(?P<prefix>[KMGTB])?\s*$")
CELL_PREFIX = {"k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9, "t": 1e12}
FINE_TUNING_WORDS = re.compile(r"fine-?tun|finetun|transfer", re.IGNORECASE)


def _prose_set_up(text: str) -> tuple[float, float, Span] | None:
    """(examples, epochs, sentence) of the text's training set-up: the sentences that count epochs with
    examples and no fine-tuning, when all of them agree."""
    low = lowered(text)
    found = {}
    for at in positions(low, "epoch"):
        sentence = sentence_around(text, at, at + 5)
        if sentence.start in found or FINE_TUNING_WORDS.search(sentence.text) or "train" not in sentence.text:
            continue
        examples, epochs = _examples(sentence.text), list(EPOCHS.finditer(sentence.text))
        if len(epochs) == 1 and examples and \
                all(abs(value - examples[0][0]) <= 0.02 * examples[0][0] for value, _, _ in examples):
            found[sentence.start] = (examples[0][0], epochs_of(epochs[0]), sentence)
    set_ups = {(examples, epochs) for examples, epochs, _ in found.values()}
    return next(iter(found.values())) if len(set_ups) == 1 else None


def find_table_sample_counting(text: str) -> list[Estimate]:
    """3 × a table row's forward FLOPs per example × the prose's examples × epochs, for the rows of the
    text's own models (see the module's rules)."""
    low = lowered(text)
    if "epoch" not in low or not any(word in low for word in ("flops", "macs", "mult-adds", "madds")):
        return []
    set_up = None
    estimates = []
    # (pipe tables, and tables PDF text extraction wrote one cell a line)
    for table in [*find_tables(text), *cell_tables(text)]:
        column = next((i for i, header in enumerate(table.headers) if COST_HEADER.match(header)), None)
        if column is None or column == 0:
            continue
        header = COST_HEADER.match(table.headers[column])
        header_scale = CELL_PREFIX.get((header.group("prefix") or header.group("scale") or "").lower(), 1.0)
        for row in table.rows:
            cell = COST_CELL.match(row.cells[column]) if column < len(row.cells) else None
            if cell is None or not in_title(text, row.label.strip("* ")):
                continue
            set_up = set_up or _prose_set_up(text)
            if set_up is None:
                return []
            n_examples, passes, sentence = set_up
            scale = CELL_PREFIX[cell.group("prefix").lower()] if cell.group("prefix") else header_scale
            forward = scaled_value(cell.group("n"), None) * scale
            if not 1e6 <= forward <= 1e15:
                continue
            estimate = Estimate(3 * forward * n_examples * passes, OPERATION_COUNTING,
                                [*row.evidence(column), sentence],
                                {"forward_flop_per_example": forward, "training_examples": n_examples,
                                 "epochs": passes, "table_row": True,
                                 "formula": "3 * forward FLOP per example * examples * epochs"},
                                model=row.label.strip("* "), confidence="Speculative")
            estimates.append(classify(estimate, sentence.text.lower()))
    return estimates
