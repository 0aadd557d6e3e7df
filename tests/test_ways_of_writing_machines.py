"""Short texts of our own for set-ups written as machines rather than devices: nodes counted in one
sentence and sized in another, counts in words, cloud instance types, what each node holds, a time
said of each device, petaflop/s-days spelled other ways, steps and batches written other ways, cards in
Japanese and Korean, and the same text saved or marked up another way."""

from __future__ import annotations

import pytest

from curation.extract.cloud_instances import instance_counts
from curation.extract.device_sentences import device_counts, durations
from curation.extract.documents import extract_document
from curation.extract.engine import extract
from curation.extract.markup import plain_text
from curation.extract.model_names import looks_like_a_model
from curation.extract.step_counting import step_tokens
from schemas.handover import CARD as CARD_KIND
from schemas.handover import Document
from tests.osprey_texts import CARD, TITLE, primary_of, whole

DAY = 86400




# -- nodes counted in the run's sentence, sized elsewhere ------------------------------------------------

@pytest.mark.parametrize(("body", "devices", "days", "accelerator"), [
    ("Each node contains 8 NVIDIA A100 GPUs. We trained Osprey on 64 nodes for 25 days.", 512, 25, "A100"),
    ("Our cluster has 8 GPUs per node. Osprey was trained on 32 nodes for 12 days using H100 GPUs.",
     256, 12, "H100"),
    ("Every server holds 4 AMD MI250X accelerators. Pre-training ran across 96 servers for 3 weeks.",
     384, 21, "MI250X"),
    # counts in words, nodes and devices in one sentence
    ("We trained Osprey on twelve servers, each with eight NVIDIA A100-SXM4-40GB GPUs, for 30 days.",
     96, 30, "A100"),
])
def test_nodes_times_the_devices_each_node_holds(body, devices, days, accelerator):
    primary = primary_of(body)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(devices * days * DAY)
    assert primary.assumptions["accelerator"].startswith(accelerator)


@pytest.mark.parametrize("body", [
    # what a node holds, and no count of nodes: the run's size is unknown
    "Each node contains 8 NVIDIA A100 GPUs. Training Osprey took 25 days.",
    # what a server holds that is no accelerator
    "Each server has 2 Intel Xeon CPUs. Osprey was trained on 4 servers for 3 days.",
    # nodes of a graph, not machines
    "We train the network on graphs with 10,000 nodes for 3 days on a single GPU of 8 GPUs per node.",
])
def test_what_each_node_holds_is_not_the_runs_device_count(body):
    primary = primary_of(body)
    assert primary is None or primary.assumptions.get("devices_per_node") is None
    assert primary is None or primary.assumptions.get("chip_seconds", 0) != pytest.approx(8 * 25 * DAY)


def test_a_single_node_with_eight_devices_is_eight_devices():
    counts = device_counts(whole("We trained on a single node with 8 A100 GPUs."))
    assert [count for count, *_ in counts] == [8]


# -- cloud instances by their type ---------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "devices", "accelerator"), [
    ("Osprey was trained on a cluster of 32 p4d.24xlarge instances.", 256, "A100"),
    ("We trained on 16 Azure ND96asr_v4 VMs.", 128, "A100"),
    ("Training ran on 64 p5.48xlarge instances.", 512, "H100"),
    ("Training used 8 a2-megagpu-16g machines on Google Cloud.", 128, "A100"),
    ("We used 128 trn1.32xlarge instances.", 2048, "Trainium"),
    ("The model was trained on a p3.16xlarge instance.", 8, "V100"),
    # the count after the type
    ("Osprey was trained on AWS Trainium (trn1.32xlarge, 64 instances).", 1024, "Trainium"),
    ("We trained on p4d.24xlarge x 32.", 256, "A100"),
    ("We trained on p5.48xlarge instances (16 nodes).", 128, "H100"),
])
def test_a_cloud_instance_type_fixes_its_devices(sentence, devices, accelerator):
    assert [(count, name) for count, name, *_ in instance_counts(whole(sentence))] == [(devices, accelerator)]


