"""Training tokens from steps × batch size × sequence length, as training set-ups are written.

"trained for one million steps with a batch size of 256; the sequence length was 512", "991.5 thousand
steps, using sequence length 512 (batch size 2k)", "batch size 64 and maximum sequence length of 512 for
100k steps". The rules:

- the three figures stand in one sentence, or the sentence with the steps and the next one (or, when
  these give no batch, the one before them: "… a batch size of 2,048 sequences of 1,024 tokens. We train
  for 250K steps."), or the run of list items ("- Training steps: 500,000" … "- Batch size: 1'024
  sequences") or of configuration lines ("max_steps: 715000" … "seq_length: 4096") the steps are one of;
- steps are "N steps / iterations / updates" (also "SGD steps", "optimizer steps", "total steps") with
  N in digits, with a k/M or thousand/million suffix, or in words ("one million steps"); warm-up and
  decay steps are not training steps, and fine-tuning steps ("Fine-tuning steps: 12'200") make a
  fine-tuning set-up (:func:`finetuning_step_tokens`);
- a batch size written in tokens ("batch size of 4M tokens", "global batch 4M tokens", "4M tokens per
  step", "4M tokens/batch", "500k label BPE tokens per batch", "each step processes 4M tokens", "Batch
  size (tokens): 4M", "a 4M-token batch") is already steps' tokens per step; one
  written in sequences (a plain count, "2k", "1'024 sequences", "batches of 1024 sequences", "1,024
  sequences per batch") is multiplied by the sequence length, and "1,024 sequences of 2,048 tokens per
  batch" (or "of length 2,048 per step"), "a batch of 1,024 × 2,048 tokens", "each step processes 1,024
  sequences of length 2,048" or, in a set-up, "with 1,024 sequences of 2,048 tokens each" gives both;
- a batch size or a length may also be written count first ("4096 batch size", "2048 sequence length";
  a batch of a million or more so written is in tokens);
- the sequence length is written as one ("sequence length 512", "context length of 2048", "context size
  8192", "a context window of 1024 tokens", "a context of 1024 tokens", "context 1024", "4,096 tokens per
  sequence") or
  as the sequences' ("2048 sequences of length 512", "sequences of 1024 tokens", "1024 length-1024 input
  sequences");
- a batch size per device ("a batch size of 1 per GPU", "a per-device batch size of 16") is multiplied
  by the devices the set-up names ("on 64 TPU v4 chips") and by the gradient accumulation it gives ("8
  gradient accumulation steps"), unless the set-up also gives the global batch; with no count of
  devices it gives no figure, since the global batch is unknown; configuration keys say so too
  ("micro_batch_size", "per_device_train_batch_size"), and a batch said to be global or total
  ("global_batch_size", "total_train_batch_size") is the set-up's batch wherever it stands;
- the sequence length is the largest length the clause gives ("128 tokens for 90% of the steps and 512
  for the rest": 512, an upper bound), the clause ending where another setting is named ("sequences of
  length 2048, a batch size of 512 and 143,000 steps": 2048);
- a card's table of hyperparameters, one "| name | value |" row each, gives the same three figures in
  rows labelled steps (training steps, iterations; not warm-up or decay), batch size (in tokens when
  its label or value says so) and sequence or context length (:func:`table_step_tokens`), and so does
  such a table written a row a line without pipes ("Batch size (tokens) 4M" / "Training steps 500K"),
  and each model's column of a table with a model a column (:func:`column_step_tokens`);
- a count that ends a line is no count of the row keyed on the next ("Hidden size 4096" / "Batch size
  (tokens) 4M": no batch of 4096; "… 4M" / "Training steps 500K": no 4M steps), and a row of steps with
  another column's value after it ("Training steps 250K 500K") is read by column, not as prose;
- the result is an upper bound on the tokens seen, so its estimates stay Speculative.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import lowered, positions, token_end
from curation.extract.device_sentences import device_counts
from curation.extract.evidence import Span, sentence_around, sentence_before
from curation.extract.line_tables import key_value_lines
from curation.extract.step_counts import STEPS, count_value, counted
from curation.extract.tables import Row, Table, find_tables

# "Training steps: 250k", and with no sign after a qualified word: "training steps 250k", "total steps of 1M"
# (and a configuration's keys: "max_steps: 100000", "train_steps: 100000", quoted or hyphenated, iterations
# abridged, or as a command line's flag: "max_iters = 600000", '"train-iters": 143000',
# "--train-iters 500000")
STEPS_FIELD = re.compile(rf"\b(?:(?:(?:training|train|max|num|total)[\s_-]+)?steps[\"']?\s*[:=]"
                         rf"|(?:training|total|optimi[sz]ation)\s+steps\s+(?:of\s+)?(?=\d)"
                         rf"|(?:train|max|num|total)[-_](?:iters|iterations|steps)[\"']?"
                         rf"\s*(?:[:=]|[ \t]+(?=\d)))"
                         rf"\s*{counted('s')}", re.IGNORECASE)
# at most two words between a count and "tokens" ("500k label BPE tokens"), none a function word
TOKEN_WORDS = r"(?:(?!(?:of|and|or|with|per|each|to|for|in|on)\b)[A-Za-z-]+\s+){0,2}?"
# "a batch size of 512", "batch size: 2k", "a global batch of 4M tokens", "batches of 1024 sequences",
# and with no word between when a unit follows the count: "global batch 4M tokens"
# (a configuration's key, "global_batch_size: 2048"; a bare count of two digits or more a clause ends
# after, "batch 512, for …", not "in batch 2, we …")
BATCH = re.compile(r"batch(?:es)?[\s_-]+(?:size[\"']?\s*(?P<labelled>\((?:in\s+)?tokens\)\s*)?"
                   r"(?:of|was|is|[:=])?|of"
                   # the batch told as its content: "the global batch is 1024 sequences", "consists of"
                   r"|(?:is|was|consists\s+of|contains|comprises|holds)(?=\s*(?:about\s+|~)?\d)"
                   r"|(?=(?:about\s+|~)?[\d.,']+\s?[kKM]?\s*(?:tokens|sequences)\b)"
                   r"|(?=\d{2}[\d,']*\s?[kKM]?(?:\s*[,;)]|\s+(?:for|with|and)\s)))"
                   r"\s*(?:about\s+|approximately\s+|~)?"
                   r"(?:2\s*\^\s*\d{1,2}\s*=\s*)?"  # "a batch size of 2^11 = 2,048 sequences"
                   rf"{counted('b')}"
                   # sequences times their length: "a global batch of 1,024 × 2,048 tokens"
                   # (or "256 sequences × 4096 tokens")
                   r"(?:\s*(?:sequences\s*)?[×x*]\s*(?P<bx>\d{1,3}(?:,\d{3})+|\d{2,7})(?![\d.]))?"
                   rf"(?P<unit>\s*{TOKEN_WORDS}tokens)?", re.IGNORECASE)
# a batch written as a rate: "4M tokens per batch", "4 million tokens per step", "4M tokens/step"
BATCH_RATE = re.compile(rf"(?<![\w.']){counted('b')}\s*(?P<unit>{TOKEN_WORDS}tokens)\s*"
                        r"(?:per|/|in\s+each|each)\s*"
                        r"(?:global\s+|training\s+|optimi[sz]er\s+|gradient\s+)?"
                        r"(?:batch|step|iteration|update)\b", re.IGNORECASE)
# a batch sized in tokens as an adjective: "with a 4M-token batch", "2M-token global batches"
TOKEN_SIZED_BATCH = re.compile(rf"(?<![\w.']){counted('b')}[\s-]?(?P<unit>tokens?)[\s-]+"
                               r"(?:global\s+|training\s+)?batch(?:es)?\b", re.IGNORECASE)
# a batch of sequences written as a rate: "1,024 sequences of 2,048 tokens per batch" (steps × 1,024 ×
# 2,048 tokens; not a batch of 2,048 tokens)
# (or of a length said to be one: "1,024 sequences of length 4,096 per step")
SEQUENCES_PER_BATCH = re.compile(rf"(?<![\w.']){counted('b')}\s*(?:sequences|samples|examples)\s+of\s+"
                                 rf"(?P<said>length\s+)?{counted('l')}\s*(?(said)(?:tokens?)?|tokens?)\s*"
                                 r"(?:each\s+)?(?:per|/|in\s+each)\s*"
                                 r"(?:global\s+|training\s+)?(?:batch|step|iteration|update)\b",
                                 re.IGNORECASE)
# the same after "with" or "using" right after the steps or the training verb, its rate left unsaid:
# "for 250k steps with 1,024 sequences of 8,192 tokens each" (not "we evaluate with 1,000 samples of …")
SEQUENCES_WITH = re.compile(rf"\b(?:with|using)\s+{counted('b')}\s*(?:sequences|samples|examples)\s+of\s+"
                            rf"(?:length\s+)?{counted('l')}(?![\d,])(?:\s*tokens?)?(?!\s*(?:per|/|in\s+each)\b)",
                            re.IGNORECASE)
# the same told of each step: "each step processes 1,024 sequences of length 4,096"
EACH_STEP_SEQUENCES = re.compile(r"\b(?:each|every)\s+(?:training\s+|optimi[sz]er\s+|global\s+)?"
                                 r"(?:batch|step|iteration|update)\s+(?:processe[sd]|contain(?:s|ed)"
                                 r"|consume[sd]|cover(?:s|ed)|include[sd]|sees|saw|has|had|holds|held"
                                 r"|comprise[sd]|is|was)\s+(?:about\s+|approximately\s+|~)?"
                                 rf"{counted('b')}\s*(?:sequences|samples|examples)\s+of\s+(?:length\s+)?"
                                 rf"{counted('l')}(?:\s*tokens?)?", re.IGNORECASE)
OF_SEQUENCES = re.compile(r"(?:sequences|samples|examples)\s+of\b", re.IGNORECASE)  # the cheap test first
WITH_FOLLOWS = re.compile(r"(?:steps|iterations|updates|train\w*)\s*,?\s*$", re.IGNORECASE)
# a batch in tokens told of each step: "each step processes 8M tokens", "every batch contains 4M tokens"
# (or in the past: "each training batch contained approximately 25,000 source tokens")
EACH_STEP_TOKENS = re.compile(r"\b(?:each|every)\s+(?:training\s+|optimi[sz]er\s+|global\s+)?"
                              r"(?:batch|step|iteration|update)\s+(?:processe[sd]|contain(?:s|ed)|consume[sd]"
                              r"|cover(?:s|ed)|include[sd]|sees|saw|has|had|holds|held|comprise[sd]|is|was)\s+"
                              r"(?:about\s+|approximately\s+|roughly\s+|~)?"
                              rf"{counted('b')}\s*(?P<unit>{TOKEN_WORDS}tokens)", re.IGNORECASE)
# the same after the steps it sizes: "300,000 updates, each over 512K tokens"
STEPS_EACH_TOKENS = re.compile(r"\b(?:steps|updates|iterations)\s*,?\s*each\s+(?:of|over|with|covering"
                               r"|processing|containing|on)\s+(?:about\s+|approximately\s+|roughly\s+|~)?"
                               rf"{counted('b')}\s*(?P<unit>{TOKEN_WORDS}tokens)", re.IGNORECASE)
# "1,024 sequences per batch": a batch counted in sequences, written as a rate (its length elsewhere)
SEQUENCES_RATE = re.compile(rf"(?<![\w.']){counted('b')}\s*(?:sequences|samples|examples)\s*"
                            r"(?:per|/|in\s+each|each)\s*(?:global\s+|training\s+)?(?:batch|step|iteration|update)\b"
                            r"(?P<unit>(?!))?",
                            re.IGNORECASE)
# the count before its label: "with 4096 batch size and 2048 sequence length", "a 2M global batch size" (a
# count of a million or more is of tokens)
BATCH_FIRST = re.compile(rf"(?<![\w.'])(?=\d){counted('b')}\s+(?:global\s+|training\s+)?batch[\s_-]*size\b"
                         r"(?P<unit>(?!))?", re.IGNORECASE)
BATCH_IN_TOKENS = 1e6
# "4,096 tokens per sequence": a sequence length written as a rate
# (or before the noun it sizes: "2,048-token sequences")
LENGTH_RATE = re.compile(r"(?<![\w.,])(?P<n>\d{1,3},\d{3}|\d{2,6})(?:\s*tokens\s*(?:per|/|in\s+each|each)\s*"
                         r"(?:training\s+|input\s+)?(?:sequence|sample|example)\b"
                         r"|-token\s+(?:sequences|contexts|inputs|samples|examples)\b"
                         # before its label: "2048 sequence length", "8,192 context length"
                         r"|\s+(?:max(?:imum)?\s+)?(?:sequence|context|input)\s+length\b)", re.IGNORECASE)
# (and "1024 length-1024 input sequences")
# (and abridged, or as a configuration's key: "seq len 1024", "seq_length: 2048", "max_seq_len", "--seq-length
# 2048", "block_size = 1024", a causal model's context as a training script names it)
SEQUENCE = re.compile(r"(?:sequence|context|seq)[\s_-]*(?:length|len|size|window)\b|input\s+length"
                      r"|\bblock[_-]size\b"
                      r"|sequences\s+of\b"
                      # "a context of 1024 tokens", "a context of 2048" (its unit left out)
                      r"|\bcontexts?\s+of\b(?=\s*\d[\d,]*\b)"
                      # "batch size 480 and context 1024" (a number right after the word)
                      r"|\bcontext\b(?=\s+\d{3,6}\b)"
                      r"|\blength-(?=\d)",
                      re.IGNORECASE)
# "a batch size of 1 per GPU", "a per-device batch size of 16", "micro-batch size of 4 per GPU"
DEVICE = r"(?:GPU|TPU|device|core|chip|accelerator|replica|worker)"
PER_DEVICE_AFTER = re.compile(rf"[^.;,]{{0,20}}?\bper\s+{DEVICE}\b", re.IGNORECASE)
# (and as a configuration's keys: "micro_batch_size", "per_device_train_batch_size")
PER_DEVICE_BEFORE = re.compile(rf"(?:per[-_]?\s?{DEVICE}[_\s]?(?:train(?:ing)?[_\s])?|micro[-_]?)\s*$",
                               re.IGNORECASE)
# a batch said to be the whole step's: "global batch", "total_train_batch_size" (a configuration's key)
GLOBAL_BEFORE = re.compile(r"(?:global|total|effective)[-_\s](?:train(?:ing)?[-_\s])?$", re.IGNORECASE)
ACCUMULATION = re.compile(r"(?P<n>\d{1,3})\s+(?:gradient\s+)?accumulation\s+steps"
                          # (a configuration's key too: "gradient_accumulation_steps = 40")
                          r"|(?:gradient[\s_])?accumulation[\s_]+(?:steps[\s_]*)?(?:of\s+|over\s+|=\s*|:\s*)?"
                          r"(?P<n2>\d{1,3})\b"
                          r"|accumulat\w+\s+gradients\s+(?:over|across|for)\s+(?P<n3>\d{1,3})\b",
                          re.IGNORECASE)
# "of 512 tokens", "of 2,048" (a thousands separator), "... of 512." ending a sentence
LENGTH = re.compile(r"(?<![\w.,])(?P<n>\d{1,3},\d{3}|\d{2,6})(?:\s*tokens)?(?![\w%]|[.,]\d)")
# a word that names another setting: a sequence length's clause ends before it
# (not the steps: "128 tokens for 90% of the steps and 512 for the rest" is one clause of lengths)
OTHER_SETTING = re.compile(r"\b(?:batch|epochs?|learning|warm-?up|lr|layers?|heads?"
                           r"|hidden|vocab\w*|dimension\w*|parameters?|GPUs?|TPUs?)\b", re.IGNORECASE)
# a line that opens another list item or field ("\n- training_steps: 715000", "\nwarmup_steps: 2000"): the
# end of a setting's clause (a sentence wrapped over lines goes on)
NEXT_FIELD = re.compile(r"\n[ \t]*(?:[-*+][ \t]|--[A-Za-z]|[\"']?[\w .-]{1,40}?[\"']?[ \t]*[:=])")
STEP_AFTER = re.compile(r"\s*(?:total\s+)?(?:training\s+)?(?:steps|iterations|updates)\b", re.IGNORECASE)
NOT_TRAINING_STEPS = re.compile(r"warm-?up|decay", re.IGNORECASE)
# steps told of the models other than the one sized ("The 15B model was trained for 270K updates … Smaller
# models were trained for 500K updates"): another run's set-up (not "larger models", the flagship among them)
OTHER_MODELS_STEPS = re.compile(r"\b(?:smaller|other|remaining)\s+(?:[\w-]+\s+)?"
                                r"(?:models|variants|sizes)\b|\bthe\s+rest\s+of\s+the\s+models\b",
                                re.IGNORECASE)
FINE_TUNING_STEPS = re.compile(r"fine-?tun|finetun", re.IGNORECASE)


def _global(area: str, batch: re.Match[str]) -> bool:
    """Whether a batch size is said to be the whole step's ("global batch", "total_train_batch_size")."""
    return GLOBAL_BEFORE.search(area[max(0, batch.start() - 16): batch.start()]) is not None


