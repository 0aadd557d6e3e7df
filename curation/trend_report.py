"""``REPORT.md``: a version's headline trend numbers next to the published anchors."""

from __future__ import annotations

# The field's reference results, as published.
ANCHORS = [
    ("OpenAI, AI and Compute (2018)", "largest runs 2012–2018", "3.4 months",
     ("frontier to 2018", "from 2012-01-01")),
    ("OpenAI, AI and Compute (2018)", "largest runs before 2012", "about 2 years",
     ("frontier to 2018", "before 2012-01-01")),
    ("Sevilla et al. 2022, Table 2", "pre-deep-learning era 1952–2010", "21.3 months [17.0; 29.3]",
     ("all", "before 2010-01-01")),
    ("Sevilla et al. 2022, Table 2", "deep-learning era 2010–2022", "5.7 months [4.3; 9.0]",
     ("all", "from 2010-01-01")),
    ("Sevilla et al. 2022, Table 2", "large-scale era late 2015–2022", "9.9 months [7.7; 17.1]",
     ("large-scale", "from 2015-09-01")),
    ("Epoch AI (current headline)", "notable models since 2010", "4–5× per year",
     ("notable", "from 2010-01-01")),
]


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
    for source, period, published, key in ANCHORS:
        lines.append(f"| {source} | {period} | {published} | {_doubling(by_key.get(key)) if key else '—'} |")
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
