"""Figures of models a text uses but does not train.

An evaluation or analysis paper quotes the compute of the models it studies ("GPT-3 was trained with
3.14e23 FLOPs. We evaluate GPT-3 on …"). The rule: a figure whose model the text says it evaluates,
uses, compares, prompts, probes or fine-tunes ("we evaluate X", "we fine-tune X") and never trains,
introduces or calls its own ("we train X", "we present X", "our X" — by its full name or the name's
first part, "Heron" for "Heron-7B"), and that is not the model the title names, is that model's run:
cited, not the text's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import lowered
from curation.extract.context import eligible
from curation.extract.evidence import Estimate
from curation.extract.flagship_counting import introduced_as_own
from curation.extract.model_names import document_title, squash_name

USES = re.compile(r"we\s+(?:also\s+|then\s+|further\s+|first\s+|additionally\s+)?"
                  r"(?:evaluat|use\b|used\b|using\b|compar|fine-?tun|finetun|prompt|quer|prob|analy[sz]|"
                  r"benchmark|test|stud|consider|examin)\w*(?P<object>[^.;:]{0,160})", re.IGNORECASE)
NAME_PARTS = re.compile(r"[\s-]")


@lru_cache(maxsize=8)
def _used_objects(text: str) -> str:
    """What the text's first-person sentences say it evaluates, uses, compares or fine-tunes, one
    object a line (the pattern is tried only where "we" starts a word: a cheap scan)."""
    low, objects = lowered(text), []
    at = low.find("we")
    while at != -1:
        if at == 0 or not low[at - 1].isalnum():
            match = USES.match(text, at)
            if match:
                objects.append(match.group("object"))
        at = low.find("we", at + 2)
    return "\n".join(objects)


def _uses(text: str, model: str) -> bool:
    used = _used_objects(text)
    at = used.find(model)
    while at != -1:  # the name as a whole word
        end = at + len(model)
        if (at == 0 or not (used[at - 1].isalnum() or used[at - 1] in "-_")) and \
                (end == len(used) or not (used[end].isalnum() or used[end] == "_")):
            return True
        at = used.find(model, at + 1)
    return False


def _own(text: str, model: str, card_name: str | None) -> bool:
    title = squash_name(" ".join(n for n in (document_title(text), card_name) if n))
    if title and squash_name(model) in title:
        return True
    stem = NAME_PARTS.split(model)[0]
    return introduced_as_own(text, model) or (len(stem) > 2 and introduced_as_own(text, stem))


def mark_used_models(estimates: list[Estimate], text: str, card_name: str | None = None) -> None:
    """Mark eligible estimates whose model the text only uses (see the module's rule) as cited."""
    for estimate in estimates:
        model = estimate.model
        if not model or not eligible(estimate) or not _uses(text, model) or _own(text, model, card_name):
            continue
        estimate.notes.append(f"cited from other work: the text uses {model}, it does not train it")
