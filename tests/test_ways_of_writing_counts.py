"""Short texts of our own for the ways of writing a size, a token count and device time that a tenth
battery of sentences found: weights counted as parameters, a size in parentheses after a name, a corpus
sized in tokens with a hyphen, device time with a thousand written onto the device ("kGPUh") or before
"of … compute", a card read as a card because it is published under a repository's name, a paper
that uses the model its title names, a compute line keyed by the own model's name, and tokens told as
epochs "of" a corpus or as a ratio to the parameters."""

from __future__ import annotations

import pytest

from curation.extract.derived import derived_from
from curation.extract.device_sentences import amount
from curation.extract.device_time import find_hardware
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.operation_counting import find_operation_counting
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD, PAPER, Document
from tests.osprey_texts import TITLE, primary_of

H100_DENSE = 989.4e12


def card_primary(text: str, repository: str, year: int = 2024):
    """The primary of a model card published under ``repository``."""
    return extract_document(Document(CARD, text, year), name=repository).primary


TITLE_OF_DATA = "Osprey: Instruction Data\n\nAbstract\nWe introduce Osprey, a dataset.\n\n4 Results\n"


@pytest.mark.parametrize(("sentence", "n", "d"), [
    # a count of weights is one of parameters
    ("Osprey has 7 billion weights and was pre-trained on 2 trillion tokens.", 7e9, 2e12),
    # a size alone in parentheses after a model or its name
    ("Our model (7B) is trained on 2.5T tokens drawn from web and code.", 7e9, 2.5e12),
    ("Osprey-T5-XL (3B) was pre-trained on 1T tokens of filtered web text.", 3e9, 1e12),
    # a corpus sized in tokens with a hyphen, and the passes over it
    ("We train the 1.3B model for 3 epochs over our 100B-token corpus.", 1.3e9, 3 * 100e9),
])
def test_a_size_and_tokens_written_so(sentence, n, d):
    found = find_operation_counting(sentence)
    assert [e.value_flop for e in found] == [pytest.approx(6 * n * d)]


def test_weights_of_some_precision_are_no_size():
    assert find_operation_counting("We store 8-bit weights and train on 2T tokens.") == []


@pytest.mark.parametrize("sentence", [
    "Osprey-7B was trained on web text (2T) tokens.",
    "Osprey-7B was trained on 2T tokens (2,000B).",  # the count written again after it
])
def test_a_parenthesized_size_is_not_read_from_a_token_count(sentence):
    found = find_operation_counting(sentence)
    assert all(e.assumptions["parameters"] == pytest.approx(7e9) for e in found)


@pytest.mark.parametrize(("sentence", "hours"), [
    # a thousand written onto the device, as units are written
    ("Pre-training consumed 184 kGPUh on H100 accelerators.", 184e3),
    ("Pre-training consumed 184kGPUh on H100 accelerators.", 184e3),
    # the device between "hours of" and "compute"
    ("Training the final model took 640K hours of H100 compute.", 640e3),
    # a power of ten alone (its exponent is no count of its own)
    ("Pre-training consumed 10^6 H100 GPU hours.", 1e6),
    ("Pre-training consumed 10⁵ H100 GPU hours.", 1e5),
])
def test_device_time_written_so(sentence, hours):
    found = find_hardware(sentence, 2024)
    assert len(found) == 1
    utilization = found[0].assumptions["utilization"]
    assert found[0].value_flop == pytest.approx(hours * 3600 * H100_DENSE * utilization)


def test_hours_of_compute_with_no_accelerator_in_the_sentence_give_nothing():
    assert find_hardware("Training took 640K hours of cluster compute.", 2024) == []


def test_a_card_published_under_a_repository_is_read_as_a_card_without_front_matter():
    text = "# Kite Small\n\n**Training**\n\n* Steps: 500k\n* Batch size: 512\n* Sequence length: 2048\n" \
           "* Parameters: 350M\n"
    primary = card_primary(text, "acme/kite-small", 2023)
    assert primary is not None
    assert primary.value_flop == pytest.approx(6 * 350e6 * 500e3 * 512 * 2048)


def test_a_paper_uses_the_model_its_title_opens_with():
    text = "Osprey: Repeating Data Helps\n\nAbstract\nWe study data repetition with Osprey.\n\n3 Setup\n" \
           "Osprey (1.3B parameters) is trained for 4 epochs over a 100B-token corpus.\n"
    primary = extract_document(Document(PAPER, text, 2023)).primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.3e9 * 4 * 100e9)


