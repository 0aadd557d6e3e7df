"""The device-count finder: a sentence that says how many accelerators trained for how long.

Papers write this in many orders: "took five to six days on two GTX 580 GPUs", "on four Titan Black
GPUs, training a single net took 2–3 weeks", "needed 2 months on 50 K-80 GPUs", "8 A100s for 90
hours", "using 50 GPUs, for one day". The rules:

- one sentence names a **device count** (digits or a number word, then the accelerator or a device noun:
  GPUs, TPUs, chips, cores; an accelerator in the plural, "64 k40s"; a count straight before an
  accelerator's name, "8 16 GB V100", "a single GTX 580"; a TPU slice, "a v3-256 pod": 128 chips, slices
  counted, "2 TPU v5p-128 slices": 128 chips ("64 TPU v3-8s", "64 Google Cloud TPU v3-8 devices": 256),
  or a pod sized in cores or chips, "a 512-core TPU v3 pod", or
  a cluster in GPUs, "a 2,048-GPU H100 cluster"; whole TPU pods counted, "4 TPUv3 pods", "a full TPU v3
  pod": the chips of that generation's pod, where the sentence sizes nothing else; "the number of GPUs used
  for training is 512 (A100)"; DGX systems, "4 DGX A100 nodes": 32 A100s; a product of nodes and devices,
  "32 x 8 A100 GPUs", "16 nodes × 8 H100", "50 replicas, each on a K40", "each using a single K40", "64
  8-GPU servers", "twelve servers, each with eight A100 GPUs"; a cloud instance type, "32 p4d.24xlarge
  instances"; not what each node holds with no count of nodes, "Each node contains 8 A100 GPUs" (see
  :mod:`node_time`); not a year, "in 2017 V100 GPUs"; not CPU cores) and a **duration** (digits, number
  words or a range, then minutes, hours ("48h"), days ("14d"), weeks or months, "one and a half weeks", "a
  week and a half", "2d 6h"; a time per epoch times the epochs the sentence gives, or alone for a run "for
  one epoch"; not a milestone, "after just 4 hours", though a run that "converged after 14 days" lasted them
  and one "pretrained … within 10 days" is bounded by them, nor a rate, "one minute per move", nor an amount
  of recordings, "12,000 hours of speech"), and says it is training ("train", "pretrain", "fine-tune",
  "epoch", "took", "needed", "run", "used", "conducted", "lasted", "converged");
- a count whose own words give it another purpose ("5,000 TPUs to generate self-play games", "256
  GPUs for data generation", or a passive verb of that use before it, "games were generated on 5,000
  TPUs") is not the run's; one whose words say it trains ("and 64 TPUs to train
  the networks") is, whatever else the sentence's other devices do;
- a sentence that names devices but no duration borrows the duration of the **next** sentence when that
  one is about training and names no devices itself ("... on 16 Cloud TPUs (64 chips). Training took
  4 days.") or is a field of time after a field of hardware ("Hardware: 256 H100 GPUs. Duration: 16
  days."), or of the next three when the count's sentence itself trains (see
  :func:`_following_durations`), but not from a sentence that evaluates or compares, nor a gloss in
  parentheses on another model ("the earlier Kite (trained for 3 weeks)");
- a sentence (or a table run into one) that writes two or more counts each right beside its own
  duration ("3 days/64 K40s ... 6 days/96 K80s", "64 A100s in 3 days") gives one run per pair, and a
  pair whose row label cites another work is that work's, as is one "unlike" sets apart ("Unlike Kite,
  which required 2,048 A100s for 21 days, …") or one in the parenthesis glossing another model's name
  ("the compute used for Kite (2,048 GPUs, 21 days)"); runs a contrast sets apart (below) are read as
  such first; otherwise, with several counts or durations the largest of each is taken (the main run is
  the longest and widest one a sentence mentions); a range counts as its midpoint;
- another, larger model's time on the same devices makes a run of its own: as a multiple of the run's
  later in its sentence ("… 125 hours on 32 A100 GPUs with a 7B model and about twice the time with a 13B
  model"), or in the next sentence, of "the big models", with no devices of its own ("… 12 hours on 8
  P100 GPUs. The big models were trained for 3.5 days."); a later duration in a joined clause names its
  run's model there ("Heron-7B was trained on 64 GPUs for 10 days, and Heron-13B for 20 days");
- the accelerator is the one named in the count, else in the sentence, else the one the text names
  most; a bare "TPU" of a text that names no generation is the generation in service that year, and
  "first-generation TPUs" are TPU v1s.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import ACCELERATOR_ANCHOR, anchor_hits, lowered, positions
from curation.extract.cloud_instances import INSTANCE_WORDS, instance_counts
from curation.extract.context import CITATION, CITED, FINETUNE_CUES, FIRST_PERSON_WORD, has_cue
from curation.extract.date_ranges import date_range_durations
from curation.extract.device_time import (
    PARTS_JOINED,
    SECONDS,
    _unit_key,
    count_accelerator,
    hardware_estimate,
    sum_of_parts,
)
from curation.extract.evidence import Estimate, Span, sentence_around, sentence_before
from curation.extract.fast_patterns import any_case
from curation.extract.hardware import (
    TPU_SLICE,
    accelerator_pattern,
    accelerator_regex,
    resolve_accelerator,
    tpu_slice,
)
from curation.extract.hardware_fields import HARDWARE_KEYS, TIME_KEYS
from curation.extract.headings import field_under_training
from curation.extract.model_names import SIZED_NAME, model_before, nearby_model, trained_subject
from curation.extract.quantities import FREE_NUMBER, NUMBER, parse_plain
from curation.extract.step_time import step_time_durations

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
NUMBER_WORDS = {
    "a": 1, "an": 1, "single": 1, **ONES, **TEENS, **TENS, "hundred": 100, "half a": 0.5, "half an": 0.5,
    # "three and a half", "twenty-one", "twenty one"
    **{f"{word} and a half": value + 0.5 for word, value in {**ONES, **TEENS}.items()},
    **{f"{tens}{joint}{one}": tens_value + one_value for tens, tens_value in TENS.items()
       for one, one_value in ONES.items() for joint in ("-", " ")},
}
_ONE = "|".join(ONES)
_TEEN = "|".join(sorted(TEENS, key=len, reverse=True))
# the words as a compact pattern (one alternative per word is slow to scan): "twenty-one", "three and a half"
WORD = (rf"(?:{'|'.join(TENS)})(?:[-\s](?:{_ONE})(?![\w-]))?|(?:{_TEEN}|{_ONE})(?:\s+and\s+a\s+half)?"
        r"|half\s+an?|an?|single|hundred")
# the same words for a case-insensitive pattern, each opening with a class (see fast_patterns)
WORD_ANY_CASE = (rf"(?:{any_case(list(TENS))})(?:[-\s](?:{_ONE})(?![\w-]))?"
                 rf"|(?:{any_case(sorted(TEENS, key=len, reverse=True))}|{any_case(list(ONES))})"
                 r"(?:\s+and\s+a\s+half)?|" + any_case((r"half\s+an?", "an?", "single", "hundred")))
# (times a hundred or a thousand: "a thousand GPUs", "two thousand", "1.5 thousand")
# (a count's thousands set off by a plain space, as some typeset texts do: "2 048 A100 GPUs")
SPACED_THOUSANDS = r"\d{1,3}(?: \d{3})+(?![\d.,])"
AMOUNT = rf"(?:(?:{SPACED_THOUSANDS}|{NUMBER}|(?:{WORD})(?![\w-]))(?:\s+(?:thousand|hundred)\b)?)"
AMOUNT_ANY_CASE = AMOUNT.replace(WORD, WORD_ANY_CASE)
# (a duration's number word may be joined to its unit: "a two-month run")
_DURATION_AMOUNT = AMOUNT_ANY_CASE.replace(r"(?![\w-])", r"(?!\w|-(?!(?:hour|day|week|month)\b))")
DURATION = re.compile(
    # (a digit or a number word's first letter, tested once first: a fast scan; not an exponent's digits,
    # "10^3 hours" is no 3 hours, nor the last word of a number in words, "one hundred and twenty days")
    rf"(?<![\w.^])(?=[\daefhnost])(?<!hundred and )(?<!thousand and )"
    rf"(?P<lo>{_DURATION_AMOUNT})(?:\s*(?:–|—|-|to)\s*(?P<hi>{AMOUNT_ANY_CASE}))?"
    # "3 and a half days"
    r"(?P<half_before>\s+and\s+a\s+half\b)?\s*"
    # "270 total hours", "80 wall-clock hours", "21 calendar days", "a full month"
    r"(?:(?:total|wall[\s-]?clock|calendar|full|whole|entire)\s+)?"
    # ("14d" for days only where a duration's abbreviation ends: not "a 2d U-Net"; "a 21-day run", "a
    # two-month run": the unit as an adjective, in the singular)
    r"(?P<unit>hours?|hrs?|h(?=[\s.,;)]|$)|d(?=\s*(?:[.,;)]|$|\d+\s?h\b))|minutes?|mins?|days?|weeks?|wks?|fortnights?"
    r"|months?|(?<=\w)-(?:hour|day|week|month)(?=\s+(?:[\w-]+\s+)?(?:run|training|pre-?training)\b))\b"
    # not an amount of recordings: "12,000 hours of speech", "200 hours of gameplay", "20,000 hours of
    # licensed music" (up to two words between, not a word of training: "12 hours of training on audio")
    r"(?![\s-]*(?:time|later|ago|old)|\s+of\s+(?:(?!(?:pre-?|fine-?)?train|comput)[\w-]+\s+){0,2}"
    r"(?:speech|audio|videos?|data|recordings?|footage|gameplay|experience|driving|transcri\w+|labell?ed"
    r"|annotated|music|songs?|sounds?|voice|conversations?|dialogues?|podcasts?|broadcasts?|lectures?"
    r"|audiobooks?|movies?|films?|television|clips?|demonstrations?|teleoperation)\b)"
    r"(?P<half>\s+and\s+a\s+half\b)?",
    re.IGNORECASE,
)
DEVICE_NOUN = (r"(?:GPUs?|GPUS|TPUs?|TPUS|NPUs?|NPUS|IPUs?|HPUs?|GCDs|[Cc]hips|[Cc]ores|[Aa]ccelerators"
               r"|[Dd]evices"
               r"|[Cc]ards)")
# words no accelerator's name holds, in any case: a section heading run into the sentence ("4 Training
# We use 512 TPU v3 cores") starts no name (each word's first letter a class: see fast_patterns)
NOT_A_NAME = ("(?i:" + any_case((
    "on", "for", "of", "with", "within", "over", "across", "during", "from", "and", "or", "in", "to", "the",
    "by", "at", "using", "minutes?", "hours?", "days?", "weeks?", "months?", "years?", "per", "each", "took",
    "takes?", "use", "used", "uses", "was", "were", "is", "are", "has", "have", "had", "we", "our", "it",
    "trained", "training",
    # a model or a verb of need between an article and the devices: "a 540B model consumes 512 TPUv4
    # chips" counts 512 chips, not one
    "models?", "consum(?:e|es|ed|ing)", "requir(?:e|es|ed|ing)", "needs?", "needed", "employ(?:s|ed)?",
    "utili[sz](?:e|es|ed)", "runs?", "ran",
    # a processor that is no accelerator: "64 CPU cores", "96 vCPUs"
    "v?cpus?", "threads?")) + r")\b")
# a machine named by its devices, "a TPU v3 pod", "a GPU cluster", "4 GPU nodes": a count of machines of
# unstated size, not of devices
MACHINE_AFTER = (r"(?![\s-]+(?i:v\d\w*\s+)?(?i:pods?|slices?|clusters?|supercomputers?|servers?|nodes?"
                 r"|machines?|workstations?)\b)")
# the characters a count opens with: a digit, or the first letter of a number word (see WORD); every
# alternative below opens a word with one (tested once, before the alternatives: a fast scan)
# (not the last word of a number in words, "five hundred and twelve": no count of twelve)
COUNT_START = r"(?<![\w.])(?=[\daefhnost])(?<!hundred and )(?<!thousand and )"
DEVICES = re.compile(
    # a space or a times sign after the count: "7B-Chat" is a size, not 7 "B-Chat" devices
    rf"{COUNT_START}(?:(?P<count>{AMOUNT})(?P<k>(?<=\d)[kK](?![a-zA-Z0-9]))?(?:\s*(?:×|x)\s*|\s+)"
    rf"(?P<name>(?:(?!{NOT_A_NAME}|\d[\d,]*-(?:core|chip)\b)(?:[A-Za-z0-9]|\((?=[A-Za-z]|\d+\s?GB?\)))[\w.\-()]*(?<!\.)\s+){{0,5}})\(?{DEVICE_NOUN}\)?(?![\w-])(?![\s-]*(?:hours?|hrs?|days?|weeks?|months?|years?|time)\b)"
    rf"{MACHINE_AFTER}"
    rf"|(?P<count2>{AMOUNT})(?P<k2>(?<=\d)[kK](?![a-zA-Z0-9]))?\s*(?:×|x)?\s*(?:\d+\s?GB\s+)?"
    rf"(?P<name2>(?:(?:NVIDIA|Nvidia|Tesla|GeForce|AMD|Instinct)\s){{0,2}}[A-Za-z][\w.\-]*\d[\w.\-]*)s\b"
    # "an 8-GPU server", "a 2,048-GPU H100 cluster": the count is the machine's or the cluster's
    rf"|(?P<count3>{FREE_NUMBER})-(?P<noun3>GPU|TPU)\s+(?:(?P<name3>[A-Za-z][\w.-]*\d[\w.-]*)\s+)?"
    r"(?:machine|server|node|box|cluster|pod|system|supercomputer)"
    # "a 512-core TPU v3 pod", "a 1024-chip TPUv4 slice": the count is the pod's
    rf"|(?P<count4>\d[\d,]*)-(?P<noun4>core|chip)\s+(?P<name4>(?:Cloud\s+)?TPU[\s-]?v?\d?\w?)"
    r"(?:\s+(?:pod|slice|cluster))?)",
)
# (fine-tuning is training too, and a run counted in epochs is one: its stage is told apart later)
TRAINING = re.compile(r"\b(?:" + any_case((
    "pre-?train", "train", "fine-?tun", "finetun", r"epochs?\b", r"took\b", r"take[sn]?\b", r"taking\b",
    r"needed\b", r"required\b", r"ran\b", r"run\b", r"used\b", r"utili[sz]ed\b", r"conducted\b", r"lasted\b",
    r"converge[sd]?\b")) + ")"
    # "training" in Chinese, traditional Chinese, Japanese and Korean
    r"|训练|訓練|学習|학습|훈련",
    re.IGNORECASE)
# "each epoch took 2 hours", "one epoch takes", "20 minutes per epoch": a time per epoch, not per run
PER_EPOCH_BEFORE = re.compile(r"\b(?:(?:each|every|one|an?|per|single)\s+(?:training\s+)?epoch"
                              # "each of the 4 epochs took 30 hours"
                              r"|(?:each|every|one)\s+of\s+the\s+(?:\w+\s+)?(?:training\s+)?epochs)\b[^.;]*$",
                              re.IGNORECASE)
PER_EPOCH_AFTER = re.compile(r"\s*(?:per|/|for\s+(?:each|every|one|an?))\s*(?:training\s+)?epoch\b",
                             re.IGNORECASE)
EPOCHS = re.compile(rf"(?P<e>{NUMBER})\s*(?:training\s+)?epochs\b", re.IGNORECASE)
# a time told for some of the run's epochs: "training takes 34.5 hours for 800 epochs" of a 1600-epoch run
FOR_EPOCHS_AFTER = re.compile(rf"\s*(?:for|over)\s+(?:the\s+first\s+)?(?P<k>{NUMBER})\s*"
                              r"(?:training\s+)?epochs\b", re.IGNORECASE)


def _epochs_scale(sentence: str, end: int) -> float:
    """How many times the run's epochs a time told "for K epochs" right after it covers: the largest other
    count of epochs its sentence gives over K ("We pre-train for 1600 epochs …; training takes 34.5 hours
    for 800 epochs": 2); 1 when the sentence gives no larger one."""
    told = FOR_EPOCHS_AFTER.match(sentence, end)
    if told is None:
        return 1.0
    k = parse_plain(told.group("k"))
    run = max((parse_plain(m.group("e")) for m in EPOCHS.finditer(sentence) if m.start() != told.start("k")),
              default=0.0)
    return run / k if k and run > k else 1.0


# a run of one epoch: "we train for one epoch, which takes about 5 hours" (the epoch's time is the run's)
ONE_EPOCH_RUN = re.compile(r"\b(?:for|over)\s+(?:one|a\s+single|1)\s+(?:full\s+)?(?:training\s+)?epoch\b",
                           re.IGNORECASE)
# "one minute per move", "2 hours per step": a rate, not a run's length (a time per epoch is read apart;
# "12 hours per run", "3 days per model" are a run's length)
RATE_AFTER = re.compile(r"\s*(?:per|/)\s*(?!(?:training\s+)?(?:epoch|run|model|experiment|job)s?\b)"
                        r"(?:[a-z]+)\b", re.IGNORECASE)
# a time spent measuring, not training: "We ran it for 2 hours to measure throughput", "for 30 minutes of
# profiling"
MEASURING_AFTER = re.compile(r"\s*(?:in\s+order\s+)?(?:to\s+(?:measure|benchmark|profile|time|test)\b"
                             r"|(?:for|of)\s+(?:benchmarking|profiling|measurement|timing)\b)", re.IGNORECASE)
NOT_A_RUN = re.compile(r"\b(?:every|each|per|after|within|up to|at most)\s+"
                       r"(?:just\s+|only\s+|about\s+|less\s+than\s+)?$", re.IGNORECASE)
# but a run that ends "after" or "within" a time lasted that long: "converged after 14 days", "are
# completed within 1.5 days"
RUN_ENDED_AFTER = re.compile(r"\b(?:converge[sd]?|finish(?:es|ed)|complete[sd]?|end(?:s|ed)|stop(?:s|ped)|"
                             r"conclude[sd]?|terminate[sd]?)\s+"
                             r"(?:after|within)\s+(?:about\s+|roughly\s+|approximately\s+|around\s+)?$",
                             re.IGNORECASE)
# a duration "of" a stage of training is that stage's run, even after "after": "after 5 days of
# pre-training on 64 GPUs" (not a milestone, "after 5 days, the loss …")
STAGE_AFTER = re.compile(r"\s+of\s+(?:(?:further|continued|supervised|additional)\s+)?"
                         r"(?:pre-?training|training|fine-?tuning|finetuning)\b", re.IGNORECASE)
# a bound on the run's time, said of training: "pretraining a 10T model on 512 GPUs within 10 days", "can be
# trained on a single GPU within two to four weeks" (not a milestone: "reaches 70% accuracy within 4 hours")
WITHIN_BEFORE = re.compile(r"\bwithin\s+(?:about\s+|roughly\s+|approximately\s+|around\s+|just\s+|only\s+)?$",
                           re.IGNORECASE)
TRAINING_VERB = re.compile(r"\b(?:pre-?)?train(?:ed|ing|s)?\b|\bfine-?tun", re.IGNORECASE)
MILESTONE = re.compile(r"\b(?:reach|achiev|attain|match|surpass|exceed|obtain|hit|beat|get|outperform)\w*"
                       r"|\bpass(?:es|ed)?\s+(?:the|a|an|our|its)\b",
                       re.IGNORECASE)


def _stage_after(sentence: str, match: re.Match[str]) -> bool:
    """Whether a duration after "after" is a stage's run (:data:`STAGE_AFTER`), not a milestone: no
    "just", "only" or "less than" before it, no verb of reaching a result before it in its clause
    ("outperformed the baseline after just 2 days of training", "passes the baseline after …")."""
    if not STAGE_AFTER.match(sentence, match.end()):
        return False
    before = re.split(r"[;:]", sentence[:match.start()])[-1]
    return not (re.search(r"\b(?:just|only|merely|less\s+than|fewer\s+than|under)\s+$", before)
                or MILESTONE.search(before))


def _trained_within(before: str) -> bool:
    """Whether a duration after "within" bounds a training run its clause tells (:data:`WITHIN_BEFORE`)."""
    if not WITHIN_BEFORE.search(before[-40:]):
        return False
    clause = re.split(r"[;:]", before)[-1]
    trained = list(TRAINING_VERB.finditer(clause))
    return bool(trained) and not MILESTONE.search(clause, trained[-1].end())


# a duration written as the run's total is no time per epoch: "Every epoch took 4 days, resulting in a
# total pretraining time of 12 days"
TOTAL_TIME_BEFORE = re.compile(r"\btotal\s+(?:\w+\s+){0,2}?(?:time|duration)\s+(?:of|was|is|:)\s*"
                               r"(?:about\s+|roughly\s+|approximately\s+|around\s+|~\s*)?$|\ba\s+total\s+of\s+$",
                               re.IGNORECASE)
# a time changed into another: "reduces training time from 21 days to 14 days" (the run takes the second)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|roughly\s+|~\s*)?$", re.IGNORECASE)
CHANGED_TO = re.compile(rf"\s*(?:to|down\s+to|up\s+to)\s+(?:about\s+|roughly\s+|only\s+|just\s+|~\s*)?"
                        rf"{AMOUNT}\s*(?:hours?|hrs?|h\b|minutes?|mins?|days?|weeks?|months?)", re.IGNORECASE)
# days and then hours, one duration: "2d 6h", "2 days and 6 hours"
DAYS_THEN_HOURS = re.compile(r"\d+(?:\.\d+)?\s?(?:d|days?)\s*(?:and\s+)?(?P<h>\d+(?:\.\d+)?)\s?"
                             r"(?:h|hrs?|hours?)\b"
                             # "1 week and 3 days"
                             r"|\d+(?:\.\d+)?\s?weeks?\s*(?:and\s+)?(?P<d>\d+(?:\.\d+)?)\s?days?\b",
                             re.IGNORECASE)
MAX_DEVICES = 200_000
YEAR = re.compile(r"(?:19[5-9]\d|20[0-3]\d)")  # a year written before a name is not a count of devices
# the words that take a year: "in 2017 V100 GPUs were …" (not "on 2000 H100s": a count)
YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|of|during|from|before|after|early|late|mid)"
                         r"[\s-]+|^\s*)$", re.IGNORECASE)


