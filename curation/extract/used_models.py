"""Figures of models a text uses but does not train.

An evaluation or analysis paper quotes the compute of the models it studies ("Kite-3 was trained with
3.14e23 FLOPs. We evaluate Kite-3 on …"). The rule: a figure whose model the text says it evaluates,
uses, applies its method to, compares, prompts, probes or fine-tunes ("we evaluate X", "we
fine-tune X") and never trains, introduces or calls its own ("we train X", "we present X", "our X" —
by its full name or the name's first part, "Heron" for "Heron-7B"), is that model's run: cited, not
the text's. A paper that gives figures for several named models in prose ("Kite-3 … trained on 300B
tokens. WrenLM … on 780B tokens.") is quoting them: those it never claims, and whose name its title
does not carry, are cited too. So are the rows of a paper's table labelled with a model's name
("Kite-175B", "Albatross"; not "Model 8B" or "Total") that the text neither claims nor titles, beside a
claimed row or not (a survey's "| Kite-3 | 175B | 3.14e23 |", a baseline's row). A model card's title
or repository name makes the model its own, and a row of its tables labelled with another model's name
is that model's; so is, on a card whose repository is known, a sentence whose figure's model is written
like another model's name (not hardware, a vendor or a kind of model such as "MoE"). A sentence whose
subject points back ("It has 70B parameters …") after one about a baseline, a comparison or a citation
is about that model, and one in no first person after a sentence whose subject is a cited work ("So et
al. used TPU v2 accelerators. … the search takes 32,633 TPU v2 hours") is about that work. A run told
in a relative clause of a model the text does not claim ("smaller than Kite-65B, which was trained on
… 2048 A100s for 21 days"), the figures glossed in parentheses after an example ("models such as
Kite-3 (175B parameters, trained on 300B tokens)"), those of a sentence in no first person whose subject
is a kind of model an example illustrates ("Large models such as Kite-65B are trained on …") and a
distillation's teacher's run ("The teacher was pretrained on 2T tokens", or a run of the model it says
it is "distilled from") are those models' too. A sentence that opens "The largest, with 540B
parameters, was …" after one that studies a set of models ("Our benchmark evaluates 30 models.") is
about one of them. In a paper, a figure told of another model in a clause of its own — glossing its
name ("Kite-540B (2.5e24 FLOPs) remains the largest dense model"), set against the own run ("Our model
uses 4e22 FLOPs, while Kite-540B used 2.5e24"), on the compared side of "than", or with the model as
the subject after a phrase that sets the scene ("Among open models, Kite-65B used …") — is that
model's (:func:`_told_of_another`), and so is the authors' estimate of a named model's run ("We
estimate that Kite's training required …").
"""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.anchors import lowered, positions
from curation.extract.card_finders import looks_like_model_card, repository_sizes
from curation.extract.context import (
    CITATION,
    CLAUSE_COMMA,
    CLAUSE_END,
    FIRST_PERSON_WORD,
    TEACHER_RUN,
    WE_TRAIN,
    eligible,
    teacher_figure,
)
from curation.extract.device_sentences import CONTRAST, CONTRASTED
from curation.extract.evidence import (
    OPERATION_COUNTING,
    PRETRAINING,
    Estimate,
    Span,
    sentence_around,
    sentence_before,
)
from curation.extract.flagship_counting import (
    ABSTRACT_HEADING,
    ABSTRACT_REACH,
    STUDY_VERBS,
    WE_THEN,
    common_word,
    in_title,
    introduced_as_own,
    opening_end,
    opens_with_own_name,
    title_part,
    trains,
)
from curation.extract.hardware import resolve_accelerator
from curation.extract.model_names import DISCOURSE_OPENER, document_title, looks_like_a_model, squash_name
from curation.extract.quantities import scaled_value

# "we use / evaluate … X", "we apply our method to X", "we serve / deploy X" (inference on it)
USES = re.compile(rf"{WE_THEN}(?:use\b|used\b|using\b|appl(?:y|ied|ying)\b|serv(?:e|ed|ing)\b"
                  rf"|deploy(?:s|ed|ing)?\b|{STUDY_VERBS})\w*"
                  r"(?P<object>[^.;:]{0,160})", re.IGNORECASE)
NAME_PARTS = re.compile(r"[\s-]")


# a checkpoint someone released, used: "We use the publicly released checkpoint", "we use its official
# weights" (the model is the one the sentence before names)
# (not "the pretrained model": the authors' own, as often as not)
RELEASED_CHECKPOINT = re.compile(r"^\s+(?:the|its|their)\s+(?:publicly\s+)?(?:released|available|official"
                                 r"|open(?:-source)?|public)\s+(?:checkpoints?|weights|models?)\b",
                                 re.IGNORECASE)


