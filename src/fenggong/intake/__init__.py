"""Reading new plans in: document text or tables → a dataset document to review and check."""
