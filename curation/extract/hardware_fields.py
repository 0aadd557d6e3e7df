"""The key-value finder: model cards that list their training hardware as fields.

Cards fill a template instead of writing sentences: Hugging Face's carbon-emissions section
("Hardware Type: 8 V100 GPUs" / "Hours used: 720 hours (30 days)"), or a training list ("GPUs: 512
H100-80G" / "Training time: 42 days"). The rules:

- a **hardware field** (Hardware Type, Hardware, GPUs, TPUs, Accelerators, Training hardware, GPU type,
  Training infrastructure, Cluster)
  names an accelerator, with a count ("32x A100-80GB", "96 Tesla V100", "TPUv3 pod (512 chips)", "A100
  80GB x 8") or a TPU slice ("TPU v3-256": 256 cores, two per chip; "v5litepod-16": 16 one-core chips);
  without either, the count a nearby field gives as a plain number ("Number of GPUs: 512", "GPU count:
  512", "GPUs: 512") or the time field's value ("Hours used: 2,000 (512 chips)"), else one device;
- the nearest **time field** within six lines of it (Hours used, Training time, Training duration,
  Duration, Time, Wall-clock, Training dates; of two as near, the one after it), or a duration in the
  field's own value ("64 A100 GPUs for 2 weeks", also under a Compute key), gives the wall-clock time;
  a range counts as its midpoint, a range of dates as the days between them ("11 Mar – 10 Apr 2023"),
  a bare number hours, a number in another unit ("30 seconds") nothing; a time already in device-hours
  ("90 GPU-hours", "2,000 (GPU hours)"), or longer than a year of wall-clock time ("Hours used: 150000"
  beside "256 A100"), is not multiplied by the count;
- a **compute field** (Total FLOPs, Training FLOPs, Training compute) states the total; "2.1 x 10e21" is
  read as 2.1 × 10^21, the way such fields are written; device time as its value ("Compute: 86K
  H100-hours") is device time, as in a device-time field;
- a **device-time field** ("GPU hours: 1.46M H100", "TPU-days: 300") is device time on the accelerator
  its value names, else the one the text names most;
- a two-cell table row is a field too: "| Training time | 30 days |", "| GPUs | 1024 A100 |".
"""

from __future__ import annotations

import re

from curation.extract.context import classify
from curation.extract.date_ranges import date_range_durations
from curation.extract.device_time import SECONDS, _unit_key, document_accelerator, hardware_estimate
from curation.extract.evidence import REPORTED, Estimate, Span
from curation.extract.hardware import TPU_SLICE, accelerator_pattern, resolve_accelerator, tpu_slice
from curation.extract.quantities import FREE_NUMBER, MULTIPLIER_WORD, NUMBER, parse_plain, scaled_value

FIELD = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)?[ \t]*(?P<key>[A-Za-z][A-Za-z /()-]{1,40}?)[ \t]*:[ \t]*"
                   r"(?P<value>\S.*)$", re.MULTILINE)
# a key that names its device, tried where a key of device time has a digit: "A100 hours: …", "H100 GPU
# hours: …", "GPU hours (A100): …" (no other digit: "Table 1: …" is no field)
DEVICE_NAMED_FIELD = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)?[ \t]*"
                                r"(?P<key>(?:[A-Za-z]{1,4}\d{1,4}[A-Za-z0-9-]*[ \t]+)?"
                                r"[A-Za-z][A-Za-z /()-]{1,40}?(?:\([\w .-]{1,20}\))?)[ \t]*:[ \t]*"
                                r"(?P<value>\S.*)$", re.MULTILINE)
# a two-cell table row read as a field: "| Training time | 30 days |"
TABLE_FIELD = re.compile(r"\|[ \t]*(?P<key>[A-Za-z][A-Za-z /()-]{1,40}?)[ \t]*\|"
                         r"[ \t]*(?P<value>[^|\n]*?\S)[ \t]*\|[ \t]*$")
# a field keyed by device time: "GPU hours: 1.46M H100", "TPU-days: 300", or by training time with device
# time its unit: "Training time (GPU hours): 184,320"
DEVICE_TIME_KEYS = re.compile(r"^(?:(?:total\s+|training\s+)?"
                              r"|(?:total\s+)?(?:pre-?)?training\s+(?:time|compute|duration)\s*(?P<open>\()\s*)"
                              # (the accelerator may stand first, or alone: "H100 GPU hours", "A100 hours")
                              r"(?:(?P<acc>[A-Za-z]{1,4}\d{1,4}[A-Za-z0-9-]*)[\s-]+"
                              r"(?=(?:gpu|tpu|chip|hour|day)))?"
                              r"(?:(?P<what>gpu|tpu|chip|accelerator|device)[\s-]?)?(?(acc)|(?(what)|(?!)))"
                              r"(?P<unit>hours?|days?)(?:\s+used)?(?(open)\s*\))"
                              r"(?:\s*\([^()]{1,24}\))?$", re.IGNORECASE)  # "GPU hours (A100): …"