# a model kept frozen, which the text builds on and does not train: "combines a frozen Kite-70B language
# model with …", "we freeze Kite-7B", "Kite-7B is kept frozen" (read from the word: "frozen Kite-70B")
FROZEN = re.compile(r"\b(?:frozen|freezes?|froze|freezing)\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                    r"(?:pre-?trained\s+)?(?P<object>[^.;:,()]{1,60})", re.IGNORECASE)


# an object that points back to the model the sentence before names: "We fine-tune it with …", "we evaluate
# this model on …"
POINTING_BACK = re.compile(r"^\s+(?:it|them|this\s+model|these\s+models)\b", re.IGNORECASE)


# a sentence that opens with a use of a model as its subject: "Quantizing Kite-405B takes 6 hours on one
# H100", "Fine-tuning Kite-70B with our method requires 24 GPU hours" (the gerund capitalized, as a
# sentence opens: a cheap scan; not "Training X", which trains it)
USE_GERUND = re.compile(r"\b(?:Quantiz|Prun|Compress|Distill|Serv|Deploy|Fine-?[Tt]un|Finetun|Evaluat"
                        r"|Benchmark|Prob|Prompt|Query|Adapt)ing\s+[^.;:\n]{0,60}$")


@lru_cache(maxsize=8)
def _used_objects(text: str) -> str:
    """What the text's first-person sentences say it evaluates, uses, compares or fine-tunes, one
    object a line (the pattern is tried only where "we" starts a word: a cheap scan); a released
    checkpoint used (:data:`RELEASED_CHECKPOINT`) or an object that points back ("We fine-tune it",
    :data:`POINTING_BACK`) stands for the sentence before it; and the models it keeps frozen
    (:data:`FROZEN`)."""
    low, objects = lowered(text), []
    at = low.find("we")
    while at != -1:
        if at == 0 or not low[at - 1].isalnum():
            match = USES.match(text, at)
            if match:
                objects.append(match.group("object"))
                if RELEASED_CHECKPOINT.match(match.group("object")) or \
                        POINTING_BACK.match(match.group("object")):
                    sentence = sentence_around(text, at, at + 2)
                    before = sentence_before(text, sentence)
                    objects.append(before.text if before else "")
        at = low.find("we", at + 2)
    for word in ("froze", "freez"):  # a model kept frozen is used, not trained
        objects += [m.group("object") for at in positions(low, word) if (m := FROZEN.match(text, at))]
    return "\n".join(objects)


def _uses(text: str, model: str) -> bool:
    used = _used_objects(text)
    at = used.find(model)
    while at != -1:  # the name as a whole word
        end = at + len(model)
        if (at == 0 or not (used[at - 1].isalnum() or used[at - 1] in "-_")) and \
                (end == len(used) or not (used[end].isalnum() or used[end] == "_")):
            return True
        at = used.find(model, at + 1)
    return _opened_by_a_use(text, model)


@lru_cache(maxsize=64)  # (asked for each of a model's figures)
def _opened_by_a_use(text: str, model: str) -> bool:
    """Whether a sentence opens with a use of the model (:data:`USE_GERUND`): read before each place the
    name is written, not over the whole text."""
    at = text.find(model)
    while at != -1:
        if USE_GERUND.search(text, max(0, at - 80), at):
            return True
        at = text.find(model, at + len(model))
    return False


def _stem(model: str) -> str:
    return NAME_PARTS.split(model)[0]


def _claimed(text: str, model: str) -> bool:
    """Whether the text trains, introduces or calls its own the model, by its name or the name's first
    part ("we present Heron" claims "Heron-7B")."""
    stem = _stem(model)
    return introduced_as_own(text, model) or (len(stem) > 2 and introduced_as_own(text, stem))


def _card_title(text: str, model: str, card_name: str | None) -> bool:
    """Whether a model card's title or repository writes the model's name, or its first part."""
    if card_name is None and not looks_like_model_card(text):
        return False
    title = squash_name(" ".join(n for n in (document_title(text), card_name) if n))
    return bool(title) and (squash_name(model) in title or squash_name(_stem(model)) in title)


# what a hardware field names, not a model: "v3-256" of "TPU v3-256", "v4"; "MoE", "LoRA" and other
# words for a kind of model, an architecture's bare name among them ("The largest ResNet model took 18 days
# …" on a card of a model of both kinds; "ResNet-50" is a model's name)
TPU_VERSION = re.compile(r"v\d+[a-z]?(?:-\d+)?$")
DEVICE_WORDS_AFTER = ("GPU", "TPU", "NPU", "chip", "card", "accelerator")
KIND_WORDS = {"moe", "lora", "qlora", "dense", "sparse", "base", "chat", "instruct",
              "resnet", "transformer", "vit", "lstm", "cnn", "rnn", "mlp", "unet", "u-net", "gan", "vae",
              "nvidia", "amd", "google", "intel", "tesla", "habana", "huawei"}  # and vendors


def _hardware(model: str, text: str) -> bool:
    """Whether a name a finder took for a model's is hardware (one the table knows, a TPU slice such as
    "v3-256", or a name the text writes before "GPU": "8 P600 GPUs") or a kind of model ("MoE")."""
    if TPU_VERSION.match(model) or resolve_accelerator(model) is not None or model.lower() in KIND_WORDS:
        return True
    at = text.find(model)
    while at != -1:  # a plain search: no pattern compiled for each name
        if text[at + len(model): at + len(model) + 16].lstrip().startswith(DEVICE_WORDS_AFTER):
            return True
        at = text.find(model, at + 1)
    return False


# a sentence whose subject points back: "It has 70B parameters", "The model was trained on …"
ANAPHORIC_OPENING = re.compile(r"\W{0,3}(?:it|they|(?:the|this|that|these|those)\s+(?:pre-?trained\s+|base\s+"
                               r"|original\s+)?(?:models?|networks?|systems?)"
                               # "The largest, with 540B parameters, was …", "The biggest of them has …"
                               # (or with its name in apposition: "The largest, Kite-70B, was …")
                               r"|the\s+(?:largest|biggest|smallest)(?:\s+(?:one|model|of\s+them))?,?"
                               r"(?:\s+with\s+[^,.]{1,40},|\s+[A-Z][\w.-]*(?:\s[\w.-]+)?,)?)"
                               r"\s+(?:has|had|have|is|was|are|were|contains|comprises|uses|used|"
                               r"took|required)\b", re.IGNORECASE)
# the sentence before is about someone else's model: a baseline, a comparison, a citation
ANOTHER_MODEL = re.compile(r"\bbaselines?\b|\bwe\s+compare\b|\bcompar\w+\s+(?:to|with|against)\b|"
                           # a model the authors start from: "We fine-tune Kite-13B on …"
                           r"\bwe\s+(?:\w+\s+)?(?:fine-?tune|finetune|adapt|start\s+from|initiali[sz]e\s+from)\b|"
                           r"\bprior\b|\bprevious\b|\bexisting\b|\bet\s+al\b"
                           # a set of others' models studied: "Our benchmark evaluates 30 models"
                           r"|\b(?:evaluat|benchmark|stud(?:y|ie))\w*\s+(?:\d+|several|many|various|multiple|"
                           r"dozens\s+of)\s+(?:\w+\s+){0,2}?(?:models|LLMs|systems)\b", re.IGNORECASE)


# a sentence whose subject is a cited work: "So et al. used TPU v2 accelerators", "[Str19] estimated …"
CITED_SUBJECT = re.compile(r"\W{0,3}(?:\d{1,2}\.\s+)?(?:[A-Z][\w'-]+(?:\s+(?:and|&)\s+[A-Z][\w'-]+)?"
                           r"\s+et\s+al\b|\[[A-Za-z]{2,6}\+?\d{2}[a-z]?\])")


def continues_another_model(text: str, sentence: Span) -> bool:
    """Whether a sentence whose subject points back ("It has 70B parameters and was trained on 15T
    tokens") follows one about another model than the text's own ("We compare with Kite, a strong
    baseline."): its figures are that model's. A sentence before that claims a run of the text's own
    keeps them, and so does one whose subject is the model the title names ("Heron has 269B parameters,
    at a cost comparable to a 32B dense model. It was trained on …"). So does a sentence in no first
    person after one whose subject is a cited work ("So et al. used TPU v2 accelerators. TPU v2s are
    faster, so the search takes 32,633 TPU v2 hours")."""
    if not ANAPHORIC_OPENING.match(sentence.text):
        if FIRST_PERSON_WORD.search(sentence.text):
            return False
        before = sentence_before(text, sentence)
        # (its first line, or the one after a section heading run into it: "2 Training\nSmith et al. …")
        return before is not None and not trains(before.text) and \
            any(CITED_SUBJECT.match(line) for line in before.text.split("\n", 2)[:2])
    before = sentence_before(text, sentence)
    return before is not None and (ANOTHER_MODEL.search(before.text) is not None
                                   or CITATION.search(before.text) is not None) and not trains(before.text) \
        and not opens_with_own_name(text, before)


def mark_used_models(estimates: list[Estimate], text: str, card_name: str | None = None) -> None:
    """Mark eligible estimates whose model the text only uses, or (in a paper) one of several models
    it never claims, as cited (see the module's rules); so are the figures of a sentence that goes on
    about another model (:func:`continues_another_model`)."""
    for estimate in estimates:
        if eligible(estimate) and continues_another_model(text, estimate.evidence[0]):
            estimate.notes.append("cited from other work: its sentence goes on about the model the one "
                                  "before names")
        elif eligible(estimate) and (TEACHER_RUN.search(estimate.evidence[0].text)
                                     or any(teacher_figure(text, span) for span in estimate.evidence[1:])
                                     or _a_teachers_run(estimate, text)):
            estimate.notes.append("cited from other work: the run of the teacher a distillation learns from")
    if card_name is None:
        _mark_contrasted_openers(estimates, text)
    for estimate in estimates:  # "We estimate that Kite's training required …": the authors' estimate of Kite
        sentence = estimate.evidence[0].text
        estimated = ESTIMATED_RUN.search(sentence) if "stimat" in sentence and eligible(estimate) else None
        name = estimated.group("name") if estimated else ""
        if estimated and not _claimed(text, name) and not _paper_title(text, name) and \
                not _card_title(text, name, card_name):
            estimate.notes.append(f"cited from other work: the text's estimate of {name}'s run")
    named = [e for e in estimates if e.model and eligible(e) and e.stage == PRETRAINING]
    for estimate in named:
        model = estimate.model or ""
        if _told_in_a_relative_clause(estimate) and not _claimed(text, model) and \
                not _card_title(text, model, card_name) and not _paper_title(text, model):
            estimate.notes.append(f"cited from other work: told of {model} in a clause of its own")
        elif _count_in_a_relative_clause(estimate) and \
                _tuned_by_the_authors(estimate.evidence[0].text, model) and \
                not _card_title(text, model, card_name) and not _paper_title(text, model):
            estimate.notes.append(f"cited from other work: the pre-training of {model}, which the authors "
                                  "tune")
    for estimate in estimates:
        example = _glossed_example(estimate) if eligible(estimate) else None
        if example and not _claimed(text, example) and not _card_title(text, example, card_name) and \
                not _paper_title(text, example):
            estimate.notes.append(f"cited from other work: the figures of an example, {example}")
    for estimate in estimates:
        evaluated = eligible(estimate) and card_name is None and _evaluated_figure(estimate, text)
        if evaluated:
            estimate.notes.append("cited from other work: a figure of the models the text evaluates")
    named = [e for e in named if eligible(e)]
    # (the models counted are those given a figure, its own or one already found cited: "GPT-4 is
    # estimated to have used 2e25 FLOP, …, and Kite 3.1 405B 3.8e25 FLOP" quotes three)
    given = [e for e in estimates if e.model and e.stage == PRETRAINING and not e.assumptions.get("table_row")
             and eligible(e, cited_too=True)]
    prose = {squash_name(e.model or "") for e in given}
    several = len(prose) > 1 and card_name is None and not looks_like_model_card(text)
    for estimate in named:
        model = estimate.model or ""
        used = _uses(text, model)
        quoted = several and not estimate.assumptions.get("table_row") and not _paper_title(text, model)
        if not (used or quoted) or _card_title(text, model, card_name) or _claimed(text, model) or \
                _titled_by(text, model):
            continue  # the cheap tests first: most figures are neither used nor quoted
        if used:
            estimate.notes.append(f"cited from other work: the text uses {model}, it does not train it")
        else:
            estimate.notes.append(f"cited from other work: one of several models the text gives figures "
                                  f"for and never claims as its own ({model})")
    if card_name is None and not looks_like_model_card(text):
        _mark_other_models_prose([e for e in estimates if eligible(e) and e.stage == PRETRAINING
                                  and not e.assumptions.get("table_row")], text)
        _mark_originals([e for e in estimates if eligible(e) and e.stage == PRETRAINING])
    _mark_contrasted_runs([e for e in estimates
                           if e.assumptions.get("pairing") == CONTRASTED and eligible(e)], text)
    rows = [e for e in named if e.assumptions.get("table_row") and eligible(e)]
    if card_name is None and not looks_like_model_card(text):
        _mark_unclaimed_tables(rows, text)
    else:
        _mark_other_cards_rows(rows, text, card_name)
    if card_name is not None:
        _mark_other_cards_sentences([e for e in named if not e.assumptions.get("table_row") and eligible(e)],
                                    text, card_name)


# "We evaluate the Kite family (… each trained on 300B tokens)": the figures in the object of a verb of study
EVALUATES = re.compile(rf"\b{WE_THEN}(?:evaluat|compar|stud(?:y|ied|ies)|analy[sz]|prob|benchmark|examin"
                       r"|assess)\w*\b", re.IGNORECASE)
NAME_WORD = re.compile(r"(?<![\w.-])[A-Z][\w.-]*\w")


def _evaluated_figure(estimate: Estimate, text: str) -> bool:
    """Whether a figure stands in the object of a first-person verb of study in a sentence that tells no
    training of the authors' own (:data:`EVALUATES`: "We evaluate the Kite family (up to 175B parameters,
    each trained on 300B tokens)"), says not "our", and names nothing the title carries or the text
    claims ("We evaluate Heron-7B, trained on 2T tokens, …" under "Heron: …", or after "We introduce
    Heron", is the own model's)."""
    sentence, figure = estimate.evidence[0], estimate.evidence[-1]
    low = sentence.text.lower()
    if "we " not in low or re.search(r"\bour\b", low) or trains(sentence.text):
        return False
    verb = EVALUATES.search(sentence.text)
    if verb is None or not sentence.start + verb.end() <= figure.start <= sentence.end:
        return False
    title = squash_name(title_part(text))
    names = NAME_WORD.findall(sentence.text[verb.end():])
    return not any(in_title(text, name) or squash_name(_stem(name)) in title or _claimed(text, name)
                   for name in names if len(name) > 2)


# the authors' estimate of a named model's run: "We estimate that Kite's training required 3.1e23 FLOPs",
# "we estimate the pre-training of Kite-70B at …", "Our estimate of Kite's training compute is …"
ESTIMATED_RUN = re.compile(r"\b(?i:(?:we\s+estimate\s+(?:that\s+)?|our\s+(?:\w+\s+)?estimate\s+(?:of|for)\s+)"
                           r"(?:the\s+(?:pre-?)?training\s+(?:compute\s+)?of\s+)?)"
                           r"(?P<name>[A-Z][\w.-]*\w)(?:'s|’s)?\s+"
                           r"(?:(?:pre-?)?training|run|compute|at|to\s+have)\b")


# the teacher a distillation names: "Distilled from Kite-70B", "distillation of Kite-70B into …"
DISTILLED_FROM = re.compile(r"\bdistill(?:ed|ation)\s+(?:from|of)\s+(?:the\s+)?"
                            r"(?P<name>[A-Z][\w.-]*\d[\w.-]*)", re.IGNORECASE)


@lru_cache(maxsize=8)
def _teachers(text: str) -> frozenset[str]:
    """The names, squashed, of the models a text says it distils from (their runs are the teachers')."""
    names = set()
    at = text.find("istill")  # (the pattern only where its word stands: a plain search is fast)
    while at != -1:
        match = DISTILLED_FROM.match(text, at - 1) if at else None
        if match:
            names.add(squash_name(match.group("name").rstrip(".")))
        at = text.find("istill", at + 6)
    return frozenset(names)


def _a_teachers_run(estimate: Estimate, text: str) -> bool:
    """Whether a figure's model is one the text distils from (:func:`_teachers`) and neither claims nor
    titles (a paper that trains its flagship and distils a small model from it keeps the flagship's run;
    a title that names a distillation, "Heron-7B-distilled-1B", carries its teacher's name as its source,
    not as its own model)."""
    model = estimate.model
    return bool(model) and squash_name(model) in _teachers(text) and not _claimed(text, model) and \
        not (_paper_title(text, model) and "distil" not in title_part(text).lower())


TITLE_WORD = re.compile(r"[A-Z][\w.+-]{2,}")


def _titled_own_name(text: str) -> str | None:
    """The name a paper's title carries and the text claims as its own ("Heron: …" and "We introduce
    Heron"), or None; not an ordinary word the text writes in lower case ("The" of "The Cost of …")."""
    for word in TITLE_WORD.findall(title_part(text)):
        word = word.rstrip(".:-")
        if len(word) > 2 and word.lower() not in GENERIC_LABELS and _claimed(text, word) and \
                not common_word(text, word):
            return word
    return None


# what may open a sentence before its subject: a section heading PDF text runs into it ("2 Models\n"), and a
# word or phrase that opens it ("For reference,", "Among open models,")
SENTENCE_OPENING = rf"\W*(?:\d+(?:\.\d+)*\s+[A-Z][\w ]{{0,40}}\n)?{DISCOURSE_OPENER}"


def _subject(model: str, sentence: str) -> bool:
    """Whether a sentence opens with the model as its subject (after a section heading it may run on
    from, and after a word that opens it, "For reference,"): "Kite was trained …", "The Kite model
    needed …", "For reference, Kite needs 965 GFLOPs per image and was trained …", "Kite-70B, the previous
    state of the art, was trained …"; or with the model's
    training as its subject: "Training Kite required …", "For example, pre-training Kite took …"."""
    opening = re.match(SENTENCE_OPENING +
                       r"(?:(?i:(?:pre-?)?train(?:ing)?)\s+)?(?:the\s+)?"
                       # (a phrase in apposition may follow the name: "Kite-70B, the previous state of the
                       # art, was trained …")
                       rf"{re.escape(model)}\b(?:,\s+[^,.;]{{1,40}},)?,?[^,.;]{{0,30}}?\b"
                       r"(?:was|were|is|needed|needs|took|takes|used|uses"
                       r"|required|requires|consumed)\b", sentence)
    return opening is not None


def _semicolon_clause(estimate: Estimate) -> str | None:
    """The clause after a semicolon that holds a prose figure, or None when the figure's sentence has
    no semicolon before it."""
    sentence = estimate.evidence[0]
    if ";" not in sentence.text:
        return None
    inside = [span.start - sentence.start for span in estimate.evidence[1:]
              if sentence.start <= span.start <= sentence.end]
    if not inside:
        return None
    start = sentence.text.rfind(";", 0, min(inside))
    if start < 0:
        return None
    end = sentence.text.find(";", min(inside))
    return sentence.text[start + 1: end if end >= 0 else len(sentence.text)].lstrip()


def _figure_parts(estimate: Estimate) -> tuple[int, str, str, str] | None:
    """(where it starts in the sentence, the part of a prose figure's sentence between the contrasts
    around the figure, the contrast word that opens it, the rest of the sentence) (see
    :data:`CONTRAST`), or None when the figure is not in its sentence."""
    sentence = estimate.evidence[0]
    inside = [span.start for span in estimate.evidence[1:] if sentence.start <= span.start <= sentence.end]
    if not inside:
        return None
    at = min(inside) - sentence.start
    cuts = [(m.start(), m.end()) for m in CONTRAST.finditer(sentence.text)]
    opening = max(((a, b) for a, b in cuts if a <= at), default=(0, 0))
    end = min((a for a, _ in cuts if a > at), default=len(sentence.text))
    whole = sentence.text
    contrast = whole[opening[0]:opening[1]].strip(" ,").lower()
    return opening[0], whole[opening[0]:end], contrast, whole[:opening[0]] + whole[end:]


# what stands between a name and a figure in the parenthesis that glosses it: "Kite-65B (", "Kite model ("
GLOSS_OPENING = re.compile(r"\s*(?:models?\s*)?\([^()]*")
# a contrast whose second side is the compared one: "10x less than the 2.5e24 FLOPs used to train Kite"
COMPARED_SIDE = ("than", "compared to", "compared with", "versus", "vs")


def _told_of_another(estimate: Estimate, text: str) -> str | None:
    """Where a prose figure is told of its model as another's: its sentence, in no first person and
    with the model as its subject ("Kite was trained for 90 days on 2,048 GPUs."); or the figure's
    clause, in no first person, naming the model (not hardware) and either glossing it ("Kite-540B
    (2.5e24 FLOPs) remains the largest dense model") or set against a run in the first person or on the
    compared side of a comparison ("Our model uses 4e22 FLOPs, while Kite-540B used 2.5e24 FLOPs", "10x
    less than the 2.5e24 FLOPs used to train Kite-540B"); None otherwise."""
    model, sentence = estimate.model or "", estimate.evidence[0]
    if not FIRST_PERSON_WORD.search(sentence.text) and _subject(model, sentence.text):
        return sentence.text
    clause = _semicolon_clause(estimate)  # "Compute has grown fast; Kite used 5.8e23 FLOPs."
    if clause and not FIRST_PERSON_WORD.search(clause) and _subject(model, clause):
        return clause
    parts = _figure_parts(estimate)
    if parts is None:
        return None
    start, clause, contrast, rest = parts
    named = re.search(rf"(?<![\w.-]){re.escape(model)}(?![\w-])", clause) if model in clause else None
    if named is None or FIRST_PERSON_WORD.search(clause) or _hardware(model, text):
        return None
    offset = sentence.start + start
    figure = min(span.start for span in estimate.evidence[1:]) - offset
    last = max(span.start for span in estimate.evidence[1:]) - offset  # (a size the name gives comes first)
    glossed = GLOSS_OPENING.fullmatch(clause[named.end(): max(named.end(), last)]) is not None
    # (no comma between the name and the figure, outside parentheses: "than Kite-7B (2.2e23 FLOPs), i.e.
    # about 7.7e22" is the own run restated)
    between = re.sub(r"\([^()]*\)", "", clause[min(named.end(), figure): max(named.start(), figure)])
    set_against = (contrast in COMPARED_SIDE or (contrast and FIRST_PERSON_WORD.search(rest))) and \
        not CLAUSE_COMMA.search(between)
    return clause if glossed or set_against else None


# the model a reproduction or a new version follows, as its sentence's subject: "The original Kite-70B was
# trained on …", "The original version of Kite used …"
ORIGINAL_SUBJECT = re.compile(SENTENCE_OPENING +
                              r"[Tt]he\s+original\s+(?:version\s+of\s+(?:the\s+)?)?(?P<name>[A-Z][\w.-]*\w)")


def _mark_originals(prose: list[Estimate]) -> None:
    """In a paper, a figure whose sentence, in no first person, has "the original X" as its subject is
    X's run, the one a reproduction or a new version follows ("The original Kite-70B was trained on 2,048
    A100 GPUs for 21 days. We instead train a 1B replica …"), whatever the title names."""
    for estimate in prose:
        sentence = estimate.evidence[0].text
        if "original" not in sentence:
            continue  # cheap first
        original = ORIGINAL_SUBJECT.match(sentence)
        if original and not FIRST_PERSON_WORD.search(sentence):
            estimate.notes.append(f"cited from other work: the original {original.group('name')}, the run a "
                                  "reproduction or a new version follows")


# a sentence whose subject is a family of models: "The Kite family ranges from …", "Kite models were …" (not
# a determiner: "These models were …")
FAMILY_SUBJECT = re.compile(SENTENCE_OPENING +
                            r"(?:[Tt]he\s+)?(?!(?:These|Those|All|Both|Such|Most|Many|Some|Other|Our|Its|Their"
                            r"|Each|Larger|Smaller|Open|Closed|Frontier|Modern|Recent|Existing|Prior)\b)"
                            r"(?P<name>[A-Z][\w.-]*\w)\s+(?:family|models|series|suite)\b")


def _mark_other_models_prose(prose: list[Estimate], text: str) -> None:
    """In a paper, a figure told of its model as another's (:func:`_told_of_another`), a name the text
    never claims nor titles ("Kite was trained for 90 days on 2,048 GPUs." in Heron's paper), is that
    model's run, unless where it is told names the own model too or the opening gives the name (where a
    paper names its own model, its short name too). In a paper whose title names no model it claims and
    that never says "we train" (an essay, a study), so is a figure told after the abstract of a name the
    opening does not give ("The largest model to date, Kite-540B, used 2.5e24 FLOPs.", "Lark used 2.5e24
    FLOP."); and there a figure with no model of its own whose sentence opens with a family the text
    names ("The Kite family ranges from 1B to 70B parameters and was trained on 2T tokens.") is that
    family's."""
    others = [(e, e.model or "", told) for e in prose
              if e.model and (told := _told_of_another(e, text)) is not None]
    others += [(e, family.group("name"), e.evidence[0].text) for e in prose if not e.model
               and (family := FAMILY_SUBJECT.match(e.evidence[0].text)) is not None
               and not FIRST_PERSON_WORD.search(e.evidence[0].text)]
    if not others:
        return
    own = _titled_own_name(text)  # (the costly test last)
    if own is None and WE_TRAIN.search(text):
        return  # a text that trains models of its own may name them without a claim ("RN50x64 took …")
    opening_ends = opening_end(text)
    abstract = ABSTRACT_HEADING.search(text, 0, ABSTRACT_REACH) if own is None else None
    for estimate, model, told in others:
        if not estimate.model and own is not None:
            continue  # (a family told of with no model: only in an essay, where no model is the text's)
        if own is None and (abstract is None or estimate.evidence[0].start < abstract.end()):
            continue  # (a text's that is no paper, with no abstract, may be the own model's, told without
            # a claim; a one-word name the opening gives is kept below)
        opening = text[:min(opening_ends, estimate.evidence[0].start)]  # (before the sentence itself)
        if (own is not None and (squash_name(_stem(own)) in squash_name(model)
                                 or re.search(rf"\b{re.escape(own)}\b", told))) or \
                _paper_title(text, model) or re.search(rf"\b{re.escape(model)}\b", opening) or \
                _claimed(text, model):
            # (a sentence that names the own model is about it, "PyTorch was used to train Heron"; a
            # name the opening gives may be the own model's short name, "Heron Vision Model (HVM)")
            continue
        whose = f"not of the text's own {own}" if own else "a model the text never claims"
        estimate.notes.append(f"cited from other work: told of {model}, {whose}")


def _mark_contrasted_runs(runs: list[Estimate], text: str) -> None:
    """Of the runs a sentence sets against each other ("Kite needed 40 days on 2,048 A100s, while Heron
    was trained with 1,024 H100s in 10 days"), the parts that neither speak in the first person nor
    name the model the paper's title claims are other models' runs, when one part does."""
    if not runs:
        return
    own = _titled_own_name(text)
    by_sentence: dict[int, list[tuple[Estimate, bool]]] = {}
    for estimate in runs:
        sentence, figure = estimate.evidence[0], estimate.evidence[1]
        cuts = [sentence.start + m.start() for m in CONTRAST.finditer(sentence.text)]
        start = max((cut for cut in cuts if cut <= figure.start), default=sentence.start)
        end = min((cut for cut in cuts if cut > figure.start), default=sentence.end)
        part = text[start:end]
        is_own = bool(FIRST_PERSON_WORD.search(part)) or \
            (own is not None and re.search(rf"\b{re.escape(own)}\b", part) is not None)
        by_sentence.setdefault(sentence.start, []).append((estimate, is_own))
    for parts in by_sentence.values():
        if any(is_own for _, is_own in parts):
            for estimate, is_own in parts:
                if not is_own:
                    estimate.notes.append("cited from other work: a run the sentence sets against the "
                                          "text's own")


# a run told in a relative clause of a named model: "smaller than Kite-65B, which was trained on 1.4T
# tokens on 2048 A100s for 21 days", "Kite-65B, trained on …", "Kite-65B, whose training took …"
RELATIVE_RUN = re.compile(r"(?P<name>[A-Z][\w.-]*),\s+(?:(?:(?:which|that)\s+"
                          r"(?:was|were|is|has\s+been|had\s+been)\s+(?:\w+\s+)?)?(?:pre-?)?trained\b"
                          # "Kite-65B, whose training took 1M GPU-hours"
                          r"|whose\s+(?:pre-?)?training(?:\s+run)?\s+(?:took|used|required|needed|consumed"
                          r"|lasted|cost)\b)"
                          r"(?:[^.;]|\.(?=\d))*$")


# a sentence whose subject is the authors (after a section heading PDF text runs into it)
FIRST_PERSON_OPENING = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\s+[A-Z][A-Za-z ]{0,30}?\s)?we\s", re.IGNORECASE)