def _per_device(area: str, batch: re.Match[str]) -> bool:
    """Whether a batch size is written per device ("… of 4 per GPU", "a per-device batch size")."""
    return bool(PER_DEVICE_BEFORE.search(area[max(0, batch.start() - 12): batch.start()])
                or PER_DEVICE_AFTER.match(area, batch.end()))


def _sequence_length(text: str) -> tuple[float, Span] | None:
    best = None
    for length in LENGTH_RATE.finditer(text):  # "4,096 tokens per sequence"
        value = float(length.group("n").replace(",", ""))
        if 16 <= value <= 1_000_000 and (best is None or value > best[0]):
            best = (value, Span(length.group(0), length.start(), length.end()))
    for match in SEQUENCE.finditer(text):
        clause = text[match.end(): match.end() + 90].split(";")[0]
        field = NEXT_FIELD.search(clause)  # "max_seq_length: 4096\n- training_steps: 715000": another field
        clause = clause[: field.start()] if field else clause
        other = OTHER_SETTING.search(clause)  # "sequences of length 2048, a batch size of 512 and …"
        clause = clause[: other.start()] if other else clause
        for length in LENGTH.finditer(clause):
            if STEP_AFTER.match(clause, length.end()):
                continue  # "… and 143,000 steps": a count of steps
            value = float(length.group("n").replace(",", ""))
            if 16 <= value <= 1_000_000 and (best is None or value > best[0]):
                at = match.end() + length.start()
                best = (value, Span(length.group(0), at, at + len(length.group(0))))
    return best


