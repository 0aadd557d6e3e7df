"""Sources of training-run records, one module each, discovered by :func:`available_sources`.

A module in this package that defines a :class:`scrapers.base.Source` subclass is a source; so is
any class a third-party package exposes in the ``flopwatch.sources`` entry-point group.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from importlib.metadata import entry_points

from scrapers.base import Source

_INFRASTRUCTURE = {"base", "http", "landing", "parts", "arxiv_feed"}


def available_sources() -> dict[str, type[Source]]:
    """Every source class by name: this package's modules first, then installed entry points."""
    found: dict[str, type[Source]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name in _INFRASTRUCTURE or module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Source) and cls is not Source and cls.__module__ == module.__name__:
                found.setdefault(cls.name, cls)
    for entry in entry_points(group="flopwatch.sources"):
        cls = entry.load()
        if inspect.isclass(cls) and issubclass(cls, Source):
            found.setdefault(cls.name, cls)
    return found


def get_source(name: str) -> type[Source]:
    """The source class called ``name``; a clear error lists the known ones otherwise."""
    sources = available_sources()
    if name not in sources:
        known = ", ".join(sorted(sources)) or "none"
        raise KeyError(f"unknown source {name!r} (known: {known})")
    return sources[name]