# an example's figures in parentheses after its name: "models such as Kite-3 (175B parameters, trained on
# 300B tokens)", "e.g. Kite (…)"
EXAMPLE_GLOSS = re.compile(r"\b(?:such\s+as|e\.g\.,?|like|including|for\s+(?:instance|example),?)\s+"
                           r"(?P<name>[A-Z][\w.-]*)\s*\([^()]*$")


# a kind of model illustrated by an example, as a sentence's subject: "Large language models such as
# Kite-65B are trained on 1.4T tokens …", "Training a model like Kite (…) costs roughly 5.8e23 FLOPs"
# (the kind capitalized too, opening the sentence: "Models such as Kite-400B, trained with …")
EXAMPLE_SUBJECT = re.compile(r"\b(?i:models?|LLMs?|LMs?|networks?|systems?|transformers?|architectures?)\s+"
                             r"(?:such\s+as|like)\s+(?P<name>[A-Z][\w.-]*)")


def _glossed_example(estimate: Estimate) -> str | None:
    """The model whose parenthetical gloss holds a prose figure, when it is named as an example
    (:data:`EXAMPLE_GLOSS`), or, in a sentence in no first person up to the end of the figure's clause,
    the example a kind of model is illustrated by before the figure (:data:`EXAMPLE_SUBJECT`); else
    None."""
    sentence = estimate.evidence[0]
    if estimate.assumptions.get("table_row") or len(estimate.evidence) < 2:
        return None
    first = min(span.start for span in estimate.evidence[1:])
    if not sentence.start <= first <= sentence.end:
        return None
    gloss = EXAMPLE_GLOSS.search(sentence.text, 0, first - sentence.start)
    # (the first person up to the end of the figure's clause: "Training a model such as Kite on 15T tokens
    # costs 3.8e25 FLOPs, which motivates our method" still illustrates by an example)
    last = max(span.end for span in estimate.evidence[1:]) - sentence.start
    own_clause = sentence.text[:last] + CLAUSE_END.split(sentence.text[last:], maxsplit=1)[0]
    if gloss is None and not FIRST_PERSON_WORD.search(own_clause):
        gloss = EXAMPLE_SUBJECT.search(sentence.text, 0, first - sentence.start)
    return gloss.group("name") if gloss else None


