"""Context cues: whether a figure is this text's own training total, a fine-tuning figure, a cited or
hypothetical one, or not prose at all. Every finder classifies its estimates here."""

from __future__ import annotations

import re
from functools import lru_cache

from ahocorasick_rs import AhoCorasick, MatchKind

from curation.extract.evidence import (
    FINETUNING,
    OPERATION_COUNTING,
    PRETRAINING,
    Estimate,
    Span,
)
from curation.extract.model_names import OPENING_COMPARISON, model_before, nearby_model
from curation.extract.pretraining_share import PRETRAINING_SHARE, may_state_a_share
from curation.extract.quantities import NUMBER

# a sentence telling the run of a distillation's teacher: "The teacher was pretrained on 2T tokens …",
# "Our teacher model, Kite-7B, was trained on …"
TEACHER_RUN = re.compile(r"(?:^|[.!?:]\s+|\n)\s*(?:the|our|its|a)\s+teacher(?:\s+model)?(?:\s*,[^,.]{1,40},)?"
                         r"\s+(?:was|is|has\s+been|had\s+been)\s+(?:\w+\s+)?(?:pre-?)?trained\b",
                         re.IGNORECASE)
# a teacher's run told in a participle right before its figure: "We distill from a 70B teacher trained on
# 15T tokens", "… the teacher model (Kite-70B), which was pre-trained for 30 days on …", and in a gloss:
# "a 70B teacher (trained on 15T tokens on 16,000 H100s for 54 days)"
TEACHER_TRAINED = re.compile(r"\bteacher(?:\s+model)?\s*(?:\([^()]{0,40}\)\s*)?,?\s*\(?\s*"
                             r"(?:which\s+was\s+|that\s+was\s+)?(?:pre-?)?trained\s+(?:\w+\s+){0,4}?"
                             r"(?:on|with|for|using)\s+(?:about\s+|over\s+|~)?$", re.IGNORECASE)


# a corpus gathered, not trained on: "We crawled 30T tokens of web text, of which we trained on 2T tokens",
# "2T tokens sampled from 30T tokens we collected"
COLLECTS = re.compile(r"\b(?:crawl|collect|gather|scrap|download|harvest|assembl|compil|curat|filter|dedup"
                      r"|clean|process|tokeni[sz])\w*\b", re.IGNORECASE)
TRAIN_VERB = re.compile(r"\b(?:pre-?)?train", re.IGNORECASE)
DRAWN_FROM = re.compile(r"\b(?:sampled|drawn|selected|taken|filtered|extracted|subsampled|chosen)\s+from\s+"
                        r"(?:the\s+|a\s+|an\s+|our\s+)?(?:\w+\s+){0,2}?(?:about\s+|~\s*)?$", re.IGNORECASE)
TRAINED_FIGURE = re.compile(r"\b(?:pre-?)?train\w*\s+(?:[\w,-]+\s+){0,5}?(?:on|for|with)\s+"
                            r"(?:about\s+|approximately\s+|~\s*)?\d"
                            # or what the gathering made of it: "… 5T tokens of web text into a 2T-token set"
                            r"|\binto\s+(?:a|an|the)?\s*(?:about\s+|approximately\s+|~\s*)?\d[\d.,]*\s?[MBT]\b",
                            re.IGNORECASE)


# a corpus's size, said as what it holds: "Our corpus has 15T tokens", "the dataset contains 10T tokens",
# "a pool of 30T tokens"
CORPUS_HOLDS = re.compile(r"\b(?:corpus|corpora|dataset|data\s*set|data\s+pool|pool|collection)\s+"
                          r"(?:\w+\s+){0,2}?(?:has|have|contains?|comprises?|consists\s+of|totals?|includes?"
                          r"|of)\s+(?:about\s+|over\s+|roughly\s+|~\s*|a\s+total\s+of\s+)?$", re.IGNORECASE)

# a training verb before a token count: "we train Heron on 2T tokens of it" (not "trained for 1 epoch")
TRAINED_TOKENS = re.compile(r"\b(?:pre-?)?train\w*\s+(?:[\w,-]+\s+){0,5}?(?:on|for|with)\s+"
                            r"(?:about\s+|approximately\s+|~\s*)?\d[\d.,]*\s?(?:[MBT]|million|billion|trillion)?"
                            r"\s*(?:\w+\s+)?tokens\b", re.IGNORECASE)

SOURCE_CORPUS_NOTE = "not a training total: the corpus the run's data is drawn from"


def source_corpus(text: str, sentence: Span, figure: Span) -> bool:
    """Whether a token figure is the corpus a run's data is drawn from, not the run's: one it says is
    sampled from ("2T tokens sampled from 30T tokens"), a corpus's size when the sentence goes on to train
    on another figure ("Our corpus has 15T tokens; we train Heron on 2T tokens of it"), or one the
    sentence gathers ("crawled", "collected", "filtered", "processed", before or right after it, with no
    word of training between) while it trains on another figure later ("We crawled 30T tokens, of which we
    trained on 2T tokens") or makes another of it ("We processed 5T tokens of raw web data into a 2T-token
    corpus")."""
    before = text[max(sentence.start, figure.start - 60): figure.start]
    if DRAWN_FROM.search(before):
        return True
    if CORPUS_HOLDS.search(before) and TRAINED_TOKENS.search(text, figure.end, sentence.end):
        return True  # "Our corpus has 15T tokens; we train Heron on 2T tokens of it"
    after = text[figure.end: min(sentence.end, figure.end + 30)]
    verb_before, verb_after = COLLECTS.search(before), COLLECTS.search(after)
    gathered = (verb_before is not None and not TRAIN_VERB.search(before, verb_before.end())) or \
        (verb_after is not None and not TRAIN_VERB.search(after, 0, verb_after.start()))
    return gathered and TRAINED_FIGURE.search(text, figure.end, sentence.end) is not None


# a gloss of the model a run learns or starts from: "distilled from Kite-70B (trained on 15T tokens)",
# "initialized from Kite-7B (pre-trained for 2T tokens)", "built on the Kite-7B language model (trained on 2T
# tokens)" (a word or two of what it is between), "continually pre-trained from Kite-7B (2T tokens)"
# (or in a relative clause after its name, up to the clause's first comma: "distilled from Kite-70B, which
# was trained on 15T tokens on 16,384 H100s for 54 days"; and the model pruned: "We pruned Kite-8B (trained
# on 15T tokens) to 1B parameters")
SOURCE_GLOSS = re.compile(r"\b(?:(?:distill\w*|initiali[sz]\w*|based|built|fine-?tuned|finetuned|continu\w*"
                          r"|start\w*|prun\w*)\s+(?:[\w-]+\s+){0,2}?(?:from|on|with)\s+|prun(?:ed|ing|e)\s+"
                          # the model a run goes on training: "continues training Kite-7B (pre-trained on
                          # 2T tokens)", "continued pre-training of Kite-7B, which was trained on …"
                          r"|continu\w*\s+(?:the\s+)?(?:pre-?)?train(?:ing)?\s+(?:of\s+)?)"
                          r"(?:the\s+|an?\s+)?[\w./-]+(?:\s+[\w.-]+){0,2}\s*"
                          r"(?:(?:\([^()]{0,40}?|,\s*(?:which|that)\s+(?:was|were|is|had\s+been|has\s+been)\s+"
                          r"(?:\w+\s+)?)(?:pre-?)?trained\s+(?:on|for|with|using)\s+"
                          r"(?:(?:[^,;().]|\.(?=\d)){0,60}?\s)?"
                          # or its figure alone opening the gloss: "starting from Kite-7B (2T tokens)"
                          r"|\(\s*)(?:about\s+|over\s+|~)?$",
                          re.IGNORECASE)


def teacher_figure(text: str, figure: Span) -> bool:
    """Whether a figure is told of a distillation's teacher in a participle just before it
    (:data:`TEACHER_TRAINED`), or in a gloss or a relative clause of the model a run learns or starts
    from (:data:`SOURCE_GLOSS`)."""
    window = max(0, figure.start - 100)
    before = text[window: figure.start]  # (cheap tests first: most figures have neither before them)
    if "eacher" in before and TEACHER_TRAINED.search(text, window, figure.start) is not None:
        return True
    gloss = SOURCE_GLOSS.search(text, window, figure.start) \
        if "(" in before or "which" in before or "that" in before else None
    # (a size alone in the gloss is the source's and, as a run on from it keeps it, the run's too:
    # "starting from Kite-XL (3B parameters)")
    bare = gloss is not None and "(" in gloss.group() and "train" not in gloss.group().rsplit("(", 1)[1]
    return gloss is not None and not (bare and "param" in text[figure.start: figure.start + 40].lower())


# the model a run starts from, written before the name: "initialized with Kite-7B weights", "starting from
# Kite-7B", "built on top of Kite-7B", "distilled from Kite-7B" (its teacher), "continually pre-trained from
# Kite-7B"
STARTS_FROM = re.compile(r"\b(?:initiali[sz]\w*|start\w*|continu\w*|based|built|distill\w*)\s+"
                         r"(?:[\w-]+\s+){0,2}?"
                         r"(?:with|from|on(?:\s+top\s+of)?)\s+(?:the\s+|an?\s+)?(?:weights\s+of\s+)?$",
                         re.IGNORECASE)


AGGREGATE_NOTE = "aggregate: a sum over several models"
NOT_OWN_RUN = "not its own run"


# Cues that a figure is not a training run's total compute.
NOT_A_TOTAL = ("per token", "per-token", "/token", "per example", "per sample", "per forward",
               "forward pass", "per step", "per sequence", "per image", "per iteration", "per second",
               "per gpu", "per chip", "per device", "inference", "peak", "theoretical", "budget",
               "hypothetical", "would require", "would take", "would need", "flops per", "flop per",
               "each trillion", "per trillion", "every trillion",
               "per billion", "each billion", "can process", "could process", "can be trained",
               "could be trained", "can train", "could train", "can be pretrained", "can be pre-trained",
               "could be pretrained", "could be pre-trained", "can be retrained", "could be retrained",
               "can retrain", "could retrain",
               # compute saved against another run, and projections: "saves 1e21 FLOPs", "would cost"
               "saves", "saving", "would cost", "would be", "would use", "would consume", "extrapolat",
               # compute granted, not spent: "supported by a grant of 10M GPU hours", "an allocation of"
               "grant", "allocation", "allocated", "awarded", "we thank", "acknowledg", "sponsored",
               "donated",
               # what a machine can do, in "petaflops" meaning FLOP/s: "a computational power of 5,000
               # petaflops", "capable of delivering 2 exaflops"
               "computational power", "computing power", "compute power", "compute capacity",
               "computing capacity", "capable of delivering", "aggregate performance",
               "sustained performance")

# a setting's peak, not a machine's peak rate: "a peak learning rate of 3e-4", "peak memory"
PEAK_SETTING = re.compile(r"\bpeak\s+(?:learning[\s-]+rates?|lrs?|memory|batch(?:\s+size)?)\b")

# a budget the text says was spent is the run's, not a plan: "nearly all of the training budget was spent
# on the base model, which took 9.5 days on 440 A100s", "Heron was trained with a compute budget of …",
# "Our 3B model is trained with a token budget of 2T tokens", "We train Heron-70B with a compute budget of
# 8e23 FLOPs", "Heron-7B used a training budget of 8.4e22 FLOPs", "… on 2T tokens, the same data budget as
# Kite", "Compute budget: we trained on …", "The total token budget for training is 4 trillion tokens"
SPENT_BUDGET = re.compile(r"budget\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+\s+)?"
                          r"(?:spent|used|consumed)\b"
                          # a named run's budget, told in the past: "Heron's compute budget was 2.1e24 FLOP"
                          r"|[\w.-]+(?:'s|’s)\s+(?:total\s+)?(?:(?:pre-?)?training\s+|compute\s+)*budget\s+"
                          r"(?:was|amounted\s+to|came\s+to|totall?ed)\b"
                          # or its budget "for" it: "The total compute budget for Heron was 6e22 FLOPs" (not a
                          # model left unnamed: "the budget for a 70B model was …", "for each model")
                          r"|budget\s+(?:for|of)\s+(?!(?:a|an|each|every|any|one|such|all|future|larger)\b)"
                          r"[\w.-]+\s+(?:was|amounted\s+to|came\s+to|totall?ed)\b"
                          # a run trained with its budget: "Heron was trained with a compute budget of …"
                          r"|\b(?:(?:is|are|was|were|we)\s+(?:pre-?)?trained|we\s+(?:pre-?)?train)\s+(?:[\w.-]+\s+){0,3}?"
                          r"(?:with|on|using)\s+"
                          r"(?:a|an|the)\s+"
                          r"(?:total\s+)?(?:training\s+)?(?:compute\s+|token\s+|data\s+)?budget\b"
                          # the figure inside: "Heron was trained with a 6e24 FLOP budget"
                          r"|\b(?:is|are|was|were|we)\s+(?:pre-?)?trained\s+(?:with|on|using)\s+(?:a|an)\s+"
                          r"(?:about\s+|roughly\s+|~\s*)?\d(?:[^.;]|\.(?=\d)){0,24}?\s(?:flops?|pf-days)\s+budget\b"
                          # a budget set equal to another run's: "on 2T tokens, the same data budget as Kite"
                          r"|\b(?:the\s+)?same\s+(?:total\s+)?"
                          r"(?:training\s+|compute\s+|token\s+|data\s+)?budget\s+as\b"
                          # a budget a run used: "Heron-7B used a training budget of 8.4e22 FLOPs"
                          r"|\b(?:used|consumed|spent)\s+(?:a|an|the|its)\s+(?:total\s+)?"
                          r"(?:training\s+|compute\s+)*budget\s+of\b"
                          # the budget "for training", told as a fact: "The total token budget for training
                          # is 4 trillion tokens" (not "given a compute budget for training of …")
                          r"|\b(?:the|our|its)\s+(?:total\s+)?(?:token|data|training|compute)\s+budget\s+for\s+"
                          r"(?:the\s+)?(?:pre-?)?training\s+(?:is|was|amounted\s+to|totall?ed)\b"
                          # a label, then what was done: "Compute budget: we trained on 4,096 A100s for …"
                          r"|\bbudget\s*:\s*(?=we\s+(?:\w+\s+)?(?:(?:pre-?)?trained|used|spent|ran)\b"
                          r"|(?:training|pre-?training)(?:\s+[\w.-]+){0,2}?\s+(?:took|used|lasted|consumed)\b)")

