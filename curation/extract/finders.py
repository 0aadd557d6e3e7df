"""Evidence finders: plain-text patterns that yield training-compute estimates.

- :func:`find_reported` — totals a text states ("3.14E+23 FLOPs", "3,640 petaflop/s-days");
- :func:`find_table_totals` — the same in tables flattened by PDF-to-text extraction;
- :func:`find_hardware` — accelerators × time × peak FLOP/s × utilization;
- :func:`find_operation_counting` — 6 · parameters · training tokens.

Each estimate carries verbatim evidence spans; context cues mark figures that are not this text's
own training compute (per-token, inference, budgets, other works' figures) as not eligible.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from curation.extract.anchors import (
    ACCELERATOR_ANCHOR,
    CHIP_TIME_ANCHOR,
    COMPUTE_UNIT_ANCHOR,
    TOKENS_ANCHOR,
    anchored,
    lowered,
)
from curation.extract.evidence import (
    FINETUNING,
    HARDWARE,
    OPERATION_COUNTING,
    PRETRAINING,
    REPORTED,
    Estimate,
    Span,
    sentence_around,
)
from curation.extract.hardware import (
    HALF_CHIP_CORES,
    accelerator_pattern,
    accelerator_regex,
    resolve_accelerator,
)
from curation.extract.model_names import nearby_model
from curation.extract.quantities import (
    MULTIPLIER_WORD,
    NUMBER,
    SCIENTIFIC,
    SIZE,
    parse_plain,
    scaled_value,
    scientific_value,
)
from curation.units import FLOP_PER_PFS_DAY

MIN_FLOP, MAX_FLOP = 1e10, 1e31
SECONDS = {"hour": 3600, "hr": 3600, "day": 86400, "week": 7 * 86400, "month": 30.44 * 86400}
DEFAULT_UTILIZATION, DEFAULT_UTILIZATION_BEFORE_2018 = 0.30, 0.33
AGGREGATE_NOTE = "aggregate: a sum over several models"

# Cues that a figure is not a training run's total compute.
NOT_A_TOTAL = ("per token", "per-token", "/token", "per example", "per sample", "per forward",
               "forward pass", "per step", "per sequence", "per image", "per iteration", "per second",
               "per gpu", "per chip", "per device", "inference", "peak", "theoretical", "budget",
               "hypothetical", "would require", "would take", "would need", "flops per", "flop per",
               "batch size", "per batch", "batches of")
# Cues that a figure belongs to another work cited in this one.
CITED = ("et al", "for comparison", "compared to", "compared with", "in contrast", "previous work",
         "prior work", "as reported by", "reported by", "according to")
FINETUNE_CUES = ("fine-tun", "finetun", "fine tun", "sft", "rlhf", "instruction tun", "alignment")
NOT_TRAINING_USE = ("inference", "serving", "we host", "latency", "deploy", "evaluat")

CITATION = re.compile(r"\[\d+(?:[,–-]\s?\d+)*\]|\(\w[^()]{0,40}\b(?:19|20)\d\d\)")
FLOP_UNIT = r"(?:FLOPs?|FLOPS|flops?|floating[- ]point\s+operations)(?!\s*/\s*s)(?![A-Za-z/])"
SI_PREFIX = {"peta": 1e15, "exa": 1e18, "zetta": 1e21, "yotta": 1e24}
REPORTED_FLOP = re.compile(
    rf"(?:{SCIENTIFIC}|(?P<si_num>{NUMBER})\s?(?P<si>peta|exa|zetta|yotta)[\s-]?(?=FLOP|flop))"
    rf"\s*(?:total\s+|training\s+)?{FLOP_UNIT}"
)
REPORTED_PFS = re.compile(
    rf"(?P<pfs>{NUMBER}(?:\s?[eE][+\-]?\d{{1,2}})?)\s*(?:[a-z]+\s)?"
    r"(?:petaflop/s[- ]days?|petaflops?[- ]days?|pfs[- ]days?|PF[- ]days?|pf[- ]days?)",
)
RANGE_BEFORE = re.compile(rf"(?:{NUMBER}(?:\s?[eE][+\-]?\d+)?)\s*(?:to|–|-|—|and)\s*$")

ACC = accelerator_regex()
UNIT = r"(?P<unit>hours?|hrs?|days?|weeks?|months?)\b"
APPROX = r"(?:about|approximately|approx\.|roughly|around|nearly|almost|over|under|~|≈)?\s*"
CHIP_TIME = re.compile(
    rf"(?P<n>{NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\s*(?:(?P<acc>{ACC})[\s-]*)?"
    rf"(?P<what>GPU|TPU|NPU|chip|accelerator|core|device)s?[\s-]?{UNIT}",
    re.IGNORECASE,
)
COUNT_FOR_TIME = re.compile(
    rf"(?P<count>{NUMBER})\s?(?P<cmult>[kK])?\s*(?:×|x|\*)?\s*(?:\d+\s?G(?:i)?B\s)?(?P<acc>{ACC})[\s-]*"
    rf"(?P<what>GPUs?|TPUs?|NPUs?|chips?|cores?|accelerators?|devices?|s)?\b[^.\n]{{0,60}}?"
    rf"\bfor\s+{APPROX}(?P<dur>{NUMBER})\s*{UNIT}",
    re.IGNORECASE,
)
TIME_ON_COUNT = re.compile(
    rf"\b(?:for|took|takes|taking)\s+{APPROX}(?P<dur>{NUMBER})\s*{UNIT}\s+on\s+(?:a\s+cluster\s+of\s+)?(?P<count>{NUMBER})\s?"
    rf"(?P<cmult>[kK])?\s*(?:×|x)?\s*(?:NVIDIA\s|Nvidia[\s-]|Google\s)?(?P<acc>{ACC})[\s-]*"
    r"(?P<what>GPUs?|TPUs?|chips?|cores?|s)?\b",
    re.IGNORECASE,
)
UTILIZATION = re.compile(
    r"(?:\b(?:MFU|HFU|model flops utili[sz]ation|hardware flops utili[sz]ation|utili[sz]ation)\b"
    r"[^.\n%]{0,40}?(?P<a>\d{1,2}(?:\.\d+)?)\s?%)|(?:(?P<b>\d{1,2}(?:\.\d+)?)\s?%\s*(?:MFU|HFU|model flops"
    r" utili[sz]ation|hardware flops utili[sz]ation|utili[sz]ation)\b)",
    re.IGNORECASE,
)
PRECISION_CUES = [("fp8", ("fp8", "8-bit float")), ("tf32", ("tf32", "tensorfloat")),
                  ("fp32", ("fp32", "float32", "single precision", "single-precision", "full precision")),
                  ("fp16", ("fp16", "bf16", "bfloat16", "float16", "half precision", "mixed precision",
                            "mixed-precision"))]

PARAMS = re.compile(
    rf"(?P<p>{NUMBER})\s?(?P<pm>{SIZE})\b[\s-]*(?:(?P<active>activated|active)\s+)?(?:total\s+)?"
    r"(?:parameters?|params?|model)\b"
    rf"|(?:parameters?|params)\s+(?:to|of)\s+(?P<p2>{NUMBER})\s?(?P<pm2>{SIZE})\b",
    re.IGNORECASE,
)
TOKENS = re.compile(rf"(?P<t>{NUMBER})\s?(?P<tm>{SIZE})\b\s*(?:training\s+|text\s+|total\s+)?tokens",
                    re.IGNORECASE)
EPOCHS = re.compile(rf"(?P<e>{NUMBER})\s*(?:epochs?|passes)\b", re.IGNORECASE)


def _context(text: str, sentence: Span, figure: Span, before: int, after: int) -> str:
    """Lower-cased text around a figure, without crossing its sentence's bounds."""
    return text[max(sentence.start, figure.start - before): min(sentence.end, figure.end + after)].lower()