# the authors tuning a model they did not pre-train: "We fine-tune Kite-7B, which …", "we then align Kite-7B"
TUNED_BY_AUTHORS = re.compile(r"\bwe\s+(?:\w+\s+)?(?:fine-?tune|finetune|instruction-tune|align|adapt"
                              r"|post-train)\s+(?:the\s+)?(?P<name>[\w.-]+)", re.IGNORECASE)


def _tuned_by_the_authors(sentence: str, model: str) -> bool:
    """Whether the sentence's authors tune the model (:data:`TUNED_BY_AUTHORS`): its pre-training, told in
    a relative clause after its name, is not their run however often they name it their own."""
    return any(squash_name(match.group("name")) == squash_name(model)
               for match in TUNED_BY_AUTHORS.finditer(sentence))


def _count_in_a_relative_clause(estimate: Estimate) -> bool:
    """Whether an operation count's tokens stand in a relative clause of training whose antecedent is its
    model, its size given by the name before the clause, no comma closing the clause before them: "We
    fine-tune Kite-7B, which was pre-trained on 2T tokens, with our method" (Kite-7B's run)."""
    sentence = estimate.evidence[0]
    inside = [span for span in estimate.evidence[1:] if sentence.start <= span.start < sentence.end]
    if estimate.method != OPERATION_COUNTING or not inside or not estimate.model:
        return False
    at = max(span.start for span in inside) - sentence.start
    clause = RELATIVE_RUN.search(sentence.text, 0, at)
    return clause is not None and "," not in sentence.text[clause.end("name") + 1: at] and \
        squash_name(clause.group("name")) == squash_name(estimate.model)