STEP_WORDS = ("steps", "iterations", "updates", "iters")  # sought in the lower-cased text
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]")  # a bullet's or a number's: "- ", "1. ", "2) "
LIST_REACH = 12  # list items either side of a field that one set-up may span


def list_block(text: str, at: int) -> Span | None:
    """The run of list items around a field written as one ("- Fine-tuning steps: 12'200" … "- Batch
    size: 1'024 sequences"): a set-up's fields, one an item. None when ``at`` is not in a list item."""
    return _line_run(text, at, LIST_ITEM)


def _line_run(text: str, at: int, line: re.Pattern[str]) -> Span | None:
    """The run of lines that each match ``line`` around the one ``at`` stands on (at most
    :data:`LIST_REACH` either side), or None when that line does not match."""
    start = text.rfind("\n", 0, at) + 1
    if not line.match(text, start):
        return None
    first = last = start
    for _ in range(LIST_REACH):  # earlier lines
        previous = text.rfind("\n", 0, max(0, first - 1)) + 1
        if first == 0 or not line.match(text, previous):
            break
        first = previous
    for _ in range(LIST_REACH):  # later lines
        following = text.find("\n", last) + 1
        if following == 0 or not line.match(text, following):
            break
        last = following
    end = text.find("\n", last)
    end = len(text) if end == -1 else end
    return Span(text[first:end], first, end)


