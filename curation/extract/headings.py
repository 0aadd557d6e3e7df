"""Short field lines under a heading about training.

A card or a paper's training section often writes its figures as fields ("Tokens: 1.4T", "- Data: 1.4
trillion tokens", "Heron-XL: 512 H100 GPUs for 21 days") that never say "training" themselves: the heading
above them does ("## Training", "3 Pre-training" as PDF text writes a numbered heading on its own line)."""

from __future__ import annotations

import re

# a Markdown heading, or a numbered one as PDF text writes it alone on its line ("3 Pre-training")
HEADING_LINE = re.compile(r"^(?:#{1,6}[ \t]+|\d{1,2}(?:\.\d{1,2})*[ \t]+(?=[A-Z][\w -]{0,40}$))"
                          r"(?P<title>[^\n]*)$", re.MULTILINE)
FIELD_LINE = 100  # characters: a field's line ("- Data: 1.4T tokens") is short
HEADING_REACH = 2000  # characters: how far above a field its heading is sought


def field_under_training(text: str, at: int) -> bool:
    """Whether the figure at ``at`` stands in a short field line, after its key's colon, under a heading
    about training (see the module's rules)."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    if (len(text) if end == -1 else end) - start > FIELD_LINE or ":" not in text[start:at]:
        return False
    headings = list(HEADING_LINE.finditer(text, max(0, start - HEADING_REACH), start))
    return bool(headings) and "train" in headings[-1].group("title").lower()