def _told_in_a_relative_clause(estimate: Estimate) -> bool:
    """Whether a prose figure stands in a relative clause of training whose antecedent is the figure's
    model (see :data:`RELATIVE_RUN`)."""
    sentence, figure = estimate.evidence[0], estimate.evidence[-1]
    if estimate.assumptions.get("table_row"):
        return False
    if not sentence.start <= figure.start <= sentence.end:
        return _count_in_a_relative_clause(estimate)
    first = min(span.start for span in estimate.evidence[1:]) if len(estimate.evidence) > 1 else figure.start
    clause = RELATIVE_RUN.search(sentence.text, 0, max(0, first - sentence.start))
    if clause is None:
        return _count_in_a_relative_clause(estimate)
    if squash_name(clause.group("name")) != squash_name(estimate.model or ""):
        return False
    # "We fine-tune Kite-7B, which was pre-trained on 2T tokens, on our data using 8 A100 GPUs": a comma
    # closes the clause, and the figure after it is the first person's run
    closed = CLAUSE_COMMA.search(sentence.text[clause.end("name") + 1: first - sentence.start]) is not None
    return not (closed and FIRST_PERSON_OPENING.match(sentence.text))


def _mark_other_cards_rows(rows: list[Estimate], text: str, card_name: str | None) -> None:
    """A row of a card's table labelled with a model's name that neither the card's title nor its
    repository carries ("| Kite-70B | 70B | 15T |" in Heron-7B's card) is that other model's (when the
    card's own name is known)."""
    if not (card_name or document_title(text)):
        return
    for row in rows:
        model = row.model or ""
        if _names_a_model(text, model) and not _card_title(text, model, card_name):
            row.notes.append(f"cited from other work: a table row of another model than the card's "
                             f"({model})")


