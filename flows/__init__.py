"""Prefect 3 flows that orchestrate flopwatch's steps; they hold no domain logic.

Importing this package sets Prefect's quiet defaults (see :mod:`flows.prefect_setup`) before
Prefect itself is imported.
"""

from flows.prefect_setup import configure_prefect

configure_prefect()
