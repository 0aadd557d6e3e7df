"""The hardware finder: accelerator time → FLOP (chips × seconds × peak FLOP/s × utilization), from
"N GPU-hours", "2.5k TPUv3-core days"; the estimate every hardware finder builds
(:func:`hardware_estimate`); and accelerators the hardware table lacks. Device counts with a duration
("for 4 days on 8 A100s") are :mod:`~curation.extract.device_sentences`."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from curation.extract.anchors import (
    ACCELERATOR_ANCHOR,
    CHIP_TIME_ANCHOR,
    anchored,
    lowered,
)
from curation.extract.context import (
    CLAUSE_BREAK,
    COMPARED_NOTE,
    NOT_TRAINING_USE,
    classify,
    clause_span,
    context_around,
    data_work_clause,
    has_cue,
    mark_aggregate,
    mark_local_cues,
    second_of_comparison,
    stage_item,
)
from curation.extract.evidence import (
    HARDWARE,
    Estimate,
    Span,
    sentence_around,
)
from curation.extract.hardware import (
    HALF_CHIP_CORES,
    HALF_GPU_DIES,
    accelerator_pattern,
    accelerator_regex,
    resolve_accelerator,
)
from curation.extract.model_names import looks_like_a_model
from curation.extract.quantities import (
    BLANK_LINE,
    FREE_NUMBER,
    MULTIPLIER_WORD,
    NUMBER,
    parse_exponent,
    parse_plain,
    scaled_value,
)
from curation.extract.step_time import PER_STEP

SECONDS = {"minute": 60, "hour": 3600, "hr": 3600, "day": 86400, "week": 7 * 86400, "fortnight": 14 * 86400,
           "month": 30.44 * 86400, "year": 365.25 * 86400}


DEFAULT_UTILIZATION, DEFAULT_UTILIZATION_BEFORE_2018 = 0.30, 0.33


ACC = accelerator_regex()


UNIT = r"(?P<unit>hours?|hrs?|days?|weeks?|months?)\b"


APPROX = r"(?:about|approximately|approx\.|roughly|around|nearly|almost|over|under|~|≈)?\s*"


# device time: "90 GPU-hours", "300k TPU v3 core-days", "2.3 TPUv4 chip-years", "1.2 × 10^4 GPU-days", "5e5
# GPU-hours", and the accelerator alone as the device, "1.2M A100-hours"
CHIP_UNIT = r"(?P<unit>hours?|hrs?|h(?![A-Za-z])|days?|weeks?|months?|years?)\b"  # "5,000 GPU-h"
CHIP_TIME = re.compile(
    # not the digits of a name: "A100 GPU days" is a column header, not 100 GPU-days
    # a thousand written onto the device, as in units: "184 kGPUh"
    # (nor an exponent's digits: "10^6 GPU hours" is a million, not 6)
    rf"(?<![\w.^*])(?:(?P<n>{NUMBER})\s?(?P<mult>{MULTIPLIER_WORD}|[kKM](?=(?:GPU|TPU|NPU)))?"
    # "1.2 × 10^4 GPU-days", "3 × 10⁵ A100-hours", and a power of ten alone: "10^6 A100 GPU hours", "10⁶ …"
    rf"|(?P<mantissa>{NUMBER})\s*(?:×|x|\*|·)\s*10\s*(?:\^|\*\*)?\s*(?P<power>\d{{1,2}}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,2}})"
    r"|10(?:\s*(?:\^|\*\*)\s*(?P<bare_power>\d{1,2})|(?P<bare_sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
    # "5e5 GPU-hours"
    rf"|(?P<e_mantissa>{NUMBER})[eE]\+?(?P<e_power>\d{{1,2}}))"
    # the device named before the unit, with its vendor, a "GPU" before it or its memory after it: "Nvidia
    # V100 GPU hours", "Nvidia-V100 GPU hours", "GPU Nvidia A100 80G days"
    rf"\s*(?:(?:GPU\s+)?(?:(?:NVIDIA|Nvidia|nvidia|AMD|Google|Cloud|Tesla)[\s-]+)?(?P<acc>{ACC})"
    # (or a time counted as if on it: "2.5M H100-equivalent hours")
    r"(?:\s*\d{2,3}\s?GB?\b)?[\s-]*(?:equivalent[\s-]+)?)?"
    # (a middle dot between device and unit, as in units: "640K GPU·h")
    rf"(?:(?P<what>GPU|TPU|NPU|chip|accelerator|core|device)s?[\s·-]?|(?(acc)(?<=[\w\s-])|(?!))){CHIP_UNIT}",
    re.IGNORECASE,
)


UTILIZATION = re.compile(
    r"(?:\b(?:MFU|HFU|model flops utili[sz]ation|hardware flops utili[sz]ation|utili[sz]ation)\b"
    r"[^.\n%]{0,40}?(?P<a>\d{1,2}(?:\.\d+)?)\s?%)|(?:(?P<b>\d{1,2}(?:\.\d+)?)\s?%\s*(?:MFU|HFU|model flops"
    r" utili[sz]ation|hardware flops utili[sz]ation|utili[sz]ation)\b)"
    # a field with its unit in the key: "MFU %: 45.00%", "MFU (%): 45"
    r"|(?:\b(?:MFU|HFU)\s*(?:\(%\)|%)\s*[:=]?\s*(?P<d>\d{1,2}(?:\.\d+)?)(?![\d.]))"
    # a share written as a fraction: "an MFU of 0.41"
    r"|(?:\b(?:MFU|HFU)\b(?:\s+(?:of|was|is|=|:|≈|~|around|about|reached|reaching))+\s*(?P<c>0\.\d{1,3})(?![\d%]))",
    re.IGNORECASE,
)


# a throughput each device sustained: "sustaining 150 TFLOPS per GPU", "at 180 TFLOP/s/GPU"
THROUGHPUT = re.compile(rf"(?P<t>{FREE_NUMBER})\s?"
                        r"(?P<unit>TFLOPs?|TFLOPS|teraflops|PFLOPs?|PFLOPS|petaflops)(?:\s*/\s*s(?:ec)?)?\s*(?:per|/|on\s+each|for\s+each|each)\s*"
                        r"(?:GPU|TPU|NPU|chip|device|accelerator|card)\b", re.IGNORECASE)
# a throughput the whole run sustained, a rate with no device after it: "an aggregate throughput of 82
# PFLOP/s", "sustaining 1.2 EFLOP/s across the cluster" (not a peak, "a peak of 1 EFLOP/s", nor an amount
# of compute, "3,640 PFLOPS-days")
CLUSTER_THROUGHPUT = re.compile(rf"(?<!peak of )(?<!peak )(?P<t>{FREE_NUMBER})\s?"
                                r"(?P<unit>[TPE])(?:FLOP\s*/\s*s(?:ec)?|(?-i:FLOPS)|flop/s)\b(?![\s-]*days?\b)"
                                r"(?!\s*(?:per|/|on\s+each|for\s+each|each)\s*(?:GPU|TPU|NPU|chip|device"
                                r"|accelerator|card|node)\b)", re.IGNORECASE)
CLUSTER_SCALE = {"t": 1e12, "p": 1e15, "e": 1e18}
PEAK_WORDS = re.compile(r"\b(?:peak|theoretical|maximum|max|capacity|capable|deliver\w*)\b", re.IGNORECASE)
# a batch the run processes, with its own numbers: "1,024 sequences of 8,192 tokens per step" says what each
# step holds, not that the device time is per step
BATCH_RATE = re.compile(r"\d[\d,.]*\s?[kKM]?\s*(?:tokens|sequences|samples|examples|images)"
                        r"(?:\s+of\s+\d[\d,.]*\s?[kKM]?\s*tokens)?\s*(?:per|/|in\s+each|each)\s*"
                        r"(?:global\s+|training\s+)?(?:step|batch|iteration|update)\b", re.IGNORECASE)


PRECISION_CUES = [("fp8", ("fp8", "8-bit float")), ("tf32", ("tf32", "tensorfloat")),
                  ("fp32", ("fp32", "float32", "single precision", "single-precision", "full precision")),
                  ("fp16", ("fp16", "bf16", "bfloat16", "float16", "half precision", "mixed precision",
                            "mixed-precision"))]


def _utilization_in(scope: str, explicit_only: bool) -> float | None:
    match = UTILIZATION.search(scope)
    if match and explicit_only and not re.search(r"\b(?:MFU|HFU)\b|flops utili", match.group(0), re.I):
        return None  # a bare "utilization" elsewhere in a text may be about anything
    if match:
        percent = match.group("a") or match.group("b") or match.group("d")
        value = float(percent) / 100 if percent else float(match.group("c"))
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


def _utilization(text: str, sentence: Span, peak: float, chips: float | None = None
                 ) -> tuple[float | None, str | None]:
    """The MFU/HFU the text reports: near the figure (or the throughput each device sustained there,
    over its peak, or the whole run's throughput there over ``chips`` devices' peaks), else stated
    explicitly anywhere in the text."""
    near = _utilization_in(sentence.text, explicit_only=False)
    if near is not None:
        return near, "stated near the figure"
    sustained = THROUGHPUT.search(sentence.text)
    if sustained:
        scale = 1e15 if sustained.group("unit").lower().startswith("p") else 1e12
        share = parse_plain(sustained.group("t")) * scale / peak
        if 0.05 <= share <= 0.9:
            return share, f"a throughput of {sustained.group(0)} stated near the figure, over the peak"
    whole = CLUSTER_THROUGHPUT.search(sentence.text) if chips and "flop" in sentence.text.lower() else None
    if whole and PEAK_WORDS.search(sentence.text, max(0, whole.start() - 40), whole.end() + 30):
        whole = None  # "500 PFLOP/s of peak bf16 compute", "a theoretical 82 PFLOP/s": what it could do
    if whole:
        share = parse_plain(whole.group("t")) * CLUSTER_SCALE[whole.group("unit").lower()] / (chips * peak)
        if 0.05 <= share <= 0.9:
            return share, f"a throughput of {whole.group(0)} stated near the figure, over {chips:g} peaks"
    anywhere = _document_utilization(text)
    return (anywhere, "stated in the text") if anywhere is not None else (None, None)


def _precision(sentence: str) -> str | None:
    lowered = sentence.lower()
    for precision, cues in PRECISION_CUES:
        if has_cue(lowered, cues):
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


# the data-centre GPU most used for training by year, for texts that write "GPUs" alone and name no GPU
# model anywhere, known or not (a Speculative guess, named in the estimate's assumptions); from 2018 on,
# the GPU that Epoch AI's database lists most often for the models of each publication year (V100 still
# leads in 2021, A100 through 2024, when H100 nearly matches it)
NAMED_GPU = re.compile(r"\b[A-Z][\w-]*\d[\w-]*\s+GPU")  # "P600 GPUs": a model the table may lack
GPU_OF_YEAR = "the data-centre GPU common that year"
GPU_BY_YEAR = ((2013, "K20X"), (2015, "K40"), (2016, "K80"), (2017, "P100"), (2021, "V100"), (2024, "A100"),
               (9999, "H100"))
# the TPU generation in Google's cloud by year, for texts that write "TPU" or "Cloud TPU" alone
TPU_BY_YEAR = ((2018, "TPU v2"), (2020, "TPU v3"), (2022, "TPU v4"), (9999, "TPU v5e"))


def _tpu_of_year(year: int | None) -> str | None:
    if year is None:
        return None
    return next(name for until, name in TPU_BY_YEAR if year <= until)


@lru_cache(maxsize=8)
def _names_a_gpu(text: str) -> bool:
    return bool(NAMED_GPU.search(text))


def count_accelerator(text: str, name: str, noun: str, sentence: Span,
                      year: int | None) -> tuple[str | None, str]:
    """The accelerator of a device count (or of device time, ``name`` empty) and where it was found: the
    one named with the count, else in its sentence, else the one the text names most; else, for TPUs,
    the generation in service that year, and for bare "GPUs" of a text that names no GPU model, the
    data-centre GPU common that year (Speculative guesses the assumptions name)."""
    named = accelerator_pattern().search(name) or accelerator_pattern().search(f"{name} {noun[:-1]}")
    if named:
        return named.group("accelerator"), "named with the count"
    written = next((word for word in name.split() if resolve_accelerator(word)), None)
    if written:
        return written, "named with the count"
    nearby = accelerator_pattern().search(sentence.text)
    if nearby:
        return nearby.group("accelerator"), "named in the same sentence"
    most = document_accelerator(text)
    is_tpu = "tpu" in (name + " " + noun).lower()
    if most and (not is_tpu or most.startswith("TPU")):
        return most, "the accelerator the text names most"
    if is_tpu:
        return _tpu_of_year(year), "the TPU generation in service that year"
    bare_gpus = not name.strip() and noun.lower().startswith("gpu")
    if bare_gpus and year is not None and not _names_a_gpu(text):
        guess = next(gpu for until, gpu in GPU_BY_YEAR if year <= until)
        return guess, GPU_OF_YEAR
    return None, ""


def hardware_estimate(
    text: str, figure: Span, chip_seconds: float, accelerator_name: str | None,
    unit_what: str, publication_year: int | None, inputs: dict[str, object],
    sentence: Span | None = None,
) -> Estimate | None:
    """An estimate from accelerator time; ``figure`` is the verbatim span that states the time."""
    sentence = sentence or sentence_around(text, figure.start, figure.end)
    accelerator = resolve_accelerator(accelerator_name) if accelerator_name else None
    if accelerator is None or chip_seconds <= 0:  # (no time at all: "00,000 GPU hours" is a broken number)
        return None
    notes = []
    if unit_what.lower().startswith("core") and accelerator.name in HALF_CHIP_CORES:
        chip_seconds /= 2
        notes.append(f"{accelerator.name} cores counted as half a chip")
    elif unit_what.lower().startswith("gcd") and accelerator.name in HALF_GPU_DIES:
        chip_seconds /= 2
        notes.append(f"{accelerator.name} GCDs counted as half a module")
    precision = _precision(sentence.text)
    peak, used_precision = accelerator.peak(precision)
    chips = inputs.get("chips")
    utilization, source = _utilization(text, sentence, peak,
                                       chips if isinstance(chips, (int, float)) else None)
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
    if second_of_comparison(text, figure.start):
        notes.append(COMPARED_NOTE)
    # the figure's own clause: a fine-tuning stage the sentence goes on to is not its ("… for about one
    # week, followed by fine-tuning for 4 additional days"); "per GPU" is a rate
    # in a list of times by stage, "Stage 1 pretraining: 147K H100 hours … SFT: 896 H100 hours", the item's
    # a figure that spans the next stage's ("8 hours to pre-train and 3 hours to fine-tune on 4 V100 GPUs":
    # the time read is the first) is read up to where that stage begins
    own_part = figure
    next_stage = CLAUSE_BREAK.search(text, figure.start, figure.end)
    if next_stage is not None and next_stage.start() > figure.start:
        own_part = Span(text[figure.start: next_stage.start()], figure.start, next_stage.start())
    context = context_around(text, stage_item(clause_span(sentence, own_part), own_part), own_part, 100, 60)
    context = BATCH_RATE.sub(" ", THROUGHPUT.sub(" ", context))
    if "per" in context or "/" in context:  # a step's time is no rate of the run: "at 0.9 s per step"
        context = PER_STEP.sub(" ", context)
    mark_aggregate(estimate, text, sentence, figure)
    mark_local_cues(estimate, text, sentence, figure)
    if has_cue(context, NOT_TRAINING_USE) or data_work_clause(text, sentence, figure):
        estimate.notes.append(NOT_TRAINING_NOTE)
    elif "been" in sentence.text and MACHINE_LIFETIME.search(sentence.text) and \
            not TRAINING_WORD.search(RUN_IN_HEADING.sub("", sentence.text, count=1)):
        estimate.notes.append("not training hardware use (how long a machine has been in service)")
    return classify(estimate, context)


NOT_TRAINING_NOTE = "not training hardware use (inference or evaluation context)"


# how long a machine has been in service, told with no training: "Our cluster of 4,096 H100 GPUs … has
# been in operation for 18 months"
MACHINE_LIFETIME = re.compile(r"\b(?:has|have|had)\s+been\s+(?:in\s+(?:use|operation|service|production)|used"
                              r"|operating|running|operational|online|deployed)\s+(?:for|since)\b",
                              re.IGNORECASE)
TRAINING_WORD = re.compile(r"train|\bfit\b|learn", re.IGNORECASE)
# a section heading a sentence span starts with: "3 Training\n"
RUN_IN_HEADING = re.compile(r"^\W*\d+(?:\.\d+)*\.?\s+[A-Z][A-Za-z ]{0,40}\n")


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


# a row's values after its key: "GPU hours 2,000 24,000", "GPU hours | 2,000"
ROW_VALUES = re.compile(r"[ \t|:]*(?:\(?\d[\d.,]*\s?[kKMB]?\)?[ \t|]*)+$")
# a field's key ending: "GPU hours: …", "GPU hours (A100) = …"
FIELD_KEY_END = re.compile(r"[ \t]*(?:\([^()\n]{0,20}\))?[ \t]*[:=]")


def _keys_a_row(text: str, match: re.Match[str]) -> bool:
    """Whether a device-time unit that stands on a line after its count ("300B 1T" / "GPU hours 2,000
    24,000") has only numbers after it on its line, or a colon: the key of a table row that PDF text wrote
    a row a line, or of a field ("# Heron-13B" / "" / "GPU hours: 150,000"), not a count wrapped before its
    unit ("trained for 1.2M" / "GPU hours in total"); a blank line between them always parts them."""
    if BLANK_LINE.search(match.group(0)):
        return True
    line_end = text.find("\n", match.end())
    end = len(text) if line_end == -1 else line_end
    return ROW_VALUES.match(text, match.end(), end) is not None or \
        FIELD_KEY_END.match(text, match.end(), end) is not None


def find_hardware(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Accelerator time → FLOP: chips × seconds × peak FLOP/s × utilization."""
    estimates = []
    for match in anchored(CHIP_TIME, text, CHIP_TIME_ANCHOR, 140, 5):
        if "\n" in match.group(0) and _keys_a_row(text, match):
            continue  # "… 300B 1T" / "GPU hours 2,000 24,000": the unit is the next row's key
        if match.group("n"):
            chips_time = scaled_value(match.group("n"), match.group("mult"))
        elif match.group("e_mantissa"):
            chips_time = parse_plain(match.group("e_mantissa")) * 10 ** int(match.group("e_power"))
        elif match.group("bare_power") or match.group("bare_sup"):
            chips_time = 10.0 ** parse_exponent(match.group("bare_power") or match.group("bare_sup"))
        else:
            chips_time = parse_plain(match.group("mantissa")) * 10 ** parse_exponent(match.group("power"))
        seconds = chips_time * SECONDS[_unit_key(match.group("unit"))]
        name = match.group("acc")
        where = "named with the figure"
        what = match.group("what") or "chip"
        if not name:  # "GPU-hours": the GPU of the sentence, of the text, or of the year
            sentence = sentence_around(text, match.start(), match.end())
            name, where = count_accelerator(text, "", what + "s", sentence, publication_year)
        chip_time = f"{chips_time:g} {match.group('what') or match.group('acc')}-{match.group('unit')}"
        estimate = hardware_estimate(text, match_span(match), seconds, name, what,
                                      publication_year, {"chip_time": chip_time, "accelerator_from": where})
        if estimate:
            label = _row_label(text, match.start())
            if label:  # a figure in a table row is the row's model's, as the table finders read it
                estimate.model = label
                estimate.assumptions["table_row"] = True
            estimates.append(estimate)
            estimates.extend(_elided(text, match, seconds / chips_time, name, what, where, publication_year,
                                     chips_time))
            estimates.extend(_versus_first(text, match, seconds / chips_time, name, what, where,
                                           publication_year))
    return estimates + _parts_summed(text, estimates) + _computation_hours(text, publication_year) + \
        _long_hours_on(text, publication_year)


# between the parts of one run's hardware: "200K A100 GPU hours and 100K H100 GPU hours", "1,000 A100 and
# 500 H100 GPUs"
PARTS_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|plus|\+)\s*", re.IGNORECASE)


