"""Short texts of our own for a run told as a cost per token and the tokens trained on: "a forward pass of
Lark costs 5.6 GFLOPs per token … pre-trained on 1.2 trillion tokens" is 3 × 5.6e9 × 1.2e12 (the
backward pass costs two forward passes); a cost said to cover training is counted once; a table of the
own models' costs per token takes each row's tokens, or the one count of tokens the prose gives. A cost
per token of another's model (a paper that serves or studies it), a planned model's, or one whose tokens
are a batch's or counted with epochs gives none."""

from __future__ import annotations

import pytest

from curation.extract.documents import extract_document
from curation.extract.evidence import OPERATION_COUNTING
from curation.extract.token_cost import find_table_token_cost, find_token_cost, passes_per_cost
from schemas.handover import PAPER, Document

TITLE = "Lark: efficient recurrent language models\n\n"


def _primary(text: str):
    return extract_document(Document(PAPER, text, 2024)).primary


@pytest.mark.parametrize(("sentence", "flop"), [
    ("A forward pass of Lark costs 5.6 GFLOPs/token, and Lark was pre-trained on 1.2 trillion tokens.",
     3 * 5.6e9 * 1.2e12),
    ("Lark needs 1.8e10 FLOPs per token in the forward pass. We train Lark on 1.2T tokens.",
     3 * 1.8e10 * 1.2e12),
    ("Counting both passes, the training cost of Lark is 35 GFLOPs per token. We pretrain Lark on 1.2T "
     "tokens.", 35e9 * 1.2e12),
    ("Every training token requires about 3 × 10^10 FLOPs (forward and backward). Lark was trained for "
     "1.2T tokens.", 3e10 * 1.2e12),
    ("Lark performs 5.6 GMACs per token. The model was trained on 1.2T tokens.", 3 * 2 * 5.6e9 * 1.2e12),
], ids=["forward said, same sentence", "forward pass, next sentence", "training cost", "forward and backward",
        "multiply-accumulates"])
def test_a_cost_per_token_times_the_runs_tokens(sentence, flop):
    text = TITLE + sentence + "\n"
    found = find_token_cost(text)
    assert [e.value_flop for e in found] == [pytest.approx(flop)]
    estimate = found[0]
    assert estimate.method == OPERATION_COUNTING and estimate.confidence == "Speculative"
    assert all(span.text == text[span.start:span.end] for span in estimate.evidence)
    primary = _primary(text)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize(("words", "passes"), [
    ("costs 18 gflops per token in the forward pass", 3.0),
    ("18 gflops per token", 3.0),
    ("18 gflops per token at inference", 3.0),
    ("the training cost is 54 gflops per token", 1.0),
    ("54 gflops per token (forward and backward passes)", 1.0),
    ("54 gflops per token for fwd+bwd", 1.0),
    ("during training, the forward pass costs 18 gflops per token", 3.0),
])
def test_what_a_cost_per_token_covers(words, passes):
    assert passes_per_cost(words) == passes


PIPE_TABLE = """Wren: open recurrent language models

Table 2: Wren architectures and FLOP counts.
| Model | Layers | Dimension | FLOPs per token |
|---|---|---|---|
| Wren-430M | 24 | 1024 | 0.9 × 10^9 |
| Wren-1.5B | 24 | 2048 | 3.1 × 10^9 |
| Wren-7B | 32 | 4096 | 1.5 × 10^10 |

All Wren models were trained on 450B tokens of a filtered crawl.
"""
CELL_TABLE = """Wren: open recurrent language models

Table 2: Wren architectures and FLOP counts.

Model

Layers

FLOPs/token

Wren-430M
Wren-1.5B
Wren-7B

24
24
32

0.9e9
3.1e9
1.5e10

All Wren models were trained on 450B tokens of a filtered crawl.
"""


