"""The provenance tables of a version: ``model_sources`` (every value every source gave), ``links``
(why each source record belongs to its model) and ``changes`` (what changed since the previous
version). Their descriptions are the data dictionary's and the ``datapackage.json``'s."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

MODEL_ID = r"^fw_[0-9a-f]{12}$"


class ModelSourceValue(pa.DataFrameModel):
    """One value one source record gave for one field of a model."""

    model_id: Series[str] = pa.Field(str_matches=MODEL_ID, description="The model (models.model_id).")
    source: Series[str] = pa.Field(description="The source that gave the value (epoch, arxiv, huggingface).")
    source_record_id: Series[str] = pa.Field(description="The record within the source: an Epoch table "
                                                         "and row name, an arXiv id, a Hub repository.")
    field: Series[str] = pa.Field(description="The models.csv column the value is for.")
    value: Series[str] = pa.Field(description="The value as the source gave it (after typing).")
    evidence: Series[str] = pa.Field(nullable=True, description="For a compute figure: the sentence or note "
                                                                "it comes from, verbatim.")
    url: Series[str] = pa.Field(nullable=True, description="Where the record can be read.")
    raw_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$",
                                       description="sha256 of the raw payload the record was read from "
                                                   "(data/raw; see its manifest).")

    class Config:
        strict = True
        coerce = True


class ModelLink(pa.DataFrameModel):
    """Why one source record belongs to its model."""

    model_id: Series[str] = pa.Field(str_matches=MODEL_ID, description="The model (models.model_id).")
    source: Series[str] = pa.Field(description="The record's source.")
    source_record_id: Series[str] = pa.Field(description="The record within the source.")
    record_model: Series[str] = pa.Field(description="The model name the record itself gives.")
    rule: Series[str] = pa.Field(description="The linking rule that joined the record to the model.")
    detail: Series[str] = pa.Field(nullable=True, description="What the rule compared.")

    class Config:
        strict = True
        coerce = True


class ModelChange(pa.DataFrameModel):
    """One change of the models table since the previous version."""

    change: Series[str] = pa.Field(description="added, removed, renamed, changed, merged or split.")
    model_id: Series[str] = pa.Field(str_matches=MODEL_ID, description="The model (models.model_id).")
    model: Series[str] = pa.Field(nullable=True, description="The model's name.")
    field: Series[str] = pa.Field(nullable=True, description="For a changed value: the column.")
    old: Series[str] = pa.Field(nullable=True, description="The value before.")
    new: Series[str] = pa.Field(nullable=True, description="The value now.")

    class Config:
        strict = True
        coerce = True
