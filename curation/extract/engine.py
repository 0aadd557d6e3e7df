"""From a paper's or model card's text to training-compute estimates and one primary estimate.

The primary is the largest credible pre-training run the text describes as its own; among the
estimates of that run (within 3× of each other) the order of trust decides: a figure the text
reports > hardware × time at a stated utilization > operation counting > hardware × time at the
default utilization. Other methods' estimates are compared with it
(agreement within 3× raises confidence, a larger gap is flagged and both are kept).
Plain functions: no network, no Prefect.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from curation.extract.anchors import lowered
from curation.extract.card_device_time import find_card_device_time
from curation.extract.card_finders import find_card_operation_counting, looks_like_model_card
from curation.extract.card_sizes import mark_card_runs_of_other_sizes
from curation.extract.context import AGGREGATE_NOTE, eligible, is_prose
from curation.extract.cpu_time import find_cpu_time
from curation.extract.derived import mark_base_runs
from curation.extract.device_sentences import find_device_counts
from curation.extract.device_time import GPU_OF_YEAR, find_hardware
from curation.extract.evidence import (
    HARDWARE,
    METHOD_TRUST,
    OPERATION_COUNTING,
    PRETRAINING,
    REPORTED,
    Estimate,
)
from curation.extract.finders import find_reported, find_table_totals
from curation.extract.flagship_counting import (
    find_flagship_counting,
    mark_corpus_sizes,
    mark_runs_of_other_sizes,
    opening_end,
    title_part,
)
from curation.extract.hardware_fields import find_hardware_fields
from curation.extract.markup import plain_text
from curation.extract.model_names import looks_like_a_model, squash_name
from curation.extract.moe import use_active_parameters
from curation.extract.node_time import find_node_counts, find_node_time
from curation.extract.operation_counting import find_operation_counting
from curation.extract.own_contrast import restore_own_contrasts
from curation.extract.pretraining_share import pretraining_totals
from curation.extract.references import mark_reference_entries
from curation.extract.sample_counting import find_sample_counting, find_table_sample_counting
from curation.extract.sections import mark_other_models_sections
from curation.extract.sibling_runs import mark_runs_of_named_siblings
from curation.extract.table_finders import find_table_rows, mark_rows_of_other_sizes
from curation.extract.time_per_tokens import find_time_per_tokens
from curation.extract.token_cost import find_table_token_cost, find_token_cost
from curation.extract.used_models import mark_used_models

AGREEMENT_FACTOR = 3.0
# two figures of one sentence describe one run, unless one is more than this many times the other (a
# misreading, a rate or another run's part: "… 1.2M tokens/s across 256 GPUs for 20 days")
SAME_SENTENCE_FACTOR = 30.0
# how far below a device time at a default utilization a mixture of experts' count of active operations may
# be and tell the same run (see _unsized_default_device_time)
DEFAULT_UTILIZATION_REACH = 5.0
# No training run had reached 1e27 FLOP by 2026; a figure above 1e28 is a projection or a misreading.
MAX_CREDIBLE_FLOP = 1e28
CONFIDENCE_RANK = {"Confident": 0, "Likely": 1, "Speculative": 2}
CONFIDENCE_UP = {"Speculative": "Likely", "Likely": "Confident", "Confident": "Confident"}


@dataclass
class Extraction:
    """All estimates found in a text and the one chosen as its own main training run (or None)."""

    text: str
    estimates: list[Estimate] = field(default_factory=list)
    primary: Estimate | None = None
    derived_from: str | None = None  # a derived model's card: the base whose run its figures describe

    def to_dict(self) -> dict[str, object]:
        def short(estimate: Estimate) -> dict[str, object]:
            record = estimate.to_dict()
            record["eligible"] = eligible(estimate)
            return record

        primary = None
        if self.primary is not None:
            p = self.primary
            # exactly the documented keys; agreement and conflict notes travel with the assumptions
            primary = {"value_flop": p.value_flop, "method": p.method, "model": p.model,
                       "evidence": [span.__dict__ for span in p.evidence],
                       "assumptions": {**p.assumptions, "notes": p.notes, "stage": p.stage},
                       "confidence": p.confidence}
        return {"primary": primary, "estimates": [short(e) for e in self.estimates]}


def choose_primary(estimates: list[Estimate]) -> Estimate | None:
    """The text's own main pre-training estimate, cross-checked against the other methods.

    A sum over several models counts only when the text gives no figure of a single run. The largest
    credible run wins; estimates within 3x of it, or read from its own sentence, describe the same run
    (a device time on a GPU guessed from the year is the largest only when nothing else is; a figure of
    its sentence more than 30x smaller is no part of it; a mixture of experts' count of active operations
    up to 5x below a device time at a default utilization whose sentence sizes no model is its run too,
    and a count of another size than the device time's sentence names is not). Of those, the most
    trusted method gives the primary (device time at a default utilization ranks after operation
    counting), then the most confident estimate (a sentence that states both figures beats a pairing
    inferred across the text), then the largest (of equal figures, one whose sentence names its
    accelerator). Other methods' nearest estimates are compared with it."""
    for estimate in estimates:
        if estimate.value_flop > MAX_CREDIBLE_FLOP:
            estimate.notes.append(f"not credible: above {MAX_CREDIBLE_FLOP:.0e} FLOP")
    pool = [e for e in estimates if eligible(e) and e.stage == PRETRAINING]
    if not pool:
        return None
    # a sum over several models gives way when the text also breaks it down per model, or gives any
    # figure of a single run
    single = [e for e in pool if AGGREGATE_NOTE not in e.notes]
    pool = single or pool
    # a device time on a GPU guessed from the year alone is no larger run than a figure the text states
    stated = [e for e in pool if e.assumptions.get("accelerator_from") != GPU_OF_YEAR]
    top = max(stated or pool, key=lambda e: e.value_flop)
    reach = DEFAULT_UTILIZATION_REACH if _unsized_default_device_time(top) else AGREEMENT_FACTOR

    def reaches(e: Estimate) -> bool:
        factor = reach if e.method == OPERATION_COUNTING and e.assumptions.get("active_parameters") is True \
            else AGREEMENT_FACTOR
        return e.value_flop * factor >= top.value_flop and not _other_size(e, top)

    same_run = [e for e in pool if reaches(e)
                or (_same_sentence(e, top) and e.value_flop * SAME_SENTENCE_FACTOR >= top.value_flop)]
    primary = min(same_run, key=lambda e: (_trust(e), CONFIDENCE_RANK[e.confidence],
                                           -float(f"{e.value_flop:.3g}"), _inferred_accelerator(e)))
    for method in sorted({e.method for e in pool} - {primary.method}, key=METHOD_TRUST.__getitem__):
        other = min((e for e in pool if e.method == method), key=lambda e: _ratio(e, primary))
        ratio = _ratio(other, primary)
        if ratio <= AGREEMENT_FACTOR:
            primary.notes.append(f"agrees with the {method} estimate ({other.value_flop:.3g} FLOP) "
                                 f"within {ratio:.1f}x")
            primary.confidence = CONFIDENCE_UP[primary.confidence]
        else:
            primary.notes.append(f"conflict: the {method} estimate ({other.value_flop:.3g} FLOP) differs "
                                 f"by {ratio:.1f}x; both kept")
    return primary


SURVEY_FIGURES = 5
FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
# a title that calls the text a survey of others' work: "A Survey of Large Language Models", "A Review on …",
# "…: A Comprehensive Survey" (not a venue's header, "Under review as a conference paper")
SURVEY_TITLE = re.compile(r"\b(?:survey|review)\s+(?:of|on|for)\b|[:—–-]\s*(?:an?\s+)?(?:[\w-]+\s+){0,2}"
                          r"(?:survey|review)\s*$", re.IGNORECASE | re.MULTILINE)


# a text that says it studies models others released: "We estimate the emissions of five public models",
# "we analyze the training compute of 500 notable models", "We evaluate twelve models, including …", "we
# benchmark a range of open LLMs", "We calculate the carbon footprint of several recent large models", "We
# quantify the approximate financial and environmental costs of training a variety of recently successful
# neural network models", "We collected 300 models" (a number or a word of many, or a word of others'
# release, before them; the verb in the present or the past)
STUDIES_OTHERS = re.compile(  # ("w" first, the word's start checked behind it: a fast scan of the text)
    r"[Ww](?<![\w][Ww])e\s+(?:\w+\s+)?(?:(?:estimate|measure|analy[sz]e|quantif(?:y|ie)|compare|examine|audit"
    r"|track|profile|evaluate|benchmark|test|survey|review|catalog|compile|collect|calculate|assess"
    r"|investigate|characteri[sz]e)(?:e?d|s)?|stud(?:y|ied))\s+"
    # (the object within its clause, a word's start: "the training compute of 500 notable models")
    r"[^.;:\n]{0,80}?(?<![\w-])"
    r"(?:\d[\d,]*|several|many|various|numerous|dozens\s+of|hundreds\s+of|a\s+(?:range|variety|suite)\s+of"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|public(?:ly[\s-]available)?|existing|popular|prominent|open(?:-source|ly[\s-]released)?|released"
    r"|well-known|widely[\s-]used|notable|frontier"
    # "the costs of training recent NLP models", "of state-of-the-art models"
    r"|recent|modern|state-of-the-art|contemporary|representative)\s+(?:[\w-]+\s+){0,4}?(?:models|LLMs|systems)\b",
    re.IGNORECASE)


# a text that argues a position: "We argue that models trained with more than 1e26 FLOPs should be
# reported", "This paper calls for …" (its figures of named models are others', as in a study of them)
ARGUES = re.compile(r"\b(?:[Ww]e|[Tt]his\s+(?:paper|essay|article|report|note))\s+(?:\w+\s+)?"
                    r"(?:argue|argues|contend|contends|advocate|advocates|call\s+for|calls\s+for)\b")
ARGUE_WORDS = ("argue", "contend", "advocate", "call for", "calls for")  # cheap: read before the pattern


def _argues(text: str) -> bool:
    """Whether a text's opening argues a position (:data:`ARGUES`)."""
    opening = lowered(text)[:STUDY_OPENING]
    return any(word in opening for word in ARGUE_WORDS) and ARGUES.search(text, 0, STUDY_OPENING) is not None


STUDY_OPENING = 12_000  # the characters of a text that say what it studies: its abstract and introduction


def _studies_others(title: str, told: list[Estimate]) -> bool:
    """For a text whose opening says it studies others' models (:data:`STUDIES_OTHERS`), whether each of
    its prose figures is, in a sentence that tells no run of the authors' own (:data:`OWN_TRAINING`), a named
    model's whose family the title does not carry ("For example, training Kite-176B took 1,082,990 GPU
    hours" in "On the Carbon Footprint of Training"; "We evaluate twelve models, including Kite-405B,
    trained on 15.6T tokens with 3.8e25 FLOPs"): one such figure is a report of another's run, as in a
    survey. A figure that names no model, in a sentence with no first person and no training, goes
    with them."""
    others = [e for e in told if _names_only_others(e, title) and not OWN_TRAINING.search(e.evidence[0].text)]
    # (a figure that names no model, in a sentence of no first person and no training, is no run the
    # authors claim: "the search process takes 32,633 TPU v2 hours" beside "Training Lark Explorer took 6
    # days on 64 TPU v3s"; "The model was trained on 512 GPUs" may be theirs)
    return bool(others) and all(e in others or not (_names_any(e) or CLAIMED_RUN.search(e.evidence[0].text))
                                for e in told)


CLAIMED_RUN = re.compile(r"\b(?:we|our|us)\b|\btrain", re.IGNORECASE)  # a first person, or a training


def _names_any(estimate: Estimate) -> bool:
    """Whether a figure's sentence writes a model name (:data:`MODEL_NAME`, :data:`TRAINING_OF_NAME`) or the
    figure has a model."""
    sentence = estimate.evidence[0].text
    return bool(estimate.model or MODEL_NAME.search(sentence) or TRAINING_OF_NAME.search(sentence))


# a run of the authors' own in a sentence: "we train …", "We pre-trained …", "we then fine-tune …", "our
# model was trained …", "our largest run took …"
OWN_TRAINING = re.compile(r"\b(?:we|our\s+team)\s+(?:(?:also|then|further|first|additionally|finally|next|"
                          r"now|instead|jointly|subsequently|successfully|have|had|will|did|do|can|could|"
                          r"continue\s+to|continued\s+to|proceed\s+to)\s+){0,3}"
                          r"(?:pre-?train|train|fine-?tun|finetun|distil|post-?train)"
                          r"|\bour\s+(?:[\w-]+\s+){0,3}?(?:models?|networks?|systems?|runs?)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:(?:was|were|is|are|has\s+been)\s+(?:\w+\s+)?(?:pre-?)?trained|took|used|required)\b",
                          re.IGNORECASE)


def _names_only_others(estimate: Estimate, title: str) -> bool:
    """Whether every model name a figure's sentence writes (:data:`MODEL_NAME`, and a capitalized name
    whose training the sentence costs, :data:`TRAINING_OF_NAME`), or else its model, is of a family the
    title does not carry, and there is at least one."""
    sentence = estimate.evidence[0].text
    names = MODEL_NAME.findall(sentence) + [m.group("name") for m in TRAINING_OF_NAME.finditer(sentence)]
    names = names or ([estimate.model] if estimate.model else [])
    return bool(names) and not any(_carries(title, name) for name in names)


def _family(model: str) -> str:
    """A model name's first word, squashed ("kite" for "Kite-176B")."""
    return squash_name(re.split(r"[\s_-]", model.strip())[0])


def _carries(title: str, model: str) -> bool:
    """Whether a title carries a model's family: a word of the title starts with it ("Kite" in "Kite
    Technical Report", "OspreyBench" for "Osprey-7B")."""
    family = _family(model)
    return bool(family) and any(squash_name(word).startswith(family) for word in title.split())


# a name whose training a sentence costs, in capitals however it is written: "Training Lark took 30 days on
# 1,024 TPU v3 chips", "training Kite Explorer required 6 days" (one to three capitalized words, on one line:
# a heading's "Training" before it is no part of the name)
TRAINING_OF_NAME = re.compile(r"\b[Tt]raining[ \t]+(?P<name>[A-Z][\w.-]*(?:[ \t]+[A-Z][\w.-]*){0,2})[ \t]+"
                              # the run's length or devices may come between: "Training Kite-base for 79
                              # hours on 64 V100 GPUs used 1,507 kWh"
                              r"(?:(?:for|on|with|using)[ \t]+[^.;,\n]{1,50}?[ \t]+)?"
                              r"(?:took|takes|required|requires|used|uses|consumed|consumes|lasted|cost|costs)\b")
# a model's name as the prose writes it: a capitalized word, then a digit in it or after a hyphen
# ("Kite-405B", "GPT-4", "Llama3") or a capitalized part after a hyphen ("Heron-VL") or a size word, not
# a bare size after a preposition ("on 2T")
MODEL_NAME = re.compile(r"\b[A-Z][A-Za-z]+-?[\w.-]*\d[\w.-]*|\b[A-Z][A-Za-z]+-[A-Z][\w.-]*"
                        # or a size word after a hyphen: "Kite-base", "Lark-big", "Heron-large"
                        r"|\b[A-Z][A-Za-z]+-(?:base|big|large|small|tiny|medium|mini|huge|giant|xl|xxl)\b")


def mark_reports_of_others(estimates: list[Estimate], text: str = "") -> None:
    """A text that quotes many compute figures or device times in prose and never in a sentence of its
    own ("we", "our") is reporting other people's runs — a survey, an analysis of scaling or of energy
    use: those figures are marked as cited (at least five prose sentences with figures, none
    first-person; a table, several figures in one sentence, or a run told again in the same words, counts
    once). One such sentence is enough in a text whose title calls it a survey or a review (where a first
    person that tells no training of its own, "as we discuss in Section 4", claims nothing), and in one
    that says it studies others' models or argues a position (:func:`_studies_others`,
    :data:`ARGUES`); there, a count of operations (parameters × tokens) of a model its title does not
    carry is another's too. A paper that contributes a method and trains nothing
    (:func:`_method_without_training`) gives a named model's pre-training, told in no first person, as
    another's: the model it applies its method to."""
    quoted = [e for e in estimates if e.method in (REPORTED, HARDWARE) and eligible(e)]
    counted = [e for e in estimates if e.method == OPERATION_COUNTING and eligible(e)]
    prose = [e for e in quoted if not e.assumptions.get("table_row") and is_prose(e.evidence[0])]
    title = title_part(text)
    survey = (prose or counted) and SURVEY_TITLE.search(title)
    study = (prose or counted) and (STUDIES_OTHERS.search(text, 0, STUDY_OPENING) or _argues(text))
    told = prose + [e for e in counted if is_prose(e.evidence[0])] if survey or study else prose
    # (in a survey, a first person that only guides the reader, "as we discuss in Section 4", claims no run)
    surveyed = told and survey and not any(OWN_TRAINING.search(e.evidence[0].text) for e in told)
    # a paper that contributes a method and trains nothing: its named models' runs are others'
    applied = [e for e in quoted + counted
               if e.model and e.stage == PRETRAINING and looks_like_a_model(e.model)
               and not _carries(title, e.model) and not FIRST_PERSON.search(e.evidence[0].text)]
    if applied and _method_without_training(text):
        for estimate in applied:
            estimate.notes.append(METHOD_PAPERS_MODEL)
    if surveyed or (study and _studies_others(title, told)):
        others = quoted + [e for e in counted if not (e.model and _carries(title, e.model))]
        for estimate in others:
            estimate.notes.append(REPORTS_OF_OTHERS)
        return
    # (a run told twice in the same words is one: a sentence is its figures' words and values)
    figures: dict[int, set[tuple[str, ...]]] = {}
    for e in prose:
        figures.setdefault(e.evidence[0].start, set()).add(
            (f"{e.value_flop:.3g}", *(" ".join(span.text.split()) for span in e.evidence[1:])))
    sentences = {frozenset(run) for run in figures.values()}
    if len(sentences) < SURVEY_FIGURES or any(FIRST_PERSON.search(e.evidence[0].text) for e in prose):
        return
    for estimate in quoted:
        estimate.notes.append(REPORTS_OF_OTHERS)


REPORTS_OF_OTHERS = ("cited from other work: the text quotes many runs' compute and trains none of them "
                     "in its own words")
METHOD_PAPERS_MODEL = ("cited from other work: a model a paper that contributes a method, and trains "
                       "nothing, applies its method to")
# what a paper contributes when it is no model: "We present QuantX, a post-training quantization method", "we
# propose a new optimizer", "This paper introduces a benchmark of …"
INTRODUCES_METHOD = re.compile(r"\b(?:[Ww]e\s+(?:present|introduce|propose|describe|release)"
                               r"|[Tt]his\s+(?:paper|work)\s+(?:presents|introduces|proposes|describes))\s+(?:[A-Z][\w.-]*,\s+)?(?:a|an)\s+"
                               r"(?:[\w-]+\s+){0,4}?(?:method|technique|algorithm|framework|system|library"
                               r"|benchmark|optimizer|approach|objective|toolkit|metric|procedure|compiler"
                               r"|scheduler|protocol|kernel)s?\b")


def _method_without_training(text: str) -> bool:
    """Whether a paper's opening says it contributes a method, a system or a benchmark
    (:data:`INTRODUCES_METHOD`) and no sentence of it tells a training run of the authors' own
    (:data:`OWN_TRAINING`: "we train", "we pre-trained", "we fine-tune", "our model was trained"; nor a
    first-person sentence with a verb of training, :data:`WE_TRAIN_ANYHOW`: "we apply it to train …")."""
    # (the opening first: few texts contribute a method, and the whole-text scans are read only for those)
    return INTRODUCES_METHOD.search(text, 0, opening_end(text)) is not None and \
        not looks_like_model_card(text) and OWN_TRAINING.search(text) is None and \
        WE_TRAIN_ANYHOW.search(text) is None


# a training verb anywhere in a first-person sentence: "we apply it to train Kite-7B", "we use it to
# pre-train …"
WE_TRAIN_ANYHOW = re.compile(r"\b[Ww]e\b[^.;\n]{0,80}?\b(?:pre-?train(?:ed)?|train(?:ed)?"
                             r"|fine-?tun(?:e|ed))\b")


def _trust(estimate: Estimate) -> float:
    """Method trust, except that device time at an assumed utilization ranks after a count of
    operations: a default utilization is uncertain by about 2×, a stated N and D by far less."""
    source = str(estimate.assumptions.get("utilization_source", ""))
    assumed = estimate.method == HARDWARE and source.startswith("default")
    return METHOD_TRUST[OPERATION_COUNTING] + 0.5 if assumed else METHOD_TRUST[estimate.method]


# a model's size written in a sentence: "the 34B model", "a 7B-parameter model", "Heron-34B", "34B parameters"
SIZE_IN_SENTENCE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?[MBT](?![\w])(?:[\s-]*param(?:eter)?s?\b|[\s-]+"
                              r"(?:[a-z][\w-]*\s+){0,2}?models?\b)|[A-Za-z\d]-\d+(?:\.\d+)?[MB]\b")


def _unsized_default_device_time(estimate: Estimate) -> bool:
    """Whether an estimate is a device time at a default utilization whose sentence names no model size
    ("Pre-training used 2,048 GPUs and took 2 months"): a mixture of experts' count of active operations
    up to 5x below it (:data:`DEFAULT_UTILIZATION_REACH`) is the same run told more exactly (its devices
    run far below a default utilization of its active parameters), where a sentence that sizes its model
    ("the 34B model took 30 days …") may be another size's run than the count's. (A dense count that far
    below may have left out the epochs the device time's sentence gives: the device time stays.)"""
    return _trust(estimate) > METHOD_TRUST[OPERATION_COUNTING] and \
        not SIZE_IN_SENTENCE.search(estimate.evidence[0].text)


SIZE_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s?([MBT])")
SIZE_SCALE = {"M": 1e6, "B": 1e9, "T": 1e12}


def _other_size(count: Estimate, top: Estimate) -> bool:
    """Whether a count of operations is of another model size than the largest run's sentence names
    ("Our 7B model was trained on 2T tokens. The 34B model was trained for 30 days on …": two runs)."""
    parameters = count.assumptions.get("parameters")
    if count.method != OPERATION_COUNTING or top.method != HARDWARE or not isinstance(parameters, float):
        return False
    sizes = [float(m.group(1)) * SIZE_SCALE[m.group(2)]
             for found in SIZE_IN_SENTENCE.finditer(top.evidence[0].text)
             if (m := SIZE_VALUE.search(found.group()))]
    return bool(sizes) and all(max(size, parameters) > 1.5 * min(size, parameters) for size in sizes)


def _inferred_accelerator(estimate: Estimate) -> bool:
    """Whether a hardware estimate's accelerator was guessed from the rest of the text (of two equal
    figures, the sentence that names its accelerator is the better evidence)."""
    return str(estimate.assumptions.get("accelerator_from", "")).startswith(("the accelerator the text",
                                                                             "the TPU generation"))


def _same_sentence(a: Estimate, b: Estimate) -> bool:
    """Whether two estimates were read from the same sentence ("we train Heron-7B on 1.5T tokens using
    384 A100s for two months" gives a count of operations and a device time of one run)."""
    return a.evidence[0].start == b.evidence[0].start and a.evidence[0].end == b.evidence[0].end


def _ratio(a: Estimate, b: Estimate) -> float:
    return max(a.value_flop, b.value_flop) / min(a.value_flop, b.value_flop)


@dataclass(frozen=True)
class Finder:
    """A way of writing a figure, and the function that finds it in plain text, given the publication
    year (which sets hardware defaults) and the name the text is published under (a card's repository;
    None when unknown). A finder with ``fallback_of`` runs only when those finders found nothing."""

    name: str
    find: Callable[[str, int | None, str | None], list[Estimate]]
    fallback_of: tuple[str, ...] = ()


# Every finder, in the order their estimates are listed: a new finder is one module and a line here.
FINDERS: tuple[Finder, ...] = (
    Finder("reported", lambda text, _, __: find_reported(text)),
    Finder("table totals", lambda text, _, __: find_table_totals(text)),
    Finder("hardware", lambda text, year, _: find_hardware(text, year)),
    Finder("device counts", lambda text, year, _: find_device_counts(text, year)),
    Finder("node time", lambda text, year, _: find_node_time(text, year)),
    Finder("node counts", lambda text, year, _: find_node_counts(text, year)),
    Finder("hardware fields", lambda text, year, _: find_hardware_fields(text, year)),
    Finder("table rows", lambda text, year, _: find_table_rows(text, year)),
    Finder("operation counting", lambda text, _, __: find_operation_counting(text)),
    Finder("flagship counting", lambda text, _, name: find_flagship_counting(text, name)),
    Finder("sample counting", lambda text, _, __: find_sample_counting(text)),
    Finder("table sample counting", lambda text, _, __: find_table_sample_counting(text)),
    Finder("token cost", lambda text, _, __: find_token_cost(text)),
    Finder("table token cost", lambda text, _, __: find_table_token_cost(text)),
    Finder("time per tokens", lambda text, year, _: find_time_per_tokens(text, year)),
    Finder("card operation counting", lambda text, _, name: find_card_operation_counting(text, name),
           fallback_of=("operation counting",)),
    Finder("card device time", lambda text, year, name: find_card_device_time(text, year, name),
           fallback_of=("hardware", "device counts", "hardware fields", "table rows")),
    Finder("cpu time", lambda text, year, _: find_cpu_time(text, year),
           fallback_of=("hardware", "device counts", "node time", "node counts", "hardware fields",
                        "table rows", "card device time")),
)


def all_estimates(text: str, publication_year: int | None = None, name: str | None = None) -> list[Estimate]:
    """Every finder's estimates over plain ``text``. A figure two finders both read (a table row of
    training FLOPs in E-notation: the table-totals finder and the compute-column rows) is kept once,
    as the earlier finder read it."""
    found: dict[str, list[Estimate]] = {}
    earlier: set[tuple[str, str, int, int]] = set()
    for finder in FINDERS:
        if not any(found.get(name) for name in finder.fallback_of):
            # (a figure of no compute, a broken number's "00,000 GPU hours", is no estimate)
            estimates = [e for e in finder.find(text, publication_year, name) if e.value_flop > 0]
            found[finder.name] = [e for e in estimates if _reading(e) not in earlier]
            earlier.update(_reading(e) for e in estimates)
    return [estimate for estimates in found.values() for estimate in estimates]


def _reading(estimate: Estimate) -> tuple[str, str, int, int]:
    """What a finder read: its method, its figure and where its evidence starts and ends."""
    first = estimate.evidence[0]
    return estimate.method, f"{estimate.value_flop:.6g}", first.start, first.end


def extract(document: str, publication_year: int | None = None, name: str | None = None) -> Extraction:
    """Every estimate in ``document`` and its primary; evidence spans index the returned ``text``.
    ``name`` is what the text is published under (a model card's repository), when known."""
    text = plain_text(document)
    estimates = all_estimates(text, publication_year, name)
    restore_own_contrasts(estimates, text)
    use_active_parameters(estimates, text)
    mark_corpus_sizes(estimates, text)
    mark_runs_of_other_sizes(estimates, text, name)
    mark_runs_of_named_siblings(estimates, name)
    mark_other_models_sections(estimates, text, name)
    mark_rows_of_other_sizes(estimates, name)
    mark_card_runs_of_other_sizes(estimates, text, name)
    mark_reports_of_others(estimates, text)
    mark_used_models(estimates, text, name)
    mark_reference_entries(estimates, text)
    mark_base_runs(estimates, text)
    estimates += pretraining_totals([e for e in estimates if eligible(e)])
    return Extraction(text, estimates, choose_primary(estimates))
