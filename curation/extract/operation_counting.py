"""The operation-counting finder: 6 · parameters · training tokens (× epochs) where one sentence gives
a model's parameters and its training tokens; active parameters when the sentence gives them.

Sizes are written "7B parameters", "7 billion weights", "a 7-billion-parameter model", "the 70B
models", "6.7 billion non-embedding (trainable, total) parameters", "Heron (7B)"; tokens "300B
tokens", "2.6 trillion tokens", "one trillion tokens", "a 100B-token corpus". An estimate is Likely
when its sentence gives one size (active parameters, or one value written once or more), else
Speculative (and so is one whose size is written as a total, "250B total parameters": a mixture of
experts whose activated count the sentence does not give). Of several sizes, the token figure goes
with the one written nearest before it."""

from __future__ import annotations

import re

from curation.extract.anchors import (
    TOKENS_ANCHOR,
    anchored,
)
from curation.extract.context import (
    SOURCE_CORPUS_NOTE,
    STARTS_FROM,
    classify,
    mark_local_cues,
    restage_pretrained,
    source_corpus,
    stage_clause,
    up_to_other_clause,
)
from curation.extract.evidence import (
    OPERATION_COUNTING,
    Estimate,
    Span,
    sentence_around,
)
from curation.extract.model_names import SIZED_NAME, model_before
from curation.extract.moe import MIXTURE, TOTAL_ONLY_NOTE
from curation.extract.quantities import (
    COUNTED,
    MODEL_NOUN,
    NUMBER,
    PARAMETER_WORDS,
    PLAIN_COUNT,
    SIZE,
    SIZE_JOIN,
    names_next_field,
    parse_plain,
    scaled_value,
)
from curation.extract.respective import SIZE_WORD, respective_pairs
from curation.extract.step_counting import step_tokens
from curation.extract.token_parts import sum_listed_parts

# up to two words describing a model between its size and "model": "a 7B language model", "a 13B
# decoder-only model" (not a count's noun or a word that joins, nor a model in another role than the
# one trained, "a 7B reward model", "a 70B teacher model", nor a family: "the 9B series models")
MODEL_DESCRIPTION = (r"(?:(?!(?:tokens?|words?|images?|examples?|samples?|steps?|sequences?|pairs?"
                     r"|documents?|per|of|for|each|to|in|on|with|from|by|at|as|and|or|the|an?|than|teacher"
                     r"|reward|reference|draft|judge|critic|proxy|baseline|ablation|series|family|suite)\b)"
                     r"[a-z][\w-]*[ \t]+){0,2}?")
PARAMS = re.compile(
    # a unit written twice ("a 2.7B billion parameter model") is read once
    rf"(?P<p>{NUMBER}){SIZE_JOIN}(?P<pm>{SIZE})\b(?:\s+(?:million|billion|trillion)\b)?[\s-]*"
    # "7 billion weights": a count of weights is one of parameters
    rf"(?:(?P<active>activated|active|activation(?=\s+param))\s+)?{PARAMETER_WORDS}"
    rf"(?:parameters?|params?|{MODEL_DESCRIPTION}{MODEL_NOUN}|variants?|weights)\b"
    rf"|(?:parameters?|params)\s+(?:to|of)\s+(?P<p2>{NUMBER})\s?(?P<pm2>{SIZE})\b"
    # a size alone in parentheses after a model or its name: "Our model (7B) is trained on 2.5T tokens",
    # "Heron-XL (3B) was pre-trained on 1T tokens" (not after a count of data: "2T tokens (2,000B)" writes
    # the count again)
    rf"|(?<=\w)(?<!tokens)(?<!words)(?<!images)(?<!samples)(?<!examples)(?<!steps)"
    rf"\s\((?P<p3>{NUMBER})\s?(?P<pm3>[MB])\)"
    # a count in digits alone: "7,241,732,096 parameters"
    rf"|{PLAIN_COUNT.replace('P<plain>', 'P<p4>')}\s+{PARAMETER_WORDS}(?:parameters?|params|weights)\b",
    re.IGNORECASE,
)