SCALE_WORDS = {"thousand": 1000.0, "hundred": 100.0}


def amount(text: str) -> float:
    """A count written in digits or in words ("eight", "a", "a single"), times a scale word after it ("two
    thousand", "a hundred")."""
    word = " ".join(text.lower().split())
    if word == "a single":
        return 1.0
    head, _, scale = word.rpartition(" ")
    if head and scale in SCALE_WORDS:
        return amount(head) * SCALE_WORDS[scale]
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else parse_plain(text)


def durations(sentence: Span) -> list[tuple[float, str, Span]]:
    """(seconds, as written, span) for every duration of a training run in the sentence; a time per
    epoch ("each epoch took 2 hours", "20 minutes per epoch") counts times the epochs the sentence
    gives ("for 90 epochs"), and not at all when it gives none."""
    found = []
    for match in DURATION.finditer(sentence.text):
        before = sentence.text[max(0, match.start() - 40): match.start()]
        if (NOT_A_RUN.search(before[-24:]) and not RUN_ENDED_AFTER.search(before)
                and not _trained_within(sentence.text[:match.start()])
                and not _stage_after(sentence.text, match)) or \
                RATE_AFTER.match(sentence.text, match.end()) or \
                MEASURING_AFTER.match(sentence.text, match.end()) or \
                (FROM_BEFORE.search(before) and CHANGED_TO.match(sentence.text, match.end())):
            continue
        half = 0.5 if match.group("half") or match.group("half_before") else 0.0  # "a week and a half"
        lo = amount(match.group("lo")) + half
        hi = amount(match.group("hi")) + half if match.group("hi") else lo
        if hi < lo:
            continue
        seconds = (lo + hi) / 2 * SECONDS[_unit_key(match.group("unit"))]
        later = DAYS_THEN_HOURS.match(sentence.text, match.start())
        if later:  # "2d 6h", "2 days and 6 hours", "1 week and 3 days": one duration
            seconds += parse_plain(later.group("h")) * 3600 if later.group("h") else \
                parse_plain(later.group("d")) * 86400
        per_epoch_before = PER_EPOCH_BEFORE.search(sentence.text[max(0, match.start() - 120): match.start()])
        if (per_epoch_before and not TOTAL_TIME_BEFORE.search(before)) or \
                PER_EPOCH_AFTER.match(sentence.text, match.end()):
            epochs = EPOCHS.search(sentence.text)
            if epochs is None and not ONE_EPOCH_RUN.search(sentence.text):
                continue  # a time per epoch with no count of epochs: not the run's duration
            seconds *= parse_plain(epochs.group("e")) if epochs else 1  # (a run of one epoch: its time)
        seconds *= _epochs_scale(sentence.text, match.end())
        span = Span(match.group(0), sentence.start + match.start(), sentence.start + match.end())
        found.append((seconds, match.group(0), span))
    for seconds, written, start, end in date_range_durations(sentence.text):  # "from March 11 to April 10"
        found.append((seconds, written, Span(written, sentence.start + start, sentence.start + end)))
    if not found:  # "each step takes 12 seconds …; we train for 100,000 steps"
        for seconds, written, start, end in step_time_durations(sentence.text):
            found.append((seconds, written, Span(written, sentence.start + start, sentence.start + end)))
    return found