def _parts_summed(text: str, estimates: list[Estimate]) -> list[Estimate]:
    """One run's device time told in parts on different accelerators, joined by "and" with nothing else
    between them ("Training used 200K A100 GPU hours and 100K H100 GPU hours"): the parts' sum, each at
    its own accelerator's peak (the parts stay estimates of their own). Parts on one accelerator are
    none: two times of the same device in one sentence are as often two runs as one."""
    parts = sorted((e for e in estimates if len(e.evidence) > 1 and not e.notes
                    and "table_row" not in e.assumptions), key=lambda e: e.evidence[1].start)
    summed = []
    at = 0
    while at < len(parts) - 1:
        run = [parts[at]]
        while at + len(run) < len(parts):
            following = parts[at + len(run)]
            gap = text[run[-1].evidence[1].end: following.evidence[1].start]
            if following.evidence[0] != run[0].evidence[0] or not PARTS_JOINED.fullmatch(gap):
                break
            run.append(following)
        accelerators = [str(part.assumptions["accelerator"]) for part in run]
        if len(run) > 1 and len(set(accelerators)) == len(run):
            summed.append(sum_of_parts(run))
        at += len(run)
    return summed


def sum_of_parts(run: list[Estimate]) -> Estimate:
    """One estimate of a run whose hardware estimates are parts on different accelerators (its device time
    in parts, :func:`_parts_summed`, or its devices: "1,000 A100 and 500 H100 GPUs for 30 days"): their sum,
    quoting the first part's sentence and each part's figures."""
    def joined(key: str) -> str:
        return " + ".join(f"{part.assumptions[key]}" for part in run)
    evidence = [run[0].evidence[0]]
    for part in run:
        evidence += [span for span in part.evidence[1:] if span not in evidence]
    assumptions: dict[str, object] = {
        "accelerator": joined("accelerator"), "peak_flop_per_second": joined("peak_flop_per_second"),
        "precision": joined("precision"), "utilization": joined("utilization"),
        "utilization_source": joined("utilization_source"),
        "chip_seconds": sum(float(part.assumptions["chip_seconds"]) for part in run),
        "parts": f"one run's hardware in {len(run)} parts, summed",
        "accelerator_from": "named with each part"}
    for key in ("chip_time", "chips"):  # (device time in parts, or devices in parts)
        if all(key in part.assumptions for part in run):
            assumptions[key] = joined(key)
    return Estimate(
        sum(part.value_flop for part in run), HARDWARE, evidence, assumptions, model=run[0].model,
        confidence="Speculative" if any(part.confidence == "Speculative" for part in run) else "Likely",
    )


