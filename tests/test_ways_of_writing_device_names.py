"""Short texts of our own for device time written with the accelerator's form factor or memory between
its name and the unit, no "GPU" word: "1.3M H100 SXM hours", "A100-SXM4-80GB hours" are H100 and A100
hours; and a TPU pod slice's name ("TPUv3-256"), which is hardware, not a model."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import PAPER, Document

H100_PEAK, A100_PEAK, UTILIZATION = 989.4e12, 312e12, 0.3  # dense FP16/BF16 tensor peaks


@pytest.mark.parametrize(("written", "peak"), [
    ("1.3M H100 SXM hours", H100_PEAK),
    ("1.3M H100-SXM5 hours", H100_PEAK),
    ("1.3M A100-SXM4-80GB hours", A100_PEAK),
    ("1.3M A100 PCIe 40GB hours", A100_PEAK),
])
def test_device_hours_with_a_form_factor(written, peak):
    text = f"Heron: a language model\n\nTraining Heron-70B used {written}.\n"
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(1.3e6 * 3600 * peak * UTILIZATION)
    assert primary.assumptions["chip_time"].startswith("1.3e+06 ")
    assert primary.assumptions["accelerator"].split()[0].split("-")[0] in ("H100", "A100")


@pytest.mark.parametrize("slice_name", ["TPUv3-256", "TPU-v3-256"])
def test_a_pod_slice_is_the_runs_device_not_a_model(slice_name):
    """"a TPUv3-256 pod" is 256 cores (128 chips); the model is the one the sentence trains."""
    text = (f"Heron: a language model\n\nWe use a {slice_name} pod for pre-training, which takes about "
            "2.5 days for Heron-Large.\n")
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.model == "Heron-Large"
    assert primary.value_flop == pytest.approx(128 * 123e12 * 2.5 * 86400 * UTILIZATION)