# "64 nodes, each with 8 A100 GPUs" / "16 nodes × 8 H100" / "128 nodes (8×A100 each)" / "24 DGX-A800 GPU
# (8×80G) servers" / "2 pods of 4,096 TPU v4 chips": devices per node × nodes
# (a pod's TPU with its version: "2 TPU v4 pods of 3,072 chips")
NODES_BEFORE = re.compile(rf"(?<![\w.])(?P<n>\d[\d,]*|(?i:{WORD}))(?:\s+"
                          r"(?:compute\s+|GPU\s+|TPU(?:[\s-]?v\d[a-z]?)?\s+)?"
                          r"(?:nodes|servers|machines|hosts|replicas|workers|pods|slices)"
                          # or a machine sized by them: "a 512-node cluster with 8 A100 GPUs per node"
                          r"|-(?:node|server|machine|host)\s+(?:cluster|system|supercomputer))"
                          # ("128 nodes, each node having 8 …": the node named again after "each")
                          r"\s*(?:,?\s*(?:each\s+(?:(?:node|server|machine|host|pod)\s+)?)?"
                          r"(?:with|of|containing|having|equipped\s+with|running\s+on|on"
                          r"|using|uses|use)"
                          r"\s+(?:each\s+)?"
                          r"|[×x*]\s*|(?P<open>\s*\(\s*))$",  # "128 nodes (8×A100 each)"
                          re.IGNORECASE)
# the nodes listed before a count that then says it is per node: "8 nodes, 8x H100 per node"
NODES_LISTED_BEFORE = re.compile(rf"(?<![\w.])(?P<n>\d[\d,]*|(?i:{WORD}))\s+(?:compute\s+|GPU\s+)?"
                                 r"(?:nodes|servers|machines|hosts)\s*[,;]\s*$", re.IGNORECASE)
PER_NODE_WORDS = re.compile(r"\beach\b|\bper\s+(?:node|server|machine|host)\b|/\s*(?:node|server)\b",
                            re.IGNORECASE)
# (or the memory first: "96 NVIDIA A100 (40G * 8) servers")
PER_NODE_AFTER = re.compile(r"\s*\((?:(?P<n>\d+)\s*[×x*][^)]{0,20}"
                            r"|\d+\s?G[Bi]?B?\s*[×x*]\s*(?P<n2>\d{1,2})\s*)\)"
                            r"\s*(?:servers?|nodes?|machines?|hosts?)\b", re.IGNORECASE)


# a Cloud TPU device of the second and third generations: four chips on a board (Google Cloud's TPU
# documentation; BERT: "16 Cloud TPUs (64 TPU chips total)"); "16 Cloud TPUs", "16 Cloud TPU v3 devices"
CLOUD_TPU_DEVICE = re.compile(r"(?i:cloud)(?:\s+TPU(?:[\s-]?v[23])?)?\s+(?:TPUs?|devices?)")
CHIPS_PER_CLOUD_TPU = 4
# whole TPU pods counted, "4 TPUv3 pods", "two TPU v4 pods", "a full TPU v3 pod": the chips of a pod of
# that generation (Google Cloud's TPU system architecture pages: v2 256 chips, v3 1,024, v4 4,096, v5e 256,
# v5p 8,960, v6e 256). A pod with no count or "full" before it ("a TPU v3 pod") may be a slice: no count.
TPU_POD = re.compile(r"(?<![\w.,-])(?P<count>\d{1,2}|two|three|four|five|six|eight"
                     r"|(?:a|one|the)\s+(?:full|whole|entire|complete)|an\s+entire)\s+(?:full\s+)?"
                     r"(?:Cloud\s+)?TPU[\s-]?v(?P<gen>[2-6](?:e|p)?)\s+pods?\b(?![\s-]+slices?)",
                     re.IGNORECASE)
POD_CHIPS = {"2": 256, "3": 1024, "4": 4096, "5e": 256, "5p": 8960, "6e": 256}
# a count stated as "the number of …": "The number of GPUs used for training is 512 (A100)", "the number of
# TPU chips was 1,024" (the accelerator in parentheses after it, or named elsewhere in the sentence)
NUMBER_OF_DEVICES = re.compile(r"\bnumber\s+of\s+(?:(?P<name>[A-Z][\w-]*\d[\w-]*|TPU)\s+)?"
                               r"(?P<noun>GPUs|TPUs|NPUs|chips|accelerators|devices)"
                               r"(?:\s+(?:used|employed))?"
                               r"(?:\s+(?:for|in|during)\s+(?:the\s+)?(?:pre-?)?training(?:\s+[\w.-]+){0,2}?)?"
                               r"\s*(?:is|was|=|:)\s*(?P<n>\d[\d,]*)(?![\d.])(?:\s*\((?P<after>[A-Za-z][\w\s-]{0,20})\))?",
                               re.IGNORECASE)
# what every node holds, with no count of nodes: "Each node contains 8 A100 GPUs", "8 GPUs per node"
EACH_NODE_BEFORE = re.compile(r"\b(?:each|every)\s+(?:compute\s+|GPU\s+)?(?:node|server|machine|host)"
                              r"\s+(?:\w+\s+){0,2}?(?:has|have|contains|holds|hosts|comprises|with|of|"
                              r"consists\s+of|is\s+equipped\s+with|houses|carries)\s+$", re.IGNORECASE)
EACH_NODE_AFTER = re.compile(r"\s*(?:per|in\s+each|on\s+each|each|in\s+every|on\s+every)\s+"
                             r"(?:compute\s+)?(?:node|server|machine|host)\b", re.IGNORECASE)


def _a_nodes_devices(sentence: str, match: re.Match[str]) -> bool:
    """Whether a device count is what every node holds ("Each node contains 8 A100 GPUs", "8 GPUs per
    node"): with no count of nodes beside it, it is not how many devices the run used."""
    return bool(EACH_NODE_BEFORE.search(sentence[max(0, match.start() - 50): match.start()])
                or EACH_NODE_AFTER.match(sentence, match.end()))


# "32 x 8 A100 GPUs", "16 × 8 GPUs": a count of nodes times the devices in each
# (also restating a count in parentheses: "32 (4 x 8) A100 GPUs")
PRODUCT = re.compile(r"\d[\d,]*\s*[×x*]\s*(?P<per>\d{1,2})\)?\s+(?!Gi?B\b)(?=\S)")  # not "4 x 8 GB GPUs"
# a count times a larger one without a separator, a pod's chips: "4 × 3072 chips" (see DEVICES' use)
LARGER_PRODUCT = re.compile(r"\d[\d,]*\s*[×x*]\s*(?P<per>\d{3,6})(?![\d,.])\)?\s+(?!Gi?B\b)(?=\S)")
GPU_NOUN = re.compile(r"\(?(?:gpus?|cards?)\b", re.IGNORECASE)
# the nodes before a plural name's count: "8 x 8 H100s"
NODES_TIMES = re.compile(r"(?<![\w.])(?P<n>\d{1,4})\s*[×x*]\s*$")


# a superchip of one CPU and two GPUs, counted by the superchip: NVIDIA's GB200 and GB300 (its NVL72 rack
# holds 36 of them and 72 GPUs); the hardware table's peaks are per GPU
TWO_GPU_SUPERCHIPS = {"GB200", "GB300"}
SUPERCHIP_AFTER = re.compile(r"\s*(?:Grace[\s-]+Blackwell\s+)?super-?chips?\b", re.IGNORECASE)


def _nodes_times(sentence: str, match: re.Match[str]) -> float:
    """The nodes a count is multiplied by when written as a product before it ("4×8 A100": 32)."""
    nodes = NODES_TIMES.search(sentence, max(0, match.start() - 8), match.start())
    return parse_plain(nodes.group("n")) if nodes else 1.0


def _per_node(sentence: str, match: re.Match[str]) -> float:
    """The factor by which a device count is per node: the nodes counted before it, or listed before it
    when the count says it is per node ("8 nodes, 8x H100 per node"), or the devices per server written
    after it (see :data:`NODES_BEFORE`, :data:`NODES_LISTED_BEFORE`, :data:`PER_NODE_AFTER`)."""
    before = NODES_BEFORE.search(sentence[max(0, match.start() - 60): match.start()])
    if before and before.group("open"):  # in parentheses, a count per node says so: not "64 nodes (512 GPUs)"
        closing = sentence.find(")", match.start())
        inside = sentence[match.start(): closing if closing != -1 else match.end() + 30]
        return amount(before.group("n")) if PER_NODE_WORDS.search(inside) else 1.0
    if before:
        return amount(before.group("n"))  # "twelve servers, each with eight A100 GPUs": 96
    listed = NODES_LISTED_BEFORE.search(sentence[max(0, match.start() - 40): match.start()])
    if listed and PER_NODE_WORDS.match(sentence[match.end(): match.end() + 30].lstrip()):
        return amount(listed.group("n"))  # "8 nodes, 8x H100 per node": 64
    after = PER_NODE_AFTER.match(sentence, match.end())
    if after:
        return parse_plain(after.group("n") or after.group("n2"))
    if SUPERCHIP_AFTER.match(sentence, match.end()) and \
            getattr(resolve_accelerator(match.group("name")), "name", None) in TWO_GPU_SUPERCHIPS:
        return 2.0  # "512 GB200 superchips": a Grace CPU and two Blackwell GPUs each
    return 1.0