def _has(text: str, cues: tuple[str, ...]) -> bool:
    return any(cue in text for cue in cues)


PROSE_WORD = re.compile(r"(?<![\w.])[A-Za-z][a-z]{2,}(?![\w])")
NUMERIC_TOKEN = re.compile(r"(?<![\w.])[\d.,]+[A-Za-z+\-]*\d*(?![\w])")
MIN_PROSE_WORDS = 3


def is_prose(span: Span) -> bool:
    """Whether a span reads as a sentence rather than a figure's axis labels or a number list:
    at least three words, and more words than numbers."""
    words = len(PROSE_WORD.findall(span.text))
    return words >= MIN_PROSE_WORDS and words > len(NUMERIC_TOKEN.findall(span.text))


def classify(estimate: Estimate, context: str) -> Estimate:
    """Mark an estimate's stage and whether its context says it is not this text's training run."""
    structured = estimate.assumptions.get("table_row") or estimate.assumptions.get("pairing")
    if estimate.model is None and not structured:
        estimate.model = nearby_model(estimate.evidence[0].text)
    if not structured and not is_prose(estimate.evidence[0]):
        estimate.notes.append("not prose: figure labels or a list of numbers")
    if _has(context, FINETUNE_CUES):
        estimate.stage = FINETUNING
    if _has(context, NOT_A_TOTAL):
        estimate.notes.append("not a training total (per-token, inference, peak or budget context)")
    if _has(context, CITED) or CITATION.search(context):
        estimate.notes.append("cited from other work")
    return estimate


