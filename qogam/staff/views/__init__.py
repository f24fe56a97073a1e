"""Staff and the third mission: the catalogue and profiles, assignments, activity records."""
