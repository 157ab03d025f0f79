"""``sbfa-pack preview``: a course built in memory, played in a simulated LMS, rebuilt on change."""
