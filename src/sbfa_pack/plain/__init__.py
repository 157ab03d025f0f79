"""The plain-language check (issue 13): learner-facing text measured against the project's budget.

- :mod:`.measure`: sentences, words, syllables and the figures of one text, per language;
- :mod:`.check`: every learner-facing string of the project (sources and translations) measured,
  the worst sentences reported at their ``file:line``, and each course's scores for ``inventory``.
"""
