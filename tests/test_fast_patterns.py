"""Patterns rewritten to scan fast (curation.extract.fast_patterns) find what the plain patterns find."""

import re
import string

import pytest

from curation.extract.device_sentences import (
    COUNT_START,
    DEVICES,
    DURATION,
    NUMBER_WORDS,
    TRAINING,
    WORD,
    WORD_ANY_CASE,
    device_counts,
)
from curation.extract.evidence import Span
from curation.extract.fast_patterns import any_case, either_case
from curation.extract.hardware import accelerator_pattern, accelerator_regex


def test_either_case_matches_what_a_case_insensitive_letter_matches():
    """Every character, not only ASCII: "ſ" matches "s", the Kelvin sign "k", "İ" and "ı" match "i"."""
    letters = string.ascii_letters + string.digits + "-."
    union = re.compile(f"[{re.escape(letters)}]", re.IGNORECASE)
    matched = [c for c in map(chr, range(0x110000)) if union.fullmatch(c)]
    assert {"ſ", "\u212a", "İ", "ı"} <= set(matched)
    for letter in letters:
        plain = re.compile(re.escape(letter), re.IGNORECASE)
        fast = re.compile(either_case(letter), re.IGNORECASE)
        assert [c for c in matched if plain.fullmatch(c)] == [c for c in matched if fast.fullmatch(c)], letter


def test_any_case_alternation_keeps_the_words_order():
    pattern = re.compile(f"(?:{any_case(['in', 'inside'])})", re.IGNORECASE)
    assert pattern.match("INSIDE").group(0) == "IN"  # the first word that matches, as in "in|inside"
    assert re.compile(f"(?:{any_case(['Kite', 'lark'])})\\b", re.IGNORECASE).match("LARK")


def test_number_words_match_alike_in_any_case():
    plain = re.compile(f"(?:{WORD})$", re.IGNORECASE)
    fast = re.compile(f"(?:{WORD_ANY_CASE})$", re.IGNORECASE)
    for text in ["twenty-one", "Twenty One", "THREE AND A HALF", "a", "An", "single", "Hundred", "half an",
                 "ſingle", "ſix", "eIGHT", "fourteen", "nineteen", "zero", "ten"]:
        assert bool(plain.match(text)) == bool(fast.match(text)), text


def test_accelerator_names_match_in_any_case():
    """The accelerator trie, its branches grouped by first letter, still reads names in any case."""
    names = re.compile(f"(?:{accelerator_regex()})$", re.IGNORECASE)
    for text in ["A100", "a100", "H100 SXM5", "TPU v4", "tpuv3", "RTX 3090 Ti", "Gaudi2", "Instinct MI250X"]:
        assert names.match(text), text
    found = accelerator_pattern().search("trained on 8 nvidia a100-80gb GPUs")
    assert found.group("accelerator") == "a100-80gb"
    assert accelerator_pattern().search("the CA100 line") is None  # inside a longer word


@pytest.mark.parametrize(("sentence", "told"), [
    ("The model was pretrained for 3 days.", True), ("Fine-tuning took 2 hours.", True),
    ("We ran it on 8 GPUs.", True), ("它在 512 张 GPU 上训练了 30 天", True),
    ("The retrained baseline is shown in red.", False), ("Scores rose by 3 points.", False),
    ("Each EPOCH lasted an hour.", True), ("The runway was long.", False)])
def test_training_words_are_read_from_a_word_start_in_any_case(sentence, told):
    """The training words (one word boundary for all of them, see fast_patterns) as before."""
    assert bool(TRAINING.search(sentence)) is told


def test_every_count_opens_with_a_character_the_count_guard_lets_through():
    """The device and duration patterns test a count's first character once (COUNT_START) before their
    alternatives: every number word a count may be written in opens with one of its characters, in any
    case (a word added to the number words with another first letter fails here)."""
    opening = re.compile(COUNT_START.split(")", 1)[1])  # the look-ahead alone
    for word in NUMBER_WORDS:
        assert opening.match(word), word
        assert re.compile(opening.pattern, re.IGNORECASE).match(word.upper()), word
    assert opening.match("٣")  # a digit of any script, as the patterns' \d


@pytest.mark.parametrize(("sentence", "count"), [
    ("We train on twenty-four A100 GPUs.", 24), ("It used a single V100 GPU for a week.", 1),
    ("Training used 2 048 H100 GPUs.", 2048), ("We used sixty-four TPU v3 chips.", 64),
    ("The run took half a day on eight GPUs.", 8)])
def test_counts_in_words_and_digits_are_still_read(sentence, count):
    counts = [found[0] for found in device_counts(Span(sentence, 0, len(sentence)))]
    assert counts == [count]
    assert DEVICES.pattern.startswith(COUNT_START) and DURATION.search("for three and a half days")