# a cost foreseen, not spent: "will require", "is expected to take", a modal verb's "might require", "should
# take about 2 days", "could reach the same loss with 5e23 FLOPs", "can cost over 1e26 FLOPs" (what a run
# of some kind may come to); a run under way the text does not
# release ("we are now training Heron-70B on 15T tokens")
FORESEEN = (r"\bwill\s+(?:\w+\s+)?(?:require|take(?!\s+(?:advantage|place|care))|need|use|cost|consume"
            r"|last)\b"
            r"|\bwill\s+be\s+(?:processed|consumed|seen|used|completed)\b"
            r"|\b(?:is|are)\s+(?:\w+\s+)?expected\s+to\s+(?:take|require|need|cost|use|last|consume)\b"
            r"|\b(?:might|may|could|should|can)\s+(?:\w+\s+)?"
            r"(?:require|take(?!\s+(?:advantage|place|care))|need|cost|consume|reach)\b"
            r"|\b(?:are|is)\s+(?:now|currently|still)\s+(?:being\s+)?training\b"
            r"|\b(?:are|is)\s+(?:now|currently|still)\s+being\s+(?:pre-?)?trained\b"
            # a run left to later: "Scaling to 70B parameters and 15T tokens is left for future work"
            r"|\b(?:is|are)\s+left\s+(?:as|for|to)\s+(?:\w+\s+)?(?:future|later)\s+work\b")
FORESEEN_WORDS = ("will", "expected", "might", "may", "could", "should", "can", "now", "currently", "still",
                  "left")
# a figure whose own clause goes on to foresee its cost: "Training Heron-70B on the full 15T tokens is
# expected to take 90 days"
FORESEEN_AFTER = re.compile(r"^[^;]*?(?:" + FORESEEN + ")", re.IGNORECASE)
# a figure inside the subject of a conditional: "We hypothesize that a 70B model trained on 20T tokens would
# perform even better", "Heron-70B on 15T tokens would have matched Kite" — the figure's own words (its
# unit, "of data") lead straight to "would"; a comma, a relative or a conjunction between them starts a
# clause of its own ("Heron was trained on 2T tokens, which would …", "… 2T tokens and would …")
CONDITIONAL_SUBJECT = re.compile(r"^\s*(?:(?!(?:and|but|so|which|that|who|as|because|since|while|where)\b)"
                                 r"[\w/-]+\s+){0,3}?would\s+\w", re.IGNORECASE)
# the same with "could", "might" or "may", where the figure sizes a model named with an indefinite article,
# any model of the kind, not a run ("a model trained with 1e27 FLOP could automate research"; "Heron-7B
# was trained on 2T tokens and could …" tells the authors' own)
MODAL_SUBJECT = re.compile(r"^\s*(?:(?!(?:and|but|so|which|that|who|as|because|since|while|where)\b)"
                           r"[\w/-]+\s+){0,3}?(?:could|might|may)\s+\w", re.IGNORECASE)
INDEFINITE_SUBJECT = re.compile(r"\b(?:a|an|any)\s+(?:[\w/-]+\s+){0,3}?(?:model|network|system)s?\s+"
                                r"(?:(?:pre-?)?trained|fit)\s+(?:with|on|using|for)\s+(?:about\s+|roughly\s+|~\s*)?$",
                                re.IGNORECASE)

# Cues read only where they govern the figure (see :func:`mark_local_cues`): anywhere before it in its
# sentence (not past a semicolon whose clause tells a run, :data:`CLAIMED_RUN`) — a prediction, a simulation
# or a plan ("our law predicts that a 70B model should be trained on 1.4T tokens, requiring 5.9e23 FLOPs",
# "a compute-optimal 30B model should see 600B tokens",
# "we simulate training a 175B model on 10,000 GPUs"), generating text with a trained model ("generating 1M
# tokens costs 1.4e17 FLOPs"), a statistic over many runs ("the median of 72 hours"), alternatives weighed
# ("whether it takes …"), small runs for a study of scaling ("to fit scaling laws, we train 20 models …");
# in its own comma-bounded phrase — an ablation, or a small model trained to test data or a method ("we
# train 1.8B ablation models on 350B tokens", "Each validation model was trained on 64 GPUs", "proxy
# models", "a pilot run"; not "unlike our ablation models, Heron was trained on 2T tokens"); right before or
# after it — a bound, a scale or what a machine can do ("exceeds 1e25", "a threshold of 10^25", "the 1e25
# FLOPs threshold", "at the scale of 1e25 FLOPs", "delivers 2 exaflops")
# (every alternative opens with a word boundary, tested once first: see fast_patterns)
BEFORE_IN_SENTENCE = re.compile(r"\b(?:"
                                r"\b(?:predict\w*|forecast\w*|should\s+(?:be\s+trained|train|use|require|see"
                                r"|process)|"
                                r"generating|decoding|simulat\w*|emulat\w*)\b"
                                # alternatives weighed: "whether it takes 2 weeks on 10,000 GPUs or …"
                                r"|\bwhether\b"
                                # a run planned, not begun: "we plan to train a 30B model on 5T tokens",
                                # "will be trained on" (a run under way, "is being trained on", is its run)
                                r"|\b(?:plan(?:s|ned)?|intend(?:s|ed)?|aim(?:s|ed)?)\s+to\s+(?:pre-?)?train"
                                r"|\bwill\s+(?:be\s+)?(?:pre-?)?train"
                                # a future run: "future work will scale Heron to 70B parameters and 15T
                                # tokens", "in the future, we hope to train …"
                                r"|\bfuture\s+(?:work|versions?|releases?|models?|iterations?|runs?)\b"
                                r"|\bin\s+(?:the\s+)?future\b|\bwill\s+(?:\w+\s+)?scale\b"
                                # a counterfactual: "a naive implementation would have taken 2M GPU hours",
                                # "had we trained on all 15T tokens, …", "were we to train …"
                                r"|\bwould\s+have\s+(?:\w+\s+)?(?:taken|used|cost|required|needed|consumed"
                                r"|lasted|been)\b|\b(?:had|were)\s+we\b|\bif\s+we\s+had\b"
                                r"|\bhope\s+to\s+(?:\w+\s+)?(?:pre-?)?train"
                                # a condition: "if we trained a 10B model on 1T tokens", "if one trains …"
                                r"|\bif\s+(?:we|one|you|they)\s+(?:were\s+to\s+)?(?:\w+\s+)?(?:pre-?)?train"
                                # advice, not a run: "our scaling law suggests training a 30B model on 600B
                                # tokens", "we recommend pre-training on at least 1T tokens"
                                r"|\b(?:suggest|recommend|advis|prescrib)\w*\s+(?:that\s+)?(?:\w+\s+){0,2}?"
                                r"(?:pre-?)?train"
                                # the run's extent assumed, not done: "assuming we train for 300B tokens"
                                # (not a figure's assumption about a run done: "assuming 40% utilization")
                                r"|\bassuming\s+(?:that\s+)?(?:we|they|it)\s+(?:\w+\s+)?"
                                r"(?:(?:pre-?)?train|run|continue|finish|complete)\w*\s+(?:for|on|to|until)\b"
                                # a run not done: "we did not train Heron-70B on 2T tokens", "we were unable
                                # to train …", "never trained"
                                r"|\b(?:did\s+not|didn't|could\s+not|couldn't|(?:were|was)\s+(?:not\s+able|unable)"
                                r"\s+to|never|failed\s+to)\s+(?:\w+\s+)?(?:pre-?)?train"
                                # a cost foreseen: "Sable-400B will require roughly 4e25 FLOPs", "is expected
                                # to take 90 days", "the projected cost", "we anticipate that …"
                                rf"|{FORESEEN}|\bprojected\b|\banticipat\w*\b"

                                # unnamed runs that measure a dataset: "To validate it, we train 1.7B
                                # models on 350B tokens of each corpus", "to assess the quality of our data,
                                # we train a 1B model …" (not a named one: "… we train Heron-7B on 2.6T")
                                # (or "To demonstrate the quality of LarkWeb, we train a 7B model …": a
                                # named thing's quality, the model unnamed)
                                r"|\bto\s+(?:validate|evaluate|assess|test|measure|compare|ablate|demonstrate"
                                r"|show|verify|illustrate|showcase)\s+"
                                r"(?:the\s+(?:quality|usefulness|effect|value|effectiveness)\s+of\s+)?"
                                r"(?:it|them|(?:the|our|this|these|each|both)\s+(?:[\w-]+\s+)?"
                                r"(?:datasets?|data|corpus|corpora|mixtures?|subsets?)"
                                r"|(?<=\sof\s)(?-i:[A-Z])[\w.-]*)\b[^.;]{0,30}?"
                                r"\bwe\s+(?:pre-?)?train\s+(?:[\w.-]+\s+){0,2}?"
                                r"(?:models|an?\s+(?:[\w.-]+\s+){0,2}?model)\b"
                                # small runs for a study of scaling: "to fit scaling laws, we train 20
                                # models …", "proxy models", "small-scale experiments"
                                r"|\bto\s+(?:fit|study|derive)\s+(?:\w+\s+)?scaling\b|\bfor\s+(?:the\s+|our\s+)?"
                                r"scaling[\s-]+laws?\b|\bscaling[\s-]+law\s+(?:experiments|stud|runs|models|fit)"
                                r"|\bproxy\s+models?\b|\bsmall-scale\s+(?:models|experiments|runs)\b"
                                # a statistic over a sample, and what restates it: "the maximum of 400,000
                                # GPU hours (about 170 days with 100 GPUs) in our sample" (not a cap: "for
                                # a maximum of 24 hours")
                                r"|\b(?:(?<!\Wa\s)maximum|(?<!\Wa\s)minimum|median|average|mean)\s+(?:\w+\s+)?"
                                r"(?:of\s+)+"
                                r"(?:about\s+|roughly\s+|~\s*)?(?:\d|$)"
                                # a statistic's subject: "the median training run in our dataset used …"
                                r"|\b(?:median|average|typical|mean)\s+(?:[\w-]+\s+){0,2}?(?:runs?|models?|systems?)\b"
                                # a record of the field, not the text's: "the largest training run to date
                                # used …" (not "our largest model to date")
                                r"|(?<!\bour\s)\b(?:largest|biggest|most\s+expensive|most\s+compute-intensive)\s+"
                                r"(?:[\w-]+\s+){0,2}?(?:runs?|models?|systems?)\s+(?:to\s+date|so\s+far|ever"
                                r"|in\s+history|in\s+the\s+world)\b"
                                # or said to be known of the field: "the largest known training run",
                                # "the most expensive publicly reported model"
                                r"|(?<!\bour\s)\b(?:largest|biggest|most\s+expensive|most\s+compute-intensive)\s+"
                                r"(?:publicly\s+)?(?:known|reported|documented|disclosed|published)\s+"
                                r"(?:[\w-]+\s+){0,2}?(?:runs?|models?|systems?)\b)",
                                re.IGNORECASE)
# (or a fraction: "at 1/20th of its 6.3e24 training FLOPs", "a tenth of the 1M GPU hours")
SHARE_OF = re.compile(r"(?:\d\s?%|\b1\s?/\s?\d+(?:st|nd|rd|th)?"
                      r"|\b(?:a|one)\s+(?:fraction|half|third|quarter|fifth|tenth|hundredth))"
                      r"\s+of\s+(?:the\s+|our\s+|its\s+|their\s+|a\s+|an\s+)?(?:total\s+|annual\s+)?"
                      r"(?:about\s+|roughly\s+|approximately\s+|~\s*)?$", re.IGNORECASE)
# a supposition: "Assume a 70B model trained on …", "Suppose one trains …", and "Consider a model trained
# with 1e25 FLOPs" or "let us consider a …" as an imperative that opens its sentence (read like the cues
# above; "we then consider a 7B model" sets up the authors' own experiment)
SUPPOSITION = re.compile(r"(?<!\bwe\s)\b(?:assume|suppose|imagine)\s+(?:that\s+)?(?:a|an|one|we|you)\b"
                         r"|(?:^|(?<=[.:;!?\n])\s*|\blet(?:\s+us|'s)\s+)consider\s+(?:a|an|one)\b",
                         re.IGNORECASE)
# a sentence that draws the consequence of a supposition told just before it: "Suppose a 70B model is trained
# on 1.4T tokens. Then the training compute is 5.9e23 FLOP." ("then", "in that case", "under these
# assumptions" opening it; after a sentence that tells a run, "Then we continue …" is no such thing)
CONSEQUENCE_OPENING = re.compile(r"\s*(?:then\b|in\s+(?:that|this|such\s+a)\s+case\b"
                                 r"|under\s+(?:this|that|these|those|such)\s+assumptions?\b)", re.IGNORECASE)
BEFORE_IN_PHRASE = re.compile(r"\bablations?\b"
                              r"|\b(?:validation|proxy|pilot|toy)\s+(?:runs?|models?|experiments?)\b",
                              re.IGNORECASE)
# (a rate a system sustains is no run's total either: "sustaining 15 petaflops", "a throughput of 38 TFLOPs")
JUST_BEFORE = re.compile(r"\b(?:exceed\w*|deliver\w*|sustain\w*|capable\s+of"
                         # a bound set: "a threshold of 1e25", "the threshold is set at 1e25", "a cap of",
                         # "reporting thresholds at 1e26"
                         r"|(?:threshold|limit|cap)s?\s+(?:of|(?:(?:is|was|are|were)\s+)?(?:set\s+)?(?:at|to))"
                         r"|(?:at\s+)?the\s+scale\s+of|(?:a|the)\s+throughput\s+of)"
                         r"\s+(?:about\s+|roughly\s+|~\s*|the\s+)?$"
                         # a batch, not the run: "a batch size of 4M tokens", "batches of 2M tokens"
                         r"|\bbatch(?:\s+size)?\s*(?:of|is|was|=|:)?\s*(?:about\s+|roughly\s+|~\s*)?$"
                         r"|\bbatches\s+of\s+(?:about\s+|~\s*)?$", re.IGNORECASE)
JUST_AFTER = re.compile(r"^\s*(?:FLOPs?\s+|FLOP/s\s+)?(?:threshold|limit|cap)s?\b"
                        r"|^\s*(?:tokens\s+)?(?:per|each|a)\s+batch\b"
                        # a run said right after to be an ablation: "… on 26B tokens for ablations"
                        r"|^\s*(?:for|as)\s+(?:an?\s+|our\s+|the\s+)?ablations?\b", re.IGNORECASE)
# a scale glossed, a class of models' ("At the scale of frontier models (10^25 FLOPs), …"), not a run
SCALE_GLOSS = re.compile(r"\bthe\s+scale\s+of\s+(?:[\w-]+\s+){1,3}?\(\s*(?:about\s+|roughly\s+|~\s*)?$",
                         re.IGNORECASE)
# runs repeated to compare methods or data, the text's experiment and no model of its own: "We pretrain a 7B
# model for 50B tokens … with each attention variant", "… with and without our loss", "for both optimizers",
# "1.7B models on 350B tokens from each dataset"
EACH_VARIANT = re.compile(r"\b(?:with|for|using|under)\s+(?:each|every|both|all)\s+"
                          r"(?:of\s+(?:the|our|these)\s+)?(?:[\w-]+\s+)?(?:variants?|methods?|configurations?|settings?|baselines?|optimizers?"
                          r"|schedules?|objectives?|mechanisms?)\b|\bwith\s+and\s+without\b"
                          # (or the same run on each of several datasets: "on 350B tokens from each dataset")
                          r"|\b(?:from|of|on)\s+each\s+(?:of\s+(?:the|our|these)\s+)?(?:[\w-]+\s+)?"
                          r"(?:datasets?|corpus|corpora|subsets?|mixtures?)\b", re.IGNORECASE)
