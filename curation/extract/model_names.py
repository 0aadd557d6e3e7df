"""Which model a sentence is about: the name that stands nearest to a compute figure."""

from __future__ import annotations

import re
from functools import lru_cache

from curation.extract.hardware import resolve_accelerator

# "called Albatross", "named Heron", "dubbed X"
# "Heron-7B", "Heron 1.5B", "Heron-30B-A3B", "H5-11B" (a letter and a digit), and a size in parentheses after
# the name, "Heron-Large (340M)"
SIZED_NAME = re.compile(r"(?<![\w.-])(?P<name>(?:[A-Z][A-Za-z]+(?:\d+(?:\.\d+)?)?|[A-Z]\d{1,2})"
                        # (a hyphenated part may carry a version: "Heron-V2-16B", "Heron-H1-34B")
                        r"(?:-[A-Za-z]+(?:\d+(?:\.\d+)?)?)*"
                        r"(?:[- ]\d+(?:\.\d+)?)?)(?:[- ]|(?P<open>\s\())"
                        r"(?P<n>\d+(?:\.\d+)?)(?P<m>[MBT])(?(open)\)|(?:-A\d+(?:\.\d+)?[MB])?)"
                        # a suffix that names the base model itself, "Heron-7B-Base", "Heron-7B-v0.1", or the
                        # context length of a long-context variant, "Heron-7B-128K"
                        r"(?:-(?:[Bb]ase|BASE|[Pp]re-?[Tt]rained|PT|hf|v\d+(?:\.\d+)*|\d+[kK]))?(?![\w-])"
                        r"(?!\s*(?:tokens|words|images|examples|samples|steps|pairs|documents))")
# the same written in lower case, as repositories name models: "heron-oss-20b", "heron-7b-base",
# "heron2.5-1.5b" (a hyphen before the size, at least one letter after the first; "state-of-the-art" has
# no size; no size in parentheses: the group the upper-case pattern has is never set)
LOWER_SIZED_NAME = re.compile(r"(?<![\w.-])(?P<name>[a-z][a-z]+(?:\d+(?:\.\d+)?)?"
                              r"(?:-[a-z]+(?:\d+(?:\.\d+)?)?)*)-(?P<open>(?!))?(?P<n>\d+(?:\.\d+)?)(?P<m>[mbt])"
                              r"(?:-(?:base|pt|hf|v\d+(?:\.\d+)*|\d+k))?(?![\w-])"
                              r"(?!\s*(?:tokens|words|images|examples|samples|steps|pairs|documents))")
