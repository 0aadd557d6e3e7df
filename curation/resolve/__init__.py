"""Entity resolution: identifiers, names, the linking rules, and model ids that last across versions."""
