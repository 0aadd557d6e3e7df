"""The subset registry: which models a trend is fitted on, over which eras, and which published
results it is read against. The refit, the report, the history and the CLI all read :data:`REGISTRY`.

- all: every model with a date and a compute figure;
- notable: models Epoch marks notable;
- frontier: among the top N (default 10) by training compute of all models released up to its date,
  or within 0.5 orders of magnitude of the running maximum;
- large-scale: as Sevilla et al. (2022), models of the deep-learning era whose residual from the
  era's log-linear trend has z ≥ 0.76;
- ``domain:<name>``: models whose domain list holds the name (case-insensitive), e.g. domain:language;
- frontier to 2018: the frontier over OpenAI's "AI and Compute" window (2012–2018).

A new subset is one ``Subset(...)`` line in :data:`REGISTRY` (and its selection function).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from curation.trends.fits import MIN_SPAN_YEARS, TrendOptions, fractional_year, ols

FRONTIER_TOP_N = 10
FRONTIER_WITHIN_OOM = 0.5
LARGE_SCALE_Z = 0.76
DEEP_LEARNING_ERA_START = pd.Timestamp("2010-01-01")


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
    if np.ptp(x) < MIN_SPAN_YEARS:  # points of a few days have no trend to stand above
        return mask
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


@dataclass(frozen=True)
class Anchor:
    """A published result a subset's era is read against in ``REPORT.md``."""

    rank: int  # its row in the report's anchor table
    source: str
    period: str
    published: str
    era: str  # the era label of the fit it is compared with
    until: str | None = None  # the last publication date in the anchor's own data, for a like fit


@dataclass(frozen=True)
class Subset:
    """A named selection of models with its own eras and anchors.

    ``breakpoints``/``until`` replace the configured eras and window when set (e.g. Sevilla et al.'s
    large-scale era starts late 2015); ``headline`` subsets appear in the run summary, ``summary``
    subsets in the terminal's trend lines and history."""

    name: str
    select: Callable[[pd.DataFrame], pd.DataFrame]
    breakpoints: tuple[str, ...] | None = None
    until: str | None = None
    headline: bool = False
    summary: bool = False
    anchors: tuple[Anchor, ...] = field(default_factory=tuple)

    def options(self, options: TrendOptions) -> TrendOptions:
        """``options`` with this subset's own eras and window where it has them."""
        if self.breakpoints is not None:
            options = replace(options, breakpoints=self.breakpoints)
        return replace(options, until=self.until) if self.until is not None else options


def _notable(points: pd.DataFrame) -> pd.DataFrame:
    if "notable" not in points or points["notable"].isna().all():
        raise SubsetError("subset 'notable' needs a notable flag or Epoch's 'Notability criteria' column")
    return points[points["notable"].fillna(False).astype(bool)]


def _domain(name: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def select(points: pd.DataFrame) -> pd.DataFrame:
        lists = points["domain"].fillna("").astype(str).str.lower().str.split(",")
        return points[lists.map(lambda parts: name in [p.strip() for p in parts])]
    return select


SEVILLA = "Sevilla et al. 2022, Table 2"
SEVILLA_DATA_END = "2022-02-28"  # their dataset's last models: February 2022
OPENAI = "OpenAI, AI and Compute (2018)"
REGISTRY: dict[str, Subset] = {subset.name: subset for subset in (
    Subset("all", lambda points: points, headline=True, summary=True, anchors=(
        Anchor(3, SEVILLA, "pre-deep-learning era 1952–2010", "21.3 months [17.0; 29.3]",
               "before 2010-01-01", SEVILLA_DATA_END),
        Anchor(4, SEVILLA, "deep-learning era 2010–2022", "5.7 months [4.3; 9.0]", "from 2010-01-01",
               SEVILLA_DATA_END))),
    Subset("notable", _notable, headline=True, summary=True, anchors=(
        Anchor(6, "Epoch AI (current headline)", "notable models since 2010", "4–5× per year",
               "from 2010-01-01"),)),
    Subset("frontier", lambda points: points[frontier_mask(points)], headline=True),
    Subset("large-scale", lambda points: points[large_scale_mask(points)], breakpoints=("2015-09-01",),
           headline=True, anchors=(
               Anchor(5, SEVILLA, "large-scale era late 2015–2022", "9.9 months [7.7; 17.1]",
                      "from 2015-09-01", SEVILLA_DATA_END),)),
    # OpenAI's "AI and Compute" window: the largest runs, 2012 to 2018
    Subset("frontier to 2018", lambda points: points[frontier_mask(points)], breakpoints=("2012-01-01",),
           until="2018-12-31", anchors=(
               Anchor(1, OPENAI, "largest runs 2012–2018", "3.4 months", "from 2012-01-01", "2018-12-31"),
               Anchor(2, OPENAI, "largest runs before 2012", "about 2 years", "before 2012-01-01",
                      "2018-12-31"))),
)}
SUBSETS = ("all", "notable", "frontier", "large-scale")  # the subsets a user names on the command line
DOMAIN_PREFIX = "domain:"


def get_subset(name: str) -> Subset:
    """The registered subset called ``name``, or ``domain:<name>`` (models whose domain list holds it)."""
    if name.startswith(DOMAIN_PREFIX):
        return Subset(name, _domain(name.split(":", 1)[1].strip().lower()))
    if name not in REGISTRY:
        raise SubsetError(f"unknown subset {name!r} (use one of {', '.join(SUBSETS)} or domain:<name>)")
    return REGISTRY[name]


def subset_points(points: pd.DataFrame, subset: str) -> pd.DataFrame:
    """The rows of ``points`` in ``subset`` (see the module docstring)."""
    return get_subset(subset).select(points)


def anchors() -> list[tuple[Anchor, str]]:
    """Every subset's anchors with the subset's name, in the report's order."""
    found = [(anchor, subset.name) for subset in REGISTRY.values() for anchor in subset.anchors]
    return sorted(found, key=lambda pair: pair[0].rank)