INTRODUCED = re.compile(r"\b(?:called|named|dubbed)\s+(?P<name>[A-Z][\w.+-]*(?:\s\d+(?:\.\d+)?[BMT])?)")
# "Heron-3 175B", "Heron 2 70B", "heron-1", "HeronBERT", "H5-11B", "HeronMoE 16B"
NAME_LIKE = re.compile(
    # (a name's last character is no point: "… for Heron-70B." names Heron-70B)
    r"(?<![\w.-])(?P<name>[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9.]*[A-Za-z0-9])*(?:[- ]\d+(?:\.\d+)?[BMT]?)?"
    r"(?:\s\d+(?:\.\d+)?[BMT])?)(?![\w-])"
)
NOT_NAMES = {"gpu", "gpus", "tpu", "tpus", "npu", "npus", "ipu", "ipus", "hpu", "hpus", "cpu", "cpus", "xpu",
             "xpus", "lpu", "lpus", "gcd", "gcds",  # devices and their dies ("256 GCDs")
             "dgx", "hgx", "superpod", "superpods",  # systems of devices ("a DGX SuperPOD")
             "dimm", "dimms",  # memory modules ("256GB RAM (16x16GB DIMMs)")
             "nvidia", "geforce", "radeon",  # a device's maker or brand ("using NVidia Tesla K40")
             # a device's form factor and memory ("H100 SXM5", "A100 PCIe", "HBM3")
             "sxm", "sxm2", "sxm3", "sxm4", "sxm5", "pcie", "pcie4", "pcie5", "nvl", "oam", "hbm", "hbm2",
             "hbm2e", "hbm3", "hbm3e", "gddr6", "gddr6x", "nvlink",
             # the network between devices ("128 nodes, InfiniBand", "RoCE v2", NVIDIA's switch chips)
             "infiniband", "roce", "rocev2", "nvswitch", "ethernet",
             "flop", "flops", "mfu", "hfu", "pf-days", "fp16", "fp32", "bf16", "oom", "ooms",
             # software a run is written in ("implemented in PyTorch and trained for …")
             "pytorch", "tensorflow", "jax", "flax", "keras", "mxnet", "paddlepaddle", "deepspeed",
             "fp8", "tf32", "table", "figure", "section", "appendix", "we", "our", "the", "in", "on", "for",
             # units of energy, emissions and water, not models
             "co2", "co2e", "co2eq", "tco2e", "tco2eq", "kgco2e", "kwh", "mwh", "gwh", "twh", "kw", "mw",
             "kl", "ml",
             # kinds of models, not names ("our MoE", "the LLM")
             "moe", "moes", "llm", "llms", "vlm", "vlms", "mllm", "mllms", "slm", "slms",
             # architectures, not names ("our 2.6B UNet")
             "unet", "unets", "u-net", "u-nets", "convnet", "convnets",
             # organizations written like models ("like the 175B OpenAI GPT-3 model": GPT-3's maker)
             "openai", "deepmind", "huggingface", "eleutherai", "mosaicml", "allenai", "bigscience",
             "stabilityai", "metaai", "togetherai"}


# a unit, not a name: "zettaFLOPs", "GPU-hours", "TPUv3-core-days", "A100-hours", a sentence's last word
# "V100-years.", a unit with a footnote's mark "FLOP1", device hours in one word "GPUh", "kGPUh"
UNIT_WORD = re.compile(r"flops?\d?\.?$|flop/s$|-(?:hours?|days?|weeks?|months?|years?)\.?$"
                       r"|^k?(?:gpu|tpu|npu|chip|node)-?h(?:rs?)?\.?$"
                       # emissions in tonnes or kilograms: "46.7 tCO2 e", "3.2 MTCO2e"
                       r"|^(?:kg|[kmg]?t)?co2(?:-?e|-?eq)?\.?$", re.IGNORECASE)


# (and a TPU slice, a version with its count of cores: "v3-8", "v4-512")
KIND_SUFFIX = re.compile(r"-(?:style|like|based|sized|class|scale|type|esque)$", re.IGNORECASE)
# a kind of model written as words joined by hyphens: with a joining word ("Mixture-of-Experts",
# "Sequence-to-Sequence", "Decoder-Only") or of an architecture's words alone ("Encoder-Decoder",
# "Vision-Language", "State-Space")
KIND_COMPOUND = re.compile(r"[A-Za-z]+(?:-(?:of|to|and|only|for|with|in)-?[A-Za-z]*)+"
                           r"|(?:encoder|decoder|transformer|vision|language|multi|modal|state|space|dense"
                           r"|sparse|causal|mixture|experts?|text|image|speech|audio|video)"
                           r"(?:-(?:encoder|decoder|transformer|vision|language|modal|state|space|dense|sparse"
                           r"|causal|experts?|text|image|speech|audio|video))+", re.IGNORECASE)