# a point on a curve, not a run: a figure that opens its sentence or clause after "at" ("At 1e23 FLOPs, the
# compute-optimal model has 10B parameters"; "For a budget of 1e22 FLOPs, …")
CURVE_POINT = re.compile(r"(?:^|[;:]\s*|\n)\s*(?:(?:at|for)\s+(?:a|the)\s+(?:total\s+)?"
                         r"(?:compute\s+|training\s+|flops?\s+)?budget\s+of\s+|at\s+)(?:about\s+|roughly\s+|~\s*)?$",
                         re.IGNORECASE)
# the top of a range over many runs: "the models in our sample range from 15 minutes up to more than
# 400,000 hours"
RANGE_TOP = re.compile(r"\brang\w*\s+from\b[^.;]{0,120}?\bto\s+"
                       r"(?:more\s+than\s+|over\s+|about\s+|roughly\s+)?$", re.IGNORECASE)
PHRASE_BREAK = re.compile(r"[,;:(]|\band\s+(?=(?:our|the|a|an)\s)", re.IGNORECASE)
LOCAL_NOTE = ("not a training total (a prediction, an ablation, a bound, a range, a statistic, a whole the "
              "run is a share of, generation or a general rule)")

# a model named only by an indefinite size ("a 70B model", "training an 8-billion-parameter model", "a
# model with 175 billion parameters"): what such a model needs in general, unless the phrase describes a
# named one ("Heron is a 7B model", "Heron, a 7B model") or the word before the size is the name the
# text's title carries ("training an Osprey 540B model consumes …" in "Osprey: …"; see :func:`_indefinite`)
INDEFINITE_MODEL = re.compile(r"\b(?:a|an|any)\s+(?:(?:(?P<word>[a-z-]+)\s+)?\d+(?:\.\d+)?(?:\s?|-)"
                              r"(?:[MBT]|million|billion|trillion)(?!\w)[\s-]*(?:param(?:eter)?s?[\s-]+)?"
                              r"(?:[a-z-]+\s+){0,2}?models?\b"
                              r"|(?:[a-z-]+\s+)?model\s+(?:with|of|having)\s+(?:about\s+|over\s+)?\d+(?:\.\d+)?"
                              r"(?:\s?|-)(?:[MBT]|million|billion|trillion)(?!\w)[\s-]*param)", re.IGNORECASE)
# models in general, in the plural: "frontier models now require more than 1e25 FLOPs"
GENERIC_MODELS = re.compile(r"\b(?:frontier|large|larger|largest|biggest|leading|modern|today's|current|"
                            r"state-of-the-art|most|many|such)\s+(?:[\w-]+\s+)?(?:models|systems|LLMs|networks|runs)\b"
                            # a class of models by size, no determiner before it: "trillion parameter models
                            # which require over 500 GPU days" (not "the 7B-parameter models", "our …")
                            r"|(?<!the\s)(?<!our\s)(?<!these\s)(?<!those\s)(?<!both\s)(?<!all\s)(?<!its\s)"
                            r"\b(?:\d+(?:\.\d+)?\s?[MBT]|million|billion|trillion)[\s-]+param(?:eter)?s?[\s-]+"
                            r"(?:models|systems|LLMs|networks)\b",
                            re.IGNORECASE)
# models of a kind in the plural as the sentence's subject, no determiner before them: "Dense models such as
# Kite-70B require 5.9e24 FLOPs", "Models like Kite typically cost …", "Transformer language models need …"
# (not "Our models …", "The models …", "All models …", nor a family the title names, see
# :func:`_generic_subject`)
GENERIC_SUBJECT = re.compile(r"(?:^|\n)[^\S\n]*"
                             r"(?P<words>(?:(?!(?:our|the|these|those|both|all|its|their|each|two|three)\b)"
                             r"\w[\w.-]*\s+){0,2}?)(?:models|LLMs|networks|systems)\b",
                             re.IGNORECASE)
# a figure as a threshold ("more than 1e24 FLOPs", "below 1e22 FLOPs") said of models in the plural
THRESHOLD_FIGURE = re.compile(r"\b(?:(?:more|less|fewer|greater)\s+than|above|below|beyond|exceeding|over"
                              r"|at\s+least|at\s+most)\s+(?:~\s*|about\s+|roughly\s+)?[\d.,×x^eE+\-−\s⁰¹²³⁴⁵⁶⁷⁸⁹]{1,24}"
                              r"(?:[A-Za-z/-]{1,12})?\s*$", re.IGNORECASE)
# a threshold a rule sets, its models unsaid: "The Act presumes systemic risk above 1e25 FLOP", "reporting is
# required above 1e26 operations"
# (not a scaling law's, nor the authors' "we report": "trained with more than 3e24 FLOPs, as we report")
THRESHOLD_TOPIC = re.compile(r"\b(?:thresholds?|systemic\s+risks?|regulat\w*|reporting\s+requirements?"
                             r"|(?:must|shall|to)\s+(?:be\s+)?report(?:ed)?|presum\w*|obligations?|legislat\w*"
                             r"|executive\s+order|notif\w*|licens\w*|complian\w*)\b", re.IGNORECASE)
ANY_MODEL = re.compile(r"\b(?:any|every|each|no)\s+(?:[\w-]+\s+)?(?:model|system|training\s+run)\b",
                       re.IGNORECASE)  # a threshold said of a class in the singular: "any model trained …"
CLAUSE_END = re.compile(r"[,;]")  # where a figure's clause ends
MODELS_PLURAL = re.compile(r"\b(?:models|systems|LLMs|networks|runs)\b", re.IGNORECASE)
# a class of models in the plural, by kind and by year: "GPT-style models of 2023", "frontier-class
# systems released in 2024"
CLASS_OF_MODELS = re.compile(r"\b[\w-]+-(?:style|class|scale|like|sized)\s+(?:models|systems|LLMs)\s+"
                             r"(?:of|from|released\s+in|trained\s+in|in)\s+(?:19|20)\d\d\b", re.IGNORECASE)
# a formula's worked example: "for N = 70B and D = 1.4T this gives 5.9e23 FLOPs"
# (the inputs set, "N = 70B"; "trained with C = 5.76e23 FLOPs" states the run's own compute)
WORKED_EXAMPLE = re.compile(r"\b(?i:for|with|if|when|setting)\s+[A-BD-Z]\s*=\s*\d"
                            # the rule in symbols, its figures examples: "a model with N parameters trained
                            # on D tokens costs 6ND FLOPs, e.g. 6e23 for 100B parameters and 1T tokens"
                            r"|\b(?i:with|of|on|for)\s+[A-Z]\s+(?i:parameters|params|tokens|training\s+tokens)\b")
DESCRIBES_NAMED = re.compile(r"(?:\b(?:is|was|as|being|be)|(?<![\w.-])[A-Z][\w.-]*,)\s*$")
# (and of models in general, the plural present passive with a word of habit or of the present: "the
# largest models today are trained with …", "such models are typically trained on …")
GENERAL_VERB = re.compile(r"\b(?:requires?|costs?|needs?|takes?|would|will|demands?|consumes?|uses?"
                          # a trend: "frontier models' compute doubles every 6 months, reaching 5e25 FLOP",
                          # "the largest training runs reached 2.5e24 FLOPs"
                          r"|doubl(?:es|ed|ing)|grow(?:s|ing)?|grew|reach(?:es|ed|ing)|ris(?:es|ing)|rose"
                          # a finding of a kind of model: "a 1.7B model trained on 350B tokens of our data
                          # outperforms one trained on …"
                          r"|outperforms|matches|beats|surpasses|rivals"
                          r"|(?:today|nowadays|now|currently|typically|usually|often|commonly|routinely|generally)"
                          r"\b[^.]{0,20}?\bare\s+(?:pre-?)?trained"
                          r"|are\s+(?:now|typically|usually|often|commonly|routinely|generally|currently)\s+"
                          r"(?:pre-?)?trained)\b", re.IGNORECASE)
FIRST_PERSON_WORD = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
# what training a model costs in general, and an example: "the cost of training a 70B model", "for
# instance, a 405B model was trained on …"
COST_OF_TRAINING = re.compile(r"\b(?:cost|costs|price|expense)\s+(?:of|for)\s+(?:pre-?)?training\s+"
                              r"(?=(?:a|an|any)\b)", re.IGNORECASE)
EXAMPLE_BEFORE = re.compile(r"\b(?:for\s+(?:instance|example)|e\.g\.)", re.IGNORECASE)
# a figure or table as the sentence's subject: "Figure 3 shows the loss of a 13B model trained for …"
FIGURE_SUBJECT = re.compile(r"\W*(?:\d+(?:\.\d+)*\s+[A-Z][\w ]{0,30}?\s)?(?:Figure|Fig\.|Table)\s*\d+\s+"
                            r"(?:shows|presents|compares|plots|reports|illustrates|depicts|gives|displays)\b")
# the authors' own run named in the first person: "our run used", "we spent", "our final model"
OWN_RUN = re.compile(r"\b(?:we\s+(?:\w+\s+)?(?:used|spent|consumed|trained|ran|needed|required)"
                     r"|our\s+(?:(?:final|main|largest|full)\s+)?(?:run|training|pre-?training|model))\b",
                     re.IGNORECASE)
WE_TRAIN = re.compile(r"\bwe\s+(?:\w+\s+){0,3}?(?:pre-?)?train", re.IGNORECASE)


# a conversion between time and compute: "It takes ~14.8 days for 10,000 GPUs at 24.6 TFLOPS to compute
# 3.14E+23 FLOPS" (not "It takes 21 days to train Heron")
CONVERSION = re.compile(r"(?:^|\n|[.:]\s)\W*(?:it|this)\s+(?:takes|would\s+take|requires|would\s+require)\b"
                        r"(?:[^.]|\.(?=\d))*\bto\s+(?:compute|perform|execute)\b", re.IGNORECASE)


def _indefinite(text: str, title: str) -> list[re.Match[str]]:
    """The indefinite sized models of ``text`` (:data:`INDEFINITE_MODEL`) but those whose word before the
    size is a capitalized name the title writes: "an Osprey 540B model" in a text titled "Osprey: …"
    names the text's own model ("a LLaMA 65B model" in another's text is still said in general)."""
    return [match for match in INDEFINITE_MODEL.finditer(text)
            if not (match.group("word") and match.group("word")[0].isupper()
                    and re.search(rf"(?<![\w-]){re.escape(match.group('word'))}(?!\w)", title))]


def general_statement(sentence: str, before: str, title: str = "") -> bool:
    """Whether a figure states what a model of some size needs in general: an indefinite sized model
    before it in its sentence ("a 70B model trained on 1.4T tokens requires 5.8e23 FLOPs", "training a
    175B-parameter model costs …") that describes no named model, or models in general in the plural
    ("frontier models now require more than 1e25 FLOPs"), with a verb of need or cost in the present or
    the conditional (a class of models by kind and year, "GPT-style models of 2023 used …", in any
    tense), and no first person (a text's own run is written "we train a 7B model …" or in the
    past, "a 7B model was trained …"); an indefinite model after "the cost of training" ("our method
    reduces the cost of training a 70B model …", unless the sentence says "we train …") or, in no first
    person, after "for instance" ("for instance, a 405B model was trained on 15.6T tokens"), or in a
    sentence whose subject is a figure ("Figure 3 shows the loss of a 13B model trained for …"); or a
    formula's worked example ("for N = 70B and D = 1.4T this gives 5.9e23 FLOPs", "a model with N
    parameters trained on D tokens costs 6ND FLOPs, e.g. 6e23 for …", not "we train a model with N = 7B
    parameters on D = 2T tokens"); or a conversion between time and compute ("It takes 15
    days for 10,000 GPUs to compute 3.1e23 FLOPs"); or a threshold said of models in the plural ("models
    trained with more than 1e24 FLOPs exhibit …") or set by a rule ("The Act presumes systemic risk above
    1e25 FLOP"). The first person counts up to the end of the figure's
    clause. ``title`` is the text's title line (a name it writes before a size names the model)."""
    worked = WORKED_EXAMPLE.search(before)
    # (the inputs named by the authors' own training: "We train a model with N = 7B parameters on …", "With
    # N = 7B and D = 2T, our run used C = 6ND ≈ 8.4e22 FLOPs")
    if (worked and not WE_TRAIN.search(before[:worked.start()])
            and not OWN_RUN.search(_own_clause(sentence, before)[worked.end():])) \
            or CONVERSION.search(sentence):
        return True
    # "GPT-style models of 2023 used about 2e25 FLOP", in any tense
    if "-" in before and CLASS_OF_MODELS.search(before) and not FIRST_PERSON_WORD.search(sentence):
        return True
    low = before.lower()
    # "Models trained with more than 1e24 FLOPs exhibit …": a threshold, in any tense and person ("we
    # argue that models trained with more than 1e26 FLOPs should …", "any model trained using more than …")
    thresholds = "than" in low or "below" in low or "above" in low or "least" in low or "over " in low
    if thresholds and THRESHOLD_FIGURE.search(before) and (MODELS_PLURAL.search(before)
                                                            or ANY_MODEL.search(before)
                                                            or THRESHOLD_TOPIC.search(sentence)):
        return True
    if not any(word in low for word in ("model", "runs", "system", "llm", "network")):
        return False
    # "… reduces the cost of training a 70B model on 2T tokens from …", "for instance, a 405B model was
    # trained on 15.6T tokens": a cost in general, an example, in any tense and person
    example = EXAMPLE_BEFORE.search(before) if ("for " in low or "e.g" in low) and \
        not FIRST_PERSON_WORD.search(sentence) else None
    cost = COST_OF_TRAINING.search(before) if "training" in low and not WE_TRAIN.search(sentence) else None
    for cue in (cost, example, FIGURE_SUBJECT.match(sentence)):
        if cue and any(match.start() >= cue.start() and not DESCRIBES_NAMED.search(before[:match.start()])
                       for match in _indefinite(before, title)):
            return True
    # the first person up to the figure's clause's end ("… costs 3.8e25 FLOPs, which motivates our
    # optimizer" is still said in general; "… requires 8.4e22 FLOPs in our setup" is not)
    # (not the first person that reports it: "We estimate that training a frontier model requires …")
    if FIRST_PERSON_WORD.search(REPORTING_WE.sub(" ", _own_clause(sentence, before))):
        return False
    if not GENERAL_VERB.search(sentence):
        return False
    # the model said in general stands in the figure's clause ("Heron-8B is distilled from a 70B model; the
    # distillation uses 1T tokens" says nothing in general)
    clause = before.rsplit(";", 1)[-1]
    return bool(GENERIC_MODELS.search(clause)) or _generic_subject(clause, title) or \
        ("raining" in clause and TRAINING_A_KIND.search(clause) is not None) or \
        any(not DESCRIBES_NAMED.search(clause[:match.start()]) for match in _indefinite(clause, title))


