"""Sections of a document that belong to another model than the text's own.

A model card that covers several models may give each its own emissions section ("### Model-L Estimated
Emissions", "## Model-S carbon footprint"). A figure under such a heading is that model's: when the name
the heading gives is not the card's own (it appears in neither the title nor the repository name), the
figure is not the card's run. Words that only qualify the topic are no name ("Carbon Emissions",
"Training CO2 Emissions" name no model)."""

from __future__ import annotations

import re
from bisect import bisect_right

from curation.extract.anchors import lowered
from curation.extract.context import NOT_OWN_RUN
from curation.extract.evidence import Estimate
from curation.extract.model_names import document_title, squash_name

# (its first "#" is matched, then the line's start checked behind it: the regex engine skips straight to
# each "#", where a leading "^" has it try every position)
HEADING = re.compile(r"#(?<=^#)#{0,5}[ \t]+(?P<title>[^\n]+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# "Model-L Estimated Emissions", "Model-S carbon footprint": the name written before the section's topic
EMISSIONS_TOPIC = re.compile(r"^(?P<name>.+?)\s+(?:estimated\s+)?"
                             r"(?:emissions|carbon\s+(?:emissions|footprint)"
                             r"|co2\s+emissions|environmental\s+impact)\b",
                             re.IGNORECASE)

TOPIC_ONLY = re.compile(r"(?:(?:estimated|training|total|carbon|co2|co₂|ghg|greenhouse|gas|energy|model)"
                        r"\s*)+", re.IGNORECASE)

TOPIC_WORDS = ("emissions", "carbon", "environmental")  # a cheap test before reading the headings


def section_models(text: str) -> tuple[list[int], list[str | None]]:
    """Every heading's start, and the model its emissions section names (None for other headings)."""
    starts, names = [], []
    for match in HEADING.finditer(text):
        named = EMISSIONS_TOPIC.match(match.group("title").strip())
        name = named.group("name").strip() if named else None
        starts.append(match.start())
        names.append(name if name and not TOPIC_ONLY.fullmatch(name) else None)
    return starts, names


def is_own_name(name: str, text: str, card_name: str | None) -> bool:
    """Whether a section's model name is the text's own: it is written within the title or the
    repository name (a text with neither is given the benefit of the doubt)."""
    names = (document_title(text), card_name)
    own = [squash_name(n.lower().replace("model card for", "")) for n in names if n]
    return not own or any(squash_name(name) in o for o in own)


def mark_other_models_sections(estimates: list[Estimate], text: str, card_name: str | None = None) -> None:
    """Mark estimates that stand in another model's emissions section (see the module's rule) as not the
    text's own run, and name that model on every estimate of a named section."""
    low = lowered(text)
    if "#" not in text or not any(topic in low for topic in TOPIC_WORDS):
        return
    starts, names = section_models(text)
    if not any(names):
        return
    for estimate in estimates:
        index = bisect_right(starts, estimate.evidence[0].start) - 1
        name = names[index] if index >= 0 else None
        if not name:
            continue
        estimate.model = estimate.model or name
        if not is_own_name(name, text, card_name):
            estimate.model = name
            estimate.notes.append(f"{NOT_OWN_RUN}: it stands in another model's section ({name})")
