"""Operation counting across a whole paper: its flagship model's parameters × its training tokens.

Papers rarely give a model's size and its training tokens in one sentence ("Kimi-like-2 has 32B
activated parameters." … "we pre-trained the model on 15.5 trillion tokens"). The rules:

- the text's **own model** is the sized name it mentions most often overall ("Heron-7B", "Heron 1.5B",
  "Heron 2.0-70B", "Heron-7B-Base", "H5-11B": the name, with its version, that the text uses most) among
  those its opening (title and abstract) names and a first-person sentence trains, introduces or releases
  ("we present Heron", "our Heron models"; not "we evaluate Heron, which was trained on …", nor the
  teacher "we distill Kite-70B into Heron-1B") or its title writes ("Heron-34B: an open model") or opens
  with, before a colon ("Heron: Open Models" for "Heron-7B"); its **flagship** is the largest size written
  with that name or a sibling named by a size word ("Heron-S (125M) … Heron-L (760M)", "Heron-Base",
  "Heron-Large") or written as a bare size right after it ("Heron-7B/13B/70B", "Heron-7B, -13B and -70B"),
  except sizes called untrained, hypothetical or planned — or the top of a range the text
  trains ("six models ranging from 169 million to 14 billion parameters") when that is larger, unless the
  range is trained for a study of scaling ("to fit scaling laws, we train …"); a model card's own model is
  the sized name in its title, else the size in its repository's name when the card writes that name ("#
  Heron-7B"), not a larger sibling it mentions; without sized names, the largest "N parameters" or listed
  size ("sizes (1.3B, 2.7B and 6.7B)", "Heron comes in three sizes: 1B, 3B and 8B", "in 1B, 3B and 8B
  sizes") of a sentence saying "we train/introduce/…" or whose subject the title names ("Heron is a 20B
  model", "Heron has 350M parameters", "The model size of Heron is 34B", "The Heron model has a total of
  7B parameters", "Heron, with 7B params, …" under "Heron: …"; also after a section heading PDF text runs
  into the sentence, "3 Method Heron has …"), a size the opening gives the own model ("we pretrain Heron,
  a 1.1B language model"), the sizes of the own name's family in parentheses ("Heron models (7B, 13B and
  70B)", "Heron (7B/13B/70B)"), or "our 1.3B model" / "our final model has 1.5B parameters"; "our largest
  model, Heron-1.3B" introduces its name as the own model;
- a **mixture of experts** counts the parameters active per token: the active size a name carries
  after its total ("Heron-30B-A3B": 3B active), else the activated count a table or sentence pairs
  with the flagship's total replaces it (a dense flagship keeps its size beside a smaller MoE sibling;
  a flagship written as a total, "250B total parameters", with no activated count of its own takes the
  text's); without a sized flagship, the largest "N activated (or active) parameters"; a total whose
  own sentence names a mixture of experts, with no activated count, is never N;
- the **training tokens** are the largest "N tokens" (or "N words" × 4/3 tokens a word, or "training
  tokens … to N trillion", "a 2T-token corpus" or "3T multilingual corpus" right after "trained on" or
  "trained … over", or steps × batch × sequence length, in a sentence or a table of hyperparameters, or
  sequences × their length, "150M sequences of 2,048 tokens") of a prose sentence (not a figure's axis
  labels) about training or its corpus — of the sentences naming
  the flagship if one of them gives a figure (or calls its model the largest: "The largest Heron model was
  trained on 768B tokens" before "a family of models with up to 137B parameters, pre-trained on 1.56T
  words"), not one about another sized model ("we use a Heron-XL
  model pre-trained on 500B tokens" when the size comes from elsewhere; see
  :func:`_another_models_tokens`), not one that only describes one of several datasets without a verb
  training on it (:func:`_one_of_several_corpora`) — not a batch, a context window, a sequence, a first
  stretch of training ("the first 100B tokens"; a run told in stages counts their sum, "first on 3T
  tokens, then on 1T" is 4T, and so does a run told by its data's parts, "1.2T tokens of web text and
  300B tokens of code" is 1.5T, see :func:`_stage_sums`) or a per-step figure ("each on 300B tokens" is
  every model's run), nor a distillation teacher's ("The teacher was pretrained on 2T tokens"), and
  the model a run starts or learns from owns none of its tokens ("initialized with Kite-7B weights
  and trained on 500B tokens", "distilled from Kite-7B on 50B tokens"); when the preferred figure's
  sentence is no run of the text's own (a general rule's, a cited one's), the next figure is tried;
- the estimate is 6 · N · D (× the epochs the token sentence states: "300B tokens for 3 epochs", unless
  the figure already counts them: "4T tokens (4 epochs of a 1T-token dataset)"),
  Speculative (the pairing is inferred), and carries the model it is for; its stage and context are
  read from the token figure's own clause ("pretrained on 2T tokens, and then fine-tuned on …" is
  pre-training).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from curation.extract.anchors import (
    PARAMETERS_ANCHOR,
    TOKENS_ANCHOR,
    anchor_hits,
    lowered,
    positions,
    token_end,
)
from curation.extract.card_finders import NAME_SIZE, is_card, repository_size, repository_sizes
from curation.extract.cell_tables import cell_tables
from curation.extract.context import (
    CLAUSE_BREAK,
    CONSEQUENCE_WE,
    COST_PER_ITEM,
    FINETUNE_CUES,
    STARTS_FROM,
    TEACHER_RUN,
    THROUGHPUT_RATE,
    classify,
    eligible,
    general_statement,
    has_cue,
    is_prose,
    mark_local_cues,
    restage_pretrained,
    source_corpus,
    stage_clause,
    teacher_figure,
    up_to_other_clause,
)
from curation.extract.data_mixtures import mixture_tokens
from curation.extract.device_sentences import next_sentence
from curation.extract.evidence import (
    HARDWARE,
    OPERATION_COUNTING,
    Estimate,
    Span,
    sentence_around,
    sentence_before,
)
from curation.extract.headings import field_under_training
from curation.extract.line_tables import two_column_line_tables
from curation.extract.model_names import (
    LOWER_SIZED_NAME,
    NAMED_AS_DESIGN,
    SIZED_NAME,
    document_title,
    in_aside,
    opening_comparison_end,
)
from curation.extract.moe import (
    MIXTURE,
    NAME_SIZES,
    SAME_MODEL_TOLERANCE,
    TOTAL_ONLY_NOTE,
    active_parameter_pairs,
)
from curation.extract.operation_counting import EPOCHS, counts_the_passes, epochs_of
from curation.extract.parameter_labels import parameter_label
from curation.extract.quantities import (
    COUNTED,
    FREE_NUMBER,
    MODEL_NOUN,
    NUMBER,
    PARAMETER_WORDS,
    PLAIN_COUNT,
    SCIENTIFIC,
    SIZE_GAP,
    SIZE_JOIN,
    TOKEN_ADJECTIVES,
    names_next_field,
    parse_plain,
    scaled_value,
    scientific_value,
)
from curation.extract.respective import respective_pairs
from curation.extract.stage_tokens import stage_tokens
from curation.extract.step_counting import field_block, list_block, step_tokens, table_step_tokens
from curation.extract.tables import Row, find_tables
from curation.extract.text_bytes import TEXT_BYTES, TOKENS_PER_WORD, WORDS_PER_GIGABYTE, text_bytes_tokens
from curation.extract.token_parts import parts_listed

PARAMETER_STATEMENT = re.compile(
    rf"(?:(?P<n>{FREE_NUMBER}){SIZE_JOIN}(?P<m>[MBT]|million|billion|trillion)(?![a-z])"
    rf"|{PLAIN_COUNT}(?=\s+{PARAMETER_WORDS}(?:parameters?|params)\b)){SIZE_GAP}*"
    # "21B activated parameters", "21B are activated", "21B parameters active"
    # ("52B activation parameters" too)
    rf"(?:(?:(?:are|is)\s+)?(?P<active>activated|active|activation(?=\s+param))\b(?:\s*(?:parameters?|params)\b)?"
    rf"|{PARAMETER_WORDS}(?:parameters?|params)\b(?:\s+(?P<active2>activated|active)\b)?)", re.IGNORECASE)
_SIZE_FIGURE = rf"(?P<n>{FREE_NUMBER}){SIZE_JOIN}(?P<m>[MBT]|million|billion|trillion)(?![a-z])"
# active counts written without "parameters" after them (see :func:`_active_parameters`)
ACTIVE_STATEMENTS = (
    # "30B total, 3B active", "3B activated"
    re.compile(_SIZE_FIGURE + r"\s+(?:are\s+)?(?:activated|active)\b(?!\s+(?:tokens|experts))",
               re.IGNORECASE),
    # "the active parameter count is 12.9B", "activated parameters: 37B", "active params per token: 6.6B"
    re.compile(r"\b(?:activated|active)\s+param(?:eter)?s?(?:\s+(?:count|size))?"
               r"(?:\s+(?:per|for\s+each|for\s+every)\s+token)?\s*"
               r"(?:[:=]|\bis\b|\bwas\b|\bof\b)\s*(?:about\s+|approximately\s+|roughly\s+|~\s*)?"
               + _SIZE_FIGURE, re.IGNORECASE),
    # "each token activates about 50 billion", "activating only 2B"
    re.compile(r"\bactivat(?:es|ing)\s+(?:only\s+)?(?:about\s+|around\s+|roughly\s+|~\s*)?"
               + _SIZE_FIGURE, re.IGNORECASE),
)
DIGIT = re.compile(r"\d")
# cheap: words of a mixture of experts, without which no count is paired with a total as its active part
MIXTURE_WORDS = ("expert", "activated", "activation param", "sparse")  # and "moe" as a word
MOE_WORD = re.compile(r"\bmoe\b")


def _mentions_mixture(low: str) -> bool:
    """Whether a lower-cased text has any of :data:`MIXTURE_WORDS` or "moe" (substring tests first: an
    alternation of words is a slow scan)."""
    return any(word in low for word in MIXTURE_WORDS) or MOE_WORD.search(low) is not None


# "uses only 39B per token", "39B parameters for each token" (read only where those words stand; not
# the total a count is taken of: "activates 2.7B of its 14.3B parameters per token")
PER_TOKEN_ACTIVE = re.compile(r"(?<!of its )(?<!of the )(?<!of their )" + _SIZE_FIGURE
                              # (the verb may be written: "of which 13B are used for each token")
                              + r"\s+(?:param(?:eter)?s?\s+)?(?:(?:are|is)\s+)?(?:used\s+)?"
                              r"(?:per|for\s+each|for\s+every)"
                              r"\s+(?:input\s+)?token\b", re.IGNORECASE)
# "ranging from 169 million to 14 billion parameters": the top of the range
RANGE_STATEMENT = re.compile(
    rf"from\s+{NUMBER}\s?(?:[MBT]|million|billion|trillion)?\s+(?:parameters\s+)?(?:up\s+)?to\s+"
    rf"(?P<n>{NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)(?![a-z])[\s-]*(?:parameters?|params)\b",
    re.IGNORECASE)
# "we train models of various sizes (i.e., 1.3B, 2.7B, and 6.7B)"
SIZES_LIST = re.compile(r"\bsizes?\b[^;:]{0,24}?(?::\s*)?"
                        r"(?P<list>\d+(?:\.\d+)?[MB](?:,?\s*(?:and\s+)?\d+(?:\.\d+)?[MB])+)")
# or the list first: "in 1B, 3B and 8B sizes", "7B and 70B variants" (searched just before those words)
LIST_THEN_SIZES = re.compile(r"(?<![\w.])(?P<list>\d+(?:\.\d+)?[MB](?:,?\s*(?:and\s+)?\d+(?:\.\d+)?[MB])+)"
                             r"(?:[\s-]+param(?:eter)?s?)?\s+(?:model\s+)?(?:sizes|variants|versions|scales)\b")
SIZE_NOUNS = ("sizes", "variants", "versions", "scales")
LISTED_SIZE = re.compile(r"(?P<n>\d+(?:\.\d+)?)(?P<m>[MB])")
# "Heron models (7B, 13B and 70B)", "the Heron family (1B, 7B)", "Heron (7B/13B/70B)": the sizes a name's
# models come in
NAMED_SIZES = re.compile(r"(?<![\w.-])(?P<name>[A-Z][\w.-]*\w)\s+(?:(?:models?|family|series|suite)\s*)?\(\s*"
                         r"(?P<list>\d+(?:\.\d+)?[MB](?:(?:,?\s*(?:and\s+)?|\s*/\s*)\d+(?:\.\d+)?[MB])+)\s*\)")
# words describing a model before its size: "a bilingual 100B model", "a dense 7B model" (lower case, two at
# most)
SIZE_ADJECTIVES = r"(?:[a-z][a-z-]*\s+){0,2}?"
# "we pretrain Heron, a 1.1B language model", "Heron is a 20B decoder-only model", "Heron is a multilingual
# 7B model", "Heron is a 52B dense transformer": a size describing a model
DESCRIBED_SIZE = re.compile(
    rf"(?:\b(?:is|as)\s+|,\s*)(?:a|an)\s+{SIZE_ADJECTIVES}(?P<n>{NUMBER}){SIZE_JOIN}(?P<m>[MBT]|million|billion|trillion)(?![a-z])"
    r"(?:[\s-]*param(?:eter)?s?)?[\s-]+(?:[\w-]+\s+){0,3}?" + MODEL_NOUN + r"\b", re.IGNORECASE)
# "our 1.3B model", "our largest 52B-parameter model", "our 13B-parameter Heron is …"
OUR_SIZE = re.compile(
    rf"our\s+(?:largest\s+|biggest\s+|final\s+|flagship\s+)?(?P<n>{NUMBER})\s?(?P<m>[MBT])(?![a-z])"
    r"(?:[\s-]*param(?:eter)?s?)?[\s-]+(?:(?:[\w-]+\s+){0,2}?" + MODEL_NOUN + r"\b"
    # or the name right after: "our 13B-parameter Heron is …"
    r"|(?=(?-i:[A-Z])[\w.-]*\s+(?:is|was|has|model|achieves|outperforms|matches)\b))", re.IGNORECASE)
# a model of one size the authors train: "we train a 1.3B model", "We pre-trained a 7B-parameter
# decoder-only model", "we pre-train a bilingual 100B foundation model" (one model: "we train models of …"
# sizes a range, see _trained_up_to)
WE_TRAIN_SIZE = re.compile(
    rf"we\s+(?:also\s+|then\s+|further\s+|first\s+|finally\s+)?(?:pre-?)?train(?:ed)?\s+an?\s+{SIZE_ADJECTIVES}"
    rf"(?P<size>(?P<n>{NUMBER})\s?(?P<m>[MBT])(?![a-z])(?:[\s-]*param(?:eter)?s?)?[\s-]+"
    r"(?:[\w-]+\s+){0,2}?" + MODEL_NOUN + r")\b", re.IGNORECASE)
# "our final model has 1.5B parameters", "our largest model contains about 52 billion parameters", and the
# text's own said so: "the released model has 13B parameters", "the proposed model contains 1.3B parameters",
# "the largest model has 70B parameters" (the largest of those the text trains);
# its name may stand in apposition ("Our largest model, Heron-XL, has 1.5B parameters")
OUR_MODEL_HAS = re.compile(
    rf"(?:our|the\s+(?:released|final|resulting|proposed|largest|biggest))\s+(?:[\w-]+\s+){{0,2}}?models?"
    r"(?:,\s+[\w.-]+(?:\s[\w.-]+)?,)?\s+"  # its name in apposition: "Our largest model, Heron-XL, has …"
    rf"(?:has|have|contains?|consists\s+of|comprises|with)\s+"
    rf"(?:about\s+|approximately\s+|roughly\s+|~\s*)?(?P<n>{NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)"
    r"(?![a-z])[\s-]*(?:total\s+)?param(?:eter)?s?\b", re.IGNORECASE)
# the sentence's subject, right before the size: "Heron is a 20 billion parameter …", "Heron has 350M
# parameters", "Heron contains about 1.3B parameters", "Heron (1.3B parameters) is trained …",
# "Heron, with 7B params, …", "The Heron model has a total of 7B parameters"
SUBJECT = re.compile(r"(?P<name>[A-Z][\w.-]*\w|(?<=;\s)it"
                     r"|(?<=;\s)the\s+(?:largest|biggest)(?:\s+(?:one|variant))?)(?:\s+models?)?(?:\s+(?:(?:is|was)\s+(?:a|an)"
                     r"|(?:has|had|contains|comprises)(?:\s+(?:about|approximately|roughly|around|over|nearly|~))?"
                     r"(?:\s+a\s+total\s+of)?)\s+|\s*\(\s*|,\s*with\s+(?:about\s+|approximately\s+|roughly\s+|~\s*)?"
                     # what the name is, then its size: "Heron is a decoder-only model with 40B parameters"
                     r"|\s+(?:is|was)\s+(?:a|an)\s+(?:(?!than\b|like\b|unlike\b|to\b)[\w-]+\s+){1,5}?with\s+"
                     r"(?:about\s+|approximately\s+|roughly\s+|over\s+|~\s*)?)$")
# the size first, the name after it as the subject: "With 40B parameters, Heron is …", "Boasting an
# impressive 40 billion parameters, Heron …" (the words before the size, then those after it)
SIZE_OPENER = re.compile(r"\b(?:with|boasting|featuring|having|at)\s+(?:(?:an?|about|approximately|roughly"
                         r"|over|just|only|impressive|massive|total\s+of)\s+){0,3}$", re.IGNORECASE)
SUBJECT_AFTER_SIZE = re.compile(r"[\w\s-]{0,30}?,\s+(?:the\s+)?(?P<name>[A-Z][\w.-]*\w)(?:\s+models?)?\s+"
                                r"(?:is|was|has|had|outperforms|achieves|reaches|matches|delivers|offers)\b")
PROSE_LINE = re.compile(r"[a-z]{2}[.!?](?:\s|$)")  # a word ending a sentence
# the abstract starts: the title has ended ("A BSTRACT": small capitals as PDF text reads them)
ABSTRACT_LINE = re.compile(r"(?:#+\s*)?a ?bstract\b", re.IGNORECASE)
TITLE_PART, TITLE_LINES = 300, 3  # a text's first characters and lines: its title
# "1.4T tokens", "300 billion tokens", "299,892,736,000 tokens" (digits alone count from 1e8)
TOKEN_FIGURE = re.compile(
    # "1.4T+ tokens", "4+ trillion tokens", "1.4 trillion of tokens"
    rf"(?<![\w.])(?P<n>{COUNTED})(?:\+(?=\s?[MBTmbt]))?"
    # (a plural multiplier too, as some write it: "270 billions tokens")
    rf"\s?(?:(?P<m>[MBT]|millions?|thousand billions?|billions?|trillions?)(?![a-z])\+?"
    rf"(?:\s+of(?=\s+tokens\b))?)?\s*(?:\([^()]{{1,12}}\)\s*)?"
    # a footnote's mark may follow in a text drawn from a PDF: "2T tokens1"
    rf"{TOKEN_ADJECTIVES}tokens(?![A-Za-z_])", re.IGNORECASE)
# "2 × 10^12 tokens", "1.5e12 tokens": a token count in scientific notation
SCIENTIFIC_TOKEN_FIGURE = re.compile(rf"(?<![\w.])(?=\d)(?:{SCIENTIFIC})\s*(?:training\s+|total\s+)?"
                                     r"tokens(?![A-Za-z_])")
# a run's tokens as its sequences times their length: "trained on 150M sequences of 2,048 tokens" (the
# count scaled, "150M", "1.2 million": a batch's plain "1,024 sequences of 2,048 tokens" is no run)
SEQUENCES_FIGURE = re.compile(rf"(?<![\w.])(?P<n>{FREE_NUMBER})\s?(?P<m>[KMB]|thousand|million|billion)"
                              r"(?![a-z])\s+(?:training\s+)?(?:sequences|samples)\s+of\s+(?:length\s+)?"
                              r"(?P<length>\d{1,3},\d{3}|\d{3,6})(?![\d,])\s*tokens\b", re.IGNORECASE)
# "a corpus of 3.3 billion words", "the 3.3 billion word corpus": older texts size their data in words
WORD_FIGURE = re.compile(
    rf"(?P<n>{FREE_NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)(?![a-z])\s*(?:English\s+|training\s+)?"
    r"(?:words\b|word(?=\s+(?:corpus|corpora|dataset)\b))", re.IGNORECASE)
# a count of words glossing a count of tokens, or glossed by one, is the same data told again: "3.5T tokens
# (~2.8T words)", "2.8T words (3.5T tokens)" (the tokens count)
_GLOSS_OPENING = r"[(\[]\s*(?:~\s*|about\s+|approx(?:imately|\.)?\s+|roughly\s+|or\s+)?"
TOKENS_GLOSSED = re.compile(rf"tokens?\s*{_GLOSS_OPENING}$", re.IGNORECASE)
GLOSSING_TOKENS = re.compile(rf"\s*{_GLOSS_OPENING}{FREE_NUMBER}\s?(?:[MBT]|million|billion|trillion)"
                             r"\s*tokens\b", re.IGNORECASE)
# "a 2T-token corpus", "trained on 3T multilingual corpus": a corpus sized in tokens without the word
CORPUS_FIGURE = re.compile(
    # (a hyphen may join the number and its word too: "a 3.5-trillion-token corpus")
    rf"(?P<n>{FREE_NUMBER})[\s-]?(?P<m>[BT]|billion|trillion)(?:-token\b|\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:corpus|corpora|dataset|mix|mixture)\b)", re.IGNORECASE)
# a stage of a run sized in tokens: "a 10T-token general phase and a 2T-token annealing phase"
TOKEN_PHASE = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:phase|stage)\b")
# right before it: "trained on a", "trained Heron for 2 epochs over a", "train for 2 epochs on our", "trained
# for two epochs of the" (and a word that tells which corpus: "trained on the same", "on our final")
TRAINED_ON = re.compile(r"\b(?:pre-?)?train\w*\s+(?:[\w.-]+\s+){0,6}?"
                        r"(?:on|over|(?<=epochs\s)of|(?<=epoch\s)of)\s+"
                        r"(?:(?:an?|the|our|its|this)\s+)?(?:(?:full|entire|whole|complete|same|final|combined"
                        r"|resulting|deduplicated|filtered|curated)\s+){0,2}$")
# "we scale the training tokens up to 5.5 trillion", "pre-training tokens: 2T", "the number of training
# tokens is about 2.6T", "Tokens seen: 15T", "the total number of tokens used for pre-training Heron-20B is
# 2.6T", "… for pre-training the 1.8B, 7B, and 20B models ranges from 2.0T to 2.6T" (the top)
TOKENS_THEN_FIGURE = re.compile(
    # (every alternative opens with "t", "p" or "n", tested once first: a fast scan)
    # (and a configuration's key: "train_tokens: 2T", "pretraining_tokens = 2T")
    rf"\b(?=[tpn])(?:(?:training|pre-?training|train(?=_)|pre-?train(?=_))[\s_]+tokens|tokens\s+seen"
    # a run's budget in tokens, the unit left to the label: "trained with a token budget of 2T"
    rf"|(?:(?:training|pre-?training)\s+)?token\s+budget"
    # a field keyed "Tokens" alone, at a line's start: "- Tokens: 1.4T"
    rf"|(?:(?<=\n)|(?<=\n- )|(?<=\n\* ))tokens(?=\s*:)"
    rf"|number\s+of\s+(?:(?:training|pre-?training|total)\s+)?tokens"
    rf"(?:\s+(?:used\s+|seen\s+)?(?:for|in|during|by)\s+(?:[^.;:]|\.(?=\d)){{1,70}}?)?)\s*"
    rf"(?:[:=]|\b(?:up\s+)?(?:in)?to\b|\bof\b|\b(?:is|was|reaches|reached|totals?|amounts?\s+to)\b"
    rf"|\branges?\s+from\s+{NUMBER}\s?[MBT]?\s*(?:to|-|–)\s)"
    rf"\s*(?:about\s+|approximately\s+|around\s+|roughly\s+|over\s+|~\s*)?(?P<n>{NUMBER})\s?"
    r"(?P<m>[MBT]|million|billion|trillion)(?![a-z])", re.IGNORECASE)
# (tokens "seen" are tokens trained on: "Tokens seen: 15T"; 训练, 訓練, the Japanese 学習 and the Korean
# 학습 and 훈련 are "training", 语料 "corpus")
ABOUT_TRAINING = re.compile(r"train|distil|corpus|dataset|pre-?training data|tokens\s+seen"
                            # a model that "saw" its tokens: "The student saw 2T tokens"
                            r"|\b(?:saw|sees)\b|\b(?:has|have|had)\s+seen\b|\bexposed\s+to\b"
                            # and one that learned from them: "Heron learned from 2T tokens"
                            r"|\blearn(?:ed|t|s)?\s+from\b"
                            # a run's budget of tokens: "For Heron-13B, we used a token budget of 2.6T"
                            r"|\btoken\s+budget\b"
                            # a model that processed them: "Heron-7B processed 2.5T tokens in 11 days" (not
                            # "we processed 5T tokens of raw web data")
                            r"|(?:(?-i:[A-Z])[\w.-]*\d[\w.-]*|\bthe\s+model|\bit)\s+(?:has\s+|had\s+)?"
                            r"(?:processed|consumed|ingested)\b"
                            # a sized name glossed with its tokens: "Heron-7B (2T tokens) and Heron-1B (1T
                            # tokens)"
                            r"|[\w.-]-\d+(?:\.\d+)?[BMT]\s*\(\s*(?:~\s*|about\s+)?[\d.,]+\s?[BT]\s+tokens\s*[,;)]"
                            # a run named so: "The final Heron-7B run used 2T tokens"
                            r"|\b(?:final|full|main|production)\s+(?:[\w.-]+\s+)?run\b"
                            r"|训练|訓練|学習|학습|훈련|语料",
                            re.IGNORECASE)
# a context's size, then the tokens trained with it: "with a 4K context for 1.8T tokens", "at a 32K context
# window over the final 200B tokens"
SHAPE_THEN_RUN = re.compile(r"\d[\d.,]*\s?[km]?[\s-]+(?:token\s+)?(?:context|window)"
                            r"(?:\s+(?:length|window|size))?\s+(?:for|over|on)\s+(?:the\s+)?(?:\w+\s+)?$")
# words that govern only the number right after them ("a context window of 128K tokens", "an additional 1T")
GOVERN_NEXT_NUMBER = ("context", "window", "batch", "minibatch", "microbatch", "sequence", "length",
                      "additional", "another", "extra ")
BARE_NUMBER = re.compile(r"\d[\d.,]*")
# words before a token figure that make it no training run's: a batch, a window, a test or validation set,
# a further stage, a schedule's warm-up or ramp-up ("| Batch size | 1152 | 100B tokens ramp-up |") (read by
# :func:`has_cue`, from a word's start: "test", not the end of "latest")
NOT_TRAINING_TOKENS = ("batch", "minibatch", "microbatch", "context", "window", "sequence", "length", "per ",
                       "vocab", "every", "warm", "ramp", "step", "prompt", "generat", "evaluat", "valid",
                       "test", "additional", "another", "extra ")
# a run's count of steps and then its tokens: "pre-trained for 1M steps on 1T tokens", "500k steps (2T
# tokens)" (the steps are the run's, not a per-step figure's: "steps of 4M tokens" still is one)
RUN_STEPS_BEFORE = re.compile(r"\d[\d.,]*\s?[km]?\s+(?:training\s+|optimi[sz]ation\s+|gradient\s+)?steps?\s+"
                              r"(?:on|over|covering|processing|totall?ing|\(|for\s+a\s+total\s+of)\s*"
                              r"(?:about\s+|roughly\s+|approximately\s+|~\s*)?$")
# a ratio of tokens to parameters, then the total it comes to in parentheses: "over-trained at 1,000 tokens
# per parameter (1T tokens)" (the parenthesis is the run's tokens, not a figure per item)
RATIO_GLOSSED = re.compile(r"\d[\d.,]*\s*tokens?\s*(?:per|/)\s*(?:model\s+)?param(?:eter)?s?\s*\(\s*"
                           r"(?:about\s+|roughly\s+|approximately\s+|~\s*|i\.e\.,?\s*)?$")
# another number's rate, before a run's tokens: a batch's or a step's ("processes 4M tokens per batch and was
# trained on 2T tokens"); with a cost per token (:data:`COST_PER_ITEM`: "requires 6.9 GFLOPs per token in
# the forward pass and was trained on 2T tokens") read in the same wider window (in lower case)
PER_ITEM_FIGURE = re.compile(r"\d[\d,.]*\s?[kmbt]?\s*tokens\s+(?:per|each|in\s+each|for\s+each)\s+"
                             r"(?:batch|step|sequence|update|iteration|device|gpu)\b")
EACH = re.compile(r"\beach\b")  # a figure per item ("each sample of 2K tokens"); a word: not "teacher"
# "each on 300B tokens", "each model for 1T tokens", "each model saw 300B tokens", "each Heron model is
# trained on 3T tokens": every run's tokens, not a per-step figure (read in lower case)
EACH_RUN = re.compile(r"\beach(?:\s+(?:[\w.-]+\s+)?(?:model|one|of\s+them))?\s+(?:on|for|with|over|saw|sees|"
                      # ("each trained from scratch on 2T tokens")
                      r"(?:(?:was|is|were)\s+)?(?:pre-?)?trained\s+(?:(?:from\s+scratch|independently|separately)\s+)?"
                      r"(?:on|for))\s+"
                      # "each model is trained for two epochs of the 700B-token dataset"
                      r"(?:[\w.]+\s+epochs?\s+(?:of|over|on)\s+(?:the\s+|our\s+|an?\s+)?)?$")
# a figure stated as a total, which no "each" before it makes a figure per item: "sees each of its 500B
# unique tokens four times, for 2T tokens in total" (read in lower case, right after the figure)
STATED_AS_TOTAL = re.compile(r"\s*(?:in\s+total|in\s+all|overall|altogether)\b")
# "the first 100B tokens", "its first 2T tokens": a part of the run ("first on 3T tokens, then …" and
# "the first phase (1T tokens)" are stages, and count)
FIRST_PART = re.compile(r"\b(?:the|its|our|their)\s+(?:very\s+)?first\b(?!\s+(?:stage|phase)\b)|\bfirst\s*$")
NOT_TRAINED = ("untrained", "hypothetical", "would ", "could ", "planned", "future work",
               # a run not done: "we did not train Heron-70B", "were unable to train", "beyond our budget"
               "did not train", "did not pre-train", "didn't train", "unable to train", "unable to pre-train",
               "not able to train", "never trained", "failed to train", "beyond our budget",
               "beyond our means", "beyond our compute", "prohibitively expensive", "too expensive",
               # a run under way, not the one the text reports: "A larger Heron-70B is still being trained"
               "still being trained", "currently being trained", "now being trained", "still training",
               "currently training", "now training")
MODALS = ("would ", "could ")
# a modal after the name, in a clause of its own, says nothing of the name's run: "Heron-7B was trained on
# 2T tokens, which would take a week on one node", "… on 2T tokens and would likely gain from more data"
CLAUSE_OF_ITS_OWN = re.compile(r",\s*(?:which|who|and|but|so|as|while)\b"
                               r"|\s(?:and|but|so)\s+(?:\w+\s+)?(?:would|could)\s")


def _untrained(piece: str, name_end: int) -> bool:
    """Whether a cue of :data:`NOT_TRAINED` stands in ``piece`` (lower case) — a modal after the name's end
    ``name_end`` only when no clause of its own (:data:`CLAUSE_OF_ITS_OWN`) opens between them."""
    for cue in NOT_TRAINED:
        at = piece.find(cue)
        while at >= 0:
            if cue not in MODALS or at < name_end or \
                    not CLAUSE_OF_ITS_OWN.search(piece[name_end: at + len(cue)]):
                return True
            at = piece.find(cue, at + 1)
    return False


# (a passive verb is another subject's: "we apply our method to Kite, which was pre-trained on …")
# (the words between may carry a decimal: "we sustain 15.1 PetaFLOPs when training …")
OWN_CLAIM = re.compile(r"\bwe\s+(?:(?:[^\s.;]|(?<=\d)\.(?=\d))+\s+){0,8}?"
                       r"(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )"
                       # (nor a past participle that glosses a model: "to Kite-7B, a model trained on …", "we
                       # serve Kite-405B, trained on …"; "we reproduce Kite, training it …" claims)
                       r"(?:(?:pre-?)?train(?!ed)|(?<!model )(?<!models )(?<!, )(?:pre-?)?trained"
                       r"|introduc|present|propos|releas|"
                       # ("scale" as a verb with its object: not "we made the point that scale is …")
                       r"distil|develop|build|built|open-?sourc"
                       r"|scale[sd]?\s+(?:(?:up|down|our|the|it|them|this|these|to|models?)\b|(?-i:[A-Z])))"
                       # the run told as the time of another statement: "… when training our 8.3B model"
                       r"|\b(?:when|while)\s+(?:pre-?)?training\s+our\b", re.IGNORECASE)
# "we use an X model (partially) pre-trained on …": someone's trained model, used — not a claim
USES_TRAINED = re.compile(r"\bwe\s+(?:use|adopt|employ|take|evaluat|borrow|reus)\w*\s+(?:an?|the)\s+"
                          r"[\w.-]+\s+(?:model|checkpoint)s?\s+(?:\w+\s+)?(?:pre-?)?trained", re.IGNORECASE)
# "we evaluate / compare / probe / fine-tune / quantize X", "we find that X …": what a text does with a
# model it did not pre-train ("we use" is not here: texts also use an architecture or a cluster for
# their own model; nor "we reproduce": a reproduction trains its model)
STUDY_VERBS = (r"(?:evaluat|compar|fine-?tun|finetun|prompt|quer|prob|analy[sz]|benchmark|test|stud|"
               r"consider|examin|estimat|quantiz|prun|compress|find|found|observ|serv|deploy)")
WE_THEN = r"we\s+(?:also\s+|then\s+|further\s+|first\s+|additionally\s+)?"
USE_AFTER_WE = re.compile(rf"{WE_THEN}{STUDY_VERBS}", re.IGNORECASE)
COMPARISON = re.compile(r"compar|\bthan\b|outperform|\bvs\.?\b|versus|baseline|surpass|match", re.IGNORECASE)
OPENING = 3000  # a paper names its own model in its title or abstract
# the abstract's heading, sought in the first characters: a long list of authors may stand before it
# (in small capitals, PDF text may read "A BSTRACT")
ABSTRACT_HEADING = re.compile(r"^[ \t]*(?:#+[ \t]*)?(?:\d+\.?[ \t]+)?a ?bstract\b",
                              re.IGNORECASE | re.MULTILINE)
ABSTRACT_REACH = 40_000


@lru_cache(maxsize=8)
def opening_end(text: str) -> int:
    """Where a text's opening ends: ``OPENING`` characters past its abstract's heading when one stands
    in its first ``ABSTRACT_REACH`` characters (a hundred authors and their affiliations may come between
    the title and the abstract), else ``OPENING`` characters from its start."""
    heading = ABSTRACT_HEADING.search(text, 0, ABSTRACT_REACH)
    return max(OPENING, heading.start() + OPENING) if heading else OPENING
NOT_NAME_WORDS = {"the", "a", "an", "our", "with", "and", "or", "for", "to", "from", "than", "of", "in",
                  "on", "at", "by", "as", "is", "are", "was", "were", "size", "sizes", "table", "figure",
                  "model", "models", "params", "parameters", "tokens", "rate", "only", "all", "both"}


def _value(match: re.Match[str]) -> float:
    if match.group("n") is None:  # a count in digits alone: "7,241,732,096 parameters"
        return parse_plain(match.group("plain"))
    return scaled_value(match.group("n"), match.group("m"))  # "B" and "billion" alike


Sized = dict[str, list[tuple[float, re.Match[str]]]]


def _sized_names(text: str) -> Sized:
    """Every name the text writes with a size ("Heron-7B"), with its sizes and where they are written (not a
    row of a two-column table of tokens, :func:`~curation.extract.line_tables.two_column_line_tables`, nor a
    name the title does not carry that modifies what a run borrowed from it, "the Kite-20B tokenizer":
    :data:`NAMED_AS_DESIGN`)."""
    sized: dict[str, list[tuple[float, re.Match[str]]]] = {}
    low = lowered(text)
    # (a row of a table of tokens written a row a line, "Annealing 2T" under "Stage Tokens", is a label
    # and its count, no name and size)
    counted = [(row.line.start, row.line.end) for table in two_column_line_tables(text) for row in table.rows]
    for match in [*_near_sizes(SIZED_NAME, text), *_near_lower_sizes(text)]:
        name = match.group("name")
        if name.split()[0].split("-")[0].lower() in NOT_NAME_WORDS or \
                (counted and any(start <= match.start() < end for start, end in counted)) or \
                (NAMED_AS_DESIGN.match(text, match.end()) and not in_title(text, name)):
            continue
        around = low[max(0, match.start() - 40): match.end() + 40]  # cheap: most windows hold no cue
        if not any(cue in around for cue in NOT_TRAINED) or \
                not _untrained(*_own_sentence_and_end(low, match.start(), match.end())):
            sized.setdefault(name, []).append((_value(match), match))
    return sized


# a sentence's end, or a paragraph's (a heading follows); a clause's after a semicolon or before what the
# authors did as a consequence ("Training Heron-70B would cost too much, so we train Heron-3B …")
SENTENCE_BREAK = re.compile(rf"[.!?;]\s|\n\s*\n|{CONSEQUENCE_WE}")


def _own_sentence_and_end(low: str, start: int, end: int) -> tuple[str, int]:
    """:func:`_own_sentence_around` and where the match ends in it."""
    piece = _own_sentence_around(low, start, end)
    return piece, piece.rfind(low[start:end]) + end - start


def _own_sentence_around(low: str, start: int, end: int, reach: int = 40) -> str:
    """Up to ``reach`` characters either side of a match, not crossing a sentence's or a paragraph's end,
    nor a clause's (:data:`SENTENCE_BREAK`) ("We release Heron-7B. In future work we plan …": the plan is
    not about Heron-7B)."""
    before, after = low[max(0, start - reach): start], low[end: end + reach]
    ends = [m.end() for m in SENTENCE_BREAK.finditer(before)]
    before = before[ends[-1]:] if ends else before
    cut = SENTENCE_BREAK.search(after)
    return before + low[start:end] + (after[:cut.start()] if cut else after)


A_SIZE = re.compile(r"[MBT](?<=[^\W_A-Za-z][MBT])(?!\w)")  # after a digit (told in Python; the look-behind
# before it lets through no letter, which most capitals stand after)


def _near_sizes(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Matches of ``pattern`` (a name ending in a size) searched only before a written size: a cheap
    scan for "7B" finds the few places worth reading."""
    windows: list[list[int]] = []
    for size in A_SIZE.finditer(text):
        if not text[size.start() - 1: size.start()].isdigit():
            continue
        start, end = max(0, size.start() - 60), size.end() + 30  # room for the lookahead after the size
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]