# a second clause that leaves out the unit the first gave: "Kite-70B used 1.7M GPU hours on A100s;
# Heron-7B used 82K", "While Kite-70B required 1.7M GPU hours, our Heron-7B needed only 82K", "Unlike
# Kite-70B, whose training took 1.7M GPU hours, Heron-7B needs only 82K", or a part of the first's total,
# "2.3M GPU hours across all experiments, of which the final Heron-34B run used 1.1M", "3.3M GPU hours for
# all models, of which Heron-70B accounted for 1.7M" (the same verb's kind, a count with no word after it)
ELIDED_UNIT = re.compile(rf"(?:(?:;|,?\s+(?:while|whereas)\b|,(?:\s+and\b)?)\s*(?:(?:our|the)\s+)?"
                         r"(?P<name>[A-Z][\w.-]*\w)"
                         r"|,\s*of\s+which\s+(?P<part_at>)(?:the\s+)?(?:(?:final|main|full|last)\s+)?"
                         # (a named part, its noun left out: "…, of which Heron-70B accounted for 1.7M")
                         r"(?:(?P<part>[A-Z][\w.-]*\w)(?:\s+(?:run|model|training(?:\s+run)?))?"
                         # (or a part sized, its name left out: "…, of which the 2B model consumed 245K")
                         r"|(?:\d+(?:\.\d+)?[MBT]\s+)?(?:run|model|training(?:\s+run)?))"
                         # "…; the final training run used 400K", "…; the final Heron-7B run used 60,000"
                         r"|;\s*(?P<final_at>)(?:the|our)\s+(?:final|main|full|last)\s+"
                         r"(?:(?P<final>[A-Z][\w.-]*\w)\s+)?(?:training\s+)?(?:run|model))\s+"
                         r"(?:only\s+|alone\s+)?(?:used|required|needed|took|consumed|uses|requires|needs|takes"
                         r"|accounted\s+for|accounts\s+for)\s+"
                         r"(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|~\s*)?"
                         # (a point that ends the clause, not a decimal one: "needs only 172.8K GPU hours")
                         # (or a share of the whole: "…, of which the final model used about 40%")
                         rf"(?P<n>{NUMBER})\s?(?:(?P<share>%|percent\b)|(?P<mult>{MULTIPLIER_WORD}))?"
                         r"(?=\s*(?:[;,)]|\.(?!\d)|$))")


