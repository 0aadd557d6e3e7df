"""Extraction as a curation step: documents a source hands over become figures by the kind's rules."""

from __future__ import annotations

import pandas as pd
import pytest

from curation.extract.documents import extract_documents
from schemas.handover import CARD, DOCUMENT, PAPER, Document

PAPER_TEXT = ("We present Heron-9B. Heron-9B, a 9B parameter language model, was trained on "
              "2 trillion tokens of web text.")
CARD_TEXT = "This 7B parameter model was trained on 1.5T tokens."


def test_a_paper_names_its_model_and_takes_the_figure():
    rows = pd.DataFrame([{"source": "arxiv", "source_record_id": "2401.00001v1", "model": "Heron",
                          DOCUMENT: Document(PAPER, PAPER_TEXT, 2024)}])
    out = extract_documents(rows)
    assert DOCUMENT not in out
    assert out.loc[0, "training_compute_flop"] == pytest.approx(6 * 9e9 * 2e12)
    assert out.loc[0, "model"] == "Heron-9B"  # the paper's own name replaces the title's head
    assert out.loc[0, "compute_method"] == "operation_counting"
    assert "2 trillion tokens" in out.loc[0, "compute_evidence"]


@pytest.mark.parametrize(("row_label", "model"), [("Ours", "Heron"), ("Wren (ours)", "Wren")])
def test_a_tables_mark_of_the_authors_own_row_is_no_name(row_label, model):
    text = ("Table 2: Comparison.\n\n| Model | Params | Tokens |\n|---|---|---|\n| Kite-7B | 7B | 2T |\n"
            f"| {row_label} | 3B | 4T |\n")
    rows = pd.DataFrame([{"source": "arxiv", "source_record_id": "2401.00002v1", "model": "Heron",
                          DOCUMENT: Document(PAPER, text, 2024)}])
    out = extract_documents(rows)
    assert out.loc[0, "training_compute_flop"] == pytest.approx(6 * 3e9 * 4e12)
    assert out.loc[0, "model"] == model  # "Ours" keeps the source's name


def test_a_card_keeps_its_name_and_gives_its_dataset_size():
    rows = pd.DataFrame([{"source": "huggingface", "model": "kestrel-7b", "base_model": None,
                          DOCUMENT: Document(CARD, CARD_TEXT)}])
    out = extract_documents(rows)
    assert out.loc[0, "model"] == "kestrel-7b"
    assert out.loc[0, "training_compute_flop"] == pytest.approx(6 * 7e9 * 1.5e12)
    assert out.loc[0, "training_dataset_size"] == pytest.approx(1.5e12)


def test_a_derived_models_card_never_takes_the_base_figure():
    rows = pd.DataFrame([{"source": "huggingface", "model": "kestrel-7b-chat",
                          "base_model": "lab/kestrel-7b", DOCUMENT: Document(CARD, CARD_TEXT)}])
    out = extract_documents(rows)
    assert "training_compute_flop" not in out or pd.isna(out.loc[0, "training_compute_flop"])


def test_a_derived_models_fine_tuning_figure_is_quoted_not_taken():
    text = CARD_TEXT + "\n\nFine-tuning took 8 A100 GPUs for 2 days."
    rows = pd.DataFrame([{"source": "huggingface", "model": "kestrel-7b-chat",
                          "base_model": "lab/kestrel-7b", DOCUMENT: Document(CARD, text, 2024)}])
    out = extract_documents(rows)
    assert "training_compute_flop" not in out or pd.isna(out.loc[0, "training_compute_flop"])
    assert out.loc[0, "compute_evidence"].startswith(
        "fine-tune of lab/kestrel-7b; the card's fine-tuning figure")


def test_a_run_that_goes_on_from_another_model_says_so_in_its_evidence():
    text = ("HeronMath 7B\n\nWe introduce HeronMath 7B.\n\nOur model is initialized with Kite-Coder-Base 7B "
            "(Smith et al., 2024) and trained for 500B tokens of math.")
    rows = pd.DataFrame([{"source": "arxiv", "source_record_id": "2401.00003v1", "model": "HeronMath",
                          DOCUMENT: Document(PAPER, text, 2024)}])
    out = extract_documents(rows)
    assert out.loc[0, "training_compute_flop"] == pytest.approx(6 * 7e9 * 500e9)
    assert out.loc[0, "compute_evidence"].startswith(
        "continues the training of Kite-Coder-Base 7B, whose own compute is not included: ")


def test_rows_without_a_document_pass_untouched_and_an_unknown_kind_is_refused():
    rows = pd.DataFrame([{"source": "epoch", "model": "A", "training_compute_flop": 1e20}])
    assert extract_documents(rows).equals(rows)
    odd = pd.DataFrame([{"source": "x", DOCUMENT: Document("slides", CARD_TEXT)}])
    with pytest.raises(ValueError, match="unknown document kind 'slides'"):
        extract_documents(odd)


def test_a_base_the_text_names_for_one_card_leaves_anothers_declared_base_alone():
    rows = pd.DataFrame([
        {"source": "huggingface", "model": "someone/kestrel-7b-chat", "base_model": "acme/kestrel-7b",
         DOCUMENT: Document(CARD, "A chat model. " + CARD_TEXT)},
        {"source": "huggingface", "model": "someone/kestrel-7b-med", "base_model": None,
         DOCUMENT: Document(CARD, "This model is a fine-tune of acme/kestrel-7b. " + CARD_TEXT)},
    ])
    out = extract_documents(rows)
    assert out.loc[0, "base_model"] == "acme/kestrel-7b"
    assert out.loc[1, "base_model"] == "acme/kestrel-7b"