DEVICE_TIME_VALUE = re.compile(rf"^\s*(?:about\s+|~\s*)?(?P<n>{NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\b")
# a duration written in a hardware field's own value: "64 A100 GPUs for 2 weeks"
# (or multiplied: "1,024 H100s × 30 days")
OWN_DURATION = re.compile(rf"(?:\b(?:for|over|in)\s+|\s[×x*]\s*)(?:about\s+|~\s*)?(?P<lo>{NUMBER})"
                          rf"(?:\s*(?:-|–|to)\s*(?P<hi>{NUMBER}))?\s*(?P<unit>hours?|days?|weeks?|months?)\b",
                          re.IGNORECASE)
HARDWARE_KEYS = re.compile(r"^(?:hardware(?: type)?|gpus?|tpus?|accelerators?|training hardware|"
                           r"(?:training |compute )?infrastructure|(?:training )?cluster|hardware used"
                           r"|(?:gpu|tpu|accelerator|device) (?:type|model))$", re.IGNORECASE)
# a field that counts the devices another field names: "Number of GPUs: 512", "GPU count: 512", "# GPUs: 512"
COUNT_KEYS = re.compile(r"^(?:(?:total\s+)?number\s+of\s+|num\.?\s+(?:of\s+)?|#\s*|total\s+)?"
                        r"(?:gpus|tpus|chips|accelerators|devices)(?:\s+used)?$"
                        r"|^(?:gpu|tpu|chip|accelerator|device)s?\s+count$", re.IGNORECASE)
PLAIN_COUNT = re.compile(rf"^\s*(?P<n>{NUMBER})\s*$")
# (its unit may follow in parentheses, for a value that is a bare number: "Training time (days): 21")
TIME_KEYS = re.compile(r"^(?:hours used|(?:pre-?)?training time|(?:pre-?)?training duration|time|duration|"
                       r"(?:training\s+)?(?:hours|days|weeks)|training period|time to train|"
                       r"(?:training\s+)?dates|"
                       r"wall[- ]?clock(?: time)?(?: of training)?)(?:\s*\((?:hours|days|weeks)\))?$",
                       re.IGNORECASE)
COMPUTE_KEYS = re.compile(r"^(?:total flops?|training flops?|training compute|compute|flops)$", re.IGNORECASE)
# a count, or nodes times the devices in each: "64 H100", "32 x 8 x A100 GPUs", "4 × 8 A100" (not "8 x 80GB")
# (nodes named before the devices in each: "32 nodes x 8 H100")
COUNT = re.compile(rf"^\s*(?P<n>{NUMBER})\s*(?:(?:nodes?|servers?|machines?)\s*(?=[x×]\s*\d))?(?:x|×)?\s*"
                   r"(?:(?P<per>\d{1,2})(?![\d.,]|\s*[GT]i?B)\s*(?:x|×)?\s*)?(?=[A-Za-z(])", re.IGNORECASE)
# a count written after the hardware's name: "TPUv3 pod (512 chips)", "A100 80GB, 64 GPUs", "A100 80GB x 8"
COUNT_AFTER = re.compile(rf"(?P<n>{FREE_NUMBER})\s*(?:chips|cores|GPUs|TPUs|devices|accelerators)\b"
                         r"|(?:×|\bx)\s*(?P<times>\d{1,5})\b(?!\s*(?:GB|TB|G\b))", re.IGNORECASE)
TIME_VALUE = re.compile(
    # a thousand or a million as a letter: "Hours used: 120k"
    rf"(?P<lo>{NUMBER})(?:\s?(?P<scale>[kKM])(?![A-Za-z]))?(?:\s*(?:-|–|to)\s*(?P<hi>{NUMBER}))?\s*"
    # "90 GPU-hours", "2,000 (GPU hours)": device time, not to be multiplied by the count
    r"(?:\(\s*(?=(?:GPU|TPU|chip|device)))?"
    r"(?P<device>(?:GPU|TPU|chip|device)[\s-]?)?(?P<unit>hours?|hrs?|h(?![A-Za-z])|days?|d(?![A-Za-z])|weeks?"
    r"|months?)?\b", re.IGNORECASE)