# the same, a count for each of two named models, the second with its unit left out: "86K H100 hours for
# Heron-7B and 737K for Heron-30B"
ELIDED_FOR = re.compile(rf"\s+for\s+(?:the\s+)?[A-Z][\w.-]*\w\s+and\s+(?:about\s+|~\s*)?(?P<n>{NUMBER})\s?"
                        rf"(?P<mult>{MULTIPLIER_WORD})?\s+for\s+(?:the\s+)?(?P<name>[A-Z][\w.-]*\w)"
                        r"(?=\s*(?:[;,)]|\.(?!\d)|$))")
ELIDED_UNIT_NOTE = "in the unit of the clause before"  # (said of a time :data:`ELIDED_UNIT` reads)


# the first count of an "X vs. Y" pair whose unit only the second writes: "(753 vs. 6,250 A100 GPU days)"
VERSUS_FIRST = re.compile(rf"(?<![\w.,])(?P<n>{NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\s*"
                          r"(?:vs\.?|versus)\s*$", re.IGNORECASE)
# the model a sentence opens with, its subject
OPENING_NAME = re.compile(r"\W{0,3}(?:(?:the|our)\s+)?(?P<name>[A-Z][\w.-]*\w)")


def _versus_first(text: str, match: re.Match[str], unit_seconds: float, name: str | None, what: str,
                  where: str, publication_year: int | None) -> list[Estimate]:
    """The device time of the first count of an "X vs. Y" pair that writes its unit once, after the
    second ("Heron is trained with 10.8% of Kite's training time (753 vs. 6,250 A100 GPU days)"): the
    count in that unit, on that accelerator; the pair follows the sentence's order, so it is the run of
    the model the sentence opens with (the second is the compared side's)."""
    near = text[max(0, match.start() - 12): match.start()].lower()
    if not name or ("vs" not in near and "versus" not in near):
        return []
    first = VERSUS_FIRST.search(text, max(0, match.start() - 30), match.start())
    if first is None:
        return []
    sentence = sentence_around(text, match.start(), match.end())
    amount = scaled_value(first.group("n"), first.group("mult"))
    figure = Span(text[first.start(): match.end()], first.start(), match.end())
    estimate = hardware_estimate(text, figure, amount * unit_seconds, name, what, publication_year,
                                 {"chip_time": f"{amount:g} {what}-time in the unit of the figure after it",
                                  "accelerator_from": where, "pairing": "the first of an X vs. Y pair"},
                                 sentence=sentence)
    if estimate is None:
        return []
    subject = OPENING_NAME.match(RUN_IN_HEADING.sub("", sentence.text, count=1))
    estimate.model = subject.group("name") if subject and looks_like_a_model(subject.group("name")) else None
    estimate.notes = [note for note in estimate.notes if not note.startswith("cited")]
    return [estimate]


