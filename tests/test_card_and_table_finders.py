"""Table rows and model-card pairing, on short texts shaped like real model cards."""

from __future__ import annotations

import pytest

from curation.extract.card_finders import find_card_operation_counting, looks_like_model_card
from curation.extract.context import eligible
from curation.extract.engine import extract
from curation.extract.table_finders import find_table_rows
from curation.extract.tables import find_tables

GPU_HOURS_CARD = """## Hardware and Software
Training utilized a cumulative of 7.7M GPU hours of computation on hardware of type H100-80GB.

|  | Time (GPU hours) | Power Consumption (W) |
| :---- | :---: | :---: |
| Model 8B | 1.3M | 700 |
| Model 70B | 6.4M | 700 |
| Total | 7.7M | |
"""


def test_pipe_table_headers_and_rows():
    table = find_tables(GPU_HOURS_CARD)[0]
    assert table.column("gpu hours") == 1
    assert [row.label for row in table.rows] == ["Model 8B", "Model 70B", "Total"]


def test_a_header_with_a_scale_in_digits_is_still_the_header():
    table, = find_tables("| Model | FLOPs (×10^21) |\n|---|---|\n| Osprey-7B | 84 |\n| Osprey-70B | 840 |\n")
    assert table.headers == ["model", "flops (×10^21)"]
    assert [row.label for row in table.rows] == ["Osprey-7B", "Osprey-70B"]


def test_a_key_value_tables_first_row_over_a_separator_is_data():
    table, = find_tables("| Parameters | 7B |\n|---|---|\n| Tokens | 2T |\n")
    assert [row.label for row in table.rows] == ["Parameters", "Tokens"]


def test_a_row_below_the_separator_is_data_without_a_digit():
    table, = find_tables("| Attribute | Value |\n|---|---|\n| Developer | Osprey Labs |\n"
                         "| Parameters | 70B |\n| Pretraining tokens | 12T |\n")
    assert table.headers == ["attribute", "value"]
    assert [row.label for row in table.rows] == ["Developer", "Parameters", "Pretraining tokens"]


def test_a_blank_header_over_a_separator_makes_every_row_below_data():
    """ "| | |" over "|---|---|": a header left blank, as cards write a key-value table; its first row
    (with no digit) is data, not a header naming a model "Decoder-only transformer"."""
    table, = find_tables("| | |\n|---|---|\n| Architecture | Decoder-only transformer |\n"
                         "| Parameters | 7.24B |\n| Training tokens | 4T |\n")
    assert table.headers == ["", ""]
    assert [row.label for row in table.rows] == ["Architecture", "Parameters", "Training tokens"]
    card = ("# Osprey-7B\n\n| | |\n|---|---|\n| Architecture | Decoder-only transformer |\n"
            "| Parameters | 7B |\n| Tokens | 4T |\n")
    assert all(e.model != "Decoder-only transformer" for e in find_table_rows(card))


def test_a_key_value_tables_value_column_names_no_model():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey-70B\n\n| Attribute | Value |\n|---|---|\n"
            "| Developer | Osprey Labs |\n| Parameters | 70B |\n| Pretraining tokens | 12T |\n")
    counted = [e for e in find_table_rows(card) if e.method == "operation_counting"]
    assert [(e.model, e.value_flop) for e in counted] == [(None, pytest.approx(6 * 70e9 * 12e12))]
    assert eligible(counted[0])


def test_gpu_hours_rows_become_per_model_hardware_estimates():
    estimates = find_table_rows(GPU_HOURS_CARD)
    by_model = {e.model: e for e in estimates}
    assert by_model["Model 70B"].value_flop == pytest.approx(6.4e6 * 3600 * 989.4e12 * 0.3)
    assert by_model["Model 70B"].assumptions["accelerator"] == "H100 SXM"
    assert any("aggregate" in note for note in by_model["Total"].notes)


def test_cumulative_total_gives_way_to_the_per_model_rows():
    primary = extract(GPU_HOURS_CARD).primary
    assert primary.model == "Model 70B"


def test_parameter_and_token_columns_give_six_n_d_per_row():
    text = ("| Params | Context | Tokens |\n|---|---|---|\n| 7B | 4k | 1.0T |\n| 65B | 2k | 1.4T |\n")
    estimates = {e.model: e for e in find_table_rows(text)}
    assert estimates["65B"].value_flop == pytest.approx(6 * 65e9 * 1.4e12)


CARD = """---
license: apache-2.0
---
# Model Card for Tiny-1B
## Model Details
Tiny-1B is a Transformer with 1.3 billion parameters.
## Training
* Dataset size: 30B tokens
* Training tokens: 150B tokens
* Context length: 2048 tokens
"""


