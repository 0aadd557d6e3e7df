"""``flopwatch demo``: the whole nightly run, offline, on the recorded cases that ship with the sources.

Every source's first recorded case (``scrapers/sources/cases/<source>/*.yaml``) is served on 127.0.0.1,
the source's settings point at it, and the real nightly flow runs into the given data folder. Nothing
leaves the machine; what it publishes is small (a handful of models) but made by the same code as a
real night.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from flopwatch.cases import Case, all_cases, case_environment, patched_environ, serve_case
from scrapers import available_sources


def demo_cases() -> list[Case]:
    """The first recorded case of each source that has one."""
    chosen: dict[str, Case] = {}
    for case in all_cases():
        chosen.setdefault(case.source, case)
    return list(chosen.values())


def _environment(case: Case, root: str, now: datetime) -> dict[str, str]:
    """The settings that point ``case``'s source at its local server; an incremental source's first
    look-back reaches back to the case's window (recorded cases are dated in the past)."""
    cls = available_sources()[case.source]
    env = case_environment(case, root)
    since = case.window.get("since")
    if cls.incremental and since:
        start = datetime.fromisoformat(str(since)).replace(tzinfo=UTC)
        prefix = f"FLOPWATCH_{(cls.setting_name or cls.name).upper()}_"
        env[f"{prefix}FIRST_LOOKBACK_DAYS"] = str((now - start).days + 1)
    return env


@contextmanager
def demo_world(now: datetime | None = None) -> Iterator[tuple[list[str], dict[str, str]]]:
    """Serve every source's first recorded case on 127.0.0.1 while the block runs; yield the sources
    and the settings (``FLOPWATCH_*``) a nightly run needs to read them, quickly and without retries."""
    now = now or datetime.now(UTC)
    cases = demo_cases()
    with ExitStack() as stack:
        env = {"FLOPWATCH_HTTP_MIN_INTERVAL": "0", "FLOPWATCH_HTTP_RETRIES": "0",
               "FLOPWATCH_FETCH_TASK_RETRIES": "0"}
        for case in cases:
            root, _ = stack.enter_context(serve_case(case))
            env.update(_environment(case, root, now))
        yield [case.source for case in cases], env


def run_demo(data_dir: Path, contact: str = "demo@flopwatch.invalid"):  # type: ignore[no-untyped-def]
    """Run the nightly flow on every source's recorded case into ``data_dir``; return its RunReport."""
    from flows.nightly import nightly

    with demo_world() as (sources, env), patched_environ(env):
        return nightly(sources=sources, data_dir=str(data_dir), contact=contact)
