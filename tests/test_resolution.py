"""Entity resolution on the real recorded data: one row per model across Epoch's tables, ids kept
through Epoch's renames, cards and papers linked to their Epoch models; and the rules on small cases."""

from __future__ import annotations

import csv
import hashlib
import json

import pandas as pd
import pytest

from curation.extract.engine import extract
from curation.resolve.identifiers import arxiv_id, doi, hf_repo, paper_key, url
from curation.resolve.merge import merge_models
from curation.resolve.names import name_parts
from curation.store.changes import diff_models
from flopwatch.recorded import card_candidates, epoch_candidates
from schemas.validate import validate_candidates
from tests.conftest import make_settings

# the official repos of the model cards that are not Hub READMEs in the recorded set
CARD_REPOS = {"llama1_MODEL_CARD.md": "huggyllama/llama-65b",
              "llama2_MODEL_CARD.md": "meta-llama/Llama-2-70b-hf",
              "llama3_MODEL_CARD.md": "meta-llama/Meta-Llama-3-70B",
              "llama3_2_MODEL_CARD.md": "meta-llama/Llama-3.2-3B",
              "llama3_3_MODEL_CARD.md": "meta-llama/Llama-3.3-70B-Instruct",
              "bloom_model_card_README.md": "bigscience/bloom"}


def _epoch(tmp_path, *files: tuple[str, str]) -> pd.DataFrame:
    return epoch_candidates(make_settings(tmp_path), list(files))


def _repo(filename: str) -> str:
    if filename in CARD_REPOS:
        return CARD_REPOS[filename]
    stem = filename.removesuffix(".md").removeprefix("hfhub_").removesuffix("_README")
    owner, _, name = stem.partition("_")
    return f"{owner}/{name}"


def _cards(tmp_path, folder, files: list[str]) -> pd.DataFrame:
    cards = [(_repo(file), (folder / file).read_bytes()) for file in files]
    return card_candidates(make_settings(tmp_path), cards, created_at="2024-01-01T00:00:00.000Z")


def _papers(folder, labels: list[dict]) -> pd.DataFrame:
    rows = []
    for label in labels:
        text = (folder / label["file"]).read_text(encoding="utf-8")
        primary = extract(text).primary
        rows.append({"source": "arxiv", "source_record_id": f"{label['arxiv_id']}v1",
                     "model": primary.model if primary and primary.model else label["arxiv_id"],
                     "arxiv_id": label["arxiv_id"], "paper_version": 1,
                     "training_compute_flop": primary.value_flop if primary else None,
                     "compute_method": primary.method if primary else None,
                     "raw_sha256": hashlib.sha256(text.encode()).hexdigest(),
                     "fetched_at": "2026-11-26T03:00:00+00:00"})
    return validate_candidates(pd.DataFrame(rows)).candidates


@pytest.fixture
def epoch_tables(epoch_snapshots, tmp_path):
    return _epoch(tmp_path, (epoch_snapshots["notable_2025_04"], "notable_ai_models"),
                  (epoch_snapshots["all_2025_03"], "all_ai_models"))


def test_notable_and_all_models_give_one_row_per_model(epoch_tables):
    merged = merge_models(epoch_tables)
    models = merged.models
    assert models["model_id"].is_unique and models["model"].is_unique
    # every record name appears in exactly one model
    assert merged.links.groupby("record_model")["model_id"].nunique().max() == 1
    # no two models that the tables name alike (same name written differently, same organization, same year)
    parts = models["model"].map(lambda name: name_parts(name).full)
    year = models["publication_date"].dt.year
    alike = models.assign(key=parts, year=year).groupby(["key", "organization", "year"], dropna=False).size()
    repeated = alike[alike > 1]
    # ... except names a table itself lists as two rows (two models it distinguishes)
    both_listed = set()
    for (key, _, _), _count in repeated.items():
        names = set(models.loc[parts == key, "model"])
        tables = epoch_tables[epoch_tables["model"].isin(names)].groupby("raw_sha256")["model"].nunique()
        if (tables > 1).any():
            both_listed.add(key)
    assert set(repeated.index.get_level_values(0)) <= both_listed


def test_models_a_table_distinguishes_stay_apart_and_explain_says_why(epoch_tables, realdata):
    merged = merge_models(epoch_tables)
    names = set(merged.models["model"])
    assert {"CaLM", "CALM"} <= names and {"PointNet", "PointNet++"} <= names
    links = merged.links.set_index("record_model")
    calm = merged.links[merged.links["record_model"].isin(["CaLM", "CALM"])]
    assert calm.groupby("record_model")["model_id"].first().nunique() == 2
    assert set(links.loc[["CaLM"], "rule"]) <= {"first record", "same name"}


