"""Presenting results by role: answers/ (what each command says), render/ (one module per
format), output.py (the boundary: stdout, stderr, files); view.py and formats.py shared."""