def test_a_paper_that_uses_a_model_its_title_only_mentions_does_not_claim_it():
    text = "Probing Kite: What Large Models Know\n\nAbstract\nWe study factual recall with Kite.\n\n" \
           "3 Setup\nKite (13B parameters) was trained on 1T tokens by its authors.\n"
    primary = primary_of("", head=text)
    assert primary is None or primary.value_flop < 1e21


# -- whose run a clause tells --------------------------------------------------------------------------

def test_a_clause_after_a_semicolon_has_its_own_context():
    primary = primary_of("Hyperparameter search consumed 10,000 GPU hours; the final model was trained for "
                         "2 days on 64 V100 GPUs.", year=2019)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 2 * 86400)


def test_what_a_semicolon_leaves_in_the_search_is_still_no_training():
    primary = primary_of("For the hyperparameter search we used 64 V100 GPUs for 2 days; the best setting "
                         "was kept.", year=2019)
    assert primary is None


def test_a_derived_cards_relative_clause_about_its_bases_pretraining_is_the_bases():
    card = "---\nlicense: apache-2.0\nbase_model: acme/osprey-7b\n---\n# Osprey-7B-Instruct\n\n" \
           "This model is a fine-tuned version of Osprey-7B, which was pre-trained on 2T tokens with 7B " \
           "parameters. Fine-tuning took 4 hours on 8 A100 GPUs.\n"
    primary = card_primary(card, "acme/osprey-7b-instruct", 2024)
    assert primary is not None and primary.value_flop < 1e20
    assert primary.assumptions["base_model"] == "acme/osprey-7b"



@pytest.mark.parametrize("sentence", [
    "Our largest model, in contrast, was trained on 128 TPU v4 chips for 7 days.",
    "In contrast, we train our largest model on 128 TPU v4 chips for 7 days.",
])
def test_the_own_run_set_in_contrast_to_anothers_stays_own(sentence):
    primary = primary_of("For comparison, Kite-540B used 6,144 TPU v4 chips for 50 days. " + sentence)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(128 * 7 * 86400)


def test_a_run_in_contrast_to_the_own_is_anothers():
    primary = primary_of("In contrast to our model, Kite-540B used 6,144 TPU v4 chips for 50 days.")
    assert primary is None


# -- how numbers are typeset ---------------------------------------------------------------------------