def _elided(text: str, match: re.Match[str], unit_seconds: float, name: str | None, what: str, where: str,
            publication_year: int | None, whole: float = 0.0) -> list[Estimate]:
    """The device time of a clause after the figure's that gives a count and leaves its unit out ("…;
    Heron-7B used 82K", "…, of which the final run used 1.1M", "…; the final training run used 400K", "…;
    the final Heron-7B run used 60,000", "… for Heron-7B and 737K for Heron-30B"): the count in the figure's
    unit, on its accelerator, for the model named there (if one is); a share of
    the figure's count (``whole``: "…, of which the final model used about 40%") is that share of it."""
    sentence = sentence_around(text, match.start(), match.end())
    rest = text[match.end(): sentence.end]
    if " and " in rest and name and (paired := ELIDED_FOR.match(text, match.end(), sentence.end)):
        # "86K H100 hours for Heron-7B and 737K for Heron-30B": the second count, for the model it names
        figure = Span(text[paired.start("n"): paired.end()], paired.start("n"), paired.end())
        amount = scaled_value(paired.group("n"), paired.group("mult"))
        estimate = hardware_estimate(text, figure, amount * unit_seconds, name, what, publication_year,
                                     {"chip_time": f"{amount:g} {what}-time {ELIDED_UNIT_NOTE}",
                                      "accelerator_from": where})
        if estimate is not None:
            estimate.model = paired.group("name")
        return [estimate] if estimate is not None else []
    if ";" not in rest and "while" not in rest and "whereas" not in rest and "," not in rest:
        return []  # cheap test first
    elided = ELIDED_UNIT.search(text, match.end(), sentence.end)
    if elided is None or not name:
        return []
    if elided.group("share") and not (elided.group("part_at") is not None and whole):
        return []  # a share of another model's time, or of no count
    amount = whole * parse_plain(elided.group("n")) / 100 if elided.group("share") else \
        scaled_value(elided.group("n"), elided.group("mult"))
    # (its clause's words)
    start = elided.start("name") if elided.group("name") else \
        elided.start("part_at") if elided.group("part_at") is not None else elided.start("final_at")
    figure = Span(text[start: elided.end()], start, elided.end())
    share = f" ({elided.group('n')}% of {whole:g})" if elided.group("share") else ""
    estimate = hardware_estimate(text, figure, amount * unit_seconds, name, what, publication_year,
                                 {"chip_time": f"{amount:g} {what}-time {ELIDED_UNIT_NOTE}{share}",
                                  "accelerator_from": where})
    if estimate is None:
        return []
    estimate.model = elided.group("name") or elided.group("part") or elided.group("final") or estimate.model
    return [estimate]


