"""The reported-figure finders: totals a text states.

- :func:`find_reported` — "3.14E+23 FLOPs", "3,640 petaflop/s-days" in prose, and fields that name
  their unit, "Compute (PF-days): 3,640";
- :func:`find_table_totals` — the same in tables flattened by PDF-to-text extraction.

The other finders: :mod:`~curation.extract.device_time` (hardware × time),
:mod:`~curation.extract.operation_counting` (6 · N · D), :mod:`~curation.extract.table_finders` and
:mod:`~curation.extract.card_finders`; the engine lists them all in ``FINDERS``.

Each estimate carries verbatim evidence spans; context cues mark figures that are not this text's
own training compute (per-token, inference, budgets, other works' figures) as not eligible.
"""

from __future__ import annotations

import re

from curation.extract.anchors import (
    COMPUTE_UNIT_ANCHOR,
    anchored,
    lowered,
    positions,
    token_end,
)
from curation.extract.context import (
    COMPARED_NOTE,
    classify,
    context_around,
    has_cue,
    is_prose,
    mark_aggregate,
    mark_local_cues,
    second_of_comparison,
)
from curation.extract.device_sentences import PER_EPOCH_AFTER
from curation.extract.device_time import match_span
from curation.extract.evidence import (
    REPORTED,
    Estimate,
    Span,
    sentence_around,
)
from curation.extract.flagship_counting import in_title, introduced_as_own, opens_with_own_name
from curation.extract.model_names import document_title
from curation.extract.operation_counting import EPOCHS, epochs_of
from curation.extract.quantities import (
    FREE_NUMBER_COMMA,
    NUMBER,
    SCIENTIFIC,
    SCIENTIFIC_HINT,
    parse_plain,
    scientific_value,
)
from curation.extract.respective import SIZE_WORD, respective_size
from curation.extract.table_finders import mark_other_models
from curation.units import FLOP_PER_PFS_DAY

MIN_FLOP, MAX_FLOP = 1e10, 1e31


# (not a rate, "FLOP/s", nor a rate-time unit, "2.4 exaFLOP-days", which REPORTED_PFS reads)
FLOP_UNIT = (r"(?:FLOPs?|FLOPS|flops?|floating[- ]point\s+operations)(?!\s*/\s*s)(?![A-Za-z/])"
             r"(?![\s·-]*days?\b)")


SI_PREFIX = {"peta": 1e15, "exa": 1e18, "zetta": 1e21, "yotta": 1e24,
             "p": 1e15, "e": 1e18, "z": 1e21, "y": 1e24}
MIN_LETTER_COUNT = 1e21
LARGE_COUNT_WORDS = {"quadrillion": 1e15, "quintillion": 1e18, "sextillion": 1e21, "septillion": 1e24}


# "2 zettaFLOPs", "210 ZFLOPs", "3.14e5 exaFLOPs" (zetta and yotta in any case and one letter: "15
# Petaflops", "PFLOPS" and "EFLOPS" are mostly rates; "PFLOPs" and "EFLOPs", a count's plural, are
# counts when they come to 1e21 FLOP or more, beyond any machine's rate)
REPORTED_FLOP = re.compile(
    # (every alternative opens with a digit, tested once first: a fast scan)
    rf"(?=\d)(?:{SCIENTIFIC}|(?<![\w.,])(?P<si_num>{NUMBER}(?:[eE]\+?\d{{1,2}})?)"
    rf"(?:\s(?P<si_mult>thousand|million|billion))?\s?"
    rf"(?P<si>peta|exa|(?i:zetta|yotta)|Z|Y|(?P<letter>[PE])(?=FLOPs\b|FLOP\b))[\s-]?(?=FLOP|flop)"
    # a count in words: "314 sextillion floating point operations"
    rf"|(?P<big_num>{FREE_NUMBER_COMMA})\s(?P<big>quadrillion|quintillion|sextillion|septillion)\s+(?=FLOP|flop|floating))"
    # "$3.1 \times 10^{{23}}$ FLOPs" (LaTeX math), "3.1e20 pre-training FLOPs", "1.2e21 total train FLOPs"
    rf"\$?\s*(?:(?:total|(?:pre-?)?train(?:ing)?)\s+){{0,2}}{FLOP_UNIT}"
)


