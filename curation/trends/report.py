"""``REPORT.md``: a version's headline trend numbers next to the published anchors (each subset's
``anchors`` in the registry), compared like with like: each anchor beside a fit over the anchor's own
data window as well as the current fit; the data each source input held; and the automatic breaks,
with a plain warning where an interval is too wide to date anything."""

from __future__ import annotations

import pandas as pd

from curation.store.snapshots import snapshot_lines
from curation.trends.subsets import anchors

# a break whose 90% interval spans more years than this does not date a change of trend
WIDE_BREAK_YEARS = 5.0


def doubling_text(fit: dict[str, object] | None) -> str:
    """A fit's doubling time with its interval, growth per year and n ("—" for none)."""
    if not fit or fit["doubling_months"] is None:
        return "—"
    low, high = fit["doubling_months_ci90"]
    interval = f" [{low:.1f}; {high:.1f}]" if low is not None and high is not None else ""
    return f"{fit['doubling_months']:.1f} months{interval} ({fit['growth_per_year']:.2f}×/yr, n={fit['n']})"


def break_line(change: dict[str, object]) -> str:
    """One automatic break, said plainly when its interval is too wide to mean anything."""
    low, high = change["ci90"]
    line = f"- {change['date']} (90% interval {low} – {high})"
    if low and high:
        years = (pd.Timestamp(high) - pd.Timestamp(low)).days / 365.25
        if years > WIDE_BREAK_YEARS:
            line += (f": the interval spans {years:.0f} years, too wide to date a change of trend; "
                     "read it as no clear break")
    return line


def report_markdown(version_label: str, records: list[dict[str, object]], breaks: list[dict[str, object]],
                    excluded: dict[str, int], window_records: list[dict[str, object]] | None = None,
                    inputs: list[dict[str, object]] | None = None) -> str:
    """The report of one version's refit. ``window_records`` are fits over each anchor's own window
    (keyed by ``subset``, ``era`` and ``until``); ``inputs`` the manifest's inputs with their
    snapshot dates."""
    by_key = {(r["subset"], r["era"]): r for r in records}
    by_window = {(r["subset"], r["era"], r.get("until")): r for r in window_records or []}
    lines = [f"# Training-compute trends — {version_label}", "",
             "Log-linear fits of training compute against publication date, 90% bootstrap intervals.", ""]
    snapshots = snapshot_lines(inputs or [])
    if snapshots:
        lines += ["## Data", "", "Each source input and the date of the data it held:", "", *snapshots, ""]
    lines += ["## Next to the anchors", "",
              "Each published figure beside flopwatch's fit over the same window (models published up to "
              "the anchor's last date) and beside the fit over all data now.", "",
              "| anchor | period | published | flopwatch, same window | flopwatch now |",
              "|---|---|---|---|---|"]
    for anchor, subset in anchors():
        same = by_window.get((subset, anchor.era, anchor.until)) if anchor.until else None
        window = f"{doubling_text(same)} (to {anchor.until})" if same else "— (no window: a current figure)"
        lines.append(f"| {anchor.source} | {anchor.period} | {anchor.published} | {window} | "
                     f"{doubling_text(by_key.get((subset, anchor.era)))} |")
    lines += ["", "## All fits", "", "| subset | era | n | growth/yr | doubling (months) | 90% CI | R² |",
              "|---|---|---|---|---|---|---|"]
    for r in records:
        if r["growth_per_year"] is None:
            lines.append(f"| {r['subset']} | {r['era']} | {r['n']} | — | — | — | — |")
            continue
        low, high = r["doubling_months_ci90"]
        ci = f"{low:.1f}–{high:.1f}" if low is not None and high is not None else "—"
        doubling = f"{r['doubling_months']:.1f}" if r["doubling_months"] is not None else "no growth"
        lines.append(f"| {r['subset']} | {r['era']} | {r['n']} | {r['growth_per_year']:.2f}× | "
                     f"{doubling} | {ci} | {r['r2']:.2f} |")
    if breaks:
        lines += ["", "## Where the trend changes (automatic search, BIC)", ""]
        lines += [break_line(b) for b in breaks]
    if any(excluded.values()):
        lines += ["", "## Excluded", ""]
        lines += [f"- {subset}: {count} low outliers (see trends.json)"
                  for subset, count in excluded.items() if count]
    return "\n".join(lines) + "\n"