REPORTING_WE = re.compile(r"\b[Ww]e\s+(?:\w+\s+)?(?:estimate|expect|project|predict|find|argue|believe|note"
                          r"|observe|show|calculate|compute)\s+that\b")
# training one model of a kind, sized or not: "training a frontier model in 2026 requires 2e25 FLOPs",
# "Training a large language model costs …"
TRAINING_A_KIND = re.compile(r"\b[Tt]raining\s+(?:a|an|one|any)\s+(?:[a-z][\w-]*\s+){0,3}?"
                             r"(?:model|system|LLM|network)\b")


def _generic_subject(clause: str, title: str) -> bool:
    """Whether a clause opens with models of a kind in the plural (:data:`GENERIC_SUBJECT`) whose words
    name no family the title carries ("Osprey models require …" in "Osprey: …" is the text's own)."""
    subject = GENERIC_SUBJECT.search(clause) if "odels" in clause or "LLMs" in clause or "etworks" in clause \
        or "ystems" in clause else None
    if subject is None:
        return False
    titled = {word.lower() for word in re.findall(r"[A-Za-z]\w*", title)}
    return not any(part.lower() in titled for word in subject.group("words").split()
                   for part in re.split(r"[-.]", word))


def _own_clause(sentence: str, before: str) -> str:
    """The sentence up to the end of the clause of the figure that ``before`` leads to."""
    return before + CLAUSE_END.split(sentence[len(before):], maxsplit=1)[0] \
        if sentence.startswith(before) else sentence


# hearsay that qualifies a whole statement, however far before its figure: "Kite was reportedly trained on
# 25,000 A100 GPUs for 90 days, at a cost of about 2.1e25 FLOP", "One lab told us their run took …"
HEARSAY = re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red"
                     r"|(?:is|are|was|were)\s+said\s+to|(?:told|informed)\s+(?:us|me))\b", re.IGNORECASE)


# a figure in the parenthesis that glosses a model named after a verb of comparison, or among the
# baselines: "Table 3 compares against Kite-65B (1.4T tokens, 1.0e24 FLOPs)", "Heron outperforms Kite-65B
# (1.0e24 FLOPs)", "Baselines include Kite-65B (…)", "uses 3.7% of the compute of Kite-65B (1.0e24 FLOPs)"
# (the compared model's; "our Heron-70B (…)" is not)
COMPARED_GLOSS = re.compile(r"\b(?i:compar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:against|with|to)"
                            r"|baselines?(?:\s+(?:include|includes|are|such\s+as|like))?"
                            r"|outperform\w*|surpass\w*|beat(?:s|ing)?|rival(?:s|ing)?"
                            r"|match(?:es|ed|ing)?|competitive\s+with|on\s+par\s+with"
                            # a share of the compared model's: "uses 3.7% of the compute of Kite-70B (6.3e24
                            # FLOPs)"
                            r"|(?:%|percent|fraction|half|third|quarter|tenth)\s+of\s+(?:the\s+)?(?:training\s+)?"
                            r"(?i:compute|cost|flops|budget)\s+(?:of|used\s+(?:by|for)))"
                            r"\s+(?:[^.;()]{0,80}?[\s,])?(?!our\b)(?:the\s+)?[A-Z][\w.-]*(?:\s+[\w.-]+)?\s*"
                            r"\((?P<gloss>[^()]*)$")
# a figure in the participle phrase that tells the run of a model named after a verb of comparison:
# "Heron-7B outperforms Kite-13B trained on 2T tokens with 1.6e23 FLOPs", "… surpassing Kite-13B, which was
# trained on 2T tokens", "Compared with Kite-3, which used 3.1e23 FLOPs, …" (the compared model's; not past a
# contrast that turns to the own run, "… matches Kite-13B trained on 2T tokens while using only 1T tokens",
# nor "our Heron-70B trained on …", nor past a main clause of its own that is trained: "Compared with
# Kite-7B, which was trained on 1T tokens, v2 is trained on …")
# (the verbs' letters, read first: a cheap test)
COMPARISON_VERBS = ("utperform", "urpass", "beat", "rival", "match", "ompar", "competitive", "on par",
                    " than ")
# (the compared side may be models of a kind, in the plural: "outperforms 7B models trained on 2T tokens",
# "better than larger models trained on …")
COMPARED_PARTICIPLE = re.compile(
    r"\b(?i:outperform\w*|surpass\w*|beat(?:s|ing)?|rival(?:s|ing)?|match(?:es|ed|ing)?"
    r"|compar(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:against|with|to)|competitive\s+with|on\s+par\s+with"
    r"|(?:better|worse|stronger|weaker|faster|smaller|larger)\s+than)"
    r"\s+(?!our\b)(?:the\s+)?(?:[A-Z][\w.-]*(?:\s+[\w.-]+)?"
    r"|(?:\d+(?:\.\d+)?\s?[MBT][\s-]+)?(?:[a-z][\w-]*\s+)?(?i:models|LLMs|baselines|networks|systems))"
    r",?\s+(?i:(?:which|that)\s+(?:(?:was|were|is|are|had|has|have)\s+)?)?"
    r"(?i:(?:pre-?)?trained|used|uses|using|required|requires|needed|needs|took|takes|consumed|consumes)\b"
    r"(?:(?!\b(?i:while|whereas|but|although|though|yet|despite|only|our|we"
    r"|(?:is|are|was|were)\s+(?:pre-?)?trained)\b)[^.;()]){0,80}$")
# others' models listed, each glossed: "the training compute of prior models: Kite (3.1e23 FLOPs), Lark
# (5.8e23 FLOPs) and Tern (…)" (the list's earlier names and glosses read through; "our Heron (…)" is not)
OTHERS_LISTED = re.compile(r"\b(?i:(?:prior|previous|earlier|existing|other|popular|well-known)\s+"
                           r"(?:[\w-]+\s+)?(?:models|systems|LLMs)(?:\s+(?:such\s+as|like|including))?\s*:?)"
                           r"\s+(?:(?:[^.;()]|\([^()]*\)){0,120}?[\s,])?(?!our\b)(?<!our\s)(?:the\s+)?[A-Z][\w.-]*"
                           r"(?:\s+[\w.-]+)?\s*\((?P<gloss>[^()]*)$")

# others' runs told with others' models in the plural as their subject: "Prior open models were trained on
# up to 1.4T tokens", "Existing LLMs typically use 2T tokens", "Many models have been trained on …" (up to
# the figure, no comma, semicolon or turn to the own run: "Prior models used 300B tokens, while Heron …")
OTHERS_WORDS = ("prior", "previous", "earlier", "existing", "other", "competing", "contemporary", "popular",
                "most ", "many ")  # (a cheap test before the pattern)
OTHERS_AS_SUBJECT = re.compile(r"\b(?i:(?:prior|previous|earlier|existing|other|competing|contemporary"
                               r"|popular|most|many)\s+(?:[\w-]+\s+){0,2}?(?:models|LLMs|systems|works|approaches)\s+"
                               r"(?:\w+\s+)?(?:were|are|have|had|used|use|trained|train|required|require|needed)"
                               r")\b(?:(?!\b(?i:while|whereas|but|although|though|yet|we|our)\b)[^,;])*$")


# a clause after a semicolon that tells a run in the indicative, which the cues of the clause before do not
# govern: "Generating the data took 200,000 H100 hours; Heron-1B itself was trained on 50B tokens"
CLAIMED_RUN = re.compile(r"\b(?:is|was|were|are)\s+(?:pre-?)?trained\b"
                         # (an adverb between: "…; we instead train Heron-7B on 2T tokens")
                         r"|\bwe\s+(?:(?:instead|then|also|only|actually|therefore|thus)\s+)?(?:pre-?)?train"
                         r"|\b(?:has|have)\s+(?:\w+\s+){0,2}?been\s+(?:pre-?)?trained\b"
                         r"|\bin\s+(?:practice|reality)\b"
                         # a sized or versioned name that trains: "…; Heron-9B trained on 1,024 H100s for …"
                         r"|(?-i:[A-Z])[\w.-]*\d[\w.-]*\s+(?:pre-?)?trained\s+(?:on|for|with|using)\b"
                         r"|\bwe\s+(?:only\s+|actually\s+|instead\s+)?(?:used|spent|ran)\b"
                         # a training as the subject of its cost: "…; training Heron-7B took 10,000 H100
                         # hours"
                         r"|\b(?:pre-?)?training\s+(?:of\s+)?(?:the\s+|our\s+)?(?:[\w.-]+\s+){0,2}?"
                         r"(?:took|takes|used|uses|required|requires|consumed|consumes|lasted)\b",
                         re.IGNORECASE)


# a clause that trains after what came first: "…, then train Heron-7B on 2T tokens", "and then we pre-train …"
THEN_TRAINS = re.compile(r"\bthen\s+(?:we\s+)?(?:pre-?)?train", re.IGNORECASE)


# a sentence that opens by setting the own run against the one before it: "Kite-RT required 64 TPU v4 chips
# for 3 weeks. By comparison, we train …" (the sentence before, with no first person, is the other's)
OWN_SET_AGAINST_NEXT = re.compile(r"\s*(?:(?:by|in|for)\s+comparison|in\s+contrast),?\s+(?:we|our)\b",
                                  re.IGNORECASE)


# a baseline the authors train again to compare with, in the sentence that tells its run: "We reproduce
# Kite-7B with its public recipe on 256 A100s for 30 days as a baseline", "Our re-implementation of the
# baseline was trained on 64 V100s for 10 days" (the text's own model is another; a sentence that sets
# the own run against it, "unlike the baseline we re-implement, Heron …", is read as the own)
BASELINE_REPRODUCED = re.compile(r"\b(?:reproduc|replicat|re-?implement|re-?train)\w*\b[^.;]*\bbaselines?\b"
                                 r"|\bbaselines?\b[^.;]*\b(?:reproduc|replicat|re-?implement|re-?train)\w*",
                                 re.IGNORECASE)
OWN_SET_AGAINST = re.compile(r"\b(?:unlike|contrast|compared|whereas|while"
                             r"|our\s+(?:own\s+)?(?:model|method))\b", re.IGNORECASE)
BASELINE_NOTE = "cited from other work: a baseline the authors reproduce"
# a sentence that tells what a collection the text gathers holds: "Our dataset includes 300 models; the
# largest, Kite-Ultra, was trained with 5e25 FLOPs", "Among the 120 systems in our sample, …" — its figures
# are members' runs, not the text's
COLLECTION = re.compile(r"\b(?:our|the|this)\s+(?:\w+\s+)?(?:dataset|database|sample|collection|survey)\s+"
                        r"(?:(?:now\s+)?(?:includes|contains|covers|comprises|spans|lists|tracks)|consists\s+of)\s+"
                        r"(?:over\s+|more\s+than\s+|about\s+|nearly\s+)?(?:\d[\d,]*|hundreds|dozens|thousands)\s+"
                        r"(?:[\w-]+\s+)?(?:models|systems|runs|training\s+runs)\b"
                        r"|\bamong\s+(?:the\s+|all\s+)?(?:\d[\d,]*\s+)?(?:[\w-]+\s+)?(?:models|systems|runs)\s+"
                        r"(?:in|of)\s+(?:our|the|this)\s+(?:\w+\s+)?(?:dataset|database|sample|collection)\b",
                        re.IGNORECASE)
COLLECTION_NOTE = "cited from other work: a member of a collection of models the text gathers"


# a figure changed from, the one it is changed to told after it: "reduces training cost from 1M GPU hours
# (the baseline's) to 400K" (the first is the state before, no run of the text)
CHANGED_FROM = re.compile(r"\b(?:reduc|cut|lower|decreas|shrink|shrank|bring|brought|drop|sav|increas|rais"
                          r"|grow|grew)\w*\b[^.;]{0,60}?\bfrom\s+(?:about\s+|roughly\s+|~\s*)?$",
                          re.IGNORECASE)
CHANGED_TO = re.compile(r"[^.;]{0,60}?\bto\s+(?:about\s+|roughly\s+|only\s+|just\s+|~\s*)?\d", re.IGNORECASE)


