"""Protocol helpers below the sources (the arXiv API's Atom feeds and renderings)."""