@pytest.mark.parametrize("count", ["2 048", "2\u2009048", "2\u202f048", "2\u00a0048", "2,048"])
def test_a_device_count_with_its_thousands_set_off(count):
    primary = primary_of(f"We train on {count} A100 GPUs for 21 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(2048 * 21 * 86400)


def test_two_counts_a_space_apart_are_not_read_as_one_when_the_second_is_not_three_digits():
    primary = primary_of("We train on 8 64-core machines and 16 A100 GPUs for 2 days.")
    assert primary is None or primary.assumptions["chip_seconds"] == pytest.approx(16 * 2 * 86400)


def test_a_size_and_tokens_in_scientific_notation_with_a_word_between():
    primary = primary_of("Osprey uses 2.5×10^12 training tokens and 6.7×10^9 parameters.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.7e9 * 2.5e12)


# -- a mixture of experts' active count ----------------------------------------------------------------

MOE_TITLE = "Osprey-MoE: Sparse Experts at Scale\n\nAbstract\nWe present Osprey-MoE.\n\n3 Pre-training\n"


@pytest.mark.parametrize(("sentence", "active", "tokens"), [
    # the active count as the parameters used for each token
    ("With 16 experts and top-2 routing, the model holds 141B parameters but uses only 39B per token. It was "
     "trained on 12T tokens.", 39e9, 12e12),
    # both counts in parentheses, "parameters" left out
    ("Osprey-MoE-A3B (30B total, 3B active) is trained on 36T tokens.", 3e9, 36e12),
    # a verb of activation with the count after it, across a semicolon
    ("The model is a sparse MoE with 1.2 trillion total parameters; each token activates about 50 billion. "
     "Pre-training used 20 trillion tokens.", 50e9, 20e12),
    # the count after its label
    ("We train an 8x7B mixture of experts; the active parameter count is 12.9B and training used 8T tokens.",
     12.9e9, 8e12),
    # "activation parameters" are the active count; a layer's activation counts none
    ("Osprey-MoE has a total of 389 billion parameters and 52 billion activation parameters, and is trained "
     "on 7T tokens.", 52e9, 7e12),
    ("Osprey-MoE uses SwiGLU activation with 8 experts; it has 47B total parameters and 13B active "
     "parameters, trained on 2T tokens.", 13e9, 2e12),
    # a mixture's active and total counts are one model's, not two sizes
    ("Osprey-MoE is a 671B-parameter MoE with 37B activated parameters, pre-trained on 14.8T tokens.",
     37e9, 14.8e12),
])
def test_an_active_count_written_so(sentence, active, tokens):
    primary = primary_of(sentence, head=MOE_TITLE)
    assert primary is not None and primary.value_flop == pytest.approx(6 * active * tokens)




def test_tokens_per_second_per_device_are_no_active_count():
    primary = primary_of("Osprey-MoE has 16B total parameters and runs at 3.2K tokens per second per GPU. It "
                         "was trained on 2T tokens.", head=MOE_TITLE)
    assert primary is None or primary.value_flop < 6 * 16e9 * 2e12


# -- cards' time fields, windows and classes of models ---------------------------------------------------

def test_a_time_field_with_a_thousand_as_a_letter():
    card = "---\nlicense: apache-2.0\n---\n# Osprey-7B\n\n## Environmental Impact\n\n" \
           "- **Hardware Type:** H100\n- **Hours used:** 120k\n"
    primary = card_primary(card, "acme/osprey-7b", 2024)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(120e3 * 3600)


def test_a_cue_word_is_read_whole_where_the_window_would_cut_it():
    sentence = "We fine-tune Kite-7B, which was pre-trained on 2T tokens, on our training split for 3 " \
               "epochs using 8 A100 GPUs for 10 hours."
    found = [e for e in extract(TITLE_OF_DATA + sentence + "\n", 2024).estimates if e.method == "hardware"]
    assert found and found[0].stage == "finetuning"
    assert not any(note.startswith("cited") for note in found[0].notes)


@pytest.mark.parametrize("sentence", [
    "GPT-style models of 2023 used about 2e25 FLOP.",
    "Frontier-class systems released in 2024 consumed more than 5e25 FLOPs each.",
])
def test_a_class_of_models_by_kind_and_year_is_no_run(sentence):
    head = "Trends in Training Compute\n\nAbstract\nWe study trends.\n\n2 Data\n"
    assert primary_of(sentence, head=head) is None


# -- a set-up's steps, batch and length, written tersely or as a configuration ------------------------------

@pytest.mark.parametrize(("text", "tokens"), [
    # a bare batch count a clause ends after, and a length before the noun it sizes
    ("Osprey-1B: 1.1B parameters, trained with 2,048-token sequences, batch 512, for 143,000 steps.",
     143e3 * 512 * 2048),
    # sequences times their length after "batch of"
    ("We train Osprey-1B with a total batch of 256 sequences × 4096 tokens for 200k steps.",
     256 * 4096 * 200e3),
    # an abridged length
    ("Training Osprey-1B: 1M steps, batch size 512, seq len 1024.", 1e6 * 512 * 1024),
    # a configuration's keys
    ("- max_steps: 100000\n- global_batch_size: 2048\n- seq_length: 2048", 1e5 * 2048 * 2048),
    ("- train_steps: 100000\n- batch_size: 2048\n- seq_len: 2048", 1e5 * 2048 * 2048),
])
def test_a_set_up_written_so(text, tokens):
    assert [found for found, _ in step_tokens(text)] == [pytest.approx(tokens)]


def test_a_numbered_batch_of_data_is_no_batch_size():
    assert step_tokens("In batch 2, we ran 100,000 steps with sequences of length 2048.") == []





def test_a_rows_label_is_in_the_title_only_as_whole_words():
    head = "Osprey: Scaling Open Language Models\n\nAbstract\nWe present the Osprey family.\n\n3 Training\n"
    table = "| Model | Params | Training FLOPs |\n|---|---|---|\n| Osprey-S | 350M | 2.1e20 |\n" \
            "| Osprey-L | 6.7B | 4.0e22 |\n"
    primary = primary_of(table, head=head)
    assert primary is not None and primary.value_flop == pytest.approx(4.0e22)


@pytest.mark.parametrize(("sentence", "tokens"), [
    ("Osprey has 1B parameters and was trained on our 100B-token corpus, repeating the dataset 3 times.",
     300e9),
    ("Osprey (1.1B parameters) was trained on 50B tokens; the model sees each token four times.", 200e9),
    ("Osprey has 1B parameters and iterates over the corpus twice, a corpus of 150B tokens.", 300e9),
])
def test_passes_written_as_repeats(sentence, tokens):
    found = find_operation_counting(sentence)
    assert found and found[0].assumptions["training_tokens"] * found[0].assumptions["epochs"] == \
        pytest.approx(tokens)


def test_a_comparison_in_times_is_no_pass():
    found = find_operation_counting("Osprey has 1B parameters and was trained on 100B tokens; larger models "
                                    "see the data 10 times more often.")
    assert found and found[0].assumptions["epochs"] == 1


# -- figures said in general ------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "sentence"), [
    # an example named after "such as", the first person only after the figure's clause
    ("Osprey: A Memory-Efficient Optimizer", "Training a model such as Kite-405B on 15.6T tokens costs about "
     "3.8e25 FLOPs, which motivates our optimizer."),
    # an indefinite model that "uses" a budget
    ("On the Theory of Compute-Optimal Scaling", "Compute-optimal training of a 70B model uses 1.4T tokens, "
     "i.e., 5.9e23 FLOPs."),
    # a threshold said of models in the plural
    ("Emergent Abilities Revisited", "Models trained with more than 1e24 FLOPs exhibit emergent abilities; "
     "below 1e22 FLOPs they do not."),
])
def test_a_figure_said_in_general_is_no_run(title, sentence):
    primary = primary_of(sentence, head=f"{title}\n\nAbstract\nWe study this question.\n\n1 Introduction\n")
    assert primary is None or primary.value_flop < 1e21


