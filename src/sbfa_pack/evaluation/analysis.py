"""From the store to the report model: every table, in the order the report shows them."""

from __future__ import annotations

from . import figures, items, surveys
from .coursemap import ProjectInfo
from .model import Report
from .store import Store

MIN_GROUP = 5
"""Groups of fewer learners are suppressed by default (``--min-group``; never below 3)."""
LOWEST_MIN_GROUP = 3


def build(store: Store, info: ProjectInfo | None = None, min_group: int = MIN_GROUP,
          identify: bool = False) -> Report:
    """The report of everything in ``store``; ``info`` (the project) gives order and option texts."""
    if min_group < LOWEST_MIN_GROUP:
        raise ValueError(f"the minimum group is {LOWEST_MIN_GROUP} learners or more")
    info = info or ProjectInfo()
    db = store.db
    overview, starters = figures.overview(db, info, min_group)
    item_table, distractors, reliability = items.analyse(items.first_answers(db), info, min_group)
    survey, free_text, prepost = surveys.analyse(surveys.responses(db), info, min_group)
    tables = [overview, figures.funnel(db, info, starters, min_group), item_table, distractors, reliability,
              survey, free_text, prepost, figures.toolkit(db, info, min_group)]
    if identify:
        tables.append(figures.learners(db))
    (count,) = db.execute("SELECT COUNT(*) FROM records").fetchone()
    return Report(info.name, min_group, int(count), tuple(tables), identify)
