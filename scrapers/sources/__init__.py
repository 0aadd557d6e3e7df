"""One module per source; :func:`scrapers.available_sources` finds every Source subclass here.

A source's recorded cases live beside it in ``cases/<name>/``.
"""
