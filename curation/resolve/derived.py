"""Derived models: a fine-tune, an instruct or chat version, or a quantized copy is its own model,
linked to the model it derives from, never merged into it.

The base is found, in order: the record of the base's own repository (its card is in the data); else
the one model whose name is the base repository's name as people write it ("zorg/Zorvex-8x7B-v0.1"
→ "Zorvex 8x7B"), compared strictest first (see :func:`_keys`); several models at the first
level that fits, or none at all, give no base — a guessed base would hand one model's history to
another.
"""

from __future__ import annotations

from collections import defaultdict

from curation.extract.derived import UNNAMED_BASE, UNNAMED_SOURCE
from curation.resolve.identifiers import hf_repo
from curation.resolve.names import NameParts, name_parts

POST_TRAINING = frozenset({"instruct", "instruction", "chat", "it", "sft", "rlhf", "dpo"})
SIZE_WORDS = frozenset({"tiny", "small", "base", "medium", "large", "xl", "xxl"})


def _keys(parts: NameParts) -> list[str]:
    """A name's keys, strictest first: family, size, variants, qualifier words and versions; without
    post-training suffixes ("-it", "-chat"; "-base" beside a numeric size: the nearest model in the
    data is the one they were made from); without size words; without versions. Separators never
    count ("codellama" is "code llama")."""
    marker = {"base"} if parts.sizes else set()
    variants = [v for v in parts.variants if v not in POST_TRAINING | marker]
    plain = [v for v in variants if v not in SIZE_WORDS]
    tags = sorted(parts.tags)
    levels = [[*parts.variants, *parts.versions], [*variants, *parts.versions], [*plain, *parts.versions],
              plain]
    return ["".join([parts.base, *parts.sizes, *level, *tags]).replace(" ", "") for level in levels]


def find_bases(linker) -> dict[int, tuple[int, str]]:  # type: ignore[no-untyped-def]
    """For each derived record: the cluster of its base and how it was found."""
    find = linker.clusters.find
    repos: dict[str, set[int]] = defaultdict(set)
    names: list[dict[str, set[int]]] = [defaultdict(set) for _ in range(4)]
    for i in range(len(linker.names)):
        if linker.derived[i] or linker.paper_only[i]:
            continue
        repo = hf_repo(linker.link_texts[i]) if "huggingface.co/" in linker.link_texts[i] else None
        if repo:
            repos[repo].add(find(i))
        if linker.parts[i].base:
            for level, key in enumerate(_keys(linker.parts[i])):
                names[level][key].add(find(i))
    found = {}
    for i in range(linker.n_rec):
        if not linker.derived[i]:
            continue
        base = linker.base_model[i]
        repo = hf_repo(base)
        if repo and len(repos.get(repo, ())) == 1:
            found[i] = (next(iter(repos[repo])), f"its base {base!r} is a record of that repository")
            continue
        parts, own = name_parts(base), linker.parts[i]
        if base in (UNNAMED_SOURCE, UNNAMED_BASE) and set(own.variants) & POST_TRAINING:
            # an unnamed base: the model its own name gives without its post-training suffix
            parts, base = own, f"{linker.names[i]} without its post-training suffix"
        for level, key in enumerate(_keys(parts) if parts.base else []):
            if parts is own and level == 0:
                continue
            clusters = names[level].get(key, set()) - {find(i)}
            if clusters:
                if len(clusters) == 1:
                    found[i] = (next(iter(clusters)), f"its base {base!r} is that model's name ({key!r})")
                break  # several models fit the strictest key that fits any: no guess
    return found