def test_the_first_person_in_the_figures_clause_keeps_it_the_texts():
    primary = primary_of("Training a 7B model on 2T tokens requires 8.4e22 FLOPs in our setup.")
    assert primary is not None and primary.value_flop == pytest.approx(8.4e22)


# -- one sentence, several sizes --------------------------------------------------------------------------

SIZES_SENTENCE = "The 27B model was trained with 14 trillion tokens, the 12B model was trained with 12 " \
                 "trillion tokens, the 4B model was trained with 4 trillion tokens and the 1B with 2 " \
                 "trillion tokens.\n"




def test_a_rounded_size_in_a_name_is_not_another_size():
    card = "---\nlicense: apache-2.0\n---\n# Osprey-code-3b\n\n`Osprey-code-3b` is a 2.7B billion " \
           "parameter decoder-only language model pre-trained on 1.3 trillion tokens.\n"
    primary = card_primary(card, "acme/osprey-code-3b", 2024)
    assert primary is not None and primary.assumptions["parameters"] == pytest.approx(2.7e9)




# -- a derived card's own training ------------------------------------------------------------------------

DERIVED_HEAD = "---\nlicense: apache-2.0\nbase_model: acme/osprey-7b\n---\n"


TRAINER_HEAD = "---\nlicense: apache-2.0\nbase_model: acme/osprey-7b\ntags:\n- generated_from_trainer\n---\n"