# a version alone ("v3", "v3-512"), or with its TPU, a pod slice ("TPUv3-256", "TPU-v4-1024")
VERSION_ALONE = re.compile(r"(?:[Tt][Pp][Uu]-?)?[vV]\d+(?:\.\d+)?[a-z]?(?:-\d+)?s?")
CHECKPOINT_NAME = re.compile(r"(?:global[-_]?)?step[-_]?\d", re.IGNORECASE)
# a rank, not a name: experts routed to ("top-4 routing"), an accuracy or a score ("top-1", "pass@1")
RANK_WORD = re.compile(r"(?:top|pass|rank)[-@]?\d+", re.IGNORECASE)
# a cloud machine's family or type ("P4d instances", "p3dn.24xlarge", "G5 nodes", "Trn1"): hardware rented
INSTANCE_FAMILY = re.compile(r"(?:[pP][2-6](?:d|de|dn|e|en)?|[gG][4-6](?:dn|e)?|[tT]rn[12]n?)"
                             r"(?:\.\d*x?large)?s?")


def looks_like_a_model(name: str) -> bool:
    """Whether a name is written like a model's: letters with a digit or an inner capital ("Heron-7B",
    "HeronBERT"), not a unit ("GPU-hours", "zettaFLOPs"), an accelerator or a bare size ("7B", or the
    active size of a mixture of experts, "A13B")."""
    if name.isalpha() and (name[1:].islower() or name.isupper()):
        return False  # a plain word, no digit and no inner capital: the common case, told at once
    word = name.split()[0]
    if word.split("-")[0].lower() in NOT_NAMES or UNIT_WORD.search(word):
        return False
    if word.lower() in NOT_NAMES or resolve_accelerator(word) or resolve_accelerator(name):
        return False
    if re.fullmatch(r"[A-Za-z][\w.-]*\ds", word) and resolve_accelerator(word[:-1]):
        return False  # an accelerator in the plural ("64 K40s") is hardware, not a model
    if VERSION_ALONE.fullmatch(word) or CHECKPOINT_NAME.match(word) or INSTANCE_FAMILY.fullmatch(word) or \
            RANK_WORD.fullmatch(word):
        return False  # a version alone ("TPU v2s", "v3"), a checkpoint ("step1000-tokens4B"), a cloud
        # machine's type ("P4d") or a rank ("top-4") is no model
    if KIND_SUFFIX.search(word) or KIND_COMPOUND.fullmatch(word):
        return False  # a kind of model: "GPT-style models", "BERT-like encoders", "Heron-based systems",
        # "a Mixture-of-Experts model"
    # (a family, its version and its size in words apart: "Heron 3.1 405B", "Heron 2 70B")
    has_digit = any(c.isdigit() for c in word) or VERSIONED_SIZED.fullmatch(name) is not None
    inner_capital = any(c.isupper() for c in word[1:]) and not word.isupper()  # HeronBERT, not TDP
    size_only = re.fullmatch(r"A?\d+(?:\.\d+)?[BMKT]", word)  # (or an active size: "A13B")
    return word[0].isalpha() and (has_digit or inner_capital) and not size_only


PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\s+$")
VERSIONED_SIZED = re.compile(r"[A-Z][A-Za-z]{2,} \d{1,2}(?:\.\d{1,2})? \d+(?:\.\d+)?[BMT]")


def _generation_of(sentence: str, match: re.Match[str]) -> bool:
    """Whether a name is the generation of the accelerator word before it ("TPU v5p", "Tesla K80")."""
    previous = PREVIOUS_WORD.search(sentence, max(0, match.start() - 20), match.start())
    if previous is None:
        return False
    return bool(resolve_accelerator(f"{previous.group(1)} {match.group('name').split()[0]}"))


def squash_name(name: str) -> str:
    """A name reduced to its letters and digits in lower case, for comparing ways of writing it
    ("Heron-J 6B‡" and "heron-j-6b" alike)."""
    return re.sub(r"[\W_]+", "", name.lower())


# (the "#" first, the line's start checked behind it: a fast scan, see ``sections.HEADING``)
TITLE = re.compile(r"#(?<=^#)\s+(?:Model Card for\s+)?(?P<name>[^\n#]{2,60}?)\s*$",
                   re.MULTILINE | re.IGNORECASE)