def test_instances_and_a_duration_give_device_time():
    primary = primary_of("Osprey was trained on 64 p5.48xlarge instances for 20 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 20 * DAY)
    assert primary.assumptions["accelerator"].startswith("H100")


def test_an_instance_type_that_holds_no_accelerator_is_no_count():
    assert instance_counts(whole("Data was preprocessed on 40 m5.24xlarge instances.")) == []


# -- a time said of each device ---------------------------------------------------------------------------

def test_hours_used_per_gpu_times_the_devices():
    primary = primary_of("- Hours used: 100 (per GPU)\n- Hardware Type: 16 x A100", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1600 * 3600)


# -- petaflop/s-days spelled other ways --------------------------------------------------------------------

@pytest.mark.parametrize("written", ["800 PFlops-days", "800 PetaFLOP/s-days", "800 petaflop-days",
                                     "800 PF-days", "800 pfs-days"])
def test_petaflop_days_in_any_spelling(written):
    primary = primary_of(f"Over the course of training, Osprey consumed {written} of compute.")
    assert primary is not None and primary.value_flop == pytest.approx(800 * 8.64e19)


# -- a hardware field that multiplies nodes by the devices in each -----------------------------------------

@pytest.mark.parametrize(("field", "devices"), [
    ("32 x 8 x A100 GPUs", 256), ("4 × 8 A100", 32), ("8 x A100 80GB", 8), ("8 x 80GB A100", 8),
    ("64 H100", 64),
])
def test_a_hardware_field_of_nodes_times_devices(field, devices):
    primary = primary_of(f"- Hardware Type: {field}\n- Hours used: 100", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(devices * 100 * 3600)


def test_a_fine_tuning_stage_told_after_the_runs_time_is_not_its_stage():
    body = ("We train Osprey with a batch size of 1 per core, hence the model uses 128 TPU v3 cores. The "
            "initial training stage takes approximately 1 week, and the fine-tuning stage takes about "
            "4 additional days.")
    primary = primary_of(body, year=2020)
    assert primary is not None and primary.stage == "pretraining"
    assert primary.assumptions["chip_seconds"] == pytest.approx(64 * 7 * DAY)


# -- steps, batches and lengths written other ways ----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "tokens"), [
    ("The model was trained with batches of approximately 500k label BPE tokens per batch for a total of "
     "200k SGD steps.", 200e3 * 500e3),
    ("We train for 200k optimizer steps with a batch size of 0.5M tokens.", 200e3 * 0.5e6),
    ("We train for 1M steps on batches of 1024 length-1024 input sequences.", 1e6 * 1024 * 1024),
])
def test_steps_and_batches_written_other_ways(sentence, tokens):
    assert [found for found, _ in step_tokens(sentence)] == [pytest.approx(tokens)]


def test_a_batch_size_and_a_later_token_count_are_no_batch_of_tokens():
    found = step_tokens("We train for 100k steps with a batch size of 512 and 2048 tokens per sequence.")
    assert [tokens for tokens, _ in found] == [pytest.approx(100e3 * 512 * 2048)]


# -- cards written in Japanese or traditional Chinese -------------------------------------------------------

