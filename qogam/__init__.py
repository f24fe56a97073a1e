"""Qogam: a university's third mission, planned, run, measured and shown."""