REPORTED_PFS = re.compile(
    # a number read whole: ".96 pfs-days" is 0.96, not 96
    rf"(?<![\w.,])(?P<pfs>(?:{NUMBER}|\.\d+)(?:\s?[eE][+\-]?\d{{1,2}})?)(?P<pfs_k>[kK](?![A-Za-z]))?"
    # "2.9 × 10^3 petaflop/s-days"
    r"(?:\s*(?:×|x|\\times)\s*10\s*\^?\s*\{?(?P<pfs_power>\d{1,2})\}?)?"
    r"(?:\s?(?:±|\+/-)\s?[\d,.]+)?"  # an uncertainty after it: "770±50 PFlops/s·days"
    r"(?:\s(?P<pfs_mult>thousand|million)(?=\s))?"  # a multiplier in words: "1.2 thousand pfs-days"
    r"\s*(?:[a-z]+\s)?"
    # in any case: "1,000 PFLOP/s-days", "770 PFlops/s·days", "800 PFlops-days", "3.6 PetaFLOP/s-days"
    r"(?i:petaflops?(?:/s)?[- ·]days?|pfs[- ·]days?|pf(?:lops?)?(?:/s)?[- ·]days?"
    # and the same day at another prefix: "16 exaFLOP/s-days", "2.4 EFLOP-days", "350 teraflop/s-days"
    r"|(?P<pfs_scale>exa|tera|e|t)(?:flops?(?:/s)?|fs|f)[- ·]days?)",
)
# a day of a rate other than a petaflop/s, as petaflop/s-days
PFS_DAY_SCALE = {"exa": 1e3, "e": 1e3, "tera": 1e-3, "t": 1e-3}


# "the total training compute was 2.5e23", "Training compute: 3.1 × 10^22", "a total FLOP count of
# 3.2e23": a figure in scientific notation given as a run's compute, with no unit after it, is in FLOP
# (SCIENTIFIC_HINT, a figure in scientific notation, is the cheap test before UNITLESS_COMPUTE)
UNITLESS_COMPUTE = re.compile(
    rf"(?:(?:total\s+|pre-?training\s+|training\s+)+compute"
    rf"|(?:total\s+|training\s+)*(?:number\s+of\s+(?:training\s+)?)?FLOPs?(?:\s+count)?)"
    # the model it is for may come between: "the total training FLOPs of Heron-7B is about 4.2e22"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?-i:[A-Z])[\w.-]*(?:\s[\w.-]+){{0,2}}?)?"
    rf"(?:\s+per\s+(?:training\s+)?epoch)?"  # "Training FLOPs per epoch are 1.5e20" (see epochs_for_figure)
    rf"\s*(?:was|is|are|were|of|:|=|≈|~|totals?|totalled|\|)"  # ("| Training FLOPs | 3.8e23 |": a row)
    rf"\s*(?:about\s+|approx(?:imately\s+|\.\s*|\s+)|roughly\s+|around\s+|~\s*|≈\s*)?(?:{SCIENTIFIC})"
    # a unit after it, read by the unit finders ("1e22 FLOPs", "3,640 PF-days"); a word that is no unit
    # may follow ("… were 1.8e22 and …")
    r"(?!\s*(?:/|(?!(?:and|in|for|with|on|at|over|during)\b)[A-Za-z]))",
    re.IGNORECASE,
)
# "achieving throughput of 15 Petaflops", "a sustained speed of 2e17 FLOP": the figure is a rate
RATE_BEFORE = re.compile(r"\b(?:throughput|speed|performance)\s+(?:of\s+)?(?:about\s+|around\s+|~\s*)?$",
                         re.IGNORECASE)
# a line that is a compute field: "Compute: 2.5e23 FLOPs", "- **Training FLOPs**: 3.1e23", "| Compute | …"
COMPUTE_FIELD = re.compile(r"[ \t]*(?:[-*+|][ \t]*)?(?:\*\*)?"
                           r"(?:total[ \t]+|training[ \t]+|pre-?training[ \t]+)*(?:compute|flops?)(?:\*\*)?"
                           r"[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*[:=|]", re.IGNORECASE)
# a line that gives a model's compute under its name: "Heron-70B: ~1.3e23 FLOP (6ND)", "- **Heron-7B**: 4e22
# FLOPs" (a name with a size or version, or the plain name the title opens with, "Heron: 1e23 FLOPs" under
# "Heron: Open Models"; read like a compute field though it is no prose, when the name is the own model's)
MODEL_FIELD = re.compile(r"[ \t]*(?:[-*+][ \t]*)?(?:\*\*)?"
                         r"(?P<name>[A-Z][\w.-]*\d[\w.-]*|(?P<plain>[A-Z][a-z][\w-]+))(?:\*\*)?"
                         r"[ \t]*[:=][ \t]*(?:~\s*|≈\s*|about\s+|approx(?:imately\s+|\.\s*|\s+)|roughly\s+)?")
KEYED_LINE = "a compute line keyed by the own model's name"
# another figure in scientific notation right after a field's figure: "Training FLOPs: 1e21 1e22 1e23" is a
# chart's axis labels, not a field's one value
NEXT_LABEL = re.compile(r"[ \t]*[,;]?[ \t]*\d[\d.]*(?:[eE][+-]?\d|[ \t]*[×x][ \t]*10)")


def _names_own_model(text: str, name: str) -> bool:
    """Whether ``name`` is the text's own model: its title or a card's heading writes it, or the text
    claims it (a line keyed by another model's name is a citation's)."""
    heading = document_title(text)
    return (heading is not None and name in heading) or in_title(text, name) or introduced_as_own(text, name)


