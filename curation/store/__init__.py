"""The data store: batches of incremental sources, versions and their files, changes, publishing."""