def mark_local_cues(estimate: Estimate, text: str, sentence: Span, figure: Span) -> None:
    """Note the cues that govern a figure where they stand (see :data:`BEFORE_IN_SENTENCE`), a question, and a
    general rule (:func:`general_statement`, read up to the figure's end: a device count and its
    duration may stand either side of the indefinite model, "With 1,000 H100s, training a 70B model
    takes 30 days"); hearsay anywhere before the figure in its sentence (:data:`HEARSAY`) makes it
    another work's."""
    before = text[sentence.start: figure.start] if sentence.start <= figure.start else ""
    if ("ed" in before or "said" in before or "told" in before) and \
            HEARSAY.search(before) and \
            "cited from other work" not in estimate.notes:  # cheap test first
        estimate.notes.append("cited from other work")
    glossed = "(" in before[-120:] and (COMPARED_GLOSS.search(before[-200:]) is not None
                                        or OTHERS_LISTED.search(before[-240:]) is not None)
    glossed = glossed or (any(verb in before for verb in COMPARISON_VERBS)
                          and COMPARED_PARTICIPLE.search(before[-200:]) is not None)
    if not glossed and "s " in before:
        near = before[-160:]
        low_near = near.lower()
        glossed = any(word in low_near for word in OTHERS_WORDS) and \
            OTHERS_AS_SUBJECT.search(near) is not None
    if glossed and "cited from other work" not in estimate.notes:
        estimate.notes.append("cited from other work")
    whole = text[sentence.start: sentence.end]
    if "cited from other work" not in estimate.notes and \
            OWN_SET_AGAINST_NEXT.match(text, sentence.end, sentence.end + 60) and \
            not FIRST_PERSON_WORD.search(whole):
        estimate.notes.append("cited from other work: the next sentence sets the own run against it")
    if "aseline" in whole and BASELINE_REPRODUCED.search(whole) and not OWN_SET_AGAINST.search(whole) and \
            "cited from other work" not in estimate.notes:
        estimate.notes.append(BASELINE_NOTE)
    if "cited from other work" not in estimate.notes and _collection_member(text, sentence):
        estimate.notes.append(COLLECTION_NOTE)
    # (a phrase ends at a comma, a colon or a semicolon, and where "and" opens another object: "ablation
    # models on 26B tokens and our main 7B model on 1T tokens")
    phrase = PHRASE_BREAK.split(before)[-1]
    if not phrase.strip() and before.rstrip().endswith(":"):
        # a figure that is a key's whole value is that key's: "Ablations (1B): 1.2e21 FLOPs each."
        phrase = before.rstrip()[:-1]
    after = text[figure.end: min(figure.end + 25, max(figure.end, sentence.end))]
    governed = before
    if ";" in before and CLAIMED_RUN.search(before.rsplit(";", 1)[1]):
        governed = before.rsplit(";", 1)[1]  # a clause of its own that tells a run
    if "then" in governed:  # "We first train a 1B proxy model …, then train Heron-7B on 2T tokens"
        then = [m.start() for m in THEN_TRAINS.finditer(governed)]
        governed = governed[then[-1]:] if then else governed
    supposed = ("ssume" in before or "uppose" in before or "magine" in before or "onsider" in before) \
        and SUPPOSITION.search(before)
    supposed = supposed or (CONSEQUENCE_OPENING.match(before) is not None
                            and SUPPOSITION.search(_sentence_before(text, sentence.start)) is not None)
    # a whole the run is a share of: "Pre-training used about 9% of the 3.5M GPU hours our lab has each year"
    # (a share of a token count, "90% of the 2T tokens", still gives about the run's tokens)
    # (a share of a count of devices is that count's: "25% of our 4,096 H100s for 40 days", read with it)
    share = ("%" in before[-30:] or " of " in before[-12:]) and estimate.method != OPERATION_COUNTING and \
        "chips" not in estimate.assumptions and SHARE_OF.search(before[-30:])
    rest = text[figure.end: max(figure.end, sentence.end)]
    foreseen = any(word in rest for word in FORESEEN_WORDS) and FORESEEN_AFTER.search(rest) is not None
    foreseen = foreseen or ("would" in rest[:60] and CONDITIONAL_SUBJECT.match(rest) is not None)
    foreseen = foreseen or (any(word in rest[:60] for word in ("could", "might", "may"))
                            and MODAL_SUBJECT.match(rest) is not None
                            and INDEFINITE_SUBJECT.search(before[-80:]) is not None)
    # a question is no report of a run: "What would happen if a 10B model were trained on 1T tokens?", "Can
    # a 10B model trained on 1T tokens match Kite?"
    asked = whole.rstrip().endswith("?")
    changed = "from" in before[-30:] and CHANGED_FROM.search(before[-100:]) is not None and \
        CHANGED_TO.match(rest) is not None
    compared_runs = ("each" in whole or "both" in whole or "all " in whole or "without" in whole) and \
        EACH_VARIANT.search(whole) is not None
    scale = "scale" in before[-60:] and SCALE_GLOSS.search(before[-60:]) is not None
    if supposed or share or foreseen or asked or changed or compared_runs or scale or \
            BEFORE_IN_SENTENCE.search(governed) or \
            BEFORE_IN_PHRASE.search(phrase) or JUST_BEFORE.search(before[-30:]) or \
            JUST_AFTER.match(after) or RANGE_TOP.search(before[-160:]) or \
            (any(word in before[-60:] for word in ("at ", "At ", "for ", "For "))
             and CURVE_POINT.search(before[-60:])) or \
            general_statement(text[sentence.start: sentence.end], text[sentence.start: figure.end],
                              _title_line(text)):
        estimate.notes.append(LOCAL_NOTE)


def _collection_member(text: str, sentence: Span) -> bool:
    """Whether a sentence tells what a collection the text gathers holds (:data:`COLLECTION`), or opens with
    a superlative that points back to the collection the sentence before tells ("Our sample includes 300
    models. The largest, Kite-Ultra, …")."""
    whole = text[sentence.start: sentence.end]
    if ("ample" in whole or "ata" in whole or "ollection" in whole or "urvey" in whole) and \
            COLLECTION.search(whole):
        return True
    return POINTING_SUPERLATIVE.match(whole) is not None and \
        COLLECTION.search(_sentence_before(text, sentence.start)) is not None


# a superlative with no noun of its own, pointing back: "The largest, Kite-Ultra, …", "The largest of these"
POINTING_SUPERLATIVE = re.compile(r"\s*(?:the\s+)?(?:largest|biggest|most\s+expensive|costliest)"
                                  r"(?:\s*,|\s+(?:of\s+(?:these|them|those)|among\s+(?:these|them)))",
                                  re.IGNORECASE)


def _sentence_before(text: str, start: int) -> str:
    """The sentence that ends where the one starting at ``start`` begins (up to 300 characters of it)."""
    window = text[max(0, start - 300): start].rstrip()
    cut = max(window.rfind(". ", 0, len(window) - 1), window.rfind("\n", 0, len(window) - 1))
    return window[cut + 1:]


def _title_line(text: str) -> str:
    """A text's first line with words: a paper's title, a card's heading."""
    return text.lstrip()[:300].split("\n", 1)[0]


# Cues that a figure belongs to another work cited in this one, or is hearsay about it ("is rumored to
# have been trained with", "reportedly", "public estimates put"), or is set beside the text's own ("as ours")
CITED = ("et al", "for comparison", "in comparison,", "by comparison,", "compared to", "compared with",
         "in contrast",
         "previous work", "prior work", "earlier work", "our previous", "our prior", "our earlier",
         "predecessor", "as reported by", "reported by", "according to", "by its authors", "by their authors",
         "rumor", "rumour", "reportedly", "allegedly", "speculated",
         # hearsay in the passive: "it has been estimated that training X used …"
         "been estimated that", "it is estimated that", "been reported that", "it is reported that",
         "estimated to have",  # "GPT-4 is estimated to have used around 2e25 FLOP"
         # someone else's estimate of a run: "public estimates put X's training at …"
         "public estimate", "external estimate", "outside estimate", "third-party estimate", "estimates put",
         # another model set beside the text's own: "… in the same range as ours", "larger than ours"
         "as ours", "than ours", "to ours", "like ours",
         # one of the models a comparison takes in: "The largest model in our comparison, Kite-540B, used …"
         "model in our comparison", "models in our comparison", "model in this comparison",
         "models in this comparison", "models we compare", "models we compared", "models compared")


# (a reward model's training belongs to the post-training of the model it rewards)
# (low-rank adapters are trained on a model that exists: "A LoRA adapter for Kite-7B trained on 50M tokens")
FINETUNE_CUES = ("fine-tun", "finetun", "fine tun", "sft", "rlhf", "instruction tun", "instruction-tun",
                 "instruct-tun", "alignment", "dpo",
                 "direct preference", "reward model", "lora", "qlora", "peft", "low-rank adapt")


# device time spent on something other than training a model: serving it, evaluating it, benchmarking
# hardware, preparing or generating data (tokenizing it; training a learned tokenizer is training),
# searching hyperparameters
NOT_TRAINING_USE = ("inference", "serving", "we host", "latency", "deploy", "evaluat", "benchmark",
                    "preprocess", "pre-process", "data generation", "generating the", "tokenizing",
                    "tokenization", "tokenising", "tokenisation",
                    "data filtering", "quality filter", "deduplicat", "data curation",
                    "hyperparameter search", "hyperparameter sweep", "sweep of", "profiling", "annotation",
                    "quantiz")


# device time spent on an operation over the data, told as its clause's subject (a gerund and its object):
# "Filtering the web crawl with a quality classifier used 40,000 GPU hours", "Captioning the images took 2
# days on 64 A100s", "Computing attribution scores took 3 days on 64 A100 GPUs"
# (the words that say training, processing or running stay the run's: "Processing 1.4T tokens took 21 days")
DATA_WORK_SUBJECT = re.compile(r"(?:\W*\d+(?:\.\d+)*\.?\s+[A-Z][A-Za-z ]{0,40}\n)?\s*(?:Filtering|Classifying"
                               r"|Labell?ing|(?:Re-?)?captioning|Translating|Scoring|Rewriting|Paraphrasing"
                               r"|Synthesi[sz]ing|Crawling|Scraping|Downloading|Cleaning|Embedding|Indexing"
                               r"|Transcribing|Parsing|Extracting|Rating|Ranking|Grading|Judging|Verifying"
                               r"|Decontaminating|Tagging|Preparing|Computing|Calculating|Generating|Sampling)"
                               # (with its object: "Embedding tables were trained …" names no operation)
                               r"\s+(?:the|all|our|each|every|a|an|these|those|its|their|\d)", re.IGNORECASE)


def data_work_clause(text: str, sentence: Span, figure: Span) -> bool:
    """Whether the clause a figure stands in has an operation on the data as its subject (see
    :data:`DATA_WORK_SUBJECT`; a clause after a semicolon starts afresh)."""
    lead = text[sentence.start: figure.start].rsplit(";", 1)[-1] if sentence.start <= figure.start else ""
    return bool(lead) and DATA_WORK_SUBJECT.match(lead) is not None


# a total over several runs: "cumulative", "across all runs", "all the models in this paper"
AGGREGATE_CONTEXT = re.compile(r"\b(?:cumulative|in total across|in aggregate|all (?:[\w.-]+ ){0,3}models|"
                               r"the models (?:for|in|of) this (?:paper|work|report)|of each size|every size|"
                               r"(?:whole|entire) suite"
                               # a family of sizes: "training the whole Heron family consumed 1.1M GPU hours",
                               # "across all model sizes", "the entire series took …"
                               r"|(?:whole|entire) (?:[\w.-]+ ){0,2}(?:family|families|series)"
                               r"|training (?:the|our) (?:[\w.-]+ ){0,2}(?:family|families|series) "
                               r"(?:took|used|consumed|required|needed|cost)"
                               r"|(?:across|for) all (?:(?:the|our) )?(?:model )?sizes"
                               r"|across (?:all|every|the) (?:\w+ ){0,2}runs"
                               r"|all (?:of )?(?:our |the |these )?(?:\w+ )?runs"
                               # "in total these runs consumed …", "these runs together took …"
                               r"|(?:in total|together|combined),? (?:these|the|our) (?:\w+ )?runs"
                               r"|these (?:\w+ )?runs (?:in total|together|combined)"
                               # a count of runs, a sweep, a search of settings: "a sweep of 300 small runs,
                               # which together used 2e23 FLOPs"
                               r"|\d[\d,]* (?:[\w-]+ ){0,2}runs|sweeps?|hyper-?parameter (?:search|tuning)"
                               # one run's repeats: "all 5 seeds together took 80 GPU-days", "across 3 seeds"
                               r"|(?:all|across|over) (?:the |our )?(?:\w+ )?(?:random )?seeds"
                               r"|(?:which|that) together|together (?:used|took|consumed|required|needed))\b")
# a whole project's or study's compute, ablations and experiments included ("This entire project
# consumed 92 GPU years", "all experiments in this paper took 50,000 GPU hours"), or a cluster's jobs summed
# ("ran 4,000 training jobs totalling 50M GPU hours"): no run's, not even as an upper bound of one
PROJECT_TOTAL = re.compile(r"\b(?:(?:whole|entire) (?:project|study|research|paper)|this project|the project"
                           # "in total, the study used 150,000 GPU hours", "our experiments together took …"
                           r"|(?:this|the|our) (?:study|investigation) (?:(?:in total|overall|altogether) )?"
                           r"(?:used|consumed|required|took|needed|cost|spent)"
                           r"|(?:in total|together|combined|overall),? (?:our|the|these) (?:\w+ )?experiments"
                           r"|(?:our|the|these) (?:\w+ )?experiments (?:in total|together|combined)"
                           # the study's compute: "The total compute of our study is 1.2e23 FLOPs"
                           r"|(?:compute|cost|flops?|gpu hours) (?:of|for) (?:our|this|the) "
                           r"(?:whole |entire )?(?:study|project|experiments|paper|work)\b"
                           r"(?!['’]s| (?:is|was) (?:the|a|an|our|its)\b)"
                           # the experiments that spend: "Our experiments used 1,000 GPU hours"
                           r"|(?:our|the|these) (?:\w+ )?experiments (?:(?:in total|together|overall) )?"
                           r"(?:used|took|consumed|required|needed|cost)"
                           r"|(?:all|across) (?:of )?(?:our |the |these )?(?:\w+ )?experiments"
                           r"|all (?:the )?(?:figures|results|tables) in this (?:paper|work)"
                           # "the total project compute, including failed runs and ablations, was …"
                           r"|total project|including (?:all )?(?:the )?(?:failed|preliminary|exploratory"
                           r"|unsuccessful|aborted) (?:runs|experiments)"
                           r"|including (?:all )?(?:the )?ablations"
                           # a cluster's jobs summed: "Plover ran 4,000 training jobs totalling 50M GPU hours"
                           r"|\d[\d,]* (?:[\w-]+ ){0,2}jobs"
                           r"|(?:all|across) (?:of )?(?:the |its |our )?(?:\w+ )?jobs)\b")
PROJECT_NOTE = "not a training total: a whole project's compute, its experiments included"


# where a total's clause ends: a semicolon, or a contrast ("…, while the final model took …"), or a part
# set against its whole ("… took 1.1M GPU hours, out of 2.3M for the whole project")
# (or ", and" before a new subject: "All our experiments use 64 GPUs, and training Heron takes 10 days";
# not before a verb: "…, and took 500 GPU hours in total" is the same clause's)
TOTAL_CLAUSE_BREAK = re.compile(r";|,?\s+(?:while|whereas)\b|,\s*but\b|,\s*of\s+which\b|,\s*out\s+of\b"
                                r"|,\s*and\s+(?=(?:the|our|we|it|each|this|these|all|training|pre-?training)\b)",
                                re.IGNORECASE)


def mark_aggregate(estimate: Estimate, text: str, sentence: Span, figure: Span) -> None:
    """Note a device time or stated total that sums several runs ("the total compute across all runs
    was 5e22 FLOPs"): it gives way to any figure of a single run (see the engine's choice). Only the
    figure's own clause counts: in "each model trained for a week on 64 GPUs; the total across all
    runs was …" the device time is one run's, and so is the final model's in "… 50,000 GPU hours for
    all experiments, while the final model took 20,000" or "3M GPU hours, of which the final run used
    1.1M"; a device time told across two clauses is its duration's clause's. A whole project's compute
    (:data:`PROJECT_TOTAL`) is no run's at all."""
    breaks = [(m.start(), m.end()) for m in TOTAL_CLAUSE_BREAK.finditer(text, sentence.start, sentence.end)]
    if any(figure.start < s and e < figure.end for s, e in breaks):
        # a device time told across two clauses ("All experiments were run on four GPUs; training took 9
        # days") is the clause of its duration's
        written = str(estimate.assumptions.get("duration") or "")
        at = text.find(written, figure.start, figure.end) if written else -1
        if at != -1:
            figure = Span(written, at, at + len(written))
    start = max((e for s, e in breaks if e <= figure.start), default=sentence.start)
    end = min((s for s, e in breaks if s >= figure.end), default=sentence.end)
    clause = Span(text[start:end], start, end)
    context = context_around(text, clause, figure, 100, 60)
    if PROJECT_TOTAL.search(context):
        estimate.notes.append(PROJECT_NOTE)
    elif AGGREGATE_CONTEXT.search(context) or RUN_OF_WHICH.match(text, end):
        estimate.notes.append(AGGREGATE_NOTE)