@pytest.mark.parametrize("text", [
    PIPE_TABLE, CELL_TABLE,
    PIPE_TABLE.replace("All Wren models were trained", "All models are trained"),
], ids=["pipe table", "one cell a line", "all models, unnamed"])
def test_a_table_of_costs_per_token_takes_the_proses_tokens(text):
    found = {e.model: e.value_flop for e in find_table_token_cost(text)}
    assert found == {"Wren-430M": pytest.approx(3 * 0.9e9 * 450e9),
                     "Wren-1.5B": pytest.approx(3 * 3.1e9 * 450e9),
                     "Wren-7B": pytest.approx(3 * 1.5e10 * 450e9)}
    primary = _primary(text)
    assert primary is not None and primary.model == "Wren-7B"
    assert primary.value_flop == pytest.approx(3 * 1.5e10 * 450e9)


def test_a_table_row_takes_its_own_tokens_and_a_training_cost_once():
    text = ("Wren: open recurrent language models\n\n| Model | Training GFLOPs/token | Tokens |\n"
            "|---|---|---|\n| Wren-1.5B | 9.3 | 300B |\n| Wren-7B | 45 | 450B |\n\nTable 2: Wren sizes.\n")
    found = {e.model: e.value_flop for e in find_table_token_cost(text)}
    assert found == {"Wren-1.5B": pytest.approx(9.3e9 * 300e9), "Wren-7B": pytest.approx(45e9 * 450e9)}


def test_a_cost_of_about_six_times_the_named_size_covers_a_training_step():
    """With what the cost covers unsaid, a cost near 6N of the size the model's name carries is a training
    step's (counted once), one near 2N a forward pass's (× 3)."""
    text = ("Wren: open recurrent language models\n\n| Model | FLOPs/token | Tokens |\n|---|---|---|\n"
            "| Wren-1B | 6.2e9 | 300B |\n| Wren-7B | 1.4e10 | 1T |\n\nTable 2: Wren sizes.\n")
    found = {e.model: e.value_flop for e in find_table_token_cost(text)}
    assert found == {"Wren-1B": pytest.approx(6.2e9 * 300e9), "Wren-7B": pytest.approx(3 * 1.4e10 * 1e12)}
    [prose] = find_token_cost(TITLE + "Lark-7B needs 4.2e10 FLOPs per token. We train Lark-7B on 1T "
                                      "tokens.\n")
    assert prose.value_flop == pytest.approx(4.2e10 * 1e12)


def test_prose_tokens_that_disagree_give_a_table_none():
    text = PIPE_TABLE + "\nWren-7B was trained on 1T tokens of the same crawl.\n"
    assert find_table_token_cost(text) == []


@pytest.mark.parametrize("text", [
    "Scaling inference: a study\n\nKite-70B needs about 140 GFLOPs per token and was trained on 2T tokens. "
    "We study how to serve it on commodity hardware.\n",
    "Efficient serving of large language models\n\nWe serve Kite, an open model. Kite requires 1.4e11 FLOPs "
    "per token in the forward pass. Kite was trained on 2T tokens.\n",
    "Serving large models\n\n| Model | FLOPs/token | Tokens |\n|---|---|---|\n| Kite-70B | 1.4e11 | 2T |\n"
    "| Osprey-175B | 3.5e11 | 300B |\n\nTable 1: Models we serve.\n",
    "Compute-optimal training revisited\n\nA model that costs 1.4e11 FLOPs per token would need 2.8T tokens "
    "to be compute-optimal.\n",
    TITLE + "The forward pass of Lark costs 18 GFLOPs per token, while a batch holds 4M tokens.\n",
    TITLE + "Lark needs 18 GFLOPs per token. We train Lark for 3 epochs over 400B tokens.\n",
    TITLE + "Lark needs 18 GFLOPs per token. Unlike Lark, Kite-7B was trained on 2T tokens.\n",
    PIPE_TABLE.replace("All Wren models were trained on", "Unlike Wren, Kite-7B was trained on"),
], ids=["another's model", "a served model", "a table of served models", "a hypothetical model",
        "a batch's tokens", "tokens counted with epochs", "another model's tokens",
        "a table with another model's tokens"])
def test_no_run_of_the_texts_own_gives_none(text):
    assert find_token_cost(text) == [] and find_table_token_cost(text) == []
    assert _primary(text) is None
