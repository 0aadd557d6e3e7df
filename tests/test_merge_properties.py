"""Property-based tests of validation, resolution and merging: candidate rows of any shape a source
could hand over (repeated and near-repeated names, unicode, values missing everywhere, several sources
and payloads, a previous version) never crash them, give one row per model, and give the same
content hash when the same inputs are merged again."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curation.resolve.merge import merge_models
from curation.store.versions import content_hash
from schemas.curated import CuratedModel
from schemas.validate import validate_candidates

NAMES = st.sampled_from(["GPT-4", "GPT-4 (Mar 2023)", "gpt4", "Llama 2 70B", "Llama-2-70b-hf", "Zorvex",
                         "Zorvex ", "ZORVEX", "Ωmega-7B", "模型-7B", "x", "A (B)", "BERT-Large", "bert-large",
                         "T5-11B", "t5-xxl", "Quill (Jun 2023)", "Quill"])
MAYBE_TEXT = st.one_of(st.none(), st.text(min_size=0, max_size=12))
MAYBE_FLOAT = st.one_of(st.none(), st.floats(min_value=1e3, max_value=1e27, allow_nan=False))
ROW = st.fixed_dictionaries({
    "source": st.sampled_from(["epoch", "huggingface", "arxiv"]),
    "model": NAMES,
    "payload": st.sampled_from("ab"),
    "publication_date": st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()),
                                  st.sampled_from(["2023-03-15", "not a date", ""])),
    "organization": MAYBE_TEXT,
    "parameters": MAYBE_FLOAT,
    "training_compute_flop": MAYBE_FLOAT,
    "link": st.one_of(st.none(), st.sampled_from(["https://arxiv.org/abs/2303.08774", "Duplicate entry"])),
    "arxiv_id": st.one_of(st.none(), st.sampled_from(["2303.08774", "2401.00001"])),
    "base_model": st.one_of(st.none(), st.sampled_from(["meta-llama/Llama-2-70b-hf", "the model it was"])),
})


def _frame(rows: list[dict]) -> pd.DataFrame:
    records = []
    for index, row in enumerate(rows):
        payload = row.pop("payload")
        records.append({**row, "source_record_id": f"r{index}", "raw_sha256": payload * 64,
                        "fetched_at": "2026-11-26T03:00:00+00:00"})
    return pd.DataFrame(records)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=0, max_size=25), st.lists(ROW, min_size=0, max_size=10))
def test_any_candidates_merge_into_one_valid_row_per_model_and_the_same_hash_twice(rows, earlier):
    candidates = validate_candidates(_frame(rows)).candidates
    previous = merge_models(validate_candidates(_frame(earlier)).candidates, paper_sources=["arxiv"])
    merged = merge_models(candidates, previous.models, paper_sources=["arxiv"],
                          estimating_sources=["huggingface", "arxiv"], previous_links=previous.model_sources)
    CuratedModel.validate(merged.models)
    assert merged.models["model_id"].is_unique and merged.models["model"].is_unique
    assert set(merged.links["model_id"]) <= set(merged.models["model_id"])
    again = merge_models(candidates, previous.models, paper_sources=["arxiv"],
                         estimating_sources=["huggingface", "arxiv"], previous_links=previous.model_sources)
    assert content_hash(again.models) == content_hash(merged.models)