# the whole a run is told as a part of, after the whole's figure: "we used 1.2M GPU hours, of which the final
# Heron-7B run took 180,000" (the whole holds other runs)
RUN_OF_WHICH = re.compile(r",\s*(?:out\s+)?of\s+which\s+(?:the\s+|our\s+)?(?:(?:final|main|full|last)\s+)?"
                          r"(?:[A-Z][\w.-]*\w\s+)?(?:run|model|training)\b")


# "[12]", "[3, 4]", "(Smith et al., 2020)", and the links a PDF-to-Markdown converter makes of them:
# "[\[14,](#page-10-13) Table 2.1]", "[\(2019\)](#page-5-5)"
# (not a date in parentheses: "(5 Jan – 20 Feb 2023)", "(March 2023)", a year after a preposition, "(trained
# in 2023)", "(as of 2023)")
CITATION = re.compile(r"\[\d+(?:[,–-]\s?\d+)*\]"
                      r"|\((?![^()]*\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d|\())"
                      r"(?![^()]*\b(?i:in|of|since|from|until|by|during)\s+(?:19|20)\d\d\))"
                      r"\w[^()]{0,40}\b(?:19|20)\d\d\)"
                      r"|\[\\\[\d+|\[\\\(\w?[^()\]]{0,40}?\b(?:19|20)\d\d"
                      # an alphabetic key, read in lower case: "[Bro20]", "[Kap20, Hof22]", "[Wu+21]"
                      r"|\[(?!(?:fp|bf|tf|int)\d)[a-z]{2,4}\+?\d{2}[a-z]?(?:[,;]\s*[a-z]{2,4}\+?\d{2}[a-z]?)*\]")
# a sentence that reports what a cited work says: "Smith et al. (2019) report that … was trained on …"
# (or, where "et al." ended the sentence before, one that opens with the citation's year: "(2019) report …")
REPORTED_BY_CITED = re.compile(r"(?:\bet\s+al\b\.?[^.;]{0,60}?|^\W*(?:19|20)\d\d[a-z]?[)\]]*,?\s+)"
                               r"\b(?:report|estimat|show|state|note|describe|found|claim|mention)\w*\b",
                               re.IGNORECASE)
# another organization's word: "Meta reported that Kite was trained on …" (not the model's own maker's:
# "Heron Labs announced that Heron-7B was trained on …")
REPORTING_VERBS = ("reported", "announced", "disclosed", "revealed", "claimed")
ORGANIZATION_REPORTED = re.compile(r"(?<![\w-])(?!We\b|Our\b|It\b|This\b|The\b)"
                                   r"(?P<org>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2})\s+(?:has\s+|have\s+)?"
                                   rf"(?:{'|'.join(REPORTING_VERBS)})\s+that\b")


def _reported_by_another(estimate: Estimate, opening: str) -> bool:
    """Whether a sentence's opening words tell what another organization reported (see
    :data:`ORGANIZATION_REPORTED`)."""
    if " that" not in opening or not any(verb in opening for verb in REPORTING_VERBS):
        return False  # the cheap test first
    reported = ORGANIZATION_REPORTED.search(opening)
    model = (estimate.model or "").lower()
    return reported is not None and not any(word.lower() in model for word in reported.group("org").split())


# what a sentence says after its figure about another side, or about the results the run reached, whose
# citations cite benchmarks and compared works ("… pre-trained with 3.2T tokens achieves 71.2 on MMLU [12]")
RESULTS_WORD = r"achiev(?:es|ing)|outperform(?:s|ing)|surpass(?:es|ing)"
# (also another side set against the figure: "… on 4T tokens, unlike Kite, which was fine-tuned from …")
COMPARISON_AFTER = re.compile(rf",?\s*\b(?:compared (?:to|with)|vs\.?|versus|whereas|while|than|unlike"
                              r"|in\s+contrast\s+to|as\s+opposed\s+to"
                              # a concession: "… on 2T tokens, though an optimal 7B model would need 140B"
                              rf"|though|although|{RESULTS_WORD})\b", re.IGNORECASE)


# a citation crediting the training data a run used, "on the Pile (Gao et al., 2020; Biderman et al.)", or
# the software or method it was run with, "with JAX [51]", "using JAX (Bradbury et al., 2018) and the
# DeepMind JAX Ecosystem (Babuschkin et al., 2020)", "with GPipe [15]": the run is still the sentence's own
# (citations read in lower case; "compared with Kite [12]" is still a comparison, by its cue)
_CREDIT_CITATION = r"\s*(?:\([^()]{0,120}?\b(?:19|20)\d\d[a-z]?\)|\[\d+(?:[,–-]\s?\d+)*\])"
# (not devices: "took 274,120 GPU hours on P100s (Smith et al., 2019)" reports the cited work's run)
CREDITED_DEVICES = (r"(?!(?:[\w-]+\s+)?(?:gpus?|tpus?|npus?|chips|accelerators|[a-z]{1,2}\d{2,4}[a-z]?s)"
                    r"(?![\w-]))")
DATA_CREDIT = re.compile(r"(?<!compared )(?<!compare )(?<!comparing )(?<!comparison )"
                         r"\b(?:on|with|using|via|through)\s+(?:the\s+)?" + CREDITED_DEVICES
                         + r"[\w-]+(?:\s+[\w-]+)?"
                         + _CREDIT_CITATION
                         + r"(?:\s*(?:,|and)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}" + _CREDIT_CITATION + ")*"
                         # a longer name of the data, ending in a word of data: "on a mixture of English-only
                         # C4 dataset (Raffel et al., 2019) and the dataset from GLaM (Du et al., 2021)"
                         r"|\b(?:on|with|using|from)\s+(?:(?:the|a|an|our)\s+)?(?:[\w-]+\s+){0,5}?"
                         r"(?:dataset|corpus|corpora|data|mixture)" + _CREDIT_CITATION
                         + r"(?:\s*(?:,|and)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,4}?[\w-]+"
                         + _CREDIT_CITATION + ")*")

# a part of the design borrowed and credited: "uses the tokenizer of Kite [8]", "the architecture of Kite
# (Smith et al., 2023)", "Kite's tokenizer [8]" (the run is still the sentence's own)
DESIGN_CREDIT = re.compile(r"\b(?:the\s+)?(?:[\w-]+\s+)?(?:tokeni[sz]er|architecture|vocabulary"
                           r"|optimi[sz]er|recipe|codebase|code\s+base|hyper-?parameters|schedule|objective)\s+"
                           r"(?:of|from)\s+"
                           r"(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?" + _CREDIT_CITATION
                           + r"|\b[\w.-]+(?:'s|’s)\s+(?:[\w-]+\s+)?"
                           r"(?:tokeni[sz]er|architecture|vocabulary|recipe)" + _CREDIT_CITATION,
                           re.IGNORECASE)

# the model a run starts from, credited to its authors: "initialized with Kite-Coder-Base 7B (Smith et al.,
# 2024) and trained for 500B tokens", "starting from Kite [12]" (the run is still the sentence's own)
START_CREDIT = re.compile(r"\b(?:initiali[sz]\w*|start\w*|continu\w*|based|built)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:with|from|on(?:\s+top\s+of)?)\s+(?:the\s+|an?\s+)?(?:weights\s+of\s+)?"
                          r"[\w.-]+(?:\s+[\w.-]+){0,2}?" + _CREDIT_CITATION)

# devices credited to their maker: "on 512 A100 GPUs (NVIDIA, 2020)", "TPU v4 chips (Google, 2023)" (a
# citation of authors there may be the run's source: "Kite used 10,000 GPUs (Smith et al., 2021)")
DEVICE_CREDIT = re.compile(r"\b(?:GPUs?|TPUs?(?:[\s-]?v\d\w?)?|chips|accelerators|NPUs?|IPUs?)\s*"
                           r"\((?:nvidia|google|amd|intel|huawei|aws|amazon|graphcore|cerebras|habana)"
                           r"(?:\s+[a-z][\w.]*){0,2},?\s+(?:19|20)\d\d[a-z]?\)", re.IGNORECASE)

# a method, recipe or setting credited to a cited work, in a sentence whose run is then the authors' or
# their model's: "Following Kite et al. (2022), we train …", "Similar to Kite et al. [4], we train …",
# "As in Kite et al., Heron is pre-trained …", "We follow the recipe of Kite et al. (2023) and train …"
# (read in lower case; "Kite et al. trained …" is still another work's run)
METHOD_CREDIT = re.compile(
    r"\b(?:following|as\s+in|as\s+done\s+(?:in|by)|similar(?:ly)?\s+to|like|in\s+line\s+with|akin\s+to"
    r"|as\s+(?:suggested|recommended|proposed|described|introduced)\s+(?:by|in)"
    r"|we\s+(?:closely\s+)?(?:follow|adopt|reproduce|replicate|use)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?of"
    # (or the work followed named right after: "We follow Smith et al. and train …")
    r"|we\s+(?:closely\s+)?follow)\s+"
    r"(?:the\s+[\w-]+\s+of\s+)?"
    # (a name of up to three words: "Following Kite 2 (Smith et al., 2023), we train …")
    r"(?:\[\d+(?:[,–-]\s?\d+)*\]|[\w'-]+(?:\s+[\w'.-]+){0,2}?(?:\s+(?:et\s+al\.?|and\s+[\w'-]+|&\s+[\w'-]+))?"
    rf"(?:{_CREDIT_CITATION})?)"
    r"(?=\s*,\s*(?:we|our|[\w.-]+\s+(?:is|was|are|were)\s+(?:pre-?)?trained)\b"
    r"|\s+and\s+(?:we\s+)?(?:pre-?)?train)")


# a line break or a run of spaces inside a cue: PDF text breaks "all\nexperiments" where the line ends
WHITESPACE_RUN = re.compile(r"\s{2,}|[\n\t\r]")


# a comma and a word that tells what the authors did because of the clause before it ("…, so we train …")
CONSEQUENCE_WE = r",\s*(?:and\s+)?(?:so|thus|hence|therefore|consequently),?\s+(?=we\b)"
CONSEQUENCE = re.compile(CONSEQUENCE_WE, re.IGNORECASE)


CREDIT_REACH = 40  # characters before a parenthesis that may credit what it cites ("using JAX (…)")


def semicolon_cut(tail: str) -> int:
    """Where the first semicolon outside parentheses stands in ``tail`` (its length if none): what follows
    it is another clause ("… for 5 days; inference on a protein takes 10 seconds")."""
    at = tail.find(";")
    while at != -1:
        if tail.count("(", 0, at) <= tail.count(")", 0, at):
            # (a citation after it still credits the run before it: "…; see Smith et al. (2021)")
            return len(tail) if CITATION.search(tail, at) or "et al" in tail[at:] else at
        at = tail.find(";", at + 1)
    return len(tail)


def up_to_other_clause(clause: str, figure: str) -> str:
    """A lower-cased clause without what follows its figure across a comparison or a concession ("…
    on 15T tokens, seven times more than …", "…, though an optimal 7B model would need 140B") or a
    semicolon: those words are about another side (as :func:`context_around` reads them)."""
    at = clause.find(figure)
    if at == -1:
        return clause
    end = at + len(figure)
    cut = COMPARISON_AFTER.search(clause, end)
    return clause[:min(cut.start() if cut else len(clause), end + semicolon_cut(clause[end:]))]