def test_model_card_pairs_its_parameters_with_its_training_tokens():
    assert looks_like_model_card(CARD)
    estimate = find_card_operation_counting(CARD)[0]
    assert estimate.value_flop == pytest.approx(6 * 1.3e9 * 150e9)
    assert estimate.confidence == "Speculative" and eligible(estimate)


def test_batch_tokens_times_steps_count_as_training_tokens():
    card = CARD.replace("* Training tokens: 150B tokens\n", "") + (
        "It was trained with a batch size of approximately 2M tokens for a total of 100,000 steps.\n")
    estimate = find_card_operation_counting(card)[0]
    assert estimate.assumptions["training_tokens"] == pytest.approx(2e6 * 100_000)


def test_papers_are_not_paired_across_the_text():
    paper = ("GPT-3 has 175 billion parameters, as reported in prior work. Separately, other models were "
             "trained on 300B tokens.")
    assert not looks_like_model_card(paper)
    assert find_card_operation_counting(paper) == []


def test_a_column_of_flops_per_token_is_no_count_of_tokens():
    table = ("| Model | Params | FLOPs/token | Tokens |\n|---|---|---|---|\n"
             "| Heron-1B | 1.1B | 7.2e9 | 1T |\n| Heron-7B | 6.9B | 4.3e10 | 1T |\n")
    found = find_table_rows(table)
    expected = [pytest.approx(6 * 1.1e9 * 1e12), pytest.approx(6 * 6.9e9 * 1e12)]
    assert sorted(e.value_flop for e in found) == expected


@pytest.mark.parametrize("body", [
    "- Compute (FLOPs): 4.2E22\n- Hardware: TPU v5p",
    "| Property | Value |\n|---|---|\n| Training FLOPs | 4.2e22 |\n| Tokens | 1T |",
])
def test_a_compute_field_or_row_in_scientific_notation_is_read(body):
    primary = extract("---\nlicense: mit\n---\n# Osprey-7B\n\n" + body + "\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


def test_a_row_of_compute_across_models_is_no_field_of_one():
    body = "| Metric | Osprey-1B | Osprey-7B |\n|---|---|---|\n| Training FLOPs | 6e20 | 4.2e22 |"
    primary = extract("---\nlicense: mit\n---\n# Osprey-7B\n\n" + body + "\n", 2024).primary
    assert primary is None or primary.value_flop == pytest.approx(4.2e22)


def test_a_row_of_compute_under_models_as_columns_gives_each_its_figure():
    text = ("Osprey: Open Models\n\nWe introduce Osprey.\n\n2 Training\n\n| | Osprey-1B | Osprey-7B |\n"
            "|---|---|---|\n| Training compute (1e21 FLOPs) | 6 | 42 |\n")
    extraction = extract(text, 2024)
    assert {e.model: e.value_flop for e in extraction.estimates} == {"Osprey-1B": 6e21, "Osprey-7B": 4.2e22}
    assert extraction.primary is not None and extraction.primary.model == "Osprey-7B"


def test_a_power_of_ten_in_a_headers_parentheses_is_its_unit_not_a_figure():
    text = ("Osprey: Open Models\n\nWe introduce Osprey.\n\n2 Training\n\n"
            "| Model | Training compute (1e21 FLOPs) |\n|---|---|\n| Osprey-1B | 0.6 |\n")
    assert [e.value_flop for e in extract(text, 2024).estimates] == [pytest.approx(6e20)]
    # in prose, the same parentheses give a figure
    primary = extract("Osprey\n\nThe total compute (1e23 FLOPs) was spent over 20 days.\n", 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(1e23)


def test_a_compute_field_hedged_with_an_abbreviation_is_read():
    primary = extract("---\nlicense: mit\n---\n# Osprey-7B\n\n## Training\nTraining FLOPs: approx. 4.2e22\n",
                      2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(4.2e22)


def test_a_table_of_lines_with_a_last_column_of_compute_still_pairs_parameters_and_tokens():
    text = ("Osprey: Open Models\n\n3 Training\nTable 4.\nModel  Params  Tokens  FLOPs\n"
            "Osprey-1B  1.1B  1T  6.6e21\nOsprey-7B  6.9B  1T  4.1e22\n")
    extraction = extract(text, 2023)
    counted = [e.value_flop for e in extraction.estimates if e.method == "operation_counting"]
    assert pytest.approx(6 * 6.9e9 * 1e12) in counted
    # (the column of FLOPs, its header naming no use, is read too where its figures reach a run's size: the
    # row's reported figure, which the pair agrees with)
    assert extraction.primary is not None and extraction.primary.value_flop == pytest.approx(4.1e22)
    assert extraction.primary.confidence == "Confident"
