"""Identifiers of papers and models in one canonical form: arXiv ids, DOIs, Hugging Face repo ids, URLs.

Two records that share a canonical identifier are candidates for the same model (one paper can still
introduce several models; :mod:`curation.resolve.rules` keeps those apart by size, variant and date).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from schemas.identifiers import first_arxiv_id_in, normalize_arxiv_id

ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
HF_URL = re.compile(r"huggingface\.co/(?!datasets/|spaces/|papers/|docs/|blog/)([\w.-]+/[\w.-]+)",
                    re.IGNORECASE)
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|source)$", re.IGNORECASE)


def arxiv_id(text: str | None) -> str | None:
    """``arXiv:2005.14165v4``, ``https://arxiv.org/pdf/2005.14165v4.pdf`` … → ``2005.14165``;
    old-style ids stay whole (``hep-th/9901001``); None when ``text`` holds no arXiv id."""
    if not text:
        return None
    text = str(text).strip()
    try:
        return first_arxiv_id_in(text) or normalize_arxiv_id(text)[0]
    except ValueError:
        return None


def doi(text: str | None) -> str | None:
    """A DOI case-folded without its resolver prefix (``https://doi.org/``, ``doi:``)."""
    if not text or not str(text).strip():
        return None
    value = DOI_PREFIX.sub("", str(text).strip()).strip().rstrip(".").lower()
    return value if value.startswith("10.") else None


def paper_key(arxiv: str | None = None, doi_text: str | None = None) -> str | None:
    """The key of a paper: ``arxiv:<id>`` (an arXiv DOI ``10.48550/arXiv.<id>`` maps here too), else
    ``doi:<doi>``."""
    found = arxiv_id(arxiv)
    if found:
        return f"arxiv:{found}"
    value = doi(doi_text)
    if value is None:
        return None
    from_doi = ARXIV_DOI.match(value)
    if from_doi and arxiv_id(from_doi.group(1)):
        return f"arxiv:{arxiv_id(from_doi.group(1))}"
    return f"doi:{value}"


def hf_repo(text: str | None) -> str | None:
    """A Hugging Face repo id, case-folded: from ``owner/name`` or a ``huggingface.co`` URL."""
    if not text:
        return None
    text = str(text).strip()
    found = HF_URL.search(text)
    if found:
        return found.group(1).removesuffix(".git").lower()
    if re.fullmatch(r"[\w.-]+/[\w.-]+", text):
        return text.lower()
    return None


def url(text: str | None) -> str | None:
    """A URL without scheme, ``www.``, trailing slash, fragment or tracking parameters, case-folded host."""
    if not text or "://" not in str(text):
        return None
    parts = urlsplit(str(text).strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k)])
    return urlunsplit(("", host, parts.path.rstrip("/"), query, "")).lstrip("/")