def context_around(text: str, sentence: Span, figure: Span, before: int, after: int) -> str:
    """Lower-cased text around a figure, without crossing its sentence's bounds, every line break or
    run of spaces written as one space (so a cue reads the same across a PDF's line ends). What follows
    a semicolon after the figure, outside parentheses, is another clause (unless it cites), and so is
    what precedes a semicolon before the figure whose clause tells a run (see :data:`CLAIMED_RUN`); what
    follows a comparison word after the figure ("60 PF-days, compared to 3,640 for …") is about the other
    side, and what follows a word of results ("… on 3.2T tokens achieves 71.2 on MMLU [12]") about the
    results: each is left out. A window that would open inside a parenthesis opens before it, and one
    that would open inside a word at the word's start."""
    tail = text[figure.end: min(sentence.end, figure.end + after)]
    cut = COMPARISON_AFTER.search(tail)
    end = figure.end + min(cut.start() if cut else len(tail), semicolon_cut(tail))
    start = max(sentence.start, figure.start - before)
    while start > sentence.start and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1  # a window opens at a word's start: "fine-tune", not "ine-tune"
    head = text[start: figure.start]
    opened, closed = head.find("("), head.find(")")
    # a window that opens inside a parenthesis, or just before one, opens before the words that lead to
    # it: a citation that credits software ("using JAX (Bradbury et al., 2018) and …") is read whole,
    # not as a bare "et al."
    if closed != -1 and (opened == -1 or closed < opened):
        anchor = text.rfind("(", sentence.start, start)
    else:
        anchor = start + opened if -1 < opened < CREDIT_REACH else -1
    if anchor != -1:
        start = max(sentence.start, anchor - CREDIT_REACH)
    # a clause after a semicolon that tells a run starts afresh: "Theoretically, the run needs 8.4e23
    # FLOPs; in practice Heron used 2,048 H100s for 12 days"
    semicolon = text.rfind(";", start, figure.start)
    if semicolon != -1 and "(" not in text[semicolon: figure.start] and \
            CLAIMED_RUN.search(text, semicolon + 1, figure.start):
        start = semicolon + 1
    # and so does one after a word of consequence: "Our compute budget allows at most 1e23 FLOPs, so we
    # train Heron-3B on 1T tokens" (the budget is the reason, the run is what was done)
    elif "," in text[start: figure.start]:
        for consequence in CONSEQUENCE.finditer(text, start, figure.start):
            if "(" not in text[consequence.end(): figure.start] and \
                    CLAIMED_RUN.search(text, consequence.start(), figure.start):
                start = consequence.end()
    return WHITESPACE_RUN.sub(" ", text[start: end].lower())


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether ``text`` (lower case) holds any of ``cues``, each read from a word's start ("peak", not
    the middle of "speaker"; "test", not the end of "latest")."""
    for index, at, _ in _cue_automaton(cues).find_matches_as_indexes(text, overlapping=True):
        if at == 0 or not cues[index][0].isalnum() or not text[at - 1].isalnum():
            return True
    return False


@lru_cache(maxsize=256)
def _cue_automaton(cues: tuple[str, ...]) -> AhoCorasick:
    """One automaton that finds every occurrence of every cue in one pass (a search per cue reads the
    text once for each)."""
    if not all(cues):
        raise ValueError("an empty cue matches everywhere")
    return AhoCorasick(cues, matchkind=MatchKind.Standard)


# (a unit of FLOPs with its prefix is a word too: "ZFLOPs", "zettaFLOPs", "PFLOPs"; and a short word that
# opens a sentence: "It used 6e23 FLOPs.")
PROSE_WORD = re.compile(r"(?<![\w.])(?:[A-Za-z][a-z]{2,}"
                        r"|(?:[KMGTPEZY]|kilo|mega|giga|tera|peta|exa|zetta|yotta)?FLOP[Ss]?|GPUs?|TPUs?"
                        r"|[Ww]e|[Ii]t|[Oo]n|[Oo]f|[Ii]n|[Tt]o|[Ii]s|[Bb]y|[Aa]s|[Aa]t|[Aa]n|[Oo]r)(?![\w])")


# a number, with any unit or letters run onto it ("2.7B", "6ND"); punctuation alone (".)") is none
NUMERIC_TOKEN = re.compile(r"(?<![\w.-])[.,]?\d[\d.,]*[A-Za-z+\-]*\d*(?![\w])")


# "1.7 × 10^24", "3.1e23", "10²³": one number, however many digit groups it is written with
# (a dot may be the sign, "8.4 · 10^22", and the mantissa may be left out, "about 10^23")
# (a digit first, tested once: a fast scan)
SCIENTIFIC = re.compile(r"(?=\d)(?:\d[\d.,]*\s*(?:[×x*·⋅]|\\times|\\cdot)\s*10\s*(?:\^|\*\*)?\s*[-−]?"
                        r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d[\d.]*[eE][+-]?\d+|(?<![\d.])10\s*(?:\^|\*\*)\s*[-−]?\d+"
                        r"|(?<![\d.])10[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")


MIN_PROSE_WORDS = 3


# a line keyed by training, its set-up in numbers after it: "Training: 1.1B parameters, 3T tokens, 128
# A100s, 90 days" (a summary, not a figure's axis labels); or keyed by training's compute, one figure its
# whole value: "Training FLOPs: 2.3E+23." (an axis's labels are several numbers)
TRAINING_FIELD = re.compile(r"\W*(?:pre-?)?training(?:\s+(?:set-?up|summary|details|run))?\s*:\s*\S"
                            r"|\W*(?:total\s+)?(?:pre-?)?training\s+(?:compute|flops?|flop\s+count)"
                            r"(?:\s*\([^)\n]{0,20}\))?\s*:\s*(?:~\s*|about\s+|approximately\s+|roughly\s+)?"
                            rf"(?:{SCIENTIFIC.pattern}|\d[\d.,]*)(?:\s*flops?)?\s*\.?\s*$",
                            re.IGNORECASE)


WORKING_GLOSS = re.compile(r"\([^()]*=[^()]*\)")  # an equation in parentheses: "(N = 8B, D = 2T)"
PRODUCT = re.compile(r"\d[\d.,]*[KMBT]?(?:\s*[×*·⋅]\s*\d[\d.,]*[KMBT]?)+")  # numbers multiplied
EQUATION_WORKING = re.compile(r"[=≈][^\n]*[=≈]")  # an equation worked out, from its first sign to its last


def is_prose(span: Span) -> bool:
    """Whether a span reads as a sentence rather than a figure's axis labels or a number list:
    at least three words, and more words than numbers (a number in scientific notation counts once; a
    size in a model's name, "Heron-70B", is part of the name; unit words like FLOP or GPU, short
    function words like "we", "it", "on", and Chinese, Japanese or Korean characters are, a word for two);
    a parenthesis that works the figure out ("(6ND with N = 8B, D = 2T)", an equation) is not counted,
    nor an equation's working between its first sign and its last ("C ≈ 6ND = 6 × 7e9 × 2e12 ≈ …"), and a
    product of numbers counts once ("i.e., 6 × 6.7B × 1.5T")."""
    text = SCIENTIFIC.sub("1", span.text)
    if "=" in text and "(" in text:
        text = WORKING_GLOSS.sub(" ", text)
    if text.count("=") + text.count("≈") >= 2:  # "C ≈ 6ND = 6 × 7e9 × 2e12 ≈ 8.4e22 FLOPs": its working
        text = EQUATION_WORKING.sub(" ", text)
    if "×" in text or "*" in text or "·" in text:  # "…, i.e., 6 × 6.7B × 1.5T": a product is one number
        text = PRODUCT.sub("1", text)
    words = len(PROSE_WORD.findall(text))
    if not text.isascii() and max(text) >= "\u3040":  # Chinese, Japanese or Korean: a word every two of
        # their characters, as their words run ("训练总计算量约为" is four)
        words += sum(max(1, len(run) // 2) for run in CJK_WORD.findall(text))
    return words >= MIN_PROSE_WORDS and words > len(NUMERIC_TOKEN.findall(text))


CJK_WORD = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,}|[\uac00-\ud7a3]{2,}")


# "13B active parameters per token", "activates 2 of its 16 experts per token", "activating only 96.6B per
# token" (a decimal count between), "of which 12B are used per token" (a size, not a figure in FLOP): a
# mixture of experts' size or routing, not a figure per token (read in lower case)
PARAMETERS_PER_TOKEN = re.compile(r"(?:param\w*|activ\w*|experts?)\s+(?:[\w.]+\s+){0,2}?"
                                  r"(?:per|for each|each)\s+(?:input\s+)?token"
                                  r"|\d[\d.]*\s?[mbt]\s+(?:param\w*\s+)?(?:are\s+|is\s+)?used\s+"
                                  r"(?:per|for each|for every)\s+(?:input\s+)?token")


# a cost in FLOP per token or example, with what it covers: "6.9 GFLOPs per token in the forward pass",
# "4.2e10 training FLOPs per token" — no count of tokens, so no cue against a count of parameters and
# tokens in the same sentence (read in lower case)
COST_PER_ITEM = re.compile(r"(?:\d[\d,.]*(?:\s*(?:e[+-]?\d+|×\s*10\^?\d+))?\s*)?(?:training\s+)?"
                           r"[kmgtp]?flops?\s*"
                           r"(?:per|/)\s*(?:token|example|sample|image|sequence)s?"
                           r"(?:\s+(?:in|for|of)\s+(?:the\s+|a\s+|each\s+)?(?:forward(?:\s+pass)?|training"
                           r"|forward\s+and\s+backward\s+pass(?:es)?))?")


# "processing 3,000 tokens per second per GPU", "311.6k words per second": a throughput with its own
# number, not the figure's unit; what each device holds ("40GB memory per GPU", "4 images per GPU"); a
# time said of each device, which is the run's wall-clock time ("Hours used: 100 (per GPU)")
THROUGHPUT_RATE = re.compile(r"\d[\d,.]*\s?[kKM]?\s*(?:[a-z][\w-]*\s+)?"  # "280 protein records per second"
                             r"(?:tokens|samples|images|sequences|examples|words|records|characters|frames)"
                             r"\s*(?:per|/)\s*(?:second|sec|s)\b(?:\s*(?:per|/)\s*(?:gpu|tpu|device|chip|core|node))?"
                             # what each device holds, not a rate: "40GB memory per GPU", "4 images per GPU"
                             r"|\d[\d,.]*\s?(?:GB|GiB)\s+(?:of\s+)?(?:(?:HBM\d?e?|GPU|device)\s+)?(?:memory\s+)?"
                             r"(?:per|each|/)\s*(?:gpu|tpu|device|chip|card)"
                             r"|\d[\d,.]*\s+(?:images|samples|sequences|examples|molecules)\s+(?:per|each|/)\s*"
                             r"(?:gpu|tpu|device|chip|core)"
                             # a wall-clock time said of each device: "Hours used: 100 (per GPU)"
                             r"|\d[\d,.]*\s*(?:hours?|hrs?|days?)?\s*\(\s*(?:per|each|/)\s*"
                             r"(?:gpu|tpu|device|chip|card|accelerator)\s*\)"
                             # a price of device time: "at $2 per GPU hour", "$1.5/H100-hour"
                             r"|[$€£]\s?\d[\d,.]*\s*(?:per|/|an?|each)\s*(?:[\w-]+[\s-])?"
                             r"(?:gpu|tpu|chip|device|node|instance)?[\s-]*(?:hours?|hrs?|h)\b",
                             re.IGNORECASE)


# a comparison names the model it compares with right after it: "Compared to Kite-70B, which …"
COMPARISON_BEFORE = re.compile(r"\b(?:compared\s+(?:to|with)|for\s+comparison|in\s+contrast\s+to)\b")
COMPARED_NAME_REACH = 40


# the main clause after an opening comparison, its subject any short one that is trained or spends its
# training: "Compared with Kite-7B (trained on 1T tokens), v2 is trained on …", "Unlike prior work that
# trained for 2M GPU hours, Heron-65B required just 300K" (not a relative clause: ", which was trained on …")
TRAINED_MAIN_CLAUSE = re.compile(r"(?:\),?|,)\s+(?!(?:which|that|who|trained|pre-?trained)\b)"
                                 r"(?=(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?\s+(?:(?:is|was|are|were)\s+(?:pre-?)?trained"
                                 r"|(?:only\s+|just\s+)?(?:required|requires|needed|needs|used|uses|took|takes"
                                 r"|consumed|consumes))\b)")


def _other_side(context: str, model: str | None, main_clause: bool = False) -> str:
    """The context without a comparison that is about another model: when the figure's own model (the
    one written nearest before it) is written after a comparison cue but not right after it ("Compared
    to Kite-70B, which …, Heron-7B needs far less: it was trained on 2T tokens"), the cue and the model
    it compares with are the other side, and are left out; so are they when the model opens the clause
    after the comparison's ("Compared with the 2.5e24 FLOPs of Kite-540B, Heron-7B needs only …"); and
    with ``main_clause`` (:func:`in_main_clause_after_comparison`), the comparison before the main clause
    ("Compared with Kite-7B (trained on 1T tokens), v2 is trained on 2.4T tokens"), whatever its subject."""
    main = TRAINED_MAIN_CLAUSE.search(context) if main_clause else None
    if main is not None:
        return context[main.start() + 1:]
    if not model:
        return context
    for cue in COMPARISON_BEFORE.finditer(context):
        at = context.find(model.lower(), cue.end())
        # (a cue with its object: "compared with the 2.5e24 FLOPs of Kite-540B, Heron-7B …", not "For
        # comparison, Kite-540B used …")
        opens_clause = at > cue.end() + 2 and context[:at].rstrip().endswith(",") and \
            not cue.group(0).startswith("for")
        if at > cue.end() + COMPARED_NAME_REACH or opens_clause:
            return context[at:]
    return context


OWN_COMPARED = re.compile(r"(?:our|ours|us|we)\b")


def in_main_clause_after_comparison(estimate: Estimate) -> bool:
    """Whether the estimate's figure (its second span) stands in the main clause that a comparison opening
    its sentence (:data:`~curation.extract.model_names.OPENING_COMPARISON`: "Compared with", "Unlike",
    "Like", not "For comparison,") leads to, a clause whose subject is trained or spends its training
    (:data:`TRAINED_MAIN_CLAUSE`), unless what it compares with is the authors' own ("In contrast to our
    model, …")."""
    if len(estimate.evidence) < 2:
        return False
    sentence, figure = estimate.evidence[0], estimate.evidence[1]
    low = sentence.text.lower()
    cue = OPENING_COMPARISON.match(low)
    if cue is not None and OWN_COMPARED.match(low, cue.end()):
        return False  # "In contrast to our model, Kite-540B used …": the main clause is the other's
    main = TRAINED_MAIN_CLAUSE.search(low, cue.end()) if cue else None
    return main is not None and figure.start - sentence.start >= main.end()


# a relative clause telling a model's training: ", which was pre-trained on …" (see :func:`classify`)
RELATIVE_TRAINING = re.compile(r",\s*(?:which|that)\s+(?:was|were|is|are|had\s+been|has\s+been)\s+"
                               r"(?:pre-?)?train")


# a fine-tuning denied: "trained from scratch (not a fine-tune of v1)", "rather than fine-tuning"
# (or a figure said to leave the fine-tuning out: "3 weeks on 64 GPUs, not including the fine-tuning stage",
# "excluding fine-tuning")
NEGATED_FINETUNE = re.compile(r"\b(?:not|never|rather\s+than|instead\s+of|not\s+including|excluding"
                              r"|exclusive\s+of)\s+(?:a\s+|an\s+|by\s+|the\s+|any\s+)?"
                              r"(?:fine-?tun\w*|finetun\w*)")
# a comma that closes a clause, not one inside a number ("16,000 GPUs")
CLAUSE_COMMA = re.compile(r",(?!\d{3})")

# the same credit at the end of a sentence told in the first person: "We train Heron-13B on 2T tokens,
# following Kite 2 (Smith et al., 2023)." (the cited work gave the recipe; the run is the authors')
TRAILING_METHOD_CREDIT = re.compile(
    r",\s*(?:following|as\s+in|as\s+done\s+(?:in|by)|similar(?:ly)?\s+to|like|in\s+line\s+with|akin\s+to"
    r"|as\s+(?:suggested|recommended|proposed|described|introduced)\s+(?:by|in))\s+(?:the\s+[\w-]+\s+of\s+)?"
    r"[\w'.-]+(?:\s+[\w'.-]+){0,3}?" + _CREDIT_CITATION + r"(?=\s*(?:[.;]|$))")


# the text's own run set against another told before it: "Our largest model, in contrast, was trained on
# …", "In contrast, we train …" (the contrast is the other's; "in contrast to Kite" still compares)
OWN_CONTRAST = re.compile(r"\b(?:we|our)\b[^.;]{0,60}?\bin\s+contrast\b(?!\s+(?:to|with)\b)"
                          r"|\bin\s+contrast\b(?!\s+(?:to|with)\b),?\s+(?=(?:we|our)\b)"
                          # the authors' own run given as the reference: "For comparison, our model was …"
                          r"|\b(?:for|in|by)\s+(?:comparison|reference),?\s+(?=(?:we|our)\b)")


def classify(estimate: Estimate, context: str) -> Estimate:
    """Mark an estimate's stage and whether its context says it is not this text's training run (read
    with its line breaks as spaces)."""
    context = WHITESPACE_RUN.sub(" ", context)
    if "per" in context or "/" in context or "each" in context:  # cheap test before the two patterns
        context = THROUGHPUT_RATE.sub(" ", PARAMETERS_PER_TOKEN.sub(" ", context))
        if estimate.method == OPERATION_COUNTING and "flop" in context:
            context = COST_PER_ITEM.sub(" ", context)  # another number's: "… 6.9 GFLOPs per token …"
    structured = estimate.assumptions.get("table_row") or estimate.assumptions.get("pairing")
    if estimate.model is None and not structured:
        sentence, figure = estimate.evidence[0], estimate.evidence[-1]
        inside = sentence.start <= figure.start <= sentence.end
        estimate.model = model_before(sentence.text, figure.start - sentence.start) if inside else \
            nearby_model(sentence.text)
    if not structured and not is_prose(estimate.evidence[0]) and \
            not TRAINING_FIELD.match(estimate.evidence[0].text):
        estimate.notes.append("not prose: figure labels or a list of numbers")
    # a relative clause telling a model's training is that training's: "a fine-tuned version of Kite-7B,
    # which was pre-trained on 2T tokens" (the stage words before the clause are another run's)
    # (unless a comma closes the clause: "We fine-tune Kite-7B, which was pre-trained on 2T tokens, on …")
    relative = []
    if "which" in context or "that" in context:
        relative = [m.end() for m in RELATIVE_TRAINING.finditer(context)
                    if not CLAUSE_COMMA.search(context, m.end())]
    staged = context[relative[-1]:] if relative else context
    if "not " in staged or "than " in staged or "instead" in staged or "xclu" in staged:  # "(not a fine-tune"
        staged = NEGATED_FINETUNE.sub(" ", staged)
    if has_cue(staged, FINETUNE_CUES):
        estimate.stage = FINETUNING
    if "budget" in context:
        context = SPENT_BUDGET.sub(" ", context)
    if may_state_a_share(context):  # a stage's share of the pre-training budget is no budget of its own
        context = PRETRAINING_SHARE.sub(" ", context)
    if "peak" in context:  # a schedule's peak is no machine's: "a peak learning rate of 3e-4"
        context = PEAK_SETTING.sub(" ", context)
    if has_cue(context, NOT_A_TOTAL):
        estimate.notes.append("not a training total (per-token, inference, peak or budget context)")
    # "trained on the Pile (Gao et al., 2020)" credits the data
    credited = DATA_CREDIT.sub(" ", _other_side(context, estimate.model,
                                                  in_main_clause_after_comparison(estimate)))
    if "(" in credited:
        credited = DEVICE_CREDIT.sub(" ", credited)
    if "(" in credited or "[" in credited:
        credited = DESIGN_CREDIT.sub(" ", START_CREDIT.sub(" ", credited))
    if "al" in credited or "[" in credited or "(" in credited:  # "Following Kite et al., we train …"
        credited = METHOD_CREDIT.sub(" ", credited)
        if OWN_SENTENCE.match(estimate.evidence[0].text):
            credited = TRAILING_METHOD_CREDIT.sub(" ", credited)
    if "contrast" in credited or "for " in credited or "comparison" in credited:
        credited = OWN_CONTRAST.sub(" ", credited)
    # a citation mark alone in a sentence told in the first person ("We train Heron on 1.4T tokens [12].")
    # credits a source of the run, not another work's run
    cites = CITATION.search(credited) and not OWN_SENTENCE.match(estimate.evidence[0].text)
    opening = estimate.evidence[0].text[:200]
    if has_cue(credited, CITED) or cites or REPORTED_BY_CITED.search(opening) or \
            _reported_by_another(estimate, opening):
        estimate.notes.append("cited from other work")
    return estimate


# a verb of pre-training in the figure's own stretch between commas: "We align Heron, a 13B model we
# pretrained on 1.5T tokens, with RLHF" (the pre-training is that figure's stage)
PRETRAINED_HERE = re.compile(r"\bpre-?train(?:ed|ing)?\b", re.IGNORECASE)


def restage_pretrained(estimate: Estimate, sentence: Span, figure: Span) -> Estimate:
    """A fine-tuning estimate back to pre-training when its figure's own stretch between commas says so
    (:func:`pretrained_between_commas`: "…, a 13B model we pretrained on 1.5T tokens, with RLHF")."""
    if estimate.stage == FINETUNING and pretrained_between_commas(sentence, figure):
        estimate.stage = PRETRAINING
    return estimate


def pretrained_between_commas(sentence: Span, figure: Span) -> bool:
    """Whether a figure's own stretch of its sentence between commas (outside parentheses: "(Raffel et
    al., 2019)" is one stretch) says it was pre-trained on (:data:`PRETRAINED_HERE`) and names no
    fine-tuning, in a sentence that has commas around it: "We align Heron, a 13B model we pretrained on
    1.5T tokens, with RLHF" (the other stage's words are the sentence's, not the figure's stage)."""
    text, at, end = sentence.text, figure.start - sentence.start, figure.end - sentence.start
    if not (0 <= at <= end <= len(text)) or "," not in text or "train" not in text:
        return False
    commas = [m.start() for m in CLAUSE_COMMA.finditer(text)
              if text.count("(", 0, m.start()) <= text.count(")", 0, m.start())]
    inner = max((c + 1 for c in commas if c < at), default=0)
    outer = min((c for c in commas if c >= end), default=len(text))
    stretch = text[inner:outer]
    return (inner, outer) != (0, len(text)) and PRETRAINED_HERE.search(stretch) is not None and \
        not has_cue(stretch.lower(), FINETUNE_CUES)


# a sentence whose subject is the text's authors, training: "We train …", "Our model is trained …" (after
# a section heading PDF text runs into it, "2 Training We train …")
OWN_SENTENCE = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\s+[A-Z][A-Za-z ]{0,30}?\s)?"
                          r"(?:we\s+(?:also\s+|then\s+|further\s+|first\s+)?(?:pre-?)?train\w*"
                          r"|our\s+(?:[\w-]+\s+){0,3}?(?:is|was|were|are)\s+(?:pre-?)?trained)\b",
                          re.IGNORECASE)