def _mark_other_cards_sentences(prose: list[Estimate], text: str, card_name: str) -> None:
    """On a card published under a known name, a sentence's figure whose model is written like a
    model's name that neither the repository nor the title carries, nor their first part ("Kite-7B was
    pretrained on 2T tokens using 512 A100 GPUs" on Heron-7B's card, which goes on to say what it added),
    or that ends in another size than the repository's (a sibling: "Heron-70B" on "org/heron-7b"), is
    that model's run."""
    for estimate in prose:
        model = estimate.model or ""
        if looks_like_a_model(model) and not _hardware(model, text) and \
                (not _card_title(text, model, card_name) or _another_size(estimate, card_name, text)):
            estimate.notes.append(f"cited from other work: a sentence about another model than the card's "
                                  f"({model})")


# a title that opens with a sized name: "Heron-7B", "Heron 2 7B Model Card" (not "Heron: … with 0.1M Dollars")
TITLE_NAME_SIZE = re.compile(r"\W*[A-Za-z][\w.]*(?:[-_ ][A-Za-z\d.]+?)*?[-_ ]"
                             r"(\d+(?:\.\d+)?)([MBT])(?![A-Za-z\d])", re.IGNORECASE)
# the size a model's name ends in, before a base model's suffix at most ("Heron-70B", "Heron 2 70B-Base"; not
# "Heron-3B-4E1T", four epochs of a trillion tokens)
ENDING_SIZE = re.compile(r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?)\s?([MBT])(?=(?:[-_ ](?:base|hf|v\d[\w.]*))?$)",
                         re.IGNORECASE)


def _another_size(estimate: Estimate, card_name: str, text: str) -> bool:
    """Whether an estimate's model's name ends in another size than the card's repository, or its title
    when the repository gives none ("Osprey-70B" on "acme/osprey-7b": a sibling, not the card's own
    model), and the estimate counts no parameters of the card's size ("We pruned Osprey-8B … to 1B
    parameters" on a 1B card is the card's run)."""
    titled = TITLE_NAME_SIZE.match(document_title(text) or "")
    # (the last size a repository's name carries: "Heron-8B-Distill-1B" is a 1B model)
    titled_size = scaled_value(*titled.groups()) if titled else None
    own_size = (repository_sizes(card_name) or [None])[-1] or titled_size
    named = ENDING_SIZE.findall(estimate.model or "")
    if not own_size or not named:
        return False
    named_size = scaled_value(*named[-1])
    counted = estimate.assumptions.get("parameters")
    if isinstance(counted, float) and abs(counted - own_size) <= 0.2 * own_size:
        return False
    return max(own_size, named_size) > 1.2 * min(own_size, named_size)


# a row label that claims its model: "Heron (ours)", "Heron (this work)"
OURS_LABEL = re.compile(r"\((?:ours|this\s+work)\)", re.IGNORECASE)


def _mark_unclaimed_tables(rows: list[Estimate], text: str) -> None:
    """A row of a paper's table whose model the text neither claims nor titles is another model's (a
    label that names a model, see :func:`_names_a_model`: "Kite-175B", "Albatross", not "Model 8B"; a
    label marked "(ours)" claims its model)."""
    named = {row.model or "" for row in rows if _names_a_model(text, row.model or "")}
    owned = {model: bool(OURS_LABEL.search(model)) or _paper_title(text, model) or _claimed(text, model)
             for model in named}
    for row in rows:
        if row.model in owned and not owned[row.model]:
            row.notes.append(f"cited from other work: a table row of a model the text never claims "
                             f"({row.model})")