# device time written without a device noun, the hardware named in its sentence: "A cumulative of 145,152
# hours of computation was performed on hardware of type H100"
COMPUTATION_TIME = re.compile(rf"(?P<n>{FREE_NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\s*"
                              # "640K hours of H100 compute": the device may stand before the word
                              r"(?P<unit>hours?|days?)\s+of\s+(?:[\w-]+\s+){0,2}?(?:computation|compute|computing)\b",
                              re.IGNORECASE)


def _computation_hours(text: str, publication_year: int | None) -> list[Estimate]:
    """Hardware estimates from "N hours of computation" or "N hours of H100 compute" whose sentence names
    the accelerator (no accelerator named there, no estimate: the hours may be a CPU's or a whole
    cluster's)."""
    estimates, seen = [], set()
    low = lowered(text)
    at = low.find("comput")
    while at != -1:
        if " of " not in low[max(0, at - 30): at]:  # cheap test before the pattern
            at = low.find("comput", at + 1)
            continue
        for match in COMPUTATION_TIME.finditer(text, max(0, at - 60), at + 12):
            if match.start() in seen:
                continue
            seen.add(match.start())
            sentence = sentence_around(text, match.start(), match.end())
            named = accelerator_pattern().search(sentence.text)
            if named is None:
                continue
            estimate = _time_estimate(text, match, named.group("accelerator"), "named in the same sentence",
                                      publication_year)
            if estimate:
                estimates.append(estimate)
        at = low.find("comput", at + 1)
    return estimates


