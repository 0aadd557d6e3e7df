"""The accelerator table: validated, and the names papers use resolve to a row."""

from __future__ import annotations

import pytest

from curation.extract.hardware import HardwareSpec, accelerator_pattern, load_hardware, resolve_accelerator

REQUIRED = ["K80", "P100", "V100", "T4", "A100 SXM", "A100 PCIe", "H100 SXM", "H100 PCIe", "H800", "H200",
            "B200", "TPU v2", "TPU v3", "TPU v4", "TPU v5e", "TPU v5p", "MI250X", "MI300X", "Gaudi2",
            "Ascend 910B"]


def test_table_validates_and_holds_the_required_accelerators():
    table = HardwareSpec.validate(load_hardware())
    assert set(REQUIRED) <= set(table["accelerator"])


@pytest.mark.parametrize(("written", "row"), [
    ("A100-SXM-80GB", "A100 SXM"), ("A100 40GB", "A100 SXM"), ("TPUv3", "TPU v3"),
    ("NVIDIA H100 80GB HBM3", "H100 SXM"), ("H100 PCIe", "H100 PCIe"), ("H100 NVL", "H100 NVL"),
    ("Tesla V100", "V100"),
    ("MI300X", "MI300X"), ("Ascend 910B", "Ascend 910B"),
])
def test_aliases_resolve(written, row):
    assert resolve_accelerator(written).name == row


def test_unknown_accelerator_resolves_to_nothing():
    assert resolve_accelerator("Z9000 quantum chip") is None


def test_default_peak_is_fp16_tensor_or_fp32_without_tensor_units():
    assert resolve_accelerator("A100").peak() == (312e12, "fp16")
    assert resolve_accelerator("A100").peak("fp32") == (19.5e12, "fp32")
    assert resolve_accelerator("K80").peak() == (8.73e12, "fp32")
    assert resolve_accelerator("H100").peak("fp8") == (1978.9e12, "fp8")


def test_accelerators_are_found_in_prose():
    found = accelerator_pattern().search("trained on 8 × 16GB V100 GPUs for 90 hours")
    assert found.group("accelerator") == "V100"


@pytest.mark.parametrize("name", ["TPU v7", "TPU7x", "Ironwood", "TPU v7x"])
def test_the_seventh_tpu_generation_by_each_of_its_names(name):
    accelerator = resolve_accelerator(name)
    assert accelerator is not None and accelerator.name == "TPU v7"
    assert accelerator.peak("bf16")[0] == pytest.approx(2307e12)  # Google Cloud's TPU7x page, per chip


@pytest.mark.parametrize(("name", "canonical", "bf16"), [
    ("B300", "B300", 2.25e15), ("HGX B300", "B300", 2.25e15), ("GB300", "GB300", 2.5e15),
    ("MI355X", "MI355X", 2.5e15), ("MI350X", "MI350X", 2.3e15),
])
def test_the_2025_accelerators_by_their_names(name, canonical, bf16):
    accelerator = resolve_accelerator(name)
    assert accelerator is not None and accelerator.name == canonical
    assert accelerator.peak("bf16")[0] == pytest.approx(bf16)  # dense, per GPU


def test_a_gb300_is_not_read_as_a_b300():
    found = accelerator_pattern().search("trained on 4,608 GB300 GPUs")
    assert resolve_accelerator(found.group("accelerator")).name == "GB300"


@pytest.mark.parametrize(("sentence", "row"), [
    # the first Titan (2013, Kepler, 6 GB) as papers of its time wrote it, its vendor before it
    ("Training took 10 hours on a NVidia Titan GPU (6 GB).", "GTX Titan"),
    # the later Titans keep their own names
    ("Training took 10 hours on an NVIDIA Titan X GPU.", "GTX Titan X"),
    ("Training took 10 hours on one NVIDIA Titan Black GPU.", "Titan Black"),
])
def test_a_titan_named_with_its_vendor(sentence, row):
    assert resolve_accelerator(accelerator_pattern().search(sentence).group("accelerator")).name == row
