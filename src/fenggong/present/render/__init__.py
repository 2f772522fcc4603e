"""Renderers: one module per output format; the terminal ones in `terminal/`."""
