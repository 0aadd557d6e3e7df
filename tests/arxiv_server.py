"""An arXiv-like site on the loopback server, for tests and benchmarks: the API filters recorded entries
by submission date and pages with ``start``/``max_results``; ``/html/<id>`` and ``/pdf/<id>`` serve
full texts; every request's time is logged, and the site can misbehave on demand."""

from __future__ import annotations

import io
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

from flopwatch.loopback import Loopback, Reply, Request

ATOM, ARXIV, OPENSEARCH = ("http://www.w3.org/2005/Atom", "http://arxiv.org/schemas/atom",
                           "http://a9.com/-/spec/opensearch/1.1/")
for prefix, uri in (("", ATOM), ("arxiv", ARXIV), ("opensearch", OPENSEARCH)):
    ET.register_namespace(prefix, uri)
WINDOW = re.compile(r"submittedDate:\[(\d{12}) TO (\d{12})\]")


def recorded_entries(feed: Path) -> list[tuple[datetime, str]]:
    """(submission time, entry XML) of every paper entry in a recorded feed, oldest first."""
    root = ET.fromstring(feed.read_bytes())
    entries = []
    for entry in root.findall(f"{{{ATOM}}}entry"):
        published = entry.findtext(f"{{{ATOM}}}published")
        if published is None:
            continue  # the API's error entry ("incorrect id format"), not a paper
        entries.append((datetime.strptime(published, "%Y-%m-%dT%H:%M:%SZ"),
                        ET.tostring(entry, encoding="unicode")))
    return sorted(entries)


