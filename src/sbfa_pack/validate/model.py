"""What the checks learn about a package, for the summary: standard, units, launch, mastery."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Unit:
    """One launchable unit: a SCORM SCO (or asset), a cmi5 AU, or a Tin Can launch activity."""

    ident: str
    title: str
    launch: str
    kind: str = "sco"  # "sco", "asset", "au", "activity"
    mastery: str | None = None


@dataclass
class Facts:
    """Everything the summary says about one manifest."""

    standard: str
    edition: str = ""
    title: str = ""
    manifest: str = ""
    moodle_version: str = ""  # SCORM only: what Moodle stores, 'SCORM_1.2' or 'SCORM_1.3' (cp.moodle_version)
    units: list[Unit] = field(default_factory=list)
    lms_lines: list[str] = field(default_factory=list)

    @property
    def launch(self) -> str:
        """The launch file of the first unit (what an LMS opens first)."""
        return self.units[0].launch if self.units else ""

    @property
    def mastery(self) -> str | None:
        """The first mastery score declared on a unit, if any."""
        return next((u.mastery for u in self.units if u.mastery is not None), None)
