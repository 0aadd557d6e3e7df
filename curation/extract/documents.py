"""Extraction as a curation step: the documents a source hands over with its rows become figures.

A row whose ``document`` column holds a :class:`~schemas.handover.Document` gets its text's primary
estimate (value, method, the sentence, confidence, parameters, accelerator). How a figure joins the
row depends on what the text is, stated as rules:

- A **paper** names the model it trains in its own words, so the estimate's model name replaces the
  placeholder its source gave (the title's head).
- A **model card** is about the repository it sits in: the row keeps its name, the token count the
  card gives is its dataset size, and the parameter count it states is the row's even without a
  compute figure.
- A card of a **derived model** (its row names a ``base_model``, or the card says so: a fine-tune, a
  quantized or converted copy; :mod:`~curation.extract.derived`) repeats its base's pre-training run:
  that run is never the derived model's own. Only a figure the card marks as fine-tuning may be its
  primary, kept with ``stage: finetuning`` and the base named in ``assumptions``; it is quoted in the
  evidence, not taken as training compute. Without one, the evidence says the card's figures are
  its base's. The row's ``base_model`` becomes the base the card derives from by these rules: one its
  text names is filled in, and a continued pre-training release keeps none (entity resolution links
  a derived model to its base and never merges the two). A card that says its model was obtained by
  tuning a pretrained model it leaves unnamed there ("To obtain Heron, we fine-tune a pretrained language
  model …") is read so for its primary, but its row names no base: the paper it gives is its own.
- A run that **goes on from another model** ("initialized with Kite-7B and trained for 500B tokens")
  counts its own stage only: the evidence opens by saying so and naming that model.
"""

from __future__ import annotations

import re

import pandas as pd

from curation.extract.card_finders import card_parameter_count
from curation.extract.context import NOT_OWN_RUN, eligible
from curation.extract.derived import (
    derived_from,
    mark_own_fine_tuning,
    restage_base_glosses,
    tuned_from_unnamed,
)
from curation.extract.engine import Extraction, extract
from curation.extract.evidence import FINETUNING, Estimate
from schemas.handover import CARD, DOCUMENT, PAPER, Document

# what a table row calls the authors' own model, not its name: "Ours", "Heron (ours)", "Heron†"
OURS_MARK = re.compile(r"\s*\((?:ours|this\s+work)\)|[†‡]+$", re.IGNORECASE)
NOT_A_NAME = {"ours", "our model", "this work", "proposed", "ours (proposed)", "the model"}


def extract_documents(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with each document's figures filled in and the ``document`` column removed."""
    if DOCUMENT not in rows:
        return rows
    found: dict[object, dict[str, object]] = {}
    for index, document in rows[DOCUMENT].items():
        if not isinstance(document, Document):
            continue
        base_model = rows.at[index, "base_model"] if "base_model" in rows else None
        base_model = base_model if isinstance(base_model, str) and base_model else None
        name = rows.at[index, "model"] if "model" in rows else None
        extraction = extract_document(document, base_model, name if isinstance(name, str) else None)
        fields: dict[str, object] = {}
        if extraction.primary is not None:
            fields = document_fields(document, extraction.primary,
                                     extraction.primary.assumptions.get("base_model"))
        elif extraction.derived_from and extraction.estimates:
            fields = {"compute_evidence": f"derived from {extraction.derived_from}: the "
                      f"{len(extraction.estimates)} figure(s) its card gives describe the base's run, "
                      f"not this model's"}
        if document.kind == CARD and not isinstance(fields.get("parameters"), float):
            # a card states its size without a figure too
            stated = card_parameter_count(extraction.text, name)
            if stated is not None:
                fields["parameters"] = stated[0]
        if extraction.derived_from != base_model:
            # what the card's text says wins: a base it names, or none for a continued pre-training
            fields["base_model"] = extraction.derived_from
        if fields:
            found[index] = fields
    rows = rows.drop(columns=[DOCUMENT])
    if not found:
        return rows
    for column in {column for fields in found.values() for column in fields}:
        rows[column] = rows[column].astype(object) if column in rows else None
        # only the rows whose document gave this field: another row's gap is no value to write over
        given = {index: fields[column] for index, fields in found.items() if column in fields}
        rows.loc[list(given), column] = pd.Series(given, dtype=object)
    return rows


def extract_document(document: Document, base_model: str | None = None,
                     name: str | None = None) -> Extraction:
    """The estimates in one document and its primary under the kind rules above. ``base_model`` is the
    base its source names for it; ``name`` the name it is published under (a card's repository)."""
    extraction = extract(document.text, document.year, name if document.kind == CARD else None)
    if document.kind != CARD:
        return extraction
    base = derived_from(extraction.text, name, base_model)  # a continued pre-training is no derivative
    tuned = tuned_from_unnamed(extraction.text, name) if base is None else None
    if base is None and tuned is None:
        return extraction
    # (a model obtained by tuning a pretrained one it leaves unnamed: its run is its tuning, but it names no
    # base for linking, its paper being its own)
    extraction.derived_from = base
    base = base or tuned
    mark_own_fine_tuning(extraction.estimates, extraction.text, name or None, base)
    restage_base_glosses(extraction.estimates, extraction.text)
    for estimate in extraction.estimates:
        if estimate.stage != FINETUNING:
            estimate.notes.append(f"{NOT_OWN_RUN}: a derived model's card quoting its base's run ({base})")
    own_runs = [e for e in extraction.estimates if e.stage == FINETUNING and eligible(e)]
    extraction.primary = max(own_runs, key=lambda e: e.value_flop) if own_runs else None
    if extraction.primary is not None:
        extraction.primary.assumptions["base_model"] = base
    return extraction


def model_label(model: str | None) -> str | None:
    """A model's name as the dataset writes it: without a table's mark of the authors' own row ("Heron
    (ours)": "Heron"), and none for a row that names no model ("Ours")."""
    if not model:
        return None
    label = OURS_MARK.sub("", model).strip()
    return None if not label or label.lower() in NOT_A_NAME else label


def document_fields(document: Document, primary: Estimate, base_model: object = None) -> dict[str, object]:
    """The row values one document's primary estimate gives (see the module's rules)."""
    fields: dict[str, object] = {
        "compute_method": primary.method, "confidence": primary.confidence,
        "compute_evidence": " ".join(primary.evidence[0].text.split()),
        "parameters": primary.assumptions.get("parameters"),
        "hardware": primary.assumptions.get("accelerator"),
    }
    started = primary.assumptions.get("continued_from")
    if started:  # a run that goes on from another model: say its compute is not in the figure
        fields["compute_evidence"] = (f"continues the training of {started}, whose own compute is not "
                                      f"included: {fields['compute_evidence']}")
    if document.kind == PAPER:  # an estimate that names no model keeps the source's placeholder name
        label = model_label(primary.model)
        named = {"model": label} if label else {}
        return {**fields, "training_compute_flop": primary.value_flop, **named}
    if document.kind != CARD:
        raise ValueError(f"unknown document kind {document.kind!r} (expected {PAPER!r} or {CARD!r})")
    fields["training_dataset_size"] = primary.assumptions.get("training_tokens")
    if isinstance(base_model, str) and base_model:
        fields["compute_evidence"] = (f"fine-tune of {base_model}; the card's fine-tuning figure "
                                      f"({primary.value_flop:.3g} FLOP) is not its training compute: "
                                      f"{fields['compute_evidence']}")
        return fields
    return {**fields, "training_compute_flop": primary.value_flop}