# row labels that are no model's name
GENERIC_LABELS = {"model", "models", "total", "ours", "our", "baseline", "average", "mean", "sum", "all",
                  "base", "small", "medium", "large", "ensemble", "proposed", "this",
                  # a run or a stage of the text's own work: "| Main run | 120,000 |", "| Final model | … |"
                  "main", "final", "full", "primary", "default", "flagship", "best", "first", "second",
                  "third", "stage", "phase", "run", "runs", "experiment", "experiments", "training",
                  "pretraining", "pre-training", "ablation", "ablations", "evaluation", "data", "annealing",
                  "warmup"}


def _names_a_model(text: str, label: str) -> bool:
    """Whether a table row's label is a model's name: written like one ("Kite-175B", "HeronLM"), or a
    capitalized word the text never writes in lower case ("Albatross"), not a generic label."""
    word = label.split()[0] if label.split() else ""
    if looks_like_a_model(label):
        return True
    return len(word) > 2 and word[0].isupper() and word.isalpha() and word.lower() not in GENERIC_LABELS \
        and not common_word(text, word)


# a sentence opened by a clause that sets another model against the main clause's: "While Kite-70B required
# 6.4M GPU hours, our Heron-7B …", "Although Kite-70B was trained with 8.4e24 FLOPs, Heron-7B …", "Unlike
# Kite-70B, which …, our model …"
CONTRAST_OPENER = re.compile(r"\W{0,3}(?:while|whereas|although|though|unlike|in\s+contrast\s+to|compared\s+"
                             r"(?:to|with))\s+(?:the\s+)?(?P<name>[A-Z][\w.-]*\w)", re.IGNORECASE)
# the main clause's subject after the comma that closes the opening clause: the own model, a name, or "we"
MAIN_SUBJECT = re.compile(r",\s*(?:(?P<own>our\b|we\b|this\s+work\b)"
                          r"|(?:the\s+)?(?P<name>[A-Z][\w.-]*\w))")
CONTRASTED_OPENER_NOTE = "cited from other work: the sentence's opening clause sets {} against the own run"


def _mark_contrasted_openers(estimates: list[Estimate], text: str) -> None:
    """A figure in a clause that opens its sentence with a contrast and names a model
    (:data:`CONTRAST_OPENER`) is that model's, not the text's, when the main clause after it is about the
    own work: "our …", "we …", or a name the text claims or titles, other than the opener's ("While
    Kite-70B required 6.4M GPU hours, our Heron-7B …"). An opener that names the own model ("While
    Heron-7B was trained on 2T tokens, …") is its own run."""
    for estimate in estimates:
        sentence, figure = estimate.evidence[0], estimate.evidence[-1]
        if not eligible(estimate) or not sentence.start <= figure.start <= sentence.end:
            continue
        # (the sentence's start, or a line's under a heading the sentence runs on from: "2 Training\nWhile …")
        at = figure.start - sentence.start
        opener = next((m for start in (0, *(i + 1 for i, c in enumerate(sentence.text[:at]) if c == "\n"))
                       if (m := CONTRAST_OPENER.match(sentence.text, start))), None)
        if opener is None or estimate.model != opener.group("name"):
            continue
        other = opener.group("name")
        main = MAIN_SUBJECT.search(sentence.text, figure.end - sentence.start)
        if main is None or _claimed(text, other) or _paper_title(text, other):
            continue
        named = main.group("name")
        if main.group("own") or (named and named != other and looks_like_a_model(named)
                                 and (_claimed(text, named) or _paper_title(text, named))):
            estimate.notes.append(CONTRASTED_OPENER_NOTE.format(other))


def _titled_by(text: str, model: str) -> bool:
    """Whether a paper's title opens with the model's name before a colon or a dash ("Heron: Scaling …"):
    a title so written names the paper's own work, so "we study … with Heron" uses its own model."""
    first_line = text.lstrip()[:120].split("\n", 1)[0]
    head = re.split(r":|\s[-–—]\s", first_line, maxsplit=1)
    if len(head) < 2:
        return False
    name = squash_name(head[0])
    return bool(name) and name in (squash_name(model), squash_name(_stem(model)))


def _paper_title(text: str, model: str) -> bool:
    """Whether a paper's title (its first lines) writes the model's name, or its first part."""
    title, stem = squash_name(title_part(text)), squash_name(_stem(model))
    return squash_name(model) in title or (len(stem) > 2 and stem in title)
