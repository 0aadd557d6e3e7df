"""Device time written per node: "120,000 node-hours" or "64 nodes for 25 days", on nodes whose devices the
text counts.

Supercomputer centres account time in node-hours; a paper trained there writes "the run took 120,000
node-hours" and, elsewhere, what a node holds ("nodes of 8 H100 GPUs", "each node has 4 MI250X", "8 GPUs per
node", "8-GPU nodes", "8xA100 nodes", "DGX A100 nodes"). The rules: node time × the devices per node the
text states is device time, at that device's peak; so is a training sentence's count of nodes, servers or
machines times its duration ("Each node contains 8 A100 GPUs. We trained Heron on 64 nodes for 25 days."). A
text that never says how many devices a node holds gives no estimate (nodes range from one device to
sixteen).
"""

from __future__ import annotations

import re

from curation.extract.anchors import NODE_ANCHOR, anchor_hits, lowered
from curation.extract.device_sentences import AMOUNT, TRAINING, amount, device_counts, durations
from curation.extract.device_time import SECONDS, count_accelerator, hardware_estimate, match_span
from curation.extract.evidence import Estimate, Span, sentence_around
from curation.extract.hardware import accelerator_regex
from curation.extract.quantities import FREE_NUMBER, MULTIPLIER_WORD, scaled_value

NODE_TIME = re.compile(rf"(?P<n>{FREE_NUMBER})\s?(?P<mult>{MULTIPLIER_WORD})?\s*"
                       r"(?:compute[\s-]+|GPU[\s-]+)?node[\s-]?(?P<unit>hours?|days?)\b", re.IGNORECASE)
_DEVICE = r"(?:GPUs?|GCDs?|TPUs?|NPUs?|chips|accelerators|cards)"
_ACC = accelerator_regex()
# "nodes of 8 H100 GPUs", "nodes with 4 AMD MI250X", "each node has 8 A100s", "8 GPUs per node",
# "8-GPU nodes", "nodes (8 × A100)"
_NODE = r"(?:nodes?|servers?|machines?|hosts?)"
DEVICES_PER_NODE = re.compile(
    rf"\b{_NODE}\s*(?:\(|,)?\s*(?:each\s+)?(?:of|with|having|containing|equipped\s+with|has|holds|contains|"
    rf"consists\s+of|hosting)\s+(?P<a>\d{{1,2}})\s*(?:×|x)?\s*(?:NVIDIA\s+|AMD\s+|Intel\s+)?"
    rf"(?:(?P<acc_a>{_ACC})[\s-]*{_DEVICE}?|{_DEVICE})"  # devices, not "2 Intel Xeon CPUs"
    rf"|\b{_NODE}\s*\(\s*(?P<b>\d{{1,2}})\s*(?:×|x)\s*(?P<acc_b>{_ACC})"
    rf"|(?P<c>\d{{1,2}})\s*(?:×\s*)?(?:NVIDIA\s+|AMD\s+)?(?P<acc_c>{_ACC})?[\s-]*{_DEVICE}\s+"
    rf"(?:per|in\s+each|on\s+each|each)\s+{_NODE}"
    rf"|(?P<d>\d{{1,2}})-(?:GPU|TPU|NPU|GCD)\s+{_NODE}"
    # "8xA100 nodes", "8 × H100 nodes", "8-A100 servers"
    rf"|(?<![\w.])(?P<e>\d{{1,2}})\s*(?:×|x|-)\s*(?:NVIDIA\s+|AMD\s+)?(?P<acc_e>{_ACC})(?:[\s-]*{_DEVICE})?\s+{_NODE}"
    # "DGX A100 nodes" (a DGX of 8 GPUs; a DGX-2 of 16 V100)
    rf"|\bDGX[\s-]*(?P<acc_f>A100|H100|H200|B200|V100|-1)\s+{_NODE}|\bDGX-2\s+(?P<g>{_NODE})",
    re.IGNORECASE)
DGX_GPUS, DGX_2_GPUS = 8, 16  # NVIDIA DGX A100, H100, H200, B200 and DGX-1: 8 GPUs; DGX-2: 16 V100


