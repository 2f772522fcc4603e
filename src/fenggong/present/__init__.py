"""Presenting results: typed views, one writer per format, the terminal table, stdout and files."""