@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey-13Bは130億パラメータの言語モデルです。2.1兆トークンで事前学習しました。", 6 * 13e9 * 2.1e12),
    ("本模型擁有 130 億參數，在 2.6 萬億 tokens 上訓練。", 6 * 13e9 * 2.6e12),
])
def test_counts_in_japanese_and_traditional_chinese_units(body, flop):
    primary = primary_of(body, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


@pytest.mark.parametrize(("body", "flop"), [
    ("Osprey-7B는 70억 개의 파라미터를 가진 언어 모델입니다. 2조 개의 토큰으로 사전 학습하였습니다.",
     6 * 7e9 * 2e12),
    ("Osprey-7B는 1조 4천억 토큰으로 학습되었습니다.", 6 * 7e9 * 1.4e12),
    ("Osprey-7B는 H100 GPU 256대로 30일 동안 학습하였습니다.", 256 * 30 * DAY * 989.4e12 * 0.3),
    ("Osprey-7B는 256대의 H100 GPU에서 30일간 학습되었습니다.", 256 * 30 * DAY * 989.4e12 * 0.3),
    # Latin sizes with the Korean words; a mixture's total and active counts
    ("Osprey-7B는 7B 파라미터 모델로, 2T 토큰으로 사전 학습되었습니다.", 6 * 7e9 * 2e12),
    ("Osprey-7B는 총 파라미터 47B, 활성 파라미터 7B인 MoE 모델이며 2T 토큰으로 학습했습니다.",
     6 * 7e9 * 2e12),
])
def test_counts_durations_and_devices_in_korean(body, flop):
    primary = primary_of(body, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(flop, rel=0.01)


@pytest.mark.parametrize("counter", ["台", "基"])  # (基: the counter of machines, GPUs among them)
def test_a_count_written_after_its_devices_with_a_measure_word(counter):
    primary = primary_of(f"本モデルは、H100 GPU 512{counter}を用いて、約30日間学習しました。", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 30 * DAY)


# -- the same text saved or marked up another way ----------------------------------------------------------

BODY = ("Osprey-7B is a 7B-parameter model. We trained Osprey-7B on 1.4T tokens with 512 A100 GPUs for 9 "
        "days.\n")


def test_a_table_of_columns_reads_the_same_with_windows_line_ends():
    table = ("Table 2: Learning statistics of the models we trained.\n\nModel\nOsprey-30\nOsprey-50\n\n"
             "Updates\n8.5\n5.0\n\nHours\n109\n252\n\nGPU\nTITAN BLACK\nQuadro K-6000\n")
    primary, same = primary_of(table.replace("\n", "\r\n"), year=2014), primary_of(table, year=2014)
    assert primary is not None and primary.value_flop == pytest.approx(same.value_flop)


@pytest.mark.parametrize("variant", [
    BODY.replace("\n", "\r\n"),  # Windows line ends
    BODY.replace(" the ", " the\u200b ").replace("Osprey-7B on", "Osprey-7B\u200b on"),  # zero-width spaces
    BODY.replace("1.4T", "**1.4T**").replace("512", "__512__"),  # emphasis around the figures
    BODY.replace("Osprey-7B", "Osprey\u20117B"),  # a non-breaking hyphen in the name
    BODY.replace("Osprey-7B", "Osprey\u20107B").replace("7B-parameter", "7B\u2010parameter"),  # U+2010
    BODY.replace("parameter", "para\u00admeter"),  # a soft hyphen
    BODY.replace("7B-parameter", "7B\u00a0parameter").replace("1.4T ", "1.4T\u202f"),  # no-break spaces
])
def test_a_text_saved_or_marked_up_another_way_reads_the_same(variant):
    primary, same = primary_of(variant), primary_of(BODY)
    assert primary is not None and primary.value_flop == pytest.approx(same.value_flop)


def test_a_parameter_count_before_a_no_break_space():
    card = "Osprey-7B has 7,069,016,064\u00a0parameters and was trained on 350B\u00a0tokens."
    primary = primary_of(card, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7.069016064e9 * 350e9)


def test_emphasis_is_dropped_before_token_units_are_read():
    primary = primary_of("Osprey-7B has been trained with ~ **5,500** GT of web data.", head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 5.5e12)


def test_a_cards_title_in_emphasis_names_no_base():
    card = "---\nlicense: apache-2.0\n---\n# Osprey-**7B**\n\nOsprey-7B was pretrained on 1.4T tokens.\n"
    result = extract_document(Document(CARD_KIND, card, 2024), name="acme/Osprey-7B")
    assert result.derived_from is None and result.primary is not None


def test_an_html_table_with_control_characters_is_read():
    card = ("<table>\n<tr><td>Parameters</td><td>7B \x1a</td></tr>\n"
            "<tr><td>Training tokens</td><td>1.4T</td></tr>\n</table>\n\x0c\n")
    primary = primary_of(card, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.4e12)


def test_an_html_table_whose_reference_names_a_forbidden_character_is_read():
    card = ("<table>\n<tr><td>Parameters</td><td>7B&#1;</td></tr>\n"
            "<tr><td>Training tokens</td><td>1.4T</td></tr>\n</table>\n")
    primary = primary_of(card, head=CARD)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 1.4e12)


def test_a_script_beside_a_forbidden_character_reference_leaves_the_text_around_it():
    page = ("<p>Osprey was trained on 1.4T&#1; tokens<script>track()</script> and has 7B parameters.</p>"
            "<table><tr><td>Layers</td><td>32</td></tr></table>")
    text = plain_text(page)
    assert "Osprey was trained on 1.4T tokens and has 7B parameters." in text and "track" not in text


@pytest.mark.parametrize(("body", "flop"), [
    ("We train Osprey (1.3bn parameters) on 1T tokens.", 6 * 1.3e9 * 1e12),
    ("We train Osprey-1B on 350mn tokens.", 6 * 1e9 * 350e6),
    ("We train Osprey-7B on 2tn tokens.", 6 * 7e9 * 2e12),
])
def test_a_size_in_its_short_form(body, flop):
    primary = primary_of(body)
    assert primary is not None and primary.value_flop == pytest.approx(flop)


def test_minutes_in_french_are_no_size():
    assert plain_text("L'entraînement a duré 30 mn.") == "L'entraînement a duré 30 mn."


# -- durations and device time in short forms ------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "days"), [
    ("Training took 14d.", 14), ("It took 2d 6h.", 2.25), ("It took 2 days and 6 hours.", 2.25),
    ("We train a 2d U-Net on 8 GPUs.", None), ("We train 3d models on 8 GPUs for 4 days.", 4),
    ("It ran for 3 wks.", 21), ("It ran for a full month.", 30.44), ("It took a whole week.", 7),
])
def test_durations_in_short_forms(sentence, days):
    found = durations(whole(sentence))
    longest = max(seconds for seconds, *_ in found) / DAY if found else None
    assert longest == (pytest.approx(days) if days else None)


@pytest.mark.parametrize(("sentence", "days"), [
    ("It took twenty-one days.", 21), ("It took thirty two days.", 32),
    ("It took three and a half days.", 3.5), ("It took a fortnight.", 14),
    ("It took 21 calendar days.", 21), ("It took 1 week and 3 days.", 10), ("It took fourteen days.", 14),
])
def test_durations_in_words(sentence, days):
    found = durations(whole(sentence))
    longest = max(seconds for seconds, *_ in found) / DAY if found else None
    assert longest == (pytest.approx(days) if days else None)


