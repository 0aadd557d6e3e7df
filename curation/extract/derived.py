"""Whether a model card describes a derived model (a fine-tune, an instruct or chat version, a quantized
or converted copy) and which model it derives from.

A derived model's card usually repeats its base's pre-training story ("trained on 2T tokens on 512
GPUs"); that run is the base's, never the derived model's own. The rules, from the card alone and the
repository name the source gives:

1. **Front matter names a base** (``base_model:``): derived, unless the card is a continued
   pre-training release: its name carries no post-training marker and the card calls its own training
   pre-training.
2. **A converted or quantized copy**: its name or title says GGUF, GPTQ, AWQ, EXL2, MLX, ONNX, int4/8, a
   quantization's type ("Q4_K_M", "IQ4_XS", "FP8", "W4A16", "NF4"), or the weights re-saved ("-fp16", "-bf16",
   "-sharded"); its front matter has ``quantized_by``; or its opening says "quantizations of", "quantized
   version of", "conversion of", "converted from", "mirror of", "a sharded copy of", "re-upload of", "GGUF
   format model files for" (and, on a card named as a copy, a format or a width between, "quantized GGUF
   versions of", "4-bit AWQ weights of"). (A card that merely lists other formats of itself, "quantized
   versions of this model", or its family's quantized siblings is not a copy.)
3. **A sentence says what it was fine-tuned from**: "a fine-tuned version of X", "fine-tuned from X",
   "built by fine-tuning X", "initialized from X and fine-tuned", "obtained by further training X",
   "Finetuned from model: X" (not a template's placeholder, "[More Information Needed]", "None"), "Parent
   Model: X", "a fine-tune of X", "an instruction-tuned (chat, aligned, uncensored, instruct fine-tuned)
   version of X", "SFT of X", "a merge of X and Y", "we trained X further", "we post-train X", "built upon
   X, … tuned for …", "a finetune based on X", "Heron is X instruction-tuned on …", "we instruction-tune
   (fine-tune, align) X" (not one tuned "as a baseline"), "trained on top of X with supervised
   fine-tuning", "starts from the X checkpoint and is fine-tuned", "trained from X, …, using SFT", "Heron
   is X with continued instruction tuning", "post-trained from X", "specializes X for mathematics via
   SFT", "derived from X by pruning", "a merged model combining X and Y", "Heron is X further trained with
   RLHF" (or "trained further", or "trained with reinforcement learning"), "Roleplay finetune of X." and
   "Fine-tuned version of X." (no article), "A DPO-tuned X" or "is a X finetune" (said of the card's
   model), "uses X weights, further trained on …", "X + 10B tokens of math + SFT", "fine-tuned on top of
   X", "created by applying DPO (or GRPO) to X", "produced from X via SFT", "Heron is a chat model based
   on X", "an X model instruction tuned on …", "uses X as its base model and was aligned …", "fine-tuned
   with X as the base model", "obtained (or trained) by fine-tuning X" (or by "supervised fine-tuning X"),
   "the result of training X on …", "a finetuned X model", "we took X and trained it on …", "a version of
   X trained on …", a "Base model: X" field in the card's body (or a "Base model" heading over a line that
   opens with X), and "we trained X on …" (or a paragraph opening "X fine-tuned on …") on a card whose
   name is X's with a word added that is no version ("X-orca") — unless X is the card's own model or one
   built on it whose name extends the card's (a base card listing the models "built by fine-tuning" it,
   "the chat version of" it, or "we finetuned X-Chat on …"; a name that adds only "Base" is a base: "Kite"
   fine-tuned from "Kite-Base" is derived).
4. **The name is a fine-tuning method**: a repository or title ending in SFT, DPO, RLHF, ORPO, SimPO, KTO,
   GRPO or PPO.
5. **An adapter**: its name or title says LoRA, QLoRA or adapter, its front matter's library is PEFT,
   or its opening calls it "a LoRA adapter for X" / "adapter weights of X": its base is X.
6. **A post-trained name over a base's run**: a name or title with "-instruct", "-chat", "-it" … whose
   card tells the pre-training as its base's ("The base model was pretrained on 2T tokens …"): derived
   from that unnamed base.
7. **A merge by recipe**: its front matter's tags say "merge" or "mergekit", or its body gives a merge
   recipe ("merge_method: dare_ties"): its base is the first model the recipe lists ("- model: X").
8. **A tuned name over a run of the model it extends**: the card's repository is another model's name
   with only a word of tuning or editing added ("-instruct", "-chat", "-sft", "-uncensored",
   "-abliterated", perhaps with a version), and the card tells that model's training ("Kite-7B was
   trained on 2T tokens" on "Kite-7B-Uncensored"): its base is that model.

9. **A family's card that says which member it holds**: "This is the repository for the 13B fine-tuned
   model, optimized for dialogue" (or the chat, instruct, aligned version): derived from the family's
   pretrained model of that size, unnamed.
10. **Said in Chinese or Japanese**: "基于 X 进行指令微调", "在 X 的基础上微调", "由 X 微调得到",
   "是 X 的量化(对话)版本", "X をベースに指示チューニングした", "X の量子化版": its base is X.
11. **On a post-trained model's card** (a name with "-chat", "-instruct" …): "we SFT (fine-tune, align) X
   (pretrained on 2T tokens) on …" and "uses X as its backbone" (base model, starting point): its base is X.

Names such as "-instruct" or "-chat" alone do not make a card derived: some releases have no separate
base, and their card's pre-training is the instruct model's own.

A card that says its model was obtained by tuning a pretrained model it leaves unnamed there ("To obtain
Heron, we fine-tune a pretrained language model …", "Heron is obtained by fine-tuning a pre-trained
model") is read as a derived card's for its run (:func:`tuned_from_unnamed`: its run is its tuning, its
base the model it is "based on"), but names no base for linking: the paper such a card gives is its own.

On a card that is no derivative but continues another model's training ("initialized with Kite-7B weights
and continually pre-trained on 500B tokens", "extends the context of Kite-7B to 32k", "we extend Kite-7B
to a 100k context", "is Kite-7B adapted to the medical domain", "is based on Kite-7B", "is Kite-7B
continued on 500B tokens", "continues the pretraining of Kite-7B", "Starting from Kite-7B, we further
pre-train …", "is Kite-7B with an additional 1T tokens of pretraining", "a domain-adapted version of
Kite-7B", "we take Kite-7B and continue training it"), a sentence telling "the base model"'s run or
Kite-7B's (Kite-7B named before its figure) is Kite's, and so is a figure told after those words in a
relative clause or an apposition about Kite ("based on Kite-7B, a language model pre-trained on 2T
tokens") (:func:`mark_base_runs`).
"""

from __future__ import annotations

import re

from curation.extract.anchors import lowered, positions
from curation.extract.card_finders import looks_like_model_card, repository_size
from curation.extract.context import NOT_OWN_RUN, eligible
from curation.extract.evidence import FINETUNING, PRETRAINING, Estimate, sentence_around
from curation.extract.model_names import looks_like_a_model, squash_name
from schemas.model_cards import base_model_of, front_matter

# a name that says its model was tuned or edited after pre-training: a post-training word, or an edit of
# its behaviour ("-uncensored", "-abliterated")
POST_TRAINING_WORDS = r"instruct|chat|it|sft|dpo|rlhf|orpo|simpo|rl"
EDIT_WORDS = POST_TRAINING_WORDS + r"|uncensored|abliterated"
EDITED_NAME = re.compile(rf"(?<![a-z])(?:{EDIT_WORDS})(?![a-z])", re.IGNORECASE)
POST_TRAINING_NAME = re.compile(rf"(?<![a-z])(?:{POST_TRAINING_WORDS})(?![a-z])", re.IGNORECASE)
ADAPTER_NAME = re.compile(r"(?<![a-z])(?:q?lora|adapters?)(?![a-z])", re.IGNORECASE)
ADAPTER_PHRASE = re.compile(r"\b(?:q?lora\s+)?adapter(?:\s+weights)?\s+"
                            r"(?:for|of|(?:trained\s+)?on\s+top\s+of)\s+(?:the\s+)?", re.IGNORECASE)
