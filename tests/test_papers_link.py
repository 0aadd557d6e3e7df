"""Linking paper records to models by arXiv id, and cutting backfill windows at month boundaries."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from curation.resolve.merge import merge_candidates
from curation.store.batches import month_windows
from curation.store.papers import papers_table
from schemas.validate import validate_candidates

SHA = "a" * 64


def _row(source: str, model: str, arxiv_id: str | None, flop: float | None = None, **extra) -> dict:
    return {"source": source, "source_record_id": f"{source}:{model}", "model": model,
            "publication_date": "2020-05-28", "arxiv_id": arxiv_id, "training_compute_flop": flop,
            "raw_sha256": SHA, "fetched_at": "2026-11-26T03:00:00+00:00", **extra}


def _paper(arxiv_id: str, title: str, flop: float | None = None) -> dict:
    return _row("arxiv", title, arxiv_id, flop, source_record_id=f"{arxiv_id}v1", paper_title=title,
                paper_version=1, categories="cs.CL;cs.LG", primary_category="cs.CL")


def _merge(rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    candidates = validate_candidates(pd.DataFrame(rows)).candidates
    models = merge_candidates(candidates, None, ["arxiv"])
    return models, papers_table(candidates[candidates["source"] == "arxiv"], models)


def test_a_paper_cited_for_one_model_joins_it_and_fills_what_is_missing():
    models, papers = _merge([_row("epoch", "Chinchilla", "2203.15556"),
                             _paper("2203.15556", "Training Compute-Optimal Large Language Models", 5.9e23)])
    assert list(models["model"]) == ["Chinchilla"]
    assert models["training_compute_flop"].iloc[0] == 5.9e23 and models["sources"].iloc[0] == "arxiv;epoch"
    assert papers["model_id"].iloc[0] == models["model_id"].iloc[0]


def test_one_paper_several_sizes_joins_the_nearest_size_and_links_to_all():
    sizes = [_row("epoch", f"GPT-3 {name}", "2005.14165", flop)
             for name, flop in (("Small", 2.6e20), ("XL", 2.4e21), ("175B", 3.14e23))]
    models, papers = _merge([*sizes, _paper("2005.14165", "Language Models are Few-Shot Learners", 3.6e23)])
    assert len(models) == 3  # no model of its own, sizes kept apart
    big = models.set_index("model").loc["GPT-3 175B"]
    assert big["training_compute_flop"] == 3.14e23 and big["sources"] == "arxiv;epoch"  # Epoch's value first
    assert set(papers["model_id"].iloc[0].split(";")) == set(models["model_id"])


def test_a_paper_without_a_figure_between_several_sizes_joins_none():
    sizes = [_row("epoch", f"Llama 2-{n}B", "2307.09288", 1e23 * n) for n in (7, 70)]
    paper = _paper("2307.09288", "Llama 2: Open Foundation and Fine-Tuned Chat Models")
    models, papers = _merge([*sizes, paper])
    assert set(models["sources"]) == {"epoch"}
    assert len(papers["model_id"].iloc[0].split(";")) == 2


@pytest.mark.parametrize(("flop", "becomes_model"), [(2.3e19, True), (None, False)])
def test_an_uncited_paper_is_a_model_only_when_it_has_a_figure(flop, becomes_model):
    models, papers = _merge([_row("epoch", "BERT-Large", "1810.04805", 2.9e20),
                             _paper("2401.00001", "TinyNet: a small model", flop)])
    assert ("TinyNet: a small model" in set(models["model"])) is becomes_model
    assert len(papers) == 1 and bool(papers["model_id"].notna().iloc[0]) is becomes_model


def test_month_windows_cover_the_range_without_gaps_or_overlap():
    windows = month_windows(date(2023, 11, 15), date(2024, 2, 10))
    assert windows[0] == (datetime(2023, 11, 15), datetime(2023, 11, 30, 23, 59))
    assert windows[2] == (datetime(2024, 1, 1), datetime(2024, 1, 31, 23, 59))
    assert windows[-1] == (datetime(2024, 2, 1), datetime(2024, 2, 10, 23, 59))
    assert len(windows) == 4
    with pytest.raises(ValueError, match="ends"):
        month_windows(date(2024, 2, 1), date(2024, 1, 1))
