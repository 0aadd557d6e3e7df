"""flopwatch: a versioned, evidence-backed dataset of ML training compute, refit nightly."""

__version__ = "0.1.0"
