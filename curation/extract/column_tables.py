"""Tables that PDF text extraction flattened into columns: each column is a header line followed by one
value per line ("Hours" / 109 / 108 / 252 … then "GPU" / TITAN BLACK / Quadro K-6000 …).

The rule: where a column headed by training time ("Hours", "Days", "Training time (hours)") lists N
plain numbers and, within the lines after it, a column headed by the hardware ("GPU", "Hardware",
"Device") lists N accelerator names, the values at the same position are one run each, on one device
of that kind (a column of device names gives no count). Each run is a Speculative hardware estimate
quoting its time, its device and both headers; the largest is the text's main run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from curation.extract.anchors import lowered
from curation.extract.device_time import SECONDS, hardware_estimate
from curation.extract.evidence import Estimate, Span
from curation.extract.hardware import resolve_accelerator

TIME_HEADER = re.compile(r"^(?:training\s+)?(?:time\s*)?\(?(?P<unit>hours?|days?)\)?$", re.IGNORECASE)
TIME_LINE = re.compile(r"\n(?:training\s+)?(?:time\s*)?\(?(?:hours?|days?)\)?\n")  # in lower case
DEVICE_HEADER = re.compile(r"^(?:gpus?|hardware|devices?|accelerators?)$", re.IGNORECASE)
PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
LOOK_AHEAD_LINES = 60


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(line, start, start + len(line)))
        start += len(line) + 1
    return spans


def _column(lines: list[Span], start: int, accept: Callable[[str], bool]) -> list[Span]:
    values = []
    for line in lines[start:]:
        if not accept(line.text.strip()):
            break
        values.append(line)
    return values


def find_column_runs(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Hardware estimates from a flattened time column paired with a flattened device column."""
    if not TIME_LINE.search(lowered(text)):
        return []  # cheap: most texts have no line that is a time header
    lines = _lines(text)
    estimates = []
    for index, header in enumerate(lines):
        unit = TIME_HEADER.match(header.text.strip())
        if not unit:
            continue
        times = _column(lines, index + 1, lambda cell: bool(PLAIN_NUMBER.match(cell)))
        if len(times) < 2:
            continue
        after = index + 1 + len(times)
        for device_index in range(after, min(len(lines), after + LOOK_AHEAD_LINES)):
            if not DEVICE_HEADER.match(lines[device_index].text.strip()):
                continue
            devices = _column(lines, device_index + 1, lambda cell: resolve_accelerator(cell) is not None)
            if len(devices) != len(times):
                break
            written = unit.group("unit")
            seconds = SECONDS["day" if written.lower().startswith("day") else "hour"]
            for time_cell, device_cell in zip(times, devices, strict=True):
                estimate = hardware_estimate(
                    text, time_cell, float(time_cell.text) * seconds, device_cell.text.strip(), "gpu",
                    publication_year,
                    {"chips": 1, "chip_time": f"{time_cell.text.strip()} {written}",
                     "accelerator_from": "the device column of a flattened table",
                     "pairing": "same position in a time column and a device column", "table_row": True},
                    sentence=time_cell)
                if estimate is not None:
                    estimate.confidence = "Speculative"
                    estimate.evidence += [header, lines[device_index], device_cell]
                    estimates.append(estimate)
            break
    return estimates
