"""What playing one package found: the figures of the table and the failures, one line each."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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

    def check(self, fn: Callable[[], Any], name: str) -> Any:
        """Run one check, timed into :attr:`timings`; a browser timeout or page failure inside it is
        that check's failure (its result is then None), never the end of the run."""
        self.checks.append(name)
        start = time.monotonic()
        try:
            return fn()
        except Exception as exc:
            self.fail(name, f"did not finish: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            return None
        finally:
            self.timings[name] = round(self.timings.get(name, 0) + time.monotonic() - start, 2)
