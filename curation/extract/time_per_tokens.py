"""Training compute from device time told per a count of tokens × the tokens trained on, as large runs
report their efficiency: "Pre-training Heron on each trillion tokens requires 180K H800 GPU hours" …
"Heron was pre-trained on 14.8T tokens".

The rules:

- a device time is told per tokens when its sentence says it covers a count of tokens: "per trillion
  tokens", "per 100B tokens", "on each trillion tokens", "for every 1T tokens"; the sentence gives exactly
  one such count and one device time, read as the hardware finder reads any (accelerator, peak,
  precision, utilization);
- the tokens are the run's: the one count of training tokens the text gives of its own runs
  (:func:`~curation.extract.token_cost.prose_tokens`; several different counts give none), not the count
  the time is told per;
- the time is the text's own: the model named nearest before it, if any, is one the title names or the
  text introduces (:func:`~curation.extract.token_cost.own_run`), so another's efficiency gives none;
- the total is the time × tokens / the count the time covers.
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.device_time import find_hardware
from curation.extract.evidence import Estimate, Span, sentence_around
from curation.extract.model_names import model_before
from curation.extract.quantities import NUMBER, scaled_value
from curation.extract.token_cost import own_run, prose_tokens

# "per trillion tokens", "per 100B tokens", "on each trillion tokens", "for every 1T tokens"
PER_TOKENS = re.compile(
    r"\b(?:per|(?:on|for|in)\s+(?:each|every)|each|every)\s+(?:one\s+|a\s+)?"
    rf"(?:(?P<n>{NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)|(?P<word>million|billion|trillion))\s+"
    r"(?:training\s+)?tokens\b", re.IGNORECASE)


def find_time_per_tokens(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Device time per a count of tokens × the run's tokens (see the module's rules)."""
    low = lowered(text)
    hits: dict[int, re.Match[str]] = {}
    for at in positions(low, "tokens"):
        if "per" in low[max(0, at - 30): at] or "each" in low[max(0, at - 40): at] \
                or "every" in low[max(0, at - 40): at]:  # (cheap first)
            for match in PER_TOKENS.finditer(text, max(0, at - 40), at + 6):
                hits.setdefault(match.start(), match)
    if not hits:
        return []
    run = prose_tokens(_blanked(text, hits.values()))
    if run is None:
        return []
    tokens, token_span = run
    token_span = Span(text[token_span.start: token_span.end], token_span.start, token_span.end)
    sentences: dict[int, tuple[Span, re.Match[str]]] = {}
    for match in hits.values():
        sentence = sentence_around(text, match.start(), match.end())
        if sentence.start in sentences:
            sentences[sentence.start] = (sentence, None)  # two counts in one sentence: none
        else:
            sentences[sentence.start] = (sentence, match)
    # (the hardware finder reads the times with the counts blanked: "per trillion tokens" is no sign here
    # that the time is not a total)
    blanked = _blanked(text, [match for _, match in sentences.values() if match is not None])
    times = find_hardware(blanked, publication_year)
    estimates = []
    for sentence, match in sentences.values():
        mine = [e for e in times if sentence.start <= e.evidence[1].start < sentence.end]
        if match is None or len(mine) != 1:
            continue
        figure = mine[0].evidence[1]
        named = model_before(sentence.text, figure.start - sentence.start)
        if named is not None and not own_run(text, sentence, figure=figure):
            continue  # another model's efficiency
        per = scaled_value(match.group("n"), match.group("m")) if match.group("n") else \
            scaled_value("1", match.group("word"))
        if not 1e6 <= per < tokens:
            continue
        estimate = mine[0]
        share = tokens / per
        estimate.value_flop *= share
        estimate.assumptions["chip_seconds"] = float(estimate.assumptions["chip_seconds"]) * share
        estimate.assumptions.update({"time_covers_tokens": per, "training_tokens": tokens,
                                     "formula": "device time per tokens * training tokens / tokens covered"})
        estimate.evidence = [Span(text[span.start: span.end], span.start, span.end)
                             for span in estimate.evidence] + [token_span]
        estimates.append(estimate)
    return estimates


def _blanked(text: str, matches) -> str:
    """``text`` with each match written over by spaces (offsets kept)."""
    for match in matches:
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end():]
    return text
