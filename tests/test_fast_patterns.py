"""Patterns rewritten to scan fast (curation.extract.fast_patterns) find what the plain patterns find."""

import re
import string

import pytest

from curation.extract.device_sentences import DEVICES, TRAINING, WORD, WORD_ANY_CASE
from curation.extract.fast_patterns import WordStart, any_case, either_case
from curation.extract.hardware import accelerator_pattern, accelerator_regex

SENTENCES = [
    "We trained on 512 TPU v3 chips for 14 days.",
    "8 GPUs8 GPUs (8 GPUs)(16 GPUs) a single A100, two H100s and 1,024 V100 GPUs.",
    "Training took 3.5 days on a 2,048-GPU H100 cluster; v2.5 16 GPUs; x8 GPUs.",
    "4 Training\nWe use 64 nodes with 8 A100 GPUs each, i.e. 512 GPUs in total.",
    "Heron-7B and Kite 13B used twenty-one GPUs; 7B-Chat is a size.",
    "",
    "8",
]
NUMBER_AT_WORD_START = r"\d+(?:\.\d+)?\s*(?:GPUs?|TPUs?|days?)"


def _spans(matches) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_word_start_finds_what_its_look_behind_pattern_finds(sentence):
    fast = WordStart(r"\w.", NUMBER_AT_WORD_START)
    plain = re.compile(rf"(?<![\w.]){NUMBER_AT_WORD_START}")
    assert _spans(fast.finditer(sentence)) == _spans(plain.finditer(sentence))
    for start in range(len(sentence) + 1):
        for end in (start, start + 7, len(sentence)):
            assert _spans(fast.finditer(sentence, start, end)) == _spans(plain.finditer(sentence, start, end))
            first, expected = fast.search(sentence, start, end), plain.search(sentence, start, end)
            assert (first and first.span()) == (expected and expected.span())
    assert fast.findall(sentence) == plain.findall(sentence)


def test_word_start_reads_the_character_before_a_search_start():
    """As a plain pattern's look-behind does, the character before ``pos`` still counts: "v2.5" holds no
    number at a word's start even when the search starts at "5"."""
    fast = WordStart(r"\w.", r"\d")
    assert fast.search("v2.5", 3) is None
    assert fast.search("v2 5", 3).start() == 3


def test_word_start_matches_are_the_patterns_own():
    match = WordStart(r"\w.", r"(?P<n>\d+) GPUs").search("on 64 GPUs")
    assert match.group("n") == "64" and match.group(0) == "64 GPUs" and match.start() == 3


@pytest.mark.parametrize("sentence", SENTENCES)
def test_devices_pattern_finds_what_it_found_before(sentence):
    plain = re.compile(DEVICES.regex.pattern)
    assert _spans(DEVICES.finditer(sentence)) == _spans(plain.finditer(sentence))


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
