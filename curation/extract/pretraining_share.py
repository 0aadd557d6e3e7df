"""A later stage told as a share of the pre-training it continues.

Papers that instruction-tune, uptrain or extend a pre-trained model often size their own stage against
the pre-training: "we only use 0.2% of the pre-training compute to instruction-finetune Kite-540B
(approximately 512 TPU v4 chips for 37 hours)", "our models saw about 2 billion tokens, which is only
0.6% of the pre-training budget of Kite", "uptrained using 5% of the original pre-training compute", "1.3
billion extra tokens, which constitutes 0.16% extra computation". The
stage's figure over its share is the pre-training's compute, and the model's training compute — as Epoch
AI counts a model built on another — is the two together. The sum is added as an estimate of its own,
evidenced by the same sentence; the stage's figure stays among the estimates.
"""

from __future__ import annotations

import re

from curation.extract.evidence import PRETRAINING, Estimate

# what the stage's share is of: the pre-training's compute, budget, FLOPs or cost ("0.2% of the
# pre-training compute", "5% of original pre-training compute", "1% of the compute used for pre-training")
_COMPUTE_OF = (r"(?:(?:pre-?training|original\s+training)\s+(?:compute(?:\s+budget)?|budget|flops?|cost|"
               r"computation)|(?:compute|flops?|computation|cost)\s+(?:(?:used|needed|spent|required)\s+)?"
               r"(?:for|in|of)\s+(?:the\s+|its\s+)?(?:original\s+)?pre-?training)")
# steps and tokens are the stage's amount only when told as its equal ("…, which is 0.6% of the
# pre-training tokens"): "we use 5% of the pre-training tokens for validation" is another share
_AMOUNT_OF = r"(?:pre-?training|original\s+training)\s+(?:steps|tokens|budget)"
_OF = (r"\s*(?:%|per\s?cent\b)\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|this\s+)?"
       r"(?:(?:original|initial|full|base(?:\s+model)?(?:'s)?)\s+)?")
_HEDGE = r"(?:(?:only|just|about|approximately|roughly|around|merely|~)\s*)*"
# or, told as the stage's equal, a share of extra compute ("…, which constitutes 0.16% extra computation"):
# extra to the pre-training it continues
_EXTRA = r"\s*(?:%|per\s?cent\b)\s+(?:extra|additional)\s+(?:training\s+)?(?:compute|computation|flops?)\b"
# the share as what the stage used ("we only use 0.2% of", "using 5% of", "at 1% of", "requires 2% of",
# "(0.2% of …", "…, about 0.2% of …", "…, or 5% of …"), or as the stage's amount's equal ("which is only
# 0.6% of", "corresponding to 1% of"); "less than 1%", "up to 5%" and "over 2%" are bounds, no figure
PRETRAINING_SHARE = re.compile(
    r"(?:\b(?:uses?|used|using|requir\w*|tak\w*|took|costs?|costing|consum\w*|spends?|spent|needs?|"
    r"needed|at|with)\s+|\(\s*|[,;—–]\s*or\s+"
    r"|[,;—–]\s*(?=(?:only|just|about|approximately|roughly|around)\b))"
    + _HEDGE + r"(?P<share>\d+(?:\.\d+)?)" + _OF + _COMPUTE_OF
    + r"|\b(?:which\s+(?:is|was|amounts\s+to|corresponds\s+to|represents|constitutes)|amounting\s+to|"
      r"corresponding\s+to|constituting|equivalent\s+to|i\.e\.,?)\s+" + _HEDGE + r"(?P<share2>\d+(?:\.\d+)?)"
    + rf"(?:{_OF}(?:{_COMPUTE_OF}|{_AMOUNT_OF})|{_EXTRA})",
    re.IGNORECASE)
SMALLEST_SHARE, LARGEST_SHARE = 1e-5, 0.4  # a share of half or more is no later stage's
TOTAL_NOTE = "the stage's figure and the pre-training it states a share of, together"
STAGE_NOTE = "not a training total: one stage, told with its share of the pre-training (see the total)"


def may_state_a_share(text: str) -> bool:
    """Whether a text holds a percentage at all (a cheap test before :data:`PRETRAINING_SHARE`)."""
    return "%" in text or ("per" in text and ("percent" in text.lower() or "per cent" in text.lower()))


def share_of_pretraining(sentence: str) -> float | None:
    """The share of the pre-training a sentence says its stage used (0.002 for "0.2% of the pre-training
    compute"), or None when it says none or several."""
    if not may_state_a_share(sentence):
        return None
    shares = {float(m.group("share") or m.group("share2")) / 100
              for m in PRETRAINING_SHARE.finditer(sentence)}
    if len(shares) != 1:
        return None
    share = shares.pop()
    return share if SMALLEST_SHARE <= share <= LARGEST_SHARE else None


def pretraining_totals(candidates: list[Estimate]) -> list[Estimate]:
    """For each candidate whose sentence gives its stage's share of the pre-training, an estimate of the
    stage and the pre-training together (its figure times one plus the inverse share), with the same
    evidence and method and at most Likely; a stage told as pre-training (an uptraining) is then no total
    of its own. ``candidates`` are the text's own runs."""
    totals = []
    for estimate in candidates:
        share = share_of_pretraining(estimate.evidence[0].text)
        if share is None:
            continue
        value = estimate.value_flop * (1 + 1 / share)
        assumptions = {**estimate.assumptions, "stage_flop": estimate.value_flop,
                       "stage": estimate.stage, "share_of_pretraining": share,
                       "pretraining_flop": estimate.value_flop / share, "total": TOTAL_NOTE}
        # (inferred from a share: Likely at best, as any single inferred figure)
        confidence = "Likely" if estimate.confidence == "Confident" else estimate.confidence
        totals.append(Estimate(value, estimate.method, list(estimate.evidence), assumptions,
                               model=estimate.model, confidence=confidence, stage=PRETRAINING))
        if estimate.stage == PRETRAINING:  # an uptraining or a continued pre-training: a part of the total
            estimate.notes.append(STAGE_NOTE)
    return totals
