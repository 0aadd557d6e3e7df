"""Recorded cases: each source's recorded responses and what its candidates must be.

A source's cases live next to its module, in ``cases/<source>/``: one YAML file per case naming the
responses a local server gives (path, optional query, file, content type, status), the settings the
case needs (``{server}`` is replaced by the local server's address), an optional window, the
provenance of each recorded file (URL, time, sha256), and the expected candidates::

    description: Epoch's notable table, three rows
    env: {FLOPWATCH_EPOCH_TABLES: notable_ai_models}
    responses:
      - {path: /data/notable_ai_models.csv, file: notable.csv, content_type: text/csv}
    expect:
      candidates: 3              # valid candidates, exactly
      quarantined: 0             # rows or payloads quarantined (optional)
      rows:                      # the first key picks the candidate; the others must match
        - {model: GPT-3 175B (davinci), training_compute_flop: 3.14e+23, publication_date: 2020-05-28}
        - {source_record_id: 2005.14165v4, training_compute_flop: {within: 2, of: 3.14e+23}}

:func:`run_case` serves the responses on the loopback server (127.0.0.1), points the source at it,
fetches, parses and validates exactly as a run does, and returns what did not match. ``flopwatch
record`` writes a new case from live responses; ``flopwatch new-source`` writes a skeleton source with
one case.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import yaml

from curation.collect import collect_candidates
from flopwatch.loopback import Loopback
from flopwatch.settings import Settings, load_settings
from schemas.validate import VALUE_DROPPED, Validated
from scrapers import available_sources
from scrapers.base import Source, Window
from scrapers.landing import Landing

RELATIVE_TOLERANCE = 1e-6


@dataclass
class RecordedResponse:
    """One answer of the local server: to GET ``path`` (and ``query``, a substring, if given)."""

    path: str
    file: str
    content_type: str = "application/octet-stream"
    status: int = 200
    query: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Case:
    """A recorded case of one source."""

    source: str
    name: str
    folder: Path
    description: str = ""
    env: dict[str, str] = field(default_factory=dict)
    window: dict[str, str] = field(default_factory=dict)
    responses: list[RecordedResponse] = field(default_factory=list)
    expect: dict[str, object] = field(default_factory=dict)
    provenance: list[dict[str, object]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.name}"


def cases_folder(cls: type[Source]) -> Path:
    """Where ``cls`` keeps its cases: ``cases/<name>/`` beside its module."""
    return Path(inspect.getfile(cls)).resolve().parent / "cases" / cls.name


def load_case(path: Path, source: str) -> Case:
    """A case from its YAML file; a malformed file raises ValueError naming it."""
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses = [RecordedResponse(**r) for r in spec.get("responses", [])]
    except (yaml.YAMLError, TypeError) as exc:
        raise ValueError(f"recorded case {path}: {exc}") from exc
    return Case(source, path.stem, path.parent, spec.get("description", ""),
                {k: str(v) for k, v in (spec.get("env") or {}).items()}, spec.get("window") or {},
                responses, spec.get("expect") or {}, spec.get("provenance") or [])


def all_cases() -> list[Case]:
    """Every available source's cases (sorted by source, then case name)."""
    cases = []
    for name, cls in sorted(available_sources().items()):
        folder = cases_folder(cls)
        cases += [load_case(path, name) for path in sorted(folder.glob("*.yaml"))] if folder.is_dir() else []
    return cases


@contextmanager
def serve_case(case: Case) -> Iterator[tuple[str, Loopback]]:
    """Serve the case's responses on the loopback server; yields its root URL (without the final
    slash) and the server (whose ``log`` lists the requests). The first response that matches a request
    answers it."""
    with Loopback() as server:
        for response in reversed(case.responses):
            server.file(response.path, case.folder / response.file, response.content_type, response.headers,
                        response.status, response.query)
        yield server.url.rstrip("/"), server


