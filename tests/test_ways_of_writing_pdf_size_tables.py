"""Short texts of our own for a family's sizes given only in a table of the own models, the table as PDF
text extraction writes it (one cell a line, column after column or row after row) as well as with
pipes: "We train all Heron models on 300B tokens" under a table whose largest Heron is 1.3B is the
flagship's 6 · 1.3e9 · 300e9."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from schemas.handover import PAPER, Document

OPENING = "Heron: small open language models\n\nTable 1: Heron model sizes.\n"
PROSE = "\nWe train all Heron models on 300B tokens of a filtered crawl.\n"
PIPES = ("| Model | Params | Layers |\n|---|---|---|\n| Heron-S | 125M | 12 |\n| Heron-M | 350M | 24 |\n"
         "| Heron-L | 1.3B | 24 |\n")
COLUMN_AFTER_COLUMN = "\nModel\n\nParams\n\nLayers\n\nHeron-S\nHeron-M\nHeron-L\n\n125M\n350M\n1.3B\n\n12\n24\n24\n"
ROW_AFTER_ROW = "Model\nParams\nLayers\nHeron-S\n125M\n12\nHeron-M\n350M\n24\nHeron-L\n1.3B\n24\n"


@pytest.mark.parametrize("table", [PIPES, COLUMN_AFTER_COLUMN, ROW_AFTER_ROW],
                         ids=["pipes", "column after column", "row after row"])
def test_the_own_tables_largest_size_is_the_flagship(table):
    text = OPENING + table + PROSE
    primary = extract_document(Document(PAPER, text, 2024)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 300e9)
    assert any("Heron-L" in span.text and "1.3B" in span.text for span in primary.evidence)


def test_a_table_of_anothers_models_gives_no_size():
    text = (OPENING.replace("Heron model sizes", "Models we compare with") +
            COLUMN_AFTER_COLUMN.replace("Heron", "Kite") + PROSE)
    assert extract_document(Document(PAPER, text, 2024)).primary is None
