"""A static site per version (``versions/NNNN/site/``): what a reader opens instead of the CSV.

- ``index.html``: the headline trend beside the published anchors, the charts, the data's snapshot
  dates, downloads and how to cite;
- ``models.html``: every model in one table, searchable and sortable (``assets/site.js``, no library);
- ``model/<model_id>.html``: a model's merged row, every source record behind it (with the rule that
  linked it and a link to its raw payload), and every compute estimate with its evidence highlighted;
- ``changes.html``: what changed since the previous version;
- ``inputs.html``: the payloads the version was built from, with the date of their data and a link to
  each raw file (a model page links a snapshot table's record here, by the table's name);
- the charts (``trends.png``, ``trends_full.png``, ``trends.html`` with its own copy of plotly.js).

Plain HTML that works from ``file://`` and from any static host. Model pages carry nothing of the
version (their navigation is relative), so an unchanged model's page is the same file from version
to version and is stored once (:mod:`curation.store.sharing`). Links to raw payloads resolve where
the site is read inside its data folder (``data/raw`` beside ``data/curated``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html import escape
from importlib import resources
from pathlib import Path

import pandas as pd

from curation.site.pages import definition_rows, page, table, text
from curation.store.datapackage import EPOCH_ATTRIBUTION
from curation.store.sharing import table_path
from curation.trends.refit import CHART_FILES
from curation.trends.report import doubling_text
from curation.trends.subsets import anchors
from schemas.curated import LINK_COLUMNS, SOURCE_VALUE_COLUMNS

SITE = "site"
NO_EVIDENCE = "The source gives no sentence for this figure."
ASSETS = ("site.js", "site.css")
DIGEST_IN_LINE = re.compile(r'"sha256": "([0-9a-f]{64})"')
PLOTLY_SCRIPT = re.compile(r'<script[^>]* src="([^"]*plotly-[^"/]*\.min\.js)"')
MODEL_COLUMNS_SHOWN = [("Model", "text"), ("Date", "text"), ("Organization", "text"),
                       ("Compute (FLOP)", "number"), ("Method", "text"), ("Confidence", "text"),
                       ("Sources", "text")]


def write_site(version_dir: Path, final_dir: Path, data_dir: Path) -> Path:
    """Build the site of the version whose files are in ``version_dir`` (a staging folder, or the
    published one) into ``version_dir/site``. ``final_dir`` is where the version is (or will be)
    published and ``data_dir`` the data folder: links to raw payloads are relative to them."""
    site = version_dir / SITE
    if site.exists():
        shutil.rmtree(site)
    (site / "model").mkdir(parents=True)
    _assets(site / "assets")
    manifest = json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    models = pd.read_parquet(version_dir / "models.parquet")
    sources = _table(version_dir, "model_sources", SOURCE_VALUE_COLUMNS)
    links = _table(version_dir, "links", LINK_COLUMNS)
    wanted = set(sources["raw_sha256"]) | {str(i.get("sha256")) for i in manifest.get("inputs", [])}
    raw_files = raw_paths(data_dir, wanted)
    raw = dict(raw_files)
    data_from_site = Path(os.path.relpath(data_dir, final_dir / SITE)).as_posix()
    raw_prefix = f"../{data_from_site}"  # from site/model/
    # a model page names a version input (a snapshot table) by its name, not its bytes: the page of a
    # model whose values did not change stays the same file when the table is downloaded anew
    inputs = {str(i["sha256"]): input_anchor(i) for i in manifest.get("inputs", []) if i.get("sha256")}
    raw.update({digest: f"#{anchor}" for digest, anchor in inputs.items()})
    source_groups = _by_model(sources)
    link_groups = _by_model(links)
    for model_id, row in models.set_index("model_id").iterrows():
        html = model_page(model_id, row, source_groups.get(model_id, []), link_groups.get(model_id, []),
                          raw, raw_prefix)
        (site / "model" / f"{model_id}.html").write_text(html, encoding="utf-8")
    (site / "models.html").write_text(models_page(models, manifest), encoding="utf-8")
    (site / "changes.html").write_text(changes_page(version_dir, manifest), encoding="utf-8")
    (site / "inputs.html").write_text(inputs_page(manifest, raw_files, data_from_site),
                                      encoding="utf-8")
    charts = _charts(version_dir, site)
    fits = json.loads((version_dir / "trends.json").read_text(encoding="utf-8")) \
        if (version_dir / "trends.json").exists() else {}
    (site / "index.html").write_text(index_page(manifest, fits, charts, len(models)), encoding="utf-8")
    return site


def raw_paths(data_dir: Path, wanted: set[str]) -> dict[str, str]:
    """sha256 → path (relative to the data folder) of the landed raw payloads in ``wanted``, from the
    raw zone's manifests. The zone holds every payload ever fetched, so a line is parsed only when
    the digest it names is wanted."""
    found: dict[str, str] = {}
    if not (data_dir / "raw").is_dir():
        return found
    for manifest in sorted((data_dir / "raw").rglob("manifest.jsonl")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            digest = DIGEST_IN_LINE.search(line)
            if digest is None or digest.group(1) not in wanted or digest.group(1) in found:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            path = record.get("path") or record.get("reused_path")
            if path:
                found[digest.group(1)] = path
    return found


def models_page(models: pd.DataFrame, manifest: dict) -> str:
    """Every model: name (to its page), date, organization, compute, method, confidence, sources."""
    rows = []
    ordered = models.sort_values(["publication_date", "model"], ascending=[False, True], na_position="last")
    for row in ordered.itertuples(index=False):
        compute = row.training_compute_flop
        words = " ".join(text(value) for value in (row.model, row.organization, row.domain, row.sources,
                                                   row.hardware))
        sort_value = "" if pd.isna(compute) else f"{compute:.6e}"
        cells = [
            f'<td><a href="model/{escape(row.model_id)}.html">{escape(row.model)}</a></td>',
            f"<td>{escape(text(row.publication_date))}</td>", f"<td>{escape(text(row.organization))}</td>",
            f'<td class="number" data-value="{sort_value}">{escape(text(compute))}</td>',
            f"<td>{escape(text(row.compute_method))}</td>", f"<td>{escape(text(row.confidence))}</td>",
            f"<td>{escape(text(row.sources))}</td>",
        ]
        rows.append(f'<tr data-search="{escape(words.lower())}">{"".join(cells)}</tr>')
    headers = "".join(f'<th data-type="{kind}"><button type="button">{escape(name)}</button></th>'
                      for name, kind in MODEL_COLUMNS_SHOWN)
    body = (f"<h1>Models — version {int(manifest['version']):04d}</h1>"
            f'<p><label for="search">Search</label> (name, organization, domain, source, hardware):<br>'
            f'<input id="search" type="search" placeholder="e.g. Google language" autocomplete="off"></p>'
            f'<p class="muted"><span id="shown">{len(models)}</span> of {len(models)} models shown. '
            "Click a column's name to sort by it.</p>"
            f'<table id="models"><thead><tr>{headers}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return page("Models", body, script=True)


def model_page(model_id: str, row: pd.Series, sources: list[dict[str, str]], links: list[dict[str, str]],
               raw: dict[str, str], raw_prefix: str) -> str:
    """One model: its estimates with their evidence, its merged row, and its source records (rows of
    ``model_sources`` and ``links`` as dicts)."""
    name = str(row["model"])
    summary = " · ".join(escape(text(row[c])) for c in ("publication_date", "organization") if text(row[c]))
    parts = [f"<h1>{escape(name)}</h1>",
             f'<p class="muted">{summary} · model id <code>{escape(model_id)}</code></p>']
    records: dict[tuple[str, str], list[dict[str, str]]] = {}
    for value in sources:
        records.setdefault((value["source"], value["source_record_id"]), []).append(value)
    why = {(link["source"], link["source_record_id"]): link for link in links}
    parts.append("<h2>Training-compute estimates</h2>")
    figures = [v for v in sources if v["field"] == "training_compute_flop"]
    if not figures:
        parts.append("<p>No source gives a training-compute figure for this model.</p>")
    for figure in figures:
        method = [v["value"] for v in records[(figure["source"], figure["source_record_id"])]
                  if v["field"] == "compute_method"]
        how = f" ({escape(method[0])})" if method else ""
        quoted = (f'<blockquote><mark class="evidence">{escape(figure["evidence"])}</mark></blockquote>'
                  if figure["evidence"] else f'<p class="muted">{NO_EVIDENCE}</p>')
        origin = (f'{escape(figure["source"])}, record <code>{escape(figure["source_record_id"])}</code> '
                  f'{_raw_link(figure["raw_sha256"], raw, raw_prefix)}')
        amount = escape(_flop(figure["value"]))
        parts.append(f'<div class="estimate"><p><strong>{amount} FLOP</strong>{how} — {origin}</p>'
                     f"{quoted}</div>")
    parts += ["<h2>Merged record</h2>",
              definition_rows([(column, row[column]) for column in row.index if column != "model"]),
              "<h2>Source records</h2>"]
    for (source, record), values in records.items():
        link = why.get((source, record))
        because = (f"linked by rule <em>{escape(link['rule'])}</em>"
                   f"{': ' + escape(link['detail']) if link['detail'] else ''}" if link else "")
        url = values[0]["url"]
        page_link = f' · <a href="{escape(url)}">source page</a>' if url.startswith(("http://", "https://")) \
            else ""
        parts.append(f"<h3>{escape(source)}: <code>{escape(record)}</code></h3>"
                     f'<p class="muted">{because}{page_link} · '
                     f'{_raw_link(values[0]["raw_sha256"], raw, raw_prefix)}</p>')
        parts.append(table(["field", "value"], [[escape(v["field"]), escape(v["value"])] for v in values]))
    return page(name, "\n".join(parts), depth=1)


def changes_page(version_dir: Path, manifest: dict) -> str:
    """What changed since the previous version: counts, then every change."""
    changes = pd.read_csv(version_dir / "changes.csv", dtype=str, keep_default_na=False)
    previous = manifest.get("previous_version")
    against = f"version {int(previous):04d}" if previous else "nothing (the first version)"
    counts = ", ".join(f"{count} {kind}" for kind, count in changes["change"].value_counts().items()) \
        or "no changes"
    rows = [[escape(c.change), escape(c.model or c.model_id) if c.change == "removed"
             else f'<a href="model/{escape(c.model_id)}.html">{escape(c.model or c.model_id)}</a>',
             escape(c.field), escape(c.old), escape(c.new)] for c in changes.itertuples(index=False)]
    body = (f"<h1>Changes in version {int(manifest['version']):04d}</h1><p>Against {escape(against)}: "
            f"{escape(counts)}.</p>" + table(["change", "model", "field", "old", "new"], rows))
    return page("Changes", body)


def input_anchor(record: dict[str, object]) -> str:
    """The id of a version input's line in ``inputs.html`` (its source and name)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{record['source']}-{record['name']}")