def _step_words(low: str) -> list[tuple[int, int]]:
    """(start, end) of each of :data:`STEP_WORDS` in ``low``, left to right and none overlapping the one
    before (what one pass of their alternation finds; str's search is many times faster)."""
    found = sorted((at, at + len(word)) for word in STEP_WORDS for at in positions(low, word))
    kept: list[tuple[int, int]] = []
    for start, end in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _near_step_words(text: str) -> list[re.Match[str]]:
    """Matches of the steps patterns, searched only around the word "steps" (or iterations, updates)."""
    found: dict[int, re.Match[str]] = {}
    for start, end in _step_words(lowered(text)):
        for pattern in (STEPS, STEPS_FIELD):
            for match in pattern.finditer(text, max(0, start - 40), token_end(text, end + 30)):
                # (the longest match from a start: a window that ends inside a number cuts it, "715000"
                # read as "71500" from the window of an earlier field's "warmup_steps")
                if match.start() not in found or match.end() > found[match.start()].end():
                    found[match.start()] = match
    return [found[at] for at in sorted(found)]


def _batches(area: str) -> list[tuple[re.Match[str], bool]]:
    """The batch sizes a set-up's words give, in order, each with whether it is per device."""
    # a global batch beats a micro-batch the sentence also gives
    sequences = [*SEQUENCES_PER_BATCH.finditer(area), *EACH_STEP_SEQUENCES.finditer(area),
                 *(m for m in SEQUENCES_WITH.finditer(area)
                   if WITH_FOLLOWS.search(area, max(0, m.start() - 30), m.start()))] \
        if OF_SEQUENCES.search(area) else []
    inside = [range(m.start(), m.end()) for m in sequences]  # its tokens are no batch of their own
    written = sorted([*sequences, *BATCH.finditer(area), *SEQUENCES_RATE.finditer(area),
                      *EACH_STEP_TOKENS.finditer(area), *STEPS_EACH_TOKENS.finditer(area),
                      # (not a count that ends the row above a row keyed "Batch size": "… 4096" / "Batch
                      # size (tokens) 4M")
                      *(m for m in (BATCH_FIRST.finditer(area) if "atch size" in area else ())
                        if "\n" not in m.group(0) or not VALUE_ON_LINE.match(area, m.end())),
                      *(TOKEN_SIZED_BATCH.finditer(area) if "token batch" in area or "token global" in area
                        or "-token" in area else ()),
                      *(m for m in BATCH_RATE.finditer(area) if not any(m.start() in r for r in inside))],
                     key=lambda m: m.start())
    return [(batch, _per_device(area, batch)) for batch in written]


