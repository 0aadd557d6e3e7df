"""Model-card metadata, read one way for every layer: the YAML front matter a Hugging Face card opens
with, and the base model it names."""

from __future__ import annotations

import re

import yaml

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def front_matter(card: str) -> tuple[dict[str, object], str]:
    """A card's YAML front matter (empty when it has none) and its body; malformed YAML raises
    ValueError with the parser's reason."""
    match = FRONT_MATTER.match(card)
    if not match:
        return {}, card
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"malformed YAML front matter: {' '.join(str(exc).split())}") from exc
    if not isinstance(meta, dict):
        raise ValueError(f"malformed YAML front matter: a {type(meta).__name__}, not a mapping")
    return meta, card[match.end():]


def base_model_of(meta: dict[str, object], repo_id: str) -> str | None:
    """The repo a model was fine-tuned (or quantized, merged) from, if the card names another one."""
    base = meta.get("base_model")
    if isinstance(base, list):
        base = base[0] if base else None
    if not isinstance(base, str) or not base.strip() or base.strip().lower() == repo_id.lower():
        return None
    return base.strip()
