"""Trend fitting: the seed result (OpenAI's 3.4-month doubling), eras, bootstrap, inputs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from curation.trends.fits import (
    TrendInputError,
    TrendOptions,
    compute_points,
    fit_trends,
    fits_to_records,
    fractional_year,
    read_compute_table,
)
from curation.units import pfs_days_to_flop

NOT_CHARTED = {"Word2vec", "VAE", "GANs", "Adam Optimizer", "Attention is all you need"}


@pytest.fixture
def openai_points(realdata):
    table = pd.read_csv(realdata / "openai_ai_and_compute.csv", dtype=str)
    charted = table[~table["result"].isin(NOT_CHARTED)]
    assert len(charted) == 15
    return compute_points(charted, "openai")


def test_openai_ai_and_compute_refits_to_a_3_4_month_doubling(openai_points):
    fits = fits_to_records(fit_trends(openai_points, TrendOptions(n_bootstrap=1000)))
    modern = fits[-1]
    assert modern["n"] == 15
    assert modern["doubling_months"] == pytest.approx(3.4, abs=0.1)
    low, high = modern["doubling_months_ci90"]
    assert low < modern["doubling_months"] < high


def test_petaflop_s_days_convert_to_flop():
    assert pfs_days_to_flop(1) == 8.64e19


def test_bootstrap_is_reproducible_with_a_seed_and_varies_without(openai_points):
    a = fit_trends(openai_points, TrendOptions(seed=7))
    b = fit_trends(openai_points, TrendOptions(seed=7))
    c = fit_trends(openai_points, TrendOptions(seed=8))
    pd.testing.assert_frame_equal(a, b)
    assert a.iloc[-1]["doubling_months_ci90_low"] != c.iloc[-1]["doubling_months_ci90_low"]


def test_known_slope_is_recovered_per_era():
    dates = pd.Series(pd.date_range("1990-01-01", "2020-01-01", freq="90D"))
    years = fractional_year(dates)
    # 0.2 OOM/yr before 2010, 0.6 after, continuous at 2010
    log_flop = np.where(years < 2010, 15 + 0.2 * (years - 2010), 15 + 0.6 * (years - 2010))
    points = pd.DataFrame({"publication_date": dates, "training_compute_flop": 10**log_flop})
    before, after = fits_to_records(fit_trends(points, TrendOptions(breakpoints=("2010-01-01",))))
    assert before["slope_oom_per_year"] == pytest.approx(0.2, rel=1e-6)
    assert after["slope_oom_per_year"] == pytest.approx(0.6, rel=1e-6)
    assert after["doubling_months"] == pytest.approx(12 * np.log10(2) / 0.6)
    assert after["growth_per_year"] == pytest.approx(10**0.6)
    assert after["r2"] == pytest.approx(1.0)
    assert before["era"] == "before 2010-01-01" and after["era"] == "from 2010-01-01"


def test_since_and_until_filter_the_data(openai_points):
    fits = fits_to_records(fit_trends(openai_points, TrendOptions(since="2014-01-01", until="2016-12-31")))
    assert fits[-1]["n"] == sum((openai_points["publication_date"] >= "2014-01-01")
                                & (openai_points["publication_date"] <= "2016-12-31"))


def test_too_few_points_give_nulls_not_errors():
    points = pd.DataFrame({"publication_date": pd.to_datetime(["2015-01-01", "2016-01-01"]),
                           "training_compute_flop": [1e18, 1e19]})
    fit = fits_to_records(fit_trends(points))[-1]
    assert fit["n"] == 2 and fit["doubling_months"] is None and fit["doubling_months_ci90"] == [None, None]


def test_shrinking_compute_has_no_doubling_time():
    dates = pd.Series(pd.date_range("2012-01-01", periods=10, freq="180D"))
    points = pd.DataFrame({"publication_date": dates, "training_compute_flop": np.logspace(22, 18, 10)})
    fit = fits_to_records(fit_trends(points))[-1]
    assert fit["slope_oom_per_year"] < 0 and fit["doubling_months"] is None


def test_epoch_and_flopwatch_column_names_are_both_read(tmp_path, epoch_snapshots):
    path = epoch_snapshots["notable_2025_12"]
    epoch = read_compute_table(path)
    table = pd.read_csv(path, dtype=str)
    with_compute = pd.to_numeric(table["Training compute (FLOP)"], errors="coerce").notna()
    dated = pd.to_datetime(table["Publication date"], errors="coerce").notna()
    assert len(epoch) == (with_compute & dated).sum() > 5  # every dated row with a figure
    ours = tmp_path / "models.csv"
    pd.DataFrame({"model": ["a", "b"], "publication_date": ["2020-01-01", "2021-01-01"],
                  "training_compute_flop": ["1e20", ""]}).to_csv(ours, index=False)
    assert len(read_compute_table(ours)) == 1


def test_table_without_compute_column_is_a_clear_error(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("publication_date,flops\n2020-01-01,1\n")
    with pytest.raises(TrendInputError, match=r"x\.csv: no training-compute column"):
        read_compute_table(path)


def test_a_refit_without_any_compute_figure_writes_files_that_say_so(tmp_path):
    from curation.trends.fits import TrendOptions
    from curation.trends.plot import NO_DATA
    from curation.trends.refit import refit_models
    from schemas.curated import empty_models

    records = refit_models(empty_models(), tmp_path, TrendOptions(n_bootstrap=50), "No figures yet")
    assert records and all(r["n"] == 0 and r["slope_oom_per_year"] is None for r in records)
    assert NO_DATA in (tmp_path / "trends.html").read_text() and (tmp_path / "trends.png").stat().st_size
    assert json.loads((tmp_path / "trends.json").read_text())["models_with_compute"] == 0