# a size in lower case closing a hyphenated name: "-20b", "-1.5b" (a cheap scan before the name's pattern)
LOWER_SIZE = re.compile(r"-\d+(?:\.\d+)?[mbt](?![\w-])")


def _near_lower_sizes(text: str) -> list[re.Match[str]]:
    """Sized names written in lower case (:data:`~curation.extract.model_names.LOWER_SIZED_NAME`), searched
    only around a size written so."""
    found: list[re.Match[str]] = []
    for size in LOWER_SIZE.finditer(text):
        start = max(0, size.start() - 60, found[-1].end() if found else 0)
        found += [m for m in LOWER_SIZED_NAME.finditer(text, start, size.end() + 30)
                  if m.end() >= size.end() - 1 and (not found or m.start() >= found[-1].end())]
    return found


class Flagship(NamedTuple):
    """The own model's largest size, where it is written, the model it labels (None when no name
    carries that size) and the name its sentences use (for pairing it with its token figure)."""

    size: float
    span: Span
    model: str | None
    own_name: str | None = None

    @property
    def name(self) -> str | None:
        return self.model or self.own_name


@lru_cache(maxsize=8)  # asked by the flagship finder and by the check of other sizes' runs
def _own_flagship(text: str, repository: str | None) -> tuple[Sized, Flagship | None]:
    """The text's sized names and its flagship (see :func:`_flagship`); callers do not change them."""
    sized = _sized_names(text)
    return sized, _flagship(text, sized, repository)


