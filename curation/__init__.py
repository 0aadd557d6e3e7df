"""flopwatch's domain logic: merging candidates into models, versioning, and trend fitting.

Plain functions of DataFrames and files; nothing here knows about Prefect or the network.
"""