OTHER_UNIT = re.compile(r"\s*[A-Za-z]")  # a word right after a time field's number that is no time unit
SLOPPY_POWER = re.compile(rf"(?P<m>{NUMBER})\s*(?:x|×|\*)\s*10\s*[eE^]\s*(?P<e>\d{{1,2}})")
FIELD_WINDOW_LINES = 6
MAX_WALL_CLOCK = 365 * 86400  # seconds: a time field longer than this is device time


# a field of a line that runs several together, after its separator: "Params: 13B | Tokens: 3.5T | GPUs: 1024
# A100 | Days: 24", "Model size: 7.6B · Hardware: 2,048 H800 GPUs · Training time: 30 days"
# (or between sentences: "Hardware: 256 A100 GPUs. Total GPU hours: 150,000.")
_KEY_REST = r"[A-Za-z0-9 /()-]{1,40}?"  # a key's letters after its first
NEXT_SENTENCE_FIELD = re.compile(rf"\.[ \t]+(?:\*\*)?[A-Z]{_KEY_REST}[ \t]*(?:\*\*)?:")
MAX_RUN_IN = 240  # characters of a line of fields run together
RUN_IN_FIELD = re.compile(rf"(?:^|(?<= \| )|(?<= · )|(?<=\. ))[ \t]*(?:\*\*)?(?P<key>[A-Za-z]{_KEY_REST})"
                          r"[ \t]*(?:\*\*)?:[ \t]*(?:\*\*)?[ \t]*"
                          r"(?P<value>[^|·\n]*?[^|·\s])"
                          rf"(?=[ \t]*(?:[|·]|$)|{NEXT_SENTENCE_FIELD.pattern}|\.[ \t]*$)",
                          re.MULTILINE)


