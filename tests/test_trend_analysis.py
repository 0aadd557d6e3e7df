"""The field's questions: Sevilla et al.'s eras, where the trend breaks, subsets, jitter, outliers."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from curation.trends.breakpoints import find_breaks
from curation.trends.fits import (
    TrendOptions,
    excluded_models,
    fit_trends,
    fits_to_records,
    jitter_half_widths,
    read_compute_table,
)
from curation.trends.history import append_history, history_rows, read_history
from curation.trends.refit import refit_models
from curation.trends.subsets import SubsetError, frontier_mask, large_scale_mask, subset_points
from flopwatch.cli import main


@pytest.fixture(scope="module")
def notable(realdata):
    return read_compute_table(realdata / "epoch" / "notable_ai_models_2025-12-27.csv")


def test_notable_up_to_february_2022_reproduces_sevilla_et_al(notable):
    window = notable[notable["publication_date"] <= "2022-02-28"]
    pre, deep = fits_to_records(fit_trends(window, TrendOptions(n_bootstrap=1000)))
    assert 17.0 <= pre["doubling_months"] <= 29.3  # pre-deep-learning era: 21.3 [17.0; 29.3]
    assert 4.3 <= deep["doubling_months"] <= 9.0  # deep-learning era: 5.7 [4.3; 9.0]


def test_sevilla_options_keep_the_eras_inside_their_intervals(notable):
    window = notable[notable["publication_date"] <= "2022-02-28"]
    options = TrendOptions(jitter=True, drop_outliers=True)
    pre, deep = fits_to_records(fit_trends(window, options))
    assert 17.0 <= pre["doubling_months"] <= 29.3 and 4.3 <= deep["doubling_months"] <= 9.0
    excluded = excluded_models(window, options)
    assert len(excluded) > 0 and excluded["reason"].str.startswith("low outlier: z = -").all()


def test_automatic_search_finds_the_deep_learning_break(notable):
    (found,) = find_breaks(notable["publication_date"], notable["training_compute_flop"], max_breaks=1)
    assert "2006-01-01" <= found.to_dict()["date"] <= "2014-12-31"
    low, high = found.to_dict()["ci90"]
    assert low <= found.to_dict()["date"] <= high


def test_break_search_is_reproducible_under_a_seed(notable):
    dates, flop = notable["publication_date"], notable["training_compute_flop"]
    first = find_breaks(dates, flop, 1, n_bootstrap=50, seed=3)
    again = find_breaks(dates, flop, 1, n_bootstrap=50, seed=3)
    assert [b.to_dict() for b in first] == [b.to_dict() for b in again]


def _synthetic(n: int = 200, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.Series(pd.date_range("2012-01-01", "2022-01-01", periods=n))
    years = dates.dt.year + dates.dt.day_of_year / 366
    log_flop = 18 + 0.5 * (years - 2012) + rng.normal(0, 0.7, n)
    return pd.DataFrame({"model": [f"m{i}" for i in range(n)], "publication_date": dates,
                         "training_compute_flop": 10**log_flop, "confidence": "Speculative",
                         "domain": ["Language" if i % 2 else "Vision,Language" if i % 3 else "Games"
                                    for i in range(n)], "notable": [i % 4 == 0 for i in range(n)]})


def test_jitter_widths_follow_confidence():
    widths = jitter_half_widths(pd.Series(["Confident", "Likely", "Speculative", None]))
    assert widths == pytest.approx(np.log10([2, 3, 10, 2]))


def test_jitter_widens_the_interval_of_speculative_estimates():
    points = _synthetic()
    plain = fits_to_records(fit_trends(points, TrendOptions(breakpoints=())))[0]
    jittered = fits_to_records(fit_trends(points, TrendOptions(breakpoints=(), jitter=True)))[0]
    width = lambda fit: fit["doubling_months_ci90"][1] - fit["doubling_months_ci90"][0]  # noqa: E731
    assert width(jittered) > width(plain)
    assert jittered["doubling_months"] == plain["doubling_months"]  # the point estimate is unjittered


def test_a_low_outlier_is_dropped_with_its_reason():
    points = _synthetic()
    points.loc[100, "training_compute_flop"] = 1e10
    excluded = excluded_models(points, TrendOptions(drop_outliers=True)).set_index("model")
    assert "m100" in excluded.index and len(excluded) < 0.05 * len(points)
    assert "within 1.5 years" in excluded.loc["m100", "reason"]
    z = excluded["reason"].str.extract(r"z = (-?[\d.]+)")[0].astype(float)
    assert z.idxmin() == "m100"


def test_frontier_keeps_running_top_models_and_those_near_the_maximum():
    dates = pd.to_datetime([f"20{10 + i}-01-01" for i in range(6)])
    flop = [1e20, 1e22, 1e18, 5e21, 1e23, 1e21]
    points = pd.DataFrame({"publication_date": dates, "training_compute_flop": flop})
    mask = frontier_mask(points, top_n=2, within_oom=0.5)
    # 1e18 is third of three; 5e21 is within 0.5 OOM of 1e22; 1e21 is below the top two and 2 OOM under
    assert list(mask) == [True, True, False, True, True, False]


def test_large_scale_models_sit_far_above_the_trend():
    points = _synthetic()
    points.loc[[50, 150], "training_compute_flop"] *= 1e4
    mask = large_scale_mask(points)
    assert mask[[50, 150]].all() and 0.05 < mask.mean() < 0.4


def test_models_of_one_day_have_no_trend_to_stand_above():
    points = pd.DataFrame({"publication_date": pd.to_datetime(["2024-05-01"] * 3),
                           "training_compute_flop": [1e20, 1e21, 1e25]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no poorly conditioned fit
        assert not large_scale_mask(points).any()


def test_subsets_by_flag_domain_and_unknown_name():
    points = _synthetic()
    assert len(subset_points(points, "notable")) == 50
    assert set(subset_points(points, "domain:games")["domain"]) == {"Games"}
    with pytest.raises(SubsetError, match="unknown subset"):
        subset_points(points, "biggest")


def test_version_refit_writes_every_output(tmp_path, realdata):
    models = pd.read_csv(realdata / "epoch" / "notable_ai_models_2024-07-16.csv")
    models = models.rename(columns={"System": "model", "Publication date": "publication_date",
                                    "Training compute (FLOP)": "training_compute_flop", "Domain": "domain",
                                    "Confidence": "confidence"}).assign(notable=True)
    records = refit_models(models, tmp_path, TrendOptions(n_bootstrap=200), "test", "version 0001")
    assert {"all", "notable", "frontier", "large-scale", "frontier to 2018"} <= {r["subset"] for r in records}
    saved = json.loads((tmp_path / "trends.json").read_text())
    assert saved["fits"] == json.loads(json.dumps(records)) and saved["breaks"]["found"]
    report = (tmp_path / "REPORT.md").read_text()
    assert "21.3 months [17.0; 29.3]" in report and "| all | from 2010-01-01 |" in report
    page = (tmp_path / "trends.html").read_text()
    assert "plotly" in page and '<script src="http' not in page  # self-contained
    assert (tmp_path / "trends.png").read_bytes()[:4] == b"\x89PNG"


def test_history_is_appended_once_per_version(tmp_path):
    path = tmp_path / "trends_history.csv"
    records = fits_to_records(fit_trends(_synthetic()))
    assert append_history(path, history_rows(1, "2026-11-26", [{"subset": "all", **r} for r in records]))
    assert not append_history(path, history_rows(1, "2026-11-26", [{"subset": "all", **r} for r in records]))
    assert append_history(path, history_rows(2, "2026-11-27", [{"subset": "all", **r} for r in records]))
    assert list(read_history(path)["version"].unique()) == [1, 2]


def test_cli_refit_subset_breaks_and_excluded(realdata, capsys):
    csv = realdata / "epoch" / "notable_ai_models_2025-12-27.csv"
    assert main(["refit", "--input", str(csv), "--subset", "frontier", "--auto-breaks", "1",
                 "--drop-outliers", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["subset"] == "frontier" and isinstance(result["excluded"], list)
    assert [set(b) for b in result["breaks"]] == [{"date", "ci90"}]


def test_cli_trends_history(tmp_path, capsys):
    curated = tmp_path / "curated"
    records = [{"subset": "all", **r} for r in fits_to_records(fit_trends(_synthetic()))]
    append_history(curated / "trends_history.csv", history_rows(1, "2026-11-26", records))
    append_history(curated / "trends_history.csv", history_rows(2, "2026-11-27", records))
    assert main(["trends", "--history", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "version 0002" in out and (curated / "trends_history.png").exists()
    assert "plotly" in (curated / "trends_history.html").read_text()
