"""Evaluation (issue 14): learning records from an LRS or Moodle's exports, kept in a local store,
turned into an evaluation report (``sbfa-pack report``).

- :mod:`.store`: the local store, one SQLite file; every source writes rows of one shape.
- sources (``report sync`` from any xAPI LRS, ``report import`` of Moodle's exports) write rows;
- the analysis reads rows and builds the report model; outputs render it (HTML, CSV, Excel).
"""