# a number standing alone, a size or a plain count: three or more make a table's row, not a title
LONE_NUMBER = re.compile(r"(?<![\w.-])\d+(?:\.\d+)?[BMTK]?(?![\w.-])")


@lru_cache(maxsize=16)  # asked by several finders about the same text
def document_title(text: str) -> str | None:
    """A Markdown document's first level-one heading (a model card's title names its model); a line that
    opens with "#" but holds three numbers or more is a table's row as PDF text writes one ("# Activated
    Params - 21B 72B 405B 37B"), not a heading."""
    for match in TITLE.finditer(text):
        if len(LONE_NUMBER.findall(match.group("name"))) < 3:
            return match.group("name").strip()
    return None


# "results on GLUE, SuperGLUE", "trained on SlimPajama", "the MMLU benchmark", "the HumanEval performance":
# evaluated on or trained with, so a benchmark or a dataset, not the model (a listed item may carry a
# gloss: "trained on unfiltered Stack (deduplicated python) and StackOverflow")
LISTED_AFTER = re.compile(r"\b(?:on|across|including|such as|from|with)\s+(?:the\s+)?"
                          r"(?:[\w.+-]+(?:\s*\([^()]{0,40}\))?,?\s+(?:and\s+)?){0,4}$", re.IGNORECASE)
# a verb right after a name makes it the subject of its clause, not an item of a list
SUBJECT_VERB_AFTER = re.compile(r"\s+(?:is|was|are|were|has|had|needs?|needed|requires?|required|uses?|used|"
                                r"took|takes|reaches|reached|achieves|achieved|outperforms|outperformed)\b")
# (a word or two of what the data is may stand between, "ERA5 reanalysis data", "the MMLU 5-shot accuracy",
# but no verb or function word, "Heron-7B trained on data …" is a model, nor a stage of its own training,
# "the Heron-7B pre-training data")
DATA_WORDS = (r"(?:(?!(?:is|was|are|were|be|been|being|on|in|at|of|with|for|to|from|by|and|or|but|the|a|an"
              r"|its|their|our|has|had|have|uses?|used|using|trained|trains?|training|pre-?training|fine-?tuning"
              r"|finetuning|learns?|learned|sees?|saw|seen|given|gets?|got|needs?|needed|requires?|required|took"
              r"|takes?)\b)[a-z0-9][a-z0-9-]*\s+){0,2}?")
NAMED_AS_DATA = re.compile(r"^[\s)]*" + DATA_WORDS +
                           r"(?:benchmarks?|datasets?|corpus|corpora|tasks?|scores?|accuracy|test|"
                           r"leaderboard|data\b|split|performance\b|pass@"
                           # what a dataset holds: "the 1.28M ImageNet training images", "ImageNet images"
                           r"|(?:training\s+|validation\s+|train\s+)?(?:images|samples|examples|videos|clips"
                           r"|utterances|documents)\b|(?:training|validation|train)\s+(?:set|split)\b)",
                           re.IGNORECASE)

# a name that modifies what the run borrowed from that model, not a run of it: "follows the Kite-2
# architecture", "Kite's tokenizer", "the Kite-7B recipe"; or that is compared in design, "the same
# tokenizer as Kite-2" (read with match(), from the name's end)
# (or a style: "a GPT-2 style model", "a Kite-like architecture")
NAMED_AS_DESIGN = re.compile(r"-like\b|[\s-]style\b"
                             r"|(?:'s)?\s+(?:architecture|tokeni[sz]er|vocabulary|design|recipe|codebase|"
                             r"code\s+base|chat\s+template|prompt\s+format|config(?:uration)?|hyper-?parameters)\b",
                             re.IGNORECASE)
