"""pandera contracts at every boundary: source candidates, curated models, trend fits."""