# a size alone as the subject of a clause whose verb is left out: "We train Heron-27B on 13T tokens, the 9B
# model on 8T tokens, and the 2B on 2T tokens" (sought apart from :data:`PARAMS`, in sentences with "the ")
ELIDED_SIZE = re.compile(r"(?:(?<=, and the )|(?<= and the )|(?<=; the )|(?<=, the ))"
                         rf"(?P<p5>{NUMBER})\s?(?P<pm5>[MB])(?=\s+(?:on|with)\s)")


TOKENS = re.compile(rf"(?:(?P<t>{COUNTED})\s?(?P<tm>{SIZE})\b|{PLAIN_COUNT.replace('P<plain>', 'P<tp>')})"
                    r"\s*(?:\([^()]{1,12}\)\s*)?"
                    # "3 epochs over our 100B-token corpus" (or "a 1T token corpus"): a corpus sized in tokens
                    r"(?:(?:training\s+|text\s+|total\s+)?tokens|[\s-]token(?=\s+(?:corpus|corpora|dataset|mix)\b))"
                    # a rate, not a count: "1.2M tokens/s", "3,200 tokens per second per GPU"
                    r"(?!\s*(?:/|per\s+)\s*(?:s|sec|second|gpu|device|chip|hour|day)\b)",
                    re.IGNORECASE)


EPOCH_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10}
# "3 epochs", "two passes"
_PASSES = rf"(?:(?P<e>{NUMBER})|(?<![\w-])(?P<ew>{'|'.join(EPOCH_WORDS)}))"
# "3 epochs", "two passes", and the passes as repeats: "repeat the dataset 3 times", "sees each token four
# times", "iterates over the corpus twice" (the words' counts, "twice" and "thrice", as digits)
EPOCHS = re.compile(rf"{_PASSES}\s*(?:epochs?|passes)\b"
                    r"|\b(?:repeat\w*|iterat\w*\s+over|sees?|saw|seen|visit\w*)\s+(?:each\s+token"
                    r"|(?:the|our|this|its|every)\s+(?:[\w-]+\s+)?(?:data(?:set)?|corpus|tokens?|example))\s+"
                    + _PASSES.replace("P<e>", "P<e2>").replace("P<ew>", "P<ew2>")
                    + r"\s+times\b(?!\s+(?:more|less|fewer|as|larger|smaller|faster|slower)\b)"
                    r"|\b(?:repeat\w*|iterat\w*\s+over|sees?|saw|seen)\s+(?:each\s+token|(?:the|our|this|its)\s+"
                    r"(?:[\w-]+\s+)?(?:data(?:set)?|corpus))\s+(?P<twice>twice|thrice)\b",
                    re.IGNORECASE)


def epochs_of(match: re.Match[str]) -> float:
    """The passes an :data:`EPOCHS` match counts, in digits or in words."""
    if match.group("twice"):
        return 2.0 if match.group("twice").lower() == "twice" else 3.0
    digits, word = match.group("e") or match.group("e2"), match.group("ew") or match.group("ew2")
    return parse_plain(digits) if digits else float(EPOCH_WORDS[word.lower()])


# a token figure that restates the passes as their total: after them, in parentheses or after a word
# that equates ("3 epochs (900B tokens)", "3 epochs, i.e. 900B tokens", "3 epochs, totaling 900B tokens"),
# or before them, the passes in parentheses ("900B tokens (about 3 epochs)")
_ABOUT = r"(?:about|around|roughly|approximately|nearly|almost|over|~|≈)?\s*"
TOTAL_AFTER_PASSES = re.compile(r"\s*(?:\(\s*(?:i\.e\.,?\s*|or\s+)?|[,;:]?\s*(?:i\.e\.,?|or|that\s+is,?"
                                r"|totall?ing|(?:for\s+)?a\s+total\s+of|amounting\s+to|equivalent\s+to"
                                r"|corresponding\s+to|which\s+(?:is|amounts\s+to|corresponds\s+to))\s+)"
                                + _ABOUT + r"$", re.IGNORECASE)
