"""What playing one package found: the figures of the table and the failures, one line each."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """One package's result; ``failures`` are whole lines naming the package and what happened."""

    package: str
    format: str
    ours: bool = False
    skipped: str | None = None  # why the package was not played
    lms_status: str = ""  # what the LMS shows after the walk answering right (or after opening)
    score: str = ""
    interactions: int = 0
    commits: int = 0
    largest_suspend_data: int = 0
    statements: int = 0  # xAPI/cmi5: statements the LRS stored (in place of commits)
    largest_state: int = 0  # xAPI/cmi5: bytes of the largest State document (in place of suspend_data)
    seconds: float = 0.0
    checks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was not checked, and why
    failures: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per check (benchmarks/test_gate.py)

    @property
    def status(self) -> str:
        """``pass``, ``fail`` or ``skip``."""
        if self.failures:
            return "fail"
        return "skip" if self.skipped else "pass"

    def fail(self, check: str, message: str) -> None:
        line = f"{self.package}: {check}: {message}"
        if line not in self.failures:
            self.failures.append(line)
