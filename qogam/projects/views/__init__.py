"""The projects' pages: the records (projects.py), what hangs off a project (parts.py), and
spreadsheets (imports.py)."""