def step_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """(tokens, [steps, batch, sequence-length spans]) for every sentence that gives a training set-up
    (see the module's rules), offsets into ``text``; not a fine-tuning set-up ("Fine-tuning steps:")."""
    return [(tokens, spans) for tokens, spans, tuning in _set_ups(text) if not tuning]


def finetuning_step_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """The set-ups of :func:`step_tokens` that fine-tune ("Fine-tuning steps: 12'200 … Batch size: 1'024
    sequences"): a derived model's own training."""
    return [(tokens, spans) for tokens, spans, tuning in _set_ups(text) if tuning]


# a configuration's line, one key and its value: "max_steps: 715000", "global_batch_size = 1024",
# '"train-iters": 143000,', or a command line's flag, one a line: "--train-iters 500000 \\"
FIELD_LINE = re.compile(r"[ \t]*(?:[\"']?[A-Za-z_][\w.-]{0,40}[\"']?[ \t]*[:=][ \t]*[^\s:=][^\n]{0,40}"
                        r"|--[A-Za-z][\w-]{0,40}(?:[ \t]+[^\s-][^\s]{0,30})?[ \t]*\\?)$", re.MULTILINE)


def field_block(text: str, at: int) -> Span | None:
    """The run of configuration lines around a field written as one ("max_steps: 715000" …
    "global_batch_size: 1024" … "seq_length: 4096", as a YAML or an INI block writes a set-up), or None when
    ``at`` is not on such a line or the line stands alone."""
    run = _line_run(text, at, FIELD_LINE)
    return run if run is not None and "\n" in run.text else None


