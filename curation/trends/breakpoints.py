"""Where does the trend change? Piecewise log-linear fits with one or two breaks, chosen by BIC.

Every split of the date-sorted points into segments (each with at least ``min_segment`` models) is
scored by its residual sum of squares, computed for all splits at once from prefix sums. The number of
breaks (1 to ``max_breaks``) is chosen by BIC; a seeded bootstrap gives a 90% interval for each date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from curation.trends.fits import fractional_year, years_to_dates

MIN_SEGMENT = 10
MAX_GRID = 150
PARAMETERS_PER_SEGMENT = 2  # slope and intercept


@dataclass(frozen=True)
class Break:
    """A break date (fractional year) and its bootstrap interval."""

    year: float
    ci90: tuple[float | None, float | None]

    def to_dict(self) -> dict[str, object]:
        return {"date": year_to_date(self.year), "ci90": [year_to_date(v) if v is not None else None
                                                          for v in self.ci90]}


def year_to_date(year: float) -> str:
    """A fractional year as YYYY-MM-DD."""
    return years_to_dates(np.array([year]))[0].strftime("%Y-%m-%d")


class _Prefix:
    """Prefix sums that give any segment's OLS residual sum of squares in O(1)."""

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        zero = np.zeros(1)
        self.n = np.arange(len(x) + 1, dtype=float)
        self.sx = np.concatenate([zero, np.cumsum(x)])
        self.sy = np.concatenate([zero, np.cumsum(y)])
        self.sxx = np.concatenate([zero, np.cumsum(x * x)])
        self.syy = np.concatenate([zero, np.cumsum(y * y)])
        self.sxy = np.concatenate([zero, np.cumsum(x * y)])

    def sse(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Residual sum of squares of the OLS line over points i..j-1 (arrays broadcast)."""
        n = self.n[j] - self.n[i]
        sx, sy = self.sx[j] - self.sx[i], self.sy[j] - self.sy[i]
        sxx, syy, sxy = self.sxx[j] - self.sxx[i], self.syy[j] - self.syy[i], self.sxy[j] - self.sxy[i]
        with np.errstate(invalid="ignore", divide="ignore"):
            vxx = sxx - sx * sx / n
            vxy = sxy - sx * sy / n
            sse = syy - sy * sy / n - np.where(vxx > 0, vxy * vxy / vxx, 0.0)
        return np.maximum(sse, 0.0)


def best_splits(x: np.ndarray, y: np.ndarray, breaks: int, min_segment: int = MIN_SEGMENT
                ) -> tuple[float, tuple[int, ...]]:
    """The lowest residual sum of squares with ``breaks`` breaks, and the split indices (x sorted)."""
    n = len(x)
    prefix = _Prefix(x, y)
    if breaks == 0:
        return float(prefix.sse(np.array(0), np.array(n))), ()
    if breaks == 1:
        s = np.arange(min_segment, n - min_segment + 1)
        if s.size == 0:
            return np.inf, ()
        total = prefix.sse(np.zeros_like(s), s) + prefix.sse(s, np.full_like(s, n))
        best = int(np.argmin(total))
        return float(total[best]), (int(s[best]),)
    # two breaks: splits on a grid of at most MAX_GRID positions keep the search O(grid²), not O(n²)
    grid = np.unique(np.linspace(min_segment, n - min_segment, num=min(n, MAX_GRID)).astype(int))
    s1 = grid[grid <= n - 2 * min_segment][:, None]
    s2 = grid[grid >= 2 * min_segment][None, :]
    if s1.size == 0 or s2.size == 0:
        return np.inf, ()
    total = prefix.sse(np.zeros_like(s1), s1) + prefix.sse(s1, s2) + prefix.sse(s2, np.full_like(s2, n))
    total = np.where(s2 - s1 >= min_segment, total, np.inf)
    a, b = np.unravel_index(int(np.argmin(total)), total.shape)
    return float(total[a, b]), (int(s1[a, 0]), int(s2[0, b]))


def bic(sse: float, n: int, breaks: int) -> float:
    """Bayesian information criterion of a piecewise fit (segments' lines plus the break dates)."""
    parameters = PARAMETERS_PER_SEGMENT * (breaks + 1) + breaks
    return n * np.log(max(sse, 1e-12) / n) + parameters * np.log(n)


def _dates(x: np.ndarray, splits: tuple[int, ...]) -> list[float]:
    return [(x[s - 1] + x[s]) / 2 for s in splits]


def find_breaks(dates: pd.Series, compute_flop: pd.Series, max_breaks: int = 2, n_bootstrap: int = 200,
                seed: int = 2018, ci: float = 0.90, min_segment: int = MIN_SEGMENT) -> list[Break]:
    """Break dates of log10(compute) over time: as many as BIC prefers (1 to ``max_breaks``)."""
    x = fractional_year(dates)
    y = np.log10(compute_flop.to_numpy(dtype=float))
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    n = len(x)
    if max_breaks < 1 or n < 2 * min_segment:
        return []
    scores = {k: bic(best_splits(x, y, k, min_segment)[0], n, k) for k in range(1, max_breaks + 1)}
    chosen = min(scores, key=scores.get)
    years = _dates(x, best_splits(x, y, chosen, min_segment)[1])
    rng = np.random.default_rng(seed)
    samples = []
    for _ in range(n_bootstrap):
        index = np.sort(rng.integers(0, n, size=n))
        _, splits = best_splits(x[index], y[index], chosen, min_segment)
        if len(splits) == chosen:
            samples.append(_dates(x[index], splits))
    tail = (1 - ci) / 2 * 100
    breaks = []
    for position, year in enumerate(years):
        if samples:
            low, high = np.percentile([s[position] for s in samples], [tail, 100 - tail])
            breaks.append(Break(year, (float(low), float(high))))
        else:
            breaks.append(Break(year, (None, None)))
    return breaks
