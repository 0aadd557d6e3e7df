"""Model names in a comparable form: "Llama-2-70b-hf", "Llama 2 70B" and "meta-llama/Llama-2-70b" all
become base "llama 2" with size "70b".

A name is cut into its base (what the model is called), its size tokens ("175b", "1.3b", "7.1b" from
"7b1"), its variant tokens (suffixes that mark a different model of the family: instruct, chat, …)
and its qualifier (a parenthesis: "(Mar 2023)", "(davinci)"). Matching rules live in
:mod:`curation.resolve.rules`; the vocabularies here are the one place to extend them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Suffixes that mark another model of the same family, not another name of the same model.
VARIANT_WORDS = frozenset({
    "instruct", "instruction", "chat", "it", "sft", "rlhf", "dpo", "code", "coder", "vision", "math",
    "distill", "distilled", "preview", "turbo", "mini", "nano", "lite", "pro", "plus", "ultra", "large",
    "small", "medium", "xl", "xxl", "tiny", "base",
})
# Variant words that are sizes in some families (T5: small … xxl): a shared paper can settle them.
SIZE_WORDS = frozenset({"tiny", "small", "base", "medium", "large", "xl", "xxl"})
# Words that name nothing: packaging suffixes and organisation prefixes of repo names.
NOISE_WORDS = frozenset({"hf", "the", "model", "gguf", "awq", "gptq", "fp16", "bf16", "safetensors",
                         "uncased", "cased"})  # (a tokenizer's casing is not another model)
ORGANIZATION_WORDS = frozenset({
    "meta", "facebook", "google", "microsoft", "nvidia", "openai", "deepmind", "mistralai", "tiiuae",
    "eleutherai", "bigscience", "stabilityai", "huggingfacetb", "alibaba", "qwen", "deepseek-ai",
    "huggyllama", "mosaicml", "databricks", "amazon", "apple", "ibm", "anthropic", "xai",
})
SIZE_LETTERS = {"s": "small", "b": "base", "m": "medium", "l": "large"}  # a name's last token only
SCALE = {"k": "k", "thousand": "k", "m": "m", "million": "m", "b": "b", "billion": "b", "t": "t",
         "trillion": "t"}

_PAREN = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")
_REPO = re.compile(r"^[\w.-]+/(?=[\w.-]+$)")
_SIZE = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<u>k|m|b|t)(?P<frac>\d)?$")
_SPLIT = re.compile(r"[\s\-_/:,;|]+")
_VERSION = re.compile(r"^v\d+(?:\.\d+)*$")
# a month-day or month-year release tag ("-0924", "-0613", "-1106"), not part of what the model is called
_RELEASE_TAG = re.compile(r"^(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
_MONTHS = {month: number for number, month in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MONTH_YEAR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})\b")


@dataclass(frozen=True)
class NameParts:
    """A model name cut into comparable parts."""

    base: str  # tokens joined by one space, sizes/variants/versions removed
    sizes: tuple[str, ...]
    variants: tuple[str, ...]
    versions: tuple[str, ...]  # "v1.1" tokens
    qualifier: str  # the text in parentheses, normalized

    @property
    def full(self) -> str:
        """Base, sizes, variants and versions: equal full keys are the same name written differently."""
        return " ".join([self.base, *self.sizes, *self.variants, *self.versions]).strip()

    @property
    def tags(self) -> frozenset[str]:
        """The qualifier's words that name a variant ("Wren-2 (Arith)": "arith"), not a size, a size word
        or a date ("(1.5B)", "(large)", "(Mar 2023)")."""
        words = [t for t in _SPLIT.split(_MONTH_YEAR.sub(" ", self.qualifier)) if t]
        return frozenset(t for t in words if not _SIZE.match(t) and t not in SIZE_WORDS
                         and t not in NOISE_WORDS and not t.isdigit())

    @property
    def squashed(self) -> str:
        """The full key without spaces: "code llama 34b" and "codellama 34b" write one name."""
        return self.full.replace(" ", "")

    @property
    def leading(self) -> str:
        return self.base.split(" ", 1)[0] if self.base else ""


def fold(text: str) -> str:
    """Unicode-normalized (NFKC), case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def _size(number: str, unit: str, fraction: str | None = None) -> str:
    value = f"{number}.{fraction}" if fraction and "." not in number else number
    value = value.rstrip("0").rstrip(".") if "." in value else value
    return f"{value}{SCALE[unit]}"


@lru_cache(maxsize=1 << 18)
def name_parts(name: str) -> NameParts:
    """Cut ``name`` into base, sizes, variants, versions and qualifier."""
    text = fold(name)
    qualifier = " ".join(fold(a or b) for a, b in _PAREN.findall(text))
    text = _PAREN.sub(" ", text)
    text = _REPO.sub("", text)  # "meta-llama/llama-2-70b" → "llama-2-70b"
    text = re.sub(r"(?<=\d)_(?=\d)", ".", text)  # "phi-1_5" → "phi-1.5"
    text = re.sub(r"(\d+(?:\.\d+)?)\s+(thousand|million|billion|trillion)\b", r"\1\2", text)
    text = re.sub(r"(\d+(?:\.\d+)?)(thousand|million|billion|trillion)\b",
                  lambda m: _size(m.group(1), m.group(2)), text)
    tokens = [t.strip(".'\"") for t in _SPLIT.split(text)]
    tokens = [t for t in tokens if t and t not in NOISE_WORDS and not _RELEASE_TAG.match(t)]
    while len(tokens) > 1 and tokens[0] in ORGANIZATION_WORDS:
        tokens = tokens[1:]
    base, sizes, variants, versions = [], [], [], []
    for token in _SPLIT.split(qualifier):  # a size in parentheses is still a size: "NAS+ESS (23M)"
        size = _SIZE.match(token)
        if size:
            sizes.append(_size(size.group("n"), size.group("u"), size.group("frac")))
        elif token in SIZE_WORDS:  # "Heron-2-L (large)"
            variants.append(token)
    if len(tokens) > 1 and tokens[-1] in SIZE_LETTERS:  # "Heron-2-L": a size written as its letter
        tokens[-1] = SIZE_LETTERS[tokens[-1]]
    for token in tokens:
        size = _SIZE.match(token)
        if size and size.group("u") == "k":
            continue  # "4k", "128k" in a name is a context length, not a parameter count
        if size:
            sizes.append(_size(size.group("n"), size.group("u"), size.group("frac")))
        elif _VERSION.match(token):
            versions.append(token)
        elif token in VARIANT_WORDS and base:
            variants.append(token)
        else:
            base.append(token)
    return NameParts(" ".join(base), tuple(sorted(set(sizes))), tuple(sorted(set(variants))),
                     tuple(versions), qualifier)


def sizes_compatible(a: NameParts, b: NameParts) -> bool:
    """Sizes agree, or one name gives none."""
    return not a.sizes or not b.sizes or set(a.sizes) == set(b.sizes)


def month_year(qualifier: str) -> tuple[int, int] | None:
    """The (year, month) a dated variant's qualifier names: "mar 2023" → (2023, 3); None if none."""
    found = _MONTH_YEAR.search(qualifier)
    return (int(found.group(2)), _MONTHS[found.group(1)]) if found else None