def eligible(estimate: Estimate) -> bool:
    """Whether an estimate may be the text's own training compute."""
    return not any(note.startswith(("not a training total", "cited", "range", "not training",
                                    "not credible", "not prose"))
                   for note in estimate.notes)


def find_reported(text: str) -> list[Estimate]:
    """Totals stated in FLOP (with ×10^, E-notation or SI prefixes) or petaflop/s-days."""
    estimates = []
    for pattern, in_pfs in ((REPORTED_FLOP, False), (REPORTED_PFS, True)):
        for match in anchored(pattern, text, COMPUTE_UNIT_ANCHOR, 120, 40):
            if in_pfs:
                raw = match.group("pfs").replace(" ", "")
                value = float(raw.replace(",", "")) * FLOP_PER_PFS_DAY
            elif match.group("si"):
                value = parse_plain(match.group("si_num")) * SI_PREFIX[match.group("si").lower()]
            else:
                value = scientific_value(match)
            if not MIN_FLOP <= value <= MAX_FLOP:
                continue
            sentence = sentence_around(text, match.start(), match.end())
            estimate = Estimate(value, REPORTED, [sentence, Span(match.group(0), match.start(), match.end())],
                                {"unit": "petaflop/s-days" if in_pfs else "FLOP"})
            if RANGE_BEFORE.search(text[max(0, match.start() - 30): match.start()]):
                estimate.notes.append("range bound, not a figure")
            estimates.append(classify(estimate, _context(text, sentence, _span(match), 60, 30)))
    return estimates


HYPOTHETICAL_TABLE = ("optimal", "projection", "projected", "hypothetical", "would ")
RANGE_NEIGHBOUR_BEFORE = re.compile(r"(?:to|–|—|/|-)\s*$")
RANGE_NEIGHBOUR_AFTER = re.compile(r"^\s*(?:to|–|—|/|-)\s*\d")


def _in_range(line: str, match: re.Match[str]) -> bool:
    """Whether a number is one end of a range or ratio ("7e+14 to 2e+18", "1e+15 / 6e+22")."""
    return bool(RANGE_NEIGHBOUR_BEFORE.search(line[max(0, match.start() - 6): match.start()])
                or RANGE_NEIGHBOUR_AFTER.search(line[match.end(): match.end() + 12]))


E_NOTATION_HINT = re.compile(r"\d[eE][+\-]?\d")  # cheap: finds the lines worth reading
E_NOTATION = re.compile(r"(?<![\w.])(\d(?:\.\d+)?[eE][+\-]?\d{1,2})(?![\w.])")


def find_table_totals(text: str, lookback_lines: int = 40) -> list[Estimate]:
    """Rows of flattened tables whose header (within ``lookback_lines`` above) names training compute
    in FLOP or PF-days; a row's FLOP figure (≥ 1e12 in E-notation) becomes a reported estimate."""
    estimates = []
    row_starts = sorted({text.rfind("\n", 0, m.start()) + 1 for m in E_NOTATION_HINT.finditer(text)})
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
        if "compute" not in header or not ("flop" in header or "pf-day" in header):
            continue
        numbers = list(E_NOTATION.finditer(line))
        values = [(float(m.group(1)), m) for m in numbers if not _in_range(line, m)]
        flops = [(v, m) for v, m in values if v >= 1e12]
        label = line[: numbers[0].start()].strip(" |:")
        if not flops or not re.search(r"[A-Za-z]", label):
            continue  # an axis tick or a range, not a row about a model
        value, match = max(flops, key=lambda pair: pair[0])
        agrees = any(abs(v * FLOP_PER_PFS_DAY / value - 1) < 0.05 for v, _ in values if v < 1e12)
        estimate = Estimate(
            value, REPORTED,
            [Span(line, start, end),
             Span(match.group(1), start + match.start(1), start + match.end(1))],
            {"unit": "FLOP", "table_row": True}, model=label,
            confidence="Confident" if agrees else "Likely",
        )
        if agrees:
            estimate.notes.append("row's PF-days figure agrees with its FLOP figure")
        if _has(header, HYPOTHETICAL_TABLE):
            estimate.notes.append("not a training total: the table projects optimal or hypothetical budgets")
        estimates.append(classify(estimate, line.lower()))
    return estimates