# the model a comparison's second side glosses with its figure: "15 times more than Heron-7B (4.2e22 FLOPs)"
COMPARED_NAME_GLOSSED = re.compile(r"\b(?:than|versus|vs\.?)\s+(?P<name>[A-Z][\w.-]*)\s*\(\s*"
                                   r"(?:about|approximately|roughly|~|≈)?\s*$", re.IGNORECASE)


def _own_on_compared_side(text: str, start: int) -> bool:
    """Whether the figure at ``start`` glosses the text's own model on the compared side of a comparison
    ("Kite-65B needed 6.3e23 FLOPs, 15 times more than Heron-7B (4.2e22 FLOPs)" in Heron's paper): the
    own model's figure, not another's."""
    glossed = COMPARED_NAME_GLOSSED.search(text, max(0, start - 60), start)
    return glossed is not None and _names_own_model(text, glossed.group("name"))


# a figure right before "vs.": the first of a pair ("10x less compute (3.1e22 FLOPs versus 3.14e23 FLOPs)")
VERSUS_AFTER = re.compile(r"\s*(?:vs\.?|versus)\s", re.IGNORECASE)
RANGE_BEFORE = re.compile(rf"(?:{NUMBER}(?:\s?[eE][+\-]?\d+)?)\s*(?:to|–|-|—|and)\s*$")
# a figure for one pass over the data, not the run: "one epoch (of Heron) costs 6e20 FLOPs", "1.5e20
# FLOPs per epoch" (an epoch as the subject of a verb of cost before the figure, or "per epoch" right after
# it; "we train for one epoch, costing 6e20 FLOPs" is the run's)
PER_EPOCH_COST = re.compile(r"\b(?:each|every|per|one|an|a\s+single)\s+(?:training\s+)?epoch"
                            r"(?:\s+(?:of|over|on)\s+(?:the\s+|our\s+)?[\w.-]+)?\s*"
                            r"(?:(?<=\s)(?:costs?|takes?|took|requires?|required|needs?|needed|is|was|are|"
                            r"were|amounts?\s+to|uses?|used|consumes?|consumed)\b|[:=])(?:[^.;]|\.(?=\d))*$",
                            re.IGNORECASE)
PER_EPOCH_WORDS = re.compile(r"(?:flops?\s+|floating[- ]point\s+operations\s+)?per\s+(?:training\s+)?epoch")
PER_EPOCH_NOTE = "not a training total: a figure per epoch and no count of epochs"
CLAUSE_SPLIT = re.compile(r";|,\s*(?:and|while|whereas|but)\s")
OTHER_STAGE = re.compile(r"fine-?tun|finetun|\bsft\b|instruction[\s-]tun|post-?train", re.IGNORECASE)


def epochs_for_figure(text: str, sentence: Span, match: re.Match[str]) -> float | None:
    """For a figure given per epoch (:data:`PER_EPOCH_COST`, :data:`PER_EPOCH_AFTER`), the epochs its
    sentence counts ("… and we train for 3 epochs"), 0.0 when it counts none (or only one); None for a
    figure not given per epoch."""
    start = max(sentence.start, match.start() - 120)
    if not (PER_EPOCH_COST.search(text, start, match.end()) or PER_EPOCH_AFTER.match(text, match.end())):
        return None
    # (not the epochs of a fine-tuning the sentence goes on to: "…; fine-tuning runs for 3 epochs")
    counts = [epochs_of(m) for m in EPOCHS.finditer(sentence.text)
              if not OTHER_STAGE.search(CLAUSE_SPLIT.split(sentence.text[:m.start()])[-1])]
    return next((count for count in counts if count > 1), 0.0)


def _times_epochs(value: float, inputs: dict[str, object], epochs: float | None) -> float:
    """A figure per epoch times the epochs counted (the figure and the count kept in ``inputs``)."""
    if not epochs:
        return value
    inputs.update(per_epoch=value, epochs=epochs)
    return value * epochs


def _epoch_marked(estimate: Estimate, context: str, epochs: float | None) -> str:
    """Note a figure per epoch with no count of epochs; the context of one multiplied loses its "per
    epoch", no longer a rate."""
    if epochs == 0.0:
        estimate.notes.append(PER_EPOCH_NOTE)
    return PER_EPOCH_WORDS.sub(" ", context) if epochs else context