def _time_estimate(text: str, match: re.Match[str], accelerator: str, where: str,
                   publication_year: int | None, least_seconds: float = 0.0) -> Estimate | None:
    """The hardware estimate of a device time written as a count, its scale word and unit (groups ``n``,
    ``mult``, ``unit``) on ``accelerator`` (none when it lasts no more than ``least_seconds``)."""
    seconds = scaled_value(match.group("n"), match.group("mult")) * SECONDS[_unit_key(match.group("unit"))]
    if seconds <= least_seconds:
        return None
    chip_time = f"{match.group('n')}{match.group('mult') or ''} {match.group('unit')}"
    return hardware_estimate(text, match_span(match), seconds, accelerator, "chip", publication_year,
                             {"chip_time": chip_time, "accelerator_from": where})


# a duration longer than any run's wall clock, on a named accelerator: "1.1 million hours on NVIDIA H100
# accelerators", "640K hours of H100 time", "50,000 days on A100s" (device time, its device noun left out)
LONG_TIME_ON = re.compile(rf"(?P<n>{FREE_NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\s*"
                          r"(?P<unit>hours?|days?)\s+"
                          r"(?:on|of|using)\s+(?:(?:NVIDIA|Nvidia|AMD|Google|Intel|Huawei)\s+)?"
                          # ("640K hours of H100 compute" is :data:`COMPUTATION_TIME`'s)
                          rf"(?P<acc>{ACC})s?(?![\w-])(?!\s+comput)", re.IGNORECASE)
