"""The layer rules, checked from the source files (``ast``), counting imports inside functions too.

- ``schemas`` imports no other project package;
- ``curation`` imports neither ``scrapers``, ``flows`` nor ``prefect``;
- ``scrapers`` imports neither ``curation``, ``flows`` nor ``prefect``;
- below the CLI, ``flopwatch`` is read only through its leaf modules (settings, layout), which
  import no other project package;
- no import cycle among the packages ``scrapers``, ``schemas``, ``curation``, ``flows``;
- no import cycle among modules at module level anywhere.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGES = ("flopwatch", "scrapers", "schemas", "curation", "flows")
LAYERS = ("scrapers", "schemas", "curation", "flows")
FORBIDDEN = {
    "schemas": {"flopwatch", "scrapers", "curation", "flows"},
    "curation": {"scrapers", "flows", "prefect"},
    "scrapers": {"curation", "flows", "prefect"},
}
LEAVES = {"flopwatch", "flopwatch.settings", "flopwatch.layout"}


@dataclass(frozen=True)
class Import:
    """One import statement: who imports what, where, and whether it runs at module level."""

    module: str
    target: str
    path: str
    line: int
    top_level: bool


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_nodes(tree: ast.Module) -> set[int]:
    """Ids of import nodes that run when the module is imported (not in functions or TYPE_CHECKING)."""
    found: set[int] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.add(id(node))
            elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, block, []):
                        visit(child.body if isinstance(child, ast.ExceptHandler) else [child])
    visit(tree.body)
    return found


def project_imports(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[Import]:
    """Every import in the project's packages under ``root``."""
    files = [path for package in packages for path in sorted((root / package).rglob("*.py"))]
    modules = {module_name(root, path) for path in files}
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top = _top_level_nodes(tree)
        module = module_name(root, path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules
                           else node.module for alias in node.names]
            else:
                continue
            found += [Import(module, target, str(path.relative_to(root)), node.lineno, id(node) in top)
                      for target in dict.fromkeys(targets)]
    return found


def _package(name: str) -> str:
    return name.split(".")[0]


def rule_violations(imports: list[Import]) -> list[str]:
    """Every import that breaks a layer rule, as ``path:line: module imports target (rule)``."""
    problems = []
    for imp in imports:
        package, target = _package(imp.module), _package(imp.target)
        if target in FORBIDDEN.get(package, set()):
            problems.append(f"{imp.path}:{imp.line}: {imp.module} imports {imp.target} "
                            f"({package} must not import {target})")
        elif target == "flopwatch" and package != "flopwatch" and imp.target not in LEAVES:
            problems.append(f"{imp.path}:{imp.line}: {imp.module} imports {imp.target} "
                            f"(below the CLI only {', '.join(sorted(LEAVES - {'flopwatch'}))} may be read)")
        elif imp.module in LEAVES and target in PACKAGES and imp.target not in LEAVES:
            problems.append(f"{imp.path}:{imp.line}: {imp.module} imports {imp.target} "
                            "(a leaf module imports no other project package)")
    return problems


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (or with a self-edge), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(edges.get(node, ())):
            if successor not in index:
                connect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(found)


def package_cycles(imports: list[Import], packages: tuple[str, ...] = LAYERS) -> list[list[str]]:
    """Cycles among ``packages``, counting every import (inside functions too)."""
    edges: dict[str, set[str]] = {}
    for imp in imports:
        source, target = _package(imp.module), _package(imp.target)
        if source in packages and target in packages and source != target:
            edges.setdefault(source, set()).add(target)
    return cycles(edges)


def module_cycles(imports: list[Import]) -> list[list[str]]:
    """Cycles among project modules through module-level imports."""
    known = {imp.module for imp in imports}
    edges: dict[str, set[str]] = {}
    for imp in imports:
        if imp.top_level and imp.target in known and imp.target != imp.module:
            edges.setdefault(imp.module, set()).add(imp.target)
    return cycles(edges)
