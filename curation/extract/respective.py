"""Sizes and token figures a sentence pairs in order with "respectively".

"Heron-70B and Heron-7B were trained on 15T and 2T tokens, respectively", "The 1B, 7B and 70B models
saw 1T, 2T and 15T tokens respectively". The rule: in a sentence that says "respectively", token figures
listed with one unit after the last ("15T and 2T tokens", "1T, 2T and 15T tokens") are paired one for one,
in order, with the sizes written before the list (as names' sizes, "Heron-70B", or alone, "70B"); the
pairing holds only when the two lists are as long. Figures of any unit so listed ("required 8.4e22 and
8.4e23 FLOPs, respectively") are no range: the last is the last size's, another size's run when a larger
size is listed with it.
"""

from __future__ import annotations

import re

from curation.extract.evidence import Span
from curation.extract.quantities import scaled_value

_LISTED_TOKEN = r"\d+(?:\.\d+)?\s?[BT]"
# token figures listed with one unit after the last
LISTED_TOKENS = re.compile(rf"(?<![\w.])(?P<list>{_LISTED_TOKEN}(?:\s*,\s*{_LISTED_TOKEN})*,?\s+and\s+"
                           rf"{_LISTED_TOKEN})\s+tokens\b")
LISTED_FIGURE = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[BT])")
# a size before them, alone or a name's: "70B", "Heron-70B"
SIZE_WORD = re.compile(r"(?<![\w.])(?P<name>[A-Za-z][\w.]*-)?(?P<n>\d+(?:\.\d+)?)(?P<m>[MBT])(?![\w.])")


def respective_pairs(sentence: Span) -> list[tuple[float, Span, float, Span]]:
    """(size, where it is written, tokens, where they are written) for each pair the sentence makes (see the
    module's rule); offsets into the text the sentence is a span of. Empty when it makes none."""
    if "respectively" not in sentence.text:
        return []
    for listed in LISTED_TOKENS.finditer(sentence.text):
        figures = list(LISTED_FIGURE.finditer(sentence.text, listed.start("list"), listed.end("list")))
        sizes = list(SIZE_WORD.finditer(sentence.text, 0, listed.start()))
        if len(sizes) != len(figures):
            continue
        return [(scaled_value(size.group("n"), size.group("m").lower()),
                 Span(size.group(0), sentence.start + size.start(), sentence.start + size.end()),
                 scaled_value(figure.group("n"), figure.group("m").lower()),
                 Span(figure.group(0), sentence.start + figure.start(), sentence.start + figure.end()))
                for size, figure in zip(sizes, figures, strict=True)]
    return []


# figures of any unit listed with one unit after the last: "8.4e22 and 8.4e23 FLOPs", "1.7M and 82K GPU hours"
_LISTED_NUMBER = r"\d[\d,.]*(?:\s?[eE][+\-]?\d+|\s?[kKMBT]\b)?"
LISTED_NUMBERS = re.compile(rf"(?<![\w.])(?:{_LISTED_NUMBER}\s*,\s*)*{_LISTED_NUMBER},?\s+and\s+$")


def respective_size(sentence: Span, figure_start: int) -> tuple[Span, float, float] | None:
    """The size a figure at ``figure_start`` is paired with when it ends a list of figures a sentence pairs
    with "respectively" ("The 7B and 70B models required 8.4e22 and 8.4e23 FLOPs, respectively": 70B): the
    last size written before the list, its value and the largest of the sizes, when the sizes are as many
    as the figures; else None."""
    at = figure_start - sentence.start
    if "respectively" not in sentence.text[at:]:
        return None
    listed = LISTED_NUMBERS.search(sentence.text, max(0, at - 80), at)
    if listed is None:
        return None
    count = len(re.findall(_LISTED_NUMBER, listed.group(0))) + 1
    sizes = list(SIZE_WORD.finditer(sentence.text, 0, listed.start()))
    if len(sizes) != count:
        return None
    values = [scaled_value(size.group("n"), size.group("m").lower()) for size in sizes]
    last = sizes[-1]
    span = Span(last.group(0), sentence.start + last.start(), sentence.start + last.end())
    return span, values[-1], max(values)

