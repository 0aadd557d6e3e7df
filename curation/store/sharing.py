"""Storage that grows with change, not with size.

- **Shared files.** A version's file with the same path and the same bytes as in the version before
  it is stored once: the new version's entry is a hard link to the earlier file. Every version stays
  a plain folder any tool can read; deleting one version never touches another's data (a hard-linked
  file lives on while any version names it). Published files are never written again, so sharing
  them is safe.
- **Compressed tables.** The large provenance tables (``model_sources``, ``links``, ``papers``) are
  written as gzip CSV (``.csv.gz``, which pandas, R and most tools read as they are); ``models.csv``
  stays plain beside its Parquet copy. Gzip is written without a timestamp, so the same table gives
  the same bytes and is shared too.
"""

from __future__ import annotations

import filecmp
import gzip
import os
from dataclasses import dataclass
from pathlib import Path


def table_path(folder: Path, name: str) -> Path:
    """Where table ``name`` of a version folder is: ``name.csv.gz``, or ``name.csv`` in versions
    written before tables were compressed (that path, whether or not it exists, when neither does)."""
    compressed = folder / f"{name}.csv.gz"
    plain = folder / f"{name}.csv"
    return plain if plain.exists() and not compressed.exists() else compressed


def write_gzip(path: Path, data: bytes) -> None:
    """Write ``data`` gzip-compressed to ``path``, reproducibly (no name or time in the header)."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
        out.write(data)


@dataclass
class Shared:
    """What :func:`share_unchanged_files` did: files linked to the previous version and their bytes,
    out of all files and bytes of the new version."""

    files: int = 0
    bytes: int = 0
    total_files: int = 0
    total_bytes: int = 0

    @property
    def new_bytes(self) -> int:
        return self.total_bytes - self.bytes


def share_unchanged_files(staging: Path, previous: Path | None) -> Shared:
    """Replace every file of ``staging`` whose bytes equal the file at the same path in ``previous``
    (the last published version) by a hard link to that file. Where hard links are not possible (the
    folders on different file systems), the copy stays."""
    shared = Shared()
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and not p.is_symlink()):
        size = path.stat().st_size
        shared.total_files += 1
        shared.total_bytes += size
        if previous is None:
            continue
        before = previous / path.relative_to(staging)
        same = before.is_file() and before.stat().st_size == size and filecmp.cmp(path, before, shallow=False)
        if not same:
            continue
        temporary = path.with_name(f".{path.name}.link")
        try:
            os.link(before, temporary)
        except OSError:
            continue
        os.replace(temporary, path)
        shared.files += 1
        shared.bytes += size
    return shared
