"""The one home of flopwatch's settings: environment variables (FLOPWATCH_*) and CLI overrides.

No other module reads ``os.environ``; they receive a :class:`Settings`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from flopwatch.layout import DataLayout

CommaList = Annotated[list[str], NoDecode]
"""A list set in the environment as comma-separated text (``a,b,c``)."""


class Settings(BaseSettings):
    """Run-time configuration; every field can be set as ``FLOPWATCH_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="FLOPWATCH_", extra="ignore")

    data_dir: Path = Path("data")
    contact: str = Field(
        "",
        description="Who to contact about our traffic (URL or e-mail); sent in the User-Agent.",
    )
    sources: CommaList = Field(default_factory=lambda: ["epoch"])

    # Polite HTTP
    http_connect_timeout: float = 10.0
    http_read_timeout: float = 60.0
    http_retries: int = 4
    http_backoff_factor: float = 1.0
    http_backoff_max: float = 60.0
    http_max_retry_after: float = 300.0
    http_min_interval: float = 1.0
    http_total_timeout: float = 600.0  # a whole response, however slowly it trickles in
    http_max_bytes: int = 256 * 1024 * 1024
    # A source's whole fetch in one run: past it, its remaining requests fail at once (a listing fails
    # the source; details not fetched are queued for the next run)
    source_timeout: float = 7200.0

    # Details (full texts, cards) that failed for a temporary reason are fetched again on later runs:
    # the first retry on the next run, then after 1, 3, 7, ... days (detail_retry_days × (2^n − 1)),
    # up to detail_retries attempts in all
    detail_retries: int = Field(5, ge=1)
    detail_retry_days: float = Field(1.0, ge=0)

    # Where the per-paper work (parse, extract) of a paper source runs: "local" (in the collect step)
    # or "dask" (batches of parse_batch payloads as Prefect tasks on a Dask cluster: a LocalCluster of
    # dask_workers processes, or the distributed scheduler at dask_address, e.g. tcp://10.0.0.5:8786)
    task_runner: Literal["local", "dask"] = "local"
    dask_address: str = ""
    dask_workers: int = Field(2, ge=1)
    parse_batch: int = Field(25, ge=1)

    # Prefect task retries around a whole source fetch (on top of HTTP retries)
    fetch_task_retries: int = 1
    fetch_task_retry_delay: float = 30.0

    # Epoch AI
    epoch_tables: CommaList = Field(
        default_factory=lambda: ["notable_ai_models", "frontier_ai_models", "large_scale_ai_models",
                                 "all_ai_models"]
    )

    # Publishing guard: a snapshot source whose valid rows fall by more than this share since the
    # latest version failed (a cut-short download), unless the source is named in accept_shrink
    max_shrink: float = Field(0.10, ge=0, le=1)
    accept_shrink: CommaList = Field(default_factory=list)

    # Trend refit
    trend_breakpoints: CommaList = Field(default_factory=lambda: ["2010-01-01"])
    trend_bootstrap: int = 1000
    trend_seed: int = 2018
    trend_ci: float = 0.90

    @field_validator("sources", "epoch_tables", "trend_breakpoints", "accept_shrink", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @property
    def layout(self) -> DataLayout:
        """Where each zone of the data folder is (see :mod:`flopwatch.layout`)."""
        return DataLayout(self.data_dir)

    @property
    def curated_dir(self) -> Path:
        return self.layout.curated

    @property
    def user_agent(self) -> str:
        from flopwatch import __version__

        contact = self.contact.strip() or "contact not configured: set FLOPWATCH_CONTACT"
        return f"flopwatch/{__version__} (training-compute dataset; {contact})"

    def source_url(self, source: str, default: str) -> str:
        """The base URL of ``source``: ``FLOPWATCH_<SOURCE>_URL`` when set, else ``default``."""
        return os.environ.get(f"FLOPWATCH_{source.upper()}_URL", "").strip() or default

    def source_url_variable(self, source: str) -> str:
        """The name of the environment variable that sets ``source``'s base URL."""
        return f"FLOPWATCH_{source.upper()}_URL"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None ``overrides`` (CLI flags) taking precedence."""
    return Settings(**{key: value for key, value in overrides.items() if value is not None})