def _flagship(text: str, sized: Sized, repository: str | None = None) -> Flagship | None:
    """The own model's flagship size (see the module's rules) and where it is written."""
    low = lowered(text)
    if is_card(text, repository):
        return _titled(text, sized) or _repository_size(text, repository)
    opening = low[:opening_end(text)]  # only names the opening gives can be the own model: count just those
    names = Counter({name: _mentions(low, name) for name in sized if name.lower() in opening})
    versioned = _versioned_title_name(text)
    for name, _ in names.most_common():
        # (a name written in lower case with its size, as a repository's, "heron-oss-20b", is no common word)
        if (common_word(text, name) and not name.islower()) or \
                not (introduced_as_own(text, name, as_itself=True) or _titled_name(text, sized[name])):
            continue
        if versioned and not _squashed(name).startswith(versioned):
            continue  # "Kite-V2: …" trains Kite-V2: "Kite 67B" and "KiteMoE 16B" are other models
        # "Heron-S (125M), Heron-M (350M) and Heron-L (760M)": sizes named by a word are one family
        family = [pair for other in sized if _family(other) == _family(name) for pair in sized[other]]
        titled = _titled_size(text, family)
        flagship, match = titled or max(family, key=lambda pair: pair[0])
        up_to = _trained_up_to(text)
        if up_to is not None and up_to[0] > flagship:
            # "we train models ranging from 169M to 14B parameters": no name carries that size
            return Flagship(up_to[0], up_to[1], None, name)
        sibling = None if titled else _largest_sibling(text, family)
        if sibling is not None and sibling[0] > flagship:
            return Flagship(sibling[0], sibling[1], sibling[2])
        variant = None if titled else _largest_variant(text, family)
        if variant is not None and variant[0] > flagship * (1 + ROUNDING):
            return Flagship(variant[0], variant[1], None, name)
        return Flagship(flagship, Span(match.group(0), match.start(), match.end()), _model_name(match))
    statements = []
    for start, end in anchor_hits(text)[PARAMETERS_ANCHOR]:
        found = [m for m in PARAMETER_STATEMENT.finditer(text, max(0, start - 40), end + 12)
                 if not (m.group("active") or m.group("active2"))]
        if not found:  # the figure first (cheap), the sentence's claim only where there is one
            continue
        sentence = sentence_around(text, start, end)
        statements.extend((_value(m), Span(m.group(0), m.start(), m.end())) for m in found
                          if m.start() >= sentence.start and _describes_own(text, sentence, m.start())
                          and not WORKED_ON_BEFORE.search(text, max(sentence.start, m.start() - 40),
                                                          m.start()))
    statements.extend(_described_sizes(text))
    statements.extend(_sizes_stated_after(text))
    statements.extend(_own_table_sizes(text))
    for listed in _size_lists(text):
        sentence = sentence_around(text, listed.start(), listed.end())
        if trains(sentence.text) or opens_with_own_name(text, sentence):
            at = listed.start("list")
            statements.extend((_value(size), Span(size.group(0), at + size.start(), at + size.end()))
                              for size in LISTED_SIZE.finditer(listed.group("list")))
    for listed in _named_size_lists(text):
        name = listed.group("name")
        if not common_word(text, name) and (name in title_part(text) or introduced_as_own(text, name)):
            at = listed.start("list")
            statements.extend((_value(size), Span(size.group(0), at + size.start(), at + size.end()))
                              for size in LISTED_SIZE.finditer(listed.group("list")))
    if not statements:
        return None
    value, span = max(statements, key=lambda pair: pair[0])
    return Flagship(value, span, None)


# the sizes of a sized name's siblings written right after it as bare sizes: "Heron-7B/13B/70B", "Heron-7B,
# -13B and -70B" (each a model of the family: "Heron-70B")
SIBLING_SIZES = re.compile(r"(?:[ \t]*/[ \t]*-?|[ \t]*,[ \t]*-|[ \t]*,?[ \t]*(?:and|or|&)[ \t]+-)"
                           r"(?P<n>\d+(?:\.\d+)?)(?P<m>[MBT])(?![\w-])")


def sibling_sizes(text: str, at: int) -> list[tuple[float, Span]]:
    """The bare sizes written right after a sized name that ends at ``at`` (:data:`SIBLING_SIZES`:
    "/13B/70B" after "Heron-7B"), each with where it is written."""
    found = []
    while (sibling := SIBLING_SIZES.match(text, at)) is not None:
        found.append((_value(sibling), Span(text[sibling.start("n"): sibling.end()], sibling.start("n"),
                                            sibling.end())))
        at = sibling.end()
    return found


def _largest_sibling(text: str, family: list[tuple[float, re.Match[str]]]) -> tuple[float, Span, str] | None:
    """The largest size written as a sibling right after one of the family's sized names (see
    :func:`sibling_sizes`): (size, where it is written, the model it names), or None."""
    found = []
    for _, match in family:
        if match.group("open"):
            continue  # "Heron-Large (340M)": a name by a size word, no sizes follow it
        stem = match.group(0)[: match.start("n") - match.start()].rstrip("- ")
        found += [(value, size, f"{stem}-{size.text}") for value, size in sibling_sizes(text, match.end())]
    return max(found, key=lambda item: item[0]) if found else None


# a size of the own family told by a bare size and a word for one of its members: "the 13B variant", "its
# larger 70B version" (not "the 70B version of Kite": another family's)
VARIANT_SIZE = re.compile(r"\b(?i:the|its|our|a|an)\s+(?:larger\s+|bigger\s+)?"
                          r"(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT])"
                          r"(?:[- ]param(?:eter)?s?)?\s+(?:variant|version|sibling)s?\b(?!\s+of\b)")
CONDITIONAL = re.compile(r"\b(?:would|could|might|will|should|if)\b", re.IGNORECASE)


def _largest_variant(text: str, family: list[tuple[float, re.Match[str]]]) -> tuple[float, Span] | None:
    """The largest size the text trains as a variant of the own family (:data:`VARIANT_SIZE`) in a sentence
    that writes one of the family's sized names and tells of training, not in a conditional ("Heron-7B was
    trained on 2T tokens; the 13B variant on 3T tokens"), with where it is written, or None."""
    found, low = [], lowered(text)
    matches = [match for word in ("variant", "version", "sibling") for at in positions(low, word)
               if (match := VARIANT_SIZE.search(text, max(0, at - 40), at + len(word) + 8)) is not None]
    for match in matches:
        sentence = sentence_around(text, match.start(), match.end())
        if "train" in sentence.text and not CONDITIONAL.search(sentence.text) and \
                any(sentence.start <= named.start() < sentence.end for _, named in family):
            found.append((_value(match), Span(text[match.start("n"): match.end("m")], match.start("n"),
                                              match.end("m"))))
    return max(found, key=lambda item: item[0]) if found else None


# a size as the object of work done on a model that exists: "enough to finetune a 65B parameter model on a
# single GPU", "we quantize a 70B model" — not the size of a model the text pre-trains
WORKED_ON_BEFORE = re.compile(r"\b(?:fine-?tun\w*|finetun\w*|quantiz\w*|prun\w*|compress\w*|serv\w*|"
                              r"evaluat\w*|adapt\w*|(?:run|load|infer)\w*)\s+(?:a|an|the|one|our|any)?\s*$",
                              re.IGNORECASE)


def _titled_size(text: str, family: list[tuple[float, re.Match[str]]]) -> tuple[float, re.Match[str]] | None:
    """The one size of the own family the title writes ("Heron-20B: …" among Heron-20B and Heron-120B), when
    no larger size is claimed ("we also train Heron-120B"): a text titled with one size is about it."""
    title = title_part(text)
    titled = [pair for pair in family if _title_writes(title, pair[1].group(0))]
    if not titled or len({round(value) for value, _ in titled}) != 1:
        return None
    size = titled[0][0]
    if any(value > size * (1 + ROUNDING) and introduced_as_own(text, match.group(0), as_itself=True)
           for value, match in family):
        return None
    return titled[0]


TITLE_WORD = re.compile(r"\b[A-Z][A-Za-z]{2,}")
TABLE_SIZE = re.compile(r"^\s*~?\s*(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT]|million|billion|trillion)\b",
                        re.IGNORECASE)


def _own_table_sizes(text: str) -> list[tuple[float, Span]]:
    """Sizes a table of the text's own models gives: a parameter column ("| Model | n_params |" … "|
    Heron-L | 13B |") or row ("| Parameters | 1.3B | 13B |" under "| | Heron-S | Heron-L |"), for the
    models whose name begins with the title's name ("Heron: …"), an ordinary word excepted; and every size
    of a table of numbers alone whose first column is the parameters ("| Params | Layers | d_model |" /
    "| 1.3B | 24 | 2048 |"): an architecture table names no other work's models, it sizes the text's own.
    The table written with pipes or one cell a line (:func:`~curation.extract.cell_tables.cell_tables`)."""
    candidates = []  # (label, cell, its span) of every table's parameter column or row
    nameless = []  # (size, its span) of the tables of sizes with no names
    # (pipe tables, and tables PDF text extraction wrote one cell a line)
    for table in [*(find_tables(text) if "|" in text else ()), *cell_tables(text)]:
        column = parameter_label(table.headers) if len(table.headers) > 2 else None
        if column == 0 and all(NUMBER_CELL.match(cell) for row in table.rows for cell in row.cells):
            nameless += [(value, _size_cell_span(text, row, 0)) for row in table.rows
                         if 1e6 <= (value := _table_size(row.cells[0])) <= 1e14]
            continue
        cells = [(row.label, row.cells[column], _size_cell_span(text, row, column)) for row in table.rows
                 if column and column < len(row.cells)]
        row_index = parameter_label([row.label.lower() for row in table.rows]) if not cells else None
        if row_index is not None:
            names = [cell.strip().strip("*").strip()
                     for cell in table.header_line.text.strip().strip("|").split("|")]
            row = table.rows[row_index]
            cells = [(names[c], row.cells[c], _size_cell_span(text, row, c))
                     for c in range(1, min(len(names), len(row.cells)))]
        candidates += cells
    if not candidates:  # the title's name is sought only where a table gives sizes (cheap first)
        return nameless
    title = next((w for w in TITLE_WORD.findall(title_part(text)) if not common_word(text, w)), None)
    own = _squashed(title) if title else None
    found = nameless
    for label, cell, span in candidates if own else ():
        value = _table_size(cell)
        if _squashed(label).startswith(own) and 1e6 <= value <= 1e14:
            found.append((value, span))
    return found


NUMBER_CELL = re.compile(r"\s*[~≈]?\d")  # a cell that is a number ("1.3B", "24", "2048")


def _table_size(cell: str) -> float:
    """A size cell's value ("1.3B", "350M"), or 0."""
    size = TABLE_SIZE.match(cell)
    return scaled_value(size.group("n"), size.group("m")) if size else 0


CELL_EVIDENCE = 200  # characters: from a row's label to its size cell, written one cell a line


def _size_cell_span(text: str, row: Row, index: int) -> Span:
    """Where a row's size is written: its line in a pipe table; in a table written one cell a line, the
    text from its label to the size's cell when they stand near, else the cell alone."""
    if row.cell_spans is None:
        return row.line
    cell = row.cell_spans[index]
    start = row.cell_spans[0].start
    return Span(text[start: cell.end], start, cell.end) if 0 <= cell.end - start <= CELL_EVIDENCE else cell


def _size_lists(text: str) -> list[re.Match[str]]:
    """Lists of sizes: after "sizes" (:data:`SIZES_LIST`), or before "sizes", "variants", "versions" or
    "scales" (:data:`LIST_THEN_SIZES`, searched only in the few characters before those words)."""
    found = list(SIZES_LIST.finditer(text))
    low = lowered(text)
    for noun in SIZE_NOUNS:
        for at in positions(low, noun):
            found.extend(LIST_THEN_SIZES.finditer(text, max(0, at - 80), at + len(noun)))
    return found


SIZE_WORD = re.compile(r"[- ](?:XXL|XL|XS|S|M|L|Small|Medium|Base|Large|Huge|Tiny|Mini|Nano)$", re.IGNORECASE)


def _family(name: str) -> str:
    """A name without a final size word ("Heron-Large", "Heron-S" → "heron"), squashed."""
    return _squashed(SIZE_WORD.sub("", name))


def _named_size_lists(text: str) -> list[re.Match[str]]:
    """:data:`NAMED_SIZES` matches, searched only before a parenthesis of sizes (a cheap scan)."""
    found: list[re.Match[str]] = []
    separators = ("B, ", "M, ", "B and ", "M and ", "B/", "M/")
    for at in sorted({at for sep in separators for at in positions(text, sep)}):
        start = text.rfind("(", max(0, at - 12), at)
        if start != -1 and (not found or start > found[-1].end()):
            found.extend(NAMED_SIZES.finditer(text, max(0, start - 60), min(len(text), start + 60)))
    return found


# (also "The Heron model …", "Our Heron model …": the name before "model")
OPENING_NAME = re.compile(r"\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\s+[A-Z][\w -]{0,40}\n"
                          # an unnumbered heading: "Abstract", "Introduction"
                          r"|(?:Abstract|Summary|Introduction|Overview|Discussion|Conclusions?)[ \t]*\n)?"
                          # ("The Heron models", "Our Heron model", "All Heron models", "All of our Heron
                          # models")
                          r"(?:(?:The|Our|All(?:\s+(?:of\s+)?(?:the|our))?)\s+(?=[A-Z][\w.-]*\w\s+models?\b))?"
                          r"(?P<name>[A-Z][\w.-]*\w)\b")
MARKDOWN_HEADING_LINE = re.compile(r"\s*#+[ \t]+[^\n]*\n")
# a section heading PDF text runs into the sentence after it: "3 Method ", "4.2 Training Details "
RUN_IN_HEADING = re.compile(r"\s*(?:#+\s*)?\d+(?:\.\d+)*\.?\s+(?:[A-Z][\w-]*(?:\s+|$)){1,4}")
HEADING_WORD = re.compile(r"[A-Z][\w-]*\s+")


def opens_with_own_name(text: str, sentence: Span) -> bool:
    """Whether a sentence's subject is the model the title names ("Heron comes in three sizes: 1B, 3B
    and 8B" under "Heron: …"), also after a section heading run into it ("3 Models Heron comes …")."""
    opening = OPENING_NAME.match(sentence.text)
    candidates = [opening.group("name")] if opening else []
    heading_line = MARKDOWN_HEADING_LINE.match(sentence.text)
    if heading_line:  # a Markdown heading's line above the sentence: "## Training\nAll Heron models …"
        after = OPENING_NAME.match(sentence.text, heading_line.end())
        candidates += [after.group("name")] if after else []
    heading = re.match(r"\s*(?:#+\s*)?\d+(?:\.\d+)*\.?\s+", sentence.text)
    if heading:  # each split of the capitalized words after the number into heading and name
        at = heading.end()
        for _ in range(4):
            word = HEADING_WORD.match(sentence.text, at)
            if word is None:
                break
            at = word.end()
            following = re.match(r"[A-Z][\w.-]*\w\b", sentence.text[at:])
            if following:
                candidates.append(following.group(0))
    return any(name.lower() not in NOT_NAME_WORDS and in_title(text, name) and not common_word(text, name)
               for name in candidates)