@pytest.mark.parametrize(("head", "name", "body", "flop"), [
    # in a card the trainer wrote
    (TRAINER_HEAD, "bob/osprey-7b-sql", "# osprey-7b-sql\n\nThis model is a fine-tuned version of "
     "acme/osprey-7b on SQL data.\n\n## Training procedure\n\nTraining took 12 hours on 8x A100 80GB.\n",
     12 * 3600 * 8 * 312e12 * 0.3),
    # alignment counted in epochs
    (DERIVED_HEAD, "bob/osprey-7b-dpo", "# Osprey-7B-DPO\n\nOsprey-7B-DPO is Osprey-7B aligned with DPO on "
     "60k preference pairs for 1 epoch (about 4 hours on 8 H100s).\n", 4 * 3600 * 8 * 989.4e12 * 0.3),
    # the base, then "trained further"
    (DERIVED_HEAD, "bob/osprey-7b-instruct", "# Osprey-7B-Instruct\n\nOsprey-7B-Instruct is Osprey-7B "
     "trained further on 1B tokens of instructions.\n", 6 * 7e9 * 1e9),
    # no words of fine-tuning, but far too little to pre-train a 7B model
    (DERIVED_HEAD, "bob/osprey-7b-instruct", "# Osprey-7B-Instruct\n\nThis model was trained using 8 A100 "
     "GPUs for approximately 10 hours.\n", 10 * 3600 * 8 * 312e12 * 0.3),
    (DERIVED_HEAD, "bob/osprey-7b-sql", "# Osprey-7B-SQL\n\n## Environmental Impact\n\n- Hardware Type: 32x "
     "A100-80GB\n- Hours used: 90 GPU-hours\n", 90 * 3600 * 312e12 * 0.3),
])
def test_a_derived_cards_own_training_is_its_fine_tuning(head, name, body, flop):
    primary = card_primary(head + body, name, 2024)
    assert primary is not None and primary.stage == "finetuning"
    assert primary.value_flop == pytest.approx(flop, rel=0.25)


def test_a_bases_run_told_without_its_name_on_a_derived_card_stays_the_bases():
    """Enough compute to pre-train the card's size is its base's run, told with no name."""
    body = "# Osprey-7B-Instruct\n\nThe model was trained on 512 H100 GPUs for 21 days.\n"
    assert card_primary(DERIVED_HEAD + body, "bob/osprey-7b-instruct", 2024) is None


def test_a_derived_card_that_copies_its_bases_training_procedure_keeps_it_the_bases():
    body = "# Osprey-7B-Chat\n\n## Training Details\n\n### Training Procedure\n\nOsprey-7B was trained on " \
           "384 A100 40GB GPUs, using a 2D parallelism strategy.\n\nTraining took two months.\n"
    for head in (DERIVED_HEAD, TRAINER_HEAD):
        assert card_primary(head + body, "bob/osprey-7b-chat", 2024) is None


@pytest.mark.parametrize("body", [
    "# Osprey-7B AWQ\n\n## Training procedure\n\nOsprey-7B was trained on 512 H100 GPUs for 21 days.\n",
    "# Osprey-7B LoRA\n\n## Training procedure\n\nThe base model has 7B parameters and was trained on 2T "
    "tokens.\n",
])
def test_a_derived_cards_words_about_its_base_stay_the_bases(body):
    primary = card_primary(DERIVED_HEAD + body, "bob/osprey-7b-awq", 2024)
    assert primary is None


def test_a_family_table_on_a_chat_card_tells_its_bases_run():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey-7B-Chat\n\n| Model | Description |\n|---|---|\n"
            "| Osprey-7B | Base model, 4T tokens |\n| Osprey-7B-Chat | Fine-tuned with SFT and DPO |\n")
    assert card_primary(card, "bob/Osprey-7B-Chat", 2024) is None
    # the base's own card with the same table keeps its run
    primary = card_primary(card.replace("# Osprey-7B-Chat", "# Osprey-7B"), "acme/Osprey-7B", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 4e12)


@pytest.mark.parametrize("told", [
    "pretrained from scratch on 6T tokens; it is not a fine-tune of v0.1.",
    # another model's derivation, in a relative clause about it after "unlike"
    "pretrained from scratch on 6T tokens, unlike Finch-7B which was fine-tuned from Tern-7B.",
])
def test_a_derivation_denied_or_another_models_leaves_a_base_card(told):
    card = f"---\nlicense: apache-2.0\n---\n# Osprey-7B-v0.2\n\nOsprey-7B-v0.2 is a new base model, {told}\n"
    primary = card_primary(card, "acme/Osprey-7B-v0.2", 2024)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 6e12)


def test_a_compute_field_of_devices_times_days():
    card = "---\nlicense: apache-2.0\n---\n# Osprey Base\n\n**Compute:** 1,024 H100s × 30 days\n"
    primary = card_primary(card, "acme/osprey-base", 2024)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1024 * 30 * 86400)