@lru_cache(maxsize=1)
def _bare_count() -> re.Pattern[str]:
    """A count written straight before a known accelerator's name, with no device noun after it:
    "8 V100", "on 8 16 GB V100 for 90 hours", "4 × A100-80GB"; not device time, "20,051 A100 hours"."""
    # (a count may follow its nodes and a times sign with no space: "4x8 H100", read as 32)
    return re.compile(rf"(?:{COUNT_START}|(?<=\dx)(?=\d))(?P<count>\d[\d,]*|(?:a\s+)?single"
                      rf"|(?:{WORD_ANY_CASE})(?:\s+(?:thousand|hundred)\b)?)\s*(?:×|x)?\s*(?:\d+\s?GB\s+)?"
                      r"(?:(?:NVIDIA|Nvidia|Tesla|AMD|Google)\s+)?"
                      rf"(?P<name>{accelerator_regex()})(?![\w-])"
                      rf"(?![\s-]*(?:\d+\s?GB|SXM\d?|PCIe|[\s-])*(?:[\w()]+[\s-]+)?{DEVICE_NOUN})"
                      # device time, not a count: "20,051 A100 hours", "300 A100 GPU days"
                      r"(?![\s-]*(?:GPU[\s-]*)?(?:hours?|hrs?|days?|weeks?|months?|years?)\b)"
                      # a machine of unstated size: "a TPU v3 pod"
                      rf"{MACHINE_AFTER}",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _machine_of_accelerators() -> re.Pattern[str]:
    """A machine named by its accelerators: "a single 8-A100 node", "an 8xH100 server", "a 16-A100(40G)
    machine" (its count)."""
    return re.compile(rf"(?<![\w.])(?P<count>\d{{1,2}})\s*[-x×]\s*(?P<name>{accelerator_regex()})"
                      r"(?:\s*\(\d+\s?GB?\))?\s+"  # its memory: "a single 16-A100(40G) machine"
                      r"(?:machine|server|node|box|system)s?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _count_after() -> re.Pattern[str]:
    """A count written after the accelerator with a times sign: "NVIDIA A100 80GB x 64", "A100 (80GB) ×
    512", "H200 GPUs x 512 EA" (a whole number, not a speed-up, "V100 × 2.5")."""
    return re.compile(rf"(?<![\w.])(?:(?:NVIDIA|Nvidia|AMD|Google)\s+)?(?P<name>{accelerator_regex()})"
                      r"(?:[\s-]*\(?\d+\s?GB\)?)?(?:\s+GPUs?)?\s*[x×*]\s*(?P<count>\d[\d,]*)(?![\d.,]*\w)",
                      re.IGNORECASE)


TIMES_COUNT = re.compile(r"[x×*]\s*\d")  # the cheap test before :func:`_count_after`


MACHINE_WORDS = ("cluster", "supercomputer", "system", "pod", "machine", "server", "node", "box",
                 "workstation")
MACHINE_WORD = rf"(?:{'|'.join(MACHINE_WORDS)})\b"
MACHINE_HINT = re.compile("|".join(MACHINE_WORDS))  # the cheap test, on the lower-cased sentence


@lru_cache(maxsize=1)
def _sized_machine() -> re.Pattern[str]:
    """One machine sized by the count of its devices, the count after an article: "a 16K H100 cluster",
    "a 256 GPU (A100) cluster", "our 1,024 A100 GPU supercomputer" (the devices, not machines: "4 GPU
    nodes" counts nodes)."""
    device = r"(?:GPU|TPU|NPU|chip|accelerator|device)s?"
    return re.compile(rf"\b(?:a|an|our|the|its|their|this|one)\s+(?P<count>\d[\d,]*)(?P<k>[kK])?[\s-]+"
                      rf"(?:(?P<noun>{device})[\s-]+)?"
                      r"(?:\((?P<inside>[^()]{1,30})\)\s+)?"
                      rf"(?:(?:NVIDIA|Nvidia|AMD|Google)\s+)?(?:(?P<name>{accelerator_regex()})[\s-]+"
                      rf"(?:{device}[\s-]+)?)?"
                      r"(?:\((?P<after>[^()]{1,30})\)\s+)?"
                      rf"{MACHINE_WORD}", re.IGNORECASE)


# a count of machines written before "8-GPU servers": "64 8-GPU A100 servers" is 512 GPUs
# (in words too: "eight 8×A100 nodes")
# (after a slice's name: "2 TPU v5p-128 slices", "64 Cloud TPU v3-8 devices")
SEVERAL_SLICES = re.compile(r"\s+(?:TPU\s+)?(?:pods|slices|devices|instances|VMs|hosts|machines|boards)\b",
                            re.IGNORECASE)
SLICES_BEFORE = re.compile(r"(?<![\w.])(?P<n>\d[\d,]*)\s+Google\s+$")  # "64 Google Cloud TPU v3-8 devices"
MACHINES_BEFORE = re.compile(r"(?<![\w.])(?P<n>\d[\d,]*|(?i:two|three|four|five|six|seven|eight|nine|ten"
                             r"|twelve|sixteen|twenty|thirty-two|sixty-four))\s+$")


# NVIDIA's DGX systems and the GPUs each holds (NVIDIA's product pages): "4 DGX A100 nodes" is 32 A100s;
# an HGX server board holds as many ("16 HGX H100 servers": 128 H100s; HGX-2: 16 V100s); an NVL72 rack
# holds 72 Blackwell GPUs and an NVL36 36 ("64 GB200 NVL72 racks": 4,608 GB200 GPUs)
_SYSTEM = r"(?:\s+(?:nodes?|systems?|servers?|machines?|boxes|racks?))"
DGX = re.compile(rf"(?<![\w.])(?P<count>\d[\d,]*|{WORD})\s+(?:NVIDIA\s+)?(?:DGX[\s-]?"
                 rf"(?P<model>A100|H100|H200|B200|B300|1|2|Station)?{_SYSTEM}?"
                 # an HGX board is a server only when the text says so ("an HGX A100 GPU" is one GPU)
                 rf"|HGX[\s-]?(?P<board>A100|H100|H200|B200|B300|2){_SYSTEM}"
                 rf"|(?:(?P<superchip>GB200|GB300)[\s-]+)?NVL(?P<rack>72|36){_SYSTEM}?)"
                 r"(?![\w-])", re.IGNORECASE)
DGX_GPUS = {"a100": (8, "A100"), "h100": (8, "H100"), "h200": (8, "H200"), "b200": (8, "B200"),
            "b300": (8, "B300"), "1": (8, "V100"), "2": (16, "V100"), "station": (4, "V100"), "": (8, "")}


# nodes of a data-centre GPU with no count of GPUs in each: "32 H100 nodes", "64 nodes of A100 GPUs" — an
# HGX server board, which such nodes are built on, holds 8 (NVIDIA's HGX product pages); a count per node
# the text gives is read instead ("32 nodes of 8 H100", :data:`NODES_BEFORE`; "32 A100 nodes (4 GPUs
# each)")
_NODE_GPU = (r"(?:NVIDIA\s+)?(?P<gpu>A100|A800|H100|H800|H200|H20|B200|B300)"
             r"(?:[\s-]*(?:SXM\d?|\d{2,3}\s?GB))*")
# (not the second factor of a product, "2 × 8 A100 nodes": two nodes of eight, read as a product)
GPU_NODES = re.compile(rf"(?<![\w.])(?<![×*]\s)(?<![×*])(?<!\dx\s)(?<!\d\sx\s)(?P<count>\d[\d,]*|{WORD})\s+"
                       rf"(?:{_NODE_GPU}\s+(?:GPU\s+)?(?:nodes|servers)"
                       rf"|(?:compute\s+|GPU\s+)?(?:nodes|servers)\s+of\s+"
                       rf"{_NODE_GPU.replace('gpu>', 'gpu2>')}"
                       r"(?:\s+GPUs?)?)(?![\w-])"
                       # (the count per node in parentheses after them: "32 A100 nodes (4 GPUs each)")
                       r"(?:\s*\(\s*(?P<per>\d{1,2})\s+GPUs?\s+(?:each|per\s+node)\s*\))?"
                       r"(?!\s*(?:,\s*)?(?:each|with|\(|x|×))", re.IGNORECASE)
GPUS_PER_HGX_NODE = 8
# nodes times the GPUs each holds, before the nodes' noun: "2 × 8 A100 nodes", "4x8 H100 (80GB) servers"
NODES_PRODUCT = re.compile(rf"(?<![\w.])(?P<nodes>\d{{1,4}})\s*[×x*]\s*(?P<per>\d{{1,2}})\s*[×x*]?\s*"
                           rf"{_NODE_GPU}(?:\s*\(\s*\d{{2,3}}\s?GB\s*\))?\s+(?:GPU\s+)?(?:nodes|servers|machines)\b",
                           re.IGNORECASE)


def _gpu_nodes(sentence: Span) -> list[tuple[float, str, str, Span]]:
    """Nodes of a data-centre GPU as GPUs (:data:`GPU_NODES`): eight a node, or the count per node the
    parenthesis after them gives; nodes times their GPUs written before the noun (:data:`NODES_PRODUCT`)."""
    found = []
    for m in GPU_NODES.finditer(sentence.text):
        at = sentence.start + m.start()
        per_node = int(m.group("per")) if m.group("per") else GPUS_PER_HGX_NODE
        found.append((amount(m.group("count")) * per_node, m.group("gpu") or m.group("gpu2"), "gpu",
                      Span(m.group(0), at, at + len(m.group(0)))))
    for m in NODES_PRODUCT.finditer(sentence.text):  # "2 × 8 A100 nodes": 16
        at = sentence.start + m.start()
        found.append((float(m.group("nodes")) * float(m.group("per")), m.group("gpu"), "gpu",
                      Span(m.group(0), at, at + len(m.group(0)))))
    return found


def _systems(sentence: Span) -> list[tuple[float, str, str, Span]]:
    """DGX (and HGX) systems and NVL72 (NVL36) racks as GPU counts; a DGX-1, DGX-2 or Station is read
    with the GPU the sentence names, else the V100 it shipped with longest, and a bare "DGX" or "NVL72"
    with the sentence's GPU."""
    found = []
    for m in DGX.finditer(sentence.text):
        if m.group("rack"):
            per_system, gpu = int(m.group("rack")), m.group("superchip") or ""
        else:
            per_system, gpu = DGX_GPUS[(m.group("model") or m.group("board") or "").lower()]
        if m.group("model") and m.group("model").lower() in ("1", "2", "station"):
            named = accelerator_pattern().search(sentence.text)
            gpu = named.group("accelerator") if named else gpu
        at = sentence.start + m.start()
        span = Span(m.group(0), at, at + len(m.group(0)))
        found.append((amount(m.group("count")) * per_system, gpu, "gpu", span))
    return found


def device_counts(sentence: Span) -> list[tuple[float, str, str, Span]]:
    """(count, accelerator as written or "", device noun, span) for every device count in the sentence;
    a count per node is multiplied by the nodes ("64 nodes with 8 GPUs each": 512)."""
    return list(_device_counts(sentence))


@lru_cache(maxsize=64)  # a sentence is read as a count's own and as the one after a nearby count
def _device_counts(sentence: Span) -> tuple[tuple[float, str, str, Span], ...]:
    low = sentence.text.lower()
    found = _systems(sentence) if "dgx" in low or "hgx" in low or "nvl" in low else []
    if "node" in low or "server" in low:  # "32 H100 nodes"
        found += _gpu_nodes(sentence)
    if any(word in low for word in INSTANCE_WORDS):  # "32 p4d.24xlarge instances"
        found += instance_counts(sentence)
    taken = {span.start for *_, span in found}
    found += [(amount(re.sub(r"^a\s+(?=single)", "", m.group("count"))) * _per_node(sentence.text, m)
               * _nodes_times(sentence.text, m), m.group("name"), "gpu",
               Span(m.group(0), sentence.start + m.start(), sentence.start + m.end()))
              for m in _bare_count().finditer(sentence.text)
              # "8 V100s" is a plural, read below, not a V100S; "in 2017 V100 GPUs": a year, not a count
              if m.group("name")[-1] != "s" and not YEAR.fullmatch(m.group("count"))
              and sentence.start + m.start() not in taken]
    for m in _count_after().finditer(sentence.text) if TIMES_COUNT.search(sentence.text) else ():
        at = sentence.start + m.start()  # "NVIDIA A100 80GB x 64"
        span = Span(m.group(0), at, at + len(m.group(0)))
        found.append((parse_plain(m.group("count")), m.group("name"), "gpu", span))
    for m in _machine_of_accelerators().finditer(sentence.text):  # "a single 8-A100 node"
        at = sentence.start + m.start()
        if at not in taken:
            machines = MACHINES_BEFORE.search(sentence.text, max(0, m.start() - 12), m.start())
            count = float(m.group("count")) * (amount(machines.group("n")) if machines else 1)
            found.append((count, m.group("name"), "gpu", Span(m.group(0), at, at + len(m.group(0)))))
    slices = []  # (and machines sized by their devices: what they hold is read, not counted again)
    for m in _sized_machine().finditer(sentence.text) if MACHINE_HINT.search(low) else ():
        # ("a 1080 GPU" alone is one GPU of that model: only a machine after it makes the number a count, and
        # not a number that names a GeForce card with no other name beside it: "a 3090 GPU workstation")
        name = m.group("name") or m.group("inside") or m.group("after") or ""
        if not name and _geforce_number(m.group("count")):
            continue
        count = _part_of_whole(sentence.text, m.start("count"),
                               parse_plain(m.group("count")) * (1000 if m.group("k") else 1))
        at = sentence.start + m.start()
        if (m.group("noun") or m.group("name")) and 1 < count <= MAX_DEVICES and at not in taken:
            noun = (m.group("noun") or "gpu").lower()
            found.append((count, name, noun, Span(m.group(0), at, at + len(m.group(0)))))
            slices.append(range(m.start(), m.end()))
    for m in TPU_SLICE.finditer(sentence.text):  # "a v3-256 TPU pod": a slice is a count of chips
        chips, name = tpu_slice(m)
        # slices counted: "2 TPU v5p-128 slices", "four v4-512 pods" (a count before, the plural after)
        several = MACHINES_BEFORE.search(sentence.text, max(0, m.start() - 14), m.start()) or \
            SLICES_BEFORE.search(sentence.text, max(0, m.start() - 22), m.start())
        if several and (m.group("plural") or SEVERAL_SLICES.match(sentence.text, m.end())) and \
                not YEAR.fullmatch(several.group("n")):
            chips *= amount(several.group("n"))
        at = sentence.start + m.start()
        found.append((chips, name, "chip", Span(m.group(0), at, at + len(m.group(0)))))
        slices.append(range(m.start(), m.end()))
    taken = {span.start for *_, span in found}
    for match in DEVICES.finditer(sentence.text):
        # (the size of a slice is no count of its own: "v3-8 TPUs" is the slice of 8 cores)
        if sentence.start + match.start() in taken or any(match.start() in part for part in slices) or (
                YEAR.fullmatch(match.group(0).split()[0])
                and YEAR_BEFORE.search(sentence.text[max(0, match.start() - 12): match.start()])):
            continue
        if match.group("count3"):
            count, noun = parse_plain(match.group("count3")), match.group("noun3")
            name = match.group("name3") or ""
            machines = MACHINES_BEFORE.search(sentence.text, max(0, match.start() - 12), match.start())
            if machines and not YEAR.fullmatch(machines.group("n")):
                count *= amount(machines.group("n"))  # "64 8-GPU servers", "eight 8-GPU servers"
        elif match.group("count4"):
            count, name = parse_plain(match.group("count4")), match.group("name4")
            noun = match.group("noun4") + "s"
        elif match.group("count2"):
            count, name, noun = amount(match.group("count2")), match.group("name2"), "gpu"
            count *= 1000 if match.group("k2") else 1
            nodes = NODES_TIMES.search(sentence.text, max(0, match.start() - 8), match.start())
            count *= parse_plain(nodes.group("n")) if nodes else 1  # "8 x 8 H100s": 64
            if resolve_accelerator(name) is None:
                continue
        else:
            count = amount(match.group("count")) * (1000 if match.group("k") else 1)
            name, noun = match.group("name").strip(), match.group(0).split()[-1]
            if not match.group("count")[0].isdigit() and re.fullmatch(r"\d[\d,]*", name) and \
                    noun.lower().endswith("s"):  # not "a 1080 GPU", one GPU of model 1080
                count, name = parse_plain(name), ""  # "a 480 GPUs cluster": the number is the count
            product = PRODUCT.match(match.group(0))
            if product:  # "32 x 8 A100 GPUs": nodes times devices per node
                count *= float(product.group("per"))
                name = name[len(product.group("per")):].strip().lstrip(")").strip()
            elif "," in match.group("count"):  # "2 × 4,096 chips": pods or nodes times a larger count
                nodes = NODES_TIMES.search(sentence.text, max(0, match.start() - 8), match.start())
                count *= parse_plain(nodes.group("n")) if nodes else 1
            elif (larger := LARGER_PRODUCT.match(match.group(0))) and not GPU_NOUN.match(noun):
                # "4 × 3072 chips", "4 × 3072 TPU v4 chips": pods times their chips (not "8 x 3090 GPUs",
                # eight GPUs of a model numbered 3090)
                count *= parse_plain(larger.group("per"))
                name = name[len(larger.group("per")):].strip()
        per_node = _per_node(sentence.text, match)
        if per_node == 1 and _a_nodes_devices(sentence.text, match):
            continue  # "Each node contains 8 A100 GPUs": not the run's count (see node_time)
        count *= per_node
        count = _part_of_whole(sentence.text, match.start(), count)
        used = USED_OF_WHICH.match(sentence.text, match.end()) if ", of which" in sentence.text else None
        if used and parse_plain(used.group("n") or used.group("n2")) < count:  # "…, of which 768 were used"
            count = parse_plain(used.group("n") or used.group("n2"))
        if CLOUD_TPU_DEVICE.fullmatch(f"{name} {noun}".strip()):  # "16 Cloud TPUs": 64 chips
            count, noun = count * CHIPS_PER_CLOUD_TPU, "chips"
            name = name if "tpu" in name.lower() else "TPU"
        if not 1 <= count <= MAX_DEVICES:
            continue
        span = Span(match.group(0), sentence.start + match.start(), sentence.start + match.end())
        found.append((count, name, noun.lower(), span))
    if " of th" in low:  # "trained for 10 days on 256 of them": a part of the devices named before
        for m in OF_THEM.finditer(sentence.text):
            start, end = m.start("count"), m.end()
            found.append((parse_plain(m.group("count")), "", "devices",
                          Span(sentence.text[start:end], sentence.start + start, sentence.start + end)))
    found += _pods(sentence, found) + _numbers_of_devices(sentence, found)
    if not found and any(unit in low for unit in ("day", "hour", "week", "month")) and \
            ("using" in low or "on " in low or "with" in low):  # (cheap first: a run's time is told)
        found += _implied_single(sentence)
    return tuple(found)


@lru_cache(maxsize=1)
def _implied_single_pattern() -> re.Pattern[str]:
    """One accelerator named in the singular with no count or article after a word of use: "trained for
    9 days using NVIDIA Tesla K40" (not "using A100s", "on V100 GPUs", "with H100 nodes", nor a TPU)."""
    return re.compile(r"\b(?:using|on|with)\s+(?P<device>(?:(?:NVIDIA|Tesla|GeForce|AMD)\s+){0,2}"
                      rf"(?P<name>{accelerator_regex()}))(?![\w-])"
                      rf"(?![\s-]*(?:\d+\s?GB\s*)?(?:{DEVICE_NOUN}|nodes?|servers?|machines?|clusters?|pods?"
                      r"|slices?|instances?|systems?)\b)(?!\s*[x×*]\s*\d)", re.IGNORECASE)


def _implied_single(sentence: Span) -> list[tuple[float, str, str, Span]]:
    """A run on one device that a sentence names with no count (:func:`_implied_single_pattern`), when
    the sentence writes no device in the plural."""
    if not SINGULAR_DEVICE_HINT.search(sentence.text) or PLURAL_DEVICES.search(sentence.text):
        return []  # (cheap first: a device's name holds a letter and its number, "K40", "A100")
    m = _implied_single_pattern().search(sentence.text)
    if m is None or m.group("name")[-1] == "s" or "tpu" in m.group("name").lower():
        return []  # (a TPU named alone is a slice of unstated size: "Training on TPU v3 takes 0.4 days")
    at = sentence.start + m.start("device")
    return [(1.0, m.group("name"), "gpu", Span(m.group("device"), at, at + len(m.group("device"))))]


SINGULAR_DEVICE_HINT = re.compile(r"[A-Z]\d{2,4}(?![\ds])")
PLURAL_DEVICES = re.compile(r"\b(?:GPUs|TPUs|chips|cards|devices|accelerators|nodes|machines|servers)\b"
                            r"|[A-Z]\d{2,4}s\b")


# a part of the devices a sentence before names, after a word of use: "Our cluster has 10,000 H100 GPUs.
# Heron was trained for 10 days on 256 of them" (the accelerator is the one the text names)
OF_THEM = re.compile(r"\b(?:on|using|with|across|over|used|uses|employed|took|occupied)\s+"
                     r"(?:only\s+|just\s+)?(?P<count>\d[\d,]*)\s+of\s+"
                     r"(?:them|these|those|(?:these|those|the|our)\s+(?:GPUs|chips|accelerators|devices|cards))\b",
                     re.IGNORECASE)


# a share of a machine or a count: "half of our 10,000-GPU cluster", "a quarter of the 2,048 A100s", "25% of
# our 4,096 H100s" (the run used that share)
SHARE = (r"(?:(?P<word>half|one\s+half|a\s+third|one\s+third|two\s+thirds|a\s+quarter|one\s+quarter"
         r"|three\s+quarters)|(?P<pct>\d{1,2}(?:\.\d+)?)\s?%)")  # a share in words or a percentage
SHARE_BEFORE = re.compile(rf"\b{SHARE}\s+of\s+"
                          r"(?:our|the|a|an|its|their|this)\s+(?:(?:\w+\s+){0,2}?)$", re.IGNORECASE)
# a count of the devices before a larger whole: "768 of our 1,024 H100 GPUs", "512 out of the 2,048 GPUs"
PART_COUNT_BEFORE = re.compile(r"(?<![\d.,])(?P<n>\d[\d,]*)\s+(?:out\s+)?of\s+(?:our|the|its|their|this|a|an)"
                               r"\s+(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
# the devices used told after the whole: "1,024 H100 GPUs, of which 768 were used for the run"
# (or in the active, the user first: "4,096 H100 GPUs, of which Heron-7B used 512 for 12 days")
USED_OF_WHICH = re.compile(r"\s*,\s*of\s+which\s+(?:(?P<n>\d[\d,]*)\s+(?:were|are|was)\s+(?:used|dedicated|"
                           r"allocated|devoted|reserved)\b"
                           r"|(?:we|the\s+(?:final\s+)?(?:model|run)|(?-i:[A-Z])[\w.-]*\w)\s+(?:only\s+)?"
                           r"(?:used|uses|took|occupied|ran\s+on|trained\s+on)\s+(?:only\s+)?(?P<n2>\d[\d,]*)\b"
                           r"(?!\s*(?:%|percent|days?|hours?|weeks?|months?)))", re.IGNORECASE)
SHARE_WORDS = {"half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
               "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75}


# a share of the devices a sentence before counted: "used half of them", "25% of these GPUs", "a quarter of
# the cluster"
SHARE_OF_THEM = re.compile(rf"\b{SHARE}\s+of\s+(?:them|these|those|(?:these|those|the|our|this|that)\s+"
                           r"(?:GPUs|chips|accelerators|devices|cards|cluster|machines|nodes))\b",
                           re.IGNORECASE)


def _share_of_them(words: str) -> float:
    """The share of a device count that words after its sentence say the run used
    (:data:`SHARE_OF_THEM`); 1 when none."""
    return _share(SHARE_OF_THEM.search(words) if " of " in words else None)


def _share_before(text: str, at: int) -> float:
    """The share of a device count the words before it take (:data:`SHARE_BEFORE`); 1 when none."""
    return _share(SHARE_BEFORE.search(text, max(0, at - 40), at))


def _geforce_number(number: str) -> bool:
    """Whether a number is a GeForce card's model number ("3090", "1080"): the card, not a count."""
    return any(resolve_accelerator(f"{series} {number}") is not None for series in ("RTX", "GTX"))


def _part_of_whole(sentence: str, at: int, count: float) -> float:
    """The devices a run used of a whole counted at ``at``: a share of it ("half of our 10,000-GPU …") or a
    count of them before it ("768 of our 1,024 H100 GPUs"), else the whole."""
    if "of " not in sentence[max(0, at - 8): at]:
        return count
    count *= _share_before(sentence, at)
    part = PART_COUNT_BEFORE.search(sentence, max(0, at - 40), at)
    return parse_plain(part.group("n")) if part and parse_plain(part.group("n")) < count else count


def _share(match: re.Match[str] | None) -> float:
    """The share a :data:`SHARE` match writes, as a fraction; 1 for no match."""
    if match is None:
        return 1.0
    if match.group("pct"):
        return float(match.group("pct")) / 100
    return SHARE_WORDS[" ".join(match.group("word").lower().split())]


def _numbers_of_devices(sentence: Span,
                        found: list[tuple[float, str, str, Span]]) -> list[tuple[float, str, str, Span]]:
    """Counts stated as "the number of GPUs … is 512" (:data:`NUMBER_OF_DEVICES`), where the sentence
    counts its devices no other way."""
    if found or "number of" not in sentence.text.lower():
        return []
    counts = []
    for m in NUMBER_OF_DEVICES.finditer(sentence.text):
        name = (m.group("after") or m.group("name") or "").strip()
        count = parse_plain(m.group("n"))
        if 1 <= count <= MAX_DEVICES:
            at = sentence.start + m.start()
            counts.append((count, name, m.group("noun").lower(), Span(m.group(0), at, at + len(m.group(0)))))
    return counts


def _pods(sentence: Span, found: list[tuple[float, str, str, Span]]) -> list[tuple[float, str, str, Span]]:
    """Whole TPU pods counted (:data:`TPU_POD`) as their chips, where the sentence sizes no slice."""
    if "pod" not in sentence.text.lower() or found:
        return []
    pods = []
    for m in TPU_POD.finditer(sentence.text):
        count = m.group("count").split()[0].lower()
        pods_counted = parse_plain(count) if count[0].isdigit() else NUMBER_WORDS.get(count, 1)
        at = sentence.start + m.start()
        generation = m.group("gen").lower()
        pods.append((pods_counted * POD_CHIPS[generation], f"TPU v{generation}", "chip",
                     Span(m.group(0), at, at + len(m.group(0)))))
    return pods


# what a count of devices is for, written right after it: "5,000 TPUs to generate self-play games",
# "256 GPUs for data generation", "64 TPUs to train the networks"
PURPOSE = re.compile(r"[^.;]{0,24}?\b(?:to|for)\s+(?:the\s+|our\s+)?(?P<what>[a-z-]+(?:\s+[a-z-]+)?)",
                     re.IGNORECASE)
NOT_TRAINING_PURPOSE = re.compile(r"generat|self-play|play(?:ing)?\b|inference|serv|evaluat|rollouts?\b"
                                  r"|simulat|act(?:ors|ing)\b|sampl|search"
                                  r"|data\s+(?:generation|collection|processing)|preprocess|tokeni[sz](?:ing|ation)",
                                  re.IGNORECASE)


def _purpose(sentence: Span, device: tuple[float, str, str, Span]) -> str:
    """What the words right after a device count say it is for ("to generate", "for training"), or ""."""
    purpose = PURPOSE.match(sentence.text, device[3].end - sentence.start)
    return purpose.group("what").lower() if purpose else ""


# a passive verb of another use right before a count, in its clause: "Self-play games were generated on
# 5,000 TPUs", "rollouts are collected using 256 GPUs"
OTHER_USE_BEFORE = re.compile(r"\b(?:were|was|are|is)\s+(?:\w+\s+)?(?:generated|played|simulated|sampled"
                              r"|collected|rendered|evaluated|served|produced|synthesi[sz]ed)\s+"
                              r"(?:on|using|with|across)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:\w+\s+)?$",
                              re.IGNORECASE)


def for_training(sentence: Span, device: tuple[float, str, str, Span]) -> bool:
    """Whether a device count may be a training run's: not when the words right after it give it
    another purpose ("5,000 TPUs to generate self-play games and 64 TPUs to train": the 5,000 serve
    the games; "256 GPUs for data generation"), nor when a passive verb of another use stands right before
    it in its clause ("Self-play games were generated on 5,000 first-generation TPUs, and the network was
    trained on 64 …")."""
    if NOT_TRAINING_PURPOSE.match(_purpose(sentence, device)):
        return False
    at = device[3].start - sentence.start
    return OTHER_USE_BEFORE.search(sentence.text[max(0, at - 60): at]) is None


def next_sentence(text: str, sentence: Span) -> Span | None:
    """The sentence that starts after ``sentence`` (None at the text's end)."""
    start = sentence.end
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text) - 2:
        return None
    following = sentence_around(text, start + 1, start + 2)  # inside it: the boundary before is seen
    return following if following.start >= sentence.end else None


FOLLOWING_SENTENCES = 4
# a device count's sentence that tells the set-up a run trains on, not a run: "we parallelized our model
# using an 8-GPU machine" (its training time may come some sentences later, as for a sentence that trains)
SET_UP = re.compile(r"\b(?:paralleli[sz]\w*|distributed|implementation)\b", re.IGNORECASE)
# a sentence that tells how the devices already counted are shared out, not another set-up: "Each layer
# was executed on a different GPU", "The remaining 4 GPUs were used to parallelize the softmax", "two of
# them hold the embeddings"
PART_OF_DEVICES = re.compile(r"\b(?:remaining|different|separate|each|every|other|same)\s+(?:\d+\s+)?"
                             r"(?:GPUs?|TPUs?|devices?|chips?|cards?)\b|\b\d+\s+of\s+(?:the|these|them|those)\b",
                             re.IGNORECASE)
# "We compare against Kite (trained for 3 weeks)": a sentence that evaluates or compares is about other
# runs, even when it says how long a compared model trained
STUDY_OPENING = re.compile(r"\W*(?:we|they)\s+(?:also\s+|then\s+|further\s+)?"
                           r"(?:evaluat|compar|test|benchmark|play|pit|contrast)\w*\b", re.IGNORECASE)


def _glosses_a_name(sentence: Span, span: Span) -> bool:
    """Whether a duration stands in a parenthesis of its own training ("the earlier Kite (trained for
    3 days)"): in a later sentence, such a gloss is about what it follows, not the set-up before it
    ("… for 300,000 steps (3.5 days)" is the set-up's own)."""
    before = sentence.text[: span.start - sentence.start]
    opened = before.rfind("(")
    return opened > before.rfind(")") and "train" in before[opened:].lower()


def _following_durations(text: str, sentence: Span) -> tuple[list[tuple[float, str, Span]], int]:
    """The training durations of the sentences after a device count that gives none: the next one
    when it is about training, or up to four when the count's own sentence trains or tells the set-up
    (:data:`SET_UP`: "We trained on 8 P100 GPUs. Each step took 0.4 s. The big models trained for 3.5
    days."; a set-up told size by size, step time and steps for each, takes four); reading stops at a
    sentence that names devices (another set-up; not one that shares out those counted,
    :data:`PART_OF_DEVICES`, and gives no time of its own) or at a blank line, and a sentence that opens by
    evaluating or comparing ("We compare against Kite (trained for 3 weeks)") gives none. Of a
    pre-training's time and a fine-tuning's told one after the other ("Pre-training completes within 4
    hours. Fine-tuning completes within 10 hours."), the run's is the pre-training's: reading stops
    before the first sentence of fine-tuning once a time was found. Returns them and where the last one
    read ends."""
    found: list[tuple[float, str, Span]] = []
    end, current = sentence.end, sentence
    reach = FOLLOWING_SENTENCES if TRAINING.search(sentence.text) or SET_UP.search(sentence.text) else 1
    for _ in range(reach):
        following = next_sentence(text, current)
        if following is None or "\n\n" in text[current.end: following.start] or \
                (device_counts(following) and (not PART_OF_DEVICES.search(following.text)
                                               or durations(following))):
            break  # (a share with its own time pairs itself: "… took 2.5 days on 16 of the servers")
        times = [] if STUDY_OPENING.match(following.text) else \
            [d for d in durations(following) if not _glosses_a_name(following, d[2])]
        if times and (TRAINING.search(following.text) or _time_field_after_hardware(sentence, following)):
            if found and has_cue(following.text.lower(), FINETUNE_CUES) and \
                    not has_cue(text[sentence.start: end].lower(), FINETUNE_CUES):
                break  # the pre-training's time told first, then the fine-tuning's
            found.extend(times)
            end = following.end
        current = following
    return found, end


FIELD_KEY = re.compile(r"\W*(?P<key>[A-Za-z][\w -]{0,30}?)\s*:")  # "Hardware: …", "Wall-clock time: …"


def _time_field_after_hardware(sentence: Span, following: Span) -> bool:
    """Whether a sentence is a field of time ("Wall-clock time: 16 days", "Duration: 2 weeks") right after
    a field of hardware ("Hardware: 256 H100 GPUs."): a run's summary written as fields in a line of
    prose, whose time is the run's though it names no training."""
    key, hardware = FIELD_KEY.match(following.text), FIELD_KEY.match(sentence.text)
    return key is not None and hardware is not None and TIME_KEYS.fullmatch(key.group("key")) is not None \
        and HARDWARE_KEYS.fullmatch(hardware.group("key")) is not None


# a sentence about other runs than the text's: it evaluates, compares, or tells of a named model in a
# relative clause ("We compare against Kite, which trains for 11 days")
STUDY_WORD = re.compile(r"\b(?:evaluat|compar|benchmark|baseline|contrast)\w*", re.IGNORECASE)
ANOTHER_SUBJECT = re.compile(r"\b[A-Z][\w.-]*,\s+which\b")


def _preceding_durations(text: str, sentence: Span) -> tuple[list[tuple[float, str, Span]], Span]:
    """The training durations of the sentence right before a device count that trains and gives none,
    nor any sentence after it: "We train for 1M steps, which takes about 11 days. Our training runs on
    a cluster of 2,048 TPUv3 cores." The sentence before must be about training, name no devices, and
    not evaluate, compare or tell of another model ("Kite, which trains for 11 days"). Returns them and
    the span from that sentence to the count's."""
    before = sentence_before(text, sentence) if TRAINING.search(sentence.text) else None
    if before is None or not TRAINING.search(before.text) or device_counts(before) or \
            STUDY_WORD.search(before.text) or ANOTHER_SUBJECT.search(before.text):
        return [], sentence
    times = [d for d in durations(before) if not _glosses_a_name(before, d[2])]
    return times, Span(text[before.start: sentence.end], before.start, sentence.end)


@lru_cache(maxsize=8)
def sentences_with_devices(text: str) -> list[Span]:
    seen: dict[int, Span] = {}
    for start, end in anchor_hits(text)[ACCELERATOR_ANCHOR]:
        sentence = sentence_around(text, start, end)
        seen.setdefault(sentence.start, sentence)
    if seen:  # a part of the devices named before (:data:`OF_THEM`), in a sentence that names none
        for at in positions(lowered(text), " of th"):
            match = OF_THEM.search(text, max(0, at - 30), at + 30)
            if match is not None:
                sentence = sentence_around(text, match.start(), match.end())
                seen.setdefault(sentence.start, sentence)
    return [seen[key] for key in sorted(seen)]


# what may stand between a duration and its device count when a cell or a list writes them as one
# pair: "3 days/64 K40s", "12 days, 64 GPUs", "64 GPUs for 12 days", "8 GPUs × 10 days"
PAIR_GAP = re.compile(r"\s*(?:[,/;:×x(]|for|on|with|using|over|in|within)?\s*", re.IGNORECASE)


def _tight_pairs(sentence: Span, devices: list[tuple[float, str, str, Span]],
                 times: list[tuple[float, str, Span]]) -> list[tuple[tuple[float, str, str, Span],
                                                                        tuple[float, str, Span]]]:
    """Each device count written right beside a duration ("6 days/64 K40s"), as one pair; a duration
    pairs with one count only, the first that stands beside it."""
    def gap(left: Span, right: Span) -> str:
        return sentence.text[left.end - sentence.start: right.start - sentence.start]

    pairs, used = [], set()
    for device in devices:
        for index, duration in enumerate(times):
            a, b = sorted((device[3], duration[2]), key=lambda span: span.start)
            if index not in used and a.end <= b.start and PAIR_GAP.fullmatch(gap(a, b)):
                pairs.append((device, duration))
                used.add(index)
                break
    return pairs


LAST_TAIL = 40  # characters after the last pair of a sentence that may still cite it


def _row_cited(sentence: Span, start: int, end: int, after: int, limit: int) -> bool:
    """Whether the pair written from ``end`` to ``after`` cites another work: by the words before it,
    back to the previous pair (``start``) or semicolon (a table row's label when PDF extraction runs a
    table into one sentence, "GNMT (Wu et al., 2016)"), or by the words after it up to a semicolon that
    closes its clause before the next pair (``limit``): "Kite was trained for 2 weeks on 512 GPUs (Wu et
    al., 2021); we instead train …", or, after a sentence's last pair, by the words that end it: "… (14.8
    days with 10,000 GPUs) [38]."."""
    low, at = sentence.text.lower().replace("\n", " "), sentence.start  # a cue read across line ends
    label = low[max(start - at, low.rfind(";", start - at, end - at) + 1): end - at]
    close = low.find(";", after - at, limit - at)
    if close == -1 and limit == sentence.end:
        close = min(limit - at, after - at + LAST_TAIL)
    tail = low[after - at: close] if close != -1 else ""
    return any(CITATION.search(words) or has_cue(words, CITED) for words in (label, tail)) or \
        UNLIKE_ANOTHER.search(label) is not None


# a pair told of the model "unlike" sets apart, in a label with no first person: "Unlike Kite, which
# required 2,048 A100s for 21 days, …" (not "Unlike Kite, we train on 64 A100s for 3 days")
UNLIKE_ANOTHER = re.compile(r"\bunlike\b(?![^;]*\b(?:we|our|us)\b)")
# a pair in the parenthesis that glosses a name after a preposition: "… of the compute used for Kite
# (2,048 GPUs, 21 days)"
GLOSSED_NAME = re.compile(r"\b(?:for|of|by|than|like|as|with)\s+(?:the\s+)?(?P<name>[A-Z][\w.-]*)"
                          r"(?:\s+[A-Z0-9][\w.-]*)?\s*\(\s*$")


def _glosses_another(text: str, sentence: Span, first: int) -> bool:
    """Whether a pair starting at ``first`` opens the parenthesis that glosses a name written after a
    preposition (:data:`GLOSSED_NAME`), not an accelerator's, whose family the text's title does not
    carry: that model's run."""
    gloss = GLOSSED_NAME.search(text, max(sentence.start, first - 60), first)
    if gloss is None or resolve_accelerator(gloss.group(0).split(None, 1)[1].rstrip(" (")):
        return False
    title = text.lstrip()[:TITLE_REACH].split("\n\n", 1)[0].lower()
    return re.split(r"[\s-]", gloss.group("name"))[0].lower() not in title


# a run-in table's row before its pair: a label that opens the line, then two or more cells of numbers
# ("Kite 2022 175 300B 1024 A100 34 days"; "Heron (ours) 7B 2T 64 V100 10 days")
_CELL = r"[ \t]+(?:\d[\d.,]*\s?[KMBT]?|[-–—])"
ROW_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][\w.+-]*(?:[ \t]+(?:[A-Z][\w.+-]*|\([^()\n]{1,20}\)))?)"
                       rf"(?:{_CELL}){{2,}}[ \t]+$")


