"""The text helpers rewritten for speed (str searches and patterns that open with a character class)
keep what they did: each case is a short text of the kind the helper reads, with what it must give."""

from __future__ import annotations

import pytest

from curation.extract.anchors import token_end
from curation.extract.context import has_cue
from curation.extract.evidence import sentence_around
from curation.extract.markup import plain_text
from curation.extract.model_names import document_title
from curation.extract.sections import HEADING
from curation.extract.step_counting import _step_words


@pytest.mark.parametrize(("text", "expected"), [
    ("**Heron-7B** was trained on `2T` tokens.", "Heron-7B was trained on 2T tokens."),
    ("__Heron__ has 7B parameters.", "Heron has 7B parameters."),
    # (the bold markers go, then the single asterisks of italics around words)
    ("***Heron*** uses `__init__`.", "Heron uses init."),
    # both bold markers: dropping "**" must not join two underscores into a marker
    ("**Note** a_**_b and __x__", "Note a__b and x"),
])
def test_emphasis_markers_are_dropped_as_one_pass(text: str, expected: str) -> None:
    assert plain_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("• Hardware Type: A100\n  • Hours used: 100", "- Hardware Type: A100\n  - Hours used: 100"),
    ("Steps:\n●\tWarm-up ● then decay", "Steps:\n- Warm-up ● then decay"),
    ("A bullet • inside a line stays.", "A bullet • inside a line stays."),
])
def test_a_bullet_that_opens_its_line_is_a_list_item(text: str, expected: str) -> None:
    assert plain_text(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("We train for 2\u2009048 steps on 1\u00a0024 GPUs.", "We train for 2048 steps on 1024 GPUs."),
    ("We train on 1.4~trillion tokens for 21~days \\cite{kite}.",
     "We train on 1.4 trillion tokens for 21 days \\cite{kite}."),
    ("A tilde that opens a figure: ~3 days \\cite{kite}.",
     "A tilde that opens a figure: ~3 days \\cite{kite}."),
])
def test_digit_groups_and_ties_are_read_where_they_stand(text: str, expected: str) -> None:
    assert plain_text(text) == expected


def test_headings_and_titles_are_read_at_a_lines_start_only() -> None:
    text = "# Heron-7B\n\nSee issue #12 here.\n## Training data\nText # not a heading"
    assert [m.group("title") for m in HEADING.finditer(text)] == ["Heron-7B", "Training data"]
    assert document_title(text) == "Heron-7B"


def test_step_words_are_read_left_to_right_without_overlaps() -> None:
    low = "after 500k steps and 20 iterations, the updatesteps log"
    found = [low[start:end] for start, end in _step_words(low)]
    assert found == ["steps", "iterations", "updates"]  # "steps" inside "updatesteps" overlaps "updates"


@pytest.mark.parametrize(("text", "cues", "expected"), [
    ("the peak throughput", ("peak",), True),
    ("a speaker said", ("peak",), False),  # not inside a word
    ("the latest test", ("test",), True),  # the second occurrence starts a word
    ("at 1e23 flops", ("flops", "e23"), True),
    ("(estimated) total", ("(est",), True),  # a cue that opens with punctuation needs no word start
    ("nothing here", (), False),
])
def test_a_cue_is_read_from_a_words_start(text: str, cues: tuple[str, ...], expected: bool) -> None:
    assert has_cue(text, cues) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Heron was trained on 2T tokens. It used 512 GPUs.", "512", "It used 512 GPUs."),
    ("Following Kite et al. (2022), we train on 1T tokens.", "1T",
     "Following Kite et al. (2022), we train on 1T tokens."),
    ("The corpus is large.\n\n| Model | Tokens |\n| Heron | 2T |", "2T", "| Heron | 2T |"),
    ("See the datasets. heron-7b is trained on 2T tokens.", "2T", "heron-7b is trained on 2T tokens."),
])
def test_a_sentence_ends_where_a_reader_ends_it(text: str, word: str, expected: str) -> None:
    at = text.index(word)
    assert sentence_around(text, at, at + len(word)).text == expected


def test_a_window_ends_past_the_number_or_word_it_falls_in():
    text = "warmup_steps: 2000, training_steps: 715000 and more"
    inside = text.index("715000") + 3
    assert text[:token_end(text, inside)].endswith("715000")
    assert token_end(text, text.index(" and")) == text.index(" and")  # a window ending at a space stays
    assert token_end(text, len(text)) == len(text)
