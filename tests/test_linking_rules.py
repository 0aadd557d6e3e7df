"""Entity resolution's rules for unseen data, each on a few made-up records of our own: renames, dated
variants, derived models, names as repositories write them, a card's own paper; and the linking
evaluation on the labelled real corpus and renames."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from curation.resolve.merge import merge_models
from curation.resolve.names import month_year, name_parts
from schemas.validate import validate_candidates
from scrapers.sources.huggingface import own_paper

LINK = "https://arxiv.org/abs/2401.00001"


def _rows(*rows: dict, sha: str = "a") -> pd.DataFrame:
    """Candidate rows of one payload (``sha``): Epoch-like unless a row says otherwise."""
    base = {"source": "epoch", "fetched_at": "2026-11-26T03:00:00+00:00", "publication_date": "2024-03-15"}
    frame = pd.DataFrame([{**base, "source_record_id": f"t:{r['model']}", "raw_sha256": sha * 64, **r}
                          for r in rows])
    return validate_candidates(frame).candidates


def _card(repo: str, **fields: object) -> dict:
    return {"source": "huggingface", "model": repo.split("/")[-1], "source_record_id": f"{repo}@2024",
            "link": f"https://huggingface.co/{repo}", "publication_date": None, **fields}


def _ids(merged) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(zip(merged.links["record_model"], merged.links["model_id"], strict=True))


def _next(old: pd.DataFrame, new: pd.DataFrame):  # type: ignore[no-untyped-def]
    before = merge_models(old)
    return before, merge_models(new, before.models, previous_links=before.model_sources)


def test_a_row_renamed_in_other_words_keeps_its_id_and_a_new_model_of_that_day_does_not():
    old = _rows({"model": "Wordfuse", "organization": "Kestrel Lab", "link": LINK, "parameters": 3e8},
                {"model": "Other Net", "organization": "Heron Univ", "link": "https://example.org/b"})
    new = _rows({"model": "Kestrel Fusion Model", "organization": "Kestrel Lab", "link": LINK,
                 "parameters": 3e8},
                {"model": "Brand New", "organization": "Heron Univ", "link": "https://example.org/c",
                 "parameters": 9e9}, sha="b")
    before, after = _next(old, new)
    assert _ids(after)["Kestrel Fusion Model"] == _ids(before)["Wordfuse"]
    assert _ids(after)["Brand New"] not in set(_ids(before).values())  # same day and organization only
    assert after.links.set_index("record_model").loc["Kestrel Fusion Model", "rule"] == "renamed"


def test_a_renamed_model_goes_to_the_dated_variant_of_its_own_month():
    old = _rows({"model": "Quill", "organization": "Quill AI", "link": LINK,
                 "publication_date": "2023-03-15"})
    new = _rows({"model": "Quill (Jun 2023)", "organization": "Quill AI", "link": LINK,
                 "publication_date": "2023-03-15"},
                {"model": "Quill (Mar 2023)", "organization": "Quill AI", "link": LINK,
                 "publication_date": "2023-03-15"}, sha="b")
    before, after = _next(old, new)
    assert _ids(after)["Quill (Mar 2023)"] == _ids(before)["Quill"]
    assert _ids(after)["Quill (Jun 2023)"] != _ids(before)["Quill"]
    assert month_year("mar 2023") == (2023, 3) and month_year("ap news") is None


def test_two_equally_good_successors_get_no_id():
    old = _rows({"model": "Tern", "organization": "Tern Co", "link": LINK, "parameters": 1e9})
    new = _rows({"model": "Tern (setup A)", "organization": "Tern Co", "link": LINK, "parameters": 1e9},
                {"model": "Tern (setup B)", "organization": "Tern Co", "link": LINK, "parameters": 1e9},
                sha="b")
    before, after = _next(old, new)
    assert _ids(before)["Tern"] not in {_ids(after)["Tern (setup A)"], _ids(after)["Tern (setup B)"]}


def test_a_quantized_copy_is_its_own_model_derived_from_its_base():
    copy = {**_card("someone/Zorvex-7B-GGUF", base_model="zorg/Zorvex-7B-v0.1"),
            "fetched_at": "2026-11-26T03:00:00+00:00", "raw_sha256": "c" * 64}
    records = pd.concat([_rows({"model": "Zorvex 7B", "parameters": 7e9, "training_compute_flop": 8e22}),
                         validate_candidates(pd.DataFrame([copy])).candidates], ignore_index=True)
    merged = merge_models(records)
    models = merged.models.set_index("model")
    assert len(models) == 2  # never merged into its base, although its name says "Zorvex-7B"
    assert models.loc["Zorvex-7B-GGUF", "derived_from"] == models.loc["Zorvex 7B", "model_id"]
    link = merged.links.set_index("record_model").loc["Zorvex-7B-GGUF"]
    assert link["rule"] == "derived from" and "Zorvex-7B-v0.1" in link["detail"]


def _with_cards(epoch_rows: list[dict], cards: list[dict]):  # type: ignore[no-untyped-def]
    stamp = {"fetched_at": "2026-11-26T03:00:00+00:00", "raw_sha256": "c" * 64}
    frame = validate_candidates(pd.DataFrame([{**card, **stamp} for card in cards])).candidates
    merged = merge_models(pd.concat([_rows(*epoch_rows), frame], ignore_index=True))
    return merged.links.merge(merged.models[["model_id", "model"]], on="model_id").set_index("record_model")


@pytest.mark.parametrize(("epoch_name", "repo"), [
    ("Code Zorvex-34B", "zorg/CodeZorvex-34b-hf"),  # a family glued in the repository's name
    ("Quillan 1-13B", "quill/Quillan-13B-Base"),  # a first generation left out, "-Base" for the checkpoint
    ("Tern-3 Medium", "tern/Tern-3-medium-4k-instruct"),  # a context length is no size; compute decides
])
def test_names_as_repositories_write_them(epoch_name, repo):
    links = _with_cards([{"model": epoch_name, "training_compute_flop": 4e23, "parameters": 1.4e10},
                         {"model": "Unrelated 7B"}],
                        [_card(repo, training_compute_flop=4.2e23)])
    assert links.loc[repo.split("/")[-1], "model"] == epoch_name


def test_a_size_word_and_a_size_link_only_through_the_parameter_count():
    epoch = [{"model": "Wren-2 (1.5B)", "parameters": 1.5e9},
             {"model": "Wren-2 (355M)", "parameters": 3.55e8},
             {"model": "Wren-2 (Arith)"}]  # a qualifier that names another model of the family
    linked = _with_cards(epoch, [_card("wren/wren2-xl", parameters=1.5e9)])
    assert linked.loc["wren2-xl", "model"] == "Wren-2 (1.5B)"
    unknown = _with_cards(epoch, [_card("wren/wren2-xl")])
    assert unknown.loc["wren2-xl", "model"] == "wren2-xl"  # no parameter count: no guess


def test_a_card_and_a_row_giving_the_same_own_paper_link_by_size():
    epoch = [{"model": "Heron-400 10B", "parameters": 1.07e10, "arxiv_id": "2401.00001"},
             {"model": "Heron-400 3B", "parameters": 3e9, "arxiv_id": "2401.00001"}]
    links = _with_cards(epoch, [_card("goo/heron400-10b-mt", arxiv_id="2401.00001", parameters=1e10)])
    assert links.loc["heron400-10b-mt", "model"] == "Heron-400 10B"
    # a card citing the paper of the model it started from, under another name, links nothing
    other = _with_cards(epoch, [_card("lab/kite-10b", arxiv_id="2401.00001", parameters=1e10)])
    assert other.loc["kite-10b", "model"] == "kite-10b"


def test_a_name_that_begins_with_another_names_initials():
    links = _with_cards([{"model": "Segmenting Any Mask", "parameters": 6e8}],
                        [_card("fb/sam-vit-huge")])
    assert links.loc["sam-vit-huge", "model"] == "Segmenting Any Mask"


def test_the_card_template_s_calculator_paper_is_not_the_card_s_own():
    body = ("# Wren\nRead [our paper](https://arxiv.org/abs/2402.00002).\n\n## Environmental Impact\n"
            "Carbon emissions can be estimated using the calculator presented in "
            "[Lacoste et al.](https://arxiv.org/abs/1910.09700) (https://arxiv.org/abs/1910.09700).\n\n"
            "## Citation\n```\n@article{wren2024,\n  title={Wren},\n  journal={arXiv:2402.00002},\n}\n```\n")
    assert own_paper(body) == "2402.00002"
    assert own_paper(body.split("## Citation")[0]) is None  # one link only: not enough to call it its own


def test_name_parts_drop_context_lengths_release_tags_and_read_size_letters():
    assert name_parts("Zorvex-7B-8k-0924") == name_parts("Zorvex 7B")
    assert name_parts("Florence-3-L (large)").variants == ("large",)
    assert name_parts("Wren (AP News)").tags == frozenset({"ap", "news"})


def test_linking_on_the_labelled_cards_and_renames(realdata, capsys):
    from flopwatch.cli import main

    assert main(["eval", "linking", "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    check, renames = totals["cards"]["check"], totals["renames"]
    assert check["precision"] >= 0.98 and check["recall"] >= 0.90
    assert check["derived_linked"] == check["derived"] and check["derived_merged"] == 0
    assert totals["cards"]["tune"]["wrong"] == 0 and totals["cards"]["tune"]["derived_merged"] == 0
    assert renames["kept_share"] >= 0.9 and renames["wrong_ids"] == 0
