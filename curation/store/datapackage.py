"""``datapackage.json`` and ``DATA_DICTIONARY.md``: a version described for readers and for tools.

Both are generated from the pandera schemas of the published tables (each column's type, whether it
may be empty, whether it is unique, its allowed values and its description), so the description can
never drift from the tables. The package is a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/) that ``frictionless validate`` checks row by row.

Licences: values taken from Epoch AI's data are CC BY 4.0 and carry Epoch's attribution; flopwatch's
own records, estimates and links are under the project's licence (MIT).
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pandera.pandas as pa

from schemas.curated import CuratedModel
from schemas.papers import Paper
from schemas.provenance import ModelChange, ModelLink, ModelSourceValue

PACKAGE_FILE, DICTIONARY_FILE = "datapackage.json", "DATA_DICTIONARY.md"
EPOCH_ATTRIBUTION = ('Includes data from Epoch AI, "Data on AI Models", https://epoch.ai/data/ai-models, '
                     "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")
EPOCH_LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                 "title": "Creative Commons Attribution 4.0: the values taken from Epoch AI's data. "
                          + EPOCH_ATTRIBUTION}
PROJECT_LICENSE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT",
                   "title": "MIT: flopwatch's own records, compute estimates, links and trend fits"}
SOURCES = {
    "epoch": {"title": "Epoch AI, Data on AI Models", "path": "https://epoch.ai/data/ai-models"},
    "arxiv": {"title": "arXiv API (metadata) and full texts", "path": "https://arxiv.org"},
    "huggingface": {"title": "Hugging Face Hub model cards", "path": "https://huggingface.co"},
}

# each published table: (resource name, file, schema, what it holds)
TABLES: list[tuple[str, str, type[pa.DataFrameModel], str]] = [
    ("models", "models.csv", CuratedModel, "One row per model: the merged figures, with provenance."),
    ("model_sources", "model_sources.csv.gz", ModelSourceValue, "Every value every source gave, per model."),
    ("links", "links.csv.gz", ModelLink, "Why each source record belongs to its model."),
    ("changes", "changes.csv", ModelChange, "What changed since the previous version."),
    ("papers", "papers.csv.gz", Paper, "Every paper a paper source collected, with its primary estimate."),
]

# pandera dtype (as text) -> Frictionless field type
FIELD_TYPES = {"str": "string", "string": "string", "float64": "number", "bool": "boolean",
               "boolean": "boolean", "Int64": "integer", "int64": "integer", "datetime64[ns]": "date"}


def table_fields(schema: type[pa.DataFrameModel], header: list[str]) -> list[dict[str, object]]:
    """The Frictionless fields of a table with columns ``header`` (in that order, as Frictionless
    matches fields by position) from ``schema``: type, description, and the constraints a
    Frictionless validator checks (required, unique, minimum, maximum, enum)."""
    fields = []
    columns = schema.to_schema().columns
    for name in header:
        column = columns.get(name)
        if column is None:
            fields.append({"name": name, "type": "string", "description": ""})
            continue
        kind = FIELD_TYPES.get(str(column.dtype), "string")
        field: dict[str, object] = {"name": name, "type": kind, "description": column.description or ""}
        if kind == "date":
            field["format"] = "%Y-%m-%d"
        constraints: dict[str, object] = {}
        if not column.nullable:
            constraints["required"] = True
        if column.unique:
            constraints["unique"] = True
        for check in column.checks:
            stats = check.statistics or {}
            if check.name in ("greater_than_or_equal_to", "greater_than") and kind in ("number", "integer"):
                constraints["minimum"] = stats.get("min_value")
            elif check.name in ("less_than_or_equal_to", "less_than") and kind in ("number", "integer"):
                constraints["maximum"] = stats.get("max_value")
            elif check.name == "isin":
                constraints["enum"] = sorted(stats.get("allowed_values", []))
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return fields


def datapackage(folder: Path, manifest: dict[str, object]) -> dict[str, object]:
    """The Data Package of the version in ``folder`` (its ``manifest``): one resource per table
    present, licences and sources by what contributed."""
    contributed = list(dict.fromkeys(str(i["source"]) for i in manifest.get("inputs") or []))
    version = int(manifest["version"])
    epoch_used = "epoch" in contributed
    resources = []
    for name, file, schema, about in TABLES:
        if not (folder / file).exists():
            continue
        resource: dict[str, object] = {
            "name": name, "path": file, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": about,
            "schema": {"fields": table_fields(schema, _header(folder / file)),
                       **({"primaryKey": ["model_id"]} if name == "models" else {})},
        }
        if file.endswith(".gz"):
            resource["compression"] = "gz"
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": f"flopwatch-version-{version:04d}",
        "title": f"flopwatch: training compute of machine-learning models, version {version:04d}",
        "description": ("Training runs of machine-learning models (date, organization, parameters, dataset "
                        "size, hardware, training compute in FLOP), merged from public sources, with the "
                        "evidence behind every figure. " + (EPOCH_ATTRIBUTION if epoch_used else "")).strip(),
        "version": f"{version}.0.0",
        "created": str(manifest.get("created_at", "")),
        "licenses": [EPOCH_LICENSE, PROJECT_LICENSE] if epoch_used else [PROJECT_LICENSE],
        "sources": [SOURCES[name] for name in contributed if name in SOURCES],
        "contributors": [{"title": "flopwatch contributors", "role": "author"}],
        "resources": resources,
    }


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def data_dictionary(package: dict[str, object]) -> str:
    """``DATA_DICTIONARY.md``: every table and column of a package, with type and meaning."""
    lines = [f"# Data dictionary — {package['title']}", "", str(package["description"]), ""]
    for resource in package["resources"]:
        lines += [f"## `{resource['path']}`", "", str(resource["description"]), "",
                  "| column | type | required | description |", "|---|---|---|---|"]
        for field in resource["schema"]["fields"]:
            required = "yes" if field.get("constraints", {}).get("required") else ""
            lines.append(f"| `{field['name']}` | {field['type']} | {required} | {field['description']} |")
        lines.append("")
    lines += ["## Licences", ""] + [f"- {item['name']}: {item['title']}" for item in package["licenses"]]
    return "\n".join(lines) + "\n"


def write_datapackage(folder: Path, manifest: dict[str, object]) -> dict[str, object]:
    """Write ``datapackage.json`` and ``DATA_DICTIONARY.md`` into the version ``folder``."""
    package = datapackage(folder, manifest)
    (folder / PACKAGE_FILE).write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    (folder / DICTIONARY_FILE).write_text(data_dictionary(package), encoding="utf-8")
    return package