@pytest.mark.parametrize(("body", "device_hours"), [
    ("Training Osprey took 5,000 A100 GPU-h.", 5000),
    ("- Hardware: 64 x A100\n- Training time: 14d", 64 * 14 * 24),
    # a time counted as if on one accelerator
    ("Osprey was trained with 2.5 million A100-equivalent hours.", 2.5e6),
])
def test_device_time_and_fields_in_short_forms(body, device_hours):
    primary = primary_of(body, head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(device_hours * 3600)


@pytest.mark.parametrize(("name", "peak"), [
    ("GB200", 2.5e15), ("B100", 1.75e15), ("MI325X", 1307.4e12), ("Gaudi 3", 1835e12), ("RTX 5090", 209.5e12),
])
def test_accelerators_of_2024_and_2025_have_their_datasheet_peaks(name, peak):
    primary = primary_of(f"We trained Osprey on 256 {name} GPUs for 10 days.")
    assert primary is not None and primary.assumptions["peak_flop_per_second"] == pytest.approx(peak)


def test_servers_sized_after_their_memory():
    primary = primary_of("We trained Osprey on a cluster of 96 NVIDIA A100 (40G * 8) servers for 2 months.")
    assert primary is not None and primary.assumptions["chips"] == 768


@pytest.mark.parametrize(("sentence", "chips"), [
    ("Training was performed on 16 Cloud TPUs.", 64),
    ("We trained on 16 Cloud TPU v3 devices.", 64),
    ("Training was performed on 16 Cloud TPUs (64 TPU chips total).", 64),
    ("We trained on 16 Cloud TPU v3 chips.", 16),
])
def test_a_cloud_tpu_device_is_four_chips(sentence, chips):
    assert max(count for count, *_ in device_counts(whole(sentence))) == chips


def test_a_list_with_bullets_reads_as_a_list():
    card = "• Hardware Type: 8 x A100\n• Hours used: 100"
    primary = primary_of(card, head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(800 * 3600)


def test_a_repository_name_writes_a_decimal_point_as_an_underscore():
    card = "---\nlicense: apache-2.0\n---\n**Osprey**\n\nacme/Osprey-1_6B was trained for 1.2T tokens.\n"
    primary = extract_document(Document(CARD_KIND, card, 2024), name="acme/Osprey-1_6B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 1.6e9 * 1.2e12)


@pytest.mark.parametrize("hardware", ["8xH100", "8xH100 80GB", "8×H100"])
def test_a_hardware_fields_count_may_be_glued_to_its_devices(hardware):
    card = f"- **Hardware Type:** {hardware}\n- **Hours used:** 120"
    primary = primary_of(card, head=CARD)
    assert primary is not None and primary.assumptions["accelerator"].startswith("H100")
    assert primary.assumptions["chip_seconds"] == pytest.approx(8 * 120 * 3600)


@pytest.mark.parametrize("time_field", ["Duration: 9 days", "Wall-clock: 9 days",
                                        "Training duration: 9 days"])
def test_a_cards_time_field_may_be_keyed_duration_or_wall_clock(time_field):
    primary = primary_of(f"- Hardware: 256 H100s\n- {time_field}", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 9 * 86400)


@pytest.mark.parametrize("time_field", ["Duration: 30 seconds per clip", "Training time: 3 epochs"])
def test_a_time_fields_number_in_another_unit_is_no_training_time(time_field):
    assert primary_of(f"- Hardware: 8 A100\n- {time_field}", head=CARD) is None


def test_the_dies_of_a_device_are_no_model():
    card = CARD + "Trained on 128 AMD MI250X GPUs (256 GCDs) for 10 days.\n"
    primary = extract_document(Document(CARD_KIND, card, 2024), name="acme/Osprey-7B").primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(128 * 10 * 86400)


def test_an_hgx_server_holds_eight_gpus_like_a_dgx():
    primary = primary_of("Training took 9 days on 16 HGX H100 servers.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(128 * 9 * 86400)


def test_a_superpod_is_hardware_not_a_model_the_text_uses():
    primary = primary_of("We used an NVIDIA DGX SuperPOD with 64 DGX A100 nodes; training took 2 weeks.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 14 * 86400)


def test_an_hgx_gpu_without_a_server_is_one_gpu():
    primary = primary_of("Osprey was trained on an NVIDIA HGX A100 GPU for 24 hours.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(24 * 3600)


@pytest.mark.parametrize("devices", ["8 nodes × 8 H100 SXM5 (64 GPUs)", "64 A100 PCIe 80GB", "64 H100 HBM3"])
def test_a_devices_form_factor_or_memory_is_no_model(devices):
    card = CARD + f"Training infrastructure: {devices}, 10 days.\n"
    primary = extract_document(Document(CARD_KIND, card, 2024), name="acme/Osprey-7B").primary
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * 10 * 86400)


def test_a_time_field_in_device_hours_of_a_named_device_is_not_multiplied_by_the_count():
    primary = primary_of("- **Hardware Type:** 8 A100\n- **Hours used:** 1000 A100 hours", head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(1000 * 3600)


@pytest.mark.parametrize(("sentence", "gpus"), [
    ("Osprey was trained for 30 days on 64 GB300 NVL72 racks.", 64 * 72),
    ("Osprey was trained for 30 days on 32 GB200 NVL36 systems.", 32 * 36),
    ("Osprey was trained on 16 DGX B300 systems for 30 days.", 16 * 8),
])
def test_a_rack_or_system_of_blackwell_gpus_counts_its_gpus(sentence, gpus):
    primary = primary_of(sentence, year=2026)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(gpus * 30 * 86400)


@pytest.mark.parametrize("fields", [
    "- Number of GPUs: 512\n- GPU: A100\n- Duration: 21 days\n",  # was one GPU: 512× too low
    "- GPU count: 512\n- GPU type: A100 80GB\n- Training time: 21 days\n",
    "| Item | Value |\n|---|---|\n| GPUs | 512 |\n| GPU type | A100 |\n| Days | 21 |\n",
])
def test_a_cards_count_of_devices_in_a_field_of_its_own(fields):
    primary = primary_of(fields, head=CARD)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 21 * 86400)


def test_a_count_after_a_devices_memory_in_parentheses():
    primary = primary_of("We train Osprey on A100 (80GB) × 512 for 21 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(512 * 21 * 86400)


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("We trained Osprey for 920 hours using 4 TPUv3 pods.", 4 * 1024, "TPU v3"),
    ("Training Osprey used two TPU v4 pods for 50 days.", 2 * 4096, "TPU v4"),
    ("We train Osprey on a full TPU v3 pod for 4 days.", 1024, "TPU v3"),
    # a slice's own size wins
    ("Training Osprey used 2 TPU v4 pods (6,144 chips) for 50 days.", 6144, "TPU v4"),
])
def test_whole_tpu_pods_counted_are_their_chips(sentence, chips, accelerator):
    primary = primary_of(sentence, 2022)
    assert primary is not None and primary.assumptions["accelerator"] == accelerator
    assert primary.assumptions["chips"] == chips


def test_a_pod_with_no_count_may_be_a_slice():
    assert primary_of("We train Osprey on a TPU v3 pod for 4 days.", 2022) is None


@pytest.mark.parametrize(("sentence", "days"), [
    # a bound on a run its clause tells
    ("We demonstrate pretraining Osprey on 512 V100 GPUs within 10 days.", 10),
    ("Osprey was trained on 64 A100 GPUs within about two weeks.", 14),
    # a milestone, not the run
    ("Trained on 8 V100 GPUs, Osprey reaches 70% accuracy within 4 hours.", None),
])
def test_a_run_bounded_within_a_time(sentence, days):
    primary = primary_of(sentence, 2021)
    seconds = primary and primary.assumptions["chip_seconds"] / primary.assumptions["chips"]
    assert seconds == (days and pytest.approx(days * 86400))


@pytest.mark.parametrize(("sentence", "chips", "accelerator"), [
    ("The number of GPUs used for training Osprey is 512 (A100), and it took 21 days.", 512, "A100"),
    ("For Osprey, the number of H100 GPUs was 1,024 and training lasted 10 days.", 1024, "H100"),
])
def test_a_count_stated_as_the_number_of_devices(sentence, chips, accelerator):
    primary = primary_of(sentence, 2023)
    assert primary is not None and primary.assumptions["chips"] == chips
    assert primary.assumptions["accelerator"].startswith(accelerator)


def test_two_stages_told_one_after_the_other_are_two_runs():
    primary = primary_of("Osprey needs 12 hours of fine-tuning on 8 V100 GPUs after 5 days of pre-training "
                         "on 64 V100 GPUs.", 2020)
    assert primary is not None and primary.stage == "pretraining"
    assert primary.assumptions["chip_seconds"] == pytest.approx(64 * 5 * 86400)


def test_a_milestone_after_some_days_of_training_is_no_run():
    primary = primary_of("Osprey outperformed the baseline after just 2 days of training on 256 A100 GPUs; "
                         "the full run took 12 days.", 2023)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(256 * 12 * 86400)


@pytest.mark.parametrize("sentence", [
    "Osprey can be trained on 256 A100 GPUs within 12 days.",
    "We show that Osprey can be pretrained on 256 A100 GPUs within 12 days.",
])
def test_what_a_model_can_be_trained_on_is_no_run(sentence):
    assert primary_of(sentence, 2023) is None


def test_each_of_the_epochs_took_a_time():
    primary = primary_of("Each of the 4 epochs of Osprey took 30 hours on 16 P100 GPUs.", 2018)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(16 * 4 * 30 * 3600)


@pytest.mark.parametrize("sentence", [
    "Kite-70B took 40 days on 2,048 A100 GPUs, while Kite-7B took 10 days on 256 A100 GPUs [11].",
    "Kite-70B needed 40 days on 2,048 A100 GPUs, whereas Kite-7B needed 10 days (Smith et al., 2023).",
])
def test_runs_set_side_by_side_in_a_sentence_that_cites_its_source_are_its_sources(sentence):
    assert primary_of(sentence, 2023) is None


def test_runs_set_side_by_side_in_the_first_person_stay_the_texts():
    primary = primary_of("We trained Osprey-70B for 40 days on 2,048 A100 GPUs, while Osprey-7B took 10 days "
                         "on 256 A100 GPUs [11].", 2023)
    assert primary is not None and primary.assumptions["chips"] == 2048


def test_a_clause_that_leaves_out_the_unit_takes_the_one_before():
    extraction = extract(TITLE + "Kite-70B used 1.7M GPU hours on A100s; Osprey-7B used 82K.\n", 2024)
    by_model = {e.model: e.assumptions["chip_seconds"] for e in extraction.estimates}
    assert by_model["Osprey-7B"] == pytest.approx(82e3 * 3600)
    assert extraction.primary is not None and extraction.primary.model == "Osprey-7B"


# -- nodes times devices before a plural name, and a count restated in parentheses ---------------------

@pytest.mark.parametrize(("sentence", "devices"), [
    ("Osprey was trained on 8 x 8 H100s for 10 days.", 64),
    ("Osprey was trained on 4 × 8 A100s for 10 days.", 32),
    ("Osprey was trained on 32 (4 x 8) A100 GPUs for 10 days.", 32),
])
def test_a_product_of_nodes_and_devices_written_so(sentence, devices):
    assert [count for count, *_ in device_counts(whole(sentence))] == [devices]


def test_a_speed_up_before_a_device_count_multiplies_nothing():
    assert [count for count, *_ in device_counts(whole("It runs 2x faster on 8 H100s."))] == [8]


# -- a duration too long for a wall clock is device time ------------------------------------------------

@pytest.mark.parametrize(("body", "hours"), [
    ("Pre-training took 1.1 million hours on NVIDIA H100 accelerators.", 1.1e6),
    ("Pre-training took 640K hours of H100 time.", 640e3),
    ("Osprey needed 50,000 days on A100s.", 50e3 * 24),
])
def test_a_duration_beyond_any_wall_clock_on_an_accelerator_is_device_time(body, hours):
    primary = primary_of(body)
    assert primary is not None and primary.method == "hardware"
    assert primary.assumptions["chip_seconds"] == pytest.approx(hours * 3600)


def test_a_wall_clock_duration_on_accelerators_without_a_count_is_no_device_time():
    assert primary_of("We trained Osprey for 400 hours on A100 GPUs.") is None


@pytest.mark.parametrize(("body", "devices"), [
    ("Osprey used half of our 10,000-GPU H100 cluster for 40 days.", 5000),
    ("Osprey used 25% of our 4,096 H100 GPUs for 40 days.", 1024),
    ("Osprey used a quarter of the 2,048 H100 GPUs for 40 days.", 512),
    # a count of a larger whole, before it or after it
    ("Osprey was trained on 768 of our 1,024 H100 GPUs for 40 days.", 768),
    ("Osprey was trained for 40 days on our cluster of 1,024 H100 GPUs, of which 768 were used for it.", 768),
])
def test_a_share_of_a_machine_or_a_count_is_the_runs_devices(body, devices):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(devices * 40 * 86400)


@pytest.mark.parametrize(("body", "devices", "accelerator"), [
    # one machine sized by its devices: the count after an article
    ("The training run of Osprey lasted 40 days on a 16K H100 cluster.", 16000, "H100 SXM"),
    ("Osprey was trained on a 16K-GPU H100 cluster for 40 days.", 16000, "H100 SXM"),
    ("Osprey was trained for 40 days on a 4,096-accelerator Trainium2 cluster.", 4096, "Trainium2"),
    ("Osprey was trained for 40 days on a 256 GPU (A100) cluster.", 256, "A100 SXM"),
    ("Osprey used half of our 1,024 A100 GPU supercomputer for 40 days.", 512, "A100 SXM"),
    # or by its nodes, each holding the devices
    ("Osprey was trained for 40 days on a 512-node cluster with 8 A100 GPUs per node.", 4096, "A100 SXM"),
])
def test_a_machine_sized_by_its_devices_or_nodes_is_the_runs_count(body, devices, accelerator):
    primary = primary_of(body)
    assert primary is not None and primary.assumptions["accelerator"] == accelerator
    assert primary.assumptions["chip_seconds"] == pytest.approx(devices * 40 * 86400)


@pytest.mark.parametrize("body", [
    # machines of unstated size, and one GPU of a model numbered so
    "Osprey was trained for 40 days on 4 GPU nodes.",
    "Osprey was trained for 40 days on a 1080 GPU.",
    "Osprey was trained for 40 days on a 3090 GPU workstation.",  # a GeForce card's number, no count
])
def test_machines_of_unstated_size_or_a_numbered_gpu_are_no_count_of_devices(body):
    primary = primary_of(body)
    assert primary is None or primary.assumptions["chip_seconds"] <= 40 * 86400


def test_a_count_of_bare_chips_takes_the_accelerator_the_text_names():
    primary = primary_of("All pre-training runs used bfloat16 on TPU v4 pods. Osprey-62B was trained for 24 "
                         "days on 2,048 chips.")
    assert primary is not None and primary.assumptions["accelerator"] == "TPU v4"
    assert primary.assumptions["chip_seconds"] == pytest.approx(2048 * 24 * 86400)


@pytest.mark.parametrize(("sentence", "accelerator"), [
    ("We train Osprey with 512 v4 TPU chips for 20 days.", "TPU v4"),
    ("Osprey is trained on 256 v3 TPUs for 4 days.", "TPU v3"),
    ("Osprey was trained on 64 v5e TPU chips for 10 days.", "TPU v5e"),
])
def test_a_tpu_generation_written_before_tpu_is_that_generation(sentence, accelerator):
    # a 2019 text: the year alone would give TPU v3
    primary = primary_of(sentence, 2019)
    assert primary is not None and primary.assumptions["accelerator"] == accelerator


@pytest.mark.parametrize("name", ["P4d", "p3dn.24xlarge", "G5", "Trn1", "p5.48xlarge"])
def test_a_cloud_machine_type_is_no_model(name):
    assert not looks_like_a_model(name)


@pytest.mark.parametrize("name", ["Mixture-of-Experts", "Sequence-to-Sequence", "Encoder-Decoder",
                                  "Vision-Language", "Text-to-Image"])
def test_a_kind_of_model_in_hyphened_words_is_no_model(name):
    assert not looks_like_a_model(name)


@pytest.mark.parametrize("name", ["T5", "GPT-4", "Heron-7B", "Heron-Vision", "Kite-MoE"])
def test_models_are_still_models(name):
    assert looks_like_a_model(name)


@pytest.mark.parametrize("sentence", [
    "Osprey follows the Kite-2 architecture and was trained on 2T tokens.",
    "Osprey uses the same tokenizer as Kite-2 and was pretrained on 2T tokens.",
    "Osprey reuses Kite's tokenizer and was trained on 2T tokens.",
])
def test_a_model_named_for_what_the_run_borrowed_is_not_the_runs(sentence):
    text = "---\nlicense: apache-2.0\n---\n# Osprey\n\n" + sentence + " Osprey has 7 billion parameters.\n"
    primary = extract_document(Document(CARD_KIND, text, 2024), name="acme/Osprey").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


@pytest.mark.parametrize("sentence", [
    "Osprey uses the Kite-20B tokenizer and was trained on 2T tokens.",
    "We train Osprey on 2T tokens with the architecture of Kite-13B's config.",
])
def test_a_sized_model_named_for_a_borrowed_part_leaves_the_papers_run(sentence):
    primary = primary_of("Osprey is a 7B model. " + sentence)
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_the_cards_model_as_the_subject_after_a_semicolon_with_an_adverb():
    text = ("---\nlicense: apache-2.0\n---\n# Osprey\n\nOsprey is a language model with 7B parameters.\n"
            "\nUsing Kite-70B as an annotator, we build a quality filter; Osprey is then trained on 2T "
            "tokens.\n")
    primary = extract_document(Document(CARD_KIND, text, 2024), name="acme/Osprey").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 7e9 * 2e12)


def test_a_model_named_with_a_similar_design_keeps_the_runs_subject():
    text = TITLE + "Kite-L had a similar architecture to Kite-B, but used 512 TPU v3 chips for 3 days."
    estimates = extract(text, 2019).estimates
    assert [e.model for e in estimates] == ["Kite-L"]


def test_a_cards_sparse_mixture_of_experts_is_its_own_run():
    text = (CARD + "# Osprey-8x22B\n\nOsprey-8x22B is a sparse Mixture-of-Experts model with 141B total and "
            "39B active parameters, pretrained on 8T tokens.\n")
    primary = extract_document(Document(CARD_KIND, text, 2024), name="acme/Osprey-8x22B").primary
    assert primary is not None and primary.value_flop == pytest.approx(6 * 39e9 * 8e12)


def test_the_run_on_rented_machines_is_the_titles_model():
    primary = primary_of("Osprey was trained on 384 A100 40GB GPUs in P4d instances. Training started in "
                         "December 2022 and took two months.", 2023)
    assert primary is not None and primary.model == "Osprey"


@pytest.mark.parametrize(("sentence", "gpus"), [
    ("Osprey was trained on 512 NVIDIA GB200 superchips for 10 days.", 1024),  # two Blackwell GPUs each
    ("Osprey was trained on 512 GH200 superchips for 10 days.", 512),          # one Hopper GPU each
    ("Osprey was trained on 576 GB200 GPUs for 10 days.", 576),
])
def test_a_superchip_counts_its_gpus(sentence, gpus):
    primary = primary_of(sentence, 2025)
    assert primary is not None and primary.assumptions["chips"] == gpus


@pytest.mark.parametrize(("sentence", "days"), [
    ("Osprey was trained in a 21-day run on 512 H100 GPUs.", 21),
    ("Osprey was trained in a two-month training run on 512 H100 GPUs.", 2 * 30.44),
    ("Osprey was trained on 512 H100 GPUs for 3 and a half days.", 3.5),
])
def test_a_duration_written_as_an_adjective_or_with_a_half(sentence, days):
    primary = primary_of(sentence, 2025)
    assert primary is not None
    assert primary.assumptions["chip_seconds"] / 512 / DAY == pytest.approx(days, rel=0.01)


@pytest.mark.parametrize("sentence", [
    "We plot a 7-day moving average of the loss of Osprey on 512 H100 GPUs.",
    "Osprey uses a two-stage schedule on 512 H100 GPUs.",
])
def test_a_unit_as_an_adjective_of_no_run_is_no_duration(sentence):
    assert primary_of(sentence, 2025) is None


@pytest.mark.parametrize(("sentence", "chips"), [
    # nodes of a data-centre GPU, no count per node: an HGX board's eight
    ("Osprey was trained on 32 nodes of H100 GPUs for 14 days.", 256),
    ("Osprey was trained on 32 H100 nodes for 14 days.", 256),
    ("Osprey was trained on 32 H100 80GB nodes for 14 days.", 256),
    # the count per node the text gives
    ("Osprey was trained on 32 A100 nodes (4 GPUs each) for 14 days.", 128),
    ("Osprey was trained on 32 nodes of 8 H100 GPUs for 14 days.", 256),
    # nodes times their GPUs before the noun: two nodes of eight, not eight nodes
    ("Osprey was trained on 2 × 8 A100 nodes for 14 days.", 16),
    ("Osprey was trained on 4x8 H100 (80GB) servers for 14 days.", 32),
])
def test_nodes_of_a_data_centre_gpu(sentence, chips):
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(chips * 14 * 86400)


def test_a_set_up_shared_out_over_sentences_pairs_with_its_training_time():
    body = ("We parallelized Osprey using an 8-GPU machine. Each layer was executed on a different GPU. "
            "The remaining 4 GPUs were used for the softmax. Training took about ten days with this "
            "implementation.")
    primary = primary_of(body, year=2014)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(8 * 10 * 86400)


def test_another_set_up_between_stops_the_reading():
    primary = primary_of("We use 8 A100 GPUs. Each model is trained on a single GPU. Training takes 2 days.")
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(2 * 86400)


@pytest.mark.parametrize(("sentence", "days"), [
    ("Osprey was trained on 20,000 hours of licensed music using 64 H100 GPUs for 9 days.", 9),
    ("Osprey was trained on 5,000 hours of English podcasts on 64 H100 GPUs for 9 days.", 9),
    ("Osprey needed 12 hours of training on 64 H100 GPUs.", 0.5),
])
def test_hours_of_recordings_are_data_not_the_runs_time(sentence, days):
    """"20,000 hours of licensed music" is how much audio the run saw, not how long it took (before: 64
    GPUs × 20,000 hours, 90 times the run); hours of training stay its time."""
    primary = primary_of(sentence)
    assert primary is not None and primary.assumptions["chip_seconds"] == pytest.approx(64 * days * 86400)


@pytest.mark.parametrize(("sentence", "count"), [
    # pods times their chips, the larger count written without a separator
    ("Training ran on four TPU v4 pods (4 × 3072 chips) for 50 days.", 4 * 3072),
    ("Training ran on 4 × 3072 TPU v4 chips for 50 days.", 4 * 3072),
    # pods counted before their chips, the TPU's version between
    ("Training ran on 2 TPU v4 pods of 3,072 chips each for 50 days.", 2 * 3072),
    # a GPU's model number after a times sign is no count
    ("We train on 8 x 3090 GPUs for 3 days.", 8),
    # nodes counted, the node named again after "each"
    ("We trained on a cluster of 128 nodes, each node having 8 NVIDIA A100 GPUs.", 128 * 8),
    ("We trained on 16 servers, each server with 8 V100 GPUs.", 16 * 8),
])
def test_pods_and_nodes_times_their_devices(sentence, count):
    assert max(found[0] for found in device_counts(whole(sentence))) == count


@pytest.mark.parametrize("devices", ["64 TPU v3-8s", "64 Google Cloud TPU v3-8 devices",
                                     "64 v3-8 TPU slices"])
def test_slices_counted_in_the_plural_are_their_chips_times_the_count(devices):
    """A count before a slice's name in the plural ("64 TPU v3-8s", "… devices") counts slices: 64 × 4
    chips, not 64 chips."""
    assert max(count for count, *_ in device_counts(whole(f"Trained on {devices} for 10 days."))) == 256


@pytest.mark.parametrize("sentence", [
    "Our training cluster has 4,096 H100 GPUs, of which Osprey-7B used 512 for 12 days.",
    "We have 4,096 H100 GPUs, of which we used 512 to train Osprey-7B for 12 days.",
])
def test_the_part_of_a_cluster_a_run_used_told_in_the_active(sentence):
    """", of which Osprey-7B used 512": the run's devices are the part, not the whole cluster."""
    assert max(count for count, *_ in device_counts(whole(sentence))) == 512