SAME_DESIGN_AS = re.compile(r"\b(?:same|similar)\s+(?:[\w-]+\s+){0,2}?(?:architecture|tokeni[sz]er|vocabulary"
                            r"|design|recipe|codebase|config(?:uration)?|hyper-?parameters)\s+(?:as|to)\s+"
                            r"(?:the\s+|that\s+of\s+)?$", re.IGNORECASE)

# words that open a sentence before its subject: "For reference, Kite needs …"
DISCOURSE_OPENER = (r"(?:(?i:for\s+(?:reference|comparison|example|instance)|by\s+contrast|in\s+comparison"
                    r"|similarly|notably|likewise"
                    # "As a reference point,", "As a point of comparison,"
                    r"|as\s+an?\s+(?:reference(?:\s+point)?|point\s+of\s+(?:reference|comparison)|comparison"
                    r"|baseline)"
                    # a phrase that sets the scene: "Among open models,", "With 1M A100 GPU-hours,"; or
                    # the name in apposition: "The largest model to date, Kite-540B, used …"
                    r"|(?:among|with|at|in|the)\s(?:[^,.;]|\.(?=\d)){1,60}),\s+)?")
# "Albatross (70B parameters) was trained on …", "Albatross used 2.5e24 FLOP": a one-word name as the
# subject of a training sentence or of a verb of spending (also after a section heading run into it, and
# after words that open the sentence: "For example, Albatross used …")
TRAINED_SUBJECT = re.compile(r"\W*(?:\d+(?:\.\d+)*\s+[A-Z][\w ]{0,40}\n)?" + DISCOURSE_OPENER +
                             r"(?P<name>[A-Z][A-Za-z]{2,})\s*(?:\([^()]{0,60}\)\s*)?"
                             r"(?:(?P<verb>was|is|were|has\s+been)\s+"
                             r"(?:then\s+|first\s+|also\s+|subsequently\s+|initially\s+|finally\s+)?"
                             r"(?:pre-?)?trained\b"
                             r"|(?:used|needed|required|consumed|took)\s+(?:about\s+|roughly\s+|~\s*)?\d)")
CLAUSE_OPENING = re.compile(r";\s+(?=[A-Z])")


def trained_subject(sentence: str) -> str | None:
    """The one-word name that is the subject of a training sentence (:data:`TRAINED_SUBJECT`), at the
    sentence's start or at the start of a clause after a semicolon ("Compute has grown fast; Albatross
    used 5.8e23 FLOPs"), and is not a capitalized common word ("Models were trained …")."""
    starts = [0] + ([m.end() for m in CLAUSE_OPENING.finditer(sentence)] if ";" in sentence else [])
    for start in starts:
        subject = TRAINED_SUBJECT.match(sentence, start)
        if subject is None:
            continue
        name = subject.group("name")
        # a plural that "were trained" is a kind of model, not a name ("Models were trained", "Agents …")
        plural = name.endswith("s") and subject.group("verb") == "were"
        if name.lower() not in SENTENCE_OPENERS and not plural and not resolve_accelerator(name):
            return name
    return None


# capitalized words that open sentences without naming a model
SENTENCE_OPENERS = {"the", "this", "that", "these", "those", "it", "each", "every", "our", "we", "all", "one",
                    "model", "training", "pretraining", "network", "system", "everything", "which", "here",
                    "then", "finally", "first", "next", "also", "thus", "hence", "there", "baseline",
                    "overall", "altogether", "experiments", "inference", "evaluation", "total", "compute",
                    "finetuning", "distillation", "search", "tuning", "annotation", "models", "networks",
                    "both", "others"}


# an aside between commas that sets another model beside the subject: "Heron-7B, like Lark-7B, was trained
# on 2T tokens", "Heron-7B, unlike Kite-65B, uses …" (the figure after it is the subject's)
ASIDE_OPENER = re.compile(r",\s*(?:just\s+)?(?:like|unlike|as\s+with|similar\s+to|as\s+for)\s+(?:the\s+)?$",
                          re.IGNORECASE)