# a value after the steps' word on its line: the word keys a row of a table written a row a line
ROW_KEY_AFTER = re.compile(r"[ \t]*[:=|]?[ \t]*~?\d")
ANOTHER_COLUMN = re.compile(r"[ \t]+~?\d[\d,.]*[kKMBT]?[ \t]*(?:$|\n|[ \t]~?\d)")
VALUE_ON_LINE = re.compile(r"[^\n\d]*\d")  # (the same after a key's other words: "(tokens) 4M")


@lru_cache(maxsize=8)  # asked by the card and the paper finders about the same text
def _set_ups(text: str) -> list[tuple[float, list[Span], bool]]:
    found = []
    for steps in _near_step_words(text):
        if "\n" in steps.group(0) and ROW_KEY_AFTER.match(text, steps.end()):
            continue  # "… 4M" / "Training steps 500K": a row's key, the count before it another row's
        if ANOTHER_COLUMN.match(text, steps.end()):
            continue  # "Training steps 250K 500K": a row of a table with a model a column, read by column
        before = text[max(0, steps.start() - 40): steps.start()]
        fields = list(NEXT_FIELD.finditer(before))  # not the field before ("- warmup_steps: 2000\n- steps")
        before = before[fields[-1].start():] if fields else before
        if NOT_TRAINING_STEPS.search(before):
            continue
        tuning = bool(FINE_TUNING_STEPS.search(before + steps.group(0)))
        block = list_block(text, steps.start()) or field_block(text, steps.start())
        sentence = block or sentence_around(text, steps.start(), steps.end())
        if OTHER_MODELS_STEPS.search(text, sentence.start, steps.start()):
            continue
        end = sentence.end
        if end + 2 < len(text):
            end = max(end, sentence_around(text, end + 1, end + 2).end)
        area = text[sentence.start: end]
        batches = _batches(area)
        # (the one before only when it speaks of a batch: a cheap test)
        before_steps = sentence_before(text, sentence) if not batches and "atch" in text[
            max(0, sentence.start - 400): sentence.start] else None
        if before_steps is not None:  # told first: "… a batch of 2,048 sequences. We train for 250K steps."
            sentence = Span(text[before_steps.start: sentence.end], before_steps.start, sentence.end)
            area = text[sentence.start: end]
            batches = _batches(area)
        if not batches:
            continue
        # (a batch said to be global beats the others: "train_batch_size: 8" then
        # "total_train_batch_size: 256", as a trainer's card lists them)
        batch, per_device = next((pair for pair in batches if not pair[1] and _global(area, pair[0])),
                                 next((pair for pair in batches if not pair[1]), batches[0]))
        # (a configuration's batch beside its gradient accumulation, not said global, is a device's
        # micro-batch:
        # "batch_size = 12" / "gradient_accumulation_steps = 40" sizes no step without the devices)
        if block is not None and not per_device and not _global(area, batch) and ACCUMULATION.search(area):
            per_device = True
        n_steps, n_batch = count_value(steps, "s"), count_value(batch, "b")
        product = batch.re is BATCH and batch.group("bx")  # sequences × length: a batch in tokens
        if product:
            n_batch *= float(product.replace(",", ""))
        if per_device:
            devices = max((count for count, *_ in device_counts(Span(area, sentence.start, end))), default=0)
            if not devices:
                continue  # the global batch is unknown
            accumulation = ACCUMULATION.search(area)
            n_batch *= devices * (float(next(filter(None, accumulation.groups()))) if accumulation else 1)
        spans = [Span(steps.group(0), steps.start(), steps.end()),
                 Span(batch.group(0), sentence.start + batch.start(), sentence.start + batch.end())]
        if batch.re in (SEQUENCES_PER_BATCH, SEQUENCES_WITH, EACH_STEP_SEQUENCES):
            tokens = n_steps * n_batch * count_value(batch, "l")
        elif batch.group("unit") or product or (batch.re is BATCH and batch.group("labelled")) or \
                (batch.re is BATCH_FIRST and n_batch >= BATCH_IN_TOKENS):
            tokens = n_steps * n_batch
        else:
            length = _sequence_length(area)
            if length is None:
                continue
            tokens = n_steps * n_batch * length[0]
            at = sentence.start + length[1].start
            spans.append(Span(length[1].text, at, at + len(length[1].text)))
        if 1e8 <= tokens <= 1e15 and n_steps >= 1000:
            found.append((tokens, spans, tuning))
    return found


