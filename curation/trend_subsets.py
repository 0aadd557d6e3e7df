"""Which models a trend is fitted on: all, notable, frontier, large-scale, or one domain.

- frontier: among the top N (default 10) by training compute of all models released up to its date,
  or within 0.5 orders of magnitude of the running maximum;
- large-scale: as Sevilla et al. (2022), models of the deep-learning era whose residual from the
  era's log-linear trend has z ≥ 0.76;
- ``domain:<name>``: models whose domain list holds the name (case-insensitive), e.g. domain:language.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from curation.trends import fractional_year, ols

SUBSETS = ("all", "notable", "frontier", "large-scale")
FRONTIER_TOP_N = 10
FRONTIER_WITHIN_OOM = 0.5
LARGE_SCALE_Z = 0.76
DEEP_LEARNING_ERA_START = pd.Timestamp("2010-01-01")
# The eras each subset is fitted over by default: Sevilla et al.'s large-scale era starts late 2015.
DEFAULT_BREAKPOINTS = {"large-scale": ("2015-09-01",)}


class SubsetError(ValueError):
    """A subset cannot be formed from the data (unknown name, or the data lacks the column)."""


def frontier_mask(points: pd.DataFrame, top_n: int = FRONTIER_TOP_N,
                  within_oom: float = FRONTIER_WITHIN_OOM) -> pd.Series:
    """True for each model that was at the frontier when it was published."""
    order = points.sort_values("publication_date", kind="stable").index
    logs = np.log10(points["training_compute_flop"].astype(float))
    top: list[float] = []  # min-heap of the N largest so far
    running_max = -np.inf
    mask = pd.Series(False, index=points.index)
    for index in order:
        value = logs[index]
        in_top = len(top) < top_n or value >= top[0]
        near_max = value >= running_max - within_oom
        mask[index] = bool(in_top or near_max)
        running_max = max(running_max, value)
        if len(top) < top_n:
            heapq.heappush(top, value)
        elif value > top[0]:
            heapq.heapreplace(top, value)
    return mask


def large_scale_mask(points: pd.DataFrame, z_threshold: float = LARGE_SCALE_Z) -> pd.Series:
    """True for deep-learning-era models far above that era's trend (residual z ≥ 0.76)."""
    era = points["publication_date"] >= DEEP_LEARNING_ERA_START
    mask = pd.Series(False, index=points.index)
    if era.sum() < 3:
        return mask
    x = fractional_year(points.loc[era, "publication_date"])
    y = np.log10(points.loc[era, "training_compute_flop"].to_numpy(dtype=float))
    slope, intercept, _ = ols(x, y)
    residuals = y - (slope * x + intercept)
    z = (residuals - residuals.mean()) / residuals.std()
    mask[era[era].index] = z >= z_threshold
    return mask


def domains(points: pd.DataFrame, minimum: int = 30) -> list[str]:
    """Domains with at least ``minimum`` models with compute, most common first."""
    if "domain" not in points or points["domain"].isna().all():
        return []
    counts = points["domain"].dropna().astype(str).str.split(",").explode().str.strip().str.lower()
    counts = counts[counts != ""].value_counts()
    return [name for name, count in counts.items() if count >= minimum]


def subset_points(points: pd.DataFrame, subset: str) -> pd.DataFrame:
    """The rows of ``points`` in ``subset`` (see the module docstring)."""
    if subset == "all":
        return points
    if subset == "notable":
        if "notable" not in points or points["notable"].isna().all():
            raise SubsetError("subset 'notable' needs a notable flag or Epoch's 'Notability criteria' column")
        return points[points["notable"].fillna(False).astype(bool)]
    if subset == "frontier":
        return points[frontier_mask(points)]
    if subset == "large-scale":
        return points[large_scale_mask(points)]
    if subset.startswith("domain:"):
        name = subset.split(":", 1)[1].strip().lower()
        lists = points["domain"].fillna("").astype(str).str.lower().str.split(",")
        return points[lists.map(lambda parts: name in [p.strip() for p in parts])]
    raise SubsetError(f"unknown subset {subset!r} (use one of {', '.join(SUBSETS)} or domain:<name>)")