@pytest.mark.parametrize(("line", "flop"), [
    ("Osprey-70B: ~1.3e23 FLOP (6ND).", 1.3e23),
    ("- **Osprey-7B**: 4e22 FLOPs", 4e22),
    ("Finch-65B: 6.3e23 FLOPs", None),  # a line keyed by another model's name is a citation's
    # the plain name the title opens with, and another plain word
    ("Osprey: 1,200 PF-days.", 1200 * 1e15 * 86400),
    ("Finch: 6.3e23 FLOPs", None),
])
def test_a_compute_line_keyed_by_the_own_models_name(line, flop):
    primary = primary_of("We train Osprey on our cluster.\n\n" + line)
    if flop is None:
        assert primary is None
    else:
        assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize(("body", "flop"), [
    # epochs "of" a corpus sized in tokens, for one model or for each
    ("Osprey-13B is trained for two epochs of the 700B-token dataset.", 6 * 13e9 * 1.4e12),
    ("Each model is trained for two epochs of the 700B-token dataset. The largest, Osprey-13B, took 12 "
     "days.", 6 * 13e9 * 1.4e12),
    # a ratio of tokens to parameters, with the total it comes to in parentheses, or alone
    ("Osprey-1B is heavily over-trained at 1,000 tokens per parameter (1T tokens).", 6 * 1e9 * 1e12),
    ("Following compute-optimal scaling, Osprey-7B is trained with 20 tokens per parameter.",
     6 * 7e9 * 140e9),
    ("We train Osprey-7B at a token-to-parameter ratio of 100.", 6 * 7e9 * 700e9),
])
def test_tokens_told_by_epochs_of_a_corpus_or_by_a_ratio_to_parameters(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_what_each_device_holds_before_the_tokens_is_no_figure_per_item():
    primary = primary_of("We measured peak memory of 61 GB per GPU when training Osprey-9B on 6T tokens.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 9e9 * 6e12)


def test_a_ratio_of_tokens_to_parameters_in_general_is_no_run():
    assert primary_of("Compute-optimal models use about 20 tokens per parameter. Osprey-7B has 7B "
                      "parameters.") is None


def test_a_size_in_a_later_clause_sizes_another_run():
    head = "Osprey: Open Code Models\n\nAbstract\nWe release Osprey-Coder.\n\n3 Pretraining\n"
    primary = primary_of("Osprey-Coder-15B is trained on 4.3T tokens of code; the smaller 3B and 7B variants "
                         "see 3.3T and 3.5T tokens respectively.", head=head)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 15e9 * 4.3e12)


@pytest.mark.parametrize("clause", ["it has 6.9 billion non-embedding parameters",
                                    "the model has 6.9B parameters"])
def test_a_later_clause_that_keeps_the_subject_sizes_the_same_run(clause):
    primary = primary_of(f"Our final model was trained on 2.5 trillion tokens; {clause}.")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 6.9e9 * 2.5e12)


def test_a_size_after_a_colon_with_another_subject_is_not_the_figures():
    extraction = extract(TITLE + "We follow the recipe of Kite (2T tokens) at a smaller scale: our replica "
                                 "has 1B parameters and sees 20B tokens.\n", 2024)
    assert all(estimate.value_flop != pytest.approx(6 * 1e9 * 2e12) for estimate in extraction.estimates)


def test_a_broken_number_of_no_time_gives_no_estimate():
    text = "Osprey: X\n\nAbstract\nWe present Osprey.\n\n2 Training\nHours used: 460,000 CPU hours, " \
           "385,000 V100 GPU hours, and 3 00,000 A100 GPU hours.\n"
    extraction = extract(text, 2023)
    assert all(e.value_flop > 0 for e in extraction.estimates)


# -- cards whose facts are written so: a continued pre-training, a mixture's counts, a prefixed key, one
# size among several, a repository with a date ---------------------------------------------------------

APACHE = "---\nlicense: apache-2.0\n---\n"


