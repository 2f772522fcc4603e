"""Answers: per command family, the typed views and content a command hands to the output door."""