def find_reported(text: str) -> list[Estimate]:
    """Totals stated in FLOP (with ×10^, E-notation or SI prefixes) or petaflop/s-days, figures in
    scientific notation given as training compute with no unit (see :data:`UNITLESS_COMPUTE`), and
    compute fields that name their unit in parentheses (:data:`LABELLED_COMPUTE`)."""
    estimates = []
    for pattern, in_pfs in ((REPORTED_FLOP, False), (REPORTED_PFS, True)):
        for match in anchored(pattern, text, COMPUTE_UNIT_ANCHOR, 120, 40):
            if in_pfs:
                raw = match.group("pfs").replace(" ", "")
                value = float(raw.replace(",", "")) * FLOP_PER_PFS_DAY
                if match.group("pfs_power"):
                    value *= 10 ** int(match.group("pfs_power"))
                if match.group("pfs_k"):  # "3.64k pfs-days"
                    value *= 1e3
                if match.group("pfs_mult"):  # "1.2 thousand pfs-days"
                    value *= 1e3 if match.group("pfs_mult") == "thousand" else 1e6
                if match.group("pfs_scale"):
                    value *= PFS_DAY_SCALE[match.group("pfs_scale").lower()]
            elif match.group("big"):
                value = parse_plain(match.group("big_num")) * LARGE_COUNT_WORDS[match.group("big")]
            elif match.group("si"):
                value = parse_plain(match.group("si_num")) * SI_PREFIX[match.group("si").lower()]
                if match.group("si_mult"):  # "2 million exaFLOPs"
                    value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9}[match.group("si_mult")]
                if match.group("letter") and value < MIN_LETTER_COUNT:
                    continue  # "15 PFLOPs" may be a machine's rate
            else:
                value = scientific_value(match)
            if not MIN_FLOP <= value <= MAX_FLOP or _unit_of_a_label(text, match):
                continue
            sentence = sentence_around(text, match.start(), match.end())
            inputs: dict[str, object] = {"unit": "petaflop/s-days" if in_pfs else "FLOP"}
            epochs = epochs_for_figure(text, sentence, match)
            value = _times_epochs(value, inputs, epochs)
            line_start = text.rfind("\n", 0, match.start()) + 1
            if COMPUTE_FIELD.match(text, line_start, match.start()) and \
                    not NEXT_LABEL.match(text, match.end()):
                inputs["pairing"] = "a compute field"  # "Compute: 2.5e23 FLOPs (6 × 7B × 6T)": no prose
            keyed = None if "pairing" in inputs else MODEL_FIELD.fullmatch(text, line_start, match.start())
            if keyed and (_names_own_model(text, keyed.group("name")) if not keyed.group("plain")
                          else in_title(text, keyed.group("plain"))):
                inputs["pairing"] = KEYED_LINE
            # the first of a pair ("(3.1e22 FLOPs versus 3.14e23 FLOPs)") in a sentence that opens with the
            # own model: the pair follows the sentence's order, its subject first
            first_of_pair = VERSUS_AFTER.match(text, match.end()) is not None and \
                opens_with_own_name(text, sentence)
            if first_of_pair and "pairing" not in inputs:
                inputs["pairing"] = VERSUS_PAIRING
            estimate = Estimate(value, REPORTED, [sentence, Span(match.group(0), match.start(), match.end())],
                                inputs)
            if inputs.get("pairing") == KEYED_LINE:
                estimate.model = keyed.group("name")
            paired = respective_size(sentence, match.start()) if "respectively" in sentence.text else None
            if paired is not None:  # "The 7B and 70B models required 8.4e22 and 8.4e23 FLOPs, respectively"
                size, value, largest = paired
                # (a size alone, "70B", names no model)
                estimate.model = size.text if SIZE_WORD.fullmatch(size.text).group("name") else estimate.model
                estimate.assumptions["paired_with"] = size.text
                if value < largest:
                    estimate.notes.append("not its own run: another size's run than the largest the "
                                          f"sentence pairs ({largest:g} parameters)")
            elif RANGE_BEFORE.search(text[max(0, match.start() - 30): match.start()]) or \
                    _from_to(text, match):
                estimate.notes.append("range bound, not a figure")
            if RATE_BEFORE.search(text[max(0, match.start() - 40): match.start()]):
                estimate.notes.append("not a training total: a throughput or speed")
            if second_of_comparison(text, match.start()) and not _own_on_compared_side(text, match.start()) \
                    and not first_of_pair:
                estimate.notes.append(COMPARED_NOTE)
            mark_aggregate(estimate, text, sentence, match_span(match))
            mark_local_cues(estimate, text, sentence, match_span(match))
            context = context_around(text, sentence, match_span(match), 60, 30)
            estimates.append(classify(estimate, _epoch_marked(estimate, context, epochs)))
            versus = "vs" in text[max(0, match.start() - 12): match.start()]
            if versus and not in_pfs and COMPARED_NOTE in estimate.notes:  # "(1.2e23 vs. 2.5e23 FLOPs)"
                estimates.extend(_first_of_versus(text, sentence, match))
    return estimates + _unitless_compute(text) + _labelled_compute(text)


# the own side of a pair of figures that share their unit: "Heron-7B matches Kite-13B at 48% of its training
# compute (1.2e23 vs. 2.5e23 FLOPs)"
FIRST_OF_VERSUS = re.compile(rf"\(\s*(?:about\s+|~\s*)?(?P<first>{SCIENTIFIC})\s*(?:vs\.?|versus)\s*$",
                             re.IGNORECASE)