PASSES_AFTER_TOTAL = re.compile(r"\s*\(\s*(?:i\.e\.,?\s*|or\s+)?" + _ABOUT + r"$", re.IGNORECASE)


def counts_the_passes(sentence: str, epochs: re.Match[str], start: int, end: int) -> bool:
    """Whether the token figure at ``sentence[start:end]`` is the total over the passes an
    :data:`EPOCHS` match counts, not the data they repeat (see :data:`TOTAL_AFTER_PASSES`): then the
    figure is not multiplied by them."""
    if epochs.end() <= start:
        between = sentence[epochs.end():start]
        if TOTAL_AFTER_PASSES.match(between):
            return True
        # "3 epochs, 900B tokens in total"
        return bool(re.fullmatch(r"\s*[,;]\s*", between)) and \
            re.match(r"\s*(?:in\s+total|total|overall|seen)\b", sentence[end:end + 20]) is not None
    return epochs.start() >= end and PASSES_AFTER_TOTAL.match(sentence[end:epochs.start()]) is not None


def find_operation_counting(text: str) -> list[Estimate]:
    """6 · N · D where one sentence gives a model's parameters N and its training tokens D (or a
    dataset's tokens and the epochs over it). Active parameters are used when the sentence gives them."""
    estimates = []
    # (past the word, room for the lookahead that tells a rate: "tokens per second", not "per step")
    for match in anchored(TOKENS, text, TOKENS_ANCHOR, 60, 16):
        if names_next_field(text, match):
            continue
        sentence = sentence_around(text, match.start(), match.end())
        params = []
        for p in PARAMS.finditer(sentence.text):
            if p.group("p4"):
                params.append((parse_plain(p.group("p4")), False, p))
                continue
            key = next(key for key in ("p", "p2", "p3") if p.group(key))
            number, size = p.group(key), p.group(key.replace("p", "pm"))
            params.append((scaled_value(number, _size(size)), bool(p.group("active")), p))
        if "the " in sentence.text:
            params += [(scaled_value(p.group("p5"), _size(p.group("pm5"))), False, p)
                       for p in ELIDED_SIZE.finditer(sentence.text)]
        # not the size of the model the run starts from or learns from ("distilled from a 70B model", "built
        # on the Kite-7B language model": the size in a name, read from the name's start)
        params = [(n, active, p) for n, active, p in params if 1e6 <= n <= 1e14
                  and not _started_from(sentence.text, _name_start(sentence.text, p.start()))]
        if not params:
            continue
        active = [pair for pair in params if pair[1]]
        # the size written nearest before the token figure ("models up to 1B parameters, each on 20B
        # tokens, … a 70B model on 1.4T tokens": 20B is the 1B's), else the largest after it
        at = match.start() - sentence.start
        before = [pair for pair in active or params if pair[2].end() <= at]
        # a size after the figure only in its own clause ("… on 4.3T tokens; the smaller 7B variants …"
        # sizes another run)
        end = match.end() - sentence.start
        # (nor one a comparison after the figure gives to the other side: "… on 1.4T tokens, four times
        # more than Kite (300B)")
        after = [pair for pair in active or params
                 if pair[2].end() > at and not _other_clause(sentence.text[end: pair[2].start()])
                 and not OTHER_SIDE.search(sentence.text, end, pair[2].start())]
        if not before and not after:
            continue
        n_params, is_active, param_match = max(before, key=lambda pair: pair[2].end()) if before else \
            max(after, key=lambda pair: pair[0])
        if before and _other_size_named(sentence.text[param_match.end(): at], n_params):
            continue
        if not before and _other_size_named(sentence.text[:at], n_params):
            continue  # "We train Heron-1B for 10T tokens and show it beats 7B models": the name's run
        tokens = scaled_value(match.group("t"), _size(match.group("tm"))) if match.group("t") else \
            parse_plain(match.group("tp"))  # a count in digits alone: "2,000,000,000,000 tokens"
        token_span = Span(match.group(0), match.start(), match.end())
        # sizes and figures paired with "respectively": the largest size's pair ("The 70B and 7B models were
        # trained on 15T and 2T tokens respectively": 70B with 15T)
        pairs = respective_pairs(sentence) if "respectively" in sentence.text else []
        paired_name = None
        if pairs and pairs[-1][3].start == match.start():  # the figure is the list's last
            n_params, size_span, tokens, token_span = max(pairs, key=lambda pair: pair[0])
            param_match = SIZE_WORD.match(sentence.text, size_span.start - sentence.start)
            is_active = False
            # (the pair's model is the one its size glosses or ends: "Heron-XL (2.8B) and Heron-L (1B) …")
            paired_name = _glossed_or_ending(sentence.text, size_span.start - sentence.start,
                                             size_span.end - sentence.start)
        steps = None
        if PER_BATCH.match(text, match.end()) or BATCH_BEFORE.search(text, max(0, match.start() - 30),
                                                                      match.start()):
            # a batch's tokens: the run's are the steps times the batch ("650M parameters, trained for
            # 270,000 steps with 2 million tokens per batch"), else none
            steps = _steps_of_batch(sentence, match)
            if steps is None:
                continue
            tokens = steps[0]
        elif text[max(0, match.start() - 2): match.start()].strip() == "(":
            # a corpus's size glossed after its name, the run's steps × batch × length told beside it: the
            # steps' tokens are the run's ("on OpenWebText (9B tokens) for 600k iterations with batch size
            # 480 and context 1024")
            steps = _run_steps_beside(sentence, match, tokens)
            tokens = steps[0] if steps else tokens
        epochs_match = EPOCHS.search(sentence.text)
        total = epochs_match is not None and counts_the_passes(  # "3 epochs (900B tokens)"
            sentence.text, epochs_match, match.start() - sentence.start, match.end() - sentence.start)
        epochs = epochs_of(epochs_match) if epochs_match and not total else 1.0
        if not 1e6 <= tokens <= 1e15 or not 0 < epochs <= 1000:
            continue
        value = 6 * n_params * tokens * epochs
        param_span = Span(param_match.group(0), sentence.start + param_match.start(),
                          sentence.start + param_match.end())
        estimate = Estimate(
            value, OPERATION_COUNTING,
            [sentence, param_span, *(steps[1] if steps else [token_span])],
            {"parameters": n_params, "active_parameters": is_active, "training_tokens": tokens,
             "epochs": epochs, "formula": "6 * N * D" + (" (D = steps × batch tokens)" if steps else "")},
            # a total ("250B total parameters") with no activated count is a mixture of experts' upper bound
            confidence="Likely" if is_active or (len({n for n, _, _ in params}) == 1
                                                 and "total" not in param_match.group(0).lower())
            else "Speculative",
        )
        if steps:
            estimate.confidence = "Speculative"  # steps × batch is an upper bound on the tokens seen
        if not is_active and "total" in param_match.group(0).lower() and MIXTURE.search(sentence.text):
            # "our MoE model with 16B total parameters, trained on 2T tokens": an upper bound, not the run
            estimate.notes.append(f"{TOTAL_ONLY_NOTE}, its active count unknown")
        if source_corpus(text, sentence, token_span):
            estimate.notes.append(SOURCE_CORPUS_NOTE)
        # (a batch of tokens is the step count's input, not a run's figure: the cues are read at the steps)
        mark_local_cues(estimate, text, sentence, steps[1][0] if steps else token_span)
        # the stage is the token figure's own clause's ("pretrained on 2T tokens and fine-tuned on …")
        clause = stage_clause(sentence, token_span).lower()
        if not steps:  # (what follows a comparison, a concession or a semicolon is another side's)
            clause = up_to_other_clause(clause, token_span.text.lower())
        for part in steps[1][1:] if steps else ():  # the batch's "per step" is the count's input, no
            clause = clause.replace(part.text.lower(), " ")  # sign of a figure that is no total
        estimate = restage_pretrained(classify(estimate, clause), sentence, token_span)
        estimate.model = paired_name or estimate.model
        if not is_active and _named_another_size(estimate.model, n_params):
            estimate.model = None
        estimates.append(estimate)
    return sum_listed_parts(text, estimates)


