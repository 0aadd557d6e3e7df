"""Cloud instances named by their type: "32 p4d.24xlarge instances", "16 Azure ND96asr_v4 VMs",
"8 a2-megagpu-16g machines".

A paper trained on rented machines often names the instance type, not the GPUs, and the type fixes
both: a p4d.24xlarge holds 8 A100 40GB GPUs. The rule: a count of instances of a type in the table below
is that many times the type's devices, at the type's accelerator (the count before the type or right after
it: "trn1.32xlarge, 64 instances", "p4d.24xlarge × 32"); "a p5.48xlarge instance" is one. The
devices per type are the providers' published specifications (AWS EC2 accelerated computing instance
types; Google Cloud accelerator-optimized machine types; Azure ND-series sizes).
"""

from __future__ import annotations

import re

from curation.extract.evidence import Span
from curation.extract.quantities import COUNT_WORDS, parse_plain

# type → (devices, accelerator as the hardware table names it)
INSTANCE_DEVICES: dict[str, tuple[int, str]] = {
    # AWS EC2
    "p3.2xlarge": (1, "V100"), "p3.8xlarge": (4, "V100"), "p3.16xlarge": (8, "V100"),
    "p3dn.24xlarge": (8, "V100"), "p4d.24xlarge": (8, "A100"), "p4de.24xlarge": (8, "A100"),
    "p5.48xlarge": (8, "H100"), "p5e.48xlarge": (8, "H200"), "p5en.48xlarge": (8, "H200"),
    "p2.8xlarge": (4, "K80"), "p2.16xlarge": (8, "K80"),  # 8 and 16 GK210 dies: 4 and 8 K80 boards
    "g5.12xlarge": (4, "A10G"), "g5.48xlarge": (8, "A10G"),
    "trn1.32xlarge": (16, "Trainium"), "trn1n.32xlarge": (16, "Trainium"),
    "trn2.48xlarge": (16, "Trainium2"),
    # Google Cloud (the A2 family's count is in its name: "a2-highgpu-8g" holds 8)
    "a2-highgpu-1g": (1, "A100"), "a2-highgpu-2g": (2, "A100"), "a2-highgpu-4g": (4, "A100"),
    "a2-highgpu-8g": (8, "A100"), "a2-megagpu-16g": (16, "A100"), "a2-ultragpu-8g": (8, "A100"),
    "a3-highgpu-8g": (8, "H100"), "a3-megagpu-8g": (8, "H100"), "a3-ultragpu-8g": (8, "H200"),
    # Azure
    "nd96asr_v4": (8, "A100"), "nd96asr_a100_v4": (8, "A100"), "nd96amsr_a100_v4": (8, "A100"),
    "nd40rs_v2": (8, "V100"), "nd96isr_h100_v5": (8, "H100"), "nd96isr_h200_v5": (8, "H200"),
}
# the words that mark a sentence as naming one (for the anchor scan)
INSTANCE_WORDS = ("xlarge", "highgpu", "megagpu", "ultragpu", "nd96", "nd40")
_TYPES = "|".join(re.escape(name) for name in sorted(INSTANCE_DEVICES, key=len, reverse=True))
INSTANCES = re.compile(
    rf"(?:(?<![\w.])(?P<count>\d[\d,]*|an?|{'|'.join(COUNT_WORDS)})\s+)?"
    r"(?:(?:AWS|Amazon|EC2|Azure|Google\s+Cloud|GCP|Cloud)\s+){0,2}"
    rf"(?P<type>{_TYPES})(?![\w.])"
    # the count after the type: "trn1.32xlarge, 64 instances", "p4d.24xlarge × 32", "p5.48xlarge instances (16
    # nodes)"
    r"(?:(?:\s+(?:instances|nodes|machines|VMs))?\s*(?:[,;:(]\s*|\s)(?P<after>\d[\d,]*)\s+"
    r"(?:instances|nodes|machines|VMs|servers)\b"
    r"|\s*[×x]\s*(?P<times>\d[\d,]*)(?!\w|\.\d))?", re.IGNORECASE)


def instance_counts(sentence: Span) -> list[tuple[float, str, str, Span]]:
    """(devices, accelerator, "gpu", span) for every count of instances of a known type in the sentence
    (see the module's rule); a type with no count before it is one instance."""
    found = []
    for match in INSTANCES.finditer(sentence.text):
        written = (match.group("count") or match.group("after") or match.group("times") or "1").lower()
        instances = 1.0 if written in ("a", "an") else parse_plain(written)
        per_instance, accelerator = INSTANCE_DEVICES[match.group("type").lower()]
        at = sentence.start + match.start()
        span = Span(match.group(0), at, at + len(match.group(0)))
        found.append((instances * per_instance, accelerator, "gpu", span))
    return found