def _run_in_fields(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The fields a line runs together between " | " or " · ", or sentence after sentence
    (:data:`RUN_IN_FIELD`), two or more, each read as a field of its own; else none."""
    found = list(RUN_IN_FIELD.finditer(text, start, end))
    return found if len(found) > 1 else []


def _field_lines(text: str) -> list[re.Match[str]]:
    """FIELD matches, tried only on lines with a colon (a multi-line ``^`` pattern is slow on long texts),
    and TABLE_FIELD matches on lines that start a table row, in text order."""
    matches, colon = [], text.find(":")
    while colon != -1:
        start = text.rfind("\n", 0, colon) + 1
        end = text.find("\n", colon)
        end = len(text) if end == -1 else end
        match = FIELD.match(text, start, end)
        if match is None and (text.find("hour", start, colon) != -1 or text.find("day", start, colon) != -1):
            match = DEVICE_NAMED_FIELD.match(text, start, end)
        # (fields run together, " | ", " · " or as sentences, make a short line: a long one is a paragraph)
        run_in = match is not None and end - colon < MAX_RUN_IN and text.find(":", colon + 1, end) != -1 and (
            text.find(" | ", colon, end) != -1 or text.find(" · ", colon, end) != -1
            or NEXT_SENTENCE_FIELD.search(text, colon, end) is not None)
        if run_in:
            matches += _run_in_fields(text, start, end) or [match]
        elif match:
            matches.append(match)
        colon = text.find(":", end)
    bar = text.find("\n|")
    while bar != -1:
        end = text.find("\n", bar + 1)
        end = len(text) if end == -1 else end
        match = TABLE_FIELD.match(text, bar + 1, end)
        if match:
            matches.append(match)
        bar = text.find("\n|", end)
    return sorted(matches, key=lambda match: match.start())


def _fields(text: str) -> list[tuple[str, str, Span, int]]:
    """(key, value, line span, line number) of every "key: value" line."""
    found, line_number, counted_to = [], 0, 0
    for match in _field_lines(text):
        line_number += text.count("\n", counted_to, match.start())  # counted once, not from the start
        counted_to = match.start()
        line = Span(match.group(0), match.start(), match.end())
        found.append((match.group("key").strip(), match.group("value").strip(), line, line_number))
    return found


# a count glued to its devices by an "x": "8xH100", "64xA100-80GB" (the name read as a word of its own)
GLUED_TIMES = re.compile(r"(?<=\d)([x×])(?=[A-Za-z])")


def _devices(value: str) -> tuple[float, str | None, str]:
    """(chips, accelerator as written, noun) of a hardware field's value ("8xH100" read as "8x H100")."""
    if "x" in value or "×" in value:
        value = GLUED_TIMES.sub(r"\1 ", value)
    slice_ = TPU_SLICE.search(value)
    named = accelerator_pattern().search(value)
    if slice_ and (named or value.lower().lstrip().startswith("v")):
        chips, name = tpu_slice(slice_)
        return chips, name, "chip"
    count = COUNT.match(value) or COUNT_AFTER.search(value)
    noun = "core" if re.search(r"\bcores?\b", value, re.IGNORECASE) else "chip"
    chips = parse_plain(count.group("n") or count.groupdict()["times"]) if count else 1.0
    if count and count.groupdict().get("per"):
        chips *= parse_plain(count.group("per"))
    return chips, (named.group("accelerator") if named else None), noun


def _seconds(value: str, key: str = "") -> tuple[float, bool] | None:
    """(seconds, already device time) of a time field's value; bare numbers are in the unit the key
    names ("Days: 21"), else hours, and a number in another unit ("30 seconds", "90 minutes" of audio, "3
    epochs") is no training time."""
    dated = date_range_durations(value)  # "Training dates: 11 Mar – 10 Apr 2023"
    if dated:
        return dated[0][0], False
    match = TIME_VALUE.search(value)
    if not match:
        return None
    if not match.group("unit") and not match.group("device") and OTHER_UNIT.match(value, match.end()):
        return None
    scale = {"k": 1e3, "m": 1e6}[match.group("scale").lower()] if match.group("scale") else 1.0
    lo = parse_plain(match.group("lo")) * scale
    hi = parse_plain(match.group("hi")) * scale if match.group("hi") else lo
    keyed = re.search(r"\b(?:hours|days|weeks)\b", key, re.IGNORECASE)
    unit = _unit_key(match.group("unit") or (keyed.group(0) if keyed else "hours"))
    return (lo + hi) / 2 * SECONDS[unit], bool(match.group("device"))


def find_hardware_fields(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Hardware × time from key-value fields, and totals from compute fields (see the module's rules)."""
    if ":" not in text and "|" not in text:  # no field, nor a two-cell table row
        return []
    fields = _fields(text)
    estimates = []
    for key, value, line, number in fields:
        device_time = DEVICE_TIME_KEYS.match(key)
        if device_time:
            estimates += _device_time_field(text, value, line, device_time, publication_year)
            continue
        compute = COMPUTE_KEYS.match(key)
        if compute:
            estimates += _compute_field(value, line) or \
                _device_time_value(text, value, line, publication_year)
        # (a count's field that names its accelerator is a hardware field: "Number of GPUs: 384 A100 80GB")
        if not (HARDWARE_KEYS.match(key) or COUNT_KEYS.match(key)
                or (compute and OWN_DURATION.search(value))):
            continue
        chips, accelerator, noun = _devices(value)
        if accelerator is None or resolve_accelerator(accelerator) is None:
            continue
        counted = _count_field(fields, number) if not _counts_itself(value) else None
        if counted is not None:  # "GPU: A100" beside "Number of GPUs: 512"
            chips = counted
        times = sorted(((abs(n - number), n < number), k, v, span) for k, v, span, n in fields
                       if TIME_KEYS.match(k) and abs(n - number) <= FIELD_WINDOW_LINES)
        own = OWN_DURATION.search(value)
        if own:  # the field says how long itself
            times = [((0, False), key, own.group(0).split(None, 1)[1], line)]
        for _, time_key, time_value, time_line in times[:1]:
            timed = _seconds(time_value, time_key)
            if timed is None:
                continue
            seconds, device_time = timed
            # a count the time field gives when the hardware field gives none: "Hours used: 2,000 (512 chips)"
            in_time = TIME_FIELD_COUNT.search(time_value) if counted is None and not _counts_itself(value) \
                else None
            chips = parse_plain(in_time.group("n")) if in_time else chips
            # more than a year of wall-clock time on a card's run is its device time already ("Hours
            # used: 150000" beside "256 A100")
            device_time = device_time or (chips > 1 and seconds > MAX_WALL_CLOCK)
            chip_seconds = seconds if device_time else chips * seconds
            evidence = Span(text[min(line.start, time_line.start): max(line.end, time_line.end)],
                            min(line.start, time_line.start), max(line.end, time_line.end))
            estimate = hardware_estimate(
                text, time_line, chip_seconds, accelerator, noun, publication_year,
                {"chips": chips, "duration": time_value, "pairing": "hardware and time fields of a card",
                 "accelerator_from": "the hardware field"},
                sentence=evidence,
            )
            if estimate is not None:
                estimate.evidence.append(line)
                estimates.append(estimate)
    return estimates


# a count of devices in a time field's value: "2,000 (512 chips)", "720 hours on 64 GPUs"
TIME_FIELD_COUNT = re.compile(r"(?:\(\s*|\bon\s+|\busing\s+|\bacross\s+)(?P<n>\d[\d,]*)\s+"
                              r"(?:chips|GPUs|TPUs|devices|accelerators)\b", re.IGNORECASE)


def _counts_itself(value: str) -> bool:
    """Whether a hardware field's value gives its own count or TPU slice ("8x A100", "TPU v3-256")."""
    value = GLUED_TIMES.sub(r"\1 ", value) if "x" in value or "×" in value else value
    return bool(TPU_SLICE.search(value) or COUNT.match(value) or COUNT_AFTER.search(value))


def _count_field(fields: list[tuple[str, str, Span, int]], number: int) -> float | None:
    """The device count a nearby field gives as a plain number ("Number of GPUs: 512", "GPUs: 512"):
    the nearest within six lines of the hardware field at line ``number``."""
    counts = sorted((abs(n - number), parse_plain(plain.group("n"))) for k, v, _, n in fields
                    if (COUNT_KEYS.match(k) or HARDWARE_KEYS.match(k)) and n != number
                    and abs(n - number) <= FIELD_WINDOW_LINES and (plain := PLAIN_COUNT.match(v)))
    return counts[0][1] if counts and counts[0][1] >= 1 else None


def _device_time_field(text: str, value: str, line: Span, key: re.Match[str],
                       year: int | None) -> list[Estimate]:
    """Device time from a field keyed by it ("GPU hours: 1.46M H100", "GPU hours (A100): 150,000"): the
    accelerator the value or the key names, else the one the text names most."""
    amount = DEVICE_TIME_VALUE.match(value)
    if amount is None:
        return []
    named_in = f"{value} {key.string}"  # (the key may name it: "GPU hours (A100)", "A100 hours")
    what = key.group("what") or "chip"
    return _field_device_time(text, line, named_in, amount, key.group("unit"), what, year)


def _field_device_time(text: str, line: Span, named_in: str, amount: re.Match[str], unit_word: str,
                       what: str, year: int | None, noun: str | None = None) -> list[Estimate]:
    """A field's device time (``amount``'s number and multiplier, in ``unit_word`` of ``what``) on the
    accelerator ``named_in`` names, else the one the text names most."""
    named = accelerator_pattern().search(named_in)
    accelerator, where = ((named.group("accelerator"), "named in the field") if named
                          else (document_accelerator(text), "the accelerator the text names most"))
    if accelerator is None:
        return []
    device_time = scaled_value(amount.group("n"), amount.group("mult"))
    unit = _unit_key(unit_word)
    inputs = {"chip_time": f"{device_time:g} {what}-{unit}s", "pairing": "a device-time field of a card",
              "accelerator_from": where}
    estimate = hardware_estimate(text, line, device_time * SECONDS[unit], accelerator, noun or what, year,
                                 inputs, sentence=line)
    return [estimate] if estimate is not None else []


# device time as a compute field's value: "86K H100-hours", "1.2M TPU v4 chip-hours", "300 GPU-days"
DEVICE_TIME_IN_VALUE = re.compile(rf"^\s*(?:about\s+|~\s*|approx(?:\.|imately)\s+)?(?P<n>{NUMBER})\s?"
                                  rf"(?P<mult>{MULTIPLIER_WORD})?\s+(?![x×*]\s)(?P<what>[^\n,;()]{{1,30}}?)[\s-]"
                                  r"(?P<unit>hours?|days?)\b", re.IGNORECASE)
DEVICE_WORD = re.compile(r"\b(?:gpu|tpu|chip|device|accelerator|npu)s?\b|\d", re.IGNORECASE)


def _device_time_value(text: str, value: str, line: Span, year: int | None) -> list[Estimate]:
    """Device time a compute field gives in its value ("Compute: 86K H100-hours"): on the accelerator the
    value names, else — when it says GPU, TPU or chip hours — the one the text names most."""
    amount = DEVICE_TIME_IN_VALUE.match(value)
    if amount is None or not DEVICE_WORD.search(amount.group("what")):
        return []
    return _field_device_time(text, line, amount.group("what"), amount, amount.group("unit"), "device", year,
                              noun="chip")


def _compute_field(value: str, line: Span) -> list[Estimate]:
    sloppy = SLOPPY_POWER.search(value)
    if not sloppy or not re.search(r"flop", line.text, re.IGNORECASE):
        return []
    flop = parse_plain(sloppy.group("m")) * 10 ** int(sloppy.group("e"))
    if not 1e15 <= flop <= 1e28:
        return []
    estimate = Estimate(flop, REPORTED, [line], {"unit": "FLOP", "pairing": "a compute field of a card",
                                                 "written": sloppy.group(0)})
    return [classify(estimate, line.text.lower())]