def _row_label(text: str, first: int) -> str | None:
    """The label of the run-in table's row a pair starting at ``first`` stands in (:data:`ROW_LABEL`),
    or None when its line before the pair is no such row."""
    line_start = text.rfind("\n", 0, first) + 1
    row = ROW_LABEL.fullmatch(text, line_start, first)
    return row.group("label") if row else None


def find_device_counts(text: str, publication_year: int | None = None) -> list[Estimate]:
    """Hardware estimates from sentences that give a device count and a training duration.

    A sentence (or a table run into one) that writes two or more device counts each right beside its
    own duration ("3 days/64 K40s ... 6 days/96 K80s") gives one estimate per pair, not the longest
    duration times the largest count, which may belong to different runs; a pair whose row label cites
    another work is that work's."""
    estimates = []
    lone: tuple[Span, list[tuple[float, str, Span]], Span] | None = None
    lone_read = False  # (read once a text, when a count first lacks a duration)
    for sentence in sentences_with_devices(text):
        devices = [device for device in device_counts(sentence) if for_training(sentence, device)]
        if not devices:
            continue
        times = durations(sentence)
        contrasted = _contrasted_runs(sentence, devices, times) if len(devices) > 1 else []
        # (runs a contrast sets apart are read as such first: "Kite needed 40 days on 2,048 A100s, while
        # Heron was trained with 1,024 H100s in 10 days")
        pairs = _tight_pairs(sentence, devices, times) if len(devices) > 1 and len(contrasted) < 2 else []
        if len(pairs) > 1 and TRAINING.search(sentence.text):
            previous_end = sentence.start
            ends = [max(device[3].end, duration[2].end) for device, duration in pairs]
            starts = [min(device[3].start, duration[2].start) for device, duration in pairs]
            # (prose that sets its runs side by side, not a run-in table: a closing citation is all of theirs)
            prose_cited = bool(CONTRAST.search(sentence.text)) and _cites_whole(sentence)
            for index, (device, duration) in enumerate(pairs):
                first = starts[index]
                estimate = _pair_estimate(text, sentence, sentence, device, duration, publication_year,
                                          "a device count written beside its duration")
                if estimate is not None:
                    # a citation elsewhere in the run-in table is another row's: only this row's label counts
                    estimate.notes = [n for n in estimate.notes if n != "cited from other work"]
                    # after the last pair, the words up to the sentence's end are its own ("… (14.8 days
                    # with 10,000 GPUs) [38].")
                    limit = starts[index + 1] if index + 1 < len(pairs) else sentence.end
                    row = _row_label(text, first)
                    if row is not None and estimate.model is None:
                        estimate.model = row  # "Kite 2022 175 300B 1024 A100 34 days": Kite's row
                    if _row_cited(sentence, previous_end, first, ends[index], limit):
                        estimate.notes.append("cited from other work: the row names another work")
                    elif _glosses_another(text, sentence, first):
                        estimate.notes.append("cited from other work: a gloss on another model's name")
                    elif prose_cited:
                        estimate.notes.append("cited from other work: the sentence that sets its runs "
                                              "side by side cites its source")
                    estimates.append(estimate)
                previous_end = ends[index]
            continue
        if len(contrasted) > 1 and TRAINING.search(sentence.text):
            cited = _cites_whole(sentence)
            for device, duration in contrasted:
                estimate = _pair_estimate(text, sentence, sentence, device, duration, publication_year,
                                          CONTRASTED)
                if estimate is not None:
                    if cited and not any(note.startswith("cited") for note in estimate.notes):
                        estimate.notes.append("cited from other work: the sentence that sets its runs "
                                              "side by side cites its source")
                    estimates.append(estimate)
            continue
        evidence, pairing = sentence, "device count and duration in one sentence"
        if not times:
            times, end = _following_durations(text, sentence)
            evidence = Span(text[sentence.start: end], sentence.start, end)
            pairing = "device count, and the duration in a following sentence"
        if not times:
            times, evidence = _preceding_durations(text, sentence)
            pairing = "device count, and the duration in the sentence before"
        if not times and not lone_read:
            lone, lone_read = _lone_training_count(text), True
        if not times and lone is not None and lone[0] == sentence:
            times, evidence, pairing = lone[1], lone[2], RUN_DURATION_PAIRING
        device = max(devices, key=lambda d: d[0])
        # (a field line under a training heading is about training: "## Training" over "Heron-XL: 512 H100
        # GPUs for 21 days.")
        if not times or not (TRAINING.search(evidence.text) or (
                evidence.end > sentence.end
                and _time_field_after_hardware(sentence, next_sentence(text, sentence) or sentence))
                or (evidence == sentence and field_under_training(text, device[3].start))):
            continue
        if evidence.end > sentence.end:  # "… 4,096 H100 GPUs. The final run used half of them for 40 days."
            device = (device[0] * _share_of_them(text[sentence.end: evidence.end]), *device[1:])
        own = [time for time in times if not _across_contrast(text, device[3], time[2])]
        estimate = _pair_estimate(text, sentence, evidence, device, max(own or times, key=lambda d: d[0]),
                                  publication_year, pairing)
        if estimate is not None:
            estimates.append(estimate)
            # (a share of the devices a later sentence gives is no part of a joined count)
            joined = _joined_counts(text, devices, device) if evidence.end <= sentence.end else []
            parts = [_pair_estimate(text, sentence, evidence, part, max(own or times, key=lambda d: d[0]),
                                    publication_year, pairing) for part in joined]
            if len(joined) > 1 and all(part is not None and not part.notes for part in parts):
                estimates.append(sum_of_parts(parts))  # "1,000 A100 and 500 H100 GPUs for 30 days"
        multiplied = _multiplied_time(sentence, max(own or times, key=lambda d: d[0])) \
            if evidence == sentence and estimate is not None else None
        if multiplied is not None:  # "… 125 hours on 32 GPUs for the 7B model and twice the time for the 13B"
            run_duration = max(own or times, key=lambda d: d[0])[2]
            estimate = _pair_estimate(text, sentence, sentence, device, multiplied, publication_year,
                                      MULTIPLIED_PAIRING)
            if estimate is not None:  # the other model's run: its name, if the words give one
                estimate.model = _multiple_of(sentence, multiplied[2], run_duration)
                estimates.append(estimate)
        larger = _larger_models_duration(text, sentence) if evidence == sentence else None
        if larger is not None:  # "… 12 hours on 8 P100 GPUs. The big models were trained for 3.5 days."
            duration, end = larger
            estimate = _pair_estimate(text, sentence, Span(text[sentence.start:end], sentence.start, end),
                                      device, duration, publication_year, LARGER_MODELS_PAIRING)
            if estimate is not None:
                estimates.append(estimate)
    return estimates


