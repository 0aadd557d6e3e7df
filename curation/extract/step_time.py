"""A run's duration told as the time of one training step times the steps it trains for.

"A single training step takes 12 seconds on 1,024 TPU v4 chips; we train for 100,000 steps", "at 0.9 s
per step for 250K steps": the sentence gives a step's wall-clock time and the run's count of steps; their
product is the run's duration. The rules: the time is in seconds or milliseconds and belongs to a step
or an iteration of training (not a forward pass, nor a step of inference or generation); the count is of
steps or iterations and is not a warm-up's ("2,000 warm-up steps"); of several counts the largest is the
run's.
"""

from __future__ import annotations

import re

from curation.extract.quantities import FREE_NUMBER, NUMBER, parse_plain
from curation.extract.step_counts import STEPS, count_value


def _seconds(group: str) -> str:
    """A unit of a step's time, seconds or milliseconds, as the named group ``group``."""
    return rf"(?P<{group}>ms|milliseconds?|s|secs?|seconds?)\b"


# "each step takes 12 seconds", "a single training step took 1.2 s", "a step time of 0.9 s", "each step
# processed 4M tokens and took 2.1 s"
STEP_TAKES = re.compile(rf"\b(?:each|every|a\s+single|one|a|per)\s+(?:training\s+|optimi[sz]ation\s+)?"
                        # (words may tell the step between it and its verb: "each step processed 4M
                        # tokens and took 2.1 seconds", "each step on 512 GPUs takes 3 s")
                        rf"(?:step|iteration)\s+(?:[^.;]{{0,50}}?\s)?(?:takes|took|requires|required|lasts"
                        rf"|lasted)\s+"
                        rf"(?:about\s+|roughly\s+|approximately\s+|around\s+|~\s*)?(?P<t>{NUMBER})\s*"
                        rf"{_seconds('unit')}"
                        rf"|\bstep\s+time\s+(?:of|is|was)\s+(?:about\s+|roughly\s+|~\s*)?(?P<t2>{NUMBER})\s*"
                        rf"{_seconds('unit2')}", re.IGNORECASE)
# "0.9 s per step", "1.2 seconds/iteration"
PER_STEP = re.compile(rf"(?P<t>{FREE_NUMBER})\s*{_seconds('unit')}\s*(?:per|/|a|each)\s*"
                      r"(?:training\s+)?(?:step|iteration)\b", re.IGNORECASE)
NOT_A_TRAINING_STEP = re.compile(r"inference|generat|decod|forward\s+pass|sampling", re.IGNORECASE)


def step_time_durations(sentence: str) -> list[tuple[float, str, int, int]]:
    """(seconds, as written, start, end) for a step's time times the steps of the run, both told in
    ``sentence`` (see the module's rules); the span runs from the first of the two to the last."""
    if "step" not in sentence and "iteration" not in sentence:
        return []
    times = [m for pattern in (STEP_TAKES, PER_STEP) for m in pattern.finditer(sentence)]
    if not times or NOT_A_TRAINING_STEP.search(sentence):
        return []
    counts = [m for m in STEPS.finditer(sentence) if not re.search(r"warm", sentence[max(0, m.start() - 20):
                                                                                      m.end() + 12], re.I)]
    if not counts:
        return []
    time = times[0]
    value = parse_plain(time.group("t") or time.group("t2"))
    unit = (time.group("unit") or time.group("unit2")).lower()
    seconds_per_step = value / 1000 if unit.startswith("m") else value
    count = max(counts, key=lambda m: count_value(m, "s"))
    steps = count_value(count, "s")
    start, end = min(time.start(), count.start()), max(time.end(), count.end())
    return [(seconds_per_step * steps, sentence[start:end], start, end)]