WALL_CLOCK_REACH = 3 * 365.25 * 86400  # seconds: no training run's wall clock has lasted longer


def _long_hours_on(text: str, publication_year: int | None) -> list[Estimate]:
    """Hardware estimates from a duration on a named accelerator too long to be a run's wall clock (more
    than three years, :data:`WALL_CLOCK_REACH`): device time written without a device noun."""
    estimates = []
    for word in (" hours ", " days "):  # (as written: units are in lower case; "on", "of" or "using" after)
        at = text.find(word)
        while at != -1:
            # (a count of thousands or with a scale word stands before the unit: a cheap test)
            before, after = text[max(0, at - 14): at], text[at + len(word): at + len(word) + 1]
            if after not in ("o", "u") or ("," not in before and "illion" not in before
                                            and not re.search(r"\d[kKM]\b|\d{5}", before)):
                at = text.find(word, at + 1)
                continue
            for match in LONG_TIME_ON.finditer(text, max(0, at - 30), at + 60):
                estimate = _time_estimate(text, match, match.group("acc"), "named with the figure",
                                          publication_year, WALL_CLOCK_REACH)
                if estimate:
                    estimates.append(estimate)
            at = text.find(word, at + 1)
    return estimates


def _row_label(text: str, at: int) -> str | None:
    """The first cell of the pipe-table row holding ``at`` (its model's name), or None outside a table,
    when the figure stands in that first cell, or when the cell is a number."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start: len(text) if line_end == -1 else line_end]
    if not line.lstrip().startswith("|"):
        return None
    first_bar = line.index("|")
    second_bar = line.find("|", first_bar + 1)
    if second_bar == -1 or at - line_start < second_bar:
        return None  # the figure is in the first cell
    label = line[first_bar + 1: second_bar].strip()
    return label if label and not label[0].isdigit() else None


def match_span(match: re.Match[str]) -> Span:
    """A regex match as an evidence span."""
    return Span(match.group(0), match.start(), match.end())


def _unit_key(unit: str) -> str:
    unit = unit.lower().rstrip("s").lstrip("-")  # ("-day": a unit as an adjective, "a 21-day run")
    if unit in ("min", "minute"):
        return "minute"
    return {"hr": "hour", "h": "hour", "d": "day", "wk": "week"}.get(unit, unit)
