"""Trends: the subset registry, log-linear fits, breaks, plots, the report and the history."""