ASIDE_CLOSER = re.compile(r"\s*\)?\s*,")


# a comparison that opens its sentence, its name glossed or not, before the main clause: "Compared with
# Kite-13B (trained on 1T tokens), v2 is trained on …", "Unlike Kite-13B, this model …" (the main clause's
# figures are not Kite's)
COMPARING_OPENER = (r"(?:like|unlike|as\s+with|as\s+for|similar\s+to|compared\s+(?:to|with)"
                    r"|in\s+contrast\s+to|relative\s+to|as\s+opposed\s+to)")
# (after a section heading PDF text runs into the sentence: "2 Training\nUnlike Kite, …")
OPENING_COMPARISON = re.compile(r"\W{0,3}(?:\d+(?:\.\d+)*\.?[ \t]+[^\n]{1,40}\n\W{0,3})?"
                                rf"{COMPARING_OPENER}\s+(?:the\s+)?", re.IGNORECASE)
# (the comparison's name may carry a gloss, a relative clause or a participle: "Like Kite-70B, trained on 15T
# tokens, Heron …" closes at the second comma)
OPENING_COMPARISON_CLOSER = re.compile(r"\s*(?:\([^()]*\))?(?:\s*,\s*(?:which|that|who|(?:pre-?)?trained)\b"
                                       r"(?:[^,;()]|,\d{3})*)?\s*,(?!\s*(?:which|that|who|(?:pre-?)?trained)\b)")


def opening_comparison_end(sentence: str, figure: int) -> int:
    """Where the comparison that opens a sentence (:data:`OPENING_COMPARISON`) ends, its comma, when it
    closes before offset ``figure``; else 0."""
    if "," not in sentence[:figure]:
        return 0
    opening = OPENING_COMPARISON.match(sentence)
    name = NAME_LIKE.match(sentence, opening.end()) if opening else None
    closer = OPENING_COMPARISON_CLOSER.match(sentence, name.end(), figure) if name else None
    return closer.end() if closer else 0


# a relative clause about a name that a comma closes: "Heron-7B matches Kite-7B, which was trained on 15T
# tokens, while using only 2T tokens" (what follows the clause is not Kite's; a comma inside a number,
# "16,000", closes nothing)
CLOSED_RELATIVE = re.compile(r"\s*,\s*(?:which|who|whose)\b(?:[^,;()]|,\d{3})*,(?!\d{3})")


# an apposition that says what kind of model the name before its comma is: "Heron-G, a ViT with 1.8B
# parameters, …", "Heron-7B, a decoder-only Transformer, …" (the name inside is the kind, the run is
# Heron-G's)
APPOSITION_OPENER = re.compile(r"(?P<name>[A-Za-z][\w.-]*[\w]),\s+an?\s+(?:[\w.-]+\s+){0,2}$")


def in_aside(text: str, start: int, end: int, figure: int | None = None) -> bool:
    """Whether the name at ``start:end`` stands in an aside that sets it beside its clause's subject
    (see :data:`ASIDE_OPENER`), or in an apposition that tells what kind of model the name before it is
    (:data:`APPOSITION_OPENER`), or (given the ``figure``'s offset) a relative clause about it closes
    before that figure (:data:`CLOSED_RELATIVE`), or a comparison that opens the sentence, glossed or not,
    closes before it (:data:`OPENING_COMPARISON`)."""
    if figure is not None and "," in text[end: end + 3]:
        closed = CLOSED_RELATIVE.match(text, end, figure)
        if closed is not None:
            return True
    if figure is not None and start < 24 and end <= opening_comparison_end(text, figure):
        return True
    if ", a" in text[max(0, start - 40): start]:  # (cheap: "Heron-G, a ViT …", "…, an …")
        apposition = APPOSITION_OPENER.search(text, max(0, start - 60), start)
        if apposition is not None and looks_like_a_model(apposition.group("name")):
            return True
    return "," in text[max(0, start - 20): start] and \
        ASIDE_OPENER.search(text, max(0, start - 20), start) is not None and \
        ASIDE_CLOSER.match(text, end) is not None