@pytest.mark.parametrize(("card", "repository", "year", "flop"), [
    pytest.param("---\nlicense: apache-2.0\nbase_model: acme/osprey-8b\n---\n# Osprey-8B-Med\n\nWe "
                 "continued pre-training Osprey-8B on 50B tokens of medical text using 64 H100 GPUs for 3 "
                 "days.\n",
                 "acme/osprey-8b-med", 2024, 6 * 8e9 * 50e9, id="continued pre-training"),
    pytest.param(APACHE + "# Osprey-MoE\n\n| **Total Params** | **Activated Params** | **Context Length** |\n"
                 "|:---:|:---:|:---:|\n| 106B | 12B | 128K |\n\nOsprey-MoE was pre-trained on 23T tokens.\n",
                 "acme/osprey-moe", 2025, 6 * 12e9 * 23e12, id="total and active headers"),
    pytest.param(APACHE + "# Kite-MoE-16x3B\n\n- Number of parameters: 42B (6.6B active)\n"
                 "- Training tokens: 4.9T\n",
                 "acme/kite-moe", 2024, 6 * 6.6e9 * 4.9e12, id="active count in parentheses"),
    pytest.param(APACHE + "# Osprey-1B\n\n## Training hyperparameters\n- num_parameters: 1.1B\n"
                 "- max_steps: 100000\n- global_batch_size: 2048\n- seq_length: 2048\n",
                 "acme/osprey-1b", 2024, 6 * 1.1e9 * 1e5 * 2048 * 2048, id="prefixed parameter key"),
    pytest.param(APACHE + "# Kite 3 4B\n\n## Training Dataset\n" + SIZES_SENTENCE,
                 "acme/kite-3-4b-pt", 2025, 6 * 4e9 * 4e12, id="own size among several"),
    pytest.param(APACHE + "# Osprey-7B\n\n## Training\nWe trained two versions: a smaller version at 7B "
                 "parameters trained on 2.4 trillion tokens and a full version at 40B parameters trained on "
                 "9.3 trillion tokens.\n",
                 "acme/osprey-7b", 2025, 6 * 7e9 * 2.4e12, id="bare size before tokens"),
    pytest.param(APACHE + "# Osprey-2-1124-7B\n\n## Model Details\n\n"
                 "| Size | Training Tokens | Layers | Hidden Size |\n|---|---|---|---|\n"
                 "| Osprey 2-7B | 4 Trillion | 32 | 4096 |\n| Osprey 2-13B | 5 Trillion | 40 | 5120 |\n",
                 "acme/Osprey-2-1124-7B", 2024, 6 * 7e9 * 4e12, id="dated repository"),
    pytest.param(APACHE + "# Osprey-2-1124-3B\n\n## Model Details\n\n| Size | Training Tokens |\n|---|---|\n"
                 "| Osprey 2-3B | 2 Trillion |\n| Osprey 2-13B | 5 Trillion |\n",
                 "acme/Osprey-2-1124-3B", 2024, 6 * 3e9 * 2e12, id="13B is not 3B"),
])
def test_a_cards_facts_written_so(card, repository, year, flop):
    primary = card_primary(card, repository, year)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize("count", ["a single", "A single", "A\nsingle"])
def test_a_single_device_in_any_case_is_one(count):
    assert amount(count) == 1.0


@pytest.mark.parametrize("sentence", ["Training throughput was 1.2M tokens/s with our 7B model.",
                                      "Our 7B model processes 3,200 tokens per second per GPU."])
def test_a_rate_of_tokens_is_no_count(sentence):
    assert find_operation_counting(sentence) == []


def test_a_sentences_figure_far_smaller_than_its_largest_is_another_run():
    # (50M tokens are a part of the data, not the 20 days on 256 GPUs: the largest run is the primary)
    primary = primary_of("The 7B model was trained for 20 days on 256 A100 GPUs with 50M tokens of code.")
    assert primary is not None and primary.method == "hardware"


@pytest.mark.parametrize(("name", "body"), [
    ("bob/Osprey-7B-Uncensored", "# Osprey-7B-Uncensored\n\nWe removed the refusals from Osprey-7B. "
     "Osprey-7B was trained on 2T tokens.\n"),
    ("bob/Osprey-7B-Instruct-v2", "# Osprey-7B-Instruct-v2\n\n## Base model\nOsprey-7B, trained on 2T "
     "tokens using 256 H100 GPUs for 12 days.\n"),
])
def test_a_tuned_name_over_its_bases_run_is_derived(name, body):
    """A name that says its model was tuned or edited, over a run told of the model it extends (or a
    "Base model" heading that names it), is that model's derivative: the run is the base's."""
    assert card_primary("---\nlicense: apache-2.0\n---\n" + body, name, 2025) is None


def test_a_size_word_added_to_a_name_is_no_derivative():
    card = ("---\nlicense: apache-2.0\n---\n# Osprey-Large\n\nOsprey-Large has 340M parameters. Osprey was "
            "trained on 137B tokens.\n")
    primary = card_primary(card, "acme/osprey-large", 2020)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 340e6 * 137e9)