def _named_another_size(model: str | None, n_params: float) -> bool:
    """Whether a count's model label is a sized name of another size than the count's: the name nearest
    before the figure is a sibling's ("Heron-7B was trained on 2T tokens; the 13B variant on 3T tokens":
    the 13B count is no Heron-7B's), so the count carries no name."""
    sized = SIZED_NAME.fullmatch(model) if model else None
    if sized is None or sized.group("open") or "-A" in sized.group(0):
        return False
    size = scaled_value(sized.group("n"), _size(sized.group("m")))
    return abs(size - n_params) > 0.2 * max(size, n_params)


# a clause after a semicolon that goes on about the same model: "…; it has 6.9B parameters", "; the model has"
SAME_SUBJECT = re.compile(r"\s*(?:it|the\s+model|this\s+model|our\s+(?:final\s+)?model)\s+"
                          r"(?:has|had|is|was|contains|comprises|uses|used)\b", re.IGNORECASE)


def _other_clause(between: str) -> bool:
    """Whether the words between a token figure and a size after it cross into another clause: a
    semicolon or a colon, unless the clause after it keeps the subject ("…; it has 6.9B parameters"; not
    "Kite-7B (2T tokens) at a smaller scale: our replica has 1B parameters")."""
    at = max(between.rfind(";"), between.rfind(":"))
    return at != -1 and SAME_SUBJECT.match(between, at + 1) is None


