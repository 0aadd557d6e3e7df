"""Accelerators' peak FLOP/s (``hardware.csv``), validated, and resolution of the names papers use.

Peaks are dense (no structured sparsity), per chip. For TPU v2, v3, v4 and v5p a "core" is half a chip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from curation.extract.fast_patterns import either_case

HARDWARE_CSV = Path(__file__).with_name("hardware.csv")
PRECISIONS = ("fp32", "tf32", "fp16", "fp8")
# Accelerators whose "cores" are half a chip: a TPU v2, v3, v4 or v5p chip holds two TensorCores (Cloud
# TPU's system-architecture pages), so "128 TPU v4 cores" are 64 chips; v5e and v6e chips hold one.
HALF_CHIP_CORES = {"TPU v2", "TPU v3", "TPU v4", "TPU v5p"}
# GPUs of two dies that software sees as two devices: "512 MI250X GCDs" are 256 MI250X (AMD's datasheet
# gives the peak per module of two graphics compute dies)
HALF_GPU_DIES = {"MI250X"}
# A TPU slice named by generation and size, "TPU v3-256", "v4-2048 pod", "v5litepod-16": the size counts
# TensorCores (two a chip) for v2, v3, v4 and v5p, and chips for the one-core v5e and v6e.
TPU_SLICE = re.compile(r"(?<![\w.])(?:(?:Cloud\s)?TPU[\s-]?)?v(?P<gen>[2-6](?:e|p|litepod)?)"
                       r"-(?P<size>\d{1,5})(?P<plural>s)?\b", re.IGNORECASE)  # (several: "64 TPU v3-8s")
ONE_CORE_TPUS = ("5e", "5litepod", "6e")


def tpu_slice(match: re.Match[str]) -> tuple[float, str]:
    """(chips, accelerator name) of a :data:`TPU_SLICE` match."""
    generation = match.group("gen").lower()
    size = float(match.group("size"))
    name = "TPU v5e" if generation == "5litepod" else f"TPU v{generation}"
    return (size if generation in ONE_CORE_TPUS else size / 2), name


class HardwareSpec(pa.DataFrameModel):
    """One accelerator: its peak dense FLOP/s per chip and where the figure came from."""

    accelerator: Series[str] = pa.Field(unique=True, str_length={"min_value": 1})
    vendor: Series[str]
    kind: Series[str] = pa.Field(isin=["gpu", "tpu", "npu"])
    aliases: Series[str] = pa.Field(str_length={"min_value": 1})
    fp32_flops: Series[float] = pa.Field(nullable=True, gt=1e11, lt=1e17)
    tf32_flops: Series[float] = pa.Field(nullable=True, gt=1e11, lt=1e17)
    fp16_tensor_flops: Series[float] = pa.Field(nullable=True, gt=1e11, lt=1e17)
    fp8_flops: Series[float] = pa.Field(nullable=True, gt=1e11, lt=1e17)
    release_year: Series[int] = pa.Field(ge=2000, le=2100)
    datasheet: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.dataframe_check(name="every accelerator has at least one peak figure")
    @classmethod
    def has_a_peak(cls, frame: pd.DataFrame) -> Series[bool]:
        return frame[["fp32_flops", "tf32_flops", "fp16_tensor_flops", "fp8_flops"]].notna().any(axis=1)

    class Config:
        strict = True
        coerce = True


@dataclass(frozen=True)
class Accelerator:
    """A resolved accelerator row."""

    name: str
    fp32_flops: float | None
    tf32_flops: float | None
    fp16_tensor_flops: float | None
    fp8_flops: float | None
    release_year: int
    datasheet: str

    def peak(self, precision: str | None = None) -> tuple[float, str]:
        """Peak FLOP/s at ``precision`` (fp32/tf32/fp16/fp8) when known, else the default:
        FP16/BF16 tensor, or FP32 on hardware without tensor units. Returns (value, precision used)."""
        values = {"fp32": self.fp32_flops, "tf32": self.tf32_flops,
                  "fp16": self.fp16_tensor_flops, "fp8": self.fp8_flops}
        if values.get(precision):
            return float(values[precision]), precision  # type: ignore[arg-type]
        if self.fp16_tensor_flops:
            return float(self.fp16_tensor_flops), "fp16"
        if self.fp32_flops:
            return float(self.fp32_flops), "fp32"
        fallback = next(p for p in PRECISIONS if values[p])
        return float(values[fallback]), fallback  # type: ignore[arg-type]


def _normalise(name: str) -> str:
    """A name's key: lower case without spaces, hyphens or the vendor's and cloud's words ("Cloud TPU v4",
    "CloudTPUv4" and "GCP-TPUv4" alike), "tensor processing unit(s)" as "tpu"."""
    key = name.lower().replace("nvidia", "").replace("tesla", "").replace("huawei", "")
    key = re.sub(r"[\s_\-]+", "", key)
    key = re.sub(r"tensorprocessingunits?", "tpu", key)
    return re.sub(r"^(?:google)?(?:gcp|cloud)?(?=tpu)", "", key)


@lru_cache(maxsize=1)
def load_hardware(path: Path = HARDWARE_CSV) -> pd.DataFrame:
    """The validated hardware table."""
    return HardwareSpec.validate(pd.read_csv(path))


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, Accelerator]:
    index: dict[str, Accelerator] = {}
    for row in load_hardware().itertuples(index=False):
        accelerator = Accelerator(row.accelerator, _num(row.fp32_flops), _num(row.tf32_flops),
                                  _num(row.fp16_tensor_flops), _num(row.fp8_flops),
                                  int(row.release_year), row.datasheet)
        for alias in [row.accelerator, *row.aliases.split("|")]:
            index.setdefault(_normalise(alias), accelerator)
    return index


def _num(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


FORM_FACTOR = re.compile(r"[\s\-_]+(?:SXM\d?|PCIe|HBM3e?)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the same few names are asked about many times per text
def resolve_accelerator(name: str) -> Accelerator | None:
    """The accelerator a name in a text refers to ("A100-SXM-80GB", "TPUv3", …), or None if unknown."""
    key = _normalise(name)
    index = _alias_index()
    if key in index:
        return index[key]
    # drop memory sizes that an alias did not spell out: "A100 80GB PCIe", "GTX 580 3GB"
    trimmed = re.sub(r"(?:(?<=[\s\-_])|(?<=\d\d\d))\d+\s?Gi?B?\b", "", name, flags=re.IGNORECASE)
    if _normalise(trimmed) in index:
        return index[_normalise(trimmed)]
    # and the form factor or memory kind after it, "H100 HBM3", "A100 PCIe" (the pattern reads them too)
    return index.get(_normalise(FORM_FACTOR.sub("", trimmed)))


@lru_cache(maxsize=1)
def accelerator_regex() -> str:
    """Regex source (no groups) matching any known accelerator name as written in prose, to be compiled
    case-insensitively (see :func:`_trie_regex`)."""
    trie: dict = {}
    for row in load_hardware().itertuples(index=False):
        for name in [row.accelerator, *row.aliases.split("|")]:
            node = trie
            for part in (p.lower() for p in re.split(r"[\s\-_]+", name) if p):
                node = node.setdefault(part, {})
            node[""] = {}  # a name may end here
    memory = r"(?:[\s\-](?:\d+\s?G(?:i)?B?))?(?:[\s\-](?:SXM\d?|PCIe|HBM3e?))*"
    return _trie_regex(trie) + memory


def _trie_regex(node: dict) -> str:
    """A regex (read case-insensitively) for the names in a trie of their words, a separator between
    words: names that share a first word share one branch, and a longer name is tried before a shorter
    one it starts with ("RTX 3090 Ti" before "RTX 3090") — the same matches as an alternation of every
    name, longest first, but many times faster to scan with. Branches are grouped by their first
    character, written as a case-sensitive class of every character that matches it case-insensitively
    (:func:`~curation.extract.fast_patterns.either_case`): the regex engine skips a branch whose first
    character does not match only when it opens with a literal or a class, not with a case-insensitive
    literal."""
    branches: dict[str, list[str]] = {}  # by first character: branches that start apart never both match
    for part in sorted((p for p in node if p), key=len, reverse=True):
        child = node[part]
        longer = {p: c for p, c in child.items() if p}
        rest = r"[\s\-_]?" + _trie_regex(longer) if longer else ""
        if longer and "" in child:
            rest = f"(?:{rest})?"  # greedy: the longer name first
        branches.setdefault(either_case(part[0]), []).append(re.escape(part[1:]) + rest)
    return "(?:" + "|".join(first + (f"(?:{'|'.join(rests)})" if len(rests) > 1 else rests[0])
                            for first, rests in branches.items()) + ")"


@lru_cache(maxsize=1)
def accelerator_words() -> list[str]:
    """The distinctive leading word of every accelerator name and alias ("a100", "tpu", "mi300x")."""
    words = set()
    for row in load_hardware().itertuples(index=False):
        for name in [row.accelerator, *row.aliases.split("|")]:
            tokens = [t for t in re.split(r"[^a-z0-9]+", name.lower()) if t]
            skip = {"nvidia", "tesla", "amd", "google", "cloud", "intel", "instinct", "geforce", "hgx", "dgx"}
            distinctive = [t for t in tokens if t not in skip]
            if len(distinctive) > 1 and len(distinctive[0]) == 1:  # "K-6000": a lone letter is no anchor
                distinctive = [distinctive[0] + distinctive[1]]
            elif len(distinctive) > 1 and re.fullmatch(r"v\d[a-z]?", distinctive[0]):
                distinctive = distinctive[1:]  # "v4 TPU": a version written first is no anchor; its device is
            if distinctive:
                words.add(distinctive[0])
    return sorted(words, key=len, reverse=True)


@lru_cache(maxsize=1)
def accelerator_pattern() -> re.Pattern[str]:
    """A compiled pattern whose group ``accelerator`` is a known accelerator name in prose, in the plural
    too ("on A100s")."""
    return re.compile(r"(?<![A-Za-z0-9])(?:(?:NVIDIA|Nvidia|Tesla|AMD|Google)[\s\-])?(?:\d+\s?G(?:i)?B\s)?"
                      r"(?P<accelerator>" + accelerator_regex() + r")(?-i:s)?(?![A-Za-z0-9])", re.IGNORECASE)