TABLE_VALUE = re.compile(rf"\s*(?:~|about\s+)?{counted('v')}\s*(?P<tokens>tokens)?\s*", re.IGNORECASE)
STEPS_LABEL = re.compile(r"\b(?:steps|iterations|updates)\b", re.IGNORECASE)
BATCH_LABEL = re.compile(r"\bbatch[\s_-]*size\b|^batch\b", re.IGNORECASE)
LENGTH_LABEL = re.compile(r"(?:sequence|context|seq)[\s_-]*(?:length|len|size)\b|max[\s_-]*length",
                          re.IGNORECASE)
NOT_THE_RUN_LABEL = re.compile(r"warm-?up|decay|fine-?tun|finetun|eval|per[\s_-]*(?:device|gpu|step)|micro",
                               re.IGNORECASE)


@lru_cache(maxsize=8)
def table_step_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """(tokens, [steps, batch, sequence-length rows]) from each hyperparameter table (two cells a row)
    that gives training steps, a batch size and, unless the batch is in tokens, a sequence length; also
    from such a table written a row a line without pipes ("Training steps 500K" / "Batch size (tokens)
    4M"), its rows near each other."""
    found = []
    for table in find_tables(text):
        if NOT_THE_RUN_LABEL.search(table.header_line.text):
            continue  # a table of fine-tuning (or evaluation) hyperparameters
        rows = [row for row in table.rows if len(row.cells) == 2]
        tokens = _rows_tokens(rows) if any("step" in row.label.lower() for row in rows) else None
        if tokens is not None:
            found.append(tokens)
    low = lowered(text)
    if "steps" in low and "batch" in low:  # cheap: most texts write no such table
        for block in _line_blocks(text):
            tokens = _rows_tokens(block)
            if tokens is not None and all(tokens[1][0].start != spans[0].start for _, spans in found):
                found.append(tokens)
    return found