def make_entry(arxiv_id: str, version: int, title: str, abstract: str, published: datetime,
               categories: tuple[str, ...] = ("cs.CL", "cs.LG")) -> tuple[datetime, str]:
    """A synthetic entry in the API's current format (facts of a real paper, written out by hand)."""
    stamp = f"{published:%Y-%m-%dT%H:%M:%SZ}"
    cats = "".join(f'<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in categories)
    xml = (f'<entry xmlns="{ATOM}" xmlns:arxiv="{ARXIV}"><id>http://arxiv.org/abs/{arxiv_id}v{version}</id>'
           f"<title>{title}</title><summary>{abstract}</summary><published>{stamp}</published>"
           f"<updated>{stamp}</updated><author><name>A. Author</name></author>"
           f'<link href="https://arxiv.org/abs/{arxiv_id}v{version}" rel="alternate" type="text/html"/>'
           f'<link href="https://arxiv.org/pdf/{arxiv_id}v{version}" rel="related" title="pdf"/>'
           f'<arxiv:primary_category term="{categories[0]}"/>{cats}</entry>')
    return published, xml


def redated(entry: tuple[datetime, str], published: datetime) -> tuple[datetime, str]:
    """A recorded entry moved to another submission time (for nightly runs relative to now)."""
    stamp = f"{published:%Y-%m-%dT%H:%M:%SZ}"
    return published, re.sub(r"<published>[^<]*</published>", f"<published>{stamp}</published>", entry[1])


def html_page(text: str) -> bytes:
    """A recorded plain full text as an HTML rendering (paragraphs at blank lines)."""
    paragraphs = "".join(f"<p>{escape(part)}</p>\n" for part in text.split("\n\n"))
    return f"<!DOCTYPE html><html><body>{paragraphs}</body></html>".encode()


def pdf_page(text: str) -> bytes:
    """``text`` typeset on one PDF page (matplotlib, embedded TrueType so its text can be extracted):
    a paper available only as a PDF, for tests that carry their own."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    lines = [line for paragraph in text.split("\n") for line in (textwrap.wrap(paragraph, 95) or [""])]
    figure = Figure(figsize=(8.5, 11))
    figure.text(0.06, 0.96, "\n".join(lines), va="top", fontsize=8)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(buffer, format="pdf")
    return buffer.getvalue()


ATTENTION_LIKE = (
    "Wren: Attention for Translation\n\nWe propose Wren, an encoder-decoder model built on attention "
    "alone. On the WMT 2014 English-to-German task it improves over the best earlier models.\n\n"
    "Training. We trained our models on one machine with 8 NVIDIA P100 GPUs. For our base models, each "
    "training step took about 0.4 seconds; we trained the base models for a total of 100,000 steps or "
    "12 hours. The big models were trained for 300,000 steps (3.5 days).")


@dataclass
class Behaviour:
    """What the server does besides answering: failures to inject, and what it saw."""

    unavailable_first: int = 0  # answer this many requests with 503 + Retry-After
    retry_after: int = 1
    malformed_starts: set[int] = field(default_factory=set)  # serve a broken page at these offsets
    failing_windows: set[str] = field(default_factory=set)  # answer 500 to queries for these windows
    fulltexts: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # "html/<id>v1" → body, type
    log: list[tuple[float, str]] = field(default_factory=list)  # (monotonic time, path and query)

    def paths(self, prefix: str) -> list[str]:
        return [path for _, path in self.log if path.startswith(prefix)]

    def kept_pace(self, interval: float) -> bool:
        """Whether the requests the server saw came ``interval`` seconds apart.

        The server's clock reads a request when its thread gets to it, up to ~150 ms late on a busy
        machine, so one gap cannot be judged (a late request shortens the next gap). Judged instead:
        the mean gap over the run (a burst pulls it far down) and every two consecutive gaps, which a
        paced client keeps at twice the interval less one delay."""
        times = [moment for moment, _ in self.log]
        spans = [b - a for a, b in zip(times, times[2:], strict=False)]
        mean = (times[-1] - times[0]) / (len(times) - 1)
        return mean >= 0.9 * interval and (not spans or min(spans) >= interval)


def _feed(entries: list[str], total: int, start: int, per_page: int) -> bytes:
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"{ATOM}\" "
            f"xmlns:opensearch=\"{OPENSEARCH}\" xmlns:arxiv=\"{ARXIV}\"><title>arXiv Query</title>"
            f"<opensearch:totalResults>{total}</opensearch:totalResults>"
            f"<opensearch:startIndex>{start}</opensearch:startIndex>"
            f"<opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>"
            + "".join(entries) + "</feed>").encode()


def serve_arxiv(entries: list[tuple[datetime, str]], behaviour: Behaviour) -> tuple[Loopback, str]:
    """Start the site on the loopback server; returns it and the API's base URL."""

    def answer(request: Request) -> Reply:
        behaviour.log.append((request.time, request.path))
        if behaviour.unavailable_first > 0:
            behaviour.unavailable_first -= 1
            return Reply(status=503, headers={"Retry-After": str(behaviour.retry_after)})
        path = request.route.lstrip("/")
        if path.startswith(("html/", "pdf/")):
            body, content_type = behaviour.fulltexts.get(path, (b"not found", "text/plain"))
            return Reply(body, 200 if path in behaviour.fulltexts else 404, content_type)
        return _api_page(request, entries, behaviour)

    server = Loopback().start()
    server.route("/", answer)
    return server, server.url_for("/api/query")


def _api_page(request: Request, entries: list[tuple[datetime, str]], behaviour: Behaviour) -> Reply:
    """One page of the API's answer: entries submitted in the query's window, paged."""
    window = WINDOW.search(request.arg("search_query"))
    if window and "-".join(window.groups()) in behaviour.failing_windows:
        return Reply(b"internal error", 500)
    start, per_page = int(request.arg("start", "0")), int(request.arg("max_results", "10"))
    selected = sorted(entries)
    if window:
        since, until = (datetime.strptime(v, "%Y%m%d%H%M") for v in window.groups())
        selected = [e for e in entries if since <= e[0].replace(second=0) <= until]
    page = [xml for _, xml in selected[start:start + per_page]]
    body = (b"<feed><entry>broken" if start in behaviour.malformed_starts
            else _feed(page, len(selected), start, per_page))
    return Reply(body, 200, "application/atom+xml")