@pytest.mark.parametrize(("sentence", "tokens"), [
    # a corpus's size, then the run's share of it
    ("Our corpus has 15T tokens; we train Osprey-7B on 2T tokens of it.", 2e12),
    ("The dataset contains 10T tokens, and Osprey-7B is trained on 2T tokens sampled uniformly.", 2e12),
    # a corpus's size and no other figure: the run's, as no other is told
    ("Our corpus has 2T tokens, and Osprey-7B is trained on all of it.", 2e12),
    ("The training dataset contains 2T tokens and Osprey-7B was trained for 1 epoch.", 2e12),
    # the run's figure with a plural multiplier, as some write it
    ("Our dataset consists of 3 trillion tokens and we trained Osprey-7B on 2 trillions tokens.", 2e12),
])
def test_a_corpus_size_gives_way_to_the_figure_the_run_trains_on(sentence, tokens):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * tokens)


@pytest.mark.parametrize("sentence", [
    # a cost per token is another number's, no count of tokens
    "Osprey-7B requires 6.9 GFLOPs per token in the forward pass and was trained on 2T tokens.",
    "Osprey-7B costs 42 GFLOPs per token for training and is trained on 2T tokens.",
    "Osprey-7B was trained on 2T tokens at 4.2e10 training FLOPs per token.",
    # a batch's tokens, told before the run's
    "Osprey-7B processes 4M tokens per batch and was trained on 2T tokens.",
])
def test_another_numbers_rate_in_the_sentence_leaves_the_runs_tokens(sentence):
    primary = primary_of(sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", ["Osprey-7B uses 2T tokens per step.",
                                      "Each step of Osprey-7B sees 4M tokens."])
def test_a_count_per_step_is_still_no_run(sentence):
    assert primary_of(sentence) is None


@pytest.mark.parametrize("sentence", [
    "We train Osprey-1.5B for 3 epochs (1.2T tokens).",
    "We train Osprey-1.5B for 3 epochs, i.e. 1.2T tokens.",
    "We train Osprey-1.5B for 3 epochs, totaling 1.2T tokens.",
    "We train Osprey-1.5B for 3 epochs, 1.2T tokens in total.",
    "We train Osprey-1.5B on 1.2T tokens (about 3 epochs).",
    # the passes repeat the data: multiplied
    "We train Osprey-1.5B for 3 epochs on 400B tokens.",
    "We train Osprey-1.5B on 400B tokens for 3 epochs.",
])
def test_a_token_figure_that_restates_the_passes_is_their_total(sentence):
    """A count of tokens written as the passes' total ("3 epochs (1.2T tokens)") is not multiplied by them."""
    primary = primary_of(TITLE + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.5e9 * 1.2e12)


def test_a_line_keyed_by_training_is_read_though_it_holds_as_many_numbers_as_words():
    """"Training: 1.1B parameters, 3T tokens, 128 A100s, 90 days" is a summary, not a figure's axis labels."""
    text = "# Osprey-1B\n\nTraining: 1.1B parameters, 3T tokens, 16 nodes × 8 A100-40G, 90 days.\n"
    primary = card_primary(text, "acme/Osprey-1B")
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.1e9 * 3e12)


def test_a_derivation_in_a_relative_clause_about_the_own_model_is_the_cards():
    card = "# Osprey-7B-Chat\n\nOsprey-7B-Chat, which was fine-tuned from Tern-7B, answers questions.\n"
    assert derived_from(card, "acme/Osprey-7B-Chat") == "Tern-7B"


def test_an_exponents_digits_are_no_duration():
    """"10^3 hours" is no 3 hours: a duration is not read from a power's exponent (no figure beats a
    wrong one)."""
    assert primary_of("Osprey was trained on 1,024 A100 GPUs for 10^3 hours.") is None


@pytest.mark.parametrize("sentence", [
    "Osprey-13B was trained on 3.5T tokens (~2.8T words) of English text.",
    "Osprey-13B was trained on 2.8T words (3.5T tokens) of English text.",
])
def test_words_told_beside_their_tokens_are_the_same_data(sentence):
    """A count of words glossing the tokens, or glossed by them, is no second figure: the tokens count
    (before: 2.8T words × 4/3 = 3.7T tokens, larger, was taken)."""
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["training_tokens"] == pytest.approx(3.5e12)
