"""Device time across a model card: its device count and its training duration, written apart.

Cards fill sections of a template, so the hardware and the time often stand in different places:
"#### Hardware" / "384 A100 80GB GPUs (48 nodes)" … "#### Training" / "Training took 3.5 months", or
"Heron-7B was trained on 256 H100 GPUs." in one section and "The model training took roughly two
months." in another. The rules:

- model cards only, and only when no sentence or field of the card pairs a count with a duration
  itself (the engine runs this finder as their fallback);
- a **device count** is one written in a sentence that trains, or on a line of its own under a
  heading about hardware, compute, infrastructure or training; not one the card gives another purpose
  ("to generate", "for inference") nor one about running the model (inference, serving, loading, memory);
- a **duration** is one written in a sentence about training that names no devices ("The model training
  took roughly two months"), or on a short line of its own right under a heading about training ("##
  Training time" / "14 days."), outside code;
- a count on a line of its own under such a heading that gives its own duration ("## Compute" /
  "2048 TPU v4 chips × 30 days") pairs with that duration;
- otherwise the card must give exactly one count and one duration (which count goes with which time is
  not said otherwise); the estimate quotes both and is Speculative.
"""

from __future__ import annotations

import bisect
import re

from curation.extract.anchors import lowered, positions
from curation.extract.card_finders import is_card
from curation.extract.context import NOT_TRAINING_USE, has_cue
from curation.extract.device_sentences import (
    DURATION,
    TRAINING,
    device_counts,
    durations,
    for_training,
    sentences_with_devices,
)
from curation.extract.device_time import count_accelerator, hardware_estimate
from curation.extract.evidence import Estimate, Span, line_around, sentence_around

HEADING = re.compile(r"#{1,6}[ \t]*(?P<title>[^\n]*)")
HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]*(?P<title>[^\n]*)", re.MULTILINE)
# the first line of text after a heading, when it is short: a value, not a paragraph
LINE_AFTER = re.compile(r"\s*\n(?:[ \t]*\n)*[ \t]*(?P<line>[^\n#|]{1,60})(?:\n|$)")
HARDWARE_HEADING = re.compile(r"hardware|compute|infrastructure|training", re.IGNORECASE)
RUNNING_THE_MODEL = ("inference", "serving", "run the model", "running the model", "load", "memory", "fits",
                     "requires", "vram", "quantiz")


def _heading_before(text: str, at: int) -> str:
    """The title of the last Markdown heading before ``at`` ("" when there is none)."""
    start = text.rfind("\n#", 0, at) + 1 or (0 if text.startswith("#") else -1)
    if start == -1:
        return ""
    end = text.find("\n", start)
    heading = HEADING.match(text[start: end if end != -1 else len(text)])
    return heading.group("title") if heading else ""


def _in_code(fences: list[int], at: int) -> bool:
    """Whether ``at`` lies inside a fenced code block, given where the text's fences are."""
    return bisect.bisect_left(fences, at) % 2 == 1


def _own_line(text: str, sentence: Span) -> bool:
    """Whether a sentence is a line of its own (a heading it runs on from does not count)."""
    body = "\n".join(line for line in sentence.text.strip().split("\n") if not line.lstrip().startswith("#"))
    at = text.find(body, sentence.start) if body else -1
    return at != -1 and line_around(text, at, at + len(body)).text.strip() == body.strip()


def _training_counts(text: str, fences: list[int]) -> list[tuple[tuple[float, str, str, Span], Span]]:
    """(device count, its sentence) for every count that may be the card's training hardware."""
    found = []
    for sentence in sentences_with_devices(text):
        low = sentence.text.lower()
        if _in_code(fences, sentence.start) or has_cue(low, RUNNING_THE_MODEL + NOT_TRAINING_USE):
            continue
        own_line = _own_line(text, sentence)
        trains = TRAINING.search(sentence.text) and "train" in low
        if not trains and not (own_line and HARDWARE_HEADING.search(_heading_before(text, sentence.end))):
            continue
        for device in device_counts(sentence):
            # a sentence that trains with its own duration is the device-count finder's; a line of its
            # own under a hardware heading keeps its duration ("2048 TPU v4 chips × 30 days")
            if for_training(sentence, device) and (own_line or not durations(sentence)):
                found.append((device, sentence))
    return found


def _training_durations(text: str, fences: list[int]) -> list[tuple[tuple[float, str, Span], Span]]:
    """(duration, its sentence) for every duration a sentence about training gives without devices, or a
    line of its own gives under a heading about training ("## Training time" / "14 days.")."""
    found, seen = [], set()
    low = lowered(text)
    for heading in HEADING_LINE.finditer(text):
        if "train" not in heading.group("title").lower() or _in_code(fences, heading.start()):
            continue
        line = LINE_AFTER.match(text, heading.end())
        if line is None:
            continue
        span = Span(line.group("line"), line.start("line"), line.end("line"))
        if DURATION.search(span.text) and not device_counts(span) and not has_cue(span.text.lower(),
                                                                                  NOT_TRAINING_USE):
            seen.add(span.start)
            found.extend((duration, span) for duration in durations(span))
    at = low.find("train")
    while at != -1:
        sentence = sentence_around(text, at, at + 5)
        if sentence.start not in seen and not _in_code(fences, at):
            seen.add(sentence.start)
            if DURATION.search(sentence.text) and not device_counts(sentence) and \
                    not has_cue(sentence.text.lower(), NOT_TRAINING_USE):
                found.extend((duration, sentence) for duration in durations(sentence))
        at = low.find("train", max(at + 5, sentence.end))
    return found


def find_card_device_time(text: str, publication_year: int | None = None,
                          name: str | None = None) -> list[Estimate]:
    """Hardware estimates from a card's one device count and one training duration, written apart
    (``name``: the repository the card is published under, when known)."""
    if not is_card(text, name):
        return []
    fences = positions(text, "```")
    counts = _training_counts(text, fences)
    if len({device[0] for device, _ in counts}) != 1:
        return []
    own_times = [(duration, counts[0][1]) for duration in durations(counts[0][1])]
    times = own_times or _training_durations(text, fences)
    if len({duration[0] for duration, _ in times}) != 1:
        return []
    (count, name, noun, count_span), count_sentence = counts[0]
    (seconds, written, duration_span), duration_sentence = times[0]
    accelerator, where = count_accelerator(text, name, noun, count_sentence, publication_year)
    if accelerator is None:
        return []
    estimate = hardware_estimate(
        text, count_span, count * seconds, accelerator, noun, publication_year,
        {"chips": count, "duration": written, "accelerator_from": where,
         "pairing": "the card's one device count and its one training duration, written apart"},
        sentence=count_sentence,
    )
    if estimate is None:
        return []
    estimate.confidence = "Speculative"
    estimate.evidence += [duration_sentence, duration_span]
    return [estimate]