# a comparison's other side after a figure: "… on 1.4T tokens, four times more than Kite (300B)" (not
# "while", which goes on about the same runs: "… with 150B tokens while keeping a fixed 30B model size")
# (or a verb that compares: "… on 10T tokens and show it outperforms 7B models")
OTHER_SIDE = re.compile(r"\b(?:compared\s+(?:to|with)|vs\.?|versus|whereas|than|outperform\w*|surpass\w*"
                        r"|rival\w*|beats?|beating)\b", re.IGNORECASE)


# a name a training verb has as its object or subject: "we train Heron-1B on …", "Heron-1B is trained on …"
TRAIN_BEFORE = re.compile(r"\b(?:pre-?)?train(?:s|ed)?\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
TRAINED_AFTER = re.compile(r"\s+(?:is|was|are|were|gets|got)\s+(?:\w+\s+)?(?:pre-?)?trained\b", re.IGNORECASE)


# what may stand between a semicolon and the name that is its clause's subject: "; our ", "; the new "
SUBJECT_OPENING = re.compile(r"\s*(?:(?:our|the|its|their|this)\s+)?(?:[a-z]+\s+)?", re.IGNORECASE)


PER_BATCH = re.compile(r"\s*(?:per|each|a|/)\s*(?:batch|step|iteration|update)\b", re.IGNORECASE)
# (or the steps it sizes: "300,000 updates, each over 512K tokens")
BATCH_BEFORE = re.compile(r"(?:\bbatch(?:\s+size)?\s*(?:of|is|was|=|:)?"
                          r"|\b(?:steps|updates|iterations)\s*,?\s*each\s+(?:of|over|with|covering|processing"
                          r"|containing|on))\s*(?:about\s+|roughly\s+|~\s*)?$", re.IGNORECASE)


def _steps_of_batch(sentence: Span, batch: re.Match[str]) -> tuple[float, list[Span]] | None:
    """The tokens of the steps a sentence gives times the batch ``batch`` sizes in tokens, and their spans;
    None unless exactly one such product stands in the sentence and it holds that batch."""
    products = [(tokens, spans) for tokens, spans in step_tokens(sentence.text)
                if any(s.start <= batch.start() - sentence.start < s.end for s in spans)]
    if len(products) != 1:
        return None
    tokens, spans = products[0]
    return tokens, [Span(s.text, sentence.start + s.start, sentence.start + s.end) for s in spans]


def _glossed_or_ending(sentence: str, start: int, end: int) -> str | None:
    """The model whose name a size at ``sentence[start:end]`` ends ("Heron-70B") or glosses in parentheses
    right after it ("Heron-XL (2.8B)"), else None."""
    name = model_before(sentence, end)
    if not name:
        return None
    at = sentence.rfind(name, 0, end)
    if at == -1:
        return None
    return name if at + len(name) >= end or GLOSS_GAP.fullmatch(sentence, at + len(name), start) else None


GLOSS_GAP = re.compile(r"\s*\(\s*")  # between a name and the size it glosses: "Heron-XL (2.8B)"


def _run_steps_beside(sentence: Span, gloss: re.Match[str], tokens: float) -> tuple[float, list[Span]] | None:
    """The one steps × batch × length product a sentence gives apart from a glossed corpus size, when it
    exceeds that size (the run saw more than one pass of it), with its spans; else None."""
    at = gloss.start() - sentence.start
    products = [(product, spans) for product, spans in step_tokens(sentence.text)
                if not any(s.start <= at < s.end for s in spans)]
    if len(products) != 1 or products[0][0] <= tokens:
        return None
    product, spans = products[0]
    return product, [Span(s.text, sentence.start + s.start, sentence.start + s.end) for s in spans]


def _other_size_named(between: str, n_params: float) -> bool:
    """Whether a model named with another size is trained between a size and the token figure after it: "a
    compute-optimal 70B model would need 1.4T tokens; we train Heron-1B on 20B tokens" gives Heron-1B's
    tokens, not the 70B's (the name's own run is the flagship finder's to read); a name in another role
    ("a 1B model distilled from Kite-70B … using 100B tokens") leaves the pairing alone. A name that
    opens the clause after a semicolon is that clause's subject, whatever its verb: "a 7B model on 2T
    tokens costs 8.4e22 FLOPs; our Heron-1B uses only 100B tokens"."""
    semicolon = between.rfind(";")
    for name in SIZED_NAME.finditer(between):
        size = scaled_value(name.group("n"), _size(name.group("m")))
        trained = TRAIN_BEFORE.search(between[max(0, name.start() - 30): name.start()]) or \
            TRAINED_AFTER.match(between, name.end()) or \
            (-1 < semicolon < name.start()
             and SUBJECT_OPENING.fullmatch(between, semicolon + 1, name.start()) is not None)
        if trained and max(size, n_params) / min(size, n_params) > 1.5:
            return True
    return False


def _started_from(text: str, at: int) -> bool:
    """Whether the words before ``at`` say a run starts or learns from what is written there
    (:data:`STARTS_FROM`)."""
    return STARTS_FROM.search(text, max(0, at - 40), at) is not None


def _name_start(text: str, at: int) -> int:
    """Where the name a size at ``at`` ends ("Kite-7B") starts: back over the letters, digits, dots and
    hyphens glued before it (``at`` itself when the size stands alone)."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".-"):
        start -= 1
    return start


def _size(word: str) -> str:
    word = word.lower()
    return {"k": "k", "m": "m", "b": "b", "t": "t"}.get(word, word)
