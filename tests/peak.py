"""Run ``sbfa-pack validate`` in a process of its own and measure its peak memory.

``getrusage(RUSAGE_CHILDREN)`` in the test process would report the largest child the whole test
run has waited for so far (a browser driver, an LRS), so the child measures itself, and its own
children (the workers validate forks), and says so on its last line of stderr.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_CODE = """
import resource, sys
from sbfa_pack.cli import main
sys.argv = ['sbfa-pack', 'validate', sys.argv[1]]
try:
    main()
finally:
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak-kb {kb}", file=sys.stderr)
"""


def validate_with_peak(root: Path, timeout: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """The finished ``validate`` process (its stderr without the measure) and its peak memory in MB."""
    proc = subprocess.run([sys.executable, "-c", _CODE, str(root)], capture_output=True, text=True, timeout=timeout)
    head, _, last = proc.stderr.rstrip("\n").rpartition("\n")
    assert last.startswith("peak-kb "), proc.stderr[-2000:]
    proc.stderr = head
    return proc, int(last.split()[1]) / 1024
