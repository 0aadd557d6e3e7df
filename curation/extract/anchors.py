"""Anchors: cheap words that every match of a finder's expensive pattern must lie near.

Running big regexes (every accelerator alias, every number format) over a whole paper is slow; one
pass of a multi-word search finds the few places worth reading, and the finders search only there.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from ahocorasick_rs import AhoCorasick, MatchKind

from curation.extract.cloud_instances import INSTANCE_WORDS
from curation.extract.hardware import accelerator_words

ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
COMPUTE_UNIT_ANCHOR = "compute_unit"
CHIP_TIME_ANCHOR = "chip_time"
ACCELERATOR_ANCHOR = "accelerator"
TOKENS_ANCHOR = "tokens"
PARAMETERS_ANCHOR = "param"
NODE_ANCHOR = "node"
# Every anchor word in the lower-cased text, longest first (see _occurrences).
# (a day at any prefix, abbreviated: "3,640 PF-days", "12,000 TF-days", "2.4 EF-days", "5 pfs-days")
COMPUTE_UNIT_WORDS = ("flop", "floating", "petaflop", "f-day", "fs-day", "f day", "fs day", "pf/s")
DEVICE_WORDS = ("gpu", "tpu", "npu", "chip", "accelerator", "core", "device", "dgx", "hgx")
# a token count before the noun it sizes: "a 1.5 trillion token mix" (read with the "tokens" hits)
TOKEN_NOUNS = ("token mix", "token corpus", "token dataset")
# machines a run may be counted in ("64 nodes", "twelve servers"; read with the "node" hits)
NODE_WORDS = ("node", "server", "machine")


def _without_longer_forms(words: set[str]) -> set[str]:
    """The words none of the others starts ("a100" goes where "a10" is, "tpuv3" where "tpu" is): a
    hit's start is all an anchor needs, and the automaton's fast scan holds only about a hundred words
    (past that, every text's scan slows threefold)."""
    return {word for word in words if not any(other != word and word.startswith(other) for other in words)}


ANCHOR_LIST = sorted({*COMPUTE_UNIT_WORDS, *DEVICE_WORDS, TOKENS_ANCHOR, *TOKEN_NOUNS, PARAMETERS_ANCHOR,
                      *NODE_WORDS, *INSTANCE_WORDS, *_without_longer_forms(set(accelerator_words()))},
                     key=len, reverse=True)
# "GPU-hours", "TPU days", and a generation between: "TPU v3 hours"
TIME_AFTER_DEVICE = re.compile(r"(?:[\s-]?v\d[\w.]{0,3})?s?[\s·-]?(?:hour|hr|h(?![a-z])|day|week|month|year)")
# (and the accelerator's memory or form, or "equivalent", between: "H100-equivalent hours")
ACCELERATOR_TIME = re.compile(r"[\w.]{0,12}(?:[\s-](?:\d{2,3}\s?gb?|sxm\d?|pcie|nvl|hbm\d?e?"
                              r"|equivalent)){0,3}[\s-](?:hour|hr|day|week|month|year)s?\b")


@lru_cache(maxsize=256)  # several finders ask a text for the same word
def positions(text: str, word: str) -> list[int]:
    """Every index at which ``word`` occurs in ``text``, overlapping ones too (a literal find: cheaper
    than a pattern). The list is shared: read it, do not change it."""
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` in lower case with the same length (so offsets still index ``text``)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(ASCII_LOWER)

# one pass of an Aho-Corasick automaton finds every word at once (a regular expression tests each
# word at each position)
_AUTOMATON = AhoCorasick(ANCHOR_LIST, matchkind=MatchKind.LeftmostLongest)


def _occurrences(low: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every anchor word, leftmost-longest and not overlapping (what one pass of
    an alternation of :data:`ANCHOR_LIST` finds)."""
    return [(start, end, ANCHOR_LIST[index])
            for index, start, end in _AUTOMATON.find_matches_as_indexes(low)]


def _times_before(low: str, start: int) -> bool:
    """Whether a word is written straight after a count and a times sign ("8xh100")."""
    return start > 1 and low[start - 1] == "x" and low[start - 2].isdigit()


def _scale_before(low: str, start: int) -> bool:
    """Whether a word is written straight after a count's scale letter, as units are ("184 kgpuh",
    "2mgpuh")."""
    if start < 2 or low[start - 1] not in "km":
        return False
    return low[start - 2].isdigit() or (start > 2 and low[start - 2] == " " and low[start - 3].isdigit())


@lru_cache(maxsize=8)
def anchor_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each kind of anchor occurs in ``text`` (one scan of the lower-cased text)."""
    low = lowered(text)
    hits: dict[str, list[tuple[int, int]]] = {
        COMPUTE_UNIT_ANCHOR: [], CHIP_TIME_ANCHOR: [], ACCELERATOR_ANCHOR: [], TOKENS_ANCHOR: [],
        PARAMETERS_ANCHOR: [], NODE_ANCHOR: []}
    for start, end, word in _occurrences(low):
        if word in COMPUTE_UNIT_WORDS:
            hits[COMPUTE_UNIT_ANCHOR].append((start, end))
            continue
        if word in (TOKENS_ANCHOR, PARAMETERS_ANCHOR):
            hits[word].append((start, end))
            continue
        if word in TOKEN_NOUNS:
            hits[TOKENS_ANCHOR].append((start, end))
            continue
        if word in NODE_WORDS:
            hits[NODE_ANCHOR].append((start, end))
            continue
        if word in INSTANCE_WORDS:  # a cloud instance type: "p4d.24xlarge", "a2-highgpu-8g", "ND96asr_v4"
            hits[ACCELERATOR_ANCHOR].append((start, end))
            continue
        if start > 0 and low[start - 1].isalnum() and not _times_before(low, start) and \
                not (word in DEVICE_WORDS and _scale_before(low, start)) and \
                not low.endswith("cloud", 0, start):
            continue  # inside a longer word ("output", "score"), not "8xH100" or "CloudTPUv4"
        if word in DEVICE_WORDS:
            timed = TIME_AFTER_DEVICE.match(low, end)
            if timed:
                hits[CHIP_TIME_ANCHOR].append((start, timed.end()))
        # (a bare "chip" only after a count: "24 days on 2,048 chips", the accelerator told elsewhere)
        if word not in ("chip", "accelerator", "core", "device") or \
                (word == "chip" and COUNT_BEFORE.search(low, max(0, start - 12), start)):
            hits[ACCELERATOR_ANCHOR].append((start, end))
            timed = ACCELERATOR_TIME.match(low, end)  # "A100-hours": the accelerator is the device
            if timed and word not in DEVICE_WORDS:
                hits[CHIP_TIME_ANCHOR].append((start, timed.end()))
    return hits


COUNT_BEFORE = re.compile(r"\d\s?$")  # a count right before a device noun: "2,048 chips"


TOKEN_CHARACTERS = re.compile(r"[\w.,]{0,24}")  # the rest of a word or a number a window's end may cut


def token_end(text: str, end: int) -> int:
    """A window's end moved past the word or number it falls inside: a pattern searched up to ``end``
    reads "715000" whole, not "71500" (what follows the end is invisible to it)."""
    return TOKEN_CHARACTERS.match(text, end).end() if 0 < end < len(text) and text[end - 1].isalnum() else end


def anchored(pattern: re.Pattern[str], text: str, anchor: str, before: int,
             after: int) -> list[re.Match[str]]:
    """Matches of an expensive ``pattern`` searched only near the hits of a cheap ``anchor`` kind
    (from ``before`` characters ahead of each hit to ``after`` past it), in text order. Long texts
    hold few anchors, so this keeps the finders fast. A window ends past the word or number its last
    character falls in (:func:`token_end`)."""
    windows: list[list[int]] = []
    for hit_start, hit_end in anchor_hits(text)[anchor]:
        start, end = max(0, hit_start - before), token_end(text, min(len(text), hit_end + after))
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]