def test_renames_between_notable_snapshots_keep_their_ids(realdata, tmp_path):
    folder = realdata / "epoch"
    previous = links = None
    seen: dict[str, str] = {}
    for name in ("notable_ai_models_2024-07-16.csv", "notable_ai_models_2025-04-08.csv",
                 "notable_ai_models_2025-12-27.csv"):
        merged = merge_models(_epoch(tmp_path, (folder / name, "notable_ai_models")), previous,
                              previous_links=links)
        if previous is not None:
            changes = diff_models(previous, merged.models)
            renamed = changes[changes["change"] == "renamed"]
            seen.update(dict(zip(renamed["old"], renamed["new"], strict=True)))
            kept = set(previous["model_id"]) & set(merged.models["model_id"])
            assert len(kept) > 0.9 * len(merged.models) - (changes["change"] == "added").sum()
        previous, links = merged.models, merged.model_sources
    assert seen["Grok-3"] == "Grok 3"
    assert seen["GPT-4"] == "GPT-4 (Mar 2023)"
    assert len(seen) >= 15


def test_cards_and_papers_link_to_their_epoch_models_and_gpt3_sizes_stay_apart(realdata, tmp_path):
    folder = realdata / "epoch"
    epoch = _epoch(tmp_path, (folder / "notable_ai_models_2025-12-27.csv", "notable_ai_models"),
                   (folder / "all_ai_models_2025-03-11.csv", "all_ai_models"))
    with open(realdata / "web" / "hf_modelcards" / "labels.csv", newline="") as handle:
        card_labels = list(csv.DictReader(handle))
    with open(realdata / "papers" / "labels.csv", newline="") as handle:
        paper_labels = [row for row in csv.DictReader(handle) if row["epoch_model"]]
    cards = _cards(tmp_path, realdata / "web" / "hf_modelcards", [row["file"] for row in card_labels])
    papers = _papers(realdata / "papers", paper_labels)
    merged = merge_models(pd.concat([epoch, papers, cards], ignore_index=True), paper_sources=["arxiv"],
                          estimating_sources=["arxiv", "huggingface"])
    links = merged.links.merge(merged.models[["model_id", "model"]], on="model_id")
    for row in card_labels:
        card = links[links["source_record_id"].str.startswith(_repo(row["file"]) + "@")]
        assert len(card) and set(card["model"]) == {row["epoch_model"]}, row["file"]
    for row in paper_labels:
        paper = links[links["source_record_id"] == f"{row['arxiv_id']}v1"]
        assert len(paper) and set(paper["model"]) == {row["epoch_model"]}, row["arxiv_id"]
    gpt3 = merged.models[merged.models["arxiv_id"] == "2005.14165"]
    assert len(gpt3) >= 8 and "GPT-3 175B (davinci)" in set(gpt3["model"])  # each size its own row
    assert merged.models["model"].is_unique


def _rows(*rows: dict) -> pd.DataFrame:
    base = {"source": "epoch", "fetched_at": "2026-11-26T03:00:00+00:00", "publication_date": "2025-02-26"}
    frame = pd.DataFrame([{**base, "source_record_id": f"t:{r['model']}:{i}", "raw_sha256": "a" * 64, **r}
                          for i, r in enumerate(rows)])
    return validate_candidates(frame).candidates


def test_near_duplicates_of_one_table_merge_and_a_duplicate_entry_row_joins_its_model():
    merged = merge_models(_rows({"model": "Granite 3.2 2B", "training_compute_flop": 1e23},
                                {"model": "Granite 3.2 2B\t ", "organization": "IBM"},
                                {"model": "Granite-3.2-2B", "link": "Duplicate entry"},
                                {"model": "Granite 3.2 8B"}))
    assert sorted(merged.models["model"]) == ["Granite 3.2 2B", "Granite 3.2 8B"]
    rules = dict(zip(merged.links["record_model"], merged.links["rule"], strict=True))
    assert rules["Granite-3.2-2B"] == "same name written differently"


def test_compute_policy_prefers_the_text_s_own_report_and_flags_conflicts():
    epoch = _rows({"model": "Kestrel 7B", "training_compute_flop": 9e22, "compute_method": "Hardware"})
    card = validate_candidates(pd.DataFrame([
        {"source": "huggingface", "source_record_id": "k/kestrel-7b@1", "model": "kestrel-7b",
         "training_compute_flop": 4e23, "compute_method": "reported", "raw_sha256": "b" * 64,
         "fetched_at": "2026-11-26T03:00:00+00:00", "publication_date": "2025-02-20"}])).candidates
    merged = merge_models(pd.concat([epoch, card], ignore_index=True), estimating_sources=["huggingface"])
    row = merged.models.iloc[0]
    assert len(merged.models) == 1 and row["training_compute_source"] == "huggingface"
    assert row["training_compute_flop"] == 4e23 and bool(row["compute_conflict"])
    values = merged.model_sources[merged.model_sources["field"] == "training_compute_flop"]
    assert set(values["source"]) == {"epoch", "huggingface"}  # every source's value is kept


