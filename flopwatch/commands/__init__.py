"""The ``flopwatch`` subcommands, one module per group; each ``register`` adds its parsers."""