VERSUS_PAIRING = 'the own side of an "X vs. Y" pair of figures'


def _first_of_versus(text: str, sentence: Span, second: re.Match[str]) -> list[Estimate]:
    """The figure before "vs." in a parenthesis whose second figure carries the unit, as the own run's,
    when the sentence opens with the text's own model (the pair follows the sentence's order: its
    subject first); none otherwise."""
    first = FIRST_OF_VERSUS.search(text, max(sentence.start, second.start() - 40), second.start())
    if first is None or not opens_with_own_name(text, sentence):
        return []
    value = scientific_value(first)
    if not MIN_FLOP <= value <= MAX_FLOP:
        return []
    span = Span(first.group("first"), first.start("first"), first.end("first"))
    estimate = Estimate(value, REPORTED, [sentence, span], {"unit": "FLOP", "pairing": VERSUS_PAIRING})
    mark_local_cues(estimate, text, sentence, span)
    return [classify(estimate, context_around(text, sentence, span, 60, 0))]


# a field or key-value row that names its unit in parentheses: "Compute (PF-days): 3,640", "Training
# compute (FLOPs): 2.1e23", "| Training compute (PF-days) | 310 |"
LABELLED_COMPUTE = re.compile(
    r"\b(?:(?:total|training|pre-?training)\s+)*compute\s*\(\s*(?P<unit>FLOPs?|FLOP|"
    r"(?:PF|pf|PFLOP|PFLOPS|petaflops?)(?:/s)?[- ·]?days?|pfs[- ·]?days?|zetta-?FLOPs?|ZFLOPs?)\s*\)"
    rf"\s*(?:[:=]|\|)\s*(?:about\s+|approx(?:imately\s+|\.\s*|\s+)|~\s*|≈\s*)?(?:{SCIENTIFIC}|(?P<plain>{NUMBER}))"
    r"(?![\w.])",
    re.IGNORECASE)
UNIT_FLOP = {"pf": FLOP_PER_PFS_DAY, "petaflop": FLOP_PER_PFS_DAY, "pfs": FLOP_PER_PFS_DAY,
             "zetta": 1e21, "zflop": 1e21, "flop": 1.0}


def _labelled_compute(text: str) -> list[Estimate]:
    """Compute figures in a field or row whose label names the unit in parentheses
    (:data:`LABELLED_COMPUTE`), in that unit."""
    estimates = []
    for at in positions(lowered(text), "compute ("):
        match = LABELLED_COMPUTE.search(text, max(0, at - 30), token_end(text, at + 90))
        if match is None:
            continue
        unit = match.group("unit").lower()
        scale = next(v for k, v in UNIT_FLOP.items() if unit.startswith(k))
        number = parse_plain(match.group("plain")) if match.group("plain") else scientific_value(match)
        value = number * scale
        if not 1e15 <= value <= MAX_FLOP:
            continue
        sentence = sentence_around(text, match.start(), match.end())
        estimate = Estimate(value, REPORTED, [sentence, Span(match.group(0), match.start(), match.end())],
                            {"unit": match.group("unit"), **_field(text, match)})
        mark_local_cues(estimate, text, sentence, match_span(match))
        estimates.append(classify(estimate, context_around(text, sentence, match_span(match), 60, 30)))
    return estimates


# a power of ten alone in parentheses that ends a label, a table's cell or a field's name: "(1e21 FLOPs) |",
# "(10^21 FLOPs):", "(× 10^21 FLOP)" at a line's end
SCALE_IN_PARENTHESES = re.compile(r"\(\s*(?:×\s*|x\s*)?(?:1(?:\.0)?\s*[eE]\+?\d{1,2}"
                                  r"|(?:1\s*×\s*)?10\s*\^?\s*\{?\d{1,2}\}?)\s*FLOPs?\s*\)[ \t]*(?:[|:]|$)",
                                  re.IGNORECASE | re.MULTILINE)
LABEL_WORD_BEFORE = re.compile(r"[A-Za-z]\s*$")


def _unit_of_a_label(text: str, match: re.Match[str]) -> bool:
    """Whether a figure is a label's unit, a power of ten alone in parentheses after a word, ending a
    table's cell, a field's name or a line ("| Training compute (1e21 FLOPs) |", "Compute (10^21
    FLOPs): 3.2"): the scale of the figures given under or beside it, not a figure ("The total compute
    (1e23 FLOPs) was spent over 20 days" is one)."""
    start = text.rfind("(", max(0, match.start() - 4), match.start() + 1)
    if start == -1 or not LABEL_WORD_BEFORE.search(text, max(0, start - 20), start):
        return False
    scale = SCALE_IN_PARENTHESES.match(text, start)
    return scale is not None and scale.end() >= match.end()