LINE_BLOCK_GAP = 400  # characters between two rows of one table written a row a line


def _line_blocks(text: str) -> list[list[Row]]:
    """The key-value rows written a line each whose keys speak of steps, a batch or a sequence length
    (:func:`~curation.extract.line_tables.key_value_lines`), grouped where they stand near each other."""
    steps = key_value_lines(text, "steps")
    batches = key_value_lines(text, "batch") if steps else []
    if not batches:  # (the lengths only where both are: "length" and "context" are common words)
        return []
    rows = sorted({row.line.start: row for row in [*steps, *batches, *key_value_lines(text, "length"),
                                                   *key_value_lines(text, "context")]}.values(),
                  key=lambda row: row.line.start)
    blocks: list[list[Row]] = []
    for row in rows:
        if blocks and row.line.start - blocks[-1][-1].line.end <= LINE_BLOCK_GAP:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return blocks


def _rows_tokens(rows: list[Row]) -> tuple[float, list[Span]] | None:
    """The tokens key-value rows give (their label, their value): steps times the batch, times the
    sequence length unless the batch is in tokens; and the rows' lines."""
    found: dict[str, tuple[float, bool, Span]] = {}
    for row in rows:
        value = TABLE_VALUE.fullmatch(row.cells[1])
        if value is None or NOT_THE_RUN_LABEL.search(row.label):
            continue
        tokens = bool(value.group("tokens")) or "token" in row.label.lower()
        for kind, pattern in (("steps", STEPS_LABEL), ("batch", BATCH_LABEL), ("length", LENGTH_LABEL)):
            if pattern.search(row.label) and kind not in found:
                found[kind] = (count_value(value, "v"), tokens, row.line)
                break
    if "steps" not in found or "batch" not in found:
        return None
    (steps, _, steps_row), (batch, in_tokens, batch_row) = found["steps"], found["batch"]
    if in_tokens:
        total, spans = steps * batch, [steps_row, batch_row]
    elif "length" in found:
        total, spans = steps * batch * found["length"][0], [steps_row, batch_row, found["length"][2]]
    else:
        return None
    return (total, spans) if 1e8 <= total <= 1e15 and steps >= 1000 else None


def column_step_tokens(table: Table, column: int) -> tuple[float, list[Span]] | None:
    """The tokens of one model's column in a table of hyperparameters with a model a column ("| |
    Heron-1B | Heron-7B |" over "| Training steps | 250K | 500K |", "| Batch size | 1024 | 2048 |", "|
    Sequence length | 2048 | 2048 |"): read as :func:`_rows_tokens` reads a key-value table's rows."""
    if NOT_THE_RUN_LABEL.search(table.header_line.text):
        return None
    return _rows_tokens([Row([row.label, row.cells[column]], row.line) for row in table.rows
                         if column < len(row.cells)])