# "675 vs. 6,250 GPU days"; "models trained with 10x more compute (about 1e24 FLOPs)": the amount a
# comparison sets against the text's own
COMPARED_BEFORE = re.compile(r"\d[\d,.]*(?:\s+[A-Za-z][\w/-]*){0,2}\s*(?:vs\.?|versus)\s*$"  # a unit between
                             # "far less than the 3.8e25 FLOPs reported for Kite": the compared amount ("more
                             # than 2T tokens", with no article, bounds the own run)
                             r"|\b(?:more|less|fewer|larger|smaller|greater|higher|lower)\s+than\s+the\s+"
                             r"(?:about\s+|roughly\s+|~\s*|≈\s*)?$"
                             # "10× less than Kite's 3.1e23 FLOPs": a compared model's figure
                             r"|\b(?:than|to|with|versus|vs\.?)\s+(?:that\s+of\s+)?[A-Z][\w.-]*(?:'s|’s)\s+"
                             r"(?:(?:total|training|pre-?training)\s+)?(?:compute\s+(?:of\s+)?)?"
                             r"(?:about\s+|roughly\s+|~\s*|≈\s*)?$"
                             r"|\b(?:more|less|fewer)\s+(?:training\s+)?(?:compute|flops?)\s*\(\s*"
                             r"(?:about|approximately|roughly|~|≈)?\s*$"
                             # "fewer FLOPs than Kite-7B (2.2e23 FLOPs)": the compared model's, in parentheses
                             r"|\b(?:than|versus|vs\.?)\s+(?:that\s+of\s+)?(?P<glossed>[A-Z][\w.-]*)\s*\(\s*"
                             r"(?:about|approximately|roughly|~|≈)?\s*$"
                             # "needs 1.3e22 FLOPs instead of 3.9e22 FLOPs": the alternative set aside
                             r"|\b(?:instead\s+of|rather\s+than|as\s+opposed\s+to|compared\s+(?:to|with))\s+"
                             r"(?:the\s+)?(?:about\s+|roughly\s+|approximately\s+|~\s*|≈\s*)?$",
                             re.IGNORECASE)
COMPARED_NOTE = "cited from other work: the other side of an \"X vs. Y\" comparison"


def second_of_comparison(text: str, start: int) -> bool:
    """Whether the figure starting at ``start`` is the second of "675 vs. 6,250 GPU days" (a text puts
    its own figure first and what it compares with after "vs."), or the amount a comparison names in
    parentheses ("10x more compute (about 1e24 FLOPs)"); not the gloss of the model the title names on the
    compared side ("Kite-70B (6.4M GPU hours) costs far more than Heron-7B (100K GPU hours)" in Heron's
    paper)."""
    compared = COMPARED_BEFORE.search(text[max(0, start - 40): start])
    if compared is None:
        return False
    glossed = compared.group("glossed")
    stem = re.split(r"[-_.]", glossed)[0] if glossed else ""
    return not (len(stem) > 2 and re.search(rf"\b{re.escape(stem)}\b", _title_line(text)))


def eligible(estimate: Estimate, cited_too: bool = False) -> bool:
    """Whether an estimate may be the text's own training compute (``cited_too``: or would be, but for
    its being another work's)."""
    barred = ("not a training total", "range", "not training", "not credible", "not prose", NOT_OWN_RUN)
    return not any(note.startswith(barred if cited_too else (*barred, "cited")) for note in estimate.notes)


# where a sentence turns to another stage: "pretrained on 2T tokens, and then fine-tuned on …", "…, and
# further perform supervised fine-tuning", "pretrained on 2T tokens and fine-tuned on …"
# (every break opens with a comma, a semicolon, a space or the "a" of "after which": tested once first)
CLAUSE_BREAK = re.compile(r"(?=[,;\sa])"
                          r"(?:,?\s+and\s+(?:then|further|subsequently|later|finally|afterwards)\b|,\s*then\b"
                          # what the authors did as a consequence: "… at most 1e23 FLOPs, so we train …"
                          rf"|{CONSEQUENCE_WE}"
                          # a new clause telling the training: "… GPU hours per trillion tokens, and it was
                          # trained on 14.8T tokens"
                          r"|,\s*and\s+(?=(?:it|they|we)\s+(?:(?:was|were|is|are|has\s+been|have\s+been)\s+)?"
                          r"(?:pre-?)?train)"
                          r"|,\s*followed\s+by\b|\bafter\s+which\b"
                          # another use of the devices told next: "…, and evaluation took another 2 days"
                          r"|,?\s+and\s+(?=(?:the\s+|our\s+)?(?:evaluation|inference|testing|serving)\b)"
                          # a stage told after another's duration: "12 hours of fine-tuning on 8 GPUs after 5
                          # days of pre-training on 64 GPUs"
                          r"|\s(?:after|before)\s+(?=(?:about\s+|roughly\s+)?\S+\s+(?:hours?|days?|weeks?|months?)"
                          r"\s+of\s+(?:\w+\s+)?(?:pre-?training|training|fine-?tuning)\b"
                          # or the stage itself after it: "fine-tuned on 10B tokens after pre-training on 2T"
                          r"|(?:being\s+)?(?:pre-?training|pre-?trained)\b)"
                          # "pretrained on 2T tokens and fine-tuned on …", "… before instruction tuning"
                          # (also "…, and the fine-tuning stage takes 4 days", "…; fine-tuning took 2 days")
                          r"|(?:,?\s+(?:and|before|prior\s+to)\s+|;\s*)(?=(?:(?:the|a|an|our|its)\s+)?(?:is\s+|was\s+|were\s+)?"
                          r"(?:fine-?tun|finetun|instruction[\s-]tun|align|post-?train))"
                          # a figure of the next stage before its verb: "8 hours to pre-train and 3 hours to
                          # fine-tune", "2T tokens for pre-training, and 10B tokens are used for fine-tuning"
                          # (units between: "1,000 A100 GPU-hours for the base model and 200 A100 GPU-hours
                          # for fine-tuning")
                          # (or "plus": "16 days on 256 GPUs, plus 2 days of supervised fine-tuning on 32")
                          r"|,?\s+(?:and|plus)\s+(?=(?:about\s+|approximately\s+|~)?\d[\d.,]*\s*[A-Za-z]*\s+"
                          r"(?:[\w-]+\s+){0,3}(?:to|for|of|in)\s+(?:the\s+)?(?:supervised\s+)?"
                          r"(?:fine-?tun|finetun|instruction[\s-]tun|post-?train))"
                          # the results the run reached: "… trained on 3.2T tokens achieves 71.2 on MMLU [12]"
                          rf"|,?\s+(?=(?:{RESULTS_WORD})\b)"
                          # a clause of its own after a semicolon: "Hyperparameter search consumed 10,000 GPU
                          # hours; the final model was trained for 2 days on 64 V100 GPUs"
                          r"|;\s+(?=(?:the|our|we|it|this)\s)"
                          # another thing released beside the run's model: "a base model trained on 2T tokens,
                          # together with Heron-7B-Instruct, its instruction-tuned version"
                          r"|,\s*(?:together\s+with|along\s+with|alongside|as\s+well\s+as)\b)", re.IGNORECASE)


def stage_clause(sentence: Span, figure: Span) -> str:
    """The part of a sentence a figure belongs to, between the stage breaks around it: a fine-tuning
    stage the sentence goes on to is not the figure's."""
    return clause_span(sentence, figure).text


# a device time broken down by stage, each item a label and its time: "Stage 1 pretraining: 147K H100
# hours Stage 2 annealing: 98K H100 hours SFT: 896 H100 hours RLHF: 224 H100 hours"
STAGE_TIME = re.compile(rf"(?P<label>[A-Za-z][\w ()-]{{0,40}}?):\s*(?P<n>{NUMBER})\s?"
                        r"(?P<m>[kKM](?![a-zA-Z]))?(?:\s*[A-Z][\w-]*)?(?:\s*GPU)?[\s-]*(?:hours?|hrs?|h\b|days?)")


# a device time labelled in a list by its use, the time in parentheses: "pre-processing (2,000 CPU
# hours), ablations (40,000 GPU hours), and the final 7B run (120,000 GPU hours on H100)"
USE_TIME = re.compile(rf"(?P<label>[A-Za-z][\w -]{{0,40}}?)\s*\(\s*(?P<n>{NUMBER})\s?"
                      r"(?P<m>[kKM](?![a-zA-Z]))?[^()]{0,20}?(?:hours?|hrs?|h\b|days?)[^()]{0,30}\)")


def stage_item(clause: Span, figure: Span) -> Span:
    """In a list of device times labelled by stage (:data:`STAGE_TIME`) or by use (:data:`USE_TIME`),
    the figure's own item, its label and time, so that the stage or use another item names is not the
    figure's; any other clause as it is."""
    items = list(STAGE_TIME.finditer(clause.text)) if ":" in clause.text else []
    if len(items) < 2 and "(" in clause.text:
        items = list(USE_TIME.finditer(clause.text))
    if len(items) > 1:
        for item in items:
            start, end = clause.start + item.start(), clause.start + item.end()
            if start <= figure.start and figure.end <= end:
                return Span(item.group(0), start, end)
    return clause


def clause_span(sentence: Span, figure: Span) -> Span:
    """:func:`stage_clause` as a span of the text."""
    at, end = figure.start - sentence.start, figure.end - sentence.start
    breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(sentence.text)]
    start = max((e for s, e in breaks if e <= at), default=0)
    stop = min((s for s, e in breaks if s >= end), default=len(sentence.text))
    return Span(sentence.text[start:stop], sentence.start + start, sentence.start + stop)
