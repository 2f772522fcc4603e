"""The plan: its typed model, and reading, validating and caching the curated dataset."""