def _utilization_in(scope: str, explicit_only: bool) -> float | None:
    match = UTILIZATION.search(scope)
    if match and explicit_only and not re.search(r"\b(?:MFU|HFU)\b|flops utili", match.group(0), re.I):
        return None  # a bare "utilization" elsewhere in a text may be about anything
    if match:
        value = float(match.group("a") or match.group("b")) / 100
        if 0.05 <= value <= 0.9:
            return value
    return None


@lru_cache(maxsize=8)
def _document_utilization(text: str) -> float | None:
    """The first MFU/HFU a text states explicitly, looked for only near those words."""
    low = lowered(text)
    for word in ("mfu", "hfu", "flops utili"):
        at = low.find(word)
        while at != -1:
            value = _utilization_in(text[max(0, at - 60): at + 60], explicit_only=True)
            if value is not None:
                return value
            at = low.find(word, at + 1)
    return None


def _utilization(text: str, sentence: Span) -> tuple[float | None, str | None]:
    """The MFU/HFU the text reports: near the figure, else stated explicitly anywhere in the text."""
    near = _utilization_in(sentence.text, explicit_only=False)
    if near is not None:
        return near, "stated near the figure"
    anywhere = _document_utilization(text)
    return (anywhere, "stated in the text") if anywhere is not None else (None, None)


def _precision(sentence: str) -> str | None:
    lowered = sentence.lower()
    for precision, cues in PRECISION_CUES:
        if _has(lowered, cues):
            return precision
    return None


@lru_cache(maxsize=8)
def document_accelerator(text: str) -> str | None:
    """The accelerator a text names most often (the likely training hardware), if any."""
    counts = Counter()
    for match in anchored(accelerator_pattern(), text, ACCELERATOR_ANCHOR, 30, 40):
        accelerator = resolve_accelerator(match.group("accelerator"))
        if accelerator:
            counts[accelerator.name] += 1
    return counts.most_common(1)[0][0] if counts else None


def hardware_estimate(
    text: str, figure: Span, chip_seconds: float, accelerator_name: str | None,
    unit_what: str, publication_year: int | None, inputs: dict[str, object],
    sentence: Span | None = None,
) -> Estimate | None:
    """An estimate from accelerator time; ``figure`` is the verbatim span that states the time."""
    sentence = sentence or sentence_around(text, figure.start, figure.end)
    accelerator = resolve_accelerator(accelerator_name) if accelerator_name else None
    if accelerator is None:
        return None
    notes = []
    if unit_what.lower().startswith("core") and accelerator.name in HALF_CHIP_CORES:
        chip_seconds /= 2
        notes.append(f"{accelerator.name} cores counted as half a chip")
    precision = _precision(sentence.text)
    peak, used_precision = accelerator.peak(precision)
    utilization, source = _utilization(text, sentence)
    if utilization is None:
        year = publication_year or accelerator.release_year
        utilization = DEFAULT_UTILIZATION if year > 2017 else DEFAULT_UTILIZATION_BEFORE_2018
        source = f"default for work {'after' if year > 2017 else 'up to'} 2017"
    value = chip_seconds * peak * utilization
    estimate = Estimate(
        value, HARDWARE, [sentence, figure],
        {**inputs, "accelerator": accelerator.name, "peak_flop_per_second": peak,
         "precision": used_precision if precision else f"{used_precision} (default)",
         "utilization": utilization, "utilization_source": source, "chip_seconds": chip_seconds,
         "datasheet": accelerator.datasheet},
        confidence="Likely" if precision or not source.startswith("default") else "Speculative",
        notes=notes,
    )
    context = _context(text, sentence, figure, 100, 60)
    if "cumulative" in context or "in total across" in context:
        estimate.notes.append(AGGREGATE_NOTE)
    if _has(context, NOT_TRAINING_USE):
        estimate.notes.append("not training hardware use (inference or evaluation context)")
    return classify(estimate, context)


GENERIC_DEVICES_FOR_TIME = re.compile(
    rf"(?P<count>{NUMBER})\s*(?:×|x)?\s*(?P<name>[A-Za-z][\w.-]*)\s+(?:GPUs?|TPUs?|NPUs?|chips|accelerators)"
    rf"\s+for\s+{APPROX}{NUMBER}\s*{UNIT}")