def devices_per_node(text: str, near: int) -> tuple[int, str | None, re.Match[str]] | None:
    """The devices a node holds and their accelerator as the text states them: in the sentence at
    ``near`` first, else the first statement anywhere."""
    sentence = sentence_around(text, near, near + 1)
    match = DEVICES_PER_NODE.search(text, sentence.start, sentence.end) or DEVICES_PER_NODE.search(text)
    if match is None:
        return None
    if match.group("acc_f"):  # a DGX system: 8 GPUs of its name's kind (a DGX-1's: V100)
        return DGX_GPUS, "V100" if match.group("acc_f") == "-1" else match.group("acc_f"), match
    if match.group("g"):
        return DGX_2_GPUS, "V100", match
    group = next(g for g in "abcde" if match.group(g))
    count = int(match.group(group))
    accelerator = match.groupdict().get(f"acc_{group}")
    return (count, accelerator, match) if 1 <= count <= 16 else None


NODE_UNIT = re.compile(r"[\s-]?(?:hour|day)")


def _node_times(text: str) -> list[re.Match[str]]:
    """Matches of :data:`NODE_TIME`, searched only where "node" is followed by an hour or a day (most
    texts never write node time; "nodes" is common)."""
    low, found = lowered(text), []
    at = low.find("node")
    while at != -1:
        if NODE_UNIT.match(low, at + 4):
            found.extend(NODE_TIME.finditer(text, max(0, at - 40), at + 12))
        at = low.find("node", at + 4)
    return found


def find_node_time(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Node time × devices per node → device time → FLOP (see the module's rule)."""
    estimates = []
    for match in _node_times(text):
        per_node = devices_per_node(text, match.start())
        if per_node is None:
            continue
        count, accelerator, stated = per_node
        node_time = scaled_value(match.group("n"), match.group("mult"))
        unit = "hour" if match.group("unit").lower().startswith("hour") else "day"
        sentence = sentence_around(text, match.start(), match.end())
        name, where = (accelerator, "named with the devices per node") if accelerator else \
            count_accelerator(text, "", "GPUs", sentence, publication_year)
        estimate = hardware_estimate(
            text, match_span(match), node_time * count * SECONDS[unit], name, "GPU", publication_year,
            {"chip_time": f"{node_time:g} node-{unit}s × {count} devices per node", "accelerator_from": where,
             "devices_per_node": count})
        if estimate:
            estimate.evidence.insert(1, match_span(stated))
            estimates.append(estimate)
    return estimates


# a run put on a count of machines: "trained Heron on 64 nodes for 25 days", "across twelve servers",
# "using 32 machines" (the word before keeps out "graphs of 10,000 nodes")
NODE_COUNT = re.compile(rf"\b(?:on|using|across|over|with|used|uses)\s+(?:a\s+total\s+of\s+)?"
                        rf"(?P<n>{AMOUNT})\s+"
                        r"(?:compute\s+|GPU\s+|TPU\s+)?(?:nodes?|servers?|machines?)\b", re.IGNORECASE)
MAX_NODES = 20_000


def find_node_counts(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Nodes × the devices a node holds, when a training sentence counts nodes and a duration but no
    devices ("Each node contains 8 A100 GPUs. We trained Heron on 64 nodes for 25 days."): the devices
    per node as the text states them (:func:`devices_per_node`), at their accelerator or the one the
    text names. A text that never says what a node holds gives no estimate."""
    estimates, seen = [], {}
    for start, end in anchor_hits(text)[NODE_ANCHOR]:  # "node", "server", "machine": cheaper than the pattern
        found = NODE_COUNT.finditer(text, max(0, start - 40), end + 3)
        seen.update((match.start(), match) for match in found)
    for _, match in sorted(seen.items()):
        sentence = sentence_around(text, match.start(), match.end())
        if not TRAINING.search(sentence.text) or device_counts(sentence):
            continue
        times = durations(sentence)
        nodes = amount(match.group("n"))
        per_node = devices_per_node(text, match.start()) if times and 1 <= nodes <= MAX_NODES else None
        if per_node is None:
            continue
        count, accelerator, stated = per_node
        seconds, written, duration = max(times, key=lambda t: t[0])
        name, where = (accelerator, "named with the devices per node") if accelerator else \
            count_accelerator(text, "", "GPUs", sentence, publication_year)
        first, last = min(match.start("n"), duration.start), max(match.end(), duration.end)
        estimate = hardware_estimate(
            text, Span(text[first:last], first, last), nodes * count * seconds, name, "GPU", publication_year,
            {"chips": nodes * count, "duration": written, "accelerator_from": where,
             "pairing": f"{nodes:g} nodes × {count} devices per node", "devices_per_node": count},
            sentence=sentence)
        if estimate:
            estimate.evidence.append(match_span(stated))
            estimates.append(estimate)
    return estimates
