"""Sources of training-run records: one module each in :mod:`scrapers.sources`, found by
:func:`available_sources`, plus the helpers they share (``base``: the contract; ``http``: the polite
session; ``landing``: the raw zone; ``parts``: listing + detail joins; ``feeds``: protocol parsers).

Any class a third-party package exposes in the ``flopwatch.sources`` entry-point group is a source too.
Helpers live outside ``scrapers/sources/``, so nothing has to list them.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from importlib.metadata import entry_points

from scrapers import sources as _sources_package
from scrapers.base import Source


def available_sources() -> dict[str, type[Source]]:
    """Every source class by name: the modules of ``scrapers/sources/`` first, then installed entry
    points."""
    found: dict[str, type[Source]] = {}
    for module_info in pkgutil.iter_modules(_sources_package.__path__):
        if module_info.name.startswith("_") or module_info.ispkg:
            continue
        module = importlib.import_module(f"{_sources_package.__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Source) and not inspect.isabstract(cls) and cls.__module__ == module.__name__:
                found.setdefault(cls.name, cls)
    for entry in entry_points(group="flopwatch.sources"):
        cls = entry.load()
        if inspect.isclass(cls) and issubclass(cls, Source):
            found.setdefault(cls.name, cls)
    return found


def sources_folder() -> str:
    """The folder whose modules are sources (where ``flopwatch new-source`` writes)."""
    return str(_sources_package.__path__[0])


def get_source(name: str) -> type[Source]:
    """The source class called ``name``; a clear error lists the known ones otherwise."""
    sources = available_sources()
    if name not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise KeyError(f"unknown source {name!r} (known: {known})")
    return sources[name]
