"""Counts of training steps as set-ups write them: "500,000 steps", "2^19 steps", "one million
iterations", "250k updates" (shared by the step-counting and step-time finders)."""

from __future__ import annotations

import re

from curation.extract.quantities import MULTIPLIERS, NUMBER

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "a": 1, "half a": 0.5}
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))


def counted(g: str) -> str:
    """A count in digits ("1,024", "1'024"), with a k/M/thousand/million suffix, in words, or as a power
    of two ("2^19 steps", "batches of 2^20 tokens"; "2^11 = 2,048" reads the digits after the sign)."""
    return (rf"(?:2\s*\^\s*(?P<{g}p>\d{{1,2}})(?!\d|\s*=)|(?P<{g}>\d{{1,3}}(?:'\d{{3}})+|{NUMBER})"
            rf"|(?P<{g}w>{_WORD}))(?:\s?(?P<{g}m>[kKM](?![a-zA-Z])|thousand|million))?")


STEPS = re.compile(rf"(?<![\w.']){counted('s')}\s*"
                   r"(?:total\s+)?(?:training\s+|optimi[sz]ation\s+|optimi[sz]er\s+|gradient\s+|SGD\s+|update\s+)?"
                   r"(?:steps|iterations|updates)\b", re.IGNORECASE)


def count_value(match: re.Match[str], group: str) -> float:
    """The value of a :func:`counted` group ``group`` in ``match``."""
    if match.group(group + "p"):
        return 2.0 ** int(match.group(group + "p"))
    digits, word, multiplier = match.group(group), match.group(group + "w"), match.group(group + "m")
    base = float(digits.replace(",", "").replace("'", "")) if digits else float(WORDS[word.lower()])
    return base * (MULTIPLIERS[multiplier.lower()] if multiplier else 1.0)