def _model_name(match: re.Match[str]) -> str:
    """The model a sized name labels: "Heron-7B", or "Heron-Large" for "Heron-Large (340M)"."""
    return match.group("name") if match.group("open") else match.group(0)


def _describes_own(text: str, sentence: Span, at: int) -> bool:
    """Whether a size written at ``at`` describes the text's own model: its sentence says "we
    train/introduce/…", or its subject is a name the text's title carries ("Heron is a 20B model"), or
    the sentence opens with that name and describes its sizes, comparing nothing ("Heron models come in
    two sizes, where the Jumbo version, at 178B parameters, is the largest"), or "it" after a semicolon
    whose clause before tells the own run ("The Heron model was trained on 1T tokens; it has 15B …")."""
    if trains(sentence.text):
        return True
    if OWN_SIZES_VERB.match(sentence.text) and not COMPARISON.search(sentence.text) and \
            opens_with_own_name(text, sentence):
        return True
    subject = SUBJECT.search(text, sentence.start, at)
    if subject is None or subject.end() != at:
        return _size_then_own_subject(text, sentence, at) or _in_own_subjects_clause(text, sentence, at)
    name, before = subject.group("name"), text[sentence.start: subject.start()].rstrip(" \t")
    # the name opens the sentence or its line, or follows a section heading PDF text runs into it ("3
    # Method Heron has 350M parameters")
    starts = not before.strip() or before.endswith("\n") or RUN_IN_HEADING.fullmatch(before) is not None \
        or before.strip().lower() in ("the", "our")  # "The Heron model has …"
    if starts and _anaphoric(subject):
        return _continues_own(text, sentence)
    if before.endswith(";") and _anaphoric(subject):  # "… trained on 1T tokens; it has 15B parameters"
        clause = Span(text[sentence.start: subject.start()], sentence.start, subject.start())
        return trains(clause.text) or opens_with_own_name(text, clause)
    return (starts and name.lower() not in NOT_NAME_WORDS and in_title(text, name)
            and not common_word(text, name)) or _in_own_subjects_clause(text, sentence, at)


# a sentence opening with a name, perhaps after "The largest" or "Our" (and a section heading PDF text runs
# into it): "Heron comprises 40 layers with …", "The largest Heron model has …"
NAME_OPENING = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\.?\s+(?:[A-Z][\w-]*\s+){1,4}?)?"
                          r"(?:(?:The|Our)\s+(?:(?:largest|biggest|final|flagship|main|full)\s+)?)?"
                          r"(?P<name>[A-Z][\w.-]*\w)")
# the words that may stand between the subject and its size: a verb of having or being, words of the
# model's build and of amount ("Heron comprises 40 layers with a total of 13B parameters", "Heron is a
# decoder-only transformer with 40 layers and 13B parameters", "Heron scales to 13B parameters"); any other
# word may make the size another model's ("Heron reaches the accuracy of a 70B model", "Heron is trained
# on data generated by a model with 70B parameters", "Heron is designed to scale beyond 70B parameters")
BUILD_WORDS = frozenset((
    "is", "was", "has", "had", "comprises", "contains", "consists", "features", "totals",
    "scales", "scaled", "grows", "built", "with", "its", "a", "an", "total", "to", "up", "and", "about",
    "approximately", "roughly", "around", "nearly", "some", "just", "only", "model", "transformer",
    "decoder-only", "encoder-decoder", "decoder", "encoder", "language", "network", "architecture",
    "layers", "blocks", "heads", "dense", "multilingual", "bilingual", "autoregressive", "causal",
    "foundation", "base", "large", "small", "compact", "open", "trainable", "learnable",
    "non-embedding"))
# a verb of using, right before the size only: "Heron uses 13B parameters" (not "Heron uses a 70B teacher")
USE_WORDS = frozenset(("uses", "employs", "utilizes", "utilises"))
# (and what it uses is its parameters, the clause ending there: not "uses 70B parameters of Kite as …")
USED_SIZE_END = re.compile(r"\S*?(?:\s(?:million|billion|trillion))?[\s-]*param(?:eter)?s\b\s*"
                           r"(?:[.,;]|$|and\b|in\s+total\b|overall\b)", re.IGNORECASE)
# after a size an article opens, what it sizes must be the model ("Heron is a 13B decoder-only model", not
# "Heron has a 70B-parameter teacher", "Heron has a 300M-parameter vision encoder")
SIZED_MODEL_AFTER = re.compile(r"\S*?(?:\s(?:million|billion|trillion))?[\s-]*(?:param(?:eter)?s?)?[\s-]+"
                               # (another role's model: "a 70B reward model", "a 7B draft model")
                               r"(?!(?:[\w-]+\s+){0,2}?(?:reward|teacher|draft|judge|critic|reference|value"
                               r"|policy|vision|embedding|retrieval|retriever)\b)"
                               r"(?:[\w-]+\s+){0,2}?(?:models?|transformer|LLM|network)\b", re.IGNORECASE)


# capitalized words right after a sentence's opening name, before a lower-case word: its variant's name
# ("Heron-1 Jumbo", "Heron Large"), not words of the sentence
NAME_VARIANT = re.compile(r"^(?:\s+[A-Z][\w-]*){1,2}(?=\s+[a-z])")


def _in_own_subjects_clause(text: str, sentence: Span, at: int) -> bool:
    """Whether a size stands in the first clause of a sentence whose subject is the model the title names,
    with only words of having, being, build or amount between (:data:`BUILD_WORDS`: "Heron comprises 40
    layers with a total of 13B parameters", "Heron is built with 13B parameters", "The largest Heron model
    has 13B parameters", "Heron-1 Jumbo has 178B parameters", "Heron, a 13-billion-parameter model, …"),
    and nothing untrained or hypothetical in the sentence."""
    opening = NAME_OPENING.match(text, sentence.start, at)
    if opening is None:
        return False
    name = opening.group("name")
    # a variant's word written capitalized after the name is part of it: "Heron-1 Jumbo has 178B …"
    between = NAME_VARIANT.sub("", text[opening.end(): at], count=1)
    words = re.findall(r"[\w'-]+", between.lower())
    if name.lower() in NOT_NAME_WORDS or re.search(r"[;:()]", between) \
            or any(cue in sentence.text.lower() for cue in NOT_TRAINED):
        return False
    # (numbers are the build's: "40 layers"; "of" only in "a total of")
    if not all(word in BUILD_WORDS or word[0].isdigit() or (word == "of" and before == "total")
               or (word in USE_WORDS and index == len(words) - 1 and USED_SIZE_END.match(text, at))
               for index, (before, word) in enumerate(zip(["", *words], words, strict=False))):
        return False
    if words and words[-1] in ("a", "an") and not SIZED_MODEL_AFTER.match(text, at):
        return False
    return in_title(text, name) and not common_word(text, name)


def _size_then_own_subject(text: str, sentence: Span, at: int) -> bool:
    """Whether a sentence opens with the size and names the title's model as its subject after it
    (:data:`SIZE_OPENER`, :data:`SUBJECT_AFTER_SIZE`: "With 40B parameters, Heron is a strong model")."""
    opener = SIZE_OPENER.search(text, sentence.start, at)
    before = text[sentence.start: opener.start()] if opener else ""
    heading = RUN_IN_HEADING.fullmatch(before.rstrip(" \t\n")) is not None
    if opener is None or (before.strip(" \t\n#") and not heading):
        return False  # the opener starts the sentence, perhaps after a section heading run into it
    figure = re.match(r"\S+(?:\s(?:million|billion|trillion))?", text[at:])
    subject = SUBJECT_AFTER_SIZE.match(text, at + figure.end()) if figure else None
    return subject is not None and subject.group("name").lower() not in NOT_NAME_WORDS \
        and in_title(text, subject.group("name")) and not common_word(text, subject.group("name"))


# a sentence that opens with a name and tells its sizes: "Heron models come in two sizes", "Heron has …"
OWN_SIZES_VERB = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\.?\s+(?:[A-Z][\w-]*\s+){1,4}?)?"  # a run-in heading
                            r"[A-Z][\w.-]*(?:\s+(?:models?|family|series))?\s+"
                            r"(?:comes?\s+in|is\s+available\s+in|are\s+available\s+in|consists?\s+of|includes?"
                            r"|spans?|ranges?)\b")


def _anaphoric(subject: re.Match[str]) -> bool:
    """Whether a :data:`SUBJECT` is a pronoun or "the/our/this model" rather than a name."""
    name = subject.group("name").lower()
    if name == "it" or name.startswith(("the largest", "the biggest")):  # "…; the largest has 13B"
        return True
    return name in ("the", "our", "this") and re.match(r"\w+\s+models?\b", subject.group(0)) is not None


def _continues_own(text: str, sentence: Span) -> bool:
    """Whether a sentence whose subject is "it" or "the model" ("It has 13B parameters") goes on about
    the text's own model: the sentence before claims a training run or an introduction of its own ("We
    introduce Heron, …"), opens with the title's name or has "our model" as its subject ("Overall, our
    model sees 1.8T tokens during pre-training."). A new paragraph's pronoun reaches back to nothing;
    one after a sentence about a baseline is the baseline's."""
    before = sentence_before(text, sentence)
    return before is not None and (trains(before.text) or opens_with_own_name(text, before)
                                   or OUR_MODEL_SUBJECT.match(before.text) is not None)


# a sentence whose subject is the authors' model: "Overall, our model sees …", "Our final model is …"
OUR_MODEL_SUBJECT = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\s+[A-Z][A-Za-z ]{0,30}?\s)?(?:[A-Z][a-z]+,\s+)?"
                               r"our\s+(?:[\w-]+\s+)?models?\b", re.IGNORECASE)


# a title that opens with a name and a colon: "Heron: Open Foundation Models", "Heron 2: …", or that is a
# name's report: "Heron2 Technical Report", "Heron 1.5 Report" (a Markdown heading's marks before it, or
# the identifier a web page's title opens with: "[2403.04321] Heron: …")
TITLE_LEAD = re.compile(r"\s*(?:#+[ \t]*)?(?:\[[\w./:-]{1,30}\][ \t]*)?"
                        r"(?P<lead>[A-Z][\w.-]*(?:\s[\w.-]+){0,2}?)\s*(?::|\s(?:Technical\s+|Tech\s+)?Report\b)")


VERSIONED_NAME = re.compile(r"[A-Z][\w.-]*(?:\s(?:\d|[vV]\d)[\w.]*)?")
# a size that ends a name is no version: "Heron-13B", "Heron 7B", "Heron-8x7B", "Heron-V2-16B" (is "Heron-V2")
NAME_SIZE_END = re.compile(r"[-\s_]?(?:\d+x)?\d+(?:\.\d+)?[MBT]$", re.IGNORECASE)


def _versioned_title_name(text: str) -> str | None:
    """The name a title opens with before a colon when it carries a version ("Kite-V2: …", "Kite 2: …"),
    squashed: the text's own model is that version, and sized names of other versions are not (a size
    that ends the name, "Kite-13B: …", is no version)."""
    lead = TITLE_LEAD.match(title_part(text))
    name = VERSIONED_NAME.match(lead.group("lead")) if lead else None  # "Kite-V2", "Kite 2", not "… Report"
    unsized = NAME_SIZE_END.sub("", name.group(0)) if name else ""
    return _squashed(unsized) if unsized and re.search(r"\d", unsized) else None


# a size written after what it measures: "The model size of Heron is 34B", "Heron's parameter count is 34
# billion", "the number of parameters of our model is 7B", "the total number of parameters in Heron is 13B",
# "Heron has a total parameter count of 13B"
SIZE_AFTER = re.compile(
    rf"\b(?:(?P<name>[A-Z][\w.-]*)(?:'s|’s)\s+|our\s+(?:model's\s+|final\s+model's\s+)?"
    # "Heron has a total parameter count of 13B"
    rf"|(?P<name3>[A-Z][\w.-]*)\s+has\s+an?\s+)?(?:total\s+)?"
    rf"(?:model\s+size|number\s+of\s+(?:model\s+)?parameters|parameter\s+count)"
    # "the total number of parameters in Heron is 13B"
    rf"(?:\s+(?:of|in)\s+(?:(?P<our>our)\s+(?:final\s+)?model|(?P<name2>[A-Z][\w.-]*)))?"
    rf"\s*(?:is|was|:|=|reaches|of)\s*(?:about\s+|approximately\s+|roughly\s+|~\s*)?"
    rf"(?P<n>{NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)(?![a-z])")
SIZE_WORDS = ("model size", "number of parameters", "number of model parameters", "parameter count")


def _sizes_stated_after(text: str) -> list[tuple[float, Span]]:
    """Sizes written after what they measure (:data:`SIZE_AFTER`) of the own model: named by the
    title ("The model size of Heron is 34B" under "Heron: …") or "our" model's."""
    found = []
    low = lowered(text)
    for words in SIZE_WORDS:
        for at in positions(low, words):
            for m in SIZE_AFTER.finditer(text, max(0, at - 30), at + len(words) + 60):
                name = m.group("name") or m.group("name2") or m.group("name3")
                own = (name is not None and in_title(text, name) and not common_word(text, name)) or \
                    m.group("our") is not None or m.group(0).lower().startswith("our")
                if own:
                    found.append((_value(m), Span(m.group(0), m.start(), m.end())))
    return found


def in_title(text: str, name: str) -> bool:
    """Whether the title writes ``name``, or opens with its family's name before a colon ("Heron: Open
    Models" for "Heron-Large") or is that name alone on its first line ("Heron" for "Heron-65B")."""
    title = title_part(text)
    lead = _title_lead(title)
    return _title_writes(title, name) or (lead is not None
                                          and _family(name.split("-")[0]) == _squashed(lead.group("lead")))


# a title that is one name alone on its line: "Heron", "# Heron" (a report or a page titled by its model)
LONE_NAME_TITLE = re.compile(r"[ \t]*(?:#+[ \t]*)?(?P<lead>[A-Z][\w.-]*)[ \t]*(?:\n|$)")


def _title_lead(title: str) -> re.Match[str] | None:
    """The name a title opens with before a colon or a report (:data:`TITLE_LEAD`), or that is the title's
    first line alone (:data:`LONE_NAME_TITLE`)."""
    return TITLE_LEAD.match(title) or LONE_NAME_TITLE.match(title)


# a title's name that a study looks into, not the text's own model: "Sparse Features in Kite-8B", "What
# Attention Heads of Kite Do", "Quantizing Kite-70B to 3 Bits", "Probing the Kite Models"
STUDIED_IN_TITLE = re.compile(r"(?:\b(?:in|from|of|inside|within|into)|\b(?:analy[sz]|prob|understand|"
                              r"interpret|dissect|quantiz|compress|prun|evaluat|fine-?tun|finetun|attack|"
                              r"jailbreak|explain|serv|accelerat|distill)ing)\s+(?:the\s+|an?\s+)?$",
                              re.IGNORECASE)


# a size before a plural noun of models is a class of models, whatever word stands before it: "Matching 70B
# Models with 7B Parameters" names no model "Matching 70B"
CLASS_AFTER = re.compile(r"[\s-]+(?:[A-Za-z]+[\s-]+)?(?:models|llms|networks|transformers)\b", re.IGNORECASE)


def _title_writes(title: str, name: str) -> bool:
    """Whether a title writes ``name`` other than as what a study looks into (:data:`STUDIED_IN_TITLE`) or
    as a class of models (:data:`CLASS_AFTER`)."""
    at = title.find(name)
    while at != -1:
        if not STUDIED_IN_TITLE.search(title, max(0, at - 30), at) and \
                not CLASS_AFTER.match(title, at + len(name)):
            return True
        at = title.find(name, at + 1)
    return False


def _titled_name(text: str, found: list[tuple[float, re.Match[str]]]) -> bool:
    """Whether the text's title writes this sized name ("Heron-34B: an open model"), or opens with its
    name and a colon ("Heron: Open Foundation Models" for "Heron-7B") or is that name alone ("Heron"): a
    title names the text's own model."""
    title = title_part(text)
    lead = _title_lead(title)
    return any(_title_writes(title, match.group(0))
               or (lead is not None and _of_the_lead(match.group("name"), lead.group("lead")))
               for _, match in found)


def _of_the_lead(name: str, lead: str) -> bool:
    """Whether a sized name's family is the title's lead name, alone or with words after a hyphen or a
    space ("Heron" and "Heron-LM" of "Heron: …"; not "Heronet")."""
    if _squashed(name) == _squashed(lead):
        return True
    return name.lower().startswith(lead.lower()) and name[len(lead): len(lead) + 1] in ("-", " ")


def title_part(text: str) -> str:
    """A text's title: its first three non-empty lines within ``TITLE_PART`` characters, up to the first
    line of prose (one that ends a sentence: titles and author lines do not), the abstract, a table or a
    blank line after it (the body's first lines, wrapped, end no sentence either)."""
    lines: list[str] = []
    for line in (line.strip() for line in text[:TITLE_PART].split("\n")):
        if PROSE_LINE.search(line) or len(lines) == TITLE_LINES or ABSTRACT_LINE.match(line) or \
                line.startswith("|") or (lines and not line):
            break
        if line:
            lines.append(line)
    return "\n".join(lines)


def _described_sizes(text: str) -> list[tuple[float, Span]]:
    """Sizes the opening writes as describing the text's own model ("we pretrain Heron, a 1.1B language
    model", "Heron is a 20B decoder-only model": first-person or subject-of-the-title sentences only, see
    :func:`_describes_own`), and "our 1.3B model" or "our final model has 1.5B parameters" anywhere."""
    found = []
    for match in DESCRIBED_SIZE.finditer(text, 0, opening_end(text)):
        sentence = sentence_around(text, match.start(), match.end())
        at = match.start("n")
        if _describes_own(text, sentence, at):
            found.append((_value(match), Span(match.group(0)[at - match.start():], at, match.end())))
    low = lowered(text)
    at = low.find("our ")
    while at != -1:  # the pattern is tried only where "our" starts a word
        starts_word = at == 0 or not low[at - 1].isalnum()
        match = (OUR_SIZE.match(text, at) or OUR_MODEL_HAS.match(text, at)) if starts_word else None
        if match:
            found.append((_value(match), Span(match.group(0), match.start(), match.end())))
        at = low.find("our ", at + 4)
    for at in positions(low, "we "):  # "we train a 1.3B model for 143,000 steps …", not for a study
        match = WE_TRAIN_SIZE.match(text, at) if at == 0 or not low[at - 1].isalnum() else None
        if match and not STUDY_PURPOSE.search(sentence_around(text, match.start(), match.end()).text):
            found.append((_value(match), Span(match.group("size"), match.start("size"), match.end("size"))))
    for word in OWN_MODEL_WORDS:  # "the released model has 13B parameters"
        for at in positions(low, word):
            match = OUR_MODEL_HAS.match(text, at - 4) if at >= 4 and low.startswith("the ", at - 4) else None
            if match:
                found.append((_value(match), Span(match.group(0), match.start(), match.end())))
    return found


