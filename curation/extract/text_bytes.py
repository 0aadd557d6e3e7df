"""A run's tokens from a corpus sized in bytes of text, as older papers size their data: "Heron-1.5B was
trained on 40GB of web text", "we pre-train on a 160GB text corpus".

The rules:

- the figure is gigabytes or terabytes ("GB", "GiB", "TB", "gigabytes") of text ("of web text", "of
  clean English text", "text corpus", "of plaintext") that a verb of training leads to ("trained on 40GB
  of …", "pre-train Heron on a 750GB text corpus"; not a heading's "Training" over a sentence that only
  sizes a corpus); not a size the text calls compressed or raw, nor one before filtering ("45TB of
  compressed plaintext before filtering" is what was collected, not what was trained on);
- a gigabyte of English text holds about 200M words (Epoch AI's conversion for text corpora), and a word
  about 4/3 subword tokens, so a gigabyte is about 267M tokens — a rough figure (bytes per word vary
  with the language and the markup), so such an estimate stays Speculative;
- it is read only when the text gives no count of tokens or words of its own (the caller's fallback).
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.evidence import Span, sentence_around
from curation.extract.quantities import FREE_NUMBER, parse_plain

WORDS_PER_GIGABYTE = 200e6  # Epoch AI's conversion for English text corpora
TOKENS_PER_WORD = 4 / 3  # English text: about 0.75 words a subword token
UNIT_BYTES = {"g": 1.0, "t": 1e3}  # in gigabytes
TEXT_BYTES = re.compile(rf"(?<![\w.])(?P<n>{FREE_NUMBER})\s?(?P<u>[GT])(?:i?B\b|(?:iga|era)bytes\b)\s+"
                        r"(?:of\s+)?(?:(?!compressed|raw|uncompressed)[\w-]+\s+){0,3}?"
                        r"(?:text(?:ual)?(?:\s+(?:data|corpus|corpora))?|plain-?text)\b", re.IGNORECASE)
NOT_TRAINED_ON = re.compile(r"\b(?:compressed|raw|before\s+(?:filtering|deduplication|cleaning)|collected"
                            r"|crawled|downloaded)\b", re.IGNORECASE)
# a verb of training that leads to the figure: "trained on 40GB of …", "pre-train Heron-1.5B on a 750GB …",
# "trained Heron on the filtered 570GB of …" (not a heading's "Training" over a sentence that sizes a corpus)
TRAINED_ON = re.compile(r"\b(?:pre-?)?train\w*\s+(?:[\w.-]+\s+){0,6}?(?:on|over|with|using)\s+"
                        r"(?:(?:an?|the|our|its|this)\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
BYTE_UNITS = ("gb ", "gib ", "tb ", "tib ", "gigabytes", "terabytes")  # (as written before "of text")


def text_bytes_tokens(text: str) -> tuple[float, Span, Span] | None:
    """(tokens, the figure, its sentence) of the largest corpus sized in bytes of text that a sentence
    trains on (see the module's rules), or None."""
    low = lowered(text)
    if "text" not in low or ("b of " not in low and "b text" not in low and "bytes" not in low):
        return None  # cheap: no text sized in bytes anywhere ("40GB of …", "750GB text …", "gigabytes")
    # the pattern read only right before a unit of bytes (a cheap scan: memory sizes, "80GB", abound)
    # (and only where "text" follows the unit closely: GPU memory, "80GB ", is written far more often)
    matches = {m.start(): m for unit in BYTE_UNITS for at in positions(low, unit)
               if low.find("text", at, at + 70) != -1
               for m in TEXT_BYTES.finditer(text, max(0, at - 24), at + 90)}
    found = []
    for match in matches.values():
        sentence = sentence_around(text, match.start(), match.end())
        before = text[max(sentence.start, match.start() - 80): match.start()]
        if not TRAINED_ON.search(before) or NOT_TRAINED_ON.search(sentence.text):
            continue
        gigabytes = parse_plain(match.group("n")) * UNIT_BYTES[match.group("u").lower()]
        tokens = gigabytes * WORDS_PER_GIGABYTE * TOKENS_PER_WORD
        if 1e8 <= tokens <= 1e15:
            found.append((tokens, Span(match.group(0), match.start(), match.end()), sentence))
    return max(found, key=lambda figure: figure[0]) if found else None
