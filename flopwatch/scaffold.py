"""``flopwatch new-source NAME``: a working skeleton source module with one recorded case."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from flopwatch.cases import SOURCE_NAME

MODULE = '''"""{title}: training runs from {{FLOPWATCH_{upper}_URL}}models.json.

Written by `flopwatch new-source {name}` as a working example: it reads a JSON list of
{{"name", "date", "training_compute_flop", "link"}} records. Replace fetch and parse with the real
site's API, record real responses with `flopwatch record {name} URL --name CASE`, and see
CONTRIBUTING.md.
"""

from __future__ import annotations

import json

import pandas as pd

from scrapers.base import LATEST, Source, SourceError, Window
from scrapers.http import FetchError
from scrapers.landing import Landing, Payload


class {camel}Source(Source):
    """{title} (example skeleton)."""

    name = "{name}"
    default_url = "https://example.org/{name}/"  # FLOPWATCH_{upper}_URL overrides it
    description = "Example source written by flopwatch new-source; replace with what it holds."

    def fetch(self, landing: Landing, window: Window = LATEST) -> list[Payload]:
        """Download the model list (conditionally) and land it."""
        url = self.base_url.rstrip("/") + "/models.json"
        try:
            response = self.http.get(url, landing.validators_for(url))
        except FetchError as exc:
            raise SourceError(f"{name}: {{exc}}") from exc
        return [landing.land("models.json", response)]

    def parse(self, payload: Payload, content: bytes) -> pd.DataFrame:
        """One candidate row per record; typing and checks happen downstream."""
        try:
            records = json.loads(content)
        except ValueError as exc:
            raise SourceError(f"{name}: {{payload.name}}: not JSON ({{exc}})") from exc
        if not isinstance(records, list):
            raise SourceError(f"{name}: {{payload.name}}: expected a JSON list of models")
        rows = [{{
            "source": self.name, "source_record_id": str(record.get("name")), "source_row": row,
            "model": record.get("name"), "publication_date": record.get("date"),
            "training_compute_flop": record.get("training_compute_flop"), "link": record.get("link"),
            "raw_sha256": payload.sha256, "fetched_at": payload.fetched_at,
        }} for row, record in enumerate(records, start=1) if isinstance(record, dict)]
        return pd.DataFrame(rows)
'''

EXAMPLE_RECORDS = [
    {"name": "Example-1B", "date": "2024-03-01", "training_compute_flop": 1.2e21,
     "link": "https://example.org/example-1b"},
    {"name": "Example-7B", "date": "2024-06-15", "training_compute_flop": 8.4e22,
     "link": "https://example.org/example-7b"},
    {"name": "Example-Future", "date": "not announced", "training_compute_flop": 1e24},
]


def new_source(name: str, sources_dir: Path, known: set[str]) -> list[Path]:
    """Write ``<sources_dir>/<name>.py`` and ``cases/<name>/example.{yaml,json}`` beside it; return the paths.
    Refuses a bad name, a name already taken, or files that exist."""
    if not SOURCE_NAME.fullmatch(name):
        raise ValueError(f"source name {name!r}: use 2-31 lower-case letters, digits or _, "
                         "starting with a letter")
    if name in known:
        raise ValueError(f"a source called {name!r} exists already")
    module = sources_dir / f"{name}.py"
    folder = sources_dir / "cases" / name
    paths = [module, folder / "example.yaml", folder / "example.json"]
    existing = [str(p) for p in paths if p.exists()]
    if existing:
        raise FileExistsError(f"would overwrite {', '.join(existing)}")
    camel = "".join(part.capitalize() for part in name.split("_"))
    title = name.replace("_", " ").title()
    text = MODULE.format(name=name, upper=name.upper(), camel=camel, title=title)
    module.write_text(text, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "example.json").write_text(json.dumps(EXAMPLE_RECORDS, indent=2) + "\n", encoding="utf-8")
    case = {
        "description": "The skeleton's example: two models and one without a readable date (quarantined).",
        "env": {},
        "responses": [{"path": f"/{name}/models.json", "file": "example.json",
                       "content_type": "application/json"}],
        "provenance": [{"file": "example.json", "written_by": "flopwatch new-source"}],
        "expect": {"candidates": 2, "quarantined": 1, "rows": [
            {"model": "Example-1B", "publication_date": "2024-03-01", "training_compute_flop": 1.2e21},
            {"model": "Example-7B", "training_compute_flop": 8.4e22},
        ]},
    }
    (folder / "example.yaml").write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    return paths