OWN_MODEL_WORDS = ("released model", "final model", "resulting model", "proposed model", "largest model",
                   "biggest model")


# what a range of small models is trained for, besides the text's own model: "to fit scaling laws, we
# train 20 models from 100M to 3B parameters", "ablation models", "proxy models"
STUDY_PURPOSE = re.compile(r"scaling[\s-]+laws?|ablation|prox(?:y|ies)|small-scale|pilot"
                           r"|\bto\s+(?:fit|study|predict|extrapolate)\b", re.IGNORECASE)


def _trained_up_to(text: str) -> tuple[float, Span] | None:
    """The top of a range of sizes a first-person sentence trains ("we train six models ranging from
    169 million to 14 billion parameters"), unless the sentence trains them for a study of the own
    model's scaling (:data:`STUDY_PURPOSE`)."""
    best = None
    found = {m.start(): m for start, end in anchor_hits(text)[PARAMETERS_ANCHOR]  # ends in "parameters"
             for m in RANGE_STATEMENT.finditer(text, max(0, start - 80), end + 8)}
    for match in found.values():
        sentence = sentence_around(text, match.start(), match.end())
        if _claims(sentence.text) and not STUDY_PURPOSE.search(sentence.text):
            value = _value(match)
            if best is None or value > best[0]:
                best = (value, Span(match.group(0), match.start(), match.end()))
    return best


# what a text presents when it presents a study of models, not a model: "we present the first detailed
# estimates of these costs for Kite-3", "we introduce an analysis of …"
STUDY_OBJECT = re.compile(r"\w*\s+(?:(?:a|an|the|our|first|new|detailed|comprehensive|systematic|careful|"
                          r"large-scale|thorough)\s+){0,4}(?:estimat|analys|stud|survey|evaluat|comparison|"
                          r"benchmark|overview|review|measurement|audit|investigation)", re.IGNORECASE)


def trains(sentence: str) -> bool:
    """A first-person training claim ("we train …"), not a use of someone's trained model ("we use an X
    model pre-trained on …", "we probe X, which was trained on …": the verb after "we" uses it), nor a
    study it presents ("we present estimates of the costs of X")."""
    if USES_TRAINED.search(sentence):
        return False
    return any(not USE_AFTER_WE.match(sentence, claim.start())
               and not STUDY_OBJECT.match(sentence, claim.end()) for claim in OWN_CLAIM.finditer(sentence))


def _claims(sentence: str) -> bool:
    """A first-person training claim that is not a comparison either."""
    return trains(sentence) and not COMPARISON.search(sentence)


def _mentions(low: str, name: str) -> int:
    """How often ``name`` is written as a whole word ("Heron" is not counted inside "HeronMoE")."""
    return _whole_words(low, name.lower())


@lru_cache(maxsize=64)
def _whole_words(text: str, word: str, skip_beside: str = "") -> int:
    """How often ``word`` stands whole in ``text``, not counting where a character of ``skip_beside``
    touches it."""
    count, at = 0, text.find(word)
    while at != -1:  # str.find is many times faster than a regex with a lookbehind on a long text
        end = at + len(word)
        before, after = text[at - 1] if at else " ", text[end] if end < len(text) else " "
        if not _word_char(before) and not _word_char(after) and \
                not (skip_beside and (before in skip_beside or after in skip_beside)):
            count += 1
        at = text.find(word, end)
    return count


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def common_word(text: str, name: str) -> bool:
    """Whether a capitalized word is an ordinary one ("Sparse 1.1B" heading a table row): the text
    writes it in lower case at least as often as capitalized — in prose: a lower-case name in an address,
    a path or a repository's name ("github.com/heron/heron", "heron-7b", "heron.py") is still a name."""
    lower = name.lower()
    if lower == name:
        return True
    return _whole_words(text, lower, NAME_NEIGHBOURS) >= _whole_words(text, name)


NAME_NEIGHBOURS = "/.@_-:"  # the characters around a name in an address, a path or a repository


def _squashed(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.lower())


# a distillation's name, the teacher's size before this word and the student's after: "Heron-8B-Distill-1.5B"
DISTILLED_INTO = re.compile(r"[-_ ]distill(?:ed)?[-_ ]", re.IGNORECASE)


def _titled(text: str, sized: Sized) -> Flagship | None:
    """On a model card, the sized name its title carries ("# Heron-7B"), whatever siblings it mentions
    (in a distillation's name, the size after "Distill"); else the largest size written inside the
    title ("# Heron-400-10B-MT": 10B; an active-size part such as "A3B" or "8x7B" is not a size)."""
    raw = document_title(text) or ""
    distilled = DISTILLED_INTO.search(raw)
    student = [(scaled_value(m.group("n"), m.group("m").lower()), m)
               for m in NAME_SIZE.finditer(raw, distilled.end())] if distilled else []
    if student:  # "# Heron-8B-Distill-1.5B": the size after "Distill" is the student's, the card's own
        value, match = max(student, key=lambda pair: pair[0])
        at = text.find(raw)
        return Flagship(value, Span(match.group(0), at + match.start(), at + match.end()), raw)
    title = _squashed(raw)
    for found in sized.values():
        for value, match in found:
            if title and _squashed(match.group(0)) in title:
                return Flagship(value, Span(match.group(0), match.start(), match.end()), _model_name(match))
    sizes = [(scaled_value(m.group("n"), m.group("m").lower()), m) for m in NAME_SIZE.finditer(raw)]
    if not sizes:
        return None
    value, match = max(sizes, key=lambda pair: pair[0])
    at = text.find(raw)
    return Flagship(value, Span(match.group(0), at + match.start(), at + match.end()), raw)


# a card's title names its model with these words about the page: "Heron Model Card", "Model card for Heron"
CARD_WORDS = re.compile(r"\bmodel\s+card\b(?:\s+for\b)?|\breadme\b", re.IGNORECASE)


def _repository_size(text: str, repository: str | None) -> Flagship | None:
    """A card whose title gives no size: the size its repository's name carries (:func:`repository_size`),
    evidenced where the card writes that name (or that size as a bare sibling after its family's sized
    name, "Heron-3B/7B/13B"), or by its title when that is the name's family ("# Heron Model Card" in
    "heron-7b"; a card is about the repository it sits in)."""
    value = repository_size(repository)
    if value is None or repository is None:
        return None
    name = repository.split("/")[-1]
    at = lowered(text).find(name.lower())
    if at < 0:
        sibling = _sibling_written(text, name, value)
        if sibling is not None:  # "Heron-3B/7B/13B" on the card of heron-13b: the "13B" is its name's size
            return Flagship(value, sibling, name)
        # the card titled by the family the repository's name opens with ("# Heron2" in "Heron2-1.7B"):
        # its title is the evidence of the model; else the card never writes it, and there is none to quote
        title = document_title(text)
        at = text.find(title) if title else -1
        family = _squashed(CARD_WORDS.sub(" ", title)) if title else ""  # "Heron Model Card": "heron"
        if at < 0 or len(family) < 3 or not _squashed(name).startswith(family):
            return None
        return Flagship(value, Span(title, at, at + len(title)), name)
    return Flagship(value, Span(text[at: at + len(name)], at, at + len(name)), name)


def _sibling_written(text: str, name: str, size: float) -> Span | None:
    """Where a card writes its repository's size as a bare sibling size after a sized name of its family
    ("Heron-3B/7B/13B" for "heron-13b"; :func:`sibling_sizes`), or None."""
    for family_name, pairs in _sized_names(text).items():
        if not _squashed(name).startswith(_squashed(family_name)):
            continue
        for _, match in pairs:
            for value, span in sibling_sizes(text, match.end()):
                if abs(value - size) <= ROUNDING * size:
                    return span
    return None


# a name written on as a longer word, another version or a variant ("Kite" in "KiteMoE", "Kite-V2",
# "Kite-2.5", "Kite-Coder"), not with a size ("Kite-7B", "Kite 67B")
ANOTHER_VERSION = re.compile(r"[a-z0-9]|[- ]?(?:v\d|\d+(?:\.\d+)?(?![\d.]*\s?[mbt]\b))"
                             r"|-[a-z]{3,}(?<!-base)(?<!-large)(?<!-small)(?<!-medium)")
# the data a run trains on, named right after it: "we pre-train on Kite-5B", "we train our model on the
# Kite-627B corpus" (read in lower case; "we train Heron-7B on …" names the model before "on")
TRAINED_ON_BEFORE = re.compile(r"\b(?:pre-?)?train(?:s|ed|ing)?\s+(?:(?:it|them|our\s+\w+|the\s+model)\s+)?"
                               r"(?:(?:for\s+[\w.,]+\s+\w+|jointly|further|only)\s+)?(?:on|with|using)\s+"
                               r"(?:the\s+|a\s+|our\s+)?$")
# the inside of a model a study trains something on: "we train sparse autoencoders on the residual stream of
# Kite-8B", "probes on the hidden states of Kite" (read in lower case)
INTERNALS_OF_BEFORE = re.compile(r"\b(?:activations?|residual\s+streams?|layers?|outputs?|weights|"
                                 r"representations?|hidden\s+states?|neurons?|embeddings?|heads?|gradients?|"
                                 r"logits|internals|features|circuits)\s+of\s+(?:the\s+)?$")
# the teacher a distillation starts from: "we distill Kite-70B into …", "distilled from the larger Kite"
TEACHER_BEFORE = re.compile(r"(?:\bdistil\w*|\bfrom|\bteacher(?:\s+model)?,?)\s+(?:the\s+|an?\s+)?"
                            r"(?:larger\s+|teacher\s+)?$")
# "our Heron", "our new Heron", and the apposition "our largest model, Heron-1.3B,"
# (a word between is an adjective or a noun, not a preposition: "our method to Kite" is not "our Kite")
OURS_BEFORE = re.compile(r"\bour\s+(?:(?!(?:to|with|than|on|for|from|of|and|or|in|into|over|against|versus|"
                         r"vs|as|at|by)\b)[\w-]+\s+){0,2}(?:(?:models?|networks?|systems?),\s+)?$")


def introduced_as_own(text: str, name: str, as_itself: bool = False) -> bool:
    """Whether a sentence says "we train/introduce/present/release …" with ``name`` in it, or the text
    writes "our ``name``" or "our largest model, ``name``" (not "we use a ``name`` model pre-trained on
    …") — in prose (a table row of cited models is no claim), not in a comparison with other models
    ("than", "outperforms", "vs"). ``as_itself``: the name must be written as itself, not as the start of
    another version's name (:data:`ANOTHER_VERSION`: a sized "Kite 67B" is not claimed by "we present
    Kite-V2"; a model's first part, "Kite" for "Kite-2 70B", is claimed by "we train Kite-2")."""
    claimed, as_written = _name_claims(text, name)
    return as_written if as_itself else claimed


@lru_cache(maxsize=32)  # asked about the same names by the flagship and the cited-model rules
def _name_claims(text: str, name: str) -> tuple[bool, bool]:
    """(claimed in any writing, claimed as itself) for :func:`introduced_as_own`, in one pass."""
    low, key = lowered(text), name.lower()
    claimed = False
    at = low.find(key)
    while at != -1:
        another = ANOTHER_VERSION.match(low, at + len(key)) is not None
        near = low[max(0, at - 600): at + 600]
        end = at + len(key)
        inside = (at > 0 and low[at - 1].isalnum()) or low[end: end + 1].isalnum()
        if inside or (claimed and another) or \
                ("we " not in near and "our " not in near and "we\n" not in near):
            # inside another word ("nas" of "financial"), nothing new to learn, or no first person nearby
            at = low.find(key, at + len(key))
            continue
        sentence = sentence_around(text, at, at + len(key))
        clause, clause_start = sentence.text, sentence.start
        if ";" in clause:  # a claim holds in its clause: "We train Heron on 2T tokens; Kite used 1T"
            cut = clause.rfind(";", 0, at - sentence.start) + 1
            end = clause.find(";", at - sentence.start)
            clause, clause_start = clause[cut: end if end >= 0 else len(clause)], sentence.start + cut
        before = low[max(clause_start, at - 40): at]
        if TEACHER_BEFORE.search(before) and "distil" in sentence.text.lower():
            at = low.find(key, at + len(key))  # "we distill Kite-70B into Heron-1B": the teacher is not ours
            continue
        if TRAINED_ON_BEFORE.search(before):
            at = low.find(key, at + len(key))  # "we pre-train on Kite-5B": the data a run trains on
            continue
        if INTERNALS_OF_BEFORE.search(before):
            at = low.find(key, at + len(key))  # "we train probes on the activations of Kite-8B": studied
            continue
        if (OURS_BEFORE.search(before) or trains(clause)) and is_prose(sentence) \
                and not COMPARISON.search(clause):
            if not another:
                return True, True
            claimed = True  # "we present Kite-V2" claims Kite-V2, not "Kite 67B"
        at = low.find(key, at + len(key))
    return claimed, False


def _active_parameters(text: str) -> tuple[float, Span] | None:
    """The largest count of parameters the text calls active ("21B activated parameters", "3B active",
    "the active parameter count is 12.9B", "uses only 39B per token", "each token activates about 50
    billion", "(A52B, 389B total)")."""
    found = []
    for start, end in anchor_hits(text)[PARAMETERS_ANCHOR]:
        for match in PARAMETER_STATEMENT.finditer(text, max(0, start - 40), end + 40):
            if match.group("active") or match.group("active2"):
                found.append((_value(match), Span(match.group(0), match.start(), match.end())))
    low = lowered(text)
    # ("activation", of a layer, counts no parameters: its windows are not read, unless it is followed
    # by "parameters")
    windows = [(pattern, max(0, at - 40), at + 50) for at in positions(low, "activ")
               if (not low.startswith("activation", at) or low.startswith("activation param", at))
               and DIGIT.search(low, max(0, at - 40), at + 50) for pattern in ACTIVE_STATEMENTS]
    windows += [(PER_TOKEN_ACTIVE, max(0, at - 50), at + 20) for phrase in (" per token", " each token",
                                                                           " every token", " per input token")
                for at in positions(low, phrase)]
    windows += [(ACTIVE_IN_PARENTHESES, at, at + 12) for at in positions(text, "(A")]
    for pattern, start, end in windows:
        for match in pattern.finditer(text, start, end):
            if 1e6 <= _value(match) <= 1e14:
                found.append((_value(match), Span(match.group(0), match.start(), match.end())))
    return max(found, key=lambda pair: pair[0]) if found else None


# an active size written as a name's suffix, alone in a parenthesis: "Heron-Large (A52B, 389B total)"
ACTIVE_IN_PARENTHESES = re.compile(r"\(\s*A(?P<n>\d+(?:\.\d+)?)(?P<m>[MB])(?=\s*[,;)])")


def _paired_active(text: str) -> tuple[float, Span] | None:
    """The largest activated count a table or sentence pairs with a total (see
    :func:`~curation.extract.moe.active_parameter_pairs`)."""
    pairs = [(active, evidence) for _, active, evidence in active_parameter_pairs(text) if evidence in text]
    if not pairs:
        return None
    active, evidence = max(pairs, key=lambda pair: pair[0])
    at = text.find(evidence)
    return active, Span(evidence, at, at + len(evidence))


def _active_of(text: str, total: float) -> tuple[float, Span] | None:
    """The activated count a table or sentence gives for the flagship's total (a dense flagship keeps its
    size even when a smaller sibling is a mixture of experts)."""
    for pair_total, active, evidence in active_parameter_pairs(text):
        if abs(pair_total - total) <= SAME_MODEL_TOLERANCE * total:
            quoted = evidence.split(" / ")[-1]  # a table pair is "total row / active row": quote the latter
            at = text.find(quoted)
            if at >= 0:
                return active, Span(quoted, at, at + len(quoted))
    return None


def _training_tokens(text: str, name: str | None = None, sized: Sized | None = None,
                     size: float | None = None) -> tuple[float, Span, Span] | None:
    """The largest training-token figure: (tokens, its span, its sentence); of sentences that name
    ``name`` when one of them gives a figure (the flagship's own "Heron 70B is trained on 245B tokens"
    beats a sibling's larger corpus), and among those, of figures no other sized name stands nearer
    before ("Heron-7B, trained on 2T tokens, beats Kite-13B, trained on 1T tokens": 1T is Kite's)."""
    order = _token_order(text, name, sized, size)
    return order[0] if order else None


def _token_order(text: str, name: str | None = None, sized: Sized | None = None,
                 size: float | None = None) -> list[tuple[float, Span, Span]]:
    """The training-token figures in the order :func:`_training_tokens` prefers them: the own name's
    figures first (see there), then the others, each group largest first."""
    candidates = sorted(token_figures(text), key=lambda c: -c[0])
    order = candidates
    if name is not None:
        own = [c for c in candidates if _mentions(c[2].text.lower(), name) > 0]
        if sized:
            own = [c for c in own if _owned(_owner(c[2], c[1], sized), name, sized, size, True)] or own
        # (a figure a relative clause tells of another, unsized, model goes last)
        others = [c for c in candidates if _told_of_another(text, c[2], c[1], name)]
        own = [c for c in own if c not in others]
        order = own + [c for c in candidates if c not in own and c not in others] + others
    if size is None:
        return order
    # a figure a bare size stands nearest before ("the 27B model was trained with 14T tokens, … the 4B model
    # with 4T tokens") is that size's: the flagship's first, another size's last (a stable sort)
    return sorted(order, key=lambda c: _bare_size_rank(c[2], c[1], size))


ROUNDING = 0.2  # how far a size a name rounds ("-3B") may lie from the count the text states (2.7B)
# a size written as a bare phrase, not in a name: "the 27B model", "4B model", "at 7B parameters"
BARE_SIZE = re.compile(r"(?<![\w.-])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT]|billion|million)(?![\w-])"
                       r"(?:[\s-]+param(?:eter)?s?\b(?:[\s-]+(?:model|variant|version)s?\b)?"
                       r"|[\s-]+(?:model|variant|version)s?\b)", re.IGNORECASE)


