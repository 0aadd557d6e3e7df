"""arXiv identifiers, parsed one way for every layer: new-style ``2005.14165v4`` and old-style
``hep-th/9901001``, bare, prefixed (``arXiv:``) or inside an ``arxiv.org`` abs/pdf/html URL."""

from __future__ import annotations

import re

NEW_STYLE = r"\d{4}\.\d{4,5}(?!\d)"
OLD_STYLE = r"[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}"
NEW_STYLE_ID = re.compile(rf"(?P<id>{NEW_STYLE})(?:v(?P<version>\d+))?")
OLD_STYLE_ID = re.compile(rf"(?P<id>{OLD_STYLE})(?:v(?P<version>\d+))?")
ID_PREFIXES = re.compile(r"^(?:https?://(?:export\.|www\.)?arxiv\.org/(?:abs|pdf|html)/|arxiv:)", re.I)
IN_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/({NEW_STYLE}(?:v\d+)?|{OLD_STYLE}(?:v\d+)?)", re.I)


def normalize_arxiv_id(raw: str) -> tuple[str, int | None]:
    """``"arXiv:2005.14165v4"`` → ``("2005.14165", 4)``; old ids stay whole: ``("hep-th/9901001", None)``.
    Raises ValueError for anything else."""
    text = ID_PREFIXES.sub("", raw.strip()).removesuffix(".pdf")
    for pattern in (NEW_STYLE_ID, OLD_STYLE_ID):
        match = pattern.fullmatch(text)
        if match:
            version = match.group("version")
            return match.group("id"), int(version) if version else None
    raise ValueError(f"not an arXiv id: {raw!r}")


def arxiv_ids_in(text: str | None) -> list[str]:
    """The arXiv ids (without version) of every arxiv.org abs/pdf/html link in ``text``, in order."""
    return [normalize_arxiv_id(found)[0] for found in IN_URL.findall(text or "")]


def first_arxiv_id_in(text: str | None) -> str | None:
    """The id of the first arxiv.org link in ``text``, or None."""
    match = IN_URL.search(text or "")
    return normalize_arxiv_id(match.group(1))[0] if match else None


def versioned_id(arxiv_id: str, version: int | None) -> str:
    """One version of a paper as a record id: ``2005.14165v4`` (the bare id when the version is unknown)."""
    return f"{arxiv_id}v{version}" if version else arxiv_id


def year_of_arxiv_id(arxiv_id: str) -> int | None:
    """The submission year an arXiv id encodes (``1706.03762`` → 2017, ``hep-th/9901001`` → 1999)."""
    match = re.search(r"(?:^|/)(\d{2})\d{2}[.\d]", arxiv_id)
    if not match:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy
