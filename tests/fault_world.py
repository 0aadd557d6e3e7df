"""All three sources on one loopback server, serving the project's own fixtures, with faults on demand.

The world has two phases: in phase 1 it serves an older Epoch snapshot, a few arXiv papers and Hub
models; phase 2 adds a newer snapshot, newer papers and newer models (what a later night sees). Its
material is in ``tests/fixtures`` (see the README there): samples of two real Epoch snapshots (30
models of the older one; the newer one's rows for them plus 6 it added), real arXiv API entries
(metadata only), and short papers and model cards written for the tests. A fresh clone runs it. A
fault spoils every request of one *target* — a kind of request of one source — until cleared:

==================  ==========================================
target              requests
==================  ==========================================
epoch-csv           ``/epoch/notable_ai_models.csv``
arxiv-listing       ``/arxiv/api/query`` (every page)
arxiv-fulltext      ``/arxiv/html/…`` and ``/arxiv/pdf/…``
huggingface-listing ``/hf/api/models`` (every page)
huggingface-card    ``/hf/<repo>/raw/main/README.md``
==================  ==========================================
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flopwatch.loopback import Loopback, Reply, Request, static
from tests.arxiv_server import Behaviour, _api_page, html_page, make_entry, recorded_entries
from tests.hub_server import HubModel, _listing

EPOCH_TABLE = "notable_ai_models"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EPOCH = {1: FIXTURES / "epoch" / "notable_ai_models_2024-07-16_sample.csv",
         2: FIXTURES / "epoch" / "notable_ai_models_2025-04-08_sample.csv"}
ARXIV_FEED = FIXTURES / "arxiv" / "recorded_entries.xml"
# papers whose full texts the world serves (as the HTML rendering), by phase: arXiv id → text
PAPERS = {1: {"2401.00001": "paper_heron.txt", "2401.00002": "paper_ibis.txt"},
          2: {"2402.00003": "paper_kite.txt"}}
# model cards, by phase: repository → card
CARDS = {1: {"heron-lab/heron-13b": "card_heron-13b.md",
             "someone/heron-13b-instruct": "card_heron-13b-instruct.md"},
         2: {"plover-ai/plover-7b": "card_plover-7b.md"}}
READ_TIMEOUT = 0.5
TOTAL_TIMEOUT = 1.5
MAX_BYTES = 4 * 1024 * 1024


@dataclass
class Target:
    """A kind of request of one source, and the paths it covers."""

    name: str
    source: str
    paths: tuple[str | re.Pattern[str], ...]
    detail: bool = False  # a full text or card (queued on failure), not a listing or snapshot


TARGETS = {t.name: t for t in (
    Target("epoch-csv", "epoch", (f"/epoch/{EPOCH_TABLE}.csv",)),
    Target("arxiv-listing", "arxiv", ("/arxiv/api/",)),
    Target("arxiv-fulltext", "arxiv", ("/arxiv/html/", "/arxiv/pdf/"), detail=True),
    Target("huggingface-listing", "huggingface", ("/hf/api/",)),
    Target("huggingface-card", "huggingface", (re.compile(r"^/hf/(?!api/).+/raw/main/README\.md$"),),
           detail=True),
)}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@dataclass
class World:
    """The loopback server and what each phase serves."""

    server: Loopback
    epoch: dict[int, bytes]
    entries: dict[int, list[tuple[datetime, str]]]
    fulltexts: dict[str, bytes]
    models: dict[int, list[HubModel]]
    phase: int = 1
    phase2_papers: list[str] = field(default_factory=list)  # record ids with a full text, new in phase 2
    phase2_models: list[str] = field(default_factory=list)  # record ids with a card, new in phase 2

    def env(self) -> dict[str, str]:
        """The environment a run against the world needs (fast retries and short deadlines)."""
        url = self.server.url
        return {
            "FLOPWATCH_SOURCES": "epoch,arxiv,huggingface",
            "FLOPWATCH_EPOCH_URL": f"{url}epoch/", "FLOPWATCH_EPOCH_TABLES": EPOCH_TABLE,
            "FLOPWATCH_ARXIV_URL": f"{url}arxiv/api/query", "FLOPWATCH_ARXIV_FULLTEXT_URL": f"{url}arxiv/",
            "FLOPWATCH_ARXIV_DELAY": "0", "FLOPWATCH_ARXIV_PAGE_SIZE": "5",
            "FLOPWATCH_ARXIV_FIRST_LOOKBACK_DAYS": "4",
            "FLOPWATCH_HF_URL": f"{url}hf", "FLOPWATCH_HF_DELAY": "0", "FLOPWATCH_HF_PAGE_SIZE": "2",
            "FLOPWATCH_HTTP_MIN_INTERVAL": "0", "FLOPWATCH_HTTP_RETRIES": "1",
            "FLOPWATCH_HTTP_BACKOFF_FACTOR": "0.01", "FLOPWATCH_HTTP_BACKOFF_MAX": "0.05",
            "FLOPWATCH_HTTP_MAX_RETRY_AFTER": "1", "FLOPWATCH_HTTP_READ_TIMEOUT": str(READ_TIMEOUT),
            "FLOPWATCH_HTTP_CONNECT_TIMEOUT": "1", "FLOPWATCH_HTTP_TOTAL_TIMEOUT": str(TOTAL_TIMEOUT),
            "FLOPWATCH_HTTP_MAX_BYTES": str(MAX_BYTES), "FLOPWATCH_FETCH_TASK_RETRIES": "0",
            "FLOPWATCH_TREND_BOOTSTRAP": "50", "FLOPWATCH_CONTACT": "tests@example.org",
        }

    def spoil(self, target: Target, fault: Callable[[Reply], Reply] | Reply) -> None:
        """Answer every request of ``target`` with ``fault`` until :meth:`heal`."""
        for path in target.paths:
            self.server.fail(fault, times=None, path=path)

    def heal(self) -> None:
        self.server.clear_faults()

    # what the routes answer
    def _epoch(self, request: Request) -> Reply:
        return static(self.epoch[self.phase], "text/csv; charset=utf-8")(request)

    def _arxiv(self, request: Request) -> Reply:
        path = request.route.removeprefix("/arxiv/")
        if path.startswith(("html/", "pdf/")):
            body = self.fulltexts.get(path)
            return Reply(body, 200, "text/html; charset=utf-8") if body else Reply(b"not found", 404)
        entries = [entry for phase in range(1, self.phase + 1) for entry in self.entries[phase]]
        return _api_page(request, entries, Behaviour())

    def _hub(self, request: Request) -> Reply:
        models = [model for phase in range(1, self.phase + 1) for model in self.models[phase]]
        if request.route == "/hf/api/models":
            return _listing(request, models)
        repo = request.route.removeprefix("/hf/").removesuffix("/raw/main/README.md")
        found = [m.card for m in models if m.repo_id == repo]
        return Reply(found[0], 200, "text/plain; charset=utf-8") if found else Reply(b"Entry not found", 404)


def build_world() -> World:
    """Start the world's server over the fixtures (see the module docstring); phase 1."""
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    epoch = {phase: path.read_bytes() for phase, path in EPOCH.items()}
    recorded = recorded_entries(ARXIV_FEED)
    entries: dict[int, list[tuple[datetime, str]]] = {1: [], 2: []}
    fulltexts: dict[str, bytes] = {}
    hours = {1: 30, 2: 2}
    folder = FIXTURES / "world"
    for phase, papers in PAPERS.items():
        for i, (arxiv_id, name) in enumerate(papers.items()):
            text = (folder / name).read_text(encoding="utf-8")
            title = next(line for line in text.splitlines() if line.strip()).strip()[:200]
            entries[phase].append(make_entry(arxiv_id, 1, title, "We pre-train a large model.",
                                             now - timedelta(hours=hours[phase] + i)))
            fulltexts[f"html/{arxiv_id}v1"] = html_page(text)
        for i, (_, xml) in enumerate(recorded[(phase - 1) * 3: phase * 3]):  # real entries, metadata only
            moment = now - timedelta(hours=hours[phase] + 3 + i)
            stamp = f"{moment:%Y-%m-%dT%H:%M:%SZ}"
            entries[phase].append((moment, re.sub(r"<published>[^<]*</published>",
                                                  f"<published>{stamp}</published>", xml)))
    models = {phase: [HubModel(repo, (folder / name).read_bytes(),
                               _stamp(now - timedelta(hours=hours[phase] + i)))
                      for i, (repo, name) in enumerate(cards.items())] for phase, cards in CARDS.items()}
    server = Loopback().start()
    world = World(server, epoch, entries, fulltexts, models)
    world.phase2_papers = [f"{arxiv_id}v1" for arxiv_id in PAPERS[2]]
    world.phase2_models = [f"{m.repo_id}@{m.last_modified}" for m in models[2]]
    server.route("/epoch/", world._epoch)
    server.route("/arxiv/", world._arxiv)
    server.route("/hf/", world._hub)
    return world