# the ends of a span of figures written "from X to Y", a model named after each: "grown from about 1e15
# FLOP (Kite-5) to over 1e25 FLOP (Kite-4)"
FROM_FIGURE_TO = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|~\s*)?[\d.,]+(?:\s?[eE][+\-]?\d+"
                            r"|\s*(?:×|x)\s*10\^?\{?\d+\}?)?\s*(?:[A-Za-z]+\s*)?FLOPs?"
                            r"(?:\s*\([^()]{1,40}\))?\s+(?:up\s+)?to\s+(?:over\s+|more\s+than\s+|about\s+"
                            r"|around\s+|nearly\s+|~\s*)?$", re.IGNORECASE)
TO_FIGURE_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:up\s+)?to\s+(?:over\s+|more\s+than\s+|about\s+"
                             r"|around\s+|nearly\s+|~\s*)?\d", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$", re.IGNORECASE)


def _from_to(text: str, match: re.Match[str]) -> bool:
    """Whether a figure is one end of a span written "from X to Y" (see :data:`FROM_FIGURE_TO`)."""
    before = text[max(0, match.start() - 120): match.start()]
    if "from" not in before:
        return False
    return FROM_FIGURE_TO.search(before) is not None or \
        (FROM_BEFORE.search(before) is not None and TO_FIGURE_AFTER.match(text, match.end()) is not None)


def _field(text: str, match: re.Match[str]) -> dict[str, str]:
    """``{"pairing": "a compute field"}`` when the figure's line is a field or row labelled compute
    (:data:`COMPUTE_FIELD`: "- Compute (FLOPs): 3.8e23", "| Training FLOPs | 3.8e23 |"), which is read
    though it is no prose, and the figure is not one of a run of labels (:data:`NEXT_LABEL`); else
    nothing."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    field = COMPUTE_FIELD.match(text, line_start, match.end()) and not NEXT_LABEL.match(text, match.end())
    return {"pairing": "a compute field"} if field else {}


def _unitless_compute(text: str) -> list[Estimate]:
    """Figures in scientific notation that a sentence gives as training compute with no unit after them
    ("the total training compute was 2.5e23"): read in FLOP, the unit such figures are given in."""
    estimates = []
    low = lowered(text)
    for at in sorted({*positions(low, "compute"), *positions(low, "flop")}):
        if not SCIENTIFIC_HINT.search(text, at, at + 70):
            continue
        match = UNITLESS_COMPUTE.search(text, max(0, at - 30), token_end(text, at + 70))
        if match is None or match.start() > at:
            continue
        line_end = text.find("\n", match.end())
        rest = text[match.end(): line_end if line_end != -1 else len(text)]
        if "|" in match.group(0) and rest.strip() != "|":
            continue  # a row of several cells, one per model ("| Training FLOPs | 1e21 | 3.8e23 |"): no field
        value = scientific_value(match)
        if not 1e15 <= value <= MAX_FLOP:
            continue
        sentence = sentence_around(text, match.start(), match.end())
        inputs: dict[str, object] = {"unit": "FLOP (no unit written; a compute figure in scientific "
                                             "notation)", **_field(text, match)}
        epochs = epochs_for_figure(text, sentence, match)
        value = _times_epochs(value, inputs, epochs)
        estimate = Estimate(value, REPORTED, [sentence, Span(match.group(0), match.start(), match.end())],
                            inputs)
        mark_local_cues(estimate, text, sentence, match_span(match))
        context = context_around(text, sentence, match_span(match), 60, 30)
        estimates.append(classify(estimate, _epoch_marked(estimate, context, epochs)))
    return estimates


HYPOTHETICAL_TABLE = ("optimal", "projection", "projected", "hypothetical", "would ")
# a sentence above a table that tells runs done, not projected: "All models were trained compute-optimally"
DONE_TRAINING = re.compile(r"\b(?:was|were|we|have\s+been|has\s+been)\s+(?:all\s+|also\s+|each\s+)?"
                           r"(?:pre-?)?trained\b(?!.*\bwould\b)", re.DOTALL)
# the sentences above a table: a line wrapped inside one is no break; a blank line or a row is
HEADER_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n[ \t]*\n|\n(?=[ \t]*\|)|(?<=\|)[ \t]*\n")


def _projects_budgets(header: str) -> bool:
    """Whether the lines above a compute table say its figures are projected, optimal or hypothetical
    (:data:`HYPOTHETICAL_TABLE`), not counting a sentence that tells runs done ("All models were trained
    compute-optimally": the table's rows are those runs)."""
    if not has_cue(header, HYPOTHETICAL_TABLE):  # cheap first: most headers say nothing of the kind
        return False
    return any(has_cue(line, HYPOTHETICAL_TABLE) for line in HEADER_SENTENCES.split(header)
               if not DONE_TRAINING.search(line))


RANGE_NEIGHBOUR_BEFORE = re.compile(r"(?:to|–|—|/|-)\s*$")


RANGE_NEIGHBOUR_AFTER = re.compile(r"^\s*(?:to|–|—|/|-)\s*\d")


def _in_range(line: str, start: int, end: int) -> bool:
    """Whether the number from ``start`` to ``end`` is one end of a range or ratio ("7e+14 to 2e+18",
    "1e+15 / 6e+22")."""
    return bool(RANGE_NEIGHBOUR_BEFORE.search(line[max(0, start - 6): start])
                or RANGE_NEIGHBOUR_AFTER.search(line[end: end + 12]))


E_NOTATION_HINT = re.compile(r"\d[eE][+\-]?\d")  # cheap: finds the lines worth reading


E_NOTATION = re.compile(r"(?<![\w.])(\d(?:\.\d+)?[eE][+\-]?\d{1,2})(?![\w.])")
# a power of ten written out: "2.3 × 10^19", "2.3·10^19", and as PDF text extraction leaves it, the
# exponent's superscript run onto the ten: "2.3 · 1019"
TIMES_TEN_HINT = re.compile(r"[×·⋅x]\s*10")  # cheap: a character class first
TIMES_TEN = re.compile(r"(?<![\w.])(?P<mantissa>\d(?:\.\d+)?)\s*(?:[×·⋅]|x(?=\s*10\^))\s*10\s*\^?\s*\{?"
                       r"(?P<power>\d{1,2})\}?(?![\w.])")


def _row_figures(line: str) -> list[tuple[float, int, int]]:
    """Every figure in scientific notation a table's line holds, E-notation or a power of ten written out:
    (value, start, end) in the line."""
    found = [(float(m.group(1)), m.start(1), m.end(1)) for m in E_NOTATION.finditer(line)]
    found += [(float(m.group("mantissa")) * 10.0 ** int(m.group("power")), m.start(), m.end())
              for m in TIMES_TEN.finditer(line) if _power_of_ten(m)]
    return sorted(found, key=lambda figure: figure[1])


def _power_of_ten(match: re.Match[str]) -> bool:
    """Whether a :data:`TIMES_TEN` match is a power of ten: with its caret or braces, else (the exponent run
    onto the ten) with a decimal mantissa or a dot for the sign, "2.3 × 1019", "2 · 1019" — not a product
    of counts, "4 × 1024"."""
    written = match.group(0)
    return any(mark in written for mark in ("^", "{", "·", "⋅")) or "." in match.group("mantissa")


# what a header says of a column of training compute: "Training compute (FLOP)", "Training FLOPs", "Training
# Cost (FLOPs)"
# ("pre-training flop" and "pretraining flop" hold "training flop": each a search of the whole text)
COMPUTE_HEADER_WORDS = ("compute", "training flop", "train flop", "training cost")


# a header whose last column is FLOPs with no word of what for: "Model FLOPs", "Model Params Tokens FLOPs"
# (its rows are training runs only where a figure reaches a run's size, :data:`MIN_BARE_FLOPS`: a column of
# FLOPs per image or per token holds far smaller ones)
BARE_FLOPS_HEADER = re.compile(r"[a-z)][ \t]+flops?[ \t]*$")
MAX_FLOPS_HEADER = 80
MIN_BARE_FLOPS = 1e18


def _below_compute(text: str, lines: int) -> list[tuple[int, int]]:
    """The stretches from each line that says "compute" (or "training FLOPs", or ends in a column of FLOPs,
    :data:`BARE_FLOPS_HEADER`) to ``lines`` lines below it: the only rows whose header can name training
    compute (a cheap cut before the digit pattern)."""
    low, found = lowered(text), []
    below = re.compile(rf"[^\n]*(?:\n[^\n]*){{0,{lines}}}")  # a line and the ``lines`` below it
    for word in COMPUTE_HEADER_WORDS:
        at = low.find(word)
        while at != -1:
            found.append((text.rfind("\n", 0, at) + 1, below.match(text, at).end()))
            at = low.find(word, text.find("\n", at) + 1 or len(text))  # the next line that says it
    for at in positions(low, "flop"):  # a short header line that ends in its column of FLOPs: "Model FLOPs"
        line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        line_end = len(text) if line_end == -1 else line_end
        if line_end - line_start <= MAX_FLOPS_HEADER and BARE_FLOPS_HEADER.search(low, line_start, line_end):
            found.append((line_start, below.match(text, at).end()))
    windows: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _wrapped_sentence_tail(text: str, start: int, line: str) -> bool:
    """Whether a line is the end of a sentence wrapped over lines ("… all experiments in this paper used"
    then "about 5e25 FLOPs."): it ends with a full stop and the line above is prose that does not end a
    sentence. A table's row ends with no stop."""
    if not line.rstrip().endswith(".") or start == 0:
        return False
    above_start = text.rfind("\n", 0, start - 1) + 1
    above = text[above_start: start - 1]
    return bool(above.strip()) and above.rstrip()[-1] not in ".!?:|" and is_prose(Span(above, above_start,
                                                                                        start - 1))


TRAILING_SCORES = re.compile(r"(?:\s+[\d.,]+%?)+\s*$")  # a row's other numbers before its figure
# in a row without separators, counts with a size suffix too ("28.4", "2.4B", "350B")
TRAILING_CELLS = re.compile(r"(?:\s+[\d.,]+(?:%|[KMBT](?![\w-]))?)+\s*$")
SIZES_COLUMN = re.compile(r"\b(?:param\w*|size)\b")  # a header's column of sizes (lowered)
SIZE_IN_LABEL = re.compile(r"\d[KMBT]\b")
FIRST_SIZE = re.compile(r"\s+\d[\d.,]*[KMBT](?![\w-])")


def _row_label(before: str, sizes_column: bool = False) -> str:
    """A flattened row's label: its first cell (cells split by pipes or LaTeX's "&"), without the numbers
    of other columns that a row without separators writes before its figure ("Heron (big) 28.4 41.8",
    "Heron-L 2.4B 350B"). Unless the header names a column of sizes (``sizes_column``: "Params", "Size"),
    a label with no size in it keeps the size right after it, which may be part of its name ("Heron 7B 1T"
    is "Heron 7B"; "Heron-7B 6.9B 1T" is "Heron-7B"). A cell a separator closes keeps its sizes."""
    cells = re.split(r"[|&]", before.strip(" |:"))
    cell = cells[0].strip()
    if not re.search(r"[A-Za-z]", cell):
        return cell
    stripped = (TRAILING_SCORES if len(cells) > 1 else TRAILING_CELLS).search(cell)
    if stripped is None:
        return cell
    label = cell[: stripped.start()]
    size = FIRST_SIZE.match(stripped.group(0))
    if size is not None and not sizes_column and not SIZE_IN_LABEL.search(label):
        return label + size.group(0)
    return label


def _sizes_before_compute(header: str) -> bool:
    """Whether the header's last line that names compute or FLOPs names a column of sizes before it ("Model
    Params Tokens Training FLOPs"): a row's size before its figure is then that column's cell, not its
    name's."""
    at = max(header.rfind(word) for word in (*COMPUTE_HEADER_WORDS, "flop", "pf-day"))
    line = header[header.rfind("\n", 0, at) + 1: at] if at != -1 else ""
    return SIZES_COLUMN.search(line) is not None


def find_table_totals(text: str, lookback_lines: int = 40) -> list[Estimate]:
    """Rows of flattened tables whose header (within ``lookback_lines`` above) names training compute
    in FLOP or PF-days; a row's FLOP figure (≥ 1e12, in E-notation or a power of ten written out,
    :func:`_row_figures`) becomes a reported estimate."""
    estimates = []
    row_starts = sorted({text.rfind("\n", 0, m.start()) + 1
                         for start, end in _below_compute(text, lookback_lines)
                         for hint in (E_NOTATION_HINT, TIMES_TEN_HINT)
                         for m in hint.finditer(text, start, end)})
    for start in row_starts:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end]
        header_start = start
        for _ in range(lookback_lines):
            if header_start <= 0:
                break
            header_start = text.rfind("\n", 0, header_start - 1) + 1
        header = lowered(text)[header_start:start]
        names_compute = any(word in header for word in COMPUTE_HEADER_WORDS)
        bare = not names_compute and any(BARE_FLOPS_HEADER.search(above) and len(above) <= MAX_FLOPS_HEADER
                                         for above in header.split("\n"))
        if not (names_compute or bare) or not ("flop" in header or "pf-day" in header):
            continue
        numbers = _row_figures(line)
        values = [(v, (at, end)) for v, at, end in numbers if not _in_range(line, at, end)]
        flops = [(v, where) for v, where in values if v >= (MIN_BARE_FLOPS if bare else 1e12)]
        if not flops:
            continue  # digits around an "e" inside a word (a hash, an id), not E-notation
        before = line[: numbers[0][1]]
        label = _row_label(before, FIRST_SIZE.search(before) is not None and _sizes_before_compute(header))
        if not re.search(r"[A-Za-z]", label):
            continue  # an axis tick or a range, not a row about a model
        if is_prose(Span(line, start, end)) or _wrapped_sentence_tail(text, start, line):
            continue  # a sentence, read by the prose finders: a row holds more numbers than words
        value, (at, figure_end) = max(flops, key=lambda pair: pair[0])
        agrees = any(abs(v * FLOP_PER_PFS_DAY / value - 1) < 0.05 for v, _ in values if v < 1e12)
        estimate = Estimate(
            value, REPORTED,
            [Span(line, start, end), Span(line[at:figure_end], start + at, start + figure_end)],
            {"unit": "FLOP", "table_row": True}, model=label,
            confidence="Confident" if agrees else "Likely",
        )
        if agrees:
            estimate.notes.append("row's PF-days figure agrees with its FLOP figure")
        if _projects_budgets(header):
            estimate.notes.append("not a training total: the table projects optimal or hypothetical budgets")
        estimates.append(classify(estimate, line.lower()))
    mark_other_models(text, estimates)  # a comparison table's own row is the one the title names
    return estimates
