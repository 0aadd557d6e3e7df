"""Ways of marking up a card or a web page that a reader sees as the same text: headings written as bold
lines or HTML headings, pipe tables without their outer pipes, a table's unit in words in its header."""

from __future__ import annotations

import pytest

from curation.extract.context import eligible
from curation.extract.data_mixtures import mixture_tokens
from curation.extract.engine import extract
from curation.extract.markup import plain_text
from tests.osprey_texts import CARD, primary_of

SECTIONS = """# Osprey-S Model Card

Osprey-S is the small sibling of Osprey-L.

{h2}Environmental Impact{h2_end}

{h3}Osprey-S Estimated Emissions{h3_end}

- Hardware Type: 8 A100 GPUs
- Hours used: 100

{h3}Osprey-L Estimated Emissions{h3_end}

- Hardware Type: 512 A100 GPUs
- Hours used: 900
"""
MARKUPS = {
    "bold lines": ("**", "**", "**", "**"),
    "underscored bold lines": ("__", "__", "__", "__"),
    "html headings": ("<h2>", "</h2>", '<h3 id="s">', "</h3>"),
}


@pytest.mark.parametrize("markup", MARKUPS)
def test_a_heading_written_as_a_bold_line_or_in_html_still_opens_a_models_section(markup):
    h2, h2_end, h3, h3_end = MARKUPS[markup]
    extraction = extract(SECTIONS.format(h2=h2, h2_end=h2_end, h3=h3, h3_end=h3_end), 2023)
    assert extraction.primary is not None and extraction.primary.assumptions["chips"] == 8
    sibling = next(e for e in extraction.estimates if e.assumptions.get("chips") == 512)
    assert sibling.model == "Osprey-L" and not eligible(sibling)


def test_a_bold_sentence_or_a_bold_fields_key_stays_text():
    text = plain_text("**This card is for the base model.**\n**Hardware Type:**\nA100\n**Training**\n")
    assert text == "This card is for the base model.\nHardware Type:\nA100\n### Training\n"


def test_an_html_heading_holding_an_anchor_or_emphasis_is_a_heading():
    page = '<h2 id="e"><a name="e"></a>Osprey-S <em>emissions</em></h2>'
    assert "\n## Osprey-S emissions\n" in plain_text(page)


def test_an_html_heading_inside_a_page_with_a_table_is_a_heading_too():
    page = "<table><tr><td>Tokens</td><td>2T</td></tr></table><h2>Training</h2><p>Osprey was trained.</p>"
    assert "\n## Training\n" in plain_text(page)


EDGELESS = """Osprey-7B was trained on the mixture below.

Source | Tokens
--- | ---
Web | 1.6T
Code | 400B
Total | 2T

Hyperparameter | Value
:-- | --:
Parameters | 7B
Layers | 32
"""


