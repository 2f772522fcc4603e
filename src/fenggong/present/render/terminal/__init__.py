"""The terminal: the screen of each kind of answer, its tables, bars and line breaks (Rich)."""