# the flagship called by its rank, not its size: "The largest Heron model was trained on …", "our biggest
# model"
LARGEST_MODEL = re.compile(r"\b(?:the|our)\s+(?:largest|biggest|flagship)\s+(?:[\w-]+\s+)?models?\b",
                           re.IGNORECASE)
# a size as the top of a range is the family's, not one model's: "models with up to 137B parameters"
RANGE_TOP_BEFORE = re.compile(r"(?:\bup\s+to|\d\s?[MBT]?\s+to|–|-)\s*$", re.IGNORECASE)


def _bare_size_rank(sentence: Span, figure: Span, size: float) -> int:
    """0 when the bare size phrase nearest before a figure in its sentence is ``size``, or the sentence
    calls the model the largest (:data:`LARGEST_MODEL`); 2 when the phrase is another size; 1 when none
    stands there, or the size tops a range of the family's (:data:`RANGE_TOP_BEFORE`: "a family of models
    with up to 137B parameters, pre-trained on 1.56T words" yields to "The largest model was trained on
    768B tokens")."""
    if not any(word in sentence.text for word in ("model", "variant", "version", "param")):
        return 1  # cheap test before the pattern
    end = max(0, figure.start - sentence.start)
    before = [m for m in BARE_SIZE.finditer(sentence.text, 0, end)]
    if not before:
        return 0 if LARGEST_MODEL.search(sentence.text, 0, end) else 1
    if abs(_value(before[-1]) - size) > ROUNDING * size:
        return 2
    return 1 if RANGE_TOP_BEFORE.search(sentence.text, 0, before[-1].start()) else 0


def _another_bare_size_before(sentence: Span, figure: Span, size: float, sized: Sized) -> bool:
    """Whether the bare size phrase nearest before a figure in its sentence (:data:`BARE_SIZE`, "a 125M
    model") is another size than the flagship's, with no sized name written after it, nearer the figure,
    nor the flagship's size listed with it (:func:`listed_with`)."""
    if not any(word in sentence.text for word in ("model", "variant", "version", "param")):
        return False  # cheap test before the pattern
    before = list(BARE_SIZE.finditer(sentence.text, 0, max(0, figure.start - sentence.start)))
    if not before or abs(_value(before[-1]) - size) <= ROUNDING * size or \
            listed_with(sentence.text, before[-1].start(), size):
        return False
    owner = _owner_at(sentence, figure, sized)
    return owner is None or owner[0] - sentence.start <= before[-1].start()


def _own_names(own: str, sized: Sized) -> list[str]:
    """The sized names that are the own model's ("Heron" for "Heron-7B")."""
    return [name for name in sized if _squashed(own).startswith(_squashed(name))]


def _owner(sentence: Span, figure: Span, sized: Sized) -> tuple[str, float] | None:
    """The sized name written nearest before a figure in its sentence, with its size ("Kite-13B, which
    was trained on 1T tokens": Kite, 13B), or None when no sized name precedes it there; a model the
    run starts from ("Heron-Code is initialized with Kite-7B weights and trained on 500B tokens") is
    not the owner, unless a relative clause tells its own training ("distilled from Kite-70B, which was
    pre-trained on 15T tokens")."""
    found = _owner_at(sentence, figure, sized)
    return found[1:] if found else None


def _owner_at(sentence: Span, figure: Span, sized: Sized) -> tuple[int, str, float] | None:
    """:func:`_owner` with where its name ends in the text; a name in the object of the sentence's first
    predicate is not the owner of a figure a second predicate, its subject left out, tells ("Heron-7B
    uses the same data as Heron-70B (2T tokens), but is trained for 1T tokens": 1T is Heron-7B's)."""
    text = sentence.text
    before = [(match.end(), name, size, match.start())
              for name, found in sized.items() for size, match in found
              if sentence.start <= match.start() and match.end() <= figure.start
              and (not STARTS_FROM.search(text, max(0, match.start() - sentence.start - 40),
                                          match.start() - sentence.start)
                   or _in_base_relative(text, match.end() - sentence.start, figure.start - sentence.start))
              and not in_aside(text, match.start() - sentence.start, match.end() - sentence.start,
                               figure.start - sentence.start)]
    if len(before) > 1 and ("but " in text or "and " in text or "yet " in text):  # cheap test first
        second = ELIDED_SUBJECT_PREDICATE.search(text, 0, figure.start - sentence.start)
        subject = min(before, key=lambda owner: owner[3])
        if second is not None and SUBJECT_OPENING.fullmatch(text, 0, subject[3] - sentence.start):
            before = [owner for owner in before
                      if owner is subject or owner[3] - sentence.start > second.start()]
    return max(before)[:3] if before else None


# a second predicate whose subject is left out, telling a training: ", but is trained for", "and was
# pre-trained on", ", yet was trained with", "identical to Kite-7B but trained on"
ELIDED_SUBJECT_PREDICATE = re.compile(r",?\s+(?:but|and|yet)\s+"
                                      r"(?:(?:is|was|are|were|has\s+been|had\s+been)\s+)?"
                                      r"(?:only\s+|also\s+|then\s+|further\s+)?(?:pre-?)?trained\b")
# what may stand before a sentence's subject: a heading run into it, an article
SUBJECT_OPENING = re.compile(r"\W*(?:\d+(?:\.\d+)*\s+[A-Z][\w ]{0,40}\n)?(?:[Tt]he\s+|[Oo]ur\s+)?")


# the base's own run told in a relative clause after it: "distilled from Kite-70B, which was pre-trained on
# 15T tokens" (the figure is Kite's)
BASE_RELATIVE = re.compile(r"\s*,?\s*(?:which|that|who)\s+(?:was|were|is|has\s+been|had\s+been)\s+"
                           r"(?:\w+\s+)?(?:pre-?)?trained\b")


# where such a relative clause ends and the sentence's own clause resumes: "from Kite-7B, which was
# pre-trained on 2T tokens, and train Heron-VL on 50B tokens", "…; we then train …"
BASE_RELATIVE_END = re.compile(r";|,\s*(?:and\s+|then\s+)+(?:we\s+)?(?:further\s+|also\s+|then\s+)?"
                               r"(?:continue|train|pre-?train|fine-?tune|finetune|post-?train|distill|adapt)\b"
                               r"|,\s*(?:and\s+)?we\b", re.IGNORECASE)


# a model's own training told in a relative clause after its name, a citation between: "Following Kite
# (Smith et al., 2023), which was trained on 15T tokens, we train …"
RELATIVE_OF_NAME = re.compile(r"(?<![\w.-])(?P<name>[A-Z][\w.-]*\w)(?:\s*[(\[][^()\[\]\n]{0,60}[)\]])?"
                              r"(?=\s*,?\s*(?:which|that|who)\s+(?:was|were|is|has\s+been|had\s+been)\s+"
                              r"(?:\w+\s+)?(?:pre-?)?trained\b)")


def _told_of_another(text: str, sentence: Span, figure: Span, own: str) -> bool:
    """Whether a figure stands in a relative clause that tells the training of a model named right before
    it (:data:`RELATIVE_OF_NAME`, up to where the sentence's own clause resumes, see
    :func:`_in_base_relative`) that is not the own model ``own`` nor one the title carries: the named
    model's run, even without a size in its name."""
    before = sentence.text[:max(0, figure.start - sentence.start)]
    if "which" not in before and "that" not in before and "who" not in before:
        return False  # cheap test before the pattern: no relative clause
    for match in RELATIVE_OF_NAME.finditer(before):
        other = match.group("name")
        if other.lower() in NOT_NAME_WORDS or other in SENTENCE_OPENERS or \
                _squashed(own).startswith(_squashed(other)) or in_title(text, other):
            continue
        if _in_base_relative(sentence.text, match.end(), figure.start - sentence.start):
            return True
    return False


SENTENCE_OPENERS = {"It", "This", "That", "These", "Those", "We", "Which", "Who", "Our", "Its", "Their"}


def _in_base_relative(text: str, name_end: int, figure_start: int) -> bool:
    """Whether a figure stands inside a relative clause telling the base's own run right after its name
    (:data:`BASE_RELATIVE`), not after the clause ends (:data:`BASE_RELATIVE_END`)."""
    clause = BASE_RELATIVE.match(text, name_end, figure_start)
    return clause is not None and not BASE_RELATIVE_END.search(text, clause.end(), figure_start)


# a size listed right before another, the two sharing what follows: "Heron-7B and Heron-70B were trained
# on 15T tokens", "The 7B and 70B versions …" (a name's family may stand before the second size)
LISTED_SIZE_BEFORE = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT])\b\s*"
                                r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:[A-Za-z][\w.]*[\s-])?$")


def listed_with(sentence: str, start: int, size: float) -> bool:
    """Whether the flagship's ``size`` is listed before the size written at ``start`` in a sentence, in a
    list of sizes that runs up to it (:data:`LISTED_SIZE_BEFORE`; "Heron-7B, Heron-13B and Heron-70B"):
    the figure after them is all their sizes' (so the flagship's too)."""
    for _ in range(MAX_LISTED):
        listed = LISTED_SIZE_BEFORE.search(sentence, max(0, start - 40), start)
        if listed is None:
            return False
        if abs(_value(listed) - size) <= ROUNDING * size:
            return True
        start = listed.start()
    return False


MAX_LISTED = 6  # sizes a list may hold before the one a figure follows


def _sibling_of_another_size(text: str, owner: tuple[int, str, float] | None, figure: Span, own: str | None,
                             sized: Sized, size: float) -> bool:
    """Whether a figure's owner (see :func:`_owner_at`) is of the own model's family at another size than
    the flagship's (apart by more than a name's rounding), with no size of the flagship's written between
    them ("Heron 2B and 7B are trained on 2T and 6T tokens respectively" may be the 7B's): that size's
    run."""
    if owner is None or own is None or owner[1] not in _own_names(own, sized) or \
            abs(owner[2] - size) <= ROUNDING * size:
        return False
    starts = [match.start() for _, match in sized[owner[1]] if match.end() == owner[0]]
    if starts and listed_with(text, starts[0], size):  # "Heron-7B and Heron-70B were trained on …"
        return False
    return not any(abs(_value(m) - size) <= ROUNDING * size
                   for m in BARE_SIZE_WORD.finditer(text, owner[0], figure.start))


BARE_SIZE_WORD = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT])\b")


def _owned(owner: tuple[str, float] | None, own: str, sized: Sized, size: float | None,
           unknown: bool) -> bool:
    """Whether a figure's owner (see :func:`_owner`) is the own model at its flagship size ("Heron-1B
    on 2T tokens and Heron-7B on 4T": 4T is the 7B's); ``unknown`` when no sized name precedes it."""
    if owner is None:
        return unknown
    return owner[0] in _own_names(own, sized) and (size is None or owner[1] == size)


@lru_cache(maxsize=8)  # asked by the flagship's run and by the cost-per-token finder; callers keep it as is
def token_figures(text: str) -> list[tuple[float, Span, Span]]:
    """Every training-token figure in prose about training: (tokens, its span, its sentence)."""
    found, windows = [], []
    low = lowered(text)
    for start, end in anchor_hits(text)[TOKENS_ANCHOR]:
        matches = [*TOKEN_FIGURE.finditer(text, max(0, start - 40), end + 7),
                   *SCIENTIFIC_TOKEN_FIGURE.finditer(text, max(0, start - 40), end + 7),
                   *TOKENS_THEN_FIGURE.finditer(text, max(0, start - 30), token_end(text, end + 130))]
        if low.find("sequences of", max(0, start - 40), start) != -1 or \
                low.find("samples of", max(0, start - 40), start) != -1:  # cheap test before the pattern
            matches.extend(SEQUENCES_FIGURE.finditer(text, max(0, start - 60), end + 1))
        windows.extend(matches)
    for at in positions(low, "token budget"):  # "a token budget of 2T", no "tokens" to anchor it
        windows.extend(TOKENS_THEN_FIGURE.finditer(text, max(0, at - 30), token_end(text, at + 60)))
    for at in positions(low, "word"):  # "3.3 billion words", "a 3.3 billion word corpus"
        # (room for the lookahead)
        windows.extend(m for m in WORD_FIGURE.finditer(text, max(0, at - 30), at + 20)
                       if not TOKENS_GLOSSED.search(text, max(0, m.start() - 40), m.start())
                       and not GLOSSING_TOKENS.match(text, m.end()))
    for word in ("-token", "corpus", "corpora", "dataset", "token mix"):
        at = low.find(word)
        while at != -1:
            if "train" in low[max(0, at - 90): at]:  # cheap test before the figure pattern
                windows.extend(m for m in CORPUS_FIGURE.finditer(text, max(0, at - 40), at + len(word) + 1)
                               if TRAINED_ON.search(low[max(0, m.start() - 60): m.start()])
                               or TOKEN_PHASE.match(low, m.end()))
            at = low.find(word, at + 1)
    for tokens, spans in table_step_tokens(text):  # "| Training steps | 500,000 |" "| Batch size | 4M |" …
        first, last = min(span.start for span in spans), max(span.end for span in spans)  # in any order
        found.append((tokens, Span(text[first:last], first, last), spans[0]))
    for tokens, spans in step_tokens(text):  # "for 250k steps with a batch size of 4M tokens"
        first, last = min(s.start for s in spans), max(s.end for s in spans)
        sentence = sentence_around(text, first, first + 1)
        if not is_prose(sentence) and list_block(text, first) is None and field_block(text, first) is None:
            continue  # list fields and a configuration's lines are no axis labels
        found.append((tokens, Span(text[first:last], first, last), sentence))
    seen = set()
    for match in windows:
        if match.start() in seen or names_next_field(text, match):
            continue
        seen.add(match.start())
        sentence = sentence_around(text, match.start(), match.end())
        before = low[max(sentence.start, match.start() - 50): match.start()].replace("\n", " ")
        if "per " in before or "each " in before:  # another number's rate, read whole in a wider window
            wider = low[max(sentence.start, match.start() - 100): match.start()].replace("\n", " ")
            wider = COST_PER_ITEM.sub(" ", wider) if "flop" in wider else wider
            # (a rate told whole there, "3.1M tokens per second on 6,144 GPUs and was trained on", too)
            before = THROUGHPUT_RATE.sub(" ", PER_ITEM_FIGURE.sub(" ", wider))[-50:]
        if "," in before or ";" in before:  # another clause's words do not govern the figure ("… GPU hours
            # per trillion tokens, and it was trained on 14.8T tokens")
            before = before[max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0):]
        per_item = EACH.search(before) is not None and not EACH_RUN.search(before) and \
            not STATED_AS_TOTAL.match(low, match.end())
        if "step" in before:  # "for 1M steps on 1T tokens": the run's steps, then its tokens
            before = RUN_STEPS_BEFORE.sub(" ", before)
        if "per " in before:  # "at 1,000 tokens per parameter (1T tokens)": the ratio's total; a rate or
            # what each device holds has its own number ("peak memory of 61 GB per GPU when training on …")
            before = THROUGHPUT_RATE.sub(" ", RATIO_GLOSSED.sub(" ", before))
        if "context" in before or "window" in before:  # "with a 4K context for 1.8T tokens": the run's
            before = SHAPE_THEN_RUN.sub(" ", before)  # tokens after a context's size, not the context's
        # a window's, a batch's or an added part's words govern the number right after them, not a later
        # one ("a context window of 128K tokens and was trained on 2T tokens", "an additional 1T tokens, for
        # a total of 3T tokens")
        cued = before
        numbers = list(BARE_NUMBER.finditer(before)) if any(c.isdigit() for c in before) else []
        if numbers and has_cue(before[:numbers[-1].start()], GOVERN_NEXT_NUMBER):
            cued = before[numbers[-1].end():]
        if per_item or (has_cue(cued, NOT_TRAINING_TOKENS) and not _continued_from_another(cued, sentence)) \
                or FIRST_PART.search(before):
            continue
        about = ABOUT_TRAINING.search(sentence.text) or _under_training_heading(text, sentence)
        prose = about and (is_prose(sentence) or list_block(text, match.start()) is not None
                           or TRAINING_KEY.fullmatch(text, sentence.start, match.start()) is not None)
        if not prose and not field_under_training(text, match.end() - 1):
            continue  # a figure's axis labels are no prose; a card's list fields are read
        if match.re is SCIENTIFIC_TOKEN_FIGURE:
            tokens = scientific_value(match)
        elif match.re is SEQUENCES_FIGURE:
            tokens = _value(match) * float(match.group("length").replace(",", ""))
        else:
            tokens = _value(match) * (TOKENS_PER_WORD if match.re is WORD_FIGURE else 1.0)
        figure = Span(match.group(0), match.start(), match.end())
        part = USED_PART.match(text, match.end(), sentence.end) if "of " in sentence.text or ";" in \
            sentence.text else None
        if part is not None:
            if part.group("unit"):
                continue  # the part, with its own noun, is a figure of its own
            tokens = _value(part)
            figure = Span(text[part.start("n"): part.end()], part.start("n"), part.end())
        if 1e8 <= tokens <= 1e15:
            found.append((tokens, figure, sentence))
    return found + _stage_sums(text, found)


# a part of a corpus the run used, told after the corpus's size: "…contains 4T tokens, of which we use 2T for
# training", "The dataset contains 15T tokens in total; Heron-7B saw 2T of them" (the part is the run's)
USED_PART = re.compile(r"[^.;]{0,20}?(?:,\s*of\s+which|;)\s+(?:we|it|the\s+model|(?-i:[A-Z])[\w.-]*\w)\s+"
                       r"(?:only\s+)?(?:use[sd]?|saw|sees?|consum\w+|process\w+|sampled?|train(?:ed|s)?\s+on)\s+"
                       r"(?:only\s+|about\s+|roughly\s+|~\s*)?"
                       rf"(?P<n>{FREE_NUMBER})\s?(?P<m>[BT]|billion|trillion)(?![\w.])(?P<unit>\s*tokens)?",
                       re.IGNORECASE)


# a run that goes on from another model's checkpoint, in the sentence: "Starting from the Kite-7B checkpoint
# (trained on 2T tokens), we continue training for another 500B tokens"
CONTINUED_FROM_ANOTHER = re.compile(r"\b(?:start\w*|initiali[sz]\w*)\s+(?:[\w-]+\s+){0,2}?from\s+"
                                    r"(?:the\s+|a\s+)?(?-i:[A-Z])[\w.-]*\d[\w.-]*", re.IGNORECASE)