def model_before(sentence: str, at: int) -> str | None:
    """The model named nearest before offset ``at`` in a sentence, the one a figure written there
    belongs to ("Unlike Kite-70B, which required 1.7M GPU hours, Heron-7B needs only 82K": 82K is
    Heron-7B's; "5% of Kite-70B's 1.7M GPU hours": 1.7M is Kite-70B's), skipping a name in an aside or
    one whose relative clause closes before the figure (:func:`in_aside`); else :func:`nearby_model`. In a
    clause after a semicolon, a name in that clause or its one-word subject comes first ("We train Heron-7B
    on 2T tokens; Kite used 5.8e23 FLOPs": Kite's)."""
    clause = sentence.rfind(";", 0, max(0, at)) + 1 if ";" in sentence else 0
    for start in ((clause, 0) if clause else (0,)):
        for match in reversed(list(NAME_LIKE.finditer(sentence, start, max(0, at)))):  # the nearest first
            if in_aside(sentence, match.start(), match.end(), at):
                continue
            if _written_as_a_model(sentence, match):
                return match.group("name").strip()
        subject = trained_subject(sentence[start:]) if start else None
        if subject:
            return subject
    return nearby_model(sentence)


def _written_as_a_model(sentence: str, match: re.Match[str]) -> bool:
    """Whether a model-like name is written as a model's, not as a benchmark or a dataset (see
    :func:`nearby_model`) nor as a generation of a family, nor as a link's anchor ("(#page-6-0)")."""
    if not looks_like_a_model(match.group("name")) or _generation_of(sentence, match):
        return False
    if sentence[match.start() - 1: match.start()] == "#":  # a link's anchor: "[2.](#page-6-0)", "#datasets"
        return False
    listed = LISTED_AFTER.search(sentence[max(0, match.start() - 80): match.start()]) and \
        not SUBJECT_VERB_AFTER.match(sentence, match.end())  # "on A100s, Heron-7B needs …": a subject
    after = sentence[match.end():]
    # (a design's owner whose training a clause then tells is a model: "the same architecture as Kite-7B,
    # which was trained on 1T tokens …")
    design = NAMED_AS_DESIGN.match(after) or (
        SAME_DESIGN_AS.search(sentence, max(0, match.start() - 60), match.start())
        and not TRAINING_TOLD_AFTER.match(after))
    return not (listed or design or NAMED_AS_DATA.match(after) or NAMED_AS_DEVICE.match(after))


# a clause right after a name that tells its training: ", which was trained on …", " (trained on …"
TRAINING_TOLD_AFTER = re.compile(r"\s*(?:,\s*(?:which|that)\s+(?:was|were|is|has\s+been)\s+|\(\s*)"
                                 r"(?:pre-?)?trained\b", re.IGNORECASE)


# a name a device noun follows is a device's ("8 P600 GPU's", "V100S GPUs", "16x16GB DIMMs")
NAMED_AS_DEVICE = re.compile(r"\s*(?:GPU(?:'?s)?|TPUs?|NPUs?|cards?|accelerators?|chips?)\b")


def nearby_model(sentence: str) -> str | None:
    """The model a sentence names: one it introduces ("called X"), else its first model-like name that
    is not written as a benchmark or a dataset (a name listed after "on", "across", "such as", or
    followed by "benchmark", "dataset", "score", …), else a one-word name that is the subject of a
    training sentence ("Albatross was trained on …")."""
    introduced = INTRODUCED.search(sentence)
    if introduced:
        return introduced.group("name")
    for match in NAME_LIKE.finditer(sentence):
        if _written_as_a_model(sentence, match):
            return match.group("name").strip()
    return trained_subject(sentence)
