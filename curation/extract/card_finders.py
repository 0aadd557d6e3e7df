"""Operation counting across a model card: the card's parameter count × its training tokens.

Model cards state size and data in different places ("n_parameters | 20554567680", "Training tokens:
150B tokens", "a batch size of 3.15M tokens … 150,000 steps", a checkpoint named "step5000-tokens21B",
a table row "| Training tokens | 3.5T |").
Pairing figures from different places is only safe where the whole text describes one model, so this
runs on model cards only (:func:`looks_like_model_card`), and its estimates are Speculative.
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import PARAMETERS_ANCHOR, TOKENS_ANCHOR, anchored, lowered, positions
from curation.extract.context import classify, context_around, has_cue, mark_local_cues
from curation.extract.data_mixtures import HEADER_SCALE, token_cell
from curation.extract.evidence import (
    FINETUNING,
    OPERATION_COUNTING,
    Estimate,
    Span,
    line_around,
    sentence_around,
)
from curation.extract.line_tables import key_value_lines, two_column_line_tables
from curation.extract.model_names import document_title, looks_like_a_model, model_before, squash_name
from curation.extract.parameter_labels import parameter_label
from curation.extract.quantities import (
    NUMBER,
    PARAMETER_WORDS,
    SIZE,
    SIZE_GAP,
    SIZE_JOIN,
    TOKEN_ADJECTIVES,
    names_next_field,
    scaled_value,
)
from curation.extract.stage_tokens import stage_tokens
from curation.extract.step_counting import finetuning_step_tokens, step_tokens, table_step_tokens
from curation.extract.tables import Row, find_tables
from schemas.model_cards import FRONT_MATTER

CARD_KEYS = {"license", "tags", "pipeline_tag", "library_name", "language", "datasets", "base_model",
             "model-index", "widget", "inference", "metrics", "thumbnail", "model_name", "license_name"}
FRONT_MATTER_KEY = re.compile(r"^([\w-]+)[ \t]*:", re.MULTILINE)
CARD_HEADING = re.compile(r"^[ \t]*#{1,4}[ \t]*(?:\W+[ \t]*)?(?:\d+\.[ \t]*)?"
                          r"(?:model card|model details|intended uses?|model description|uses|how to use|"
                          r"model summary|model overview|model downloads)\b", re.MULTILINE | re.IGNORECASE)
PARAM_STATEMENT = re.compile(  # "6.9B parameters", "a 6.9B parameter model", "1.4B params", "params: 6.9B"
    rf"(?P<n>{NUMBER}){SIZE_JOIN}(?P<m>{SIZE})?{SIZE_GAP}+{PARAMETER_WORDS}param(?:eter)?s?\b"
    # (a configuration's key too: "num_parameters: 1.1B", "n_params: 1.1B"; a count's, a unit in the key, a
    # dash before the value: "Parameter count: 7,241,732,096", "Params (B): 7.2", "Total parameters — 7.2B")
    # (or a note on which parameters: "Parameters (non-embedding): 6.5B")
    rf"|(?<![A-Za-z])param(?:eter)?s?(?:\s+count)?\s*(?:\(\s*(?P<unit>[MB]|millions?|billions?)\s*\)\s*"
    r"|\([A-Za-z][\w\s-]{0,28}\)\s*)?"
    rf"(?:[:=]|\s[—–]|\s-\s)\s*(?P<n2>{NUMBER})\s?(?P<m2>{SIZE})?\b",
    re.IGNORECASE,
)
# "1.5T tokens", "299,892,736,000 tokens" (digits alone count when they reach 1e8), "a 1.5 trillion
# token mix", "tokens: 2T", "Tokens seen: 1.5T"
TOKEN_FIGURE = re.compile(
    rf"(?P<t>{NUMBER})\s?(?P<tm>{SIZE})?\b\+?(?:\s+of(?=\s+tokens\b))?\s*{TOKEN_ADJECTIVES}"
    r"(?:tokens|token(?=[\s-]+(?:mix|mixture|corpus|dataset)\b))"
    # (a field's key may say how the tokens were used, and a dash may set off its value: "Tokens seen during
    # training: 1.5 trillion", "Total tokens processed: 1.5T", "Training tokens — 1.5T")
    rf"|\btokens(?:\s+(?:seen|trained|processed|consumed|used)(?:\s+(?:during|in)\s+(?:pre-?)?training"
    rf"|\s+on)?)?\s*(?:[:=]|\s[—–]|\s-\s)\s*(?P<t2>{NUMBER})\+?\s?(?P<tm2>{SIZE})\b",
    re.IGNORECASE,
)
# the value cell of a key-value row: "20554567680", "6.7B"
# (a lower bound reads as its figure: "4+ trillion", "2T+")
KEY_VALUE_SIZE = re.compile(rf"\s*(?P<n>{NUMBER})\+?\s?(?P<m>{SIZE})?\+?\s*", re.IGNORECASE)
# (and a schedule's warm-up or ramp-up: "| Batch size | 1152 | 100B tokens ramp-up |")
NOT_TRAINING_TOKENS = ("context", "sequence", "vocab", "window", "max_length", "max_new_tokens",
                       "per batch", "batch size", "prompt", "generate", "warm", "ramp",
                       "additional", "another", "extra ")  # "for an additional 100B tokens": a further stage


@lru_cache(maxsize=16)  # asked by several finders about the same text
def looks_like_model_card(text: str) -> bool:
    """A model card: YAML front matter with a card's metadata keys (license, tags, pipeline_tag, …; a
    paper's provenance header is not one), or a card's usual section headings ("## Model Details",
    "# Model Card for …"; a paper that mentions "model cards" in its prose is not one)."""
    block = FRONT_MATTER.match(text[:50_000].lstrip())
    keys = {key.lower() for key in FRONT_MATTER_KEY.findall(block.group(1))} if block else set()
    if CARD_KEYS & keys:
        return True
    at = text.find("#")
    while at != -1:  # only lines that hold a "#": a multi-line ^ pattern over the whole text is slow
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip(" \t") and CARD_HEADING.match(text, line_start):
            return True
        line_end = text.find("\n", at)
        at = -1 if line_end == -1 else text.find("#", line_end)
    return False


def is_card(text: str, name: str | None) -> bool:
    """A model card: a text published under a model repository's ``name``, or one that looks like a card
    (:func:`looks_like_model_card`: a card's README need not open with metadata or a card's headings)."""
    return name is not None or looks_like_model_card(text)


def _size(word: str | None) -> str | None:
    return word.lower() if word else None


# sizes listed before one word of parameters: "8B and 70B parameters", "1B, 3B, or 7B params"
LISTED_SIZE = re.compile(rf"(?P<n>{NUMBER})\s?(?P<m>[MBT])\b")
LISTED_PARAMETERS = re.compile(rf"(?<![\w.]){NUMBER}\s?[MBT]\b"
                               rf"(?:\s*(?:,|and|or|,\s*and|,\s*or)\s+{NUMBER}\s?[MBT]\b)+"
                               r"\s+(?:total\s+)?param(?:eter)?s\b")
NAME_ROUNDING = 0.2  # how far the size a name rounds to ("-7B") may lie from the stated count (6.7B)


# a count in the parenthesis right after a model's name: "starting from a Kite-LM XL (3B parameters) model"
GLOSSED_NAME_BEFORE = re.compile(r"(?P<name>[A-Za-z][\w.-]*\w)(?:\s+[A-Z][\w.-]*)?\s*\(\s*"
                                 r"(?:about\s+|~\s*)?$")


def _glosses_another(text: str, at: int, name: str | None) -> bool:
    """Whether the count at ``at`` opens the parenthesis that glosses another model's name than the card's
    (:data:`GLOSSED_NAME_BEFORE`): that model's size, not the card's."""
    gloss = GLOSSED_NAME_BEFORE.search(text, max(0, at - 60), at)
    if gloss is None or not looks_like_a_model(gloss.group("name")):
        return False
    own = squash_name((name or document_title(text) or "").split("/")[-1])
    return not (own and squash_name(gloss.group("name")).startswith(own[:4]))


def card_parameter_count(text: str, name: str | None = None) -> tuple[float, Span] | None:
    """The card's own parameter count: the size a table row labelled with the card's own name gives
    ("| [Heron](https://…/Heron) | 11 billion |" on the card published as org/Heron, whatever siblings
    the table lists first), else its first statement in prose ("6.9B parameters"), size field ("Model
    size: 3 billion") or key-value table row — unless that is another size than the repository's name
    carries and a statement of that size stands in prose (:func:`_named_size_stated`)."""
    own = _own_row_size(text, name) if name else None
    if own is not None:
        return own
    found: list[tuple[int, float, Span]] = []
    match = next((m for m in anchored(PARAM_STATEMENT, text, PARAMETERS_ANCHOR, 40, 30)
                  if 1e6 <= _param_value(m) <= 1e14 and not names_next_field(text, m)
                  and not _glosses_another(text, m.start(), name)), None)
    if match:
        found.append((match.start(), _param_value(match), Span(match.group(0), match.start(), match.end())))
    low = lowered(text)
    # (cheap: a size field is rare)
    if any(key in low for key in ("size:", "size :", "size=", "size ~", "size ≈")):
        for field in SIZE_FIELD.finditer(text):
            start = field.start() + len(field.group(0)) - len(field.group(0).lstrip())
            size = scaled_value(field.group("n"), _size(field.group("m")))
            found.append((field.start(), size, Span(text[start: field.end()], start, field.end())))
    for row in _key_value_rows(text, "param"):
        if (_SIZE_KEY.fullmatch(row.label) or "param" in row.label.lower()) and len(row.cells) == 2:
            value = KEY_VALUE_SIZE.fullmatch(row.cells[1])
            size = scaled_value(value.group("n"), _size(value.group("m"))) if value else 0
            if 1e6 <= size <= 1e14:
                found.append((row.line.start, size, row.line))
    if not found:
        return None
    _, value, span = min(found, key=lambda item: item[0])
    named = repository_size(name)
    if named and abs(value - named) > NAME_ROUNDING * named:
        return _named_size_stated(text, named) or _named_size_written(text, named) or (value, span)
    return value, span


def _named_size_written(text: str, named: float,
                        pattern: re.Pattern[str] | None = None) -> tuple[float, Span] | None:
    """The size a repository's name carries written alone in the card's prose, outside a table's row or a
    heading (``pattern``: any size, "This is the repository for the 13B pretrained model", when the card's
    first count is another size's, the top of the family's range, "from 7 billion to 70 billion
    parameters"; or one before the words of a model, :data:`MODEL_OF_SIZE`): the card says which of the
    family it is."""
    for match in (pattern or NAME_SIZE).finditer(text):
        value = scaled_value(match.group("n"), _size(match.group("m")))
        line = text[text.rfind("\n", 0, match.start()) + 1: match.start()]
        if abs(value - named) <= NAME_ROUNDING * named and not line.lstrip().startswith(("|", "#")):
            return value, Span(match.group(0), match.start(), match.end())
    return None


# a size standing alone before the words of a model, as a card describes its own: "Heron is a 7B language
# model", "the 1.5B model" (not a name's size, "Heron-7B", nor a count of tokens)
MODEL_OF_SIZE = re.compile(r"(?<![\w.-])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[BbMm])(?![\w-])"
                           r"(?=\s+(?:[a-z][\w-]*\s+){0,2}?(?:model|LLM|transformer|network)\b)")


def _size_of_a_model(text: str, name: str | None) -> tuple[float, Span] | None:
    """The size a card's repository name carries, written alone in its prose before the words of a model
    ("Heron is a 7B language model" on acme/Heron-7B), when the card states no parameter count."""
    named = repository_size(name)
    return _named_size_written(text, named, MODEL_OF_SIZE) if named else None


def _named_size_stated(text: str, named: float) -> tuple[float, Span] | None:
    """A statement in prose of the size a repository's name carries, when the card's first is another's:
    "6.9B parameters", or one of a list of sizes that ends in the word ("Heron comes in two sizes — 8B and
    70B parameters" on "org/Heron-8B": 8B)."""
    for match in anchored(PARAM_STATEMENT, text, PARAMETERS_ANCHOR, 40, 30):
        if abs(_param_value(match) - named) <= NAME_ROUNDING * named:
            return _param_value(match), Span(match.group(0), match.start(), match.end())
    for listed in LISTED_PARAMETERS.finditer(text) if "param" in text else ():
        for size in LISTED_SIZE.finditer(listed.group(0)):
            value = scaled_value(size.group("n"), _size(size.group("m")))
            if abs(value - named) <= NAME_ROUNDING * named:
                at = listed.start() + size.start()
                return value, Span(size.group(0), at, at + len(size.group(0)))
    return None


# a card's size as a field of its own: "Model size: 3 billion", "- **Model Size:** 2.7B", "Size: 7B", "Model
# size ~13B" (not "Batch size", nor a file's size in GB)
_SIZE_KEY = re.compile(r"(?:model\s+)?size", re.IGNORECASE)
SIZE_FIELD = re.compile(rf"^[ \t]*(?:[-*+][ \t]*)?{_SIZE_KEY.pattern}[ \t]*(?:[:=][ \t]*|(?=[~≈]))"
                        rf"(?:[~≈][ \t]*|about[ \t]+|approximately[ \t]+)?(?P<n>{NUMBER})[ \t]?"
                        r"(?P<m>[MBT]|million|billion|trillion)(?![\w.])(?![ \t]*(?:tokens|GB|MB|TB)\b)",
                        re.IGNORECASE | re.MULTILINE)
LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _own_row_size(text: str, name: str) -> tuple[float, Span] | None:
    """The size in the table row whose label is the card's own model: a two-cell row ("| [Heron](…) |
    11B |"), or the row of a table with a column of parameters ("| Model | Layers | Params |" … "| Heron
    | 40 | 13B |"; of a mixture of experts, its activated count)."""
    own = squash_name(name.split("/")[-1])
    for table in find_tables(text):
        column = parameter_label(table.headers) if table.headers and len(table.headers) > 2 else None
        for row in table.rows:
            label = squash_name(LINK_TEXT.sub(r"\1", row.label))
            if label != own:
                continue
            cell = row.cells[1] if len(row.cells) == 2 else \
                row.cells[column] if column is not None and column < len(row.cells) else ""
            value = KEY_VALUE_SIZE.fullmatch(cell)
            size = scaled_value(value.group("n"), _size(value.group("m"))) if value else 0
            if 1e6 <= size <= 1e14:
                return size, row.line
    return None


def _param_value(match: re.Match[str]) -> float:
    if match.group("n"):
        return scaled_value(match.group("n"), _size(match.group("m")))
    unit = match.group("unit")  # "Params (B): 7.2"
    return scaled_value(match.group("n2"), _size(match.group("m2") or (unit and unit[0])))


def _token_figures(text: str) -> list[tuple[float, list[Span]]]:
    figures = []
    low = lowered(text)
    for match in anchored(TOKEN_FIGURE, text, TOKENS_ANCHOR, 40, 50):
        if names_next_field(text, match):
            # the noun is the next field's key, whose own value may follow it ("Params: 7B\n\nTraining
            # tokens: 2T"): read again from the key
            key = low.rfind("tokens", match.start(), match.end())
            match = TOKEN_FIGURE.match(text, key) if key != -1 else None
            if match is None or not match.group("t2"):
                continue
        # the figure's own line, and its own cell when a line holds several fields ("Params: 1.1B |
        # Tokens: 3T | Context: 2048": the context length is another field's)
        line_start = max(low.rfind("\n", 0, match.start()), low.rfind("|", 0, match.start())) + 1
        ends = [at for at in (low.find("\n", match.end()), low.find("|", match.end())) if at != -1]
        line_end = min(ends) if ends else len(low)
        context = low[max(line_start, match.start() - 60): min(line_end, match.end() + 20)]
        if has_cue(context, NOT_TRAINING_TOKENS):
            continue
        number, size = (match.group("t"), match.group("tm")) if match.group("t") else (
            match.group("t2"), match.group("tm2"))
        span = Span(match.group(0), match.start(), match.end())
        figures.append((scaled_value(number, _size(size)), [span]))
    figures.extend(step_tokens(text))
    figures.extend(table_step_tokens(text))
    figures.extend(_mix_total_tokens(text))
    figures.extend(_checkpoint_tokens(text))
    figures.extend(_key_value_tokens(text))
    return [(tokens, spans) for tokens, spans in figures if 1e8 <= tokens <= 1e15]



def _key_value_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """A key-value table row of training tokens ("| Training tokens | 3.5T |", "| Tokens seen | 2T |"):
    its value with a size suffix, read like a parameter row (not a context or sequence length)."""
    figures = []
    for row in _key_value_rows(text, "token"):
        label = row.label.lower()
        if "token" not in label or len(row.cells) != 2:
            continue
        if has_cue(label, NOT_TRAINING_TOKENS):
            continue
        value = KEY_VALUE_SIZE.fullmatch(row.cells[1])
        if value and value.group("m"):
            figures.append((scaled_value(value.group("n"), _size(value.group("m"))), [row.line]))
    return figures


def _key_value_rows(text: str, word: str) -> list[Row]:
    """The rows of the text's pipe tables and of its key-value tables written a row a line whose key holds
    ``word`` (:func:`~curation.extract.line_tables.key_value_lines`)."""
    return [row for table in find_tables(text) for row in table.rows] + key_value_lines(text, word)


# a checkpoint named for the tokens it has seen: "step1200000-tokens5033B", "stage1-step5000-tokens21B"
CHECKPOINT_TOKENS = re.compile(r"\bstep[-_]?\d+[-_]tokens?[-_]?(?P<n>\d+(?:\.\d+)?)(?P<m>[BMT])\b",
                               re.IGNORECASE)


def _checkpoint_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """Tokens seen by checkpoints a card names by step and token count: the furthest checkpoint of the
    run gives its training tokens (a later stage "for an additional N tokens" is not counted)."""
    low = lowered(text)
    starts = {low.rfind("step", max(0, at - 24), at)
              for separator in ("-token", "_token") for at in positions(low, separator)}
    matches = [m for start in sorted(starts - {-1}) if (m := CHECKPOINT_TOKENS.match(text, start))]
    best = None
    for match in matches:
        tokens = scaled_value(match.group("n"), _size(match.group("m")))
        if best is None or tokens > best[0]:
            best = (tokens, [Span(match.group(0), match.start(), match.end())])
    return [best] if best else []


def _mix_total_tokens(text: str) -> list[tuple[float, list[Span]]]:
    """A data-mix table's total: the "Total" row of a column headed with tokens in a unit
    ("| Subset | Tokens (Billion) |" … "| Total | 1259.13 |", or written a row a line: "Subset Tokens
    (Billion)" … "Total 1259.13") counts the tokens of the whole mix; and the stages of a pre-training told
    one by one, summed (:func:`stage_tokens`)."""
    figures = []
    for table in [*find_tables(text), *two_column_line_tables(text)]:
        for index, header in enumerate(table.headers):
            if "token" not in header or not HEADER_SCALE.search(header):
                continue
            for row in table.rows:
                if not row.label.lower().startswith(("total", "sum")) or index >= len(row.cells):
                    continue
                tokens = token_cell(row.cells[index], header)
                if tokens:
                    figures.append((tokens, [row.line, table.header_line]))
    figures += [(tokens, [span]) for tokens, span in stage_tokens(text)]
    return figures


# a size in a title or a repository's name: "Heron-7B", "heron-3-4b"
NAME_SIZE = re.compile(r"(?<![A-Za-z0-9.])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[BbMm])(?![A-Za-z0-9])")


DECIMAL_UNDERSCORE = re.compile(r"(?<![A-Za-z\d])(\d+)_(\d+[MBTmbt])(?![A-Za-z\d])")


def repository_sizes(repository: str | None) -> list[float]:
    """Every size a repository's name carries, in order ("acme/Heron-8B-Distill-1_5B": 8B, 1.5B; a decimal
    point written "_" after a number standing alone)."""
    if not repository:
        return []
    written = DECIMAL_UNDERSCORE.sub(r"\1.\2", repository.split("/")[-1])
    return [scaled_value(m.group("n"), m.group("m").lower()) for m in NAME_SIZE.finditer(written)]


def repository_size(repository: str | None) -> float | None:
    """The size a repository's name carries ("01-ai/Heron-34B"; "acme/Heron-1_6B": 1.6B, a repository name
    writes a decimal point as "_" after a number standing alone, not "heron2_27b": 27B), the largest if
    several; None if it carries none."""
    sizes = repository_sizes(repository)
    return max(sizes) if sizes else None


# a line that is a table's row or a field ("| Training Tokens | 4T |", "- Pre-training tokens: 11T")
FIELD_OR_ROW = re.compile(r"[ \t]*(?:\||(?:[-*+][ \t]*)?(?:\*\*)?[A-Za-z][\w ()/-]{0,40}(?:\*\*)?[ \t]*:)")


def _in_field_or_row(text: str, span: Span) -> bool:
    return FIELD_OR_ROW.match(text, text.rfind("\n", 0, span.start) + 1) is not None


def _named_size(text: str, name: str | None) -> tuple[float, Span] | None:
    """A card that states no parameter count: the size its repository's name carries, quoted where the
    card writes that name ("# Heron-7B" on heron-lab/Heron-7B); None if it never writes it. (Paired only
    with a token figure in a field or a table's row: a sentence may tell a base's or a sibling's run.)"""
    size = repository_size(name)
    if size is None or name is None:
        return None
    own = name.split("/")[-1]
    at = lowered(text).find(own.lower())
    return (size, Span(text[at: at + len(own)], at, at + len(own))) if at != -1 else None


def find_card_operation_counting(text: str, name: str | None = None) -> list[Estimate]:
    """6 · N · D from a model card's parameter count and its largest training-token figure; and from its
    fine-tuning set-up, a fine-tuning estimate (stage ``finetuning``: a derived model's own run).
    ``name`` is the repository the card is published under, when known."""
    if not is_card(text, name):
        return []
    params = card_parameter_count(text, name) or _size_of_a_model(text, name)
    named = params is None  # the size only its name carries: its token figure must be a field or a row
    params = params or _named_size(text, name)
    if params is None:
        return []
    model = name.split("/")[-1] if name else document_title(text)
    tuned = finetuning_step_tokens(text)
    # the largest token figure that is not another model's (checked largest first: most are the card's)
    largest = next((figure for figure in sorted(_token_figures(text), key=lambda item: -item[0])
                    if not _another_models(text, figure[1][0], model)
                    and not (named and not _in_field_or_row(text, figure[1][0]))), None)
    if not tuned and largest is None:
        return []
    estimates = []
    if tuned:
        estimates.append(_fine_tuning_estimate(text, params, model, *max(tuned, key=lambda item: item[0])))
    if largest is None:
        return estimates
    n, param_span = params
    d, token_spans = largest
    estimate = Estimate(
        6 * n * d, OPERATION_COUNTING, [*token_spans, param_span],
        {"parameters": n, "training_tokens": d, "formula": "6 * N * D",
         "pairing": "the card's parameter count with its largest training-token figure"},
        model=model, confidence="Speculative",
    )
    # the batch phrase of a batch × steps figure is not a "per batch" figure here
    # cue words near the token figure only: a batch size later in the sentence is not about it
    sentence = sentence_around(text, token_spans[0].start, token_spans[0].end)
    blanked = text  # a steps × batch figure's own batch phrase is not a "per batch" cue
    for span in token_spans:
        blanked = blanked[:span.start] + " " * (span.end - span.start) + blanked[span.end:]
    mark_local_cues(estimate, text, sentence, token_spans[0])
    return [classify(estimate, context_around(blanked, sentence, token_spans[0], 60, 25)), *estimates]


def _another_models(text: str, figure: Span, own: str | None) -> bool:
    """Whether a token figure belongs to another model than the card's: the model named nearest before
    it in its sentence is neither the card's (its repository or title) nor of its family ("Like Kite-70B,
    trained on 15T tokens, the model …" in Heron-7B's card)."""
    # (a figure that is a whole line, a table's row written a row a line, is read on its own line: the
    # rows above it, "StackExchange 21.75", name no model)
    whole_line = (figure.end == len(text) or text[figure.end] == "\n") and \
        (figure.start == 0 or text[figure.start - 1] == "\n")
    sentence = figure if whole_line else sentence_around(text, figure.start, figure.end)
    named = model_before(sentence.text[: figure.start - sentence.start], figure.start - sentence.start)
    if not named or not own:
        return False
    title = squash_name(f"{own} {document_title(text) or ''}")
    stem = squash_name(re.split(r"[\s-]", named)[0])
    return squash_name(named) not in title and not (len(stem) > 2 and stem in title)


def _fine_tuning_estimate(text: str, params: tuple[float, Span], model: str | None, tokens: float,
                          spans: list[Span]) -> Estimate:
    """6 · N · D of a card's fine-tuning set-up (steps × batch × sequence length), quoting the line
    that gives its steps."""
    n, param_span = params
    return Estimate(
        6 * n * tokens, OPERATION_COUNTING,
        [line_around(text, spans[0].start, spans[0].end), *spans, param_span],
        {"parameters": n, "training_tokens": tokens, "formula": "6 * N * D",
         "pairing": "the card's parameter count with its fine-tuning steps × batch × sequence length"},
        model=model, confidence="Speculative", stage=FINETUNING,
    )