def unknown_accelerators(text: str) -> list[str]:
    """Accelerators a text trains on ("512 Z9000 chips for 3 weeks") that the hardware table lacks:
    they yield no hardware estimate, and the caller says so."""
    names = []
    for match in GENERIC_DEVICES_FOR_TIME.finditer(text):
        name = match.group("name")
        if resolve_accelerator(name) is None and name.lower() not in ("nvidia", "google", "amd", "the"):
            names.append(name)
    return sorted(set(names))


def find_hardware(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Accelerator time → FLOP: chips × seconds × peak FLOP/s × utilization."""
    most_named = None
    estimates = []
    for match in anchored(CHIP_TIME, text, CHIP_TIME_ANCHOR, 140, 5):
        chips_time = scaled_value(match.group("n"), match.group("mult"))
        seconds = chips_time * SECONDS[_unit_key(match.group("unit"))]
        name = match.group("acc")
        where = "named with the figure"
        if not name:
            sentence = sentence_around(text, match.start(), match.end())
            nearby = accelerator_pattern().search(sentence.text)
            if nearby:
                name, where = nearby.group("accelerator"), "named in the same sentence"
            else:
                most_named = most_named or document_accelerator(text)
                name, where = most_named, "the accelerator the text names most"
        chip_time = f"{chips_time:g} {match.group('what')}-{match.group('unit')}"
        estimate = hardware_estimate(text, _span(match), seconds, name, match.group("what"),
                                      publication_year, {"chip_time": chip_time, "accelerator_from": where})
        if estimate:
            estimates.append(estimate)
    # "8 A100 GPUs ... for 90 hours" starts at the accelerator; "for 4 days on 8 A100s" ends there
    for pattern, before, after in ((COUNT_FOR_TIME, 24, 150), (TIME_ON_COUNT, 70, 24)):
        for match in anchored(pattern, text, ACCELERATOR_ANCHOR, before, after):
            count = scaled_value(match.group("count"), match.group("cmult"))
            duration = parse_plain(match.group("dur")) * SECONDS[_unit_key(match.group("unit"))]
            estimate = hardware_estimate(
                text, _span(match), count * duration, match.group("acc"), match.group("what") or "",
                publication_year,
                {"chips": count, "duration": f"{match.group('dur')} {match.group('unit')}"},
            )
            if estimate:
                estimates.append(estimate)
    return estimates


def _span(match: re.Match[str]) -> Span:
    return Span(match.group(0), match.start(), match.end())


def _unit_key(unit: str) -> str:
    unit = unit.lower().rstrip("s")
    return "hour" if unit in ("hour", "hr") else unit


def find_operation_counting(text: str) -> list[Estimate]:
    """6 · N · D where one sentence gives a model's parameters N and its training tokens D (or a
    dataset's tokens and the epochs over it). Active parameters are used when the sentence gives them."""
    estimates = []
    for match in anchored(TOKENS, text, TOKENS_ANCHOR, 60, 6):
        sentence = sentence_around(text, match.start(), match.end())
        params = []
        for p in PARAMS.finditer(sentence.text):
            number, size = (p.group("p"), p.group("pm")) if p.group("p") else (p.group("p2"), p.group("pm2"))
            params.append((scaled_value(number, _size(size)), bool(p.group("active")), p))
        params = [(n, active, p) for n, active, p in params if 1e6 <= n <= 1e14]
        if not params:
            continue
        active = [pair for pair in params if pair[1]]
        n_params, is_active, param_match = max(active or params, key=lambda pair: pair[0])
        tokens = scaled_value(match.group("t"), _size(match.group("tm")))
        epochs_match = EPOCHS.search(sentence.text)
        epochs = parse_plain(epochs_match.group("e")) if epochs_match else 1.0
        if not 1e6 <= tokens <= 1e15 or not 0 < epochs <= 1000:
            continue
        value = 6 * n_params * tokens * epochs
        param_span = Span(param_match.group(0), sentence.start + param_match.start(),
                          sentence.start + param_match.end())
        estimate = Estimate(
            value, OPERATION_COUNTING,
            [sentence, param_span, Span(match.group(0), match.start(), match.end())],
            {"parameters": n_params, "active_parameters": is_active, "training_tokens": tokens,
             "epochs": epochs, "formula": "6 * N * D"},
            confidence="Likely" if is_active or len(params) == 1 else "Speculative",
        )
        estimates.append(classify(estimate, sentence.text.lower()))
    return estimates


def _size(word: str) -> str:
    word = word.lower()
    return {"k": "k", "m": "m", "b": "b", "t": "t"}.get(word, word)


__all__ = ["PRETRAINING", "eligible", "find_hardware", "find_operation_counting", "find_reported",
           "find_table_totals"]