METHOD_NAME = re.compile(r"(?<![a-z])(?:sft|dpo|rlhf|orpo|simpo|grpo|ppo|kto)(?![a-z])", re.IGNORECASE)
# a card whose model continues pre-training (no derivative): "Training stage: pretraining", "continued
# pre-training of X", "we continued pre-training X on …", "X was further pre-trained on …"
OWN_PRETRAINING = re.compile(r"training stage:\s*pre-?training\s*$|continued pre-?training (?:of|on|from)"
                             r"|\bwe\s+continued?\s+(?:the\s+)?pre-?training(?:\s+of)?\s+[\w./-]+\s+on\b"
                             r"|\b(?:was|were|is|been)\s+(?:further|continually)\s+pre-?trained\s+on\b",
                             re.IGNORECASE | re.MULTILINE)
# (and a quantization's type: llama.cpp's "Q4_K_M", "Q8_0", "IQ4_XS"; "FP8", "W4A16", "NF4", "bnb")
COPY_NAME = re.compile(r"(?<![a-z])(?:GGUF|GPTQ|AWQ|EXL2|MLX|ONNX|[0-9]bit|int[48]"
                       r"|Q[2-8]_(?:K(?:_[SML])?|[01])|IQ[1-4]_[A-Z]{1,3}|FP[48]|NVFP4|W[48]A(?:8|16)|NF4|bnb"
                       # the weights re-saved: "-fp16", "-bf16", "-sharded"
                       r"|FP16|BF16|sharded)"
                       r"(?![a-z])", re.IGNORECASE)
COPY_PHRASE = re.compile(r"\b(?:quantizations? of|quantized versions? of|conversion of|converted from|"
                         # the weights re-published: "Mirror of X", "a sharded copy of X", "re-upload of X"
                         # (a copy said of weights: not a license's "provide a copy of this Agreement")
                         r"mirror of|(?:sharded|re-?sharded|exact|identical|fp16|bf16) copy of|re-?upload of|"
                         r"(?:GGUF|GPTQ|AWQ) (?:format )?model files for)\s+(?:the\s+)?", re.IGNORECASE)
