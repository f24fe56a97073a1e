"""The partners app's pages, one module per kind of record.

`organisations` (the partner list, map and record), `contacts`, `agreements`; the import,
export and survey pages live beside them in their own modules.
"""
