"""Volunteering pages, one module per part: opportunities and sign-ups, hours, courses,
certificates."""
