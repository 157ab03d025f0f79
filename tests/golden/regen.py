"""Expected diagnostics for the golden cases: ``python -m tests.golden.regen`` rewrites them.

Each folder under ``tests/golden/`` is a small broken project (its ``README`` says what is wrong)
and ``expected.txt`` holds the exact diagnostic lines ``sbfa-pack validate`` prints for it. After
changing a message on purpose, regenerate, then read the diff: every line and column must still
point at the offending key or value.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.sources_check import validate_sources

GOLDEN = Path(__file__).resolve().parent


def cases() -> list[Path]:
    """Every golden case folder, sorted."""
    return sorted(p for p in GOLDEN.iterdir() if (p / "sbfa.yaml").is_file())


def diagnose(case: Path) -> list[str]:
    """The diagnostic lines ``validate`` gives for a case, as printed."""
    diags = Diagnostics()
    validate_sources(case, diags)
    return [str(d) for d in diags.sorted()]


def main() -> int:
    for case in cases():
        lines = diagnose(case)
        (case / "expected.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        print(f"{case.name}: {len(lines)} line(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
