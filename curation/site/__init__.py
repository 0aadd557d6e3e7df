"""The static site of a version (see :mod:`curation.site.build`)."""