def inputs_page(manifest: dict, raw: dict[str, str], data_from_site: str) -> str:
    """Every input of the version: the date of its data, its sha256, and a link to the raw file."""
    rows = []
    for record in manifest.get("inputs", []):
        path = raw.get(str(record.get("sha256")))
        link = f'<a class="raw" href="{escape(data_from_site)}/{escape(path)}">{escape(path)}</a>' if path \
            else '<span class="muted">not in this data folder</span>'
        dated = f"{text(record.get('snapshot_date'))} ({text(record.get('snapshot_basis'))})"
        cells = [escape(str(record["source"])), f"<code>{escape(str(record['name']))}</code>", escape(dated),
                 escape(text(record.get("fetched_at"))),
                 f"<code>{escape(str(record.get('sha256', ''))[:16])}…</code>", link]
        rows.append(f'<tr id="{escape(input_anchor(record))}">' + "".join(f"<td>{c}</td>" for c in cells)
                    + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("source", "input", "data as of", "fetched", "sha256",
                                             "raw file"))
    body = (f"<h1>Inputs of version {int(manifest['version']):04d}</h1><p>The payloads this version was "
            "built from, as landed in the raw zone (never modified; see its manifest.jsonl).</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return page("Inputs", body)


def index_page(manifest: dict, fits: dict, charts: list[str], model_count: int) -> str:
    """The overview: headline trend beside the anchors, charts, data dates, downloads, citation."""
    version = int(manifest["version"])
    subset = fits.get("chart_subset", "all")
    records = fits.get("fits", [])
    by_key = {(r["subset"], r["era"]): r for r in records}
    windows = {(r["subset"], r["era"], r.get("until")): r for r in fits.get("anchor_windows", [])}
    headline = [[escape(r["era"]), str(r["n"]), escape(doubling_text(r))]
                for r in records if r["subset"] == subset]
    anchor_rows = []
    for anchor, name in anchors():
        same = windows.get((name, anchor.era, anchor.until)) if anchor.until else None
        anchor_rows.append([escape(f"{anchor.source}: {anchor.period}"), escape(anchor.published),
                            escape(doubling_text(same)) if same else "—",
                            escape(doubling_text(by_key.get((name, anchor.era))))])
    data_lines = "".join(
        f"<li>{escape(str(i['source']))}: <code>{escape(str(i['name']))}</code> — data as of "
        f"{escape(str(i.get('snapshot_date')))} ({escape(str(i.get('snapshot_basis')))})</li>"
        for i in manifest.get("inputs", []) if i.get("snapshot_date"))
    images = "".join(f'<p><img src="{c}" alt="training compute chart ({c})"></p>'
                     for c in charts if c.endswith(".png") and c != "trends.png")
    headline_chart = '<p class="charts"><img src="trends.png" alt="training compute since 2010"></p>' \
        if "trends.png" in charts else ""
    interactive = '<p><a href="trends.html">Interactive chart</a> (hover for each model)</p>' \
        if "trends.html" in charts else ""
    downloads = "".join(f'<li><a href="../{f}">{f}</a></li>' for f in (
        "models.csv", "models.parquet", "datapackage.json", "DATA_DICTIONARY.md", "REPORT.md", "CHANGES.md"))
    body = (f"<h1>Training compute of ML models — version {version:04d}</h1>"
            f"<p>{model_count} models; published {escape(str(manifest.get('created_at', '')))}. "
            '<a href="models.html">Browse and search every model</a>.</p>'
            '<div class="side-by-side">'
            f"<section><h2>Headline trend ({escape(subset)} models)</h2>"
            f"{table(['era', 'n', 'doubling time (90% CI)'], headline)}{headline_chart}</section>"
            "<section><h2>Next to the published anchors</h2>"
            f"{table(['anchor', 'published', 'flopwatch, same window', 'flopwatch now'], anchor_rows)}"
            "</section></div>"
            f'<h2>Charts</h2><div class="charts">{images}{interactive}</div>'
            f'<h2>Data</h2><ul>{data_lines}</ul><p><a href="inputs.html">Every input and its raw file</a></p>'
            f"<h2>Downloads</h2><ul>{downloads}</ul>"
            "<h2>How to cite</h2><p>Cite the flopwatch dataset with its version number (see "
            "<code>CITATION.cff</code> in the project). " + escape(EPOCH_ATTRIBUTION) + "</p>")
    return page(f"Version {version:04d}", body)


def _by_model(frame: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for record in frame.to_dict(orient="records"):
        grouped.setdefault(record["model_id"], []).append(record)
    return grouped


def _flop(value: object) -> str:
    try:
        return f"{float(value):.3g}"
    except (TypeError, ValueError):
        return str(value)


def _raw_link(digest: object, raw: dict[str, str], prefix: str) -> str:
    """A link to a record's raw payload: to its line in ``inputs.html`` for a version input, else to
    the file in the raw zone."""
    path = raw.get(str(digest))
    if path is None:
        return '<span class="muted">raw payload not in this data folder</span>'
    if path.startswith("#"):
        return f'<a class="raw" href="../inputs.html{escape(path)}">raw payload</a>'
    return f'<a class="raw" href="{escape(prefix)}/{escape(path)}">raw payload</a>'


def _table(version_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    """A provenance table of the version as text (empty where a version has none)."""
    path = table_path(version_dir, name)
    if not path.exists():
        return pd.DataFrame(columns=columns)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _assets(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    static = resources.files("curation.site") / "static"
    for name in ASSETS:
        (folder / name).write_bytes((static / name).read_bytes())


def _charts(version_dir: Path, site: Path) -> list[str]:
    """Copy the version's charts into the site (hard links where possible); the interactive page gets
    the plotly.js it loads beside it, so the site needs nothing outside its folder."""
    found = []
    for name in CHART_FILES:
        source = version_dir / name
        if not source.exists():
            continue
        if name.endswith(".html"):
            html = source.read_text(encoding="utf-8")
            script = PLOTLY_SCRIPT.search(html)
            if script:
                library = (version_dir / script.group(1)).resolve()
                _link_or_copy(library, site / "assets" / library.name)
                html = html.replace(script.group(1), f"assets/{library.name}")
            html = html.replace("<head>", '<head><link rel="icon" href="data:,">', 1)  # no favicon request
            (site / name).write_text(html, encoding="utf-8")
        else:
            _link_or_copy(source, site / name)
        found.append(name)
    return found


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
