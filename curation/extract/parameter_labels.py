"""Which of a table's labels gives a run's parameter count N.

A table of models labels its parameter counts in a header ("| Model | Params | Tokens |") or a row
("| # Params | 7B | 13B |"). The rule: N is the first label of parameters ("params", "parameters",
"model size", "size"), not of non-embedding ones nor of an expert's; in a table of mixtures of
experts, it is the activated parameters' label ("Active params" beside "Total params"), and there is
none when the table names experts or activated parameters but gives no activated count, since a
mixture's total is never N.
"""

from __future__ import annotations

import re

PARAMETER_LABEL = re.compile(r"(?<![a-z])param|^(?:model\s+)?size$")  # "params", "n_params", "#params"


def names_experts(labels: list[str]) -> bool:
    """Whether a table's labels (lower-cased) name experts or activated parameters."""
    return any("expert" in label or "activ" in label for label in labels)


def parameter_label(labels: list[str]) -> int | None:
    """The index of the label (lower-cased headers or row labels) that gives N, or None (see the module's
    rule)."""
    candidates = [i for i, label in enumerate(labels) if ("param" in label or "size" in label)  # cheap first
                  and PARAMETER_LABEL.search(label.strip()) and "non-embedding" not in label
                  and "expert" not in label]
    if not candidates:
        return None
    active = next((i for i in candidates if "activ" in labels[i]), None)
    if active is not None or names_experts(labels):
        return active
    return candidates[0]