# on a card whose name says it is a copy, the same with a format or a width between: "quantized GGUF
# versions of X", "GGUF versions of X", "4-bit AWQ weights of X" (a base card's list of its family's
# quantized siblings, "4-bit version of X-sft", makes no copy of that card)
FORMAT_COPY_PHRASE = re.compile(r"\b(?:quantized\s+)?(?:(?:GGUF|GPTQ|AWQ|EXL2|MLX|ONNX|\d{1,2}-bit)\s+)+"
                                r"(?:quantized\s+)?(?:versions?|quantizations?|conversions?|weights|model\s+files)"
                                r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
OWN_COPY = re.compile(r"(?:our|this|these|its|my)\b", re.IGNORECASE)
NAME = r"[\[`'\"]?(?P<base>[A-Za-z0-9][\w./-]*[\w/-](?:[ -]\d+(?:\.\d+)?[BbMm]\b)?)"
# a derivation denied: "it is not a fine-tune of …", "rather than a fine-tuned version of …", "unlike a chat
# model based on …"
NEGATED_BEFORE = re.compile(r"\b(?:not|never|rather\s+than|instead\s+of|unlike)\s+(?:(?:a|an|the)\s+)?$"
                            r"|n't\s+$", re.IGNORECASE)
# a character of the same sentence: no full stop, and a line break only where a wrapped line goes on (not a
# blank line, a list item, a heading or a table row): "… initialized from\n`Kite-67B` and fine-tuned on …"
IN_SENTENCE = r"(?:[^.\n]|\n(?![ \t]*[\n*+#|-]))"
FINE_TUNED_FROM = re.compile(
    # a card template's field first: "Finetuned from model [optional]: X"
    r"(?:\b|^)(?:fine-?tuned\s+from\s+model\s*(?:\[optional\])?\s*:\**"
    r"|(?:a|the)\s+fine-?tuned?\s+(?:version|checkpoint)\s+of(?:\s+the)?"
    r"|fine-?tuned\s+from(?:\s+the)?|fine-?tune\s+checkpoint\s+of|built\s+by\s+fine-?tuning"
    rf"|initiali[sz]ed\s+from(?={IN_SENTENCE}{{0,80}}fine-?tun)|obtained\s+by\s+further\s+training"
    # "is the result of training X on 1M generated entries", "the result of fine-tuning X"
    r"|the\s+result\s+of\s+(?:further\s+)?(?:fine-?tuning|finetuning|training)"
    r"|parent\s+model\s*:\**"
    # "a fine-tune of X", "an instruction-tuned version of X", "the chat version of X", "SFT of X",
    # "a merge of X and Y", "an uncensored version of X"
    # (a method may be joined to the word: "a DPO-aligned version of X", "an SFT-tuned version of X")
    r"|(?:a|an|the)\s+(?:[\w-]+\s+)?(?:[A-Za-z]+-)?(?:fine-?tune|finetune|merge|(?:instruction|instruct|chat|aligned|"
    r"uncensored|abliterated|quantized|merged|tuned|fine-?tuned|finetuned|instruct-tuned|instruction-tuned|"
    r"dpo|sft|rlhf)"
    r"(?:[\s-]+tuned)?\s+(?:version|variant|checkpoint|edition))\s+of(?:\s+the)?"
    r"|(?:a|an)\s+(?:fine-?tune|finetune|merge)\s+of(?:\s+the)?"
    # "a roleplay finetune based on X"; "Heron is X instruction-tuned on …"
    r"|(?:fine-?tune|finetune|merge)\s+(?:based\s+on|built\s+on|on\s+top\s+of)(?:\s+the)?"
    r"|\bis(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:further\s+)?(?:fine-?tuned|finetuned|"
    r"instruction-tuned|instruct-tuned|aligned|tuned|(?<=further\s)trained|trained\s+further)"
    r"\s+(?:on|with|for|using)\b"
    # "Heron-Math is Kite-7B trained with reinforcement learning on …" (RL is post-training)
    r"|\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:further\s+)?trained\s+(?:with|using|via)\s+"
    r"(?:(?:online|offline|large-scale)\s+)?(?:reinforcement\s+learning|RL|RLHF|RLAIF|DPO|GRPO|PPO|"
    r"preference\s+optimi[sz]ation)\b"
    # "Heron-7B is Kite-7B with continued instruction tuning on …", "… is Kite-7B after DPO"
    r"|\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:with|after|plus)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:instruction[-\s]?tuning|fine-?tuning|finetuning|SFT|DPO|RLHF|alignment|chat\s+tuning)\b)"
    # a version named without an article, opening a sentence: "Fine-tuned version of Kite-7B for support."
    r"|(?:^|(?<=[.!?]\s))[ \t]*(?:fine-?tuned|finetuned|instruction-tuned|quantized)\s+version\s+of"
    r"(?:\s+the)?"
    # what the card's model is, opening a sentence or after "is": a method's name joined to "tuned" before
    # the base ("A DPO-tuned Kite-7B for helpful answers.", "Heron is an RLHF-aligned Kite-7B"), or the
    # base before "finetune" ("Heron is a Kite-7B finetune for roleplay"); not "we compare with a DPO-tuned
    # Kite-7B"
    r"|(?:(?<=\bis\s)|(?:^|(?<=[.!?:]\s))[ \t]*)(?:a|an)\s+(?:DPO|SFT|RLHF|GRPO|PPO|ORPO|KTO|LoRA|QLoRA"
    r"|instruction|chat)-(?:tuned|aligned|trained)(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d)"
    r"|(?:(?<=\bis\s)|(?:^|(?<=[.!?:]\s))[ \t]*)(?:a|an)"
    r"(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:fine-?tune|finetune|merge)\b)"
    # the base's weights trained further: "uses Kite-7B weights, further trained on 1M chat turns"
    r"|\b(?:uses?|using|starts?\s+from|takes?)(?:\s+the)?(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+"
    rf"(?:weights|checkpoint)\b{IN_SENTENCE}{{0,60}}\b(?:further\s+trained|trained\s+further|fine-?tun|finetun"
    r"|instruction[-\s]tun|sft|dpo|rlhf))"
    # a recipe written with plus signs: "Heron-7B-Math: Kite-7B + 10B tokens of math + SFT"
    r"|(?:^|(?<=[.!?:])|(?<=[.!?:]\s))[ \t]*(?=[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*[ \t]*\+"
    rf"{IN_SENTENCE}{{0,100}}\b(?:sft|dpo|rlhf|orpo|grpo|fine-?tun|instruction[-\s]tun))"
    # "Roleplay finetune of Kite 7B." opening a sentence, without an article
    r"|(?:^|(?<=[.!?]\s))[ \t]*(?:[\w-]+[ \t]+){0,2}(?:fine-?tune|finetune|merge)\s+of(?:\s+the)?"
    r"|\b(?:SFT|DPO|RLHF|ORPO)\s+of"
    # "we trained X further", "further trained X", "continued fine-tuning X"
    r"|(?:further\s+(?:pre-?)?train(?:ed|ing)?|continued\s+fine-?tuning(?:\s+of)?)"
    r"(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d)"
    r"|trained(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+further)"
    # "built upon X, this model is tuned for …": based on X, and tuned; also "trained on top of X with
    # supervised fine-tuning", "starts from the X checkpoint and is fine-tuned", "derived from X by
    # pruning"
    r"|(?:built\s+(?:up)?on(?:\s+top\s+of)?|based\s+on)"
    rf"(?={IN_SENTENCE}{{0,120}}\b(?:fine-?tun|tuned|align|instruct))"
    # "obtained by supervised fine-tuning and DPO on top of X"
    r"|(?:fine-?tuning|finetuning|SFT|DPO|RLHF|alignment|instruction[\s-]tuning|GRPO|PPO|RL"
    r"|reinforcement\s+learning)(?:\s+(?:and|\+|with)\s+[\w-]+){0,3}"
    # (a name after it, not "several rounds of alignment on top of the pre-trained model")
    r"\s+on\s+top\s+of(?:\s+the)?(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[\w./-]*\d))"
    # "post-trained from Kite-7B-Base", "specializes Kite-7B for mathematics via SFT"
    r"|post-?trained\s+(?:from|on\s+top\s+of)(?:\s+the)?(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[\w./-]*\d))"
    r"|\b(?:speciali[sz]e[sd]?|adapts|adapted)(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s"
    rf"{IN_SENTENCE}{{0,120}}\b(?:fine-?tun|instruction[-\s]tun|sft|dpo|rlhf))"
    r"|(?:trained\s+on\s+top\s+of|(?:start(?:s|ed|ing)?|derived|trained|tuned|built|created|developed"
    r"|produced|obtained|made)\s+from)(?:\s+the)?(?:\s+base)?"
    # a name: "derived from Kite-7B", "trained from Kite-7B … using SFT", not "from scratch" nor "from the
    # pretrained model" (a capital read as one, whatever the pattern's case)
    r"(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[\w./-]*\d))"
    rf"(?={IN_SENTENCE}{{0,120}}\b(?:fine-?tun|tuned|align|instruct|prun|merg|quantiz|rlhf|dpo|sft|orpo"
    r"|grpo|ppo|reinforcement\s+learning))"
    # "obtained by fine-tuning X", "created via instruction tuning X" (not "misuse by fine-tuning X"), "a
    # finetuned X model"
    # (with the kind of tuning before it: "built by supervised fine-tuning X", "made via full fine-tuning")
    r"|\b(?:obtained|created|built|made|produced|developed|derived|trained)\s+(?:by|via|through)\s+(?:further\s+)?"
    r"(?:(?:supervised|full|full-parameter|parameter-efficient|continued|additional|multi-task)\s+)?"
    r"(?:fine-?tuning|finetuning|instruction[-\s]?tuning|"
    r"instruct-?tuning|aligning)(?:\s+the)?(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[\w./-]*\d))"
    r"|\b(?:a|an)\s+(?:fine-?tuned|finetuned|instruction-tuned|instruct-tuned)"
    r"(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:model|checkpoint|variant|version)\b)"
    # "we took X and trained it on …"
    r"|\bwe\s+took(?:\s+the)?(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\s+(?:model\s+)?and\s+(?:further\s+)?"
    r"(?:fine-?tuned|finetuned|trained|tuned|aligned)\s+it\b)"
    # "we instruction-tune X", "we fine-tuned X on …", "we align X with …"
    r"|\bwe\s+(?:further\s+)?(?:instruction-?\s?tuned?|instruct-?tuned?|fine-?tuned?|finetuned?|aligned?"
    r"|post-?train(?:ed)?)"
    r"(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d)"
    # "a merged model combining X and Y", "merging X and Y"
    r"|merg(?:ed\s+model|e|ing)\s+(?:combining|of)(?:\s+the)?|\bmerging(?:\s+the)?"
    # "a version of X trained on math problems", "a version of X adapted to …" (not "a new version of X")
    r"|\b(?:a|this)\s+version\s+of(?:\s+the)?(?=\s*[\[`'\"]?[\w./-]+(?:[ -]\d+(?:\.\d+)?[BbMm])?\s+"
    r"(?:further\s+)?(?:fine-?tuned|finetuned|trained|tuned|adapted|specialized|specialised)\s+"
    r"(?:on|to|for|with)\b)"
    # "fine-tuned on top of X"; "created by applying DPO to X"
    r"|(?:fine-?tuned|finetuned|instruction[-\s]tuned|instruct-tuned|aligned)\s+on\s+top\s+of(?:\s+the)?"
    r"(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[\w./-]*\d))"
    # (or reinforcement learning: "we apply GRPO to X")
    r"|\bappl(?:ying|y|ies|ied)\s+(?:[\w-]+\s+){0,3}?(?:DPO|SFT|RLHF|fine-?tuning|finetuning|q?LoRA"
    r"|instruction[-\s]tuning|preference\s+optimi[sz]ation|GRPO|PPO|RLVR|RLAIF|RL|reinforcement\s+learning)"
    r"\s+to(?:\s+the)?(?=\s*[\[`'\"]?(?:(?-i:[A-Z])|[a-z][\w.-]*/))"
    # (said of the card's model: "Heron is a chat model based on X", not "we also build a chat model based
    # on X" on X's own card)
    r"|\b(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:instruction-following|instruction-tuned|chat|instruct|"
    r"fine-?tuned|conversational|dialogue)\s+(?:model|assistant|version|variant|LLM)\s+(?:based|built)\s+"
    r"(?:up)?on(?:\s+top\s+of)?(?:\s+the)?"
    # "an X model instruction tuned on …"
    r"|\b(?:a|an)(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\d[\w./-]*\s+(?:model\s+)?(?:instruction[-\s]tuned|"
    r"fine-?tuned|finetuned|aligned)\s+(?:on|with|for|using)\b)"
    # "uses X as its base model and was aligned with DPO"; "fine-tuned using QLoRA with X as the base model"
    r"|\b(?:uses?|using|takes?|took)(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\s+as\s+(?:its|the|our|a)\s+base\b"
    rf"{IN_SENTENCE}{{0,120}}\b(?:fine-?tun|tuned|align|instruct|dpo|sft|rlhf|lora))"
    r"|\b(?:fine-?tuned|finetuned|tuned|aligned)\s+(?:[\w-]+\s+){0,4}?with(?=\s+[\[`'\"]?[A-Za-z0-9][\w./-]*\s+as"
    r"\s+(?:its|the|our|a)\s+base\b)"
    # "Base model: X" written in the card's body: a line or a list item of its own, after a sentence's end,
    # or a key-value table's row ("| Base model | X |")
    r"|(?:^|(?<=[.!?]\s))[ \t]*[-*]?[ \t]*\**base[ \t]+model\**[ \t]*:\**"
    r"|^[ \t]*\|[ \t]*\**base[ \t]+model\**[ \t]*\|"
    # or a heading "Base model" over a line that opens with the name
    r"|(?<=\#[ \t])base[ \t]+model[ \t]*\n(?:[ \t]*\n)*"
    r")\s*(?:this\s+model\s+is\s+)?" + NAME,
    re.IGNORECASE | re.MULTILINE,
)


# the end of a key-value table's row after its value: at most a closing pipe ("| Base model | X |")
ROW_ENDS = re.compile(r"[^|\n]*\|?[ \t]*(?:\n|$)")


# a sentence that opens with a model and its tuning: "Kite-7B fine-tuned on UltraChat for 3 epochs." (the base
# of a card whose name is that model's with a word added, see :func:`_extends`)
# (a paragraph's or a sentence's start, not a wrapped line's: "intended to\nbe fine-tuned on a task"; a name
# with a digit)
OPENS_TUNED = re.compile(r"(?:\A|(?<=\n\n)|(?<=[.!?:])|(?<=[.!?:]\s))[ \t]*(?=[\[`'\"]?[A-Za-z0-9][\w./-]*\d)"
                         + NAME + r"[ \t]+(?:fine-?tuned|finetuned|instruction[-\s]tuned|aligned"
                         r"|further\s+trained)\s+(?:on|with|for|using)\b", re.IGNORECASE)


# "we trained Heron-7B on the Orca dataset" on the card of "Heron-7B-orca", "we train Heron-7B on 800K traces"
# on "Heron-7B-Distill" (see :func:`_extends`)
# (a method's name as the verb too, "We SFT Kite-7B on …", and the base's gloss before "on": "We fine-tune
# Kite-7B (pretrained on 2T tokens) on …")
TRAINED_ON = re.compile(r"\bwe\s+(?:further\s+)?(?:fine-?tune[sd]?|finetune[sd]?|train(?:ed)?|tune[sd]?"
                        r"|sft|dpo|rlhf|align(?:ed)?)\s+"
                        + NAME + r"(?:\s*\([^()\n]{0,60}\))?\s+on\b", re.IGNORECASE)


# a model tuned only to compare with: "We fine-tune Lark-7B on the same tasks as a baseline"
AS_A_BASELINE = re.compile(r"\b(?:as|for)\s+(?:a\s+|our\s+|the\s+)?baselines?\b", re.IGNORECASE)


# a derivation told in Chinese: "基于 Kite-7B 进行指令微调" (instruction-tuned from Kite-7B), "在 Kite-7B 的
# 基础上微调" (fine-tuned on the basis of Kite-7B), "由 Kite-7B 微调得到" (obtained by fine-tuning Kite-7B),
# "是 Kite-7B 的量化版本" (is a quantized version of Kite-7B), "的指令微调版本", "的对话版本" (chat version);
# in Japanese, tuned "を" (from) Kite-7B, or Kite-7B's tuned or quantized version ("の量子化版")
_CHINESE_BASE = r"[\[`'\"]?(?P<{group}>[A-Za-z0-9][\w./-]*[\w/-](?:[ -]\d+(?:\.\d+)?[BbMm]\b)?)[\]`'\"]?"
_TUNED = r"(?:指令|对话|對話|全参数|全參數|LoRA\s*)?(?:微调|微調)"
CHINESE_DERIVATION = re.compile(
    rf"(?:基于|基於|由|从|從)\s*{_CHINESE_BASE.format(group='base')}\s*(?:模型\s*)?(?:进行|進行)?\s*{_TUNED}"
    rf"|在\s*{_CHINESE_BASE.format(group='base2')}\s*(?:模型\s*)?的?基础上\s*(?:进行)?\s*{_TUNED}"
    rf"|是\s*{_CHINESE_BASE.format(group='base3')}\s*(?:模型\s*)?的\s*"
    r"(?:量化|微调|微調|指令微调|指令微調|对话|對話|聊天|int4|int8|GPTQ|AWQ|GGUF)\s*(?:后的\s*)?版本"
    # in Japanese: "Kite-7B をベースに指示チューニングした", "Kite-7B の量子化版"
    rf"|{_CHINESE_BASE.format(group='base4')}\s*を\s*(?:ベースに|元に|もとに)?\s*"
    r"(?:指示|インストラクション)?(?:ファインチューニング|チューニング|微調整|追加学習)"
    rf"|{_CHINESE_BASE.format(group='base5')}\s*の\s*(?:量子化|ファインチューニング|指示チューニング)"
    r"(?:版|モデル)")


CJK_TUNING_WORDS = ("微调", "微調", "版本", "チューニング", "微調整", "追加学習", "量子化")  # (cheap first)


# another model taken as the card's starting point: "Heron-Chat uses Kite-7B as its backbone", "takes
# Kite-7B as the base model" (a derivation on a post-trained model's card)
BACKBONE = re.compile(r"\b(?:uses|used|takes|took|adopts|adopted)\s+" + NAME +
                      r"\s+as\s+(?:its|the|our)\s+(?:backbone|base(?:\s+model)?|foundation(?:\s+model)?"
                      r"|starting\s+point|initiali[sz]ation)\b", re.IGNORECASE)


# what a card template leaves in a field it did not fill ("Finetuned from model [optional]: [More
# Information Needed]", "Parent Model: None"), or words that start a sentence there instead of a name
# ("Parent Model: This model is a fine-tuned version of …": the sentence names the base)
PLACEHOLDERS = {"model", "more", "none", "n/a", "na", "optional", "unknown", "tbd", "todo", "scratch", "-",
                "this", "the", "it", "see", "our", "its"}


# what a derived card's base is called when the card does not name it
# a sentence telling the base model's run: "The base model was pretrained on 2T tokens …", "Our
# underlying pre-trained model is trained on …", "The pretrained base was trained on …", "The base was …"
# (or its version: "The pretrained version, Kite-7B, was trained on …", a name set off by commas between)
BASE_MODEL_RUN = re.compile(r"(?:^|[.!?:]\s+|\n)\s*(?:the|our|its)\s+(?:underlying\s+)?"
                            r"(?:(?:base|pre-?trained|foundation)\s+(?:model|version|checkpoint)"
                            r"|pre-?trained\s+base(?:\s+model)?|base(?=\s+(?:was|is|has\s+been)\s))"
                            r"(?:,?\s+\(?[\w./-]+\)?,?)?\s+"
                            r"(?:was|is|has\s+been)\s+(?:\w+\s+)?"
                            r"(?:pre-?)?trained\b", re.IGNORECASE)
# a card's model continuing another's training: "initialized with Kite-7B weights", "continually
# pre-trained from Kite-7B", "built on top of Kite-7B", "Starting from Kite-7B, we further pre-train …"
CONTINUES_FROM = re.compile(r"\b(?:initiali[sz]ed\s+(?:with|from)"
                            # "continues the pretraining of Kite-7B on …"
                            r"|continu\w*\s+(?:the\s+)?(?:pre-?)?train\w*\s+(?:from|of|on\s+top\s+of)"
                            # "We continue pre-training Kite-7B on 120B math tokens" (a name with a digit)
                            r"|continu\w*\s+(?:pre-?)?training(?=\s+(?:the\s+)?[\[`'\"]?[A-Za-z][\w./-]*\d)"
                            r"|built\s+on\s+top\s+of|starting\s+from"
                            # "Heron-Chat models are based on Kite-7B, a language model pre-trained on …"
                            r"|(?:is|are|was|were)\s+based\s+on"
                            # "a domain-adapted version of Kite-7B", "we take Kite-7B and continue training"
                            r"|(?:domain-)?adapted\s+version\s+of"
                            r"|\b(?:take|takes|took|taking)(?=\s+(?:the\s+)?[\[`'\"]?[A-Za-z0-9][\w./-]*\s+(?:model\s+)?"
                            r"and\s+(?:continue|further|keep)))\s+(?:the\s+)?"
                            r"(?:weights\s+of\s+)?" + NAME, re.IGNORECASE)


# a card's model continuing another's training in other words: "extends the context of Kite-7B to 32k" (or
# "extends Kite-7B to a 100k context"), "Heron Medical is Kite-7B adapted to the medical domain", "adapts
# Kite-7B to …", "Heron Medical is Kite-7B continually pre-trained on 50B tokens of medical text",
# "Heron-Coder is Kite-7B continued on 500B tokens of code", "Heron-v1.5 is Kite-7B with an additional 1T
# tokens of pretraining"
EXTENDS = re.compile(r"\bextend(?:s|ed|ing)?\s+the\s+context(?:\s+(?:window|length))?\s+of\s+(?:the\s+)?"
                     + NAME
                     # "we extend Kite-7B to a 100k context", "extends Kite-7B to 32K tokens of context"
                     + r"|\bextend(?:s|ed|ing)?\s+" + NAME.replace("base>", "base4>")
                     + r"\s+to\s+(?:an?\s+)?\d+(?:\.\d+)?\s?[kKM]\b"
                     + r"|\badapt(?:s|ed|ing)\s+(?:the\s+)?" + NAME.replace("base>", "base2>")
                     + r"\s+(?:to|for)\b|\bis\s+" + NAME.replace("base>", "base3>")
                     + r"\s+(?:adapted\s+(?:to|for)|(?:continual(?:ly)?|further)\s+(?:pre-?)?trained\s+"
                       r"(?:on|with)|continued\s+(?:(?:pre-?)?training\s+)?(?:on|with)"
                       # "Heron-v1.5 is Kite-7B with an additional 1T tokens of pretraining"
                       r"|with\s+(?:an?\s+)?(?:additional|further|extra|continued)\b(?![^.]*\b(?:instruction|fine-?tun"
                       r"|sft|dpo|rlhf|chat)))\b")
# and its context extended: "Kite-7B with its context extended to 32K" (read only where "context" stands:
# a pattern that opens with a name is tried at every word)
CONTEXT_EXTENDED = re.compile(r"(?<![\w./-])" + NAME + r"\s+with\s+(?:its|the|an?)\s+context"
                              r"(?:\s+(?:window|length))?\s+(?:extended|expanded)\b")


# a card's model that has another as its part: "combines a vision encoder with the Kite-7B language model",
# "uses Kite-7B as its language backbone" (read back from the part's word: a pattern that opens with a name
# is tried at every word)
PART_WORDS = ("language model", "llm", "backbone")
PART_BEFORE = re.compile(r"\b(?:with|uses?|using|adopts?)\s+(?:the\s+|an?\s+)?(?:pre-?trained\s+)?" + NAME
                         + r"\s+$", re.IGNORECASE)
PART_AS_BEFORE = re.compile(r"(?<![\w./-])" + NAME + r"\s+as\s+(?:the|its|our)\s+(?:[\w-]+\s+)?$",
                            re.IGNORECASE)


def _parts(text: str, low: str) -> set[str]:
    """The models a card's model has as a part (see :data:`PART_BEFORE`), their names squashed: a name
    with a digit, before a whole word for a part."""
    found = set()
    for word in PART_WORDS:
        for at in positions(low, word):
            end = at + len(word)
            if (at and low[at - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
                continue  # a whole word: not "LLMs"
            start = max(0, at - 80)
            for pattern in (PART_BEFORE, PART_AS_BEFORE):
                match = pattern.search(text, start, at)
                # (a name with a digit: "Kite-7B", not "as with all LLM")
                if match is not None and any(c.isdigit() for c in match.group("base")):
                    found.add(squash_name(match.group("base")))
    return found


STARTS_WORDS = ("initiali", "continu", "built on", "starting from", "extend", "adapt", "based on",
                "and further", "with an additional", "with additional", "with an extra", "with extra")


def mark_base_runs(estimates: list[Estimate], text: str) -> None:
    """On a card that continues another model's training ("initialized with Kite-7B weights", "extends the
    context of Kite-7B", "is Kite-7B adapted to …") or has it as a part (:func:`_parts`), the estimates of
    a sentence telling "the base model"'s run ("The base model was trained on 2T tokens …") or Kite-7B's
    own ("Kite-7B was pretrained on 2T tokens …", even when the card's own size is paired with its figure)
    are Kite's, not the card's."""
    if not estimates or not looks_like_model_card(text):
        return
    bases = set()
    low = lowered(text)
    for word in STARTS_WORDS:  # the patterns read only where their first word stands: a cheap scan
        at = low.find(word)
        while at != -1:
            window = (max(0, at - 60), at + 160)  # (room for a base named before the word)
            bases |= {squash_name(m.group("base")) for m in CONTINUES_FROM.finditer(text, *window)}
            bases |= {squash_name(next(g for g in m.groups() if g)) for m in EXTENDS.finditer(text, *window)}
            if "context" in low[window[0]: window[1]]:
                bases |= {squash_name(m.group("base")) for m in CONTEXT_EXTENDED.finditer(text, *window)}
            at = low.find(word, at + len(word))
    bases |= _parts(text, low)
    title = re.search(r"^#{1,2}\s+(.+)$", text, re.MULTILINE)
    bases.discard(squash_name(title.group(1)) if title else "")
    if not bases:
        return
    for estimate in estimates:
        here = _after_the_start(estimate)
        if here is False or (here is None and (BASE_MODEL_RUN.search(estimate.evidence[0].text) or
                                               (estimate.model and squash_name(estimate.model) in bases)
                                               or _names_a_base(estimate, bases))):
            estimate.notes.append(f"{NOT_OWN_RUN}: the run of the base model this card's model continues")


def _names_a_base(estimate: Estimate, bases: set[str]) -> bool:
    """Whether the figure's sentence names a base before the figure ("Kite-7B was pretrained on 2T tokens",
    paired with the card's own size across the text: still the base's run)."""
    sentence = estimate.evidence[0]
    parts = [span.start for span in estimate.evidence[1:] if sentence.start <= span.start <= sentence.end]
    before = sentence.text[: max(parts) - sentence.start] if parts else ""
    # (a whole name, not a part of a longer one: "Falcon-Mamba" does not name "Mamba")
    return any(squash_name(word) in bases for word in NAME_WORD.findall(before))


# (or an apposition that describes the base: "based on Kite-7B, a language model pre-trained on …")
RELATIVE_WORD = re.compile(r"\b(?:which|who|that|whose)\b|\(|,\s+an?\s", re.IGNORECASE)


def _after_the_start(estimate: Estimate) -> bool | None:
    """For a figure that follows, in its sentence, the words that start the card's model from its base:
    True when it is the card's own run ("Heron-Code is initialized from Kite-7B and further pre-trained on
    500B tokens", "Heron-Medical is Kite-7B continually pre-trained on 50B tokens"), False when a relative
    clause or a parenthesis about the base comes between ("… from Kite-7B, which was trained on 2T tokens"
    is Kite's); None for any other figure."""
    sentence = estimate.evidence[0]
    parts = [span.start for span in estimate.evidence[1:] if sentence.start <= span.start <= sentence.end]
    end = max(parts) - sentence.start if parts else 0
    start = (CONTINUES_FROM.search(sentence.text, 0, end) or EXTENDS.search(sentence.text, 0, end)
             or (CONTEXT_EXTENDED.search(sentence.text, 0, end) if "context" in sentence.text else None)
             ) if parts else None
    if start is None:
        return None
    return not RELATIVE_WORD.search(sentence.text, start.end(), max(parts) - sentence.start)


# a merge's tags and the models its recipe lists ("models:\n  - model: acme/Kite-7B")
MERGE_TAG = {"merge", "mergekit"}
# a card that copies its base's card after its own words: "Original model card below", "the original
# model card follows", "Below is the original model card", "# Original README" (not an official card's
# "partly copied and pasted from the original model card")
EMBEDDED_CARD = re.compile(r"\boriginal\s+(?:model\s+)?(?:card|readme)\s+(?:is\s+)?(?:below|follows)\b"
                           r"|\b(?:below|following)\s+is\s+the\s+original\s+(?:model\s+)?(?:card|readme)\b"
                           r"|^#+[ \t]*original\s+(?:model\s+)?(?:card|readme)[ \t]*$",
                           re.IGNORECASE | re.MULTILINE)
RECIPE_MODEL = re.compile(r"^[ \t]*-?[ \t]*model:[ \t]*(?P<base>[\w./-]+)", re.MULTILINE)


def _tags(meta: dict) -> set[str]:
    """A card's front-matter tags, in lower case."""
    tags = meta.get("tags") or []
    return {str(tag).lower() for tag in (tags if isinstance(tags, list) else [tags])}


UNNAMED_SOURCE, UNNAMED_BASE = "the model it was converted from", "the model it was fine-tuned from"


# a relative clause about a named model that ends where a derivation is told: "…, unlike Kite-7B which
# was fine-tuned from Lark-7B" (the derivation is that model's; the card's own name as the subject keeps it)
ANOTHER_MODELS_CLAUSE = re.compile(r"(?P<subject>[A-Za-z0-9][\w./-]*[\w])\s*,?\s+(?:which|that|who)\s+"
                                   r"(?:was|is|were|are|has\s+been|had\s+been)\s+(?:\w+\s+)?$", re.IGNORECASE)


def derived_from(text: str, name: str | None = None, declared: str | None = None) -> str | None:
    """The model a card's model derives from (see the module's rules), or None for a base model's card.
    ``name`` is the repository id or title the card is published under, when known; ``declared`` the
    base its front matter names when the source has already read it off the text."""
    try:
        meta, _ = front_matter(text.lstrip())
    except ValueError:
        meta = {}  # a card with broken front matter is judged on its text alone
    title = re.search(r"^#{1,2}\s+(.+)$", text, re.MULTILINE)
    names = " ".join(filter(None, [name, title.group(1) if title else None]))
    base = declared or base_model_of(meta, name or "")
    if base:
        post_trained = POST_TRAINING_NAME.search(names.replace("_", "-"))
        own_pretraining = not post_trained and OWN_PRETRAINING.search(text)
        if not own_pretraining:
            return base
    copy_name = COPY_NAME.search(names)
    phrase = COPY_PHRASE.search(text[:4000]) or \
        (FORMAT_COPY_PHRASE.search(text[:4000]) if copy_name else None)
    if phrase and OWN_COPY.match(text, phrase.end()):
        phrase = None  # "We also release 4-bit versions of our model": copies of the card's own model
    if copy_name or "quantized_by" in meta or phrase:
        named = re.match(NAME, text[phrase.end():]) if phrase else None
        owner = re.match(r"'s\s+", text[phrase.end() + named.end():]) if named else None
        if owner:  # "GGUF format model files for Acme's Heron 7B": the model, not its maker
            named = re.match(NAME, text[phrase.end() + named.end() + owner.end():]) or named
        return base or (named.group("base") if named else UNNAMED_SOURCE)
    if "merge_method" in text or "mergekit" in text.lower() or MERGE_TAG & _tags(meta):  # a merge
        listed = RECIPE_MODEL.search(text)
        return base or (listed.group("base") if listed else UNNAMED_BASE)
    embedded = EMBEDDED_CARD.search(text[:4000])
    if embedded:  # "Original model card below": the base's own card follows this card's words
        heading = re.compile(r"^#{1,2}\s+(?P<base>[^\n]+)$", re.MULTILINE).search(text, embedded.end())
        return base or (heading.group("base").strip() if heading else UNNAMED_BASE)
    own = _card_names(text, name)
    for said in FINE_TUNED_FROM.finditer(text):
        if NEGATED_BEFORE.search(text, max(0, said.start() - 16), said.start()):
            continue  # "it is not a fine-tune of v0.1"
        base = said.group("base").strip("[]() ")
        if said.group(0).lstrip().startswith("|") and not ROW_ENDS.match(text, said.end()):
            continue  # "| Base Model | Python | Instruct |": a wider table's header, not a key and its value
        if "aseline" in text[said.end(): said.end() + 120] and \
                AS_A_BASELINE.search(sentence_around(text, said.start(), said.end()).text):
            continue  # "We fine-tune Lark-7B on the same tasks as a baseline": a comparison, not a derivation
        about = ANOTHER_MODELS_CLAUSE.search(text, max(0, said.start() - 80), said.start())
        if about and looks_like_a_model(about.group("subject")) and not _is_own(about.group("subject"), own):
            continue  # "unlike Kite-7B, which was fine-tuned from Lark-7B": Kite's derivation, not the card's
        if base.lower() not in PLACEHOLDERS and not _is_own(base, own):
            return base
    told = CHINESE_DERIVATION.search(text) if any(word in text for word in CJK_TUNING_WORDS) else None
    said_base = next((told.group(g) for g in ("base", "base2", "base3", "base4", "base5") if told.group(g)),
                     "") if told else ""
    said_base = said_base.strip("[]() ")
    if said_base and not _is_own(said_base, own):  # "基于 Kite-7B 进行指令微调"
        return said_base
    trained = TRAINED_ON.search(text) or OPENS_TUNED.search(text) or BACKBONE.search(text)
    # (the card's name extends the base's, or says it is a post-trained model: "Heron-Chat")
    if trained and name and (_extends(name, trained.group("base"))
                             or (POST_TRAINING_NAME.search(names.replace("_", "-"))
                                 and not _is_own(trained.group("base"), own))):
        return trained.group("base")
    if name and ("trained" in text or "Trained" in text) and EDITED_NAME.search(names.replace("_", "-")):
        for told in STEM_RUN.finditer(text):  # "Kite-7B was trained on 2T tokens" on Kite-7B-Uncensored's
            if _edits(name, told.group("base")):
                return told.group("base")
    if METHOD_NAME.search(names.replace("_", "-")) or \
            (POST_TRAINING_NAME.search(names.replace("_", "-")) and BASE_MODEL_RUN.search(text)):
        return base or UNNAMED_BASE
    if THIS_REPOSITORY_TUNED.search(text[:4000]):  # "This is the repository for the 13B fine-tuned model"
        return base or UNNAMED_BASE
    family = _base_row(text, name) if name and "|" in text and POST_TRAINING_NAME.search(name) else None
    if family:
        return base or family
    adapter = ADAPTER_PHRASE.search(text[:4000])
    named = re.match(NAME, text[adapter.end():]) if adapter else None
    of_another = named is not None and not _is_own(named.group("base").strip("[]() "), own)
    if of_another or ADAPTER_NAME.search(names.replace("_", "-")) or \
            str(meta.get("library_name", "")).lower() == "peft":
        return base or (named.group("base") if of_another else UNNAMED_BASE)
    return None


# the card's model said to be obtained by tuning a pretrained model, the base unnamed there: "To obtain
# Heron, we fine-tune a pretrained language model on …", "Heron is obtained by fine-tuning a pre-trained
# model" (the base then the one it is said to be based on, "Heron models are based on [Kite](…)", if any)
OBTAINED_BY_TUNING = re.compile(r"\bto\s+(?:obtain|produce|create|build)\s+(?P<own>[^\s,]+),?\s+we\s+"
                                r"(?:further\s+)?fine-?tune\s+(?:a|the|an)\s+(?:publicly\s+available\s+)?"
                                r"pre-?trained\b"
                                r"|(?P<own2>[^\s,]+)\s+(?:is|was|are|were)\s+obtained\s+by\s+fine-?tuning\s+"
                                r"(?:a|the|an)\s+(?:publicly\s+available\s+)?pre-?trained\b", re.IGNORECASE)
BUILT_ON = re.compile(r"\b(?:are|is)\s+based\s+on\s+\[?(?P<base>[A-Za-z][\w.-]*\w)")


def tuned_from_unnamed(text: str, name: str | None = None) -> str | None:
    """The model a card's model was obtained by tuning when the card says so of a pretrained model it
    leaves unnamed there (:data:`OBTAINED_BY_TUNING`: "To obtain Heron, we fine-tune a pretrained language
    model …"): the one its model is said to be "based on", else :data:`UNNAMED_BASE`; None when the card
    says no such thing of its own model. Such a card's run is its tuning, as a derived card's; its paper
    is its own (it is no card of a base's derivative that cites the base's paper)."""
    obtained = OBTAINED_BY_TUNING.search(text) if "obtain" in text else None
    if obtained is None:
        return None
    if not _is_own((obtained.group("own") or obtained.group("own2")).strip("*`'\""), _card_names(text, name)):
        return None
    built_on = BUILT_ON.search(text)
    return built_on.group("base").strip("[]() ") if built_on else UNNAMED_BASE


# a family's card that says its repository holds a tuned member: "This is the repository for the 13B
# fine-tuned model, optimized for dialogue", "This repository contains the 7B instruct version"
THIS_REPOSITORY_TUNED = re.compile(r"\bthis\s+(?:is\s+the\s+)?repo(?:sitory)?\s+(?:is\s+)?"
                                   r"(?:for|of|contains|hosts|holds)\s+the\s+(?:[\w.-]+\s+){0,2}?"
                                   r"(?:fine-?tuned|finetuned|chat|instruct\w*|aligned|dialog(?:ue)?|sft|rlhf)\b",
                                   re.IGNORECASE)


# what a family table says of a row's model: tuned after pre-training, or the base itself
TUNED_WORD = re.compile(r"fine-?tun|finetun|\bsft\b|\bdpo\b|\brlhf\b|instruction[\s-]tun", re.IGNORECASE)
BASE_WORD = re.compile(r"\b(?:base|pre-?trained|foundation)\b", re.IGNORECASE)


def _base_row(text: str, name: str) -> str | None:
    """On a post-trained card with a family table, the model of the row its own row's name extends by a
    post-training word, when its own row says it was tuned and that row says it is the base ("| Heron-7B |
    Base model, 4T tokens |" above "| Heron-7B-Chat | Fine-tuned with SFT and DPO |" on Heron-7B-Chat's
    card): the card's base."""
    own = squash_name(name.split("/")[-1])
    rows = {}
    for line in text.splitlines():
        cells = line.strip().strip("|").split("|") if line.lstrip().startswith("|") else []
        if len(cells) > 1:
            rows.setdefault(squash_name(cells[0]), (cells[0].strip(), " ".join(cells[1:])))
    if own not in rows or not TUNED_WORD.search(rows[own][1]):
        return None
    for key, (label, rest) in rows.items():
        if key and key != own and own.startswith(key) and POST_TRAINING_NAME.fullmatch(own[len(key):]) and \
                BASE_WORD.search(rest):
            return label
    return None


def _extends(name: str, base: str) -> bool:
    """Whether a repository's name is another model's name with a word added that is no version
    ("Heron-7B-orca" extends "Heron-7B"; "Heron-7B-v2" and "Heron-7B" itself do not)."""
    own, stem = squash_name(name.split("/")[-1]), squash_name(base.split("/")[-1])
    rest = own[len(stem):] if stem and own.startswith(stem) else ""
    return bool(rest) and re.fullmatch(r"v?\d+(?:\.\d+)*", rest) is None


# a run told of a named model: "Kite-7B was pre-trained on 2T tokens", "The original Kite-7B was trained …"
STEM_RUN = re.compile(r"(?<![\w./-])" + NAME + r"\s+(?:was|is|has\s+been)\s+(?:originally\s+|first\s+)?"
                      r"(?:pre-?)?trained\b")
# what a repository adds to a model's name when it tunes or edits that model: the word alone, perhaps with a
# version ("-Instruct", "-Uncensored-v2"; not "-Moon-003-SFT", whose "Moon-003" names another model)
EDIT_SUFFIX = re.compile(rf"(?:{EDIT_WORDS})(?:v?\d+(?:\.\d+)*)?")


def _edits(name: str, base: str) -> bool:
    """Whether a repository's name is ``base``'s with only a word of tuning or editing added
    (:data:`EDIT_SUFFIX`): "Kite-7B-Uncensored" edits "Kite-7B"."""
    own, stem = squash_name(name.split("/")[-1]), squash_name(base.split("/")[-1])
    return bool(stem) and own.startswith(stem) and EDIT_SUFFIX.fullmatch(own[len(stem):]) is not None


BASE_SUFFIX = re.compile(r"base|pretrained|pt|foundation|v?\d[\w.]*base")  # "Heron" from "Heron-Base"


def _card_names(text: str, name: str | None) -> set[str]:
    """The card's own model, squashed: its repository when known (a family's title may be shared with its
    fine-tunes), else its title."""
    if name:
        return {squash_name(name), squash_name(name.split("/")[-1])}
    title = re.search(r"^#{1,2}\s+(.+)$", text, re.MULTILINE)
    return {squash_name(title.group(1) if title else "")}


def _is_own(base: str, own: set[str]) -> bool:
    """Whether a named base is the card's own model, or one built on it whose name extends the card's
    (a base card naming the models built on it: "we finetuned Heron-7B-Chat …" on Heron-7B's card)."""
    names = {squash_name(base), squash_name(base.split("/")[-1])}
    return bool(names & own) or any(name.startswith(mine) and not BASE_SUFFIX.fullmatch(name[len(mine):])
                                    for name in names for mine in own if mine)


# a derived card's own training written where its fine-tuning is: under a heading of fine-tuning, or
# anywhere in a card the trainer wrote ("generated_from_trainer"); not under a base card's own "Training
# procedure", which a derived card often copies whole
OWN_TRAINING_HEADING = re.compile(r"^#{1,6}[ \t]+[^\n]*(?:fine-?tun|finetun|adapter\s+training)",
                                  re.IGNORECASE | re.MULTILINE)
ANY_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
PRETRAINING_WORD = re.compile(r"pre-?train|from\s+scratch|\b(?:base|original|parent|foundation|underlying)\s+"
                              r"(?:model|checkpoint)", re.IGNORECASE)
OWN_TRAINING_NOTE = "the derived card's own training, told where its fine-tuning is"
NAME_WORD = re.compile(r"[\w./]+(?:-[\w.]+)*")  # a name with its hyphened parts: "Kite-7B", "org/Kite-7B"


# a pre-training of N parameters on the compute-optimal ~20 tokens per parameter costs 6 · N · 20N FLOP; no
# base is pre-trained on a hundredth of that, so a run told below it on a derived card is the card's own
OPTIMAL_TOKENS_PER_PARAMETER = 20
PRETRAINING_FLOOR = 0.01
BELOW_PRETRAINING_NOTE = ("the derived card's own training: far below what pre-training a model of its size "
                          "takes")


BASE_FIELD = re.compile(r"\W*(?:base|parent)[ \t]+model", re.IGNORECASE)


def _told_with_the_derivation(estimate: Estimate) -> bool:
    """Whether a figure stands after the words that say what a card's model derives from (not a field
    or heading that names the base, whose words describe it), in their sentence, with no relative
    clause or parenthesis about the base and no pre-training word between
    ("Heron-Code is Kite-7B further trained on 500B tokens of code", "fine-tuned from Kite-7B on 8 H100
    GPUs for 6 hours"; not "… of Kite-7B, which was pre-trained on 2T tokens")."""
    sentence = estimate.evidence[0]
    figures = [span.start - sentence.start for span in estimate.evidence[1:]
               if sentence.start <= span.start <= sentence.end]
    said = FINE_TUNED_FROM.search(sentence.text) if figures else None
    # (the base's name may give the parameter count: the figure is the last part)
    if said is None or min(figures) < said.start() or max(figures) < said.end():
        return False
    if BASE_FIELD.match(said.group(0)):  # "Base model: Kite-7B, trained on 2T tokens": the base's own run
        return False
    between = sentence.text[said.end(): max(figures)]
    return not RELATIVE_WORD.search(between) and not PRETRAINING_WORD.search(between)


# a sentence whose subject is the card's model, as a pronoun or a phrase: "It was trained …", "This model
# was trained …", "The model is trained …", "Training took …"
CONTINUING_SUBJECT = re.compile(r"\W{0,3}(?:it|this\s+model|the\s+model|training|fine-?tuning|finetuning)\b"
                                r"(?:\s+(?:was|is|took|takes|ran|lasted|used|required))?", re.IGNORECASE)


def _continues_the_derivation(estimate: Estimate, text: str, own: str | None) -> bool:
    """Whether a figure stands in the sentence right after the one that says what the card's model derives
    from, that sentence's subject the card's model (its name or "This model"), and opens with that model
    as its subject again ("Heron-Embed is fine-tuned from heron-base on 1B pairs. It was trained for 3 days
    on 8 A100s."), with no pre-training word in it: the card's own training told on."""
    sentence = estimate.evidence[0]
    if sentence.start < 2 or not CONTINUING_SUBJECT.match(sentence.text) or \
            PRETRAINING_WORD.search(sentence.text) or BASE_MODEL_RUN.search(sentence.text):
        return False
    before = sentence_around(text, max(0, sentence.start - 2), max(0, sentence.start - 1))
    said = FINE_TUNED_FROM.search(before.text)
    if said is None or BASE_FIELD.match(said.group(0)):
        return False
    subject = before.text[: said.start()].strip().lower()
    own_name = (own or "").split("/")[-1].lower()
    return bool(subject) and (subject.startswith("this model") or (bool(own_name) and
                              squash_name(subject.split()[0]) == squash_name(own_name)))


# a figure glossed as a pre-training: "A LoRA adapter for Kite-13B (pre-trained on 2T tokens) trained on …"
PRETRAINED_ON_BEFORE = re.compile(r"\bpre-?train(?:ed|ing)\s+(?:\w+\s+){0,2}?(?:on|with|over|for|using)\s+"
                                  r"(?:about\s+|around\s+|roughly\s+|~\s*)?$", re.IGNORECASE)
# a parenthesis after a name that tells its training: "a DPO fine-tune of Kite-7B (trained on 2T tokens,
# 184,320 A100 GPU hours)"
TRAINING_GLOSS = re.compile(r"\s*(?:pre-?)?train(?:ed|ing)\b", re.IGNORECASE)


def _in_training_gloss(sentence: str, at: int) -> bool:
    """Whether ``at`` stands inside a parenthesis opened right after a name that opens with its training
    (:data:`TRAINING_GLOSS`)."""
    opened = sentence.rfind("(", 0, at)
    if opened <= 0 or ")" in sentence[opened:at]:
        return False
    before = sentence[:opened].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ".-_") and \
        TRAINING_GLOSS.match(sentence, opened + 1) is not None


# the words of a model's tuning, which make a parenthesis after a name tell that tuning, not the model
TUNING_WORDS = re.compile(r"fine-?tun|finetun|\b(?:sft|dpo|rlhf|q?lora|adapter|instruct\w*|align\w*)\b",
                          re.IGNORECASE)


def _in_name_gloss(sentence: str, at: int) -> bool:
    """Whether ``at`` stands inside a parenthesis opened right after a model's name ("Kite-7B (7B
    parameters, 2T pretraining tokens)") whose words tell no tuning (:data:`TUNING_WORDS`): the facts of
    the model it follows."""
    opened = sentence.rfind("(", 0, at)
    if opened <= 0 or ")" in sentence[opened:at]:
        return False
    name = NAME_WORD.findall(sentence[max(0, opened - 60):opened].rstrip()[-60:])
    closed = sentence.find(")", at)
    inside = sentence[opened: closed if closed >= 0 else len(sentence)]
    return bool(name) and sentence[:opened].rstrip()[-1:] not in ",;:" and looks_like_a_model(name[-1]) \
        and not TUNING_WORDS.search(inside)


def restage_base_glosses(estimates: list[Estimate], text: str) -> None:
    """On a derived model's card (``text``), a figure its sentence tells as a pre-training ("(pre-trained
    on 2T tokens)"), or as a training or the model's facts in a parenthesis right after a name ("Kite-7B
    (trained on 2T tokens)", "Kite-7B (7B parameters, 2T tokens)"), is its base's run, though tuning words
    in the sentence read it as fine-tuning. (An estimate whose first span is a figure, as a card's fields
    give, is read in the sentence around it.)"""
    for estimate in estimates:
        if estimate.stage != FINETUNING:
            continue
        first = estimate.evidence[0]
        for span in estimate.evidence:
            if span is first and len(estimate.evidence) > 1 and \
                    first.start <= estimate.evidence[1].start and estimate.evidence[1].end <= first.end:
                continue  # the sentence the figures after it stand in
            sentence = first if span is not first and first.start <= span.start <= first.end else \
                sentence_around(text, span.start, span.end)
            at = span.start - sentence.start
            if sentence.start <= span.start <= sentence.end and \
                    (PRETRAINED_ON_BEFORE.search(sentence.text, max(0, at - 40), at)
                     or _in_training_gloss(sentence.text, at) or _in_name_gloss(sentence.text, at)):
                estimate.stage = PRETRAINING
                break


def mark_own_fine_tuning(estimates: list[Estimate], text: str, own: str | None, base: str) -> None:
    """On a derived model's card, a figure told with the words that say what it derives from
    (:func:`_told_with_the_derivation`) is its own fine-tuning; so is a run its sentence tells without
    pre-training words and without naming another model than the card's (``own``: its repository or
    title; ``base``, the model it derives from, written whole in the sentence: "Kite-7B was trained on 384
    A100 GPUs" is the base's), under a heading of fine-tuning or in a card the trainer wrote ("Training
    took 12 hours on 8x A100" in a card with the trainer's tag), or anywhere when its figure is below a
    hundredth of a compute-optimal pre-training of the size the card's or its base's name carries (6 · N
    · 20N FLOP: "This model was trained using 8 A100 GPUs for 10 hours" on a 7B model's card): its stage
    becomes fine-tuning."""
    for estimate in estimates:  # the sentence that says what the card's model derives from, or the next
        if estimate.stage != FINETUNING and eligible(estimate) and \
                (_told_with_the_derivation(estimate) or _continues_the_derivation(estimate, text, own)):
            estimate.stage = FINETUNING
            estimate.notes.append(OWN_TRAINING_NOTE)
    trainer = "generated_from_trainer" in text[:3000]
    headed = trainer or OWN_TRAINING_HEADING.search(text) is not None
    headings = [(m.start(), bool(OWN_TRAINING_HEADING.match(text, m.start())))
                for m in ANY_HEADING.finditer(text)] if headed else []
    size = repository_size(own) or repository_size(base)
    floor = PRETRAINING_FLOOR * 6 * size * OPTIMAL_TOKENS_PER_PARAMETER * size if size else 0.0
    own_key, base_key = squash_name((own or "").split("/")[-1]), squash_name(base.split("/")[-1])
    for estimate in estimates:
        small = estimate.value_flop < floor
        if estimate.stage == FINETUNING or not eligible(estimate) or not (headed or small):
            continue
        sentence = estimate.evidence[0]
        if PRETRAINING_WORD.search(sentence.text) or BASE_MODEL_RUN.search(sentence.text):
            continue
        if base_key and base_key in {squash_name(word) for word in NAME_WORD.findall(sentence.text)}:
            continue  # the base named whole: its run
        if estimate.model and squash_name(estimate.model) != own_key:
            continue  # a named model other than the card's own (its base, most often)
        above = [under for at, under in headings if at <= sentence.start]
        if trainer or (above and above[-1]):
            estimate.stage = FINETUNING
            estimate.notes.append(OWN_TRAINING_NOTE)
        elif small:
            estimate.stage = FINETUNING
            estimate.notes.append(BELOW_PRETRAINING_NOTE)