ADDED_PART_WORDS = ("additional", "another", "extra ")


def _continued_from_another(cued: str, sentence: Span) -> bool:
    """Whether the only words that make a token figure a further stage are an added part's ("another 500B
    tokens") in a sentence whose run starts from another model's checkpoint (:data:`CONTINUED_FROM_ANOTHER`):
    the text's own continued training, no stage of a run it also tells."""
    return has_cue(cued, ADDED_PART_WORDS) and \
        not has_cue(cued, tuple(cue for cue in NOT_TRAINING_TOKENS if cue not in ADDED_PART_WORDS)) and \
        CONTINUED_FROM_ANOTHER.search(sentence.text) is not None


# a paragraph's run-in heading, on the line before the sentence: "Training data. We use …", "**Pre-training
# corpus.** …", "\paragraph{Training data.} …"
PARAGRAPH_HEADING = re.compile(r"(?:^|\n)[ \t]*(?:\*\*|\\paragraph\{)?(?P<heading>[A-Z][\w -]{0,40}?)[.:]"
                               r"(?:\*\*|\})?[ \t]*$")


def _under_training_heading(text: str, sentence: Span) -> bool:
    """Whether a sentence opens a paragraph whose run-in heading speaks of training ("Training data. We
    use a mixture …, totaling 6T tokens"): the heading governs the figure as a sentence's own words do."""
    heading = PARAGRAPH_HEADING.search(text, max(0, sentence.start - 60), sentence.start)
    return heading is not None and ABOUT_TRAINING.search(heading.group("heading")) is not None


# a sentence that is a field keyed by training, the figure its value: "Pre-training: 2.5T tokens." (read
# though it has too few words for prose, a figure's axis labels having no such key; and the run's tokens,
# not one corpus of several)
TRAINING_KEY = re.compile(r"\W*(?:pre-?)?training(?:\s+(?:data|tokens|corpus|set))?\s*:\s*"
                          r"(?:about\s+|~\s*)?", re.IGNORECASE)


# a sentence that tells a run in stages: "pre-trained in two stages: first on 3T tokens, then on 1T",
# "a three-stage curriculum … the first phase (1T tokens) … the latter two phases (1.5T and 1T tokens)"
# (and a continuation told next: "pre-train on 2T tokens, then continue pre-training on 500B tokens")
STAGES = re.compile(r"\b(?:stages?|phases?|curriculum)\b|\bfirst\b[^.;]*\bthen\b"
                    r"|\bthen\s+(?:we\s+)?(?:continue|further)\w*\s+(?:(?:the\s+)?(?:pre-?)?train)",
                    re.IGNORECASE)
# words that make a figure part of another ("of which 1T tokens are code", "including 500B tokens")
PART_OF = re.compile(r"\b(?:of\s+which|including|includes|out\s+of|subset|sampled\s+from|among\s+them)\b",
                     re.IGNORECASE)


SHARED_NOUN = re.compile(rf"(?P<n>{FREE_NUMBER})\s?(?P<m>[MBT]|million|billion|trillion)(?![a-z])"
                         r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


def _stage_sums(text: str, found: list[tuple[float, Span, Span]]) -> list[tuple[float, Span, Span]]:
    """For a sentence that tells the run in stages and gives each stage's tokens, or lists its data's parts
    (:func:`~curation.extract.token_parts.parts_listed`: "1.2T tokens of web text and 300B tokens of
    code"), the run's tokens: their sum, evidenced by the words from the first figure to the last (the
    stages are one run; each figure alone is a part of it), with a size that shares a figure's noun ("1.5T
    and 1T tokens"). Not when a figure is part of another ("of which", "including"), nor when one is said to
    be the whole ("…, 2T tokens in total", "for a total of 2T tokens"): that one is the sum."""
    by_sentence: dict[int, list[tuple[float, Span, Span]]] = {}
    for figure in found:
        if figure[1].start >= figure[2].start:  # prose figures, not a table's rows or a set-up
            by_sentence.setdefault(figure[2].start, []).append(figure)
    sums = []
    for figures in by_sentence.values():
        sentence = figures[0][2]
        if len(figures) < 2 or PART_OF.search(sentence.text):
            continue
        figures = sorted({f[1].start: f for f in figures}.values(), key=lambda f: f[1].start)
        if not STAGES.search(sentence.text) and not parts_listed(text, [f[1] for f in figures], sentence):
            continue
        if any(TOTAL_AFTER.match(text, f[1].end)
               or TOTAL_BEFORE.search(text, max(0, f[1].start - 24), f[1].start) for f in figures):
            continue  # the whole is told: "1.8T tokens … followed by 200B tokens …, 2T tokens in total"
        # a size that shares the next figure's noun: "(1.5T and 1T tokens)"
        shared = [_value(m) for f in figures
                  if (m := SHARED_NOUN.search(text, max(sentence.start, f[1].start - 30), f[1].start))]
        first, last = figures[0][1], figures[-1][1]
        span = Span(text[first.start: last.end], first.start, last.end)
        sums.append((sum(f[0] for f in figures) + sum(shared), span, sentence))
    return sums


# a figure said to be the whole of the parts told beside it: "2T tokens in total", "a total of 2T tokens"
TOTAL_AFTER = re.compile(r"\s*(?:in\s+total|in\s+all|overall|altogether)\b", re.IGNORECASE)
TOTAL_BEFORE = re.compile(r"\b(?:a\s+total\s+of|in\s+total|total(?:l?ing|s|ed)?|altogether)\s*(?:of\s+)?"
                          r"(?:about\s+|roughly\s+|~\s*)?$", re.IGNORECASE)
# a sentence that sizes a dataset rather than a run: "The dataset contains 800B tokens."
SIZES_DATASET = re.compile(r"\b(?:dataset|corpus|corpora|data|mixture|mix)\b[^.;]{0,40}?"
                           r"\b(?:contains?|containing|has|have|consists?\s+of|consisting\s+of|comprises?|comprising"
                           r"|totals?|totall?ing|amounts?\s+to|amounting\s+to|of)\b",
                           re.IGNORECASE)


def _epochs(text: str, sentence: Span, tokens: float, figure: Span) -> float:
    """The passes over the token figure its sentence states ("300B tokens dataset for 3 epochs"), or, for
    a sentence that sizes a dataset ("The dataset contains 800B tokens."), the sentence before or after
    it when that one trains for them ("We train Heron-7B for 2 epochs."), else 1; also 1 when the
    sentence sizes a smaller dataset elsewhere too, so the figure already counts the passes ("4T tokens
    (4 epochs of a 1T-token dataset)"), or the figure restates the passes' total
    (:func:`~curation.extract.operation_counting.counts_the_passes`: "for 2 epochs (600B tokens)")."""
    match = EPOCHS.search(sentence.text)
    if match is None and SIZES_DATASET.search(sentence.text):
        for neighbour in (sentence_before(text, sentence), _sentence_after(text, sentence)):
            if neighbour is not None and "epoch" in neighbour.text and TRAINS_ON.search(neighbour.text) and \
                    not has_cue(neighbour.text.lower(), FINETUNE_CUES):
                match = EPOCHS.search(neighbour.text)
                if match:
                    break
    epochs = epochs_of(match) if match else 1.0
    if not 1 < epochs <= 100:
        return 1.0
    start, end = figure.start - sentence.start, figure.end - sentence.start
    if match.string is sentence.text and counts_the_passes(sentence.text, match, start, end):
        return 1.0  # the figure is the passes' total: "for 2 epochs (600B tokens)"
    smaller = (_value(m) for pattern in (TOKEN_FIGURE, CORPUS_FIGURE) for m in pattern.finditer(sentence.text)
               if m.end() <= start or m.start() >= end)
    return 1.0 if any(1e8 <= value < tokens for value in smaller) else epochs


def _sentence_after(text: str, sentence: Span) -> Span | None:
    """The sentence after ``sentence`` in its paragraph, or None."""
    following = next_sentence(text, sentence)
    return following if following is not None and "\n\n" not in text[sentence.end: following.start] else None


def _another_models_tokens(text: str, sentence: str, sized: Sized, own: str | None) -> bool:
    """Whether the token sentence is about another sized model: it names one, and either the text has
    no named flagship or the sentence makes no first-person claim ("we train all models for …"),
    unless the own model's name is the one written nearest before the figure (see :func:`_owner`)."""
    low = sentence.lower()
    # (a sentence that names the own model and tells a continued pre-training, in the first person or with
    # the own model as what it is, makes the other named model its start: "Heron-7B-128K is Kite-7B further
    # pre-trained on 10B tokens"; not "Heron-7B beats Kite-7B, which was further pre-trained on 2T tokens")
    continued = own is not None and own in sentence and CONTINUED_TRAINING.search(low) is not None and (
        re.search(r"\bwe\b", low) is not None
        or re.match(rf"\W*{re.escape(own)}\s+(?:is|was)\s", sentence) is not None)
    others = [name for name in sized if _names_itself(low, name.lower()) and not common_word(text, name)
              and not (own and _squashed(own).startswith(_squashed(name)))
              and not (own and _only_started_from(low, name.lower())) and not continued]
    return bool(others) and (own is None or not trains(sentence))


# a pre-training continued: "continued pre-training", "further pre-trained", "continually pre-train"
CONTINUED_TRAINING = re.compile(r"\b(?:continu\w*|further)\s+(?:pre-?)?train", re.IGNORECASE)


def _started_from(sentence: Span, figure: Span, sized: Sized) -> str | None:
    """The sized name a token figure's run starts from, written before the figure after the words of a
    start ("initialized with Kite-Coder-7B and trained for 500B tokens"), if any."""
    text = sentence.text
    for found in sized.values():
        for _, match in found:
            at = match.start() - sentence.start
            if sentence.start <= match.start() and match.end() <= figure.start and \
                    STARTS_FROM.search(text, max(0, at - 40), at):
                return match.group(0)
    return None


def _only_started_from(low: str, key: str) -> bool:
    """Whether every writing of a name in a sentence is the model a run starts from ("Our model is
    initialized with Kite-Coder-7B and trained for 500B tokens"): it owns none of the sentence's tokens."""
    at = low.find(key)
    while at != -1:
        if not STARTS_FROM.search(low, max(0, at - 40), at):
            return False
        at = low.find(key, at + len(key))
    return True


CAPITALIZED_NAME = re.compile(r"\b[A-Z][\w.-]*\w")


def _title_name_before(text: str, sentence: Span, figure: Span, sized: Sized) -> bool:
    """Whether the model the title names is written after the last sized name before a figure, in its
    sentence ("… from Kite-7B, which was pre-trained on 2T tokens, and train Heron-VL on 50B tokens" under
    "Heron-VL": 50B is Heron-VL's, though its size is written elsewhere)."""
    ends = [match.end() for found in sized.values() for _, match in found
            if sentence.start <= match.start() and match.end() <= figure.start]
    start = max(ends, default=sentence.start)
    return any(in_title(text, name.group(0)) and not common_word(text, name.group(0))
               and name.group(0).lower() not in NOT_NAME_WORDS
               for name in CAPITALIZED_NAME.finditer(text, start, figure.start))


def _names_itself(low: str, key: str) -> bool:
    """Whether ``key`` is written in ``low`` as itself, not as part of another version's name ("kite" in
    "kite-v2" names Kite-V2, see :data:`ANOTHER_VERSION`)."""
    at = low.find(key)
    while at != -1:
        if (at == 0 or not _word_char(low[at - 1])) and not ANOTHER_VERSION.match(low, at + len(key)):
            return True
        at = low.find(key, at + 1)
    return False


# (a student distilled on 50B tokens trains; 训练, 訓練, 学習, 학습 and 훈련 are "training")
TRAINS_ON = re.compile(r"\b(?:pre-?)?train(?:s|ed)?\b|\b(?:pre-?)?training\s+(?:on|for|with)\b"
                       # "2T tokens for pre-training", "Pre-training uses 2T tokens"
                       r"|\b(?:for|during|in)\s+(?:the\s+)?(?:pre-?)?training\b"
                       r"|\b(?:pre-?)?training\s+(?:uses|used|consumes|consumed|processes|processed|sees|saw)\b"
                       r"|\bdistill(?:s|ed)?\b|训练|訓練|学習|학습|훈련"
                       # a model that saw its tokens: "The student saw 2T tokens", "Heron has seen 3T tokens"
                       r"|\b(?:model|student|network|it)\s+(?:saw|sees|(?:has|had)\s+seen)\b"
                       # a sized name that saw or processed them: "Heron-1B itself saw 1T tokens"
                       r"|(?-i:[A-Z])[\w.-]*\d[\w.-]*\s+(?:itself\s+|alone\s+)?(?:saw|sees|(?:has|had)\s+seen"
                       r"|processed|consumed)\b", re.IGNORECASE)


# a corpus the text releases, sized where it is introduced: "We release PloverData, a corpus of 10T tokens",
# "We introduce Heron-Web, a 10T-token dataset" (the text's contribution is data: its size is no run's)
RELEASED_CORPUS = re.compile(r"\bwe\s+(?:publicly\s+)?(?:release|introduce|present|open-?source|publish|build"
                             r"|construct|curate|collect)\w*\s+[\w.-]+(?:\s+[\w.-]+)?\s*,\s*(?:a|an|the)\s+"
                             r"(?:[\w-]+\s+){0,3}?(?:(?:corpus|dataset|collection)\s+(?:of|with|containing|comprising)"
                             r"\s+(?:about\s+|over\s+|roughly\s+|~\s*)?)?$", re.IGNORECASE)


def _one_of_several_corpora(text: str, tokens: float, sentence: Span, sized: Sized | None = None,
                            own: str | None = None) -> bool:
    """Whether the token figure only describes a dataset ("The corpus is about 700M tokens"), with no
    verb that trains on it, while the text sizes other datasets too: which one the flagship was trained
    on is not said there, so the figure is not paired with it. (Given the sized names and the own
    model's, a figure another model owns, "Kite-3B (9T tokens)", or a teacher's or a source model's
    (:func:`~curation.extract.context.teacher_figure`), sizes no dataset of the text's.)"""
    if TRAINS_ON.search(sentence.text) or STAGES.search(sentence.text) or TRAINING_KEY.match(sentence.text):
        return False  # a stage of the run is no corpus of several, nor is a field keyed by training
    return any(abs(other - tokens) > 0.5 * tokens and not _of_another_model(span, where, sized, own)
               and not teacher_figure(text, span) for other, span, where in token_figures(text))


def _of_another_model(figure: Span, sentence: Span, sized: Sized | None, own: str | None) -> bool:
    """Whether a sized name other than the own model's owns a figure (see :func:`_owner`)."""
    if not sized or own is None:
        return False
    owner = _owner(sentence, figure, sized)
    return owner is not None and owner[0] not in _own_names(own, sized)


# a line labelled with a model's name: "- Heron-7B: 6T tokens on 1,024 TPU v5e chips"
LINE_LABEL = re.compile(r"^\W*(?P<label>[^:\n]{1,40}?)\s*[:—–]\s")


def _labelled_by(sentence: Span, name: str | None) -> bool:
    """Whether a sentence is a line labelled with the model ``name`` (:data:`LINE_LABEL`): a figure of the
    model, not one corpus of several (see :func:`_one_of_several_corpora`)."""
    label = LINE_LABEL.match(sentence.text.lstrip())
    return bool(name and label) and _squashed(label.group("label")) == _squashed(name)


def _glosses_owner(sentence: Span, figure: Span, sized: Sized) -> bool:
    """Whether a figure opens the parenthesis right after its owner's name ("Heron-7B (1T tokens)"): the
    model's figure, not one corpus of several."""
    owner = _owner_at(sentence, figure, sized)
    return owner is not None and OPEN_GLOSS.fullmatch(sentence.text, owner[0] - sentence.start,
                                                      figure.start - sentence.start) is not None


OPEN_GLOSS = re.compile(r"\s*\(\s*(?:~\s*|about\s+|approximately\s+)?")
CORPUS_NOTE = "not a training total: one corpus of several the text sizes, not said to be trained on"


# the size of a corpus a sentence builds: "by constructing a large Korean-centric corpus of 560B tokens"
CORPUS_BUILT = re.compile(r"\b(?:construct|build|built|collect|curat|compil|creat|assembl|gather)\w*\s+"
                          r"(?:[\w-]+\s+){0,5}?(?:corpus|corpora|dataset|collection)\s+(?:of|with|containing|"
                          r"totall?ing|comprising)\s+(?:about\s+|approximately\s+|around\s+|over\s+|~\s*)?$",
                          re.IGNORECASE)


def mark_corpus_sizes(estimates: list[Estimate], text: str) -> None:
    """A sentence that pairs a size with the size of a corpus it builds ("a 100B-parameter LM, by
    constructing a corpus of 560B tokens") gives no run when the text sizes other token counts too
    (see :func:`_one_of_several_corpora`), as the flagship's pairing already reads it; a size with a
    token count alone ("up to 11B params, ~1 trillion tokens") is still a run."""
    for estimate in estimates:
        if estimate.method != OPERATION_COUNTING or "pairing" in estimate.assumptions or \
                len(estimate.evidence) != 3:
            continue
        sentence, tokens = estimate.evidence[0], estimate.evidence[2]
        if CORPUS_BUILT.search(text, max(sentence.start, tokens.start - 100), tokens.start) and \
                _one_of_several_corpora(text, float(estimate.assumptions["training_tokens"]), sentence):
            estimate.notes.append(CORPUS_NOTE)


OTHER_SIZE_NOTE = "not its own run: another size's run than the text's flagship"
OTHER_SIZES = re.compile(r"\b(?:other|all|each|every|larger|remaining)\s+(?:model\s+)?"
                         r"(?:sizes?|models|variants)\b", re.IGNORECASE)


def _mark_counts_of_other_sizes(estimates: list[Estimate], text: str, repository: str | None) -> None:
    """Of the operation counts one sentence gives for several sizes ("The 27B model was trained with 14T
    tokens, the 12B model with 12T tokens, the 4B model with 4T tokens"), those of sizes other than the
    text's flagship are other sizes' runs, when the flagship is one of them (a card of the 4B size); the
    flagship's own count read across the text ("Heron-15B … 4.3T tokens") is one of a sentence's counts
    too, against "the smaller 7B variants see 3.5T tokens" in its next clause."""
    by_sentence: dict[int, list[Estimate]] = {}
    for estimate in estimates:
        if estimate.method == OPERATION_COUNTING and not estimate.assumptions.get("table_row"):
            by_sentence.setdefault(estimate.evidence[0].start, []).append(estimate)
    # sizes apart by more than a name's rounding ("Heron-3B" is 2.7B)
    # (not a mixture of experts' active and total counts: one model's two sizes)
    groups = [group for group in by_sentence.values() if len(group) > 1
              and _distinct_sizes([float(e.assumptions.get("parameters", 0)) for e in group])
              and not any(e.assumptions.get("active_parameters") or MIXTURE.search(e.evidence[0].text)
                          for e in group)]
    if not groups:
        return
    own_size = _own_size(text, repository)
    if own_size is None:
        return
    for group in groups:
        sizes = [float(e.assumptions.get("parameters", 0)) for e in group]
        if not any(abs(size - own_size) <= ROUNDING * own_size for size in sizes):
            # the flagship's size written in the sentence with no count of its own ("The 1B and 7B models
            # were trained on 2T tokens, and the 70B model on 4T tokens" on a 1B card): every count
            # there is another size's
            if _writes_size(group[0].evidence[0].text, own_size):
                for estimate in group:
                    estimate.notes.append(f"{OTHER_SIZE_NOTE} ({own_size:.3g} parameters)")
            continue
        # the flagship's own count, when only its pairing across the text gives it, must be of other tokens:
        # a sentence that sizes its own tokens ("13B parameters, … 2.6T tokens" under a "-7B" title) is
        # no other size's run
        own = [(e, abs(size - own_size) <= ROUNDING * own_size) for e, size in zip(group, sizes, strict=True)]
        paired = {round(float(e.assumptions.get("training_tokens", 0))) for e, is_own in own
                  if is_own and e.assumptions.get("pairing")}
        stated = any(is_own and not e.assumptions.get("pairing") for e, is_own in own)
        for estimate, size in zip(group, sizes, strict=True):
            tokens = round(float(estimate.assumptions.get("training_tokens", 0)))
            if abs(size - own_size) > ROUNDING * own_size and (stated or tokens not in paired):
                estimate.notes.append(f"{OTHER_SIZE_NOTE} ({own_size:.3g} parameters)")


def _own_size(text: str, repository: str | None) -> float | None:
    """The flagship's size, else the size the repository's name carries (a card that never writes its
    repository's name is still that size's: "google/heron-3-4b")."""
    flagship = _own_flagship(text, repository)[1]
    return flagship.size if flagship is not None else repository_size(repository)


LISTED_SIZE_NOTE = "the count's sentence lists the own size with others that share its tokens"


def _recount_listed_sizes(estimates: list[Estimate], text: str, repository: str | None) -> None:
    """On a card of one size, an operation count its sentence made with a larger size listed beside the
    card's own, both before the same token figure ("We are releasing 3B, 7B and 13B models trained on 1T
    tokens" on a 7B card; "… and the 7B and 3B on 1T tokens"), is counted again with the own size: the
    listed sizes share the figure. (Read between the token figure before it, if any, and the figure.)"""
    if not repository or not is_card(text, repository):
        return
    own_size = _own_size(text, repository)
    if own_size is None:
        return
    for estimate in estimates:
        if estimate.method != OPERATION_COUNTING or len(estimate.evidence) != 3 or \
                estimate.assumptions.get("table_row") or estimate.assumptions.get("pairing") or \
                estimate.assumptions.get("active_parameters"):
            continue
        sentence, size_span, figure = estimate.evidence
        parameters = float(estimate.assumptions.get("parameters", 0))
        if not parameters or abs(parameters - own_size) <= ROUNDING * own_size or \
                not sentence.start <= figure.start <= sentence.end:
            continue
        end = figure.start - sentence.start
        start = sentence.text.rfind("token", 0, end) + 1  # after the token figure before, if any
        listed = [m for m in LISTED_SIZE_WORD.finditer(sentence.text, start, end)]
        own = [m for m in listed if abs(_value(m) - own_size) <= ROUNDING * own_size]
        if not own or (len(listed) < 2 and size_span.start - sentence.start >= start):
            continue  # (the own size alone in the stretch, beside the size the count used: no list)
        match = own[0]
        estimate.value_flop *= own_size / parameters
        estimate.assumptions["parameters"] = own_size
        at = sentence.start + match.start()
        estimate.evidence[1] = Span(match.group(0), at, at + len(match.group(0)))
        estimate.notes.append(LISTED_SIZE_NOTE)


def _writes_size(sentence: str, size: float) -> bool:
    """Whether a sentence writes ``size`` as a bare size ("the 1B and 7B models")."""
    return any(abs(_value(m) - size) <= ROUNDING * size for m in LISTED_SIZE_WORD.finditer(sentence))


# a size on its own, before "and", a comma, "model(s)" or "parameters": "The 1B and 7B models"
LISTED_SIZE_WORD = re.compile(r"(?<![\w.-])(?P<n>\d+(?:\.\d+)?)\s?(?P<m>[MBT])(?![\w-])"
                              r"(?=\s*(?:,|and\b|or\b|models?\b|param|variants?\b|versions?\b))")


def _distinct_sizes(sizes: list[float]) -> bool:
    """Whether some of ``sizes`` lie further apart than a name's rounding."""
    return bool(sizes) and max(sizes) > (1 + ROUNDING) * min(size for size in sizes if size > 0)


def mark_runs_of_other_sizes(estimates: list[Estimate], text: str, repository: str | None = None) -> None:
    """A device-time run whose own sentence gives its model a size ("Our best dense model (2.3B
    parameters) was trained on 2048 cores for 6 weeks") smaller than the text's flagship, and none
    that is the flagship's, is another size's run: the primary is the flagship's (its estimates stay).
    A sentence that also speaks of the other sizes ("…, and four GPUs to train those of other sizes")
    may be the flagship's. The same set-up told again in another sentence ("Training to convergence took
    over 6 weeks on 2048 TPU v3 cores": the same devices, time and accelerator) is the same run."""
    _recount_listed_sizes(estimates, text, repository)
    _mark_counts_of_other_sizes(estimates, text, repository)
    _mark_named_siblings_runs(estimates, text, repository)
    sized_runs = []
    for estimate in estimates:
        if estimate.method == HARDWARE and not estimate.assumptions.get("table_row") and \
                not OTHER_SIZES.search(estimate.evidence[0].text):
            sizes = [_value(m) for m in PARAMETER_STATEMENT.finditer(estimate.evidence[0].text)
                     if not (m.group("active") or m.group("active2"))]
            if sizes:
                sized_runs.append((estimate, sizes))
    if not sized_runs:
        return
    flagship = _own_flagship(text, repository)[1]
    if flagship is None:
        return
    others = set()
    for estimate, sizes in sized_runs:
        if max(sizes) < flagship.size * 0.95:
            estimate.notes.append(f"{OTHER_SIZE_NOTE} ({flagship.size:.3g} parameters)")
            others.add(_set_up(estimate))
    for estimate in estimates:
        if estimate.method == HARDWARE and _set_up(estimate) in others and \
                not any(note.startswith(OTHER_SIZE_NOTE) for note in estimate.notes):
            estimate.notes.append(f"{OTHER_SIZE_NOTE} ({flagship.size:.3g} parameters), told again")


def _mark_named_siblings_runs(estimates: list[Estimate], text: str, repository: str | None) -> None:
    """A device-time run the text gives a sized name of the own family at another size than its flagship
    ("The training run for Heron-120B required 2.1M H100-hours" in Heron-20B's text, whose title or claim
    names the 20B, and no claim the 120B) is that sibling's run, not the flagship's."""
    named = [e for e in estimates if e.method == HARDWARE and e.model and not e.assumptions.get("table_row")]
    if not named:
        return
    flagship = _own_flagship(text, repository)[1]
    # (the flagship's own sized name claimed or titled, the sibling's not: "We introduce Heron-20B")
    if flagship is None or not flagship.model or not (introduced_as_own(text, flagship.model, as_itself=True)
                                                      or in_title(text, flagship.model)):
        return
    own_family = _squashed(NAME_SIZE_END.sub("", flagship.model))
    for estimate in named:
        model = estimate.model or ""
        sizes = repository_sizes(model)
        if not sizes or _squashed(NAME_SIZE_END.sub("", model)) != own_family or \
                abs(sizes[-1] - flagship.size) <= ROUNDING * flagship.size or \
                introduced_as_own(text, model, as_itself=True):
            continue
        estimate.notes.append(f"{OTHER_SIZE_NOTE} ({flagship.size:.3g} parameters)")


def _set_up(estimate: Estimate) -> tuple[object, ...]:
    """What identifies a device-time run: its device time and its accelerator."""
    assumptions = estimate.assumptions
    return round(float(assumptions.get("chip_seconds") or 0)), assumptions.get("accelerator")


def find_flagship_counting(text: str, repository: str | None = None) -> list[Estimate]:
    """6 · N · D from the text's flagship model size (active parameters for a mixture of experts) and
    its largest training-token figure, found anywhere in the text."""
    any_tokens = _training_tokens(text)  # cheap (anchored on "tokens"): most texts stop here
    # with no figure: the stages of a pre-training summed, else a data-mixture table
    mixture, in_bytes = None, None
    if any_tokens is None:
        stages = stage_tokens(text)
        mixture = max(stages, key=lambda pair: pair[0]) if stages else mixture_tokens(text)
        in_bytes = text_bytes_tokens(text) if mixture is None else None  # "trained on 40GB of text"
    if any_tokens is None and mixture is None and in_bytes is None:
        return _count_from_ratio(text, repository)
    sized, flagship = _own_flagship(text, repository)
    active = _active_parameters(text)
    if flagship is None and active is None and _mentions_mixture(lowered(text)):
        active = _paired_active(text)
    if flagship is None and active is None:
        return []
    if mixture is not None:
        order = [(mixture[0], mixture[1], mixture[1])]
    elif in_bytes is not None:
        order = [in_bytes]
    else:
        order = _token_order(text, flagship.model, sized, flagship.size) if flagship \
            else _token_order(text)
    first = None
    for tokens in order:  # the preferred figure, unless its sentence is no run of the text's own
        estimate = _count_with(text, tokens, sized, flagship, active)
        if estimate is not None and eligible(estimate):
            return [estimate]
        first = first or estimate
    return [first] if first else []


# a run sized by its ratio of tokens to parameters: "Heron-7B is trained with 20 tokens per parameter", "a
# token-to-parameter ratio of 20"
TOKEN_RATIO = re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*(?:training\s+)?tokens?\s*(?:per|/)\s*"
                         r"(?:model\s+)?param(?:eter)?s?\b"
                         r"|\btokens?[\s-]+(?:to|per)[\s-]+param(?:eter)?s?\s+ratio\s+(?:of\s+)?(?:about\s+|~\s*)?"
                         r"(?P<n2>\d+(?:\.\d+)?)(?!\w|\.\d)", re.IGNORECASE)


