"""The CPU-time finder: a run on CPU cores, as papers wrote it before accelerators trained models.

Rules:

- only a text that trains on no accelerator: one that writes "GPU", "TPU", "NPU" or "IPU" at all (but
  for a denial: "No GPUs were used") gets no CPU estimate (cores beside accelerators feed them:
  rollouts, data loading), and the engine runs this finder only when no accelerator finder found
  anything;
- CPU core time stated as such: "2,000 CPU core-days", "1.5 million CPU core-hours", or core time in a
  sentence that names the processors or machines ("40,000 core-hours on our Xeon cluster");
- cores and a duration in one sentence about training: "Training took 14 days on 180 CPU cores", "a
  cluster of 1,000 machines (16,000 cores) for three days", "in eight days on a 64-core server", "we
  parallelize training over 64 cores; one epoch takes 2 hours and we train for 20 epochs" (in a text
  that names no accelerator, cores are a CPU's; a text that writes "CUDA", "IPU", "Cerebras" or
  "wafer" counts other cores);
- a table column of products whose header says what it multiplies: "Training time [days x CPU cores]"
  over "14 x 180", "2 x 140": the largest product is the largest run;
- each core's peak is the single-precision peak of the server core common in the publication year
  (vector width × fused or paired multiply-adds × all-core clock, from Intel's Xeon datasheets), at the
  utilization default of its era; the estimate is Speculative and names that core.
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.context import NOT_TRAINING_USE, classify, data_work_clause, has_cue, mark_local_cues
from curation.extract.device_sentences import amount, durations
from curation.extract.device_time import (
    DEFAULT_UTILIZATION,
    DEFAULT_UTILIZATION_BEFORE_2018,
    NOT_TRAINING_NOTE,
    SECONDS,
)
from curation.extract.evidence import HARDWARE, Estimate, Span, sentence_around
from curation.extract.quantities import FREE_NUMBER, NUMBER

# (last publication year, core, single-precision FLOP/s per core, source)
CPU_CORE_BY_YEAR = (
    (2010, "server CPU core (SSE, 2008-2010)", 2.66e9 * 8,
     "Intel Xeon X5650 datasheet: 2.66 GHz, SSE 4-wide add + multiply = 8 FP32 FLOP/cycle"),
    (2013, "server CPU core (AVX, 2011-2013)", 2.6e9 * 16,
     "Intel Xeon E5-2670 datasheet: 2.6 GHz, AVX 8-wide add + multiply = 16 FP32 FLOP/cycle"),
    (2019, "server CPU core (AVX2, 2014-2019)", 2.3e9 * 32,
     "Intel Xeon E5-2698 v3 datasheet: 2.3 GHz, two AVX2 8-wide FMA = 32 FP32 FLOP/cycle"),
    (9999, "server CPU core (AVX-512, 2020-)", 1.7e9 * 64,
     "Intel Xeon Platinum 8180 datasheet: 1.7 GHz AVX-512 all-core, two 16-wide FMA = 64 FP32 FLOP/cycle"),
)

# (read only where its literal words stand, a plain search of the text being fast; "INPUT" holds one, so
# the pattern decides)
ACCELERATOR_WORDS = ("GPU", "TPU", "NPU", "IPU", "CUDA", "Cerebras", "wafer")
ACCELERATOR_WORD = re.compile(r"\b(?:(?:GPU|TPU|NPU|IPU)s?\b|CUDA\b|Cerebras\b|wafer)")
# an accelerator denied: "No GPUs were used", "without GPUs" (the run is still a CPU's)
NO_ACCELERATOR_BEFORE = re.compile(r"\b(?:[Nn]o|[Ww]ithout|[Nn]ot\s+(?:use|need)\s+(?:any\s+)?)\s+$")
CORE_TIME = re.compile(rf"(?P<n>{FREE_NUMBER})\s?(?P<mult>k|K|thousand|million)?\s*"
                       r"(?P<cpu>CPU[\s-]+)?core[\s-]*(?P<unit>hours?|days?|years?)\b", re.IGNORECASE)
# words that make a sentence's cores a CPU's: "core-hours on Xeon processors"
CPU_WORDS = re.compile(r"\b(?:CPUs?|processors?|Xeon|Opteron|machines|servers)\b", re.IGNORECASE)
CORES = re.compile(rf"(?<![\w.])(?P<n>{NUMBER}|[a-z]+(?:\s+(?:hundred|thousand))?)\s+"
                   r"(?:CPU\s+)?cores\b"
                   # one machine's cores as its adjective: "on a 64-core server"
                   rf"|(?<![\w.])(?P<n2>{NUMBER})-core\s+(?:CPU|server|machine|processor|node|workstation)\b",
                   re.IGNORECASE)
TRAINING = re.compile(r"\b(?:pre-?)?train|\btook\b|\btakes\b|\bran\b|\blearn", re.IGNORECASE)
PRODUCT_HEADER = re.compile(r"(?P<unit>hours?|days?)\s*[x×]\s*(?:CPU\s+)?cores", re.IGNORECASE)
PRODUCT_CELL = re.compile(rf"(?P<a>{FREE_NUMBER})\s*[x×]\s*(?P<b>\d[\d,]*)(?![\w.])")
MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "million": 1e6}
HEADER_REACH = 600  # characters after a product header where its column's cells stand


def find_cpu_time(text: str, publication_year: int | None) -> list[Estimate]:
    """CPU core time (see the module's rules) as hardware estimates."""
    if publication_year is None:
        return []
    # the patterns are read only where " core" stands (not inside "score")
    low = lowered(text)
    core_at = sorted(at + 1 for cue in (" core", "-core") for at in positions(low, cue))
    if not core_at or any(ACCELERATOR_WORD.match(text, at)
                          and not NO_ACCELERATOR_BEFORE.search(text, max(0, at - 12), at)
                          for word in ACCELERATOR_WORDS for at in positions(text, word)):
        return []
    estimates = []
    for match in _near(CORE_TIME, text, core_at, 40, 20):
        if not match.group("cpu") and \
                not CPU_WORDS.search(sentence_around(text, match.start(), match.end()).text):
            continue
        factor = MULTIPLIERS[match.group("mult").lower()] if match.group("mult") else 1.0
        seconds = float(match.group("n").replace(",", "")) * factor * SECONDS[match.group("unit").lower()
                                                                             .rstrip("s")]
        estimates.append(_estimate(text, Span(match.group(0), match.start(), match.end()), seconds,
                                   publication_year, "CPU core time"))
    for match in _near(CORES, text, core_at, 40, 20):  # ("64-core workstation": the noun after it)
        sentence = sentence_around(text, match.start(), match.end())
        if not TRAINING.search(sentence.text):
            continue
        try:
            cores = amount(match.group("n") or match.group("n2"))
        except ValueError:  # a word that is no count: "many cores"
            continue
        for seconds, _, duration in durations(sentence)[:1]:
            figure = Span(text[match.start(): duration.end], match.start(), duration.end) \
                if match.start() < duration.start else Span(text[duration.start: match.end()], duration.start,
                                                            match.end())
            estimates.append(_estimate(text, figure, cores * seconds, publication_year,
                                       "CPU cores and a duration in one sentence", sentence))
    estimates.extend(_product_columns(text, publication_year, core_at))
    return estimates


def _near(pattern: re.Pattern[str], text: str, cues: list[int], before: int,
          after: int) -> list[re.Match[str]]:
    """The matches of ``pattern`` read in windows around ``cues`` (each match once)."""
    return list({m.start(): m for at in cues
                 for m in pattern.finditer(text, max(0, at - before), at + after)}.values())


def _product_columns(text: str, publication_year: int, cores: list[int]) -> list[Estimate]:
    """The largest product under a header that says it multiplies time by CPU cores."""
    found = []
    for header in _near(PRODUCT_HEADER, text, cores, 20, 6):
        cells = list(PRODUCT_CELL.finditer(text, header.end(), header.end() + HEADER_REACH))
        if not cells:
            continue
        unit = SECONDS[header.group("unit").lower().rstrip("s")]
        top = max(cells, key=_product)
        seconds = _product(top) * unit
        sentence = Span(text[header.start(): top.end()], header.start(), top.end())
        found.append(_estimate(text, Span(top.group(0), top.start(), top.end()), seconds, publication_year,
                               f"the largest cell of a \"{header.group(0)}\" column", sentence))
    return found


def _product(cell: re.Match[str]) -> float:
    return float(cell.group("a").replace(",", "")) * float(cell.group("b").replace(",", ""))


def _estimate(text: str, figure: Span, core_seconds: float, year: int, pairing: str,
              sentence: Span | None = None) -> Estimate:
    """A hardware estimate of ``core_seconds`` on the server core of ``year``."""
    sentence = sentence or sentence_around(text, figure.start, figure.end)
    core, peak, source = next((core, peak, source) for until, core, peak, source in CPU_CORE_BY_YEAR
                              if year <= until)
    utilization = DEFAULT_UTILIZATION if year > 2017 else DEFAULT_UTILIZATION_BEFORE_2018
    estimate = Estimate(
        core_seconds * peak * utilization, HARDWARE, [sentence, figure],
        {"accelerator": core, "accelerator_from": "the server CPU core common that year",
         "peak_flop_per_second": peak, "precision": "fp32 (default)", "utilization": utilization,
         "utilization_source": f"default for work {'after' if year > 2017 else 'up to'} 2017",
         "chip_seconds": core_seconds, "datasheet": source, "pairing": pairing},
        confidence="Speculative",
    )
    mark_local_cues(estimate, text, sentence, figure)
    # (cores that tokenize, preprocess or evaluate do no training: "Tokenizing the corpus took 2 days on 1,000
    # CPU cores")
    if has_cue(sentence.text.lower(), NOT_TRAINING_USE) or data_work_clause(text, sentence, figure):
        estimate.notes.append(NOT_TRAINING_NOTE)
    return classify(estimate, sentence.text)
