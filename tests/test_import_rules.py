"""The layers' import rules hold for the project, and the checker catches each kind of violation."""

from __future__ import annotations

from pathlib import Path

from tests.import_rules import module_cycles, package_cycles, project_imports, rule_violations

PROJECT = Path(__file__).resolve().parent.parent


def test_the_project_keeps_its_import_rules():
    imports = project_imports(PROJECT)
    assert len(imports) > 200  # the checker did read the project
    assert rule_violations(imports) == []
    assert package_cycles(imports) == []
    assert module_cycles(imports) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for package in ("flopwatch", "scrapers", "schemas", "curation", "flows"):
        (tmp_path / package).mkdir(exist_ok=True)
        (tmp_path / package / "__init__.py").touch()
    return tmp_path


def test_the_checker_reports_a_scraper_that_calls_curation_inside_a_function(tmp_path):
    root = _tree(tmp_path, {
        "scrapers/paper.py": "def parse(text):\n    from curation.extract import engine\n    return engine\n",
        "curation/extract/engine.py": "X = 1\n",
    })
    (problem,) = rule_violations(project_imports(root))
    assert problem.startswith("scrapers/paper.py:2: scrapers.paper imports curation.extract.engine")
    assert "scrapers must not import curation" in problem


def test_the_checker_reports_curation_reaching_back_into_scrapers_flows_or_prefect(tmp_path):
    root = _tree(tmp_path, {
        "curation/collect.py": "from scrapers.base import Source\nimport prefect\n",
        "curation/build.py": "from flows.tasks import build\n",
        "scrapers/base.py": "class Source: ...\n",
        "flows/tasks.py": "build = 1\n",
    })
    problems = rule_violations(project_imports(root))
    assert len(problems) == 3
    assert any("curation must not import scrapers" in p for p in problems)
    assert any("curation must not import prefect" in p for p in problems)
    assert any("curation must not import flows" in p for p in problems)


def test_the_checker_reports_schemas_importing_the_project_and_layers_reading_the_cli(tmp_path):
    root = _tree(tmp_path, {
        "schemas/candidate.py": "from flopwatch.settings import Settings\n",
        "curation/report.py": "from flopwatch.cli import main\nfrom flopwatch.settings import Settings\n",
        "flopwatch/settings.py": "from schemas import candidate\n",
        "flopwatch/cli.py": "from curation import report\n",
    })
    problems = rule_violations(project_imports(root))
    assert any("schemas must not import flopwatch" in p for p in problems)
    assert any("curation.report imports flopwatch.cli (below the CLI only" in p for p in problems)
    assert any("flopwatch.settings imports schemas.candidate (a leaf module" in p for p in problems)
    assert not any("curation.report imports flopwatch.settings" in p for p in problems)  # allowed
    assert not any(p.startswith("flopwatch/cli.py") for p in problems)  # the CLI is on top


def test_the_checker_finds_package_and_module_level_cycles(tmp_path):
    root = _tree(tmp_path, {
        "curation/merge.py": "from curation.names import fold\ndef f():\n    from flows import steps\n",
        "curation/names.py": "from curation.merge import merge\n",
        "flows/steps.py": "from curation.merge import f\n",
        "curation/lazy.py": "def g():\n    from curation.lazy2 import h\n",
        "curation/lazy2.py": "from curation.lazy import g\n",
    })
    imports = project_imports(root)
    assert package_cycles(imports) == [["curation", "flows"]]
    assert module_cycles(imports) == [["curation.merge", "curation.names"]]  # lazy/lazy2: not at import
