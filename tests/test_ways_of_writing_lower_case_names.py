"""Short texts of our own for sized names written in lower case, as repositories name models
("heron-oss-20b"): the title's lower-case name is the text's flagship, so a sibling's device time is
that sibling's run, and the flagship's own count is the text's."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.model_names import LOWER_SIZED_NAME
from schemas.handover import PAPER, Document

HEAD = ("heron-oss-20b: An Open-Weight Reasoning Model\n\nAbstract\nWe introduce heron-oss-20b, an "
        "open-weight reasoning model.\n\n2 Training\n")


def _extraction(body: str):
    return extract_document(Document(PAPER, HEAD + body + "\n", 2025))


def test_a_siblings_device_time_under_a_lower_case_title_is_the_siblings():
    extraction = _extraction("The training run for heron-oss-120b required 2.1 million H100-hours to "
                             "complete, with heron-oss-20b needing almost 10x fewer.")
    assert extraction.primary is None
    [run] = extraction.estimates
    assert run.model == "heron-oss-120b" and any("another size's run" in note for note in run.notes)


def test_the_lower_case_flagships_own_count_is_the_texts():
    primary = _extraction("heron-oss-20b was trained on 2T tokens.").primary
    assert primary is not None and primary.model == "heron-oss-20b"
    assert primary.value_flop == pytest.approx(6 * 20e9 * 2e12)


@pytest.mark.parametrize("written, name, size", [
    ("heron-oss-20b", "heron-oss", "20"), ("heron2.5-1.5b", "heron2.5", "1.5"),
    ("heron-7b-base", "heron", "7"),
])
def test_a_lower_case_sized_name_and_its_size(written, name, size):
    match = LOWER_SIZED_NAME.search(f"We release {written} today.")
    assert match is not None and (match.group("name"), match.group("n")) == (name, size)


@pytest.mark.parametrize("text", ["a state-of-the-art model", "trained on 7b tokens", "the 13b-token run",
                                  "heron-7b-tokens"])
def test_words_and_counts_in_lower_case_are_no_sized_names(text):
    assert LOWER_SIZED_NAME.search(text) is None