def test_identifiers_take_one_canonical_form():
    assert arxiv_id("https://arxiv.org/pdf/2005.14165v4.pdf") == arxiv_id("arXiv:2005.14165") == "2005.14165"
    assert arxiv_id("hep-th/9901001v2") == "hep-th/9901001" and arxiv_id("no id here") is None
    assert paper_key(None, "https://doi.org/10.48550/arXiv.2005.14165") == "arxiv:2005.14165"
    assert doi("doi:10.1038/NATURE14539") == "10.1038/nature14539"
    assert hf_repo("https://huggingface.co/meta-llama/Llama-2-7b-hf/tree/main") == "meta-llama/llama-2-7b-hf"
    assert url("https://www.Example.org/models/?utm_source=x&id=3#top") == "example.org/models?id=3"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Llama-2-70b-hf", "Llama 2 70B", True), ("meta-llama/Llama-2-70b", "Llama 2-70B", True),
    ("GPT-3 175 billion", "GPT-3 175B", True), ("bloom-7b1", "BLOOM-7.1B", True),
    ("phi-1_5", "Phi-1.5", True),
    ("Llama-2-70b-chat-hf", "Llama 2-70B", False), ("PointNet++", "PointNet", False),
    ("GPT-3 1.3B", "GPT-3 13B", False),
])
def test_name_parts(a, b, same):
    assert (name_parts(a).full == name_parts(b).full) is same


def test_explain_prints_the_model_its_records_and_why_they_were_linked(tmp_path, capsys):
    from curation.store.publish import write_version_files
    from curation.store.versions import Store
    from flopwatch.cli import main

    candidates = _rows({"model": "Grok 3", "organization": "xAI", "training_compute_flop": 4.6e26,
                        "compute_evidence": "Estimated from the reported cluster size."},
                       {"model": "Grok-3", "organization": "xAI", "raw_sha256": "c" * 64})
    merged = merge_models(candidates)
    store = Store.at(tmp_path / "data")
    staging = store.stage("run")
    write_version_files(staging, merged.models, merged.models.iloc[:0], 1, None, {}, None, merged)
    store.commit(staging, 1)

    assert main(["explain", "grok-3", "--data-dir", str(tmp_path / "data"), "--json"]) == 0
    explanation = json.loads(capsys.readouterr().out)
    assert explanation["model"]["model"] == "Grok 3" and len(explanation["records"]) == 2
    second = explanation["records"][1]
    assert second["rule"] == "same name written differently" and "Grok-3" in second["detail"]
    assert explanation["records"][0]["evidence"] == "Estimated from the reported cluster size."
    assert main(["explain", "Grok 3", "--data-dir", str(tmp_path / "data")]) == 0
    assert "linked by: same name written differently" in capsys.readouterr().out
    assert main(["explain", "Grok 9", "--data-dir", str(tmp_path / "data")]) == 2
    assert "similar: Grok 3" in capsys.readouterr().err


def test_merges_and_splits_of_earlier_models_are_recorded_and_ids_never_reused():
    first = merge_models(_rows({"model": "Orca 2", "organization": "Microsoft"},
                               {"model": "Orca-2 13B", "organization": "Microsoft", "raw_sha256": "d" * 64}))
    assert len(first.models) == 2
    # the same records seen together in one payload of a source that now says they are one model
    second = merge_models(_rows({"model": "Orca 2", "organization": "Microsoft"},
                                {"model": "Orca 2", "organization": "Microsoft", "source_record_id": "x",
                                 "raw_sha256": "e" * 64}),
                          first.models, previous_links=first.model_sources)
    assert len(second.models) == 1 and second.models["model_id"].iloc[0] in set(first.models["model_id"])
    # a split: the source now lists the two as two rows of one table; one keeps the id, one is new
    third = merge_models(_rows({"model": "Orca 2", "organization": "Microsoft", "raw_sha256": "e" * 64},
                               {"model": "Orca 2 (7B)", "organization": "Microsoft", "source_record_id": "x",
                                "raw_sha256": "e" * 64}),
                         second.models, previous_links=second.model_sources)
    events = {e["change"]: e for e in third.id_events}
    assert "split" in events and events["split"]["old"] == second.models["model_id"].iloc[0]
    assert events["split"]["new"] not in set(first.models["model_id"]) | set(second.models["model_id"])
