"""``REPORT.md``: a version's headline trend numbers next to the published anchors (each subset's
``anchors`` in the registry)."""

from __future__ import annotations

from curation.trends.subsets import anchors


def _doubling(fit: dict[str, object] | None) -> str:
    if not fit or fit["doubling_months"] is None:
        return "—"
    low, high = fit["doubling_months_ci90"]
    interval = f" [{low:.1f}; {high:.1f}]" if low is not None and high is not None else ""
    return f"{fit['doubling_months']:.1f} months{interval} ({fit['growth_per_year']:.2f}×/yr, n={fit['n']})"


def report_markdown(version_label: str, records: list[dict[str, object]], breaks: list[dict[str, object]],
                    excluded: dict[str, int]) -> str:
    """The report of one version's refit."""
    by_key = {(r["subset"], r["era"]): r for r in records}
    lines = [f"# Training-compute trends — {version_label}", "",
             "Log-linear fits of training compute against publication date, 90% bootstrap intervals.", "",
             "## Next to the anchors", "", "| anchor | period | published | flopwatch now |",
             "|---|---|---|---|"]
    for anchor, subset in anchors():
        lines.append(f"| {anchor.source} | {anchor.period} | {anchor.published} | "
                     f"{_doubling(by_key.get((subset, anchor.era)))} |")
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
        lines += [f"- {b['date']} (90% interval {b['ci90'][0]} – {b['ci90'][1]})" for b in breaks]
    if any(excluded.values()):
        lines += ["", "## Excluded", ""]
        lines += [f"- {subset}: {count} low outliers (see trends.json)"
                  for subset, count in excluded.items() if count]
    return "\n".join(lines) + "\n"