@contextmanager
def patched_environ(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def case_settings(data_dir: Path) -> Settings:
    """Settings for running a case: no politeness delay, no retries, a test contact."""
    return load_settings(data_dir=data_dir, http_min_interval=0.0, http_retries=0,
                         contact="recorded-case@flopwatch.invalid")


def case_environment(case: Case, root: str) -> dict[str, str]:
    """The settings that point ``case``'s source at its local server at ``root`` (no delay), with the
    case's own settings (``{server}`` in them replaced by ``root``)."""
    cls = available_sources()[case.source]
    prefix = f"FLOPWATCH_{(cls.setting_name or cls.name).upper()}_"
    return {f"{prefix}URL": root + urlsplit(cls.default_url).path, f"{prefix}DELAY": "0",
            **{key: value.replace("{server}", root) for key, value in case.env.items()}}


def run_case(case: Case, data_dir: Path) -> tuple[Validated, list[str]]:
    """Fetch, parse and validate ``case`` against its local server, as a run would; return the result
    and every way it differs from the case's expectations (empty when it passes)."""
    cls = available_sources()[case.source]
    with ExitStack() as stack:
        root, _ = stack.enter_context(serve_case(case))
        stack.enter_context(patched_environ(case_environment(case, root)))
        settings = case_settings(data_dir)
        source = cls(settings)
        window = Window(_when(case.window.get("since")), _when(case.window.get("until")))
        payloads = source.fetch(Landing(data_dir, case.source, f"case-{case.name}"), window)
        validated = collect_candidates(source, payloads, data_dir)
    return validated, check_expectations(validated, case.expect)


def _when(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def check_expectations(validated: Validated, expect: dict[str, object]) -> list[str]:
    """What in ``validated`` differs from ``expect`` (see the module docstring for its form)."""
    candidates, problems = validated.candidates, []
    if "candidates" in expect and len(candidates) != expect["candidates"]:
        problems.append(f"{len(candidates)} valid candidates, expected {expect['candidates']}")
    if "quarantined" in expect and _quarantined(validated) != expect["quarantined"]:
        checks = "; ".join(validated.quarantine["check"].astype(str).head(3))
        problems.append(f"{_quarantined(validated)} quarantined, expected {expect['quarantined']}: {checks}")
    for wanted in expect.get("rows", []) or []:
        (key, value), *fields = wanted.items()
        found = candidates[candidates[key].astype(str) == str(value)] if key in candidates else candidates[:0]
        if found.empty:
            problems.append(f"no candidate with {key} = {value!r}")
            continue
        row = found.iloc[0]
        for column, expected in fields:
            problem = _compare(column, row.get(column), expected)
            if problem:
                problems.append(f"{key} = {value!r}: {problem}")
    return problems


def _compare(column: str, actual: object, expected: object) -> str | None:
    if isinstance(actual, pd.Timestamp):
        actual = actual.strftime("%Y-%m-%d")
    elif hasattr(actual, "item"):  # a numpy scalar: report it as a plain number
        actual = actual.item()
    missing = _missing(actual)
    if expected is None:
        return None if missing else f"{column} is {actual!r}, expected empty"
    if missing:
        return f"{column} is empty, expected {expected!r}"
    if isinstance(expected, dict):  # {within: factor, of: value}
        factor, target = float(expected["within"]), float(expected["of"])
        ratio = float(actual) / target
        if 1 / factor <= ratio <= factor:
            return None
        return f"{column} is {actual!r}, not within {factor}x of {target}"
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        ok = math.isclose(float(actual), float(expected), rel_tol=RELATIVE_TOLERANCE)
        return None if ok else f"{column} is {actual!r}, expected {expected!r}"
    return None if str(actual) == str(expected) else f"{column} is {actual!r}, expected {expected!r}"


def record_case(source: str, urls: list[str], name: str, env: dict[str, str] | None = None,
                window: dict[str, str] | None = None, settings: Settings | None = None) -> Path:
    """Fetch ``urls`` live, save each response beside the source's cases with its provenance, and
    write a case whose expectations are what the source makes of them now (review them)."""
    from scrapers.http import PoliteSession

    cls = available_sources()[source]
    folder = cases_folder(cls)
    target = folder / f"{name}.yaml"
    if target.exists():
        raise FileExistsError(f"{target} exists; choose another case name")
    folder.mkdir(parents=True, exist_ok=True)
    session = PoliteSession(settings or load_settings())
    responses, provenance = [], []
    for index, url in enumerate(urls, start=1):
        response = session.get(url)
        parts = urlsplit(url)
        suffix = Path(parts.path).suffix or _suffix(response.content_type)
        file = f"{name}-{index}{suffix}"
        (folder / file).write_bytes(response.content)
        responses.append({"path": parts.path, "file": file, "content_type": response.content_type or
                          "application/octet-stream", **({"query": parts.query} if parts.query else {})})
        provenance.append({"file": file, "url": url,
                           "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                           "sha256": hashlib.sha256(response.content).hexdigest()})
    spec = {"description": f"recorded with `flopwatch record {source}`", "env": env or {},
            "window": window or {}, "responses": responses, "provenance": provenance, "expect": {}}
    target.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory() as scratch:
            validated, _ = run_case(load_case(target, source), Path(scratch))
    except Exception:
        target.unlink()
        raise
    spec["expect"] = expectations_of(validated)
    target.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def expectations_of(validated: Validated, rows: int = 5) -> dict[str, object]:
    """Expectations that pin what the source makes of a case now: the counts and a few rows."""
    candidates = validated.candidates
    columns = ["model", "publication_date", "training_compute_flop", "compute_method"]
    pinned = []
    for _, row in candidates.head(rows).iterrows():
        entry: dict[str, object] = {"source_record_id": str(row["source_record_id"])}
        for column in columns:
            value = row.get(column)
            if isinstance(value, pd.Timestamp):
                value = value.strftime("%Y-%m-%d")
            if not _missing(value):
                entry[column] = value.item() if hasattr(value, "item") else value
        pinned.append(entry)
    return {"candidates": len(candidates), "quarantined": _quarantined(validated), "rows": pinned}


def _quarantined(validated: Validated) -> int:
    lines = validated.quarantine[validated.quarantine["action"] != VALUE_DROPPED]
    return len(lines.drop_duplicates(["record", "row", "check"]))


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _suffix(content_type: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    return {"text/csv": ".csv", "application/json": ".json", "application/atom+xml": ".xml",
            "text/html": ".html", "application/pdf": ".pdf", "text/plain": ".txt",
            "text/markdown": ".md"}.get(kind, ".bin")


SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
