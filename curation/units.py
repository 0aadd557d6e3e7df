"""Unit conversions for training compute. Units live in names: FLOP, FLOP/s, petaflop/s-days."""

from __future__ import annotations

SECONDS_PER_DAY = 86_400
PETAFLOP_PER_SECOND = 1e15
FLOP_PER_PFS_DAY = PETAFLOP_PER_SECOND * SECONDS_PER_DAY  # 8.64e19


def pfs_days_to_flop(pfs_days: float) -> float:
    """Petaflop/s-days (OpenAI's unit) to FLOP."""
    return pfs_days * FLOP_PER_PFS_DAY


def flop_to_pfs_days(flop: float) -> float:
    """FLOP to petaflop/s-days."""
    return flop / FLOP_PER_PFS_DAY