def _joined_counts(text: str, devices: list[tuple[float, str, str, Span]],
                   largest: tuple[float, str, str, Span]) -> list[tuple[float, str, str, Span]]:
    """The run's counts of devices of different kinds joined by "and" with nothing else between them
    ("1,000 A100 and 500 H100 GPUs", "64 V100 GPUs and 32 A100 GPUs") that hold the largest count: each a
    part of one run, summed at its own peak; [] when the largest stands alone or a kind repeats."""
    ordered = sorted(devices, key=lambda device: device[3].start)
    at = next(index for index, device in enumerate(ordered) if device[3] == largest[3])
    first = last = at
    while first > 0 and PARTS_JOINED.fullmatch(text, ordered[first - 1][3].end, ordered[first][3].start):
        first -= 1
    while last + 1 < len(ordered) and PARTS_JOINED.fullmatch(text, ordered[last][3].end,
                                                               ordered[last + 1][3].start):
        last += 1
    run = ordered[first: last + 1]
    names = [resolve_accelerator(name) for _, name, _, _ in run]
    if len(run) < 2 or any(name is None for name in names) or len({name.name for name in names}) < len(run):
        return []
    return run


# another model's time as a multiple of the run's, later in its sentence: "about twice the time with a 13B
# model", "three times as long for Heron-13B", "2.5x longer for the larger model", "Heron-13B about 1.8x
# longer"
MULTIPLIED_TIME = re.compile(r"\b(?P<k>twice|double|two\s+times|three\s+times|thrice|four\s+times"
                             r"|(?P<n>\d+(?:\.\d+)?)\s?[x×])\s+(?:the\s+(?:training\s+)?time|as\s+long|longer)\b"
                             r"(?P<whose>[^.;]{0,60})", re.IGNORECASE)
