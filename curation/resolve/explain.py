"""``flopwatch explain``: a model's merged row, every record behind it, and why they were linked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from curation.resolve.names import fold, name_parts
from curation.store.sharing import table_path


class NotFound(LookupError):
    """No model, or several, answer to the query; the message lists the near ones."""


def find_model(models: pd.DataFrame, query: str) -> pd.Series:
    """The model whose id is ``query``, else whose name is, exactly, then case-insensitively, then
    written differently (name parts)."""
    for matches in (models[models["model_id"] == query], models[models["model"] == query],
                    models[models["model"].map(fold) == fold(query)],
                    models[models["model"].map(lambda n: name_parts(n).full) == name_parts(query).full]):
        if len(matches) == 1:
            return matches.iloc[0]
        if len(matches) > 1:
            raise NotFound(f"{query!r} names {len(matches)} models: " + "; ".join(
                f"{r.model_id} {r.model}" for r in matches.itertuples()) + " — give the model_id")
    near = models[models["model"].str.contains(query.split()[0], case=False, regex=False)]["model"].head(8)
    hint = f" (similar: {', '.join(near)})" if len(near) else ""
    raise NotFound(f"no model {query!r} in this version{hint}")


def explain(version_dir: Path, query: str) -> dict[str, object]:
    """The explanation of one model of a published version, as plain data."""
    models = pd.read_csv(version_dir / "models.csv", dtype=str, keep_default_na=False)
    model = find_model(models, query)
    records: list[dict[str, object]] = []
    links_path, sources_path = table_path(version_dir, "links"), table_path(version_dir, "model_sources")
    if links_path.exists() and sources_path.exists():
        links = pd.read_csv(links_path, dtype=str, keep_default_na=False)
        values = pd.read_csv(sources_path, dtype=str, keep_default_na=False)
        mine = values[values["model_id"] == model["model_id"]]
        for link in links[links["model_id"] == model["model_id"]].itertuples(index=False):
            own = mine[(mine["source"] == link.source) & (mine["source_record_id"] == link.source_record_id)]
            evidence = own.loc[own["field"] == "training_compute_flop", "evidence"]
            records.append({
                "source": link.source, "source_record_id": link.source_record_id,
                "record_model": link.record_model, "rule": link.rule, "detail": link.detail,
                "values": dict(zip(own["field"], own["value"], strict=True)),
                "evidence": evidence.iloc[0] if len(evidence) else "",
                "url": own["url"].iloc[0] if len(own) else "",
                "raw_sha256": own["raw_sha256"].iloc[0] if len(own) else "",
            })
    return {"model": {k: v for k, v in model.items() if v != ""}, "records": records}


def explain_text(explanation: dict[str, object]) -> str:
    """The explanation for a terminal."""
    model = explanation["model"]
    lines = [f"{model['model']}  ({model['model_id']})", ""]
    width = max(len(k) for k in model)
    lines += [f"  {key:<{width}}  {_one_line(value)}" for key, value in model.items()
              if key not in ("model", "model_id")]
    records = explanation["records"]
    lines += ["", f"{len(records)} source record(s):" if records else
              "no provenance recorded for this version (published before model_sources existed)"]
    for record in records:
        lines += ["", f"- {record['source']} {record['source_record_id']}  \"{record['record_model']}\"",
                  f"    linked by: {record['rule']}" + (f" — {record['detail']}" if record["detail"] else "")]
        for field, value in record["values"].items():
            if field != "model":
                lines.append(f"    {field}: {_one_line(value)}")
        if record["evidence"]:
            lines.append(f"    evidence: {_one_line(record['evidence'])}")
        if record["url"]:
            lines.append(f"    url: {record['url']}")
    return "\n".join(lines)


def _one_line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