def test_a_pipe_table_without_outer_pipes_is_read_as_a_table():
    text = plain_text(EDGELESS)
    assert "| Total | 2T |" in text and "| :-- | --: |" in text and "| Layers | 32 |" in text
    assert "| Osprey-7B was trained" not in text  # the prose before a table is no row
    primary = primary_of(EDGELESS, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_an_edgeless_tables_separator_of_one_dash_a_cell():
    text = plain_text("Model|Number of parameters\n-|-\n[Osprey](https://example.org/osprey)|7 billion\n")
    assert "| [Osprey](https://example.org/osprey)|7 billion |" in text


def test_prose_with_a_pipe_and_a_rule_is_no_table():
    text = "A | B is a choice.\n\n---\n\nThe end."
    assert plain_text(text) == text


@pytest.mark.parametrize("header", ["Tokens (Billion)", "Tokens [billions]", "Tokens (B)",
                                    "tokens in billions"])
def test_a_mixture_tables_unit_may_be_a_word_in_its_header(header):
    table = f"| Source | {header} |\n|---|---|\n| Web | 1600 |\n| Code | 400 |\n"
    found = mixture_tokens(table)
    assert found is not None and found[0] == pytest.approx(2e12)


@pytest.mark.parametrize("devices", ["NVIDIA® A100 GPUs", "NVIDIA A100™ GPUs", "NVIDIA® A100™ GPUs"])
def test_a_trade_or_registered_mark_is_no_part_of_a_devices_name(devices):
    primary = primary_of(f"We trained Osprey on 512 {devices} for 21 days.")
    assert primary is not None and primary.assumptions["accelerator"].startswith("A100")
    assert primary.assumptions["chip_seconds"] == pytest.approx(512 * 21 * 86400)


@pytest.mark.parametrize(("sentence", "flop"), [
    # TeX's times and tilde as PDF extraction maps the symbol font
    ("Training Osprey required 3.14 ⇥ 10^23 FLOPs.", 3.14e23),
    ("Osprey-7B was pre-trained on ⇠2T tokens.", 6 * 7e9 * 2e12),
])
def test_math_signs_misread_by_pdf_extraction(sentence, flop):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize(("written", "read"), [
    # thousands as TeX's math mode spaces them
    ("We train on 2, 048 A100 GPUs.", "We train on 2,048 A100 GPUs."),
    ("Training took 1, 720, 320 GPU hours.", "Training took 1,720,320 GPU hours."),
    ("We train on 1 , 024 A100 GPUs.", "We train on 1,024 A100 GPUs."),  # a space on both sides
    ("sizes 1 , 128 and 256", "sizes 1 , 128 and 256"),
    # a list, a name's number before a size, a number before the group
    ("batches of 64, 128, 256 and 512 sequences", "batches of 64, 128, 256 and 512 sequences"),
    ("we match GPT-3, 175B at a tenth of the cost", "we match GPT-3, 175B at a tenth of the cost"),
    ("46 for TPU v2, 123 for TPU v3", "46 for TPU v2, 123 for TPU v3"),
])
def test_thousands_spaced_by_tex_math_are_one_number(written, read):
    assert plain_text(written) == read


@pytest.mark.parametrize("title", ["Heron Model Card", "Model Card for Heron", "Heron model card"])
def test_a_card_titled_by_its_family_and_model_card_takes_its_repositorys_size(title):
    card = (f"# {title}\n\n### Training Dataset\n\nThese models were trained on a dataset of text totaling 6 "
            "trillion tokens.\n")
    primary = extract(card, 2024, "acme/heron-7b").primary
    assert primary is not None and primary.assumptions["parameters"] == 7e9


def test_a_card_titled_by_another_family_takes_no_repository_size():
    card = "# Kite Model Card\n\nThese models were trained on a dataset totaling 6 trillion tokens.\n"
    assert extract(card, 2024, "acme/heron-7b").primary is None


def test_a_linked_name_in_a_table_is_its_text():
    card = ("# Heron 7B\n\nHeron is a series of open language models.\n\n"
            "| Size | Training Tokens | Layers |\n|------|--------|---------|\n"
            "| [Heron 1B](https://huggingface.co/acme/Heron-1B) | 3 Trillion | 16 |\n"
            "| [Heron 7B](https://huggingface.co/acme/Heron-7B) | 2.5 Trillion | 32 |\n")
    primary = extract(card, 2024, "acme/Heron-7B").primary
    assert primary is not None and primary.model == "Heron 7B"
    assert primary.value_flop == pytest.approx(6 * 7e9 * 2.5e12)


@pytest.mark.parametrize("address", [
    "Code: https://github.com/osprey-lab/osprey and https://osprey.ai/osprey.",
    "Weights are released as osprey-7b and osprey-7b-base.",
])
def test_the_names_lower_case_in_an_address_or_a_repository_is_still_a_name(address):
    # a name the text writes lower case only in addresses is no ordinary word ("the osprey is a bird")
    text = ("Osprey: Open Models\n\nAbstract\nWe present our model.\n\n3 Training\n"
            f"Osprey-7B was trained on 1.4T tokens.\n\n{address}\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.4e12)


@pytest.mark.parametrize("label", ["Main run", "Final model", "Full training"])
def test_a_row_label_that_names_a_run_of_the_texts_own_is_no_other_model(label):
    text = ("Osprey: Open Models\n\nAbstract\nWe present Osprey-7B.\n\nAppendix C Compute\nAll experiments "
            f"ran on H100 GPUs.\n\n| Experiment | H100 hours |\n|---|---|\n| {label} | 120,000 |\n"
            "| Data ablations | 40,000 |\n")
    primary = extract(text, 2024).primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(120_000 * 3600)


@pytest.mark.parametrize(("text", "plain"), [
    ("We train **Wren-7B** on *2T* tokens.", "We train Wren-7B on 2T tokens."),
    ("*Wren-7B* was trained on 2T tokens.", "Wren-7B was trained on 2T tokens."),
    ("C = 6*N*D, a * b", "C = 6*N*D, a * b"),  # a product, not italics
    ("* item one\n* item two", "* item one\n* item two"),  # a list's bullets
])
def test_words_in_italics_by_single_asterisks_read_as_words(text, plain):
    assert plain_text(text) == plain


def test_a_link_to_a_part_of_the_same_page_reads_as_its_words():
    """"(see Table [2](#S4.T2 "Table 2 ‣ 4 Training"))": a converted web page's cross-reference is no
    citation mark; a link to the bibliography reads as the citation mark it is."""
    text = 'Wren-7B is trained on 2T tokens (see Table [2](#S4.T2 "Table 2 ‣ 4 Training")) on 512 H100s.'
    assert plain_text(text) == "Wren-7B is trained on 2T tokens (see Table 2) on 512 H100s."
    assert plain_text("as in [[12](#bib.bib12)]") == "as in [12]"
    primary = primary_of('Osprey-7B is trained on 2T tokens (see Table [2](#S4.T2 "Table 2 ‣ 4 Training")).')
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("body", [
    "Following [[12](#bib.bib12)], we train Osprey-7B on 2T tokens.",
    "Osprey-7B uses the tokenizer of Finch [8] and was trained on 2T tokens.",
])
def test_a_credited_source_or_design_leaves_the_run_the_texts(body):
    """A citation linked to the bibliography reads as a citation mark, so the credit it gives is read as
    any other; a design borrowed and credited ("the tokenizer of Finch [8]") is no other work's run."""
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)