MULTIPLES = {"twice": 2.0, "double": 2.0, "two times": 2.0, "three times": 3.0, "thrice": 3.0,
             "four times": 4.0}
ANOTHER_MODEL_AFTER = re.compile(r"^\s*(?:with|for|on)\s+(?:the\s+|a\s+|an\s+|our\s+)?"
                                 r"(?:[A-Za-z][\w.-]*[\s-]?\d+(?:\.\d+)?[MB]\b|\d+(?:\.\d+)?\s?[MB]\b"
                                 r"|larger\b|largest\b|bigger\b|big\b)")
# or named right before it: "…, and Heron-13B about 1.8x longer"
ANOTHER_MODEL_BEFORE = re.compile(r"(?:[A-Za-z][\w.-]*[\s-]?\d+(?:\.\d+)?[MB]|(?:larger|largest|bigger|big)"
                                  r"\s+(?:[\w-]+\s+)?models?)\s+(?:took\s+|takes\s+|needed\s+)?"
                                  r"(?:about\s+|roughly\s+|around\s+|nearly\s+|almost\s+|~\s*)?$")
MULTIPLIED_PAIRING = "device count, and another model's time as a multiple of the run's"


def _multiplied_time(sentence: Span, duration: tuple[float, str, Span]) -> tuple[float, str, Span] | None:
    """Another model's training time the sentence gives as a multiple (more than one) of the run's
    duration, after it, for a sized or larger model on the same devices ("The pre-training takes 125 hours
    on 32 A100 GPUs with a 7B model and about twice the time with a 13B model": 250 hours); None
    otherwise."""
    seconds, written, span = duration
    after = span.end - sentence.start
    match = MULTIPLIED_TIME.search(sentence.text, after) if after >= 0 else None
    if match is None or not (ANOTHER_MODEL_AFTER.match(match.group("whose")) or
                             ANOTHER_MODEL_BEFORE.search(sentence.text, after, match.start())):
        return None
    factor = float(match.group("n")) if match.group("n") else \
        MULTIPLES[re.sub(r"\s+", " ", match.group("k").lower())]
    if factor <= 1:
        return None
    start, told = sentence.start + match.start(), sentence.text[match.start(): match.start("whose")]
    return seconds * factor, f"{factor:g} × {written}", Span(told, start, start + len(told))