RATIO_PHRASES = ("tokens per param", "tokens per model param", "tokens/param", "tokens / param", "-to-param",
                 "token to param", "tokens to param")
RATIO_PAIRING = "the text's flagship size times its ratio of tokens to parameters"


def _count_from_ratio(text: str, repository: str | None) -> list[Estimate]:
    """6 · N · D for a text that gives no token figure but trains its flagship at a stated ratio of tokens
    to parameters (:data:`TOKEN_RATIO`), in a sentence that claims the run ("we train …", or the
    flagship's name with a training verb); a ratio said of models in general is none."""
    low = lowered(text)
    cues = [at for phrase in RATIO_PHRASES for at in positions(low, phrase)]
    if not cues:
        return []
    sized, flagship = _own_flagship(text, repository)
    if flagship is None:
        return []
    matches = {m.start(): m for at in sorted(cues)
               for m in TOKEN_RATIO.finditer(text, max(0, at - 30), at + 60)}
    for match in matches.values():
        ratio = float(match.group("n") or match.group("n2"))
        sentence = sentence_around(text, match.start(), match.end())
        named = flagship.name is not None and flagship.name in sentence.text and "train" in sentence.text
        if not 1 <= ratio <= 10_000 or not (named or trains(sentence.text)) or \
                general_statement(sentence.text, sentence.text):
            continue
        span = Span(match.group(0), match.start(), match.end())
        estimate = _count_with(text, (ratio * flagship.size, span, sentence), sized, flagship, None)
        if estimate is not None:
            estimate.assumptions.update(tokens_per_parameter=ratio, pairing=RATIO_PAIRING)
            return [estimate]
    return []


# the own model first in a subject of two that are trained together: "Heron-13B and Kite-13B were both
# trained on 2T tokens" (the figure is each one's)
COORDINATED_TRAINED = re.compile(r"\s+and\s+[^.;,()]{1,40}?\s+(?:were|are|have\s+been|had\s+been)\s+"
                                 r"(?:both\s+|all\s+|each\s+)?(?:pre-?)?trained\b[^.;]*$")


def _coordinated_with_own(sentence: Span, figure: Span, sized: Sized, own: str, size: float) -> bool:
    """Whether the own model at its flagship size opens a subject of two models that are trained together
    and the figure tells that training (:data:`COORDINATED_TRAINED`)."""
    if " and " not in sentence.text:
        return False
    for name in _own_names(own, sized):
        for found_size, match in sized[name]:
            if abs(found_size - size) <= SAME_MODEL_TOLERANCE * size and \
                    sentence.start <= match.start() and match.end() <= figure.start and \
                    COORDINATED_TRAINED.match(sentence.text, match.end() - sentence.start,
                                              figure.start - sentence.start):
                return True
    return False


def _respective_tokens(sentence: Span, size: float) -> tuple[float, Span] | None:
    """The flagship's own token figure where its sentence pairs sizes and figures with "respectively"
    (:func:`~curation.extract.respective.respective_pairs`: "Heron-70B and Heron-7B were trained on 15T and
    2T tokens, respectively" gives the 70B's 15T)."""
    return next(((tokens, span) for found, _, tokens, span in respective_pairs(sentence)
                 if abs(found - size) <= ROUNDING * size), None)


def _count_with(text: str, tokens: tuple[float, Span, Span], sized: Sized, flagship: Flagship | None,
                active: tuple[float, Span] | None) -> Estimate | None:
    """6 · N · D of the flagship (or its active parameters) with one training-token figure, classified
    by its sentence; None when the figure is another model's or one corpus of several."""
    d, token_span, sentence = tokens
    own = flagship.name if flagship else None
    respective = _respective_tokens(sentence, flagship.size) if flagship is not None and \
        "respectively" in sentence.text else None
    if respective is not None:  # "Heron-70B and Heron-7B were trained on 15T and 2T tokens, respectively"
        d, token_span = respective
    owned = respective is not None or (
        own is not None and _owned(_owner(sentence, token_span, sized), own, sized,
                                   flagship.size if flagship else None, False))
    owned = owned or (flagship is not None and own is not None
                      and _coordinated_with_own(sentence, token_span, sized, own, flagship.size))
    aside = opening_comparison_end(sentence.text, token_span.start - sentence.start)  # "Compared with X, …"
    if not owned and _another_models_tokens(text, sentence.text[aside:], sized, own) and \
            not (own is None and _title_name_before(text, sentence, token_span, sized)):
        return None
    if not owned and flagship is not None and \
            _sibling_of_another_size(text, _owner_at(sentence, token_span, sized), token_span, own, sized,
                                     flagship.size):
        return None  # "Heron-3B was distilled from Heron-70B, which was pre-trained on 15T tokens"
    if flagship is not None and not owned and \
            _another_bare_size_before(sentence, token_span, flagship.size, sized):
        return None  # "We train a 125M model on 10B tokens": the 125M model's run, not the flagship's
    if RELEASED_CORPUS.search(text, sentence.start, token_span.start) and not TRAINS_ON.search(sentence.text):
        return None  # "We release PloverData, a corpus of 10T tokens": the data's size, not a run's
    labelled = owned and (_labelled_by(sentence, own) or _glosses_owner(sentence, token_span, sized))
    if (_one_of_several_corpora(text, d, sentence, sized, own) and not labelled) or \
            TEACHER_RUN.search(sentence.text) or \
            teacher_figure(text, token_span) or source_corpus(text, sentence, token_span):
        return None  # (nor a distillation's teacher's run: "The teacher was pretrained on 2T tokens")
    named_active = bool(flagship and flagship.model and NAME_SIZES.search(flagship.model))  # "X-30B-A3B"
    if flagship is not None and (active is not None or named_active):
        stated_active, active = active, _active_of(text, flagship.size)
        if active is None and "total" in flagship.span.text.lower():
            active = stated_active  # a total ("250B total parameters") is never N: the activated count is
    if active is not None and (flagship is None or active[0] < flagship.size):
        n, param_span, model, is_active = active[0], active[1], flagship.model if flagship else None, True
    else:
        n, param_span, model, is_active = flagship.size, flagship.span, flagship.model, False  # type: ignore[union-attr]
    if not 1e6 <= n <= 1e14:
        return None
    epochs = _epochs(text, sentence, d, token_span)
    estimate = Estimate(
        6 * n * d * epochs, OPERATION_COUNTING, [sentence, token_span, param_span],
        {"parameters": n, "active_parameters": is_active, "training_tokens": d, "epochs": epochs,
         "formula": "6 * N * D * epochs" if epochs != 1 else "6 * N * D",
         "pairing": "the text's flagship size with its largest training-token figure"},
        model=model, confidence="Speculative",
    )
    if "word" in token_span.text.lower():  # a count of words (WORD_FIGURE), converted
        estimate.assumptions["tokens_per_word"] = TOKENS_PER_WORD
    elif TEXT_BYTES.fullmatch(token_span.text):  # a size in bytes of text, converted
        estimate.assumptions.update(words_per_gigabyte=WORDS_PER_GIGABYTE, tokens_per_word=TOKENS_PER_WORD)
    started = _started_from(sentence, token_span, sized)
    if started:  # the run goes on from another model: that model's own compute is not counted here
        estimate.assumptions["continued_from"] = started
    # a size written as a mixture of experts' ("a 600 billion parameter Transformer with Mixture-of-Experts
    # layers"): a total, never N (only its activated count is)
    if not is_active and flagship is not None and MIXTURE.search(
            sentence_around(text, flagship.span.start, flagship.span.end).text):
        estimate.notes.append(f"{TOTAL_ONLY_NOTE}, its active count unknown")
    clause = stage_clause(sentence, token_span).lower()
    mark_local_cues(estimate, text, sentence, token_span)
    # what a comparison, a concession or a semicolon after the figure leads to is about another side
    clause = up_to_other_clause(clause, token_span.text.lower())
    return restage_pretrained(classify(estimate, clause.replace(token_span.text.lower(), "")), sentence,
                              token_span)