def _multiple_of(sentence: Span, told: Span, duration: Span) -> str | None:
    """The sized name a multiplied time is told of: the last written between the run's duration and the
    multiple ("…, and Heron-13B about 1.8x longer"), else the first right after it ("twice the time for
    Heron-13B"), if any (:func:`_multiplied_time`)."""
    start, at = max(0, duration.end - sentence.start), told.start - sentence.start
    before = list(SIZED_NAME.finditer(sentence.text, start, at)) if start <= at else []
    if before:
        return before[-1].group(0)
    after = SIZED_NAME.search(sentence.text, told.end - sentence.start, told.end - sentence.start + 40)
    return after.group(0) if after else None


# the larger models of a set-up told right after it: "The big models were trained for 300,000 steps (3.5
# days)", "Our largest model takes 12 days"
LARGER_MODELS = re.compile(r"\b(?:big|bigger|biggest|large|larger|largest)\s+(?:[\w-]+\s+)?models?\b",
                           re.IGNORECASE)
LARGER_MODELS_PAIRING = "device count, and the larger models' duration in the next sentence"


def _larger_models_duration(text: str, sentence: Span) -> tuple[tuple[float, str, Span], int] | None:
    """The training duration the sentence right after a device count with its own duration gives for
    the larger models of the same set-up, in the same paragraph and naming no devices of its own ("We
    trained the base models for 12 hours on one machine with 8 P100 GPUs. The big models were trained
    for 3.5 days."); None otherwise. Returns it and where that sentence ends."""
    following = next_sentence(text, sentence)
    if following is None or "\n\n" in text[sentence.end: following.start] or \
            not LARGER_MODELS.search(following.text) or not TRAINING.search(following.text) or \
            STUDY_OPENING.match(following.text) or device_counts(following):
        return None
    times = [d for d in durations(following) if not _glosses_a_name(following, d[2])]
    return (max(times, key=lambda d: d[0]), following.end) if times else None


# the run's duration told in a sentence of its own, with no devices: "The pre-training of Heron-V2 took 2
# months", "Pre-training was completed in less than two months", "Heron-V2 was trained for 54 days"
RUN_DURATION = re.compile(r"(?:^|\W)(?:the\s+)?(?:whole\s+|entire\s+|full\s+)?(?:pre-?)?training"
                          r"(?:\s+(?:run|stage|phase))?(?:\s+(?:of|for)\s+[\w.-]+(?:\s+[\w.-]+)?)?"
                          r"\s+(?:took|lasted|ran\s+for"
                          r"|(?:was|is)\s+completed\s+(?:in|within)|completed\s+(?:in|within))\b"
                          r"|\b(?:was|were)\s+(?:pre-?)?trained\s+for\s+(?:about\s+|roughly\s+|~\s*)?\S+\s+"
                          r"(?:days?|weeks?|months?)\b", re.IGNORECASE)
RUN_DURATION_PAIRING = "the one training device count, and the run's duration in a sentence of its own"
# a clause joined to the sentence that may tell another model's figure
SIBLING_CLAUSE = re.compile(r",\s*(?:and|but|while|whereas)\b|\b(?:while|whereas)\b|;")
DEVICE_MENTION = re.compile(r"\b(?:GPUs?|TPUs?|NPUs?|chips?|accelerators?|cores?|nodes?)\b", re.IGNORECASE)
TITLE_REACH = 300  # the opening characters that may hold a paper's title


def _names_another(text: str, sentence: Span) -> bool:
    """Whether a sentence names a model (a sized name, or a one-word name as its subject: "Kite-70B was
    trained for 54 days", "Kite was trained for …") that the text's title does not carry."""
    title = text.lstrip()[:TITLE_REACH].split("\n\n", 1)[0].lower()  # the opening lines, to a blank line
    names = [m.group("name") for m in SIZED_NAME.finditer(sentence.text)]
    subject = trained_subject(sentence.text)
    names += [subject] if subject else []
    return any(re.split(r"[\s-]", name)[0].lower() not in title for name in names)


def _lone_training_count(text: str) -> tuple[Span, list[tuple[float, str, Span]], Span] | None:
    """A device count and the run's duration told apart, in different paragraphs or sections ("We trained
    on our cluster of 2,048 H800 GPUs." … "The pre-training of Heron-V2 took 2 months."): paired only when
    the text has exactly one sentence with a device count for training that says it trains and gives no
    duration, and exactly one sentence with no devices that tells the run's duration
    (:data:`RUN_DURATION`), after it and not about another model. Returns the count's sentence, the
    durations and the span from it to the duration's sentence."""
    counts = [sentence for sentence in sentences_with_devices(text)
              if any(for_training(sentence, device) for device in device_counts(sentence))]
    if len(counts) != 1 or not TRAINING.search(counts[0].text) or durations(counts[0]):
        return None
    sentence = counts[0]
    told = []
    for match in RUN_DURATION.finditer(text, sentence.end):
        run = sentence_around(text, match.end() - 1, match.end())
        if run.start < sentence.end or any(span.start == run.start for span, _ in told):
            continue
        times = durations(run)
        if times and not device_counts(run) and not DEVICE_MENTION.search(run.text) and \
                not STUDY_WORD.search(run.text) and not ANOTHER_SUBJECT.search(run.text) and \
                not _names_another(text, run):
            told.append((run, times))
    if len(told) != 1:
        return None
    run, times = told[0]
    return sentence, times, Span(text[sentence.start: run.end], sentence.start, run.end)


# a contrast between a device count and a duration: the duration is another run's ("… 1,024 H100s in 10
# days, while Kite needed 40 days", "… than the 40 days Kite took")
CONTRAST = re.compile(r";|,?\s+(?:while|whereas)\b|,\s*but\b|\bcompared\s+(?:to|with)\b|\bthan\b"
                      r"|\bversus\b|\bvs\b", re.IGNORECASE)


# what makes a contrasted clause a run of the text's own family: the first person or a model size ("…,
# while training the 13B model took 30 hours")
OWN_CLAUSE = re.compile(r"\b(?:we|our|us)\b|\b\d+(?:\.\d+)?\s?[BM]\b", re.IGNORECASE)


def _across_contrast(text: str, device: Span, duration: Span) -> bool:
    """Whether a contrast (:data:`CONTRAST`) sets a duration apart from a device count, in a clause of
    another model's: not one in the first person, with a model size, or naming the model the text's
    first line (its title) names."""
    start, end = min(device.end, duration.end), max(device.start, duration.start)
    contrast = CONTRAST.search(text, start, end) if start < end else None
    if contrast is None:
        return False
    if duration.start < device.start:  # the duration's clause runs from the sentence to the contrast
        clause = text[max(0, duration.start - 80): contrast.start()]
    else:
        clause = text[contrast.start(): duration.end]
    if OWN_CLAUSE.search(clause):
        return False
    first_word = re.match(r"\W*([A-Za-z][\w-]{2,})", text[:200])
    return first_word is None or first_word.group(1).lower() not in clause.lower()


CONTRASTED = "a device count and its duration, set against another run's"
ENDING_CITATION = re.compile(rf"(?:{CITATION.pattern})\W*$")  # a citation that closes its sentence


def _cites_whole(sentence: Span) -> bool:
    """Whether a sentence of runs set side by side ends with a citation and never speaks in the first
    person ("Kite-70B took 40 days on 2,048 A100s, while Kite-7B took 10 days on 256 [11]."): the
    citation is the source of all its runs."""
    return bool(ENDING_CITATION.search(sentence.text)) and not FIRST_PERSON_WORD.search(sentence.text)
# two runs told one after the other: "12 hours of fine-tuning on 8 V100 GPUs after 5 days of pre-training on
# 64 V100 GPUs", "…, followed by …" (each part its own device count and duration)
SEQUENCE = re.compile(r"\b(?:after|before|followed\s+by|then)\b", re.IGNORECASE)


def _contrasted_runs(sentence: Span, devices: list[tuple[float, str, str, Span]],
                     times: list[tuple[float, str, Span]]) -> list[tuple[tuple[float, str, str, Span],
                                                                        tuple[float, str, Span]]]:
    """A sentence that sets two runs against each other ("Kite needed 40 days on 2,048 A100s, while Heron
    was trained with 1,024 H100s in 10 days") or tells them in order ("12 hours of fine-tuning on 8 GPUs
    after 5 days of pre-training on 64 GPUs"): the device count and duration of each part the contrast
    or the order divides it into (:data:`CONTRAST`, :data:`SEQUENCE`), each part's largest; none unless
    two parts give both."""
    cuts = sorted(sentence.start + m.start() for pattern in (CONTRAST, SEQUENCE)
                  for m in pattern.finditer(sentence.text))
    bounds = list(zip([sentence.start, *cuts], [*cuts, sentence.end], strict=True))
    runs = []
    for start, end in bounds:
        own_devices = [d for d in devices if start <= d[3].start < end]
        own_times = [t for t in times if start <= t[2].start < end]
        if own_devices and own_times:
            runs.append((max(own_devices, key=lambda d: d[0]), max(own_times, key=lambda t: t[0])))
    return runs if len(runs) > 1 else []


def _pair_estimate(text: str, sentence: Span, evidence: Span, device: tuple[float, str, str, Span],
                   duration: tuple[float, str, Span], year: int | None, pairing: str) -> Estimate | None:
    count, name, noun, device_span = device
    seconds, written, duration_span = duration
    accelerator, where = count_accelerator(text, name, noun, sentence, year)
    if accelerator is None:
        return None
    first = min(device_span.start, duration_span.start)
    last = max(device_span.end, duration_span.end)
    figure = Span(text[first:last], first, last)
    estimate = hardware_estimate(
        text, figure, count * seconds, accelerator, noun, year,
        {"chips": count, "duration": written, "accelerator_from": where, "pairing": pairing},
        sentence=evidence,
    )
    if estimate is not None:
        if re.match(r"(?:pre-?)?train", _purpose(sentence, device)):  # its own words say it trains
            estimate.notes = [note for note in estimate.notes if not note.startswith("not training hardware")]
        # (of several runs in one sentence, each is the model's named nearest before it: "Heron-7B took 10
        # days on 256 GPUs, while Heron-70B took 40 days on 2,048 GPUs")
        inside = sentence.start <= first <= sentence.end
        estimate.model = estimate.model or (model_before(sentence.text, first - sentence.start) if inside
                                            else nearby_model(sentence.text))
        later = max(device_span.start, duration_span.start)
        if inside and later <= sentence.end and SIBLING_CLAUSE.search(text, min(device_span.end,
                                                                              duration_span.end), later):
            # the later figure told of another model in a clause of its own: "Heron-7B was trained on 64
            # GPUs for 10 days, and Heron-13B for 20 days" (20 days, on the same GPUs, is Heron-13B's)
            estimate.model = model_before(sentence.text, later - sentence.start) or estimate.model
        estimate.evidence.append(device_span)
        if duration_span not in estimate.evidence:
            estimate.evidence.append(duration_span)
    return estimate
